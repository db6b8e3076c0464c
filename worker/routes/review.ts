/**
 * The review workflow's endpoints (docs/REVIEW.md). Every state change asks `reviewTransition`
 * (domain/review.ts) and writes exactly what it answers, with its events, in ONE D1 batch:
 * the guarded UPDATE (`WHERE version = ?`) first, then the events (they only fit when that
 * UPDATE changed the row), then answers, messages and roll-ups. Session, context read, write:
 * three round trips.
 *
 * Order of refusals: a role that may never take the action (policy, before the body is read)
 * 403; a report the actor cannot see 404; the machine's `forbidden` 403; a stale `version` 409
 * `stale_version` (with the current `version`); the machine's other refusals 409.
 */

import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AnswerRuling } from "../../schema/enums";
import type { AuditRow, FullAudit, ReviewMessageRow } from "../data/audits";
import { staleVersion } from "../data/changes";
import { isUniqueViolation } from "../data/db";
import {
  appendEventStatements,
  chainHeadOf,
  chainHeadQuery,
  commitChained,
  StaleWrite,
  subjectEventsQuery,
} from "../data/events";
import { notifyStatements } from "../data/notifications";
import { organizationSettingsQuery } from "../data/organizations";
import { publicationEffects } from "../data/publication";
import {
  auditVersion,
  insertMessagesStatement,
  periodBranchScoresQuery,
  QUEUE_STATUSES,
  type QueueStatus,
  queueCountsQuery,
  queueNames,
  queuePageQuery,
  type ReviewContext,
  type ReviewSet,
  readReviewContext,
  reviewUpdateStatement,
  upsertAnswerStatement,
  userNamesQuery,
} from "../data/reviews";
import { rollupStatements } from "../data/rollups";
import type { SessionActor } from "../data/sessions";
import { isScored, listItems } from "../domain/checklists";
import { disputeView, shownAsPublished } from "../domain/disputes";
import { periodImpact } from "../domain/impact";
import { type Actor, auditView } from "../domain/policy";
import { publishedContentOf } from "../domain/receipts";
import { type ReviewAction, type ReviewTransition, reviewTransition, slaStanding } from "../domain/review";
import { rollupDelta } from "../domain/rollups";
import { answerOfRow, checkAnswers, type ScoreResult, scoreAudit } from "../domain/scoring";
import { type ChainedEvent, chainEvents, type EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { signPublication } from "../lib/receipts";
import { validate } from "../lib/validate";
import { presentAudit } from "../presenters";
import { auditIdParam } from "../validation/audits";
import {
  auditItemParam,
  editAnswerBody,
  reasonBody,
  repliesBody,
  returnBody,
  reviewQueueQuery,
  versionBody,
} from "../validation/review";

type Ctx = Context<AppEnv>;

/** The report as the policy describes it, for visibility (404 when the actor may not see it). */
function assertVisible(actor: SessionActor, full: FullAudit): void {
  authorize(actor, "read", {
    type: "audit",
    shopperId: full.audit.shopperId,
    branchId: full.audit.branchId,
    regionId: full.regionId,
    published: shownAsPublished(full.audit.status),
  });
}

/** The report under review with everything an action needs; 404 when it is not there or not the actor's to see. */
async function readVisibleContext(actor: SessionActor, db: Ctx["var"]["db"], auditId: string): Promise<ReviewContext> {
  const ctx = await readReviewContext(db, actor.organizationId, auditId);
  if (!ctx) throw new ApiError("not_found");
  assertVisible(actor, ctx.full);
  return ctx;
}

/** The machine's answer for this report, action and actor. */
function transitionOf(actor: Actor, audit: AuditRow, action: ReviewAction): ReviewTransition {
  return reviewTransition({ status: audit.status, claimedBy: audit.claimedBy, shopperId: audit.shopperId }, action, {
    userId: actor.userId,
    role: actor.role,
  });
}

/** The refusals, in order: the machine's `forbidden`, then a stale version, then the rest. */
function assertTransition(transition: ReviewTransition, audit: AuditRow, version: number | null) {
  if (!transition.ok && transition.refusal === "forbidden") throw new ApiError("forbidden");
  if (version !== null && version !== audit.version) throw staleVersion(audit.version);
  if (!transition.ok) throw new ApiError(transition.refusal);
  return transition;
}

/** What one review action writes, beyond the machine's new status and claim. */
interface Plan {
  set: ReviewSet;
  drafts: EventDraft[];
  /** Statements after the events (answers, messages, roll-ups). */
  extra?: BatchItem<"sqlite">[];
  /** Sign a receipt for the publication event (the `audit.published` draft). */
  receipt?: boolean;
  /** The answers and messages as they will be after the write (for the answer). */
  answers?: FullAudit["answers"];
  messages?: FullAudit["messages"];
}

/** The roll-up statements of a transition: out with the old result, in with the new. */
function rollupMoves(
  ctx: ReviewContext,
  t: Extract<ReviewTransition, { ok: true }>,
  next: ScoreResult,
  db: Ctx["var"]["db"],
) {
  const audit = ctx.full.audit;
  const target = {
    organizationId: audit.organizationId,
    branchId: audit.branchId,
    month: audit.visitMonth,
    checklistVersionId: audit.checklistVersionId,
    checklistId: ctx.checklistId,
  };
  return [
    ...(t.counted.before ? rollupStatements(db, target, rollupDelta(audit.scoreResult, -1)) : []),
    ...(t.counted.after ? rollupStatements(db, target, rollupDelta(next, 1)) : []),
  ];
}

/**
 * Reads the report, asks the machine, builds the plan and commits it in one batch (retrying a
 * lost chain seq with a fresh head). Returns the report as written.
 */
async function commitReview(
  c: Ctx,
  auditId: string,
  action: ReviewAction,
  version: number | null,
  build: (ctx: ReviewContext, t: Extract<ReviewTransition, { ok: true }>, now: number) => Plan | Promise<Plan>,
  /** The report as the caller already read it with `readVisibleContext` (the replies' replay check). */
  known?: ReviewContext,
) {
  const actor = requireActor(c);
  const db = c.var.db;
  const ctx = known ?? (await readVisibleContext(actor, db, auditId));
  const audit = ctx.full.audit;
  const t = assertTransition(transitionOf(actor, audit, action), audit, version);
  const now = Date.now();
  const plan = await build(ctx, t, now);
  const set: ReviewSet = {
    status: t.next.status,
    claimedBy: t.next.claimedBy,
    claimedAt: t.next.claimedBy === null ? null : t.next.claimedBy === audit.claimedBy ? audit.claimedAt : now,
    ...plan.set,
  };
  const basedOn = version ?? audit.version;
  try {
    return await commitChained(async (tries) => {
      const head = tries === 1 ? ctx.head : chainHeadOf(await chainHeadQuery(db, actor.organizationId));
      const chained = await chainEvents(head, plan.drafts, {
        organizationId: actor.organizationId,
        at: now,
        actor: { userId: actor.userId, role: actor.role },
      });
      const row: AuditRow = { ...audit, ...set, version: audit.version + 1 };
      const answers = plan.answers ?? ctx.full.answers;
      if (plan.receipt) {
        const event = chained.find((e) => e.type === "audit.published") as ChainedEvent;
        const content = publishedContentOf(row, answers, ctx.full.evidence);
        const receipt = await signPublication(c.env.RECEIPT_SIGNING_KEY, content, event);
        row.receipt = receipt as unknown as AuditRow["receipt"];
        set.receipt = row.receipt;
      }
      await db.batch([
        reviewUpdateStatement(db, audit, basedOn, set),
        ...appendEventStatements(db, chained, { guarded: true }),
        ...(plan.extra ?? []),
      ]);
      const full: FullAudit = { ...ctx.full, audit: row, answers, messages: plan.messages ?? ctx.full.messages };
      return { full, ctx };
    });
  } catch (error) {
    if (!(error instanceof StaleWrite)) throw error;
    throw staleVersion((await auditVersion(db, actor.organizationId, auditId)) ?? basedOn);
  }
}

const subject = (id: string) => ({ type: "audit", id });

/**
 * A simple transition: only the status, the claim and a payload change. Called by each route's
 * own handler with its validated input, so the routes keep their validators' types (the typed
 * client sees `{ version }` or `{ version, reason }`).
 */
async function simpleTransition(c: Ctx, action: ReviewAction, id: string, input: { version: number; reason?: string }) {
  const actor = requireActor(c);
  const { full } = await commitReview(c, id, action, input.version, (ctx, t, now) => {
    const audit = ctx.full.audit;
    const by = { reviewedBy: actor.userId };
    switch (action) {
      case "claim":
        return {
          set: {},
          drafts: [
            {
              type: "audit.claimed",
              subject: subject(audit.id),
              payload: t.takeover ? { takeover: true, from: audit.claimedBy } : { takeover: false },
            },
          ],
        };
      case "release":
        return { set: {}, drafts: [{ type: "audit.released", subject: subject(audit.id), payload: {} }] };
      case "publish": {
        // Publishing judges the branch's corrective actions and notifies its managers (same batch).
        const effects = publicationEffects(
          c.var.db,
          {
            organizationId: audit.organizationId,
            auditId: audit.id,
            branchId: audit.branchId,
            checklistId: ctx.checklistId,
            document: ctx.document,
            result: audit.scoreResult,
            score: audit.score,
            visitStartedAt: audit.visitStartedAt,
            timezone: ctx.timezone,
            actionsOnCritical: ctx.settings.actionsOnCritical,
            earning: ctx.earning,
            now,
          },
          ctx.watched,
        );
        return {
          set: { ...by, publishedAt: now },
          drafts: [
            {
              type: "audit.published",
              subject: subject(audit.id),
              payload: { score: audit.score, submittedScore: audit.submittedScore },
            },
            ...effects.drafts,
          ],
          extra: [...rollupMoves(ctx, t, audit.scoreResult, c.var.db), ...effects.statements],
          receipt: true,
        };
      }
      case "reject":
        return {
          set: { ...by, rejectionReason: input.reason ?? "", publishedAt: null },
          drafts: [{ type: "audit.rejected", subject: subject(audit.id), payload: { reason: input.reason } }],
          extra: rollupMoves(ctx, t, audit.scoreResult, c.var.db),
        };
      case "reopen":
        // The receipt leaves the row (it no longer describes a published report) but stays in
        // the trail: the reopen event carries it, and the publication event it names is kept.
        return {
          set: { publishedAt: null, receipt: null },
          drafts: [
            {
              type: "audit.reopened",
              subject: subject(audit.id),
              payload: { reason: input.reason, receipt: audit.receipt },
            },
          ],
          extra: rollupMoves(ctx, t, audit.scoreResult, c.var.db),
        };
      default:
        throw new Error(`simpleTransition: ${action} is not a simple transition`);
    }
  });
  return presentAudit(full, auditView(actor), disputeView(actor));
}

/** One event of a report's timeline, as the reader may see it. */
interface HistoryItem {
  seq: number;
  at: string;
  type: string;
  /** Who acted: names for head office only; null for the shopper's own events when a manager reads. */
  actor: { id: string | null; name: string | null; role: string | null } | null;
  payload: Record<string, unknown>;
}

/** A reply set as stored under one client id: `<clientId>:<index>` per reply (the index is unique per report). */
function repliesOf(messages: readonly ReviewMessageRow[], clientId: string) {
  return messages
    .filter((m) => m.kind === "reply" && m.clientId?.startsWith(`${clientId}:`))
    .sort((a, b) => Number(a.clientId?.split(":")[1]) - Number(b.clientId?.split(":")[1]))
    .map((m) => ({ questionId: m.questionId ?? "", text: m.text }));
}

/** Reviewing reports: the queue, each transition, the timeline and the impact preview. */
export const reviewAuditRoutes = new Hono<AppEnv>()
  .post(
    "/:id/claim",
    permitRole("review", "audit"),
    validate("param", auditIdParam),
    validate("json", versionBody),
    async (c) => c.json(await simpleTransition(c, "claim", c.req.valid("param").id, c.req.valid("json"))),
  )
  .post(
    "/:id/release",
    permitRole("review", "audit"),
    validate("param", auditIdParam),
    validate("json", versionBody),
    async (c) => c.json(await simpleTransition(c, "release", c.req.valid("param").id, c.req.valid("json"))),
  )
  .post(
    "/:id/publish",
    permitRole("review", "audit"),
    validate("param", auditIdParam),
    validate("json", versionBody),
    async (c) => c.json(await simpleTransition(c, "publish", c.req.valid("param").id, c.req.valid("json"))),
  )
  .post(
    "/:id/reject",
    permitRole("review", "audit"),
    validate("param", auditIdParam),
    validate("json", reasonBody),
    async (c) => c.json(await simpleTransition(c, "reject", c.req.valid("param").id, c.req.valid("json"))),
  )
  .post(
    "/:id/reopen",
    permitRole("reopen", "audit"),
    validate("param", auditIdParam),
    validate("json", reasonBody),
    async (c) => c.json(await simpleTransition(c, "reopen", c.req.valid("param").id, c.req.valid("json"))),
  )
  .patch(
    "/:id/answers/:itemKey",
    permitRole("review", "audit"),
    validate("param", auditItemParam),
    validate("json", editAnswerBody),
    async (c) => {
      const actor = requireActor(c);
      const { id, itemKey } = c.req.valid("param");
      const body = c.req.valid("json");
      const { full, ctx } = await commitReview(c, id, "edit", body.version, (ctx, t) => {
        const audit = ctx.full.audit;
        const item = listItems(ctx.document).find((i) => i.item.key === itemKey)?.item;
        if (!item) {
          throw new ApiError("validation_failed", "No such item in this report's checklist", {
            errors: [
              { path: "itemKey", code: "unknown_reference", message: `No item "${itemKey}" in this checklist version` },
            ],
          });
        }
        const old = ctx.full.answers.find((a) => a.itemKey === itemKey);
        // A reviewer's edit is a new judgement of the item: a dispute's earlier ruling on it ends.
        const next = {
          auditId: audit.id,
          itemKey,
          value: body.na ? null : (body.value ?? null),
          na: body.na ?? false,
          comment: body.comment ?? old?.comment ?? "",
          ruling: null as AnswerRuling | null,
        };
        // The value is judged exactly as a submission's would be (kind, range, N/A allowed).
        const problems: FieldError[] = checkAnswers(ctx.document, [answerOfRow(next)]).map((p) => ({
          path: p.path.replace(/^answers\[0\]\./, ""),
          code: p.code,
          message: p.message,
        }));
        const answers = [...ctx.full.answers.filter((a) => a.itemKey !== itemKey), next];
        const result = scoreAudit(ctx.document, answers.map(answerOfRow));
        const outcome = result.sections.flatMap((s) => s.items).find((i) => i.key === itemKey)?.outcome;
        if (isScored(item) && outcome === "fail" && item.evidenceOnFail === "comment" && !next.comment.trim()) {
          problems.push({
            path: "comment",
            code: "required",
            message: "Say what happened: this item needs a comment when it fails",
          });
        }
        if (problems.length)
          throw new ApiError("validation_failed", "The answer is not valid for this item", { errors: problems });
        const shape = (a: Pick<typeof next, "value" | "na" | "comment"> | undefined) =>
          a ? { value: a.na ? null : a.value, na: a.na, comment: a.comment } : { value: null, na: false, comment: "" };
        return {
          set: { score: result.score, criticalFailed: result.criticalFailed, scoreResult: result },
          drafts: [
            {
              type: "audit.answer_edited",
              subject: subject(audit.id),
              payload: {
                item: itemKey,
                old: shape(old),
                new: shape(next),
                reason: body.reason,
                score: { before: audit.score, after: result.score },
              },
            },
          ],
          extra: [upsertAnswerStatement(c.var.db, next), ...rollupMoves(ctx, t, result, c.var.db)],
          answers,
        };
      });
      return c.json({
        audit: presentAudit(full, auditView(actor), disputeView(actor)),
        version: full.audit.version,
        score: { before: ctx.full.audit.score, after: full.audit.score },
      });
    },
  )
  .post(
    "/:id/return",
    permitRole("review", "audit"),
    validate("param", auditIdParam),
    validate("json", returnBody),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const { full } = await commitReview(c, id, "return", body.version, (ctx, _t, now) => {
        const keys = new Set(listItems(ctx.document).map((i) => i.item.key));
        const problems: FieldError[] = body.questions.flatMap((q, index) =>
          q.itemKey !== undefined && !keys.has(q.itemKey)
            ? [
                {
                  path: `questions[${index}].itemKey`,
                  code: "unknown_reference",
                  message: `No item "${q.itemKey}" in this checklist version`,
                },
              ]
            : [],
        );
        if (problems.length)
          throw new ApiError("validation_failed", "A question names an unknown item", { errors: problems });
        const rows: ReviewMessageRow[] = body.questions.map((q, index) => ({
          id: crypto.randomUUID(),
          organizationId: actor.organizationId,
          auditId: id,
          kind: "question",
          questionId: null,
          itemKey: q.itemKey ?? null,
          text: q.text,
          authorId: actor.userId,
          clientId: null,
          // Questions of one return keep their order (createdAt, then id).
          createdAt: now + index,
        }));
        return {
          set: { reviewedBy: actor.userId },
          drafts: [
            {
              type: "audit.returned",
              subject: subject(id),
              payload: { questions: rows.map((r) => ({ id: r.id, itemKey: r.itemKey, text: r.text })) },
            },
          ],
          extra: [
            insertMessagesStatement(c.var.db, rows),
            // The shopper hears of it (the bell, and email where configured): which report, where.
            ...notifyStatements(c.var.db, {
              organizationId: actor.organizationId,
              kind: "report_returned",
              subject: subject(id),
              payload: { auditId: id, branchId: ctx.full.audit.branchId, questions: rows.length },
              dedupeKey: `report_returned:${id}:${now}`,
              recipients: { kind: "users", userIds: [ctx.full.audit.shopperId] },
              now,
            }),
          ],
          messages: [...ctx.full.messages, ...rows],
        };
      });
      return c.json(presentAudit(full, auditView(actor), disputeView(actor)));
    },
  )
  .post(
    "/:id/replies",
    permitRole("reply", "audit"),
    validate("param", auditIdParam),
    validate("json", repliesBody),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const sent = body.replies.map((r) => ({ questionId: r.questionId, text: r.text }));
      // The phone's outbox may send the same replies again (offline, retries): the first answer
      // stands, a replay answers the report as it is now and changes nothing.
      const replayOrNull = (ctx: ReviewContext) => {
        const stored = repliesOf(ctx.full.messages, body.clientId);
        if (!stored.length) return null;
        if (JSON.stringify(stored) !== JSON.stringify(sent)) {
          throw new ApiError("conflict", "Other replies were already sent under this client id; nothing was changed", {
            errors: [{ path: "clientId", code: "taken", message: "This client id was used for other replies" }],
          });
        }
        return c.json(presentAudit(ctx.full, auditView(actor), disputeView(actor)), 200);
      };
      for (let attempt = 1; ; attempt++) {
        const ctx = await readVisibleContext(actor, c.var.db, id);
        const replay = replayOrNull(ctx);
        if (replay) return replay;
        try {
          const { full } = await commitReview(
            c,
            id,
            "reply",
            null,
            (known, _t, now) => {
              const questions = new Set(known.full.messages.filter((m) => m.kind === "question").map((m) => m.id));
              const problems: FieldError[] = body.replies.flatMap((r, index) =>
                questions.has(r.questionId)
                  ? []
                  : [
                      {
                        path: `replies[${index}].questionId`,
                        code: "unknown_reference",
                        message: "No such question on this report",
                      },
                    ],
              );
              if (problems.length)
                throw new ApiError("validation_failed", "A reply answers an unknown question", { errors: problems });
              const rows: ReviewMessageRow[] = body.replies.map((r, index) => ({
                id: crypto.randomUUID(),
                organizationId: actor.organizationId,
                auditId: id,
                kind: "reply",
                questionId: r.questionId,
                itemKey: known.full.messages.find((m) => m.id === r.questionId)?.itemKey ?? null,
                text: r.text,
                authorId: actor.userId,
                clientId: `${body.clientId}:${index}`,
                createdAt: now + index,
              }));
              return {
                set: {},
                drafts: [
                  {
                    type: "audit.replied",
                    subject: subject(id),
                    payload: { clientId: body.clientId, replies: sent },
                  },
                ],
                extra: [insertMessagesStatement(c.var.db, rows)],
                messages: [...known.full.messages, ...rows],
              };
            },
            ctx,
          );
          return c.json(presentAudit(full, auditView(actor), disputeView(actor)), 200);
        } catch (error) {
          // A concurrent copy of the same replies won the race: answer as its replay.
          const lost = error instanceof ApiError && error.code === "stale_version";
          if ((!lost && !isUniqueViolation(error)) || attempt >= 3) throw error;
        }
      }
    },
  )
  .get("/:id/history", validate("param", auditIdParam), async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid("param");
    const db = c.var.db;
    await readVisibleContext(actor, db, id);
    const rows = await subjectEventsQuery(db, actor.organizationId, "audit", id);
    const view = auditView(actor);
    const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
    const names = view.review && actorIds.length ? await userNamesQuery(db, actorIds) : [];
    const nameOf = new Map(names.map((n) => [n.id, n.displayName]));
    const items = rows.flatMap((event): HistoryItem[] => {
      const base = { seq: event.seq, at: new Date(event.at).toISOString(), type: event.type };
      const payload = event.payload as Record<string, unknown>;
      if (view.review) {
        // Head office: everything, with names.
        const actorBody = event.actorId
          ? { id: event.actorId, name: nameOf.get(event.actorId) ?? null, role: event.actorRole }
          : null;
        return [{ ...base, actor: actorBody, payload }];
      }
      if (view.shopper) {
        // The shopper: their report's whole timeline, reviewers by role only.
        const own = event.actorId === actor.userId;
        const { from: _from, ...rest } = payload;
        return [
          {
            ...base,
            actor: event.actorRole ? { id: own ? actor.userId : null, name: null, role: event.actorRole } : null,
            payload: rest,
          },
        ];
      }
      // Branch and regional managers: what happened to the published content, never who the
      // shopper is, never the review's internals (claims, questions, replies, flags).
      const shopperEvent = event.actorRole === "shopper";
      const reviewerActor = shopperEvent || !event.actorRole ? null : { id: null, name: null, role: event.actorRole };
      switch (event.type) {
        case "audit.submitted":
          return [{ ...base, actor: null, payload: {} }];
        case "audit.answer_edited":
          return [
            {
              ...base,
              actor: reviewerActor,
              payload: {
                item: payload.item,
                old: payload.old,
                new: payload.new,
                reason: payload.reason,
                score: payload.score,
              },
            },
          ];
        case "audit.published":
          return [{ ...base, actor: shopperEvent ? null : reviewerActor, payload: { score: payload.score } }];
        case "audit.reopened":
          return [{ ...base, actor: reviewerActor, payload: { reason: payload.reason } }];
        case "audit.ruled":
        case "audit.voided":
          // A dispute's decision: outcomes, the arbiter's reasons and the scores (the arbiter by role only).
          return [
            {
              ...base,
              actor: reviewerActor,
              payload: {
                disputeId: payload.disputeId,
                items: payload.items,
                score: payload.score,
                report: payload.report,
              },
            },
          ];
        default:
          return [];
      }
    });
    return c.json({ items });
  })
  .get("/:id/impact", permitRole("review", "audit"), validate("param", auditIdParam), async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid("param");
    const db = c.var.db;
    const ctx = await readVisibleContext(actor, db, id);
    const audit = ctx.full.audit;
    // What publishing would do: the claimer's publish must be allowed now (an admin may look at
    // any claimed report without taking it over).
    const t = transitionOf(actor, audit, "publish");
    const adminLook = !t.ok && t.refusal === "claim_required" && actor.role === "admin";
    if (!adminLook) assertTransition(t, audit, null);
    const rows = await periodBranchScoresQuery(db, actor.organizationId, audit.visitMonth, ctx.checklistId);
    const impact = periodImpact(
      rows.map((r) => ({ branchId: r.branchId, scored: Number(r.scored), scoreSum: Number(r.scoreSum) })),
      audit.branchId,
      audit.score,
      audit.status === "published" ? audit.score : null,
    );
    return c.json({
      score: { submitted: audit.submittedScore, current: audit.score },
      period: { month: audit.visitMonth, checklistId: ctx.checklistId, branchId: audit.branchId, ...impact },
    });
  });

