/**
 * Shoppers' reliability figures (docs/QUALITY.md, "Reliability"): the facts behind
 * `reliabilityOf` for EVERY shopper of the organisation in one batch of GROUP BY queries (no
 * round trip per shopper), and the cached rating written back to `shopper_profiles` in one
 * statement per few thousand shoppers.
 *
 * The window is the rolling 12 months (365 days) by visit time (`audits.visit_started_at`).
 * Every report submitted in it counts, whatever its state now: a rejected or voided report is
 * work the shopper handed in, and leaving it out would make the worst reports vanish from the
 * rating. A rejected report counts as returned (the strongest return there is).
 */
import { and, eq, getTableColumns, gte, isNotNull, type SQL, sql } from "drizzle-orm";
import {
  audits,
  calibrationAnswers,
  calibrationRaters,
  calibrations,
  checklistVersions,
  memberships,
  shopperProfiles,
  users,
} from "../../schema";
import type { MembershipStatus } from "../../schema/enums";
import { type CalibrationAnswer, calibrationResults, type RaterSheet } from "../domain/calibration";
import type { ChecklistDocument } from "../domain/checklists";
import { ASSIGNEE_ROLES } from "../domain/policy";
import { type Reliability, type ReliabilityFacts, reliabilityOf } from "../domain/reliability";
import { type Db, inJsonList, parseJsonColumn } from "./db";
import { memberName } from "./users";

/** The rolling window of the figures. */
export const RELIABILITY_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/** The first instant of the window ending at `now`. */
export const windowStart = (now: number) => now - RELIABILITY_WINDOW_DAYS * DAY_MS;

/** Every shopper membership (active or not) with their name and cached rating. */
function shoppersQuery(db: Db, organizationId: string, userId?: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      status: memberships.status,
      name: memberName.as("member_name"),
      hasProfile: sql<number>`${shopperProfiles.membershipId} is not null`.as("has_profile"),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(shopperProfiles, eq(shopperProfiles.membershipId, memberships.id))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inJsonList(memberships.role, ASSIGNEE_ROLES),
        userId === undefined ? undefined : eq(memberships.userId, userId),
      ),
    );
}

/** The reports of the window, scoped (and narrowed to one shopper when asked). */
const reportsWhere = (organizationId: string, since: number, userId?: string) =>
  and(
    eq(audits.organizationId, organizationId),
    gte(audits.visitStartedAt, since),
    userId === undefined ? undefined : eq(audits.shopperId, userId),
  );

/**
 * Per shopper: reports, returned (a reviewer's question exists only on a return, so
 * `review_messages` answers it without reading the trail; or rejected), late, flagged (a
 * non-empty `flags` array) and overturned (a dispute item of the report overturned).
 */
function reportFactsQuery(db: Db, organizationId: string, since: number, userId?: string) {
  return db
    .select({
      shopperId: audits.shopperId,
      reports: sql<number>`count(*)`.as("reports"),
      returned: sql<number>`sum(${audits.status} = 'rejected' or exists (select 1 from review_messages m
        where m.audit_id = "audits"."id" and m.kind = 'question'))`.as("returned"),
      late: sql<number>`sum(${audits.late})`.as("late"),
      flagged: sql<number>`sum(json_array_length(${audits.flags}) > 0)`.as("flagged"),
      overturned: sql<number>`sum(exists (select 1 from disputes d join dispute_items di on di.dispute_id = d.id
        where d.organization_id = ${organizationId} and d.audit_id = "audits"."id" and di.outcome = 'overturned'))`.as(
        "overturned",
      ),
    })
    .from(audits)
    .where(reportsWhere(organizationId, since, userId))
    .groupBy(audits.shopperId);
}

/** Per shopper: the answers of their reports of the window. */
function answerCountsQuery(db: Db, organizationId: string, since: number, userId?: string) {
  return db
    .select({ shopperId: audits.shopperId, answers: sql<number>`count(*)`.as("answers") })
    .from(audits)
    .innerJoin(sql`answers`, sql`answers.audit_id = ${audits.id}`)
    .where(reportsWhere(organizationId, since, userId))
    .groupBy(audits.shopperId);
}

/**
 * Per shopper: the answers a reviewer changed (`audit.answer_edited` events, an item edited
 * twice counted once) on their reports of the window. The trail's type index finds the edits.
 */
function editedCountsQuery(db: Db, organizationId: string, since: number, userId?: string) {
  return db
    .select({
      shopperId: audits.shopperId,
      edited: sql<number>`count(distinct e.subject_id || '|' || json_extract(e.payload, '$.item'))`.as("edited"),
    })
    .from(sql`events e`)
    .innerJoin(audits, sql`${audits.id} = e.subject_id`)
    .where(
      and(
        sql`e.organization_id = ${organizationId} and e.type = 'audit.answer_edited' and e.subject_type = 'audit'`,
        // An edit follows the visit: the trail before the window cannot hold one of its reports'.
        sql`e.at >= ${since}`,
        reportsWhere(organizationId, since, userId),
      ),
    )
    .groupBy(audits.shopperId);
}

