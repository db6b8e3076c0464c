/**
 * What publishing a report also changes, in the SAME batch as the publication (both ways a
 * report is published: a reviewer's publish in routes/review.ts, and arrival when the review
 * policy lets it through in routes/audits.ts):
 * - the branch's watched corrective actions on this checklist are judged by the visit
 *   (`judgeActions`: verified by the visit, or reopened as a recurrence), and a failed critical
 *   item opens an action by itself when the organisation says so (docs/ACTIONS.md);
 * - the branch's managers are notified (docs/NOTIFICATIONS.md);
 * - the visit's fee becomes payable: its `earnings` row and `earning.payable`, once per visit
 *   (docs/PAYOUTS.md; a re-publication after a reopen changes nothing).
 *
 * The read (`watchedActionsQuery`) goes into the request's read batch, so publishing still
 * costs three round trips.
 */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { actionItems, actions } from "../../schema";
import type { ActionStatus } from "../../schema/enums";
import { addDays, failedCriticalItems, judgeActions } from "../domain/actions";
import { localDate } from "../domain/audits";
import { type ChecklistDocument, listItems } from "../domain/checklists";
import type { ScoreResult } from "../domain/scoring";
import type { EventDraft } from "../domain/trail";
import { type Db, jsonInsertStatements, parseJsonColumn } from "./db";
import { earningEffects, type PublicationEarning } from "./earnings";
import { notifyStatements } from "./notifications";

/** Days after publication an automatic action is due (in the branch's calendar). */
export const AUTOMATIC_DUE_DAYS = 7;

/** The branch's actions a published visit may judge (open, done or verified), with their items. */
export function watchedActionsQuery(db: Db, organizationId: string, branchId: string | SQL) {
  return db
    .select({
      id: actions.id,
      status: actions.status,
      version: actions.version,
      checklistId: actions.checklistId,
      watchFrom: actions.watchFrom,
      itemKeys:
        sql<string>`(select json_group_array(${actionItems.itemKey}) from ${actionItems} where ${actionItems.actionId} = ${actions.id})`.as(
          "item_keys",
        ),
    })
    .from(actions)
    .where(
      and(
        eq(actions.organizationId, organizationId),
        eq(actions.branchId, branchId),
        inArray(actions.status, ["open", "done", "verified"]),
      ),
    );
}

export type WatchedActionRow = Awaited<ReturnType<typeof watchedActionsQuery>>[number];

/** A watched action as the domain reads it (item keys parsed). */
export function watchedActionOf(row: WatchedActionRow) {
  return {
    id: row.id,
    status: row.status as ActionStatus,
    version: row.version,
    checklistId: row.checklistId,
    watchFrom: row.watchFrom,
    itemKeys: parseJsonColumn<string[]>(row.itemKeys),
  };
}

/** A report at the moment it is published. */
export interface Publication {
  organizationId: string;
  auditId: string;
  branchId: string;
  checklistId: string;
  document: ChecklistDocument;
  result: ScoreResult;
  score: number | null;
  visitStartedAt: number;
  /** The branch's time zone (due dates of automatic actions are its calendar dates). */
  timezone: string;
  /** The organisation opens an action for every failed critical item. */
  actionsOnCritical: boolean;
  /** The visit's fee and cap and whether it already earned (`publicationEarningQuery`); null: none. */
  earning: PublicationEarning | null;
  now: number;
}

/** The events and statements a publication adds to its batch (events chained with the publication's). */
export interface PublicationEffects {
  drafts: EventDraft[];
  /** Statements to run after the events. */
  statements: BatchItem<"sqlite">[];
}

/**
 * Corrective actions judged (and opened) by a publication (docs/ACTIONS.md), as a handful of
 * statements whatever their number:
 * - the watched actions on this checklist are judged by the visit (`judgeActions`): ONE UPDATE
 *   over a JSON list sets each judged action's status, `watchFrom` (this visit: it is never
 *   judged by it again, even when republished), `recurrences` and `closedAt`; an event each
 *   (`action.verified_by_visit` or `action.failed_at_visit`, with `{auditId, recurrence}`);
 * - when the organisation says so, every failed critical item without an open or done action
 *   of the branch on it (after the judgement) opens an automatic action: no title (the web
 *   shows the item's label), no owner, due 7 days after publication in the branch's calendar,
 *   event `action.created` with `{automatic: true}`.
 * System changes: not version-guarded, but inside the publication's batch (guarded by the
 * report's version); each bumps the action's `version`, so a person's stale edit is refused.
 */
