/**
 * Reads and writes of the job board (docs/ROUNDS.md, "The job board"): the posted visits of
 * committed rounds (a board round's, and a rule round's a shopper declined), what one shopper needs for the eligibility rules (their profile, reports and
 * open assignments), and the claim and release batches. A listing or a claim reads everything in
 * ONE batch; a claim or a release writes in ONE more, guarded so two claims of one visit make one
 * assignment.
 */
import { and, eq, gte, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  assignments,
  audits,
  branches,
  declines,
  memberships,
  organizations,
  rounds,
  roundVisits,
  shopperProfiles,
} from "../../schema";
import { type PastVisit, type RoundShopper, windowLoads } from "../domain/round-staffing";
import type { Db } from "./db";
import { roundShopperOf, shopperStaffingColumns } from "./rounds";

const DAY_MS = 86_400_000;

/** Hours before a visit's window starts (in the branch's calendar) after which a claim cannot be released. */
export const RELEASE_CUTOFF_HOURS = 24;

/** Columns of one name in several tables are aliased: a batch's rows are keyed by column name. */
const visitColumns = {
  id: roundVisits.id,
  roundId: roundVisits.roundId,
  roundName: rounds.name,
  roundStaffing: rounds.staffing,
  roundStatus: sql<(typeof rounds.$inferSelect)["status"]>`${rounds.status}`.as("round_status"),
  checklistVersionId: rounds.checklistVersionId,
  feeCents: rounds.feeCents,
  reimbursementCapCents: rounds.reimbursementCapCents,
  ratingFloor: rounds.ratingFloor,
  visitKey: roundVisits.visitKey,
  status: roundVisits.status,
  assignmentId: roundVisits.assignmentId,
  windowStart: roundVisits.windowStart,
  windowEnd: roundVisits.windowEnd,
  stratum: roundVisits.stratum,
  scenarioEn: roundVisits.scenarioEn,
  scenarioZh: roundVisits.scenarioZh,
  branchId: sql<string>`${branches.id}`.as("board_branch_id"),
  branchCode: branches.code,
  branchNameEn: branches.nameEn,
  branchNameZh: branches.nameZh,
  address: branches.address,
  city: branches.city,
  regionId: branches.regionId,
  channel: branches.channel,
  timezone: branches.timezone,
};

/** Whether this shopper declined this round visit once (they never see or claim it again). */
function declinedBy(shopperId: string) {
  return sql<number>`exists (select 1 from ${declines} where ${declines.roundVisitId} = ${roundVisits.id}
    and ${declines.shopperId} = ${shopperId})`;
}

/**
 * A round visit's assignment was claimed from the board: the shopper made it themselves (a
 * rule-staffed or one-off visit is made by an admin). `a` is the assignments alias.
 */
const CLAIMED = sql.raw("a.round_id is not null and a.created_by = a.shopper_id");

/**
 * The board's visits of the organisation: posted, of a committed round (a board round's, or a
 * rule round's that its shopper declined), whose window has not ended (a day's margin: the route
 * drops those past in the branch's calendar), less those this shopper declined. Ordered by
 * window. `round_visits_org_status_idx` serves it.
 */
export function postedVisitsQuery(db: Db, organizationId: string, shopperId: string, now: number) {
  const yesterday = new Date(now - DAY_MS).toISOString().slice(0, 10);
  return db
    .select(visitColumns)
    .from(roundVisits)
    .innerJoin(rounds, eq(rounds.id, roundVisits.roundId))
    .innerJoin(branches, eq(branches.id, roundVisits.branchId))
    .where(
      and(
        eq(roundVisits.organizationId, organizationId),
        eq(roundVisits.status, "posted"),
        gte(roundVisits.windowEnd, yesterday),
        eq(rounds.status, "committed"),
        sql`not ${declinedBy(shopperId)}`,
      ),
    )
    .orderBy(roundVisits.windowStart, roundVisits.visitKey)
    .limit(2000);
}

export type BoardVisitRow = Awaited<ReturnType<typeof postedVisitsQuery>>[number];

/**
 * One round visit of the organisation, whatever its status (a claim or a release reads it): who
 * holds it, whether they claimed it from the board, whether `shopperId` declined it once.
 */
export function boardVisitQuery(db: Db, organizationId: string, visitId: string, shopperId: string) {
  return db
    .select({
      ...visitColumns,
      shopperId: assignments.shopperId,
      assignmentStatus: sql<(typeof assignments.$inferSelect)["status"] | null>`${assignments.status}`.as(
        "assignment_status",
      ),
      claimed: sql<number>`coalesce(${assignments.createdBy} = ${assignments.shopperId}, 0)`.as("claimed"),
      declined: declinedBy(shopperId).as("declined"),
    })
    .from(roundVisits)
    .innerJoin(rounds, eq(rounds.id, roundVisits.roundId))
    .innerJoin(branches, eq(branches.id, roundVisits.branchId))
    .leftJoin(assignments, eq(assignments.id, roundVisits.assignmentId))
    .where(and(eq(roundVisits.organizationId, organizationId), eq(roundVisits.id, visitId)))
    .limit(1);
}

