import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { assignments, audits, branches, checklists, checklistVersions, memberships, users } from "../../schema";
import type { AssignmentStatus } from "../../schema/enums";
import type { Db } from "./db";

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

/** Assignments joined to what a shopper or an admin needs to see: branch, checklist, shopper, report. */
function selectAssignments(db: Db) {
  return db
    .select({
      id: assignments.id,
      status: assignments.status,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      scenario: assignments.scenario,
      createdAt: assignments.createdAt,
      shopperId: assignments.shopperId,
      shopperName: users.displayName,
      checklistVersionId: assignments.checklistVersionId,
      checklistId: checklists.id,
      checklistNameEn: checklists.nameEn,
      checklistNameZh: checklists.nameZh,
      versionNumber: checklistVersions.number,
      branch: {
        id: branches.id,
        code: branches.code,
        nameEn: branches.nameEn,
        nameZh: branches.nameZh,
        channel: branches.channel,
        address: branches.address,
        phone: branches.phone,
        timezone: branches.timezone,
        regionId: branches.regionId,
      },
      auditId: audits.id,
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

/** Assignments of an organisation, earliest window first, open ones before the rest. */
export async function listAssignments(
  db: Db,
  organizationId: string,
  filter: AssignmentFilter,
): Promise<AssignmentRow[]> {
  const conditions: Array<SQL | undefined> = [
    eq(assignments.organizationId, organizationId),
    filter.shopperId ? eq(assignments.shopperId, filter.shopperId) : undefined,
    filter.status ? eq(assignments.status, filter.status) : undefined,
    filter.branchId ? eq(assignments.branchId, filter.branchId) : undefined,
  ];
  return (
    selectAssignments(db)
      .where(and(...conditions))
      // Open work first, soonest window first; then what is done, most recent first.
      .orderBy(
        sql`${assignments.status} = 'open' desc`,
        sql`case when ${assignments.status} = 'open' then ${assignments.windowStart} end asc`,
        desc(assignments.windowEnd),
        desc(assignments.createdAt),
      )
      .limit(500)
  );
}

export async function getAssignment(db: Db, organizationId: string, id: string): Promise<AssignmentRow | null> {
  const rows = await selectAssignments(db)
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function createAssignment(
  db: Db,
  organizationId: string,
  input: AssignmentInput,
  createdBy: string,
): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(assignments).values({ id, organizationId, ...input, createdBy });
  return id;
}

/** Cancels an open assignment; a submitted one stays as it is. Returns whether it changed. */
export async function cancelAssignment(db: Db, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(assignments)
    .set({ status: "cancelled", updatedAt: Date.now() })
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, id), eq(assignments.status, "open")))
    .returning({ id: assignments.id });
  return rows.length > 0;
}

/** Shoppers of the organisation among `ids` (to validate an assignment's shopper). */
export async function findShopperIds(db: Db, organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.userId, [...ids]),
        eq(memberships.role, "shopper"),
        eq(memberships.status, "active"),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