/** Closed calibrations of the window (by closing time), with their checklist document. */
function closedCalibrationsQuery(db: Db, organizationId: string, since: number) {
  return db
    .select({ id: calibrations.id, expertId: calibrations.expertId, document: checklistVersions.document })
    .from(calibrations)
    .innerJoin(checklistVersions, eq(checklistVersions.id, calibrations.checklistVersionId))
    .where(
      and(
        eq(calibrations.organizationId, organizationId),
        eq(calibrations.status, "closed"),
        gte(calibrations.closedAt, since),
      ),
    );
}

const closedIds = (organizationId: string, since: number) =>
  sql`(select c.id from calibrations c where c.organization_id = ${organizationId} and c.status = 'closed' and c.closed_at >= ${since})`;

/** The submitted answers of those calibrations (a rater who never submitted has no sheet). */
function calibrationAnswersQuery(db: Db, organizationId: string, since: number) {
  return db
    .select({
      calibrationId: calibrationAnswers.calibrationId,
      raterId: calibrationAnswers.raterId,
      itemKey: calibrationAnswers.itemKey,
      value: calibrationAnswers.value,
      na: calibrationAnswers.na,
    })
    .from(calibrationAnswers)
    .innerJoin(
      calibrationRaters,
      and(
        eq(calibrationRaters.calibrationId, calibrationAnswers.calibrationId),
        eq(calibrationRaters.userId, calibrationAnswers.raterId),
      ),
    )
    .where(
      and(
        eq(calibrationRaters.organizationId, organizationId),
        isNotNull(calibrationRaters.submittedAt),
        sql`${calibrationAnswers.calibrationId} in ${closedIds(organizationId, since)}`,
      ),
    );
}

/**
 * Everything the figures read, as ONE batch: shoppers, report facts, answers, edits, closed
 * calibrations and their answers. `userId` narrows the shopper-side queries to one shopper (a
 * shopper's own page); calibrations are read whole, since the consensus needs every rater.
 */
export function reliabilityStatements(db: Db, organizationId: string, now: number, userId?: string) {
  const since = windowStart(now);
  return [
    shoppersQuery(db, organizationId, userId),
    reportFactsQuery(db, organizationId, since, userId),
    answerCountsQuery(db, organizationId, since, userId),
    editedCountsQuery(db, organizationId, since, userId),
    closedCalibrationsQuery(db, organizationId, since),
    calibrationAnswersQuery(db, organizationId, since),
  ] as const;
}

type Results<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type ReliabilityRows = Results<ReturnType<typeof reliabilityStatements>>;

export interface ShopperReliability extends Reliability {
  membershipId: string;
  userId: string;
  name: string;
  status: MembershipStatus;
  hasProfile: boolean;
  facts: ReliabilityFacts;
}

/**
 * Each rater's deviation from the consensus, item by item, over the closed calibrations: the
 * mean over every item they rated (an expert is the consensus of their own calibration and is
 * left out of it). Null for a rater with no item.
 */
export function calibrationDeviations(
  calibrationRows: ReliabilityRows[4],
  answerRows: ReliabilityRows[5],
): Map<string, number> {
  const sheets = new Map<string, Map<string, Map<string, CalibrationAnswer>>>();
  for (const row of answerRows) {
    const byRater = sheets.get(row.calibrationId) ?? new Map<string, Map<string, CalibrationAnswer>>();
    sheets.set(row.calibrationId, byRater);
    const answers = byRater.get(row.raterId) ?? new Map<string, CalibrationAnswer>();
    byRater.set(row.raterId, answers);
    const value = row.value == null ? null : parseJsonColumn<boolean | number | string>(row.value);
    if (row.na) answers.set(row.itemKey, { na: true });
    else if (value !== null) answers.set(row.itemKey, { value });
  }
  const sums = new Map<string, { sum: number; items: number }>();
  for (const calibration of calibrationRows) {
    const byRater = sheets.get(calibration.id);
    if (!byRater || byRater.size < 2) continue;
    const list: RaterSheet[] = [...byRater].map(([raterId, answers]) => ({ raterId, answers }));
    const doc = parseJsonColumn<ChecklistDocument>(calibration.document);
    // No bootstrap: only the deviations are read here.
    const results = calibrationResults(doc, list, { expertId: calibration.expertId, samples: 0 });
    for (const rater of results.raters) {
      if (rater.raterId === calibration.expertId) continue;
      const total = sums.get(rater.raterId) ?? { sum: 0, items: 0 };
      for (const d of Object.values(rater.items)) {
        if (d === null) continue;
        total.sum += d;
        total.items++;
      }
      sums.set(rater.raterId, total);
    }
  }
  const out = new Map<string, number>();
  for (const [raterId, { sum, items }] of sums) if (items > 0) out.set(raterId, sum / items);
  return out;
}

