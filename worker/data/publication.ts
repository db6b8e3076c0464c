/**
 * What publishing a report also changes, in the SAME batch as the publication (both ways a
 * report is published: a reviewer's publish in routes/review.ts, and arrival when the review
 * policy lets it through in routes/audits.ts):
 * - the branch's watched corrective actions on this checklist are judged by the visit
 *   (`judgeActions`: verified by the visit, or reopened as a recurrence), and a failed critical
 *   item opens an action by itself when the organisation says so (docs/ACTIONS.md);
 * - the branch's managers are notified (docs/NOTIFICATIONS.md).
 *
 * The read (`watchedActionsQuery`) goes into the request's read batch, so publishing still
 * costs three round trips.
 */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { actionItems, actions } from "../../schema";
import type { ActionStatus } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import type { ScoreResult } from "../domain/scoring";
import type { EventDraft } from "../domain/trail";
import { type Db, parseJsonColumn } from "./db";
import { notifyStatements } from "./notifications";

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
  now: number;
}

/** The events and statements a publication adds to its batch (events chained with the publication's). */
export interface PublicationEffects {
  drafts: EventDraft[];
  /** Statements to run after the events. */
  statements: BatchItem<"sqlite">[];
}

/**
 * Corrective actions judged (and opened) by a publication. Filled in by the actions work
 * (issue 14): returns nothing until then.
 */
export function actionEffects(
  _db: Db,
  _publication: Publication,
  _watched: readonly WatchedActionRow[],
): PublicationEffects {
  return { drafts: [], statements: [] };
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
  return {
    drafts: fromActions.drafts,
    statements: [
      ...fromActions.statements,
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
