import { and, asc, desc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { assignments, audits, branches, checklists, checklistVersions, memberships, users } from "../../schema";
import type { AssignmentStatus, AuditStatus } from "../../schema/enums";
import { ASSIGNEE_ROLES } from "../domain/policy";
import type { ChainHead } from "../domain/trail";
import { recordChange } from "./changes";
import { type Db, inJsonList } from "./db";
import { StaleWrite } from "./events";

export interface AssignmentInput {
  branchId: string;
  checklistVersionId: string;
  shopperId: string;
  windowStart: string;
  windowEnd: string;
  scenario: string;
}

export interface AssignmentFilter {
  shopperId?: string;
  status?: AssignmentStatus;
  branchId?: string;
}

/**
 * Assignments joined to what a shopper or an admin needs to see: branch, checklist, shopper, report.
 * Columns that share a name across the joined tables (`id`, `name_en`, `name_zh`) are aliased:
 * inside `db.batch` D1 answers rows as objects keyed by column name, where the second `id`
 * would overwrite the first.
 */
function selectAssignments(db: Db) {
  return db
    .select({
      id: assignments.id,
      status: assignments.status,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      scenario: assignments.scenario,
      scenarioZh: assignments.scenarioZh,
      createdAt: assignments.createdAt,
      updatedAt: assignments.updatedAt,
      shopperId: assignments.shopperId,
      shopperName: users.displayName,
      checklistVersionId: assignments.checklistVersionId,
      checklistId: sql<string>`${checklists.id}`.as("checklist_id"),
      checklistNameEn: sql<string>`${checklists.nameEn}`.as("checklist_name_en"),
      checklistNameZh: sql<string>`${checklists.nameZh}`.as("checklist_name_zh"),
      versionNumber: checklistVersions.number,
      branch: {
        id: sql<string>`${branches.id}`.as("branch_id"),
        code: branches.code,
        nameEn: sql<string>`${branches.nameEn}`.as("branch_name_en"),
        nameZh: sql<string>`${branches.nameZh}`.as("branch_name_zh"),
        channel: branches.channel,
        address: branches.address,
        phone: branches.phone,
        timezone: branches.timezone,
        regionId: branches.regionId,
      },
      auditId: sql<string | null>`${audits.id}`.as("audit_id"),
      auditStatus: sql<AuditStatus | null>`${audits.status}`.as("audit_status"),
      submittedAt: audits.submittedAt,
      late: audits.late,
      score: audits.score,
      criticalFailed: audits.criticalFailed,
    })
    .from(assignments)
    .innerJoin(branches, eq(branches.id, assignments.branchId))
    .innerJoin(checklistVersions, eq(checklistVersions.id, assignments.checklistVersionId))
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .innerJoin(users, eq(users.id, assignments.shopperId))
    .leftJoin(audits, eq(audits.assignmentId, assignments.id));
}

export type AssignmentRow = Awaited<ReturnType<typeof selectAssignments>>[number];

/** Where a page of finished assignments starts: just after this one. */
export interface FinishedCursor {
  finishedAt: number;
  id: string;
}

/**
 * When an assignment was finished: its report's arrival, or (cancelled, no report) its last
 * change. `finishedAtOf` is the same rule on a row.
 */
const finishedAt = sql<number>`coalesce(${audits.submittedAt}, ${assignments.updatedAt})`;

export const finishedAtOf = (row: AssignmentRow): number => row.submittedAt ?? row.updatedAt;

/** The cursor of the page after `items` (a page of `limit` finished assignments), or null when it was the last. */
export function nextFinishedCursor(rows: readonly AssignmentRow[], limit: number): string | null {
  const last = rows[limit - 1];
  return rows.length > limit && last ? `${finishedAtOf(last)}.${last.id}` : null;
}

function filterConditions(organizationId: string, filter: AssignmentFilter): Array<SQL | undefined> {
  return [
    eq(assignments.organizationId, organizationId),
    filter.shopperId ? eq(assignments.shopperId, filter.shopperId) : undefined,
    filter.status ? eq(assignments.status, filter.status) : undefined,
    filter.branchId ? eq(assignments.branchId, filter.branchId) : undefined,
  ];
}

/**
 * Open assignments (work to do), soonest window first, all of them: a shopper has a few at a
 * time, and an organisation's plan for the coming weeks is bounded by the cap.
 */
export function selectOpenAssignments(
  db: Db,
  organizationId: string,
  filter: AssignmentFilter,
  options: { returned?: boolean } = {},
) {
  // A shopper's work to do includes a report a reviewer returned to them, however long ago the
  // visit was: it leads their list until they answer (otherwise newer visits push it off page 1).
  const open = options.returned
    ? or(eq(assignments.status, "open"), eq(audits.status, "returned"))
    : eq(assignments.status, "open");
  return selectAssignments(db)
    .where(and(...filterConditions(organizationId, filter), open))
    .orderBy(asc(assignments.windowStart), asc(assignments.createdAt), asc(assignments.id))
    .limit(500);
}

/**
 * One page of finished assignments (submitted or cancelled), most recently finished first:
 * keyset on (finished at, id), `limit + 1` rows so the caller knows whether another page
 * follows (`nextFinishedCursor`). The finish time is computed, so no index carries the order;
 * `assignments_org_shopper_idx` narrows a shopper's list to their own rows (a few hundred over
 * years) before the sort.
 */
export function selectFinishedAssignments(
  db: Db,
  organizationId: string,
  filter: AssignmentFilter,
  after: FinishedCursor | undefined,
  limit: number,
  options: { returned?: boolean } = {},
) {
  return selectAssignments(db)
    .where(
      and(
        ...filterConditions(organizationId, filter),
        ne(assignments.status, "open"),
        // Returned reports come with the open work (selectOpenAssignments), not twice.
        options.returned ? sql`coalesce(${audits.status}, '') <> 'returned'` : undefined,
        after ? sql`(${finishedAt}, ${assignments.id}) < (${after.finishedAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(finishedAt), desc(assignments.id))
    .limit(limit + 1);
}

/** One assignment of the organisation (one statement, for a batch). */
export function selectAssignment(db: Db, organizationId: string, id: string) {
  return selectAssignments(db)
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, id)))
    .limit(1);
}

type Actor = { userId: string; role: string };

/**
 * Plans a visit with its `assignment.created` event and answers from the write: the insert, the
 * event and the joined row in one batch (`head`: read with the route's first read batch).
 */
export async function createAssignment(
  db: Db,
  organizationId: string,
  input: AssignmentInput,
  actor: Actor,
  head?: ChainHead | null,
): Promise<AssignmentRow> {
  const id = crypto.randomUUID();
  const { after } = await recordChange(db, {
    organizationId,
    actor,
    head,
    drafts: [{ type: "assignment.created", subject: { type: "assignment", id }, payload: { ...input } }],
    change: [db.insert(assignments).values({ id, organizationId, ...input, createdBy: actor.userId })],
    after: [selectAssignment(db, organizationId, id)],
  });
  const row = (after[0] as AssignmentRow[])[0];
  if (!row) throw new Error("assignment vanished after insert");
  return row;
}

/**
 * Cancels an open assignment with its `assignment.cancelled` event; a submitted one stays as it
 * is. Answers from the write: `row` as it is now (an open assignment has no report, so only
 * status and time change), or null when it was no longer open (then nothing is written).
 */
export async function cancelAssignment(
  db: Db,
  organizationId: string,
  row: AssignmentRow,
  actor: Actor,
  head?: ChainHead | null,
): Promise<AssignmentRow | null> {
  try {
    const { change } = await recordChange(db, {
      organizationId,
      actor,
      head,
      drafts: [
        {
          type: "assignment.cancelled",
          subject: { type: "assignment", id: row.id },
          payload: { branchId: row.branch.id, shopperId: row.shopperId },
        },
      ],
      change: [
        db
          .update(assignments)
          .set({ status: "cancelled", updatedAt: Date.now() })
          .where(
            and(
              eq(assignments.organizationId, organizationId),
              eq(assignments.id, row.id),
              eq(assignments.status, "open"),
            ),
          )
          .returning({ status: assignments.status, updatedAt: assignments.updatedAt }),
      ],
      guarded: true,
    });
    const [changed] = change[0] as Array<Pick<AssignmentRow, "status" | "updatedAt">>;
    return changed ? { ...row, ...changed } : null;
  } catch (error) {
    if (error instanceof StaleWrite) return null;
    throw error;
  }
}

/** Active members among `ids` whom a visit may be planned for (`ASSIGNEE_ROLES`: shoppers), one statement. */
export function selectShopperIds(db: Db, organizationId: string, ids: readonly string[]) {
  return db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inJsonList(memberships.userId, ids),
        inJsonList(memberships.role, ASSIGNEE_ROLES),
        eq(memberships.status, "active"),
      ),
    );
}
