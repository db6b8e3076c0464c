/**
 * Reads and writes of corrective actions (docs/ACTIONS.md). One statement per function so the
 * routes batch them: an action joined to what its body shows (branch, checklist, owner and
 * verifier names, its items with their labels from the report's checklist version), scoped
 * lists in keyset pages, the facts behind the figures, and the guarded UPDATE of a change.
 *
 * Overdue is a branch-calendar question ("today" where the branch is): lists bind today per
 * time zone as ONE JSON parameter (`zoneTodays`, from `branchZonesQuery`), so the SQL compares
 * each action's due date with its own branch's today.
 */
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  actionItems,
  actions,
  assignments,
  audits,
  branches,
  checklists,
  checklistVersions,
  events,
  membershipBranches,
  membershipRegions,
  memberships,
  regions,
  uploads,
  users,
} from "../../schema";
import type { ActionStatus } from "../../schema/enums";
import type { Localized } from "../domain/checklists";
import type { BranchScope } from "../domain/policy";
import { type Db, parseJsonColumn } from "./db";
import { scopedBranchCondition } from "./scope";
import { memberName } from "./users";

/** The organisation's name for a member (`memberName`), as a correlated subquery on `userId`. */
function nameOfMember(userId: SQLiteColumn) {
  return sql<
    string | null
  >`(select ${memberName} from ${memberships} inner join ${users} on ${users.id} = ${memberships.userId} where ${memberships.organizationId} = ${actions.organizationId} and ${memberships.userId} = ${userId})`;
}

/**
 * The action's items with their labels, as JSON text: each key's prompt from the report's
 * checklist version (`o` is the item's place in the document, for sorting).
 */
const itemsJson = sql<string>`(select json_group_array(json_object('itemKey', ${actionItems.itemKey}, 'en', coalesce(json_extract(i.value, '$.prompt.en'), ${actionItems.itemKey}), 'zh', coalesce(json_extract(i.value, '$.prompt.zh'), ${actionItems.itemKey}), 'o', coalesce(s.key * 1000 + i.key, 1000000)))
  from ${actionItems}
  inner join ${audits} on ${audits.id} = ${actions.auditId}
  inner join ${checklistVersions} on ${checklistVersions.id} = ${audits.checklistVersionId}
  inner join json_each(${checklistVersions.document}, '$.sections') s
  inner join json_each(s.value, '$.items') i on json_extract(i.value, '$.key') = ${actionItems.itemKey}
  where ${actionItems.actionId} = ${actions.id})`;

/**
 * An action with everything its body shows. Columns the joined tables share are aliased (inside
 * `db.batch` D1 keys rows by column name).
 */
function selectActions(db: Db) {
  return db
    .select({
      id: actions.id,
      organizationId: actions.organizationId,
      version: actions.version,
      status: actions.status,
      automatic: actions.automatic,
      branchId: actions.branchId,
      branchCode: branches.code,
      branchNameEn: sql<string>`${branches.nameEn}`.as("branch_name_en"),
      branchNameZh: sql<string>`${branches.nameZh}`.as("branch_name_zh"),
      regionId: branches.regionId,
      timezone: branches.timezone,
      auditId: actions.auditId,
      visitStartedAt: sql<number>`${audits.visitStartedAt}`.as("report_visit_started_at"),
      checklistId: actions.checklistId,
      checklistNameEn: sql<string>`${checklists.nameEn}`.as("checklist_name_en"),
      checklistNameZh: sql<string>`${checklists.nameZh}`.as("checklist_name_zh"),
      title: actions.title,
      items: itemsJson.as("items_json"),
      ownerUserId: actions.ownerUserId,
      ownerName: actions.ownerName,
      ownerMemberName: nameOfMember(actions.ownerUserId).as("owner_member_name"),
      dueDate: actions.dueDate,
      doneNote: actions.doneNote,
      doneEvidenceSha256: actions.doneEvidenceSha256,
      doneAt: actions.doneAt,
      returnReason: actions.returnReason,
      verifiedBy: actions.verifiedBy,
      verifiedByName: nameOfMember(actions.verifiedBy).as("verified_by_name"),
      closedAt: actions.closedAt,
      recurrences: actions.recurrences,
      createdBy: actions.createdBy,
      createdAt: sql<number>`${actions.createdAt}`.as("action_created_at"),
      updatedAt: sql<number>`${actions.updatedAt}`.as("action_updated_at"),
    })
    .from(actions)
    .innerJoin(branches, eq(branches.id, actions.branchId))
    .innerJoin(checklists, eq(checklists.id, actions.checklistId))
    .innerJoin(audits, eq(audits.id, actions.auditId));
}