/** The organisation's staffing rules. */
function rulesQuery(db: Db, organizationId: string) {
  return db
    .select({
      lockoutDays: organizations.rotationLockoutDays,
      maxPerDay: organizations.maxVisitsPerDay,
      maxPerWeek: organizations.maxVisitsPerWeek,
      claimLimit: organizations.boardClaimLimit,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
}

/** The shopper's membership and profile. */
function shopperQuery(db: Db, membershipId: string) {
  return db
    .select(shopperStaffingColumns)
    .from(memberships)
    .leftJoin(shopperProfiles, eq(shopperProfiles.membershipId, memberships.id))
    .where(eq(memberships.id, membershipId))
    .limit(1);
}

/** The shopper's reports that can still lock a branch out or count towards the maxima (within the lockout of today). */
function shopperReportsQuery(db: Db, organizationId: string, shopperId: string, now: number) {
  return db
    .select({ branchId: audits.branchId, visitStartedAt: audits.visitStartedAt, timezone: branches.timezone })
    .from(audits)
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .where(
      and(
        eq(audits.organizationId, organizationId),
        eq(audits.shopperId, shopperId),
        sql`${audits.visitStartedAt} >= ${now - 2 * DAY_MS} - (select o.rotation_lockout_days from organizations o
          where o.id = ${organizationId}) * ${DAY_MS}`,
      ),
    );
}

/** The shopper's assignments not cancelled: open ones count as history, round ones for "same round". */
function shopperAssignmentsQuery(db: Db, organizationId: string, shopperId: string) {
  return db
    .select({
      id: assignments.id,
      branchId: assignments.branchId,
      roundId: assignments.roundId,
      status: assignments.status,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      fromBoard: sql<number>`(${assignments.roundId} is not null and ${assignments.createdBy} = ${assignments.shopperId})`,
    })
    .from(assignments)
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.shopperId, shopperId),
        ne(assignments.status, "cancelled"),
      ),
    );
}

/** What the eligibility rules read about one shopper, as statements for one batch. */
export function shopperContextStatements(
  db: Db,
  actor: { organizationId: string; userId: string; membershipId: string },
  now: number,
) {
  return [
    rulesQuery(db, actor.organizationId),
    shopperQuery(db, actor.membershipId),
    shopperReportsQuery(db, actor.organizationId, actor.userId, now),
    shopperAssignmentsQuery(db, actor.organizationId, actor.userId),
  ] as const;
}

type Results<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type ShopperContextRows = Results<ReturnType<typeof shopperContextStatements>>;

export interface ShopperContext {
  rules: { lockoutDays: number; maxPerDay: number; maxPerWeek: number };
  /** The organisation's `boardClaimLimit`. */
  claimLimit: number;
  /** The days (in each branch's calendar) of the shopper's reports that count towards the maxima. */
  reportDates: string[];
  shopper: RoundShopper;
  history: PastVisit[];
  /** Branch ids by round id of the shopper's assignments (rule 6, "same round"). */
  roundBranches: Map<string, Set<string>>;
  /** Open assignments claimed from the board (against `claimLimit`). */
  openClaims: number;
}

/** The engine's view of the shopper from the batch's rows (a shopper without a profile covers every channel, no region). */
export function readShopperContext(
  rows: ShopperContextRows,
  localDate: (instant: number, timeZone: string) => string,
): ShopperContext {
  const [[rules], [me], reports, held] = rows;
  if (!rules || !me) throw new Error("organisation or membership vanished");
  const roundBranches = new Map<string, Set<string>>();
  for (const a of held) {
    if (!a.roundId) continue;
    const set = roundBranches.get(a.roundId) ?? new Set<string>();
    set.add(a.branchId);
    roundBranches.set(a.roundId, set);
  }
  const open = held.filter((a) => a.status === "open");
  const { claimLimit, ...staffing } = rules;
  return {
    rules: staffing,
    claimLimit,
    reportDates: reports.map((r) => localDate(r.visitStartedAt, r.timezone)),
    shopper: roundShopperOf(me),
    history: [
      ...reports.map((r) => ({
        shopperId: me.userId,
        branchId: r.branchId,
        date: localDate(r.visitStartedAt, r.timezone),
      })),
      ...open.map((a) => ({ shopperId: me.userId, branchId: a.branchId, date: a.windowStart, endDate: a.windowEnd })),
    ],
    roundBranches,
    openClaims: open.filter((a) => Number(a.fromBoard) > 0).length,
  };
}

