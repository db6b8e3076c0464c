/**
 * Reads and writes of complaints and the organisation's calendar (docs/COMPLAINTS.md). One
 * statement per function so routes batch them with their events.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import {
  branches,
  calendarDays,
  checklistVersions,
  complaints,
  events,
  memberships,
  organizations,
  users,
} from "../../schema";
import type { CalendarDayKind, ComplaintStatus } from "../../schema/enums";
import { type OverdueKind, OWED_IN } from "../domain/complaints";
import type { BranchScope } from "../domain/policy";
import type { Db } from "./db";
import { scopedBranchCondition } from "./scope";
import { memberName } from "./users";

/** A complaint with its branch (aliased: inside `db.batch` D1 keys rows by column name). */
function selectComplaints(db: Db) {
  return db
    .select({
      id: complaints.id,
      organizationId: complaints.organizationId,
      branchId: complaints.branchId,
      branchCode: branches.code,
      branchNameEn: sql<string>`${branches.nameEn}`.as("branch_name_en"),
      branchNameZh: sql<string>`${branches.nameZh}`.as("branch_name_zh"),
      regionId: branches.regionId,
      timezone: branches.timezone,
      channel: complaints.channel,
      receivedAt: complaints.receivedAt,
      product: complaints.product,
      problem: complaints.problem,
      wants: complaints.wants,
      purchaseDate: complaints.purchaseDate,
      purchasePlace: complaints.purchasePlace,
      customerName: complaints.customerName,
      customerPhone: complaints.customerPhone,
      customerEmail: complaints.customerEmail,
      contactConsent: complaints.contactConsent,
      categories: complaints.categories,
      tags: complaints.tags,
      transcript: complaints.transcript,
      status: complaints.status,
      acknowledgeBy: complaints.acknowledgeBy,
      remedyBy: complaints.remedyBy,
      resolveBy: complaints.resolveBy,
      acknowledgedAt: complaints.acknowledgedAt,
      remedyKind: complaints.remedyKind,
      remedyAmountCents: complaints.remedyAmountCents,
      remedyNote: complaints.remedyNote,
      remedyProposedAt: complaints.remedyProposedAt,
      resolution: complaints.resolution,
      summaryResolution: complaints.summaryResolution,
      resolvedAt: complaints.resolvedAt,
      followUpDue: complaints.followUpDue,
      satisfaction: complaints.satisfaction,
      followUpComment: complaints.followUpComment,
      followedUpAt: complaints.followedUpAt,
      closeReason: complaints.closeReason,
      closedAt: complaints.closedAt,
      contactErasedAt: complaints.contactErasedAt,
      loggedBy: complaints.loggedBy,
      createdAt: sql<number>`${complaints.createdAt}`.as("complaint_created_at"),
      updatedAt: sql<number>`${complaints.updatedAt}`.as("complaint_updated_at"),
      version: complaints.version,
    })
    .from(complaints)
    .innerJoin(branches, eq(branches.id, complaints.branchId));
}

export type ComplaintRow = Awaited<ReturnType<ReturnType<typeof selectComplaints>["all"]>>[number];

/** One complaint of the organisation. */
export function complaintQuery(db: Db, organizationId: string, id: string) {
  return selectComplaints(db)
    .where(and(eq(complaints.organizationId, organizationId), eq(complaints.id, id)))
    .limit(1);
}

/** A complaint's version (for 409 stale_version after a guarded write lost). */
export async function complaintVersion(db: Db, organizationId: string, id: string): Promise<number | null> {
  const [row] = await db
    .select({ version: complaints.version })
    .from(complaints)
    .where(and(eq(complaints.organizationId, organizationId), eq(complaints.id, id)));
  return row?.version ?? null;
}

export interface ComplaintFilter {
  branchId?: string;
  regionId?: string;
  status?: ComplaintStatus;
  overdue?: OverdueKind;
  from?: number;
  to?: number;
  category?: string;
  tag?: string;
}

const OVERDUE_COLUMNS = {
  acknowledge: complaints.acknowledgeBy,
  remedy: complaints.remedyBy,
  resolve: complaints.resolveBy,
  follow_up: complaints.followUpDue,
} as const;

/** The WHERE of a filtered, scoped list of complaints (`branches` joined). */
export function complaintListCondition(
  organizationId: string,
  scope: BranchScope,
  filter: ComplaintFilter,
  now: number,
): SQL | undefined {
  return and(
    eq(complaints.organizationId, organizationId),
    scopedBranchCondition(scope, filter, complaints.branchId),
    filter.status ? eq(complaints.status, filter.status) : undefined,
    filter.overdue
      ? and(
          lt(OVERDUE_COLUMNS[filter.overdue], now),
          inArray(complaints.status, [...OWED_IN[filter.overdue]] as ComplaintStatus[]),
        )
      : undefined,
    filter.from !== undefined ? gte(complaints.receivedAt, filter.from) : undefined,
    filter.to !== undefined ? lt(complaints.receivedAt, filter.to) : undefined,
    filter.category
      ? sql`exists (select 1 from json_each(${complaints.categories}) c where json_extract(c.value, '$.sectionKey') = ${filter.category} or json_extract(c.value, '$.itemKey') = ${filter.category})`
      : undefined,
    filter.tag ? sql`exists (select 1 from json_each(${complaints.tags}) t where t.value = ${filter.tag})` : undefined,
  );
}

