/**
 * Disputes (docs/DISPUTES.md): a branch questions items of a published report within the
 * organisation's window; a reviewer or admin who did not review the report decides each item
 * blind to who raised it, and may void the report or have it shopped again.
 *
 * Raising and deciding each cost three D1 round trips (session, one read batch, one write
 * batch with the events; a lost chain seq retries with a fresh head). Deciding writes, in ONE
 * batch: the dispute's guarded UPDATE first, the report's UPDATE (guarded by the report's
 * version and by the dispute's UPDATE having changed its row), the events (guarded on both),
 * the items' outcomes, the answers' rulings, the roll-up moves (out with the old result, in
 * with the new unless voided), the `reshop` visit and the notifications; a void or reshop also
 * withdraws the report's still-payable fee (guarded, its event last: docs/PAYOUTS.md).
 *
 * Order of refusals: a role that may never act 403 (before the body); a report or dispute the
 * actor may not see 404; the report's own reviewer 403 `conflict_of_interest`; a stale
 * `version` 409; a state that does not allow it 409; then the body's items 400.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { Hono } from "hono";
import { assignments } from "../../schema";
import type { ItemOutcomeDecision } from "../../schema/enums";
import { orStale, recordChange, staleVersion } from "../data/changes";
import { isUniqueViolation, parseJsonColumn } from "../data/db";
import {
  type DecideContext,
  type DisputeRecord,
  decideDisputeStatement,
  decideItemStatements,
  disputeFiguresQuery,
  disputePageQuery,
  disputePhotoQuery,
  disputeRecordOf,
  disputeRecordQuery,
  disputeVersion,
  insertDisputeStatements,
  readDecideContext,
  readRaiseContext,
  ruleAnswerStatements,
  ruleReportStatement,
} from "../data/disputes";
import { withdrawEarningStatement } from "../data/earnings";
import { appendEventStatements, chainHeadOf, chainHeadQuery, commitChained } from "../data/events";
import { notifyStatements } from "../data/notifications";
import { rollupStatements } from "../data/rollups";
import { addDays } from "../domain/actions";
import { localDate } from "../domain/audits";
import {
  applyRulings,
  arbiterStanding,
  checkDecisions,
  checkDisputeItems,
  countsAfterDecision,
  daysOf,
  disputeView,
  disputeWindowOpen,
  median,
  RESHOP_SCENARIO,
  RESHOP_WINDOW_DAYS,
  reshopShopper,
  shownAsPublished,
} from "../domain/disputes";
import { lastDayOf, resolvePeriod } from "../domain/periods";
import { branchScope } from "../domain/policy";
import { publishedContentOf } from "../domain/receipts";
import { rollupDelta } from "../domain/rollups";
import { answerOfRow, scoreAudit } from "../domain/scoring";
import { type ChainedEvent, chainEvents, type EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { photoResponse } from "../lib/photos";
import { signPublication } from "../lib/receipts";
import { validate, validateRowId, validateRowParams } from "../lib/validate";
import { presentDispute } from "../presenters/disputes";
import {
  decideDisputeBody,
  disputeEvidenceParam,
  disputeFiguresQuery as figuresQuery,
  listDisputesQuery,
  raiseDisputeBody,
} from "../validation/disputes";

/** The one dispute a batch's read-back found (it was just written, so it is there). */
function readBack(rows: unknown): DisputeRecord {
  const row = (rows as Parameters<typeof disputeRecordOf>[0][])[0];
  if (!row) throw new Error("dispute vanished after its write");
  return disputeRecordOf(row);
}