/** Every shopper's facts and rating from the batch's rows (shoppers without reports: no rating). */
export function readReliability(rows: ReliabilityRows): ShopperReliability[] {
  const [shopperRows, reportRows, answerRows, editedRows, calibrationRows, calibrationAnswerRows] = rows;
  const reportsOf = new Map(reportRows.map((r) => [r.shopperId, r]));
  const answersOf = new Map(answerRows.map((r) => [r.shopperId, Number(r.answers)]));
  const editedOf = new Map(editedRows.map((r) => [r.shopperId, Number(r.edited)]));
  const deviations = calibrationDeviations(calibrationRows, calibrationAnswerRows);
  return shopperRows.map((s) => {
    const r = reportsOf.get(s.userId);
    const facts: ReliabilityFacts = {
      reports: Number(r?.reports ?? 0),
      returned: Number(r?.returned ?? 0),
      answers: answersOf.get(s.userId) ?? 0,
      editedAnswers: editedOf.get(s.userId) ?? 0,
      overturned: Number(r?.overturned ?? 0),
      flagged: Number(r?.flagged ?? 0),
      late: Number(r?.late ?? 0),
      calibrationDeviation: deviations.get(s.userId) ?? null,
    };
    return {
      membershipId: s.membershipId,
      userId: s.userId,
      name: s.name,
      status: s.status,
      hasProfile: Boolean(s.hasProfile),
      facts,
      ...reliabilityOf(facts),
    };
  });
}

/**
 * The cached rating of every shopper, as ONE statement (per 2,000 shoppers): a profile row is
 * made for a shopper without one (coverage defaults), an existing one keeps its coverage, its
 * `version` and `updated_at` (the cache is not an edit: an admin's open profile form stays valid).
 */
export function saveRatingsStatements(
  db: Db,
  organizationId: string,
  list: readonly ShopperReliability[],
  now: number,
) {
  const statements = [];
  for (let i = 0; i < list.length; i += 2000) {
    const payload = JSON.stringify(
      list.slice(i, i + 2000).map((s) => [s.membershipId, s.rating, s.provisional || s.rating === null ? 1 : 0]),
    );
    // Drizzle's insert … select lists every column in the table's order: each gets its value.
    const values: Record<string, SQL> = {
      membershipId: sql`json_extract(value, '$[0]')`,
      organizationId: sql`${organizationId}`,
      channels: sql`'["store","call_centre"]'`,
      regionIds: sql`'[]'`,
      cities: sql`'[]'`,
      excludedBranchIds: sql`'[]'`,
      rating: sql`json_extract(value, '$[1]')`,
      ratingProvisional: sql`json_extract(value, '$[2]')`,
      ratedAt: sql`${now}`,
      updatedAt: sql`${now}`,
      version: sql`1`,
    };
    const columns = sql.join(
      Object.keys(getTableColumns(shopperProfiles)).map((key) => values[key] ?? sql`null`),
      sql`, `,
    );
    statements.push(
      db
        .insert(shopperProfiles)
        // `where true`: SQLite reads `on conflict` after a bare `from` as a join's constraint.
        .select(sql`select ${columns} from json_each(${payload}) where true`)
        .onConflictDoUpdate({
          target: shopperProfiles.membershipId,
          set: {
            rating: sql`excluded.rating`,
            ratingProvisional: sql`excluded.rating_provisional`,
            ratedAt: sql`excluded.rated_at`,
          },
        }),
    );
  }
  return statements;
}

/** Every shopper's figures (one read batch; nothing written). */
export async function computeReliability(db: Db, organizationId: string, now: number): Promise<ShopperReliability[]> {
  return readReliability(await db.batch(reliabilityStatements(db, organizationId, now)));
}

/** Caches the ratings of `list` (one write batch). */
export async function saveRatings(
  db: Db,
  organizationId: string,
  list: readonly ShopperReliability[],
  now: number,
): Promise<void> {
  const [first, ...rest] = saveRatingsStatements(db, organizationId, list, now);
  if (first) await db.batch([first, ...rest]);
}

/** Computes every shopper's figures and caches their ratings: two round trips for the whole organisation. */
export async function refreshReliability(db: Db, organizationId: string, now: number): Promise<ShopperReliability[]> {
  const list = await computeReliability(db, organizationId, now);
  await saveRatings(db, organizationId, list, now);
  return list;
}