/** One page of complaints, newest received first (`limit + 1` rows: the extra says there is more). */
export function listComplaintsQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: ComplaintFilter,
  now: number,
  cursor: { receivedAt: number; id: string } | undefined,
  limit: number,
) {
  return selectComplaints(db)
    .where(
      and(
        complaintListCondition(organizationId, scope, filter, now),
        cursor
          ? or(
              lt(complaints.receivedAt, cursor.receivedAt),
              and(eq(complaints.receivedAt, cursor.receivedAt), lt(complaints.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(limit + 1);
}

/** The trail of one complaint, with each actor's name in the organisation. */
export function complaintHistoryQuery(db: Db, organizationId: string, complaintId: string) {
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
      and(
        eq(events.organizationId, organizationId),
        eq(events.subjectType, "complaint"),
        eq(events.subjectId, complaintId),
      ),
    )
    .orderBy(events.seq);
}

/** A branch of the organisation with what a complaint needs: its region (scope) and zone. */
export function complaintBranchQuery(db: Db, organizationId: string, branchId: string) {
  return db
    .select({ id: branches.id, regionId: branches.regionId, timezone: branches.timezone })
    .from(branches)
    .where(and(eq(branches.organizationId, organizationId), eq(branches.id, branchId)))
    .limit(1);
}

/** The organisation's complaint settings. */
export function complaintSettingsQuery(db: Db, organizationId: string) {
  return db
    .select({
      complaintAckDays: organizations.complaintAckDays,
      complaintRemedyDays: organizations.complaintRemedyDays,
      complaintResolveWeeks: organizations.complaintResolveWeeks,
      complaintSummaryDays: organizations.complaintSummaryDays,
      contactRetentionDays: organizations.contactRetentionDays,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
}

/** The organisation's calendar exceptions between two dates (both included). */
export function calendarDaysQuery(db: Db, organizationId: string, from: string, to: string) {
  return db
    .select({
      date: calendarDays.date,
      kind: calendarDays.kind,
      nameEn: calendarDays.nameEn,
      nameZh: calendarDays.nameZh,
    })
    .from(calendarDays)
    .where(
      and(eq(calendarDays.organizationId, organizationId), gte(calendarDays.date, from), lte(calendarDays.date, to)),
    )
    .orderBy(asc(calendarDays.date));
}

/** Replaces one year's calendar days: delete the year, insert the new ones (chunks of 15 rows). */
export function replaceCalendarYearStatements(
  db: Db,
  organizationId: string,
  year: number,
  days: readonly { date: string; kind: CalendarDayKind; nameEn: string; nameZh: string }[],
) {
  const inserts = [];
  for (let i = 0; i < days.length; i += 15) {
    inserts.push(db.insert(calendarDays).values(days.slice(i, i + 15).map((d) => ({ ...d, organizationId }))));
  }
  return [
    db
      .delete(calendarDays)
      .where(
        and(
          eq(calendarDays.organizationId, organizationId),
          gte(calendarDays.date, `${year}-01-01`),
          lte(calendarDays.date, `${year}-12-31`),
        ),
      ),
    ...inserts,
  ];
}

/** The published version of each checklist named (for checking a complaint's categories). */
export function publishedDocumentsQuery(db: Db, organizationId: string, checklistIds: readonly string[]) {
  return db
    .select({
      checklistId: checklistVersions.checklistId,
      number: checklistVersions.number,
      document: checklistVersions.document,
    })
    .from(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.status, "published"),
        inArray(checklistVersions.checklistId, checklistIds.length ? [...checklistIds] : [""]),
      ),
    );
}

/** The columns a change may set. */
export type ComplaintSet = Partial<
  Omit<typeof complaints.$inferInsert, "id" | "organizationId" | "version" | "createdAt" | "updatedAt">
>;

/** The guarded UPDATE of a change: only when the complaint is still at `version`. */
export function complaintUpdateStatement(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  set: ComplaintSet,
  now: number,
) {
  return db
    .update(complaints)
    .set({ ...set, updatedAt: now, version: sql`${complaints.version} + 1` })
    .where(and(eq(complaints.organizationId, organizationId), eq(complaints.id, id), eq(complaints.version, version)));
}

/** Finished complaints whose contact details are due for erasure (finished before `cutoff`). */
export function erasureCandidatesQuery(db: Db, organizationId: string, cutoff: number, limit: number) {
  return db
    .select({ id: complaints.id, version: complaints.version })
    .from(complaints)
    .where(
      and(
        eq(complaints.organizationId, organizationId),
        sql`${complaints.contactErasedAt} is null`,
        or(
          and(eq(complaints.status, "closed"), lt(complaints.closedAt, cutoff)),
          and(eq(complaints.status, "followed_up"), lt(complaints.followedUpAt, cutoff)),
        ),
        or(
          sql`${complaints.customerName} <> ''`,
          sql`${complaints.customerPhone} <> ''`,
          sql`${complaints.customerEmail} <> ''`,
        ),
      ),
    )
    .orderBy(asc(complaints.id))
    .limit(limit);
}

/** Erases one complaint's contact details (guarded by its version, so it happens once). */
export function eraseContactStatement(db: Db, organizationId: string, id: string, version: number, now: number) {
  return complaintUpdateStatement(
    db,
    organizationId,
    id,
    version,
    { customerName: "", customerPhone: "", customerEmail: "", contactErasedAt: now },
    now,
  );
}