/**
 * The claim's statements: the assignment's INSERT, then the guarded UPDATE of the visit LAST
 * (`recordChange` with `guarded`): it changes a row only while the visit is still posted, the
 * shopper never declined it, and — counting their open assignments as they are at that instant,
 * the new one included — they hold no more open board claims than the organisation's
 * `board_claim_limit`, and on no day of the window more visits than `max_visits_per_day` (nor in
 * an ISO week it touches more than `max_visits_per_week`), their reports (`reportDates`, read
 * with the claim) counted too. So of two claims at once one wins, and two claims of one shopper
 * at once can pass neither the limit nor the maxima.
 */
export function claimStatements(
  db: Db,
  assignment: typeof assignments.$inferInsert & { windowStart: string; windowEnd: string },
  visitId: string,
  reportDates: readonly string[],
): BatchItem<"sqlite">[] {
  const org = assignment.organizationId;
  const shopper = assignment.shopperId;
  const setting = (column: string) => sql`(select o.${sql.raw(column)} from organizations o where o.id = ${org})`;
  const { days, weeks } = windowLoads(assignment.windowStart, assignment.windowEnd, reportDates);
  const openOverlapping = (from: SQL, to: SQL) =>
    sql`(select count(*) from assignments a where a.organization_id = ${org} and a.shopper_id = ${shopper}
      and a.status = 'open' and a.window_start <= ${to} and a.window_end >= ${from})`;
  const day = sql.raw("json_extract(j.value, '$.d')");
  const weekStart = sql.raw("json_extract(j.value, '$.s')");
  const weekEnd = sql.raw("json_extract(j.value, '$.e')");
  const reports = sql.raw("json_extract(j.value, '$.r')");
  return [
    db.insert(assignments).values(assignment),
    db
      .update(roundVisits)
      .set({ status: "staffed", assignmentId: assignment.id })
      .where(
        and(
          eq(roundVisits.organizationId, assignment.organizationId),
          eq(roundVisits.id, visitId),
          eq(roundVisits.status, "posted"),
          sql`not ${declinedBy(shopper)}`,
          sql`(select count(*) from assignments a where a.organization_id = ${org} and a.shopper_id = ${shopper}
            and a.status = 'open' and ${CLAIMED}) <= ${setting("board_claim_limit")}`,
          sql`not exists (select 1 from json_each(${JSON.stringify(days)}) j
            where ${openOverlapping(day, day)} + ${reports} > ${setting("max_visits_per_day")})`,
          sql`not exists (select 1 from json_each(${JSON.stringify(weeks)}) j
            where ${openOverlapping(weekStart, weekEnd)} + ${reports} > ${setting("max_visits_per_week")})`,
        ),
      ),
  ];
}

/**
 * The release's statements: the visit back on the board, then the guarded UPDATE of the
 * assignment LAST (still open: a report that arrived meanwhile keeps it).
 */
export function releaseStatements(
  db: Db,
  organizationId: string,
  visit: { id: string; assignmentId: string },
  now: number,
): BatchItem<"sqlite">[] {
  return [
    db
      .update(roundVisits)
      .set({ status: "posted", assignmentId: null })
      .where(
        and(
          eq(roundVisits.organizationId, organizationId),
          eq(roundVisits.id, visit.id),
          eq(roundVisits.assignmentId, visit.assignmentId),
          inArray(roundVisits.status, ["staffed"]),
        ),
      ),
    db
      .update(assignments)
      .set({ status: "cancelled", updatedAt: now })
      .where(
        and(
          eq(assignments.organizationId, organizationId),
          eq(assignments.id, visit.assignmentId),
          eq(assignments.status, "open"),
        ),
      ),
  ];
}

/**
 * The shopper's open visits, for "Your visits" on /jobs: each with its branch, window, whether
 * they accepted it, and whether they claimed it from the board (only those can be released).
 */
export function shopperOpenVisitsQuery(db: Db, organizationId: string, shopperId: string) {
  return db
    .select({
      id: assignments.id,
      roundVisitId: assignments.roundVisitId,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      scenarioEn: assignments.scenario,
      scenarioZh: assignments.scenarioZh,
      acceptedAt: assignments.acceptedAt,
      claimed: sql<number>`(${assignments.roundId} is not null and ${assignments.createdBy} = ${assignments.shopperId})`,
      branchId: sql<string>`${branches.id}`.as("open_branch_id"),
      branchNameEn: branches.nameEn,
      branchNameZh: branches.nameZh,
      address: branches.address,
      channel: branches.channel,
      timezone: branches.timezone,
    })
    .from(assignments)
    .innerJoin(branches, eq(branches.id, assignments.branchId))
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.shopperId, shopperId),
        eq(assignments.status, "open"),
        sql`not exists (select 1 from ${audits} where ${audits.assignmentId} = ${assignments.id})`,
      ),
    )
    .orderBy(assignments.windowStart, assignments.id)
    .limit(200);
}