type SelectedAction = Awaited<ReturnType<typeof selectActions>>[number];

/** An action as read, its items parsed and sorted in document order. */
export interface ActionRow extends Omit<SelectedAction, "items"> {
  items: Array<{ itemKey: string; label: Localized }>;
}

/** Parses the items column of a selected action (plain select or batch: `parseJsonColumn`). */
export function actionRowOf(row: SelectedAction): ActionRow {
  const items = parseJsonColumn<Array<{ itemKey: string; en: string; zh: string; o: number }> | null>(row.items) ?? [];
  return {
    ...row,
    items: [...items]
      .sort((a, b) => a.o - b.o || (a.itemKey < b.itemKey ? -1 : 1))
      .map((i) => ({ itemKey: i.itemKey, label: { en: i.en, zh: i.zh } })),
  };
}

/** One action of the organisation (one statement, for a batch). */
export function actionQuery(db: Db, organizationId: string, id: string) {
  return selectActions(db)
    .where(and(eq(actions.organizationId, organizationId), eq(actions.id, id)))
    .limit(1);
}

/** The distinct time zones of the organisation's branches (what `zoneTodays` needs). */
export function branchZonesQuery(db: Db, organizationId: string) {
  return db
    .selectDistinct({ timezone: branches.timezone })
    .from(branches)
    .where(eq(branches.organizationId, organizationId));
}

/** Filters of `GET /actions`. */
export interface ActionFilter {
  status?: ActionStatus;
  branchId?: string;
  regionId?: string;
  auditId?: string;
  overdue?: boolean;
}

/** Where a page of actions starts: just after this one. */
export interface ActionCursor {
  overdue: boolean;
  dueDate: string;
  id: string;
}

/** Open and past its branch's today (JSON `{zone: today}` bound once). */
function overdueCondition(todays: Record<string, string>): SQL {
  return sql`(${actions.status} = 'open' and ${actions.dueDate} < coalesce((select value from json_each(${JSON.stringify(todays)}) where key = ${branches.timezone}), '0000-00-00'))`;
}

/**
 * One page of the actions the scope shows: overdue first, then by due date (and id), `limit + 1`
 * rows so the caller knows whether another page follows. `actions_org_status_idx`
 * (organisation, status, due date, id) carries a status filter; without one the organisation's
 * actions are sorted (a few thousand at most).
 */
