/**
 * Reads and writes of audit rounds (docs/ROUNDS.md). A preview or a commit reads everything the
 * engine needs in ONE batch (`roundContextStatements`), and a commit writes the round, its
 * visits, their assignments and the events in ONE more (`commitRoundStatements`): a round of
 * 4,000 visits costs two round trips, not one per visit. Bulk rows go in as
 * `INSERT … SELECT … FROM json_each(?)` (`jsonInsertStatements`): one bound parameter per
 * statement, a few statements per thousand rows.
 */
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  assignments,
  audits,
  branches,
  checklists,
  memberships,
  organizations,
  regions,
  rounds,
  roundVisits,
  shopperProfiles,
} from "../../schema";
import type { Channel } from "../../schema/enums";
import { ASSIGNEE_ROLES } from "../domain/policy";
import type { PastVisit, RoundShopper } from "../domain/round-staffing";
import { dayNumber, type RoundBranch } from "../domain/rounds";
import { type Db, inJsonList, jsonInsertStatements, parseJsonColumn } from "./db";

const DAY_MS = 86_400_000;

export type RoundRow = typeof rounds.$inferSelect;
export type RoundVisitInsert = typeof roundVisits.$inferInsert;
export type AssignmentInsert = typeof assignments.$inferInsert;

/** The organisation's staffing rules (rotation lockout, per-day and per-week maxima). */
function settingsQuery(db: Db, organizationId: string) {
  return db
    .select({
      lockoutDays: organizations.rotationLockoutDays,
      maxPerDay: organizations.maxVisitsPerDay,
      maxPerWeek: organizations.maxVisitsPerWeek,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
}

/** The checklist and its current published version (the highest published number), or no row. */
function checklistQuery(db: Db, organizationId: string, checklistId: string) {
  return db
    .select({
      id: checklists.id,
      channel: checklists.channel,
      status: checklists.status,
      // Table names spelled out: drizzle writes a single-table query's columns unqualified.
      versionId: sql<string | null>`(select cv.id from checklist_versions cv
        where cv.checklist_id = ${checklistId} and cv.status = 'published' order by cv.number desc limit 1)`.as(
        "published_version_id",
      ),
    })
    .from(checklists)
    .where(and(eq(checklists.organizationId, organizationId), eq(checklists.id, checklistId)))
    .limit(1);
}

/** Every branch of the organisation as the engine reads it (inactive ones too: the engine skips them). */
function branchesQuery(db: Db, organizationId: string) {
  return db
    .select({
      id: branches.id,
      code: branches.code,
      regionId: branches.regionId,
      channel: branches.channel,
      active: branches.active,
      city: branches.city,
      timezone: branches.timezone,
      openingHours: branches.openingHours,
    })
    .from(branches)
    .where(eq(branches.organizationId, organizationId));
}

export type RoundBranchRow = Awaited<ReturnType<typeof branchesQuery>>[number];

/** The organisation's regions (ids, codes and names: the preview names them). */
export function regionsQuery(db: Db, organizationId: string) {
  return db
    .select({ id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh })
    .from(regions)
    .where(eq(regions.organizationId, organizationId));
}

export type RoundRegionRow = Awaited<ReturnType<typeof regionsQuery>>[number];

/** What staffing reads of a shopper: the membership and its profile (select from memberships left-joined to profiles). */
export const shopperStaffingColumns = {
  userId: memberships.userId,
  status: memberships.status,
  channels: shopperProfiles.channels,
  regionIds: shopperProfiles.regionIds,
  cities: shopperProfiles.cities,
  excludedBranchIds: shopperProfiles.excludedBranchIds,
  rating: shopperProfiles.rating,
  ratingProvisional: shopperProfiles.ratingProvisional,
};

type ShopperStaffingRow = {
  [K in keyof typeof shopperStaffingColumns]: (typeof shopperStaffingColumns)[K]["_"]["data"] | null;
};

/**
 * The engine's view of a shopper from `shopperStaffingColumns`: no profile covers every channel
 * and no region, and was never rated (which the floor reads as provisional).
 */
export function roundShopperOf(row: ShopperStaffingRow & { userId: string }): RoundShopper {
  const list = (value: unknown, fallback: string[]): string[] =>
    value == null ? fallback : parseJsonColumn<string[]>(value);
  return {
    id: row.userId,
    active: row.status === "active",
    channels: list(row.channels, ["store", "call_centre"]) as Channel[],
    regionIds: list(row.regionIds, []),
    cities: list(row.cities, []),
    excludedBranchIds: list(row.excludedBranchIds, []),
    rating: row.rating,
    ratingProvisional: row.ratingProvisional == null ? true : Boolean(row.ratingProvisional),
  };
}

/** Every shopper membership (active or not: staffing counts the inactive) with its profile, if any. */
function shoppersQuery(db: Db, organizationId: string) {
  return db
    .select(shopperStaffingColumns)
    .from(memberships)
    .leftJoin(shopperProfiles, eq(shopperProfiles.membershipId, memberships.id))
    .where(and(eq(memberships.organizationId, organizationId), inJsonList(memberships.role, ASSIGNEE_ROLES)));
}

/** The lockout of the organisation, in SQL (history is read in the same batch as the setting). */
const lockoutDaysSql = (organizationId: string) =>
  sql`(select o.rotation_lockout_days from organizations o where o.id = ${organizationId})`;

/**
 * Reports whose visit began within the lockout before the period (a day's margin for time
 * zones) up to a day after it: `audits_org_branch_idx` is not used (all branches), the scan is
 * the organisation's reports of those months.
 */
function pastVisitsQuery(db: Db, organizationId: string, from: string, to: string) {
  const start = dayNumber(from) * DAY_MS - DAY_MS;
  const end = (dayNumber(to) + 2) * DAY_MS;
  return db
    .select({ shopperId: audits.shopperId, branchId: audits.branchId, visitStartedAt: audits.visitStartedAt })
    .from(audits)
    .where(
      and(
        eq(audits.organizationId, organizationId),
        sql`${audits.visitStartedAt} >= ${start} - ${lockoutDaysSql(organizationId)} * ${DAY_MS}`,
        sql`${audits.visitStartedAt} < ${end}`,
      ),
    );
}

/** Open assignments whose window comes within the lockout of the period (either side). */
function openAssignmentsQuery(db: Db, organizationId: string, from: string, to: string) {
  const lockout = lockoutDaysSql(organizationId);
  return db
    .select({
      shopperId: assignments.shopperId,
      branchId: assignments.branchId,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
    })
    .from(assignments)
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.status, "open"),
        sql`${assignments.windowEnd} >= date(${from}, '-' || ${lockout} || ' days')`,
        sql`${assignments.windowStart} <= date(${to}, '+' || ${lockout} || ' days')`,
      ),
    );
}