/** `POST /audits/:id/disputes`: a branch's manager disputes items of a published report. */
export const auditDisputeRoutes = new Hono<AppEnv>().post(
  "/:id/disputes",
  permitRole("create", "dispute"),
  validate("json", raiseDisputeBody),
  validateRowId(),
  async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    const shas = [...new Set(body.items.flatMap((i) => (i.evidence ? [i.evidence] : [])))];
    const ctx = await readRaiseContext(db, {
      organizationId: actor.organizationId,
      auditId: id,
      userId: actor.userId,
      shas,
    });
    const report = ctx.report;
    if (!report) throw new ApiError("not_found");
    const where = { branchId: report.branchId, regionId: report.regionId };
    authorize(actor, "read", {
      type: "audit",
      shopperId: report.shopperId,
      ...where,
      published: shownAsPublished(report.status),
    });
    authorize(actor, "create", { type: "dispute", ...where });
    if (report.status !== "published") {
      throw new ApiError(
        "invalid_state",
        "This report was voided by a dispute's decision: it can no longer be disputed",
      );
    }
    const now = Date.now();
    if (!disputeWindowOpen(report.publishedAt, report.windowDays, now)) throw new ApiError("dispute_window_closed");
    if (ctx.disputes.some((d) => d.status === "open")) throw new ApiError("dispute_open");
    // Items an earlier (decided) dispute decided cannot be disputed again.
    const decided = new Set(ctx.disputes.flatMap((d) => d.items.map((i) => i.itemKey)));
    const problems: FieldError[] = [
      ...checkDisputeItems(report.scoreResult, body.items, decided),
      ...body.items.flatMap((item, index): FieldError[] =>
        item.evidence && !ctx.uploaded.has(item.evidence)
          ? [{ path: `items[${index}].evidence`, code: "required", message: "Upload this photo before citing it" }]
          : [],
      ),
    ];
    if (problems.length) {
      throw new ApiError("validation_failed", "Some disputed items are not valid", { errors: problems });
    }
    const disputeId = crypto.randomUUID();
    try {
      const { after } = await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head: ctx.head,
        at: now,
        drafts: [
          {
            type: "dispute.raised",
            subject: { type: "dispute", id: disputeId },
            payload: {
              auditId: report.id,
              branchId: report.branchId,
              items: body.items.map((i) => ({ itemKey: i.itemKey, reason: i.reason, evidence: i.evidence ?? null })),
            },
          },
        ],
        change: insertDisputeStatements(
          db,
          {
            id: disputeId,
            organizationId: actor.organizationId,
            auditId: report.id,
            branchId: report.branchId,
            shopperId: report.shopperId,
            status: "open",
            raisedBy: actor.userId,
            raisedAt: now,
          },
          body.items,
        ),
        after: [disputeRecordQuery(db, actor.organizationId, disputeId)],
      });
      return c.json(presentDispute(readBack(after[0]), disputeView(actor)), 201);
    } catch (error) {
      // The partial unique index (one open dispute per report) refused a concurrent second one.
      if (isUniqueViolation(error)) throw new ApiError("dispute_open", undefined, { cause: error });
      throw error;
    }
  },
);

/** What a decision writes besides the dispute: the report's new columns, events and statements. */
function planDecision(
  ctx: DecideContext,
  input: {
    decisions: ReadonlyArray<{ itemKey: string; outcome: ItemOutcomeDecision; reason: string }>;
    report: "void" | "reshop" | undefined;
    reshopShopperId: string | null;
    now: number;
  },
) {
  const { audit, dispute } = ctx;
  const rows = applyRulings(ctx.answers, input.decisions);
  const changed = rows.filter((row, i) => row.ruling !== ctx.answers[i]?.ruling);
  const next = scoreAudit(ctx.document, rows.map(answerOfRow));
  const counts = countsAfterDecision(input.report);
  const reshop =
    input.report === "reshop" && input.reshopShopperId
      ? (() => {
          const today = localDate(input.now, ctx.timezone);
          return {
            id: crypto.randomUUID(),
            organizationId: audit.organizationId,
            branchId: audit.branchId,
            checklistVersionId: ctx.latestVersionId ?? audit.checklistVersionId,
            shopperId: input.reshopShopperId,
            windowStart: today,
            windowEnd: addDays(today, RESHOP_WINDOW_DAYS),
            scenario: RESHOP_SCENARIO,
            reshopOf: audit.id,
          };
        })()
      : null;
  const score = { before: audit.score, after: next.score };
  const outcomes = input.decisions.map((d) => ({ itemKey: d.itemKey, outcome: d.outcome, reason: d.reason }));
  const reportOutcome = input.report ?? null;
  const drafts: EventDraft[] = [
    {
      type: "dispute.decided",
      subject: { type: "dispute", id: dispute.id },
      payload: {
        auditId: audit.id,
        items: outcomes,
        score,
        report: reportOutcome,
        reshopAssignmentId: reshop?.id ?? null,
      },
    },
    {
      type: counts ? "audit.ruled" : "audit.voided",
      subject: { type: "audit", id: audit.id },
      // The report's receipt before the decision stays in the trail (a ruling re-signs it; a void ends it).
      payload: { disputeId: dispute.id, items: outcomes, score, report: reportOutcome, receipt: audit.receipt },
    },
  ];
  if (reshop) {
    const { id: _id, organizationId: _org, ...visit } = reshop;
    drafts.push({ type: "assignment.created", subject: { type: "assignment", id: reshop.id }, payload: visit });
  }
  // A void or reshop withdraws the report's fee while it is still payable (approved or paid
  // earnings stay: docs/PAYOUTS.md). Its event comes LAST: the batch puts the guarded withdrawal
  // right before it, so the event is only stored when the earning really was withdrawn.
  const withdraw = !counts && ctx.earning?.earningStatus === "payable" ? ctx.earning : null;
  if (withdraw) {
    drafts.push({
      type: "earning.withdrawn",
      subject: { type: "earning", id: withdraw.earningVisitId },
      payload: { auditId: audit.id, disputeId: dispute.id, report: reportOutcome },
    });
  }
  return { rows, changed, next, counts, reshop, score, reportOutcome, drafts, withdraw };
}