export function actionEffects(
  db: Db,
  publication: Publication,
  watched: readonly WatchedActionRow[],
): PublicationEffects {
  const { organizationId, auditId, now } = publication;
  const onChecklist = watched.map(watchedActionOf).filter((a) => a.checklistId === publication.checklistId);
  const judged = judgeActions(onChecklist, publication.result, publication.visitStartedAt);
  const drafts: EventDraft[] = [];
  const statements: BatchItem<"sqlite">[] = [];
  if (judged.length) {
    const list = JSON.stringify(judged.map((j) => ({ id: j.id, next: j.next, recurrence: j.recurrence ? 1 : 0 })));
    const j = (path: string) => sql.raw(`json_extract(j.value, '$.${path}')`);
    const column = (name: string) => sql.raw(`"actions"."${name}"`);
    statements.push(
      db
        .update(actions)
        .set({
          status: sql`${j("next")}`,
          watchFrom: publication.visitStartedAt,
          recurrences: sql`${column("recurrences")} + ${j("recurrence")}`,
          closedAt: sql`case when ${j("next")} = 'verified_by_visit' then ${now} else null end`,
          doneAt: sql`case when ${j("next")} = 'verified_by_visit' then ${column("done_at")} else null end`,
          verifiedBy: null,
          version: sql`${column("version")} + 1`,
          updatedAt: now,
        })
        .from(sql`json_each(${list}) as j`)
        .where(sql`${column("organization_id")} = ${organizationId} and ${column("id")} = ${j("id")}`),
    );
    for (const judgement of judged) {
      drafts.push({
        type: judgement.finding === "met" ? "action.verified_by_visit" : "action.failed_at_visit",
        subject: { type: "action", id: judgement.id },
        payload: { auditId, recurrence: judgement.recurrence },
      });
    }
  }
  if (publication.actionsOnCritical) {
    const next = new Map(judged.map((j) => [j.id, j.next]));
    const covered = new Set(
      onChecklist
        .filter((a) => {
          const status = next.get(a.id) ?? a.status;
          return status === "open" || status === "done";
        })
        .flatMap((a) => a.itemKeys),
    );
    const criticalKeys = new Set(
      listItems(publication.document)
        .filter(({ item }) => item.critical !== "none")
        .map(({ item }) => item.key),
    );
    const fresh = failedCriticalItems(publication.result, criticalKeys).filter((key) => !covered.has(key));
    const dueDate = addDays(localDate(now, publication.timezone), AUTOMATIC_DUE_DAYS);
    const rows = fresh.map((): typeof actions.$inferInsert => ({
      id: crypto.randomUUID(),
      organizationId,
      branchId: publication.branchId,
      auditId,
      checklistId: publication.checklistId,
      title: "",
      ownerUserId: null,
      ownerName: "",
      dueDate,
      status: "open",
      automatic: true,
      doneNote: "",
      doneEvidenceSha256: null,
      doneAt: null,
      returnReason: "",
      verifiedBy: null,
      closedAt: null,
      watchFrom: publication.visitStartedAt,
      recurrences: 0,
      escalations: 0,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    if (rows.length) {
      statements.push(
        ...jsonInsertStatements(db, actions, rows),
        ...jsonInsertStatements(
          db,
          actionItems,
          rows.map((row, index) => ({ actionId: row.id as string, itemKey: fresh[index] as string })),
        ),
      );
      for (const [index, row] of rows.entries()) {
        drafts.push({
          type: "action.created",
          subject: { type: "action", id: row.id as string },
          payload: { automatic: true, auditId, itemKeys: [fresh[index]], dueDate },
        });
      }
    }
  }
  return { drafts, statements };
}

/**
 * Everything a publication changes besides the report and its roll-ups.
 * @example const effects = publicationEffects(db, publication, watchedRows) // drafts after "audit.published"
 */
export function publicationEffects(
  db: Db,
  publication: Publication,
  watched: readonly WatchedActionRow[],
): PublicationEffects {
  const fromActions = actionEffects(db, publication, watched);
  const fromEarning = earningEffects(db, {
    earning: publication.earning,
    auditId: publication.auditId,
    organizationId: publication.organizationId,
    now: publication.now,
  });
  return {
    drafts: [...fromActions.drafts, ...fromEarning.drafts],
    statements: [
      ...fromActions.statements,
      ...fromEarning.statements,
      ...notifyStatements(db, {
        organizationId: publication.organizationId,
        kind: "report_published",
        subject: { type: "audit", id: publication.auditId },
        payload: { branchId: publication.branchId, score: publication.score },
        dedupeKey: `report_published:${publication.auditId}:${publication.now}`,
        recipients: { kind: "branch_managers", branchId: publication.branchId },
        now: publication.now,
      }),
    ],
  };
}