/** One round of the organisation (one statement, for a batch). */
export function selectRound(db: Db, organizationId: string, id: string) {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.organizationId, organizationId), eq(rounds.id, id)))
    .limit(1);
}

/**
 * Everything a preview or a commit reads, as statements for ONE batch: settings, checklist,
 * branches, regions, shoppers with profiles, reports and open assignments around the period,
 * and the round if it exists already (a repeated commit). `readContext` parses the answers.
 */
export function roundContextStatements(
  db: Db,
  organizationId: string,
  input: { id: string; checklistId: string; from: string; to: string },
) {
  return [
    settingsQuery(db, organizationId),
    checklistQuery(db, organizationId, input.checklistId),
    branchesQuery(db, organizationId),
    regionsQuery(db, organizationId),
    shoppersQuery(db, organizationId),
    pastVisitsQuery(db, organizationId, input.from, input.to),
    openAssignmentsQuery(db, organizationId, input.from, input.to),
    selectRound(db, organizationId, input.id),
  ] as const;
}

type Results<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type RoundContextRows = Results<ReturnType<typeof roundContextStatements>>;

/** A date in a time zone, cached per quarter hour (every zone's midnight falls on one): 48,000 reports cost a few hundred `Intl` calls. */
function localDates(localDate: (instant: number, timeZone: string) => string) {
  const cache = new Map<string, string>();
  const QUARTER = 15 * 60_000;
  return (instant: number, timeZone: string) => {
    const bucket = Math.floor(instant / QUARTER) * QUARTER;
    const key = `${timeZone}|${bucket}`;
    let date = cache.get(key);
    if (date === undefined) {
      date = localDate(bucket, timeZone);
      cache.set(key, date);
    }
    return date;
  };
}

export interface RoundContext {
  rules: { lockoutDays: number; maxPerDay: number; maxPerWeek: number };
  checklist: { id: string; channel: Channel; active: boolean; versionId: string | null } | null;
  branches: Array<RoundBranch & { code: string; timezone: string }>;
  regions: RoundRegionRow[];
  shoppers: RoundShopper[];
  history: PastVisit[];
  existing: RoundRow | null;
}