/** Disputes: the scoped list, one dispute, its photos, the decision and the figures. */
export const disputeRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "dispute"), validate("query", listDisputesQuery), async (c) => {
    const actor = requireActor(c);
    const { cursor, limit, ...filter } = c.req.valid("query");
    const rows = await disputePageQuery(
      c.var.db,
      actor.organizationId,
      branchScope(actor),
      filter,
      cursor ?? null,
      limit,
    );
    const page = rows.slice(0, limit).map(disputeRecordOf);
    const last = page.at(-1);
    const view = disputeView(actor);
    return c.json({
      items: page.map((record) => presentDispute(record, view)),
      nextCursor: rows.length > limit && last ? `${last.raisedAt}.${last.id}` : null,
    });
  })
  .get("/figures", permitRole("list", "dispute"), validate("query", figuresQuery), async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const scope = branchScope(actor);
    // Per shopper is head office's view only: branch staff never learn who the shoppers are.
    if (query.groupBy === "shopper" && scope.kind !== "all") throw new ApiError("forbidden");
    const today = new Date().toISOString().slice(0, 10);
    const period = resolvePeriod(
      { from: query.from && `${query.from}-01`, to: query.to && lastDayOf(query.to) },
      today,
    );
    const rows = await disputeFiguresQuery(c.var.db, query.groupBy, {
      organizationId: actor.organizationId,
      fromMonth: period.fromMonth,
      toMonth: period.toMonth,
      scope,
      branchId: query.branchId,
    });
    const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
    return c.json({
      from: period.fromMonth,
      to: period.toMonth,
      rows: rows.map((row) => {
        const reports = Number(row.reports);
        const disputes = Number(row.disputes);
        const items = Number(row.items);
        const upheld = Number(row.upheld);
        const overturned = Number(row.overturned);
        const days = median(parseJsonColumn<number[]>(row.durations ?? "[]").map(daysOf));
        return {
          id: row.id,
          name: query.groupBy === "branch" ? { en: row.nameEn, zh: row.nameZh } : row.name,
          reports,
          disputes,
          rate: rate(disputes, reports),
          items,
          upheld,
          upheldRate: rate(upheld, items),
          overturned,
          overturnedRate: rate(overturned, items),
          medianDaysToDecide: days,
        };
      }),
    });
  })
  .get("/:id", permitRole("read", "dispute"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const [row] = await disputeRecordQuery(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "dispute", branchId: row.branchId, regionId: row.regionId });
    return c.json(presentDispute(disputeRecordOf(row), disputeView(actor)));
  })
  .get("/:id/evidence/:sha256", permitRole("read", "dispute"), validateRowParams(disputeEvidenceParam), async (c) => {
    const actor = requireActor(c);
    const { id, sha256 } = c.req.valid("param");
    const db = c.var.db;
    const [[row], [photo]] = await db.batch([
      disputeRecordQuery(db, actor.organizationId, id),
      disputePhotoQuery(db, actor.organizationId, id, sha256),
    ]);
    if (!row || !photo) throw new ApiError("not_found");
    authorize(actor, "read", { type: "dispute", branchId: row.branchId, regionId: row.regionId });
    return photoResponse(c, photo);
  })
  .post(
    "/:id/decisions",
    permitRole("decide", "dispute"),
    validate("json", decideDisputeBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.var.db;
      const ctx = await readDecideContext(db, actor.organizationId, id);
      if (!ctx) throw new ApiError("not_found");
      const { dispute, audit } = ctx;
      authorize(actor, "decide", { type: "dispute", branchId: dispute.branchId, regionId: dispute.regionId });
      const standing = arbiterStanding(actor, { reviewedBy: audit.reviewedBy });
      if (standing !== "allow") throw new ApiError(standing);
      if (body.version !== dispute.version) throw staleVersion(dispute.version);
      if (dispute.status !== "open") throw new ApiError("invalid_state", "This dispute is already decided");
      if (audit.status !== "published") {
        throw new ApiError(
          "invalid_state",
          "The report is back in review: decide its dispute once it is published again",
        );
      }
      const problems: FieldError[] = checkDecisions(
        dispute.items.map((i) => i.itemKey),
        body.items,
      );
      if (problems.length)
        throw new ApiError("validation_failed", "Decide every disputed item once", { errors: problems });
      const reshopShopperId = body.report === "reshop" ? reshopShopper(ctx.shoppers, audit.shopperId) : null;
      if (body.report === "reshop" && !reshopShopperId) throw new ApiError("no_other_shopper");

      const now = Date.now();
      const plan = planDecision(ctx, { decisions: body.items, report: body.report, reshopShopperId, now });
      const target = {
        organizationId: audit.organizationId,
        branchId: audit.branchId,
        month: audit.visitMonth,
        checklistVersionId: audit.checklistVersionId,
        checklistId: ctx.checklistId,
      };
      const payload = {
        disputeId: dispute.id,
        auditId: audit.id,
        branchId: audit.branchId,
        score: plan.score,
        reportOutcome: plan.reportOutcome,
      };
      const notify = (recipients: Parameters<typeof notifyStatements>[1]["recipients"]) =>
        notifyStatements(db, {
          organizationId: actor.organizationId,
          kind: "dispute_decided",
          subject: { type: "dispute", id: dispute.id },
          payload,
          dedupeKey: `dispute_decided:${dispute.id}`,
          recipients,
          now,
        });
      const statements: BatchItem<"sqlite">[] = [
        ...decideItemStatements(db, dispute.id, body.items),
        ...ruleAnswerStatements(db, audit.id, plan.changed),
        // Only a published report is decided on: out with the old result, in with the new unless voided.
        ...rollupStatements(db, target, rollupDelta(audit.scoreResult, -1)),
        ...(plan.counts ? rollupStatements(db, target, rollupDelta(plan.next, 1)) : []),
        ...(plan.reshop ? [db.insert(assignments).values({ ...plan.reshop, createdBy: actor.userId })] : []),
        // The raiser and the shopper by id, the branch's managers by scope (one row each: dedupe key).
        ...notify({ kind: "users", userIds: [dispute.raisedBy, audit.shopperId] }),
        ...notify({ kind: "branch_managers", branchId: audit.branchId }),
      ];
      // A dispute (or its report) that moved on since it was read: 409 with the dispute's version now.
      const record = await orStale(
        commitChained(async (tries) => {
          const head = tries === 1 ? ctx.head : chainHeadOf(await chainHeadQuery(db, actor.organizationId));
          const chained = await chainEvents(head, plan.drafts, {
            organizationId: actor.organizationId,
            at: now,
            actor: { userId: actor.userId, role: actor.role },
          });
          // A ruling re-signs the report's receipt for what it now says; a void ends it (it stays in the trail).
          let receipt: Record<string, unknown> | null = null;
          if (plan.counts) {
            const ruled = chained.find((e) => e.type === "audit.ruled") as ChainedEvent;
            const content = publishedContentOf({ ...audit, scoreResult: plan.next }, plan.rows, ctx.evidence);
            receipt = (await signPublication(c.env.RECEIPT_SIGNING_KEY, content, ruled)) as unknown as Record<
              string,
              unknown
            >;
          }
          const results = await db.batch([
            decideDisputeStatement(db, actor.organizationId, dispute.id, body.version, {
              decidedBy: actor.userId,
              decidedAt: now,
              reportOutcome: plan.reportOutcome,
              reshopAssignmentId: plan.reshop?.id ?? null,
              scoreBefore: plan.score.before,
              scoreAfter: plan.score.after,
            }),
            ruleReportStatement(db, audit, {
              score: plan.next.score,
              criticalFailed: plan.next.criticalFailed,
              scoreResult: plan.next,
              receipt,
              ...(plan.counts ? {} : { status: "voided" as const }),
            }),
            ...(plan.withdraw
              ? [
                  ...appendEventStatements(db, chained.slice(0, -1), { guarded: true }),
                  // A payout that took the earning since it was read: the UPDATE changes no row,
                  // `earning.withdrawn` does not fit, and the decision is refused as stale.
                  withdrawEarningStatement(db, actor.organizationId, plan.withdraw),
                  ...appendEventStatements(db, chained.slice(-1), { guarded: true }),
                ]
              : appendEventStatements(db, chained, { guarded: true })),
            ...statements,
            disputeRecordQuery(db, actor.organizationId, dispute.id),
          ]);
          return readBack(results.at(-1));
        }),
        () => disputeVersion(db, actor.organizationId, dispute.id),
      );
      return c.json(presentDispute(record, disputeView(actor)), 200);
    },
  );