export function listActionsQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: ActionFilter,
  todays: Record<string, string>,
  after: ActionCursor | undefined,
  limit: number,
) {
  const overdue = overdueCondition(todays);
  // 0 sorts first: overdue actions lead.
  const rank = sql<number>`(case when ${overdue} then 0 else 1 end)`;
  return selectActions(db)
    .where(
      and(
        eq(actions.organizationId, organizationId),
        scopedBranchCondition(scope, filter, actions.branchId),
        filter.status ? eq(actions.status, filter.status) : undefined,
        filter.auditId ? eq(actions.auditId, filter.auditId) : undefined,
        filter.overdue === undefined ? undefined : filter.overdue ? overdue : sql`not ${overdue}`,
        after
          ? sql`(${rank}, ${actions.dueDate}, ${actions.id}) > (${after.overdue ? 0 : 1}, ${after.dueDate}, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(rank), asc(actions.dueDate), asc(actions.id))
    .limit(limit + 1);
}

/** The facts behind the figures of the actions in scope, with each action's branch and region. */
export function actionFactsQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: { branchId?: string; regionId?: string },
) {
  return db
    .select({
      branchId: actions.branchId,
      regionId: branches.regionId,
      timezone: branches.timezone,
      status: actions.status,
      dueDate: actions.dueDate,
      createdAt: actions.createdAt,
      doneAt: actions.doneAt,
      closedAt: actions.closedAt,
      recurrences: actions.recurrences,
    })
    .from(actions)
    .innerJoin(branches, eq(branches.id, actions.branchId))
    .where(and(eq(actions.organizationId, organizationId), scopedBranchCondition(scope, filter, actions.branchId)));
}

/** The branches in scope (figures rows: every branch, with or without actions). */
export function figureBranchesQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: { branchId?: string; regionId?: string },
) {
  return db
    .select({ id: branches.id, nameEn: branches.nameEn, nameZh: branches.nameZh, regionId: branches.regionId })
    .from(branches)
    .where(and(eq(branches.organizationId, organizationId), scopedBranchCondition(scope, filter, branches.id)))
    .orderBy(branches.code);
}

/**
 * The regions of the branches in scope (figures by region). A branch manager's scope names
 * branches, so their regions come through the branches, never the region scope alone.
 */
export function figureRegionsQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: { branchId?: string; regionId?: string },
) {
  return db
    .selectDistinct({ id: regions.id, nameEn: regions.nameEn, nameZh: regions.nameZh, code: regions.code })
    .from(regions)
    .innerJoin(branches, eq(branches.regionId, regions.id))
    .where(
      and(
        eq(regions.organizationId, organizationId),
        // The join makes the branch's region this region.
        scopedBranchCondition(scope, filter, branches.id),
      ),
    )
    .orderBy(regions.code);
}

/** The report an action is created from: its branch, region, calendar, checklist and stored result. */
export function actionSourceQuery(db: Db, organizationId: string, auditId: string) {
  return db
    .select({
      id: audits.id,
      status: audits.status,
      shopperId: audits.shopperId,
      branchId: audits.branchId,
      regionId: branches.regionId,
      timezone: branches.timezone,
      checklistId: checklistVersions.checklistId,
      scoreResult: sql<string>`${audits.scoreResult}`.as("score_result_json"),
    })
    .from(audits)
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId)))
    .limit(1);
}

/**
 * An active member who might own an action of a branch, with what the policy needs to know
 * whether they see it (their role, and whether their scope holds the branch or its region).
 * `branchId` may be SQL (the branch of a report, read in the same batch).
 */
export function ownerCandidateQuery(db: Db, organizationId: string, userId: string, branchId: string | SQL) {
  const regionOfBranch = sql`(select ${branches.regionId} from ${branches} where ${branches.organizationId} = ${organizationId} and ${branches.id} = ${branchId})`;
  return db
    .select({
      userId: memberships.userId,
      role: memberships.role,
      inBranch: sql<number>`exists (select 1 from ${membershipBranches} where ${membershipBranches.membershipId} = ${memberships.id} and ${membershipBranches.branchId} = ${branchId})`,
      inRegion: sql<number>`exists (select 1 from ${membershipRegions} where ${membershipRegions.membershipId} = ${memberships.id} and ${membershipRegions.regionId} = ${regionOfBranch})`,
    })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.userId, userId),
        eq(memberships.status, "active"),
      ),
    )
    .limit(1);
}

export type OwnerCandidate = Awaited<ReturnType<typeof ownerCandidateQuery>>[number];

/** A stored photo of the organisation (an action's evidence, served after the action's check). */
export function uploadQuery(db: Db, organizationId: string, sha256: string) {
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.organizationId, organizationId), eq(uploads.sha256, sha256)))
    .limit(1);
}

/**
 * The action's events, oldest first, each with its actor's name in the organisation (joined:
 * a join-less select would name columns without their table, and `id` is in both joined tables).
 */
export function actionHistoryQuery(db: Db, organizationId: string, actionId: string) {
  return db
    .select({
      seq: events.seq,
      at: events.at,
      type: events.type,
      actorId: events.actorId,
      actorName: sql<string | null>`${memberName}`.as("actor_name"),
      payload: events.payload,
    })
    .from(events)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, events.organizationId), eq(memberships.userId, events.actorId)),
    )
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(events.organizationId, organizationId), eq(events.subjectType, "action"), eq(events.subjectId, actionId)),
    )
    .orderBy(events.seq);
}

export type ActionHistoryRow = Awaited<ReturnType<typeof actionHistoryQuery>>[number];

/** The columns of an action a change may set (`version` and `updatedAt` move by themselves). */
export type ActionSet = Partial<
  Pick<
    typeof actions.$inferInsert,
    | "status"
    | "title"
    | "ownerUserId"
    | "ownerName"
    | "dueDate"
    | "doneNote"
    | "doneEvidenceSha256"
    | "doneAt"
    | "returnReason"
    | "verifiedBy"
    | "closedAt"
    | "watchFrom"
  >
>;

/** The guarded UPDATE of an action (`WHERE version = ?`): put it last in a change, before its events. */
export function actionUpdateStatement(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  set: ActionSet,
  now: number,
) {
  return db
    .update(actions)
    .set({ ...set, version: sql`${actions.version} + 1`, updatedAt: now })
    .where(and(eq(actions.organizationId, organizationId), eq(actions.id, id), eq(actions.version, version)));
}

/** The action's current version (the answer to a stale write), or null when it is gone. */
export async function actionVersion(db: Db, organizationId: string, id: string): Promise<number | null> {
  const [row] = await db
    .select({ version: actions.version })
    .from(actions)
    .where(and(eq(actions.organizationId, organizationId), eq(actions.id, id)));
  return row?.version ?? null;
}

/** A new action and its items (two statements). */
export function insertActionStatements(db: Db, row: typeof actions.$inferInsert, itemKeys: readonly string[]) {
  return [
    db.insert(actions).values(row),
    db.insert(actionItems).values(itemKeys.map((itemKey) => ({ actionId: row.id, itemKey }))),
  ] as const;
}

/**
 * The item keys the next visits to branches should re-check: items of each branch's open or
 * done actions on a checklist that has an open assignment of `filter` there (the shopper's
 * own, or one assignment). One statement; `actions_org_status_idx` narrows to open and done
 * actions. What the briefing shows is the keys, never why.
 */
export function recheckQuery(
  db: Db,
  organizationId: string,
  filter: { shopperId?: string; branchId?: string; assignmentId?: string },
) {
  const visit = and(
    eq(assignments.organizationId, organizationId),
    eq(assignments.branchId, actions.branchId),
    eq(assignments.status, "open"),
    eq(checklistVersions.checklistId, actions.checklistId),
    filter.shopperId ? eq(assignments.shopperId, filter.shopperId) : undefined,
    filter.branchId ? eq(assignments.branchId, filter.branchId) : undefined,
    filter.assignmentId ? eq(assignments.id, filter.assignmentId) : undefined,
  );
  return db
    .selectDistinct({ branchId: actions.branchId, checklistId: actions.checklistId, itemKey: actionItems.itemKey })
    .from(actions)
    .innerJoin(actionItems, eq(actionItems.actionId, actions.id))
    .where(
      and(
        eq(actions.organizationId, organizationId),
        inArray(actions.status, ["open", "done"]),
        sql`exists (select 1 from ${assignments} inner join ${checklistVersions} on ${checklistVersions.id} = ${assignments.checklistVersionId} where ${visit})`,
      ),
    )
    .orderBy(asc(actionItems.itemKey));
}

export type RecheckRow = Awaited<ReturnType<typeof recheckQuery>>[number];

/** The re-check keys per (branch, checklist), from `recheckQuery`'s rows. */
export function recheckIndex(rows: readonly RecheckRow[]): (branchId: string, checklistId: string) => string[] {
  const index = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.branchId}\u0000${row.checklistId}`;
    const keys = index.get(key) ?? [];
    keys.push(row.itemKey);
    index.set(key, keys);
  }
  return (branchId, checklistId) => index.get(`${branchId}\u0000${checklistId}`) ?? [];
}