/**
 * The engine's inputs from the batch's rows: JSON columns parsed, a shopper without a profile
 * covering every channel and no region, each report's visit day in its branch's calendar.
 */
export function readContext(
  rows: RoundContextRows,
  localDate: (instant: number, timeZone: string) => string,
): RoundContext {
  const [settings, checklist, branchRows, regionRows, shopperRows, pastRows, openRows, roundRows] = rows;
  const setting = settings[0];
  if (!setting) throw new Error("organisation vanished");
  const found = checklist[0];
  const branchList = branchRows.map((b) => ({
    id: b.id,
    code: b.code,
    regionId: b.regionId,
    channel: b.channel,
    active: Boolean(b.active),
    city: b.city || null,
    timezone: b.timezone,
    openingHours: b.openingHours == null ? null : parseJsonColumn<Record<string, [string, string][]>>(b.openingHours),
  }));
  const timezoneOf = new Map(branchList.map((b) => [b.id, b.timezone]));
  const dateOf = localDates(localDate);
  return {
    rules: setting,
    checklist: found
      ? { id: found.id, channel: found.channel, active: found.status === "active", versionId: found.versionId }
      : null,
    branches: branchList,
    regions: regionRows,
    shoppers: shopperRows.map(roundShopperOf),
    history: [
      ...pastRows.map((p) => ({
        shopperId: p.shopperId,
        branchId: p.branchId,
        date: dateOf(p.visitStartedAt, timezoneOf.get(p.branchId) ?? "UTC"),
      })),
      ...openRows.map((a) => ({
        shopperId: a.shopperId,
        branchId: a.branchId,
        date: a.windowStart,
        endDate: a.windowEnd,
      })),
    ],
    existing: roundRows[0] ?? null,
  };
}

/**
 * The statements of a commit, the round's INSERT first: a second commit of the same id (a
 * double click, two tabs) fails on the round's primary key before anything else is written.
 */
export function commitRoundStatements(
  db: Db,
  round: typeof rounds.$inferInsert,
  visits: readonly RoundVisitInsert[],
  assignmentRows: readonly AssignmentInsert[],
): BatchItem<"sqlite">[] {
  return [
    db.insert(rounds).values(round),
    ...jsonInsertStatements(db, roundVisits, visits),
    ...jsonInsertStatements(db, assignments, assignmentRows),
  ];
}

/** Whether an error is the round's primary key refusing a second commit of one id. */
export function isRoundTaken(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return text.includes("UNIQUE constraint failed: rounds.id");
}

/** Counts of a round's visits by status, for lists: correlated counts over `round_visits_key_uq`. */
const visitCount = (status: string | null) =>
  sql<number>`(select count(*) from round_visits rv where rv.round_id = "rounds"."id"${
    status === null ? sql`` : sql` and rv.status = ${status}`
  })`;

