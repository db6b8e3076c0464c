/**
 * Corrective actions (docs/ACTIONS.md): created from failed items of a published report,
 * moved by `actionStep` (domain/actions.ts), judged by later visits (data/publication.ts).
 * Every change is ONE batch: the guarded UPDATE (`WHERE version = ?`) first, its events, then
 * notifications and the read-back (`recordChange`).
 *
 * Order of refusals: a role that may never act 403 (before any input is read); a bad body 400;
 * an action (or report) the caller cannot see 404; the step's `forbidden` 403; a stale
 * `version` 409 `stale_version`; a state the step does not start from 409 `invalid_state`;
 * then the references in the body (owner, due date, photo) 400.
 */

import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { actions, audits } from "../../schema";
import type { ActionStatus } from "../../schema/enums";
import {
  type ActionCursor,
  type ActionRow,
  type ActionSet,
  actionFactsQuery,
  actionHistoryQuery,
  actionQuery,
  actionRowOf,
  actionSourceQuery,
  actionUpdateStatement,
  actionVersion,
  branchZonesQuery,
  figureBranchesQuery,
  figureRegionsQuery,
  insertActionStatements,
  listActionsQuery,
  type OwnerCandidate,
  ownerCandidateQuery,
  uploadQuery,
} from "../data/actions";
import { fieldChanges, orStale, recordChange, staleVersion } from "../data/changes";
import { isUniqueViolation, parseJsonColumn } from "../data/db";
import { chainHeadOf, chainHeadQuery } from "../data/events";
import { notifyStatements } from "../data/notifications";
import type { SessionActor } from "../data/sessions";
import { ownUploadsQuery } from "../data/uploads";
import {
  type ActionFact,
  type ActionStep,
  actionFigures,
  actionStep,
  checkActionItems,
  editable,
} from "../domain/actions";
import { localDate } from "../domain/audits";
import { branchScope, decide } from "../domain/policy";
import type { ScoreResult } from "../domain/scoring";
import type { EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { photoResponse } from "../lib/photos";
import { validate, validateRowId, validateRowParams } from "../lib/validate";
import { type ActionFiguresRowBody, presentAction, presentActionHistory } from "../presenters/actions";
import {
  actionEvidenceParam,
  actionFiguresQuery,
  createActionBody,
  listActionsQuery as listQuery,
  updateActionBody,
} from "../validation/actions";

/** Whether a member may own an action of this branch: active, and the branch's actions are in what they see. */
function mayOwn(
  candidate: OwnerCandidate | undefined,
  branch: { id: string; regionId: string },
  organizationId: string,
) {
  if (!candidate) return false;
  const member = {
    userId: candidate.userId,
    organizationId,
    role: candidate.role,
    regionIds: candidate.inRegion ? [branch.regionId] : [],
    branchIds: candidate.inBranch ? [branch.id] : [],
  };
  // Seeing the branch's actions (not only the branch): a reviewer sees branches but never actions.
  return decide(member, "read", { type: "action", branchId: branch.id, regionId: branch.regionId }) === "allow";
}

function ownerError(): FieldError {
  return {
    path: "owner.userId",
    code: "unknown_reference",
    message: "No active member of this organisation who sees this branch",
  };
}

function dueDateError(today: string): FieldError {
  return { path: "dueDate", code: "not_allowed", message: `The due date may not be before today (${today})` };
}

function invalid(errors: FieldError[]): void {
  if (errors.length) throw new ApiError("validation_failed", "The action is not valid", { errors });
}

/** The action as the policy describes it; 404 when the caller cannot see it. */
function assertAction(actor: SessionActor, action: "read" | "update", row: ActionRow | undefined): ActionRow {
  if (!row) throw new ApiError("not_found");
  authorize(actor, action, { type: "action", branchId: row.branchId, regionId: row.regionId });
  return row;
}

/** The step a requested status takes from the current one (`open` returns a done action or reopens a verified one). */
function stepOf(current: ActionStatus, status: "done" | "verified" | "open"): ActionStep {
  if (status === "open") return current === "verified" ? "reopened" : "returned";
  return status;
}

/** What a step writes and the event that says so. */
function stepPlan(
  step: ActionStep,
  next: ActionStatus,
  input: { note?: string; evidence?: string; reason?: string },
  actor: SessionActor,
  now: number,
): { set: ActionSet; draft: Omit<EventDraft, "subject"> } {
  switch (step) {
    case "done":
      return {
        set: { status: next, doneNote: input.note ?? "", doneEvidenceSha256: input.evidence ?? null, doneAt: now },
        draft: { type: "action.done", payload: { note: input.note, evidence: input.evidence ?? null } },
      };
    case "verified":
      return {
        set: { status: next, verifiedBy: actor.userId, closedAt: now },
        draft: { type: "action.verified", payload: {} },
      };
    case "returned":
    case "reopened":
      // Back to open: a new round, watched by visits from now on.
      return {
        set: {
          status: next,
          returnReason: input.reason ?? "",
          doneAt: null,
          closedAt: null,
          verifiedBy: null,
          watchFrom: now,
        },
        draft: { type: step === "returned" ? "action.returned" : "action.reopened", payload: { reason: input.reason } },
      };
  }
}

/** Today in each time zone named (the branch calendars a list compares due dates with). */
function zoneTodays(zones: readonly { timezone: string }[], now: number): Record<string, string> {
  return Object.fromEntries(zones.map((z) => [z.timezone, localDate(now, z.timezone)]));
}

/** Each time zone's calendar (today, and an instant's local date), made once per zone: figures read many actions. */
function calendars(now: number) {
  const zones = new Map<string, Pick<ActionFact, "today" | "localDate">>();
  return (zone: string) => {
    let calendar = zones.get(zone);
    if (!calendar) {
      const format = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
      calendar = { today: localDate(now, zone), localDate: (instant: number) => format.format(new Date(instant)) };
      zones.set(zone, calendar);
    }
    return calendar;
  };
}

/**
 * The answer to a creation sent again under an id that already names an action: that action,
 * when it is the same person's creation from the same report; otherwise the id is taken (409).
 */
function replayedCreation(row: ReturnType<typeof actionRowOf>, userId: string, auditId: string) {
  if (row.createdBy !== userId || row.auditId !== auditId)
    throw new ApiError("conflict", "This id is taken: send the action with a new one");
  return presentAction(row, localDate(Date.now(), row.timezone));
}

/** Corrective actions of the branches in the caller's scope. */
export const actionRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "action"), validate("query", listQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { cursor, limit, ...filter } = c.req.valid("query");
    const now = Date.now();
    const todays = zoneTodays(await branchZonesQuery(db, actor.organizationId), now);
    const rows = (
      await listActionsQuery(db, actor.organizationId, branchScope(actor), filter, todays, cursor, limit)
    ).map(actionRowOf);
    const items = rows
      .slice(0, limit)
      .map((row) => presentAction(row, todays[row.timezone] ?? localDate(now, row.timezone)));
    const last = items.at(-1);
    const next: ActionCursor | null =
      rows.length > limit && last ? { overdue: last.overdue, dueDate: last.dueDate, id: last.id } : null;
    return c.json({
      items,
      nextCursor: next ? `${next.overdue ? 1 : 0}.${next.dueDate}.${next.id}` : null,
    });
  })
  .get("/figures", permitRole("list", "action"), validate("query", actionFiguresQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { groupBy, ...filter } = c.req.valid("query");
    const scope = branchScope(actor);
    const [facts, groups] = await db.batch([
      actionFactsQuery(db, actor.organizationId, scope, filter),
      groupBy === "branch"
        ? figureBranchesQuery(db, actor.organizationId, scope, filter)
        : figureRegionsQuery(db, actor.organizationId, scope, filter),
    ]);
    const calendarIn = calendars(Date.now());
    const byGroup = new Map<string, ActionFact[]>();
    for (const fact of facts) {
      const key = groupBy === "branch" ? fact.branchId : fact.regionId;
      const group = byGroup.get(key) ?? [];
      group.push({ ...fact, status: fact.status as ActionStatus, ...calendarIn(fact.timezone) });
      byGroup.set(key, group);
    }
    const rows: ActionFiguresRowBody[] = groups.map((g) => ({
      id: g.id,
      name: { en: g.nameEn, zh: g.nameZh },
      ...actionFigures(byGroup.get(g.id) ?? []),
    }));
    return c.json({ rows });
  })
  .post("/", permitRole("create", "action"), validate("json", createActionBody), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const input = c.req.valid("json");
    const org = actor.organizationId;
    const ownerId = "userId" in input.owner ? input.owner.userId : "";
    const branchOfAudit = sql`(select ${audits.branchId} from ${audits} where ${audits.organizationId} = ${org} and ${audits.id} = ${input.auditId})`;
    const id = input.id ?? crypto.randomUUID();
    const [[source], [candidate], head, [existing]] = await db.batch([
      actionSourceQuery(db, org, input.auditId),
      ownerCandidateQuery(db, org, ownerId, branchOfAudit),
      chainHeadQuery(db, org),
      actionQuery(db, org, id),
    ]);
    if (!source) throw new ApiError("not_found");
    authorize(actor, "read", {
      type: "audit",
      shopperId: source.shopperId,
      branchId: source.branchId,
      regionId: source.regionId,
      published: source.status === "published" || source.status === "voided",
    });
    authorize(actor, "create", { type: "action", branchId: source.branchId, regionId: source.regionId });
    // The same creation again (a retry, a double tap): the action it made, once.
    if (existing) return c.json(replayedCreation(actionRowOf(existing), actor.userId, input.auditId), 200);
    if (source.status !== "published")
      throw new ApiError("invalid_state", "Only a published report takes corrective actions");
    const now = Date.now();
    const today = localDate(now, source.timezone);
    const errors: FieldError[] = checkActionItems(parseJsonColumn<ScoreResult>(source.scoreResult), input.itemKeys);
    if ("userId" in input.owner && !mayOwn(candidate, { id: source.branchId, regionId: source.regionId }, org))
      errors.push(ownerError());
    if (input.dueDate < today) errors.push(dueDateError(today));
    invalid(errors);

    const created = await recordChange(db, {
      organizationId: org,
      actor,
      head: chainHeadOf(head),
      at: now,
      drafts: [
        {
          type: "action.created",
          subject: { type: "action", id },
          payload: {
            automatic: false,
            auditId: input.auditId,
            itemKeys: input.itemKeys,
            title: input.title,
            owner: input.owner,
            dueDate: input.dueDate,
          },
        },
      ],
      change: insertActionStatements(
        db,
        {
          id,
          organizationId: org,
          branchId: source.branchId,
          auditId: source.id,
          checklistId: source.checklistId,
          title: input.title,
          ownerUserId: "userId" in input.owner ? input.owner.userId : null,
          ownerName: "name" in input.owner ? input.owner.name : "",
          dueDate: input.dueDate,
          watchFrom: now,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        },
        input.itemKeys,
      ),
      after: [actionQuery(db, org, id)],
    }).catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      // Two sends of one creation raced: the other one made it.
      const [row] = await actionQuery(db, org, id);
      if (!row) throw new ApiError("conflict", "This id is taken: send the action with a new one");
      return { replay: replayedCreation(actionRowOf(row), actor.userId, input.auditId) };
    });
    if ("replay" in created) return c.json(created.replay, 200);
    const [row] = created.after[0] as Awaited<ReturnType<typeof actionQuery>>;
    if (!row) throw new Error("action vanished after insert");
    return c.json(presentAction(actionRowOf(row), today), 201);
  })
  .get("/:id", permitRole("read", "action"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [[found], history] = await db.batch([
      actionQuery(db, actor.organizationId, id),
      actionHistoryQuery(db, actor.organizationId, id),
    ]);
    const row = assertAction(actor, "read", found ? actionRowOf(found) : undefined);
    return c.json({
      ...presentAction(row, localDate(Date.now(), row.timezone)),
      history: presentActionHistory(history),
    });
  })
  .get("/:id/evidence/:sha256", permitRole("read", "action"), validateRowParams(actionEvidenceParam), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { id, sha256 } = c.req.valid("param");
    const [[found], [upload]] = await db.batch([
      actionQuery(db, actor.organizationId, id),
      uploadQuery(db, actor.organizationId, sha256),
    ]);
    const row = assertAction(actor, "read", found ? actionRowOf(found) : undefined);
    if (row.doneEvidenceSha256 !== sha256 || !upload) throw new ApiError("not_found");
    return photoResponse(c, upload);
  })
  .patch("/:id", permitRole("update", "action"), validate("json", updateActionBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const org = actor.organizationId;
    const id = c.req.valid("param").id;
    const { version, status, note, evidence, reason, ...edits } = c.req.valid("json");
    const ownerId = edits.owner && "userId" in edits.owner ? edits.owner.userId : "";
    const [[found], [candidate], [upload], head] = await db.batch([
      actionQuery(db, org, id),
      ownerCandidateQuery(
        db,
        org,
        ownerId,
        sql`(select ${actions.branchId} from ${actions} where ${actions.organizationId} = ${org} and ${actions.id} = ${id})`,
      ),
      ownUploadsQuery(db, org, actor.userId, evidence ? [evidence] : []),
      chainHeadQuery(db, org),
    ]);
    const row = assertAction(actor, "update", found ? actionRowOf(found) : undefined);
    const step = status === undefined ? null : stepOf(row.status, status);
    const t = step === null ? null : actionStep(row.status, step, actor.role);
    if (t && !t.ok && t.refusal === "forbidden") throw new ApiError("forbidden");
    if (version !== row.version) throw staleVersion(row.version);
    if (t && !t.ok) throw new ApiError("invalid_state", `A ${row.status} action cannot take this step`);
    const editing = edits.title !== undefined || edits.owner !== undefined || edits.dueDate !== undefined;
    if (editing && !editable(row.status))
      throw new ApiError("invalid_state", "Only an open or done action can be edited");

    const now = Date.now();
    const today = localDate(now, row.timezone);
    const branch = { id: row.branchId, regionId: row.regionId };
    const errors: FieldError[] = [];
    if (ownerId && !mayOwn(candidate, branch, org)) errors.push(ownerError());
    if (edits.dueDate !== undefined && edits.dueDate !== row.dueDate && edits.dueDate < today)
      errors.push(dueDateError(today));
    if (evidence !== undefined && !upload)
      errors.push({ path: "evidence", code: "required", message: "Upload the photo first (your own upload)" });
    invalid(errors);

    const existing = {
      title: row.title,
      owner: row.ownerUserId === null ? { name: row.ownerName } : { userId: row.ownerUserId },
      dueDate: row.dueDate,
    };
    const changes = fieldChanges(existing, edits);
    const set: ActionSet = {};
    const drafts: EventDraft[] = [];
    const subject = { type: "action", id };
    if (t?.ok && step) {
      const plan = stepPlan(step, t.next, { note, evidence, reason }, actor, now);
      Object.assign(set, plan.set);
      drafts.push({ ...plan.draft, subject });
    }
    if (Object.keys(changes).length) {
      if (changes.title) set.title = edits.title;
      if (changes.dueDate) set.dueDate = edits.dueDate;
      if (changes.owner && edits.owner) {
        set.ownerUserId = "userId" in edits.owner ? edits.owner.userId : null;
        set.ownerName = "name" in edits.owner ? edits.owner.name : "";
      }
      drafts.push({ type: "action.changed", subject, payload: { changes } });
    }
    if (!drafts.length) return c.json(presentAction(row, today));

    const notify =
      step === "returned"
        ? notifyStatements(db, {
            organizationId: org,
            kind: "action_returned",
            subject,
            payload: { branchId: row.branchId, title: row.title, itemKeys: row.items.map((i) => i.itemKey), reason },
            dedupeKey: `action_returned:${id}:${row.version + 1}`,
            recipients: {
              kind: "users",
              userIds: [row.ownerUserId, row.createdBy].filter((u): u is string => u !== null && u !== actor.userId),
            },
            now,
          })
        : [];
    const { after } = await orStale(
      recordChange(db, {
        organizationId: org,
        actor,
        head: chainHeadOf(head),
        at: now,
        drafts,
        change: [actionUpdateStatement(db, org, id, version, set, now)],
        guarded: true,
        after: [...notify, actionQuery(db, org, id)],
      }),
      () => actionVersion(db, org, id),
    );
    const [written] = after.at(-1) as Awaited<ReturnType<typeof actionQuery>>;
    if (!written) throw new ApiError("not_found");
    return c.json(presentAction(actionRowOf(written), today));
  });