/** `GET /review-queue`: reports waiting, claimed (by whom) and returned, oldest first. */
export const reviewQueueRoutes = new Hono<AppEnv>().get(
  "/",
  permitRole("review", "audit"),
  validate("query", reviewQueueQuery),
  async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const db = c.var.db;
    const now = Date.now();
    const mine = query.claimedByMe === "true";
    const wanted: readonly QueueStatus[] = query.status ? [query.status] : QUEUE_STATUSES;
    // Claimed by me: only claimed reports can be (an empty list when another state was asked for).
    const statuses = mine ? wanted.filter((s) => s === "claimed") : wanted;
    const filter = {
      statuses,
      branchId: query.branchId,
      regionId: query.regionId,
      checklistId: query.checklistId,
      claimedBy: mine ? actor.userId : undefined,
    };
    const after = query.cursor ?? null;
    // Counting reads each state's whole index range (10,000 waiting: ~17,000 index entries):
    // only a request that asks (`counts=true`: the queue's first load, the reviewer's home)
    // pays for it, so a page reads its own rows only (bench/review.ts).
    const [settingsRows, pageRows, countRows] = await db.batch([
      organizationSettingsQuery(db, actor.organizationId),
      queuePageQuery(db, actor.organizationId, filter, after, query.limit),
      queueCountsQuery(db, actor.organizationId, actor.userId, now, query.counts === "true"),
    ]);
    const slaHours = settingsRows[0]?.reviewSlaHours ?? 48;
    const page = pageRows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = pageRows.length > query.limit && last ? `${last.submittedAt}.${last.id}` : null;
    const names = page.length
      ? await queueNames(db, actor.organizationId, {
          branchIds: [...new Set(page.map((r) => r.branchId))],
          versionIds: [...new Set(page.map((r) => r.checklistVersionId))],
          userIds: [...new Set(page.flatMap((r) => (r.claimedBy ? [r.claimedBy] : [])))],
        })
      : null;
    const counts = countRows[0];
    return c.json({
      items: page.map((r) => {
        const branch = names?.branches.get(r.branchId);
        const checklist = names?.checklists.get(r.checklistVersionId);
        return {
          id: r.id,
          status: r.status,
          version: r.version,
          branch: {
            id: r.branchId,
            code: branch?.code ?? "",
            name: { en: branch?.nameEn ?? "", zh: branch?.nameZh ?? "" },
          },
          checklist: {
            id: checklist?.checklistId ?? "",
            versionId: r.checklistVersionId,
            name: { en: checklist?.nameEn ?? "", zh: checklist?.nameZh ?? "" },
          },
          submittedAt: new Date(r.submittedAt).toISOString(),
          ageHours: Math.round(((now - r.submittedAt) / 3_600_000) * 10) / 10,
          sla: slaStanding(r.submittedAt, now, slaHours),
          claimedBy: r.claimedBy ? { id: r.claimedBy, name: names?.users.get(r.claimedBy) ?? "" } : null,
          claimedAt: r.claimedAt === null ? null : new Date(r.claimedAt).toISOString(),
          score: r.score,
          late: r.late,
        };
      }),
      nextCursor,
      slaHours,
      /** The reviewer's home figures (first page only; null on later pages). */
      counts: counts
        ? {
            waiting: Number(counts.waiting),
            overdue: Number(counts.overdueWaiting) + Number(counts.overdueClaimed),
            claimedByMe: Number(counts.claimedByMe),
            returned: Number(counts.returned),
          }
        : null,
    });
  },
);