/** A page of the organisation's rounds, newest first, with their visits counted by status (`limit + 1` rows). */
export function listRoundsQuery(
  db: Db,
  organizationId: string,
  after: { createdAt: number; id: string } | undefined,
  limit: number,
) {
  return db
    .select({
      round: rounds,
      visits: visitCount(null).as("visit_count"),
      staffed: visitCount("staffed").as("staffed_count"),
      posted: visitCount("posted").as("posted_count"),
      unstaffed: visitCount("unstaffed").as("unstaffed_count"),
      cancelled: visitCount("cancelled").as("cancelled_count"),
    })
    .from(rounds)
    .where(
      and(
        eq(rounds.organizationId, organizationId),
        after ? sql`(${rounds.createdAt}, ${rounds.id}) < (${after.createdAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(rounds.createdAt), desc(rounds.id))
    .limit(limit + 1);
}

export type RoundListRow = Awaited<ReturnType<typeof listRoundsQuery>>[number];

/** A round's visits with their branch's region (what the summary and coverage count). */
export function roundVisitsQuery(db: Db, organizationId: string, roundId: string) {
  return db
    .select({
      id: roundVisits.id,
      visitKey: roundVisits.visitKey,
      branchId: roundVisits.branchId,
      regionId: branches.regionId,
      timezone: branches.timezone,
      windowStart: roundVisits.windowStart,
      windowEnd: roundVisits.windowEnd,
      stratum: roundVisits.stratum,
      status: roundVisits.status,
      unstaffedReason: roundVisits.unstaffedReason,
      assignmentId: roundVisits.assignmentId,
      assignmentStatus: sql<(typeof assignments.$inferSelect)["status"] | null>`${assignments.status}`.as(
        "assignment_status",
      ),
      auditStatus: sql<(typeof audits.$inferSelect)["status"] | null>`${audits.status}`.as("audit_status"),
    })
    .from(roundVisits)
    .innerJoin(branches, eq(branches.id, roundVisits.branchId))
    .leftJoin(assignments, eq(assignments.id, roundVisits.assignmentId))
    .leftJoin(audits, eq(audits.assignmentId, roundVisits.assignmentId))
    .where(and(eq(roundVisits.organizationId, organizationId), eq(roundVisits.roundId, roundId)))
    .orderBy(roundVisits.windowStart, roundVisits.visitKey);
}

export type RoundVisitRow = Awaited<ReturnType<typeof roundVisitsQuery>>[number];

/** The branches a round visits, with names and codes (the coverage's rows). */
export function roundBranchesQuery(db: Db, organizationId: string, roundId: string) {
  return db
    .select({
      id: branches.id,
      code: branches.code,
      nameEn: branches.nameEn,
      nameZh: branches.nameZh,
      regionId: branches.regionId,
      timezone: branches.timezone,
    })
    .from(branches)
    .where(
      and(
        eq(branches.organizationId, organizationId),
        sql`${branches.id} in (select rv.branch_id from round_visits rv where rv.round_id = ${roundId})`,
      ),
    );
}

export type RoundBranchNameRow = Awaited<ReturnType<typeof roundBranchesQuery>>[number];

/** The open assignments of a round (what cancelling it cancels). */
export function openRoundAssignmentsQuery(db: Db, organizationId: string, roundId: string) {
  return db
    .select({ id: assignments.id, branchId: assignments.branchId, shopperId: assignments.shopperId })
    .from(assignments)
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.roundId, roundId),
        eq(assignments.status, "open"),
      ),
    );
}

/**
 * The statements that cancel a round, the guarded UPDATE of the round LAST (`recordChange`
 * with `guarded`: the batch fails as a whole when that UPDATE changes no row). `openIds` are the
 * round's open assignments as the route READ them, each with an `assignment.cancelled` event in
 * the same batch; so the trail tells the truth, the round's UPDATE also requires that:
 * - the assignments' UPDATE (just before it: `changes()`) cancelled exactly those, none of which
 *   a report (or a single cancel) reached between the read and this batch;
 * - no assignment of the round is open any more (a claim from the board between read and write).
 *
 * Otherwise nothing is written and the route reads again (`StaleWrite` with the version unchanged).
 * The visits go first: those not yet done (on the board, unstaffed, or whose assignment is
 * cancelled, now or earlier).
 */
export function cancelRoundStatements(
  db: Db,
  organizationId: string,
  round: { id: string; version: number },
  openIds: readonly string[],
  now: number,
): BatchItem<"sqlite">[] {
  return [
    db
      .update(roundVisits)
      .set({ status: "cancelled" })
      .where(
        and(
          eq(roundVisits.organizationId, organizationId),
          eq(roundVisits.roundId, round.id),
          or(
            inArray(roundVisits.status, ["posted", "unstaffed"]),
            inJsonList(roundVisits.assignmentId, openIds),
            sql`${roundVisits.assignmentId} in (select a.id from assignments a
              where a.round_id = ${round.id} and a.status = 'cancelled')`,
          ),
        ),
      ),
    db
      .update(assignments)
      .set({ status: "cancelled", updatedAt: now })
      .where(
        and(
          eq(assignments.organizationId, organizationId),
          eq(assignments.roundId, round.id),
          eq(assignments.status, "open"),
          inJsonList(assignments.id, openIds),
        ),
      ),
    db
      .update(rounds)
      .set({ status: "cancelled", cancelledAt: now, version: sql`${rounds.version} + 1` })
      .where(
        and(
          eq(rounds.organizationId, organizationId),
          eq(rounds.id, round.id),
          eq(rounds.version, round.version),
          eq(rounds.status, "committed"),
          // Evaluated before this statement counts its own rows: the assignments' UPDATE's.
          sql`changes() = ${openIds.length}`,
          sql`not exists (select 1 from assignments a where a.round_id = ${round.id} and a.status = 'open')`,
        ),
      ),
  ];
}
