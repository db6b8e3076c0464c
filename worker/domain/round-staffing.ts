/**
 * Staffing of a round's visits by rule (docs/ROUNDS.md, "Staffing"): for each visit, the
 * eligible shopper with the lightest load, or the exact reason nobody could take it.
 *
 * A shopper may take a visit when, in this order (the first rule failed is the one counted):
 * 1. `inactive`: they are an active shopper;
 * 2. `noChannel`: they do the branch's channel (store visits or calls);
 * 3. `noRegion`: they cover the branch's region, or its city;
 * 4. `excluded`: the branch is not on their exclusion list (e.g. a former employer);
 * 5. `belowRating`: their rating reaches the floor, when there is one; no rating, or a
 *    provisional one, passes unless the rules say otherwise (`passesRatingFloor`: a newcomer
 *    must be able to start);
 * 6. `sameRound`: they have no other visit to this branch in this round;
 * 7. `lockedOut`: no visit of theirs to this branch (in `history`) lies within `lockoutDays`
 *    days of any day of the window;
 * 8. `dailyMax`: on no day of the window do they already have `maxPerDay` visits;
 * 9. `weeklyMax`: in no ISO week the window touches do they already have `maxPerWeek` visits.
 * A visit "has" every day of its window, and each ISO week it touches, so the maxima hold
 * whichever day the shopper picks. History visits count towards the maxima too.
 *
 * Visits are staffed in date order (window start, window end, key); among the eligible the
 * shopper with the fewest visits in this round wins, then the fewest in the round's period
 * (history included), then the smallest id. Every rule only gets stricter as visits are
 * assigned, so a visit left unstaffed has no eligible shopper at the end either.
 */
import type { Channel } from "../../schema/enums";
import {
  compareText,
  dateOfDay,
  dayNumber,
  emptyCounts,
  isoWeekOf,
  type PlannedVisit,
  type RuleCounts,
  STAFFING_RULES,
  type Staffing,
  type StaffingRule,
  weekIndexOf,
} from "./rounds";

/** The organisation's default rotation lockout, in days. */
export const DEFAULT_LOCKOUT_DAYS = 90;

/** A shopper as staffing reads them: their membership, what they cover and their rating. */
export interface RoundShopper {
  id: string;
  /** An active shopper membership (invited or deactivated people are not). */
  active: boolean;
  channels: readonly Channel[];
  regionIds: readonly string[];
  /** Cities they cover besides whole regions (matched against the visit's `city`). */
  cities?: readonly string[];
  /** Branches they must never visit. */
  excludedBranchIds?: readonly string[];
  /** Null or absent: not rated yet. */
  rating?: number | null;
  /** The rating rests on too few reports (domain/reliability.ts): it counts as no rating for the floor. */
  ratingProvisional?: boolean;
}

/**
 * A visit a shopper made or holds outside this round: a report's visit day, or an open
 * assignment's window (`date` to `endDate`). Counts for the rotation lockout and the maxima.
 */
export interface PastVisit {
  shopperId: string;
  branchId: string;
  date: string;
  endDate?: string;
}

export interface StaffingRules {
  /** Not the same branch within this many days (0: no lockout). Organisation setting, default 90. */
  lockoutDays: number;
  maxPerDay: number;
  maxPerWeek: number;
  /** Shoppers rated below this are not eligible; null or absent: no floor. */
  ratingFloor?: number | null;
  /** Whether a shopper without a rating, or with a provisional one, passes the floor (default true). */
  unratedPass?: boolean;
}

function bump(counts: Uint32Array, index: number): void {
  counts[index] = (counts[index] ?? 0) + 1;
}

/**
 * The order visits are staffed in: by window start, then window end, then key.
 * @example staffingOrder(visits).map((v) => v.key) // ["b2#0", "b1#0", "b1#1", …]
 */
export function staffingOrder<V extends PlannedVisit>(visits: readonly V[]): V[] {
  return [...visits].sort(
    (a, b) =>
      compareText(a.windowStart, b.windowStart) || compareText(a.windowEnd, b.windowEnd) || compareText(a.key, b.key),
  );
}

/**
 * A shopper for each visit, or why none (in the order of `visits`). Pure and deterministic:
 * the same visits, shoppers, history and rules give the same answer, whatever the order of
 * `shoppers` and `history`.
 * @example
 * staffVisits(visits, [{ id: "s1", active: true, channels: ["store"], regionIds: ["south"] }], [],
 *   { lockoutDays: 90, maxPerDay: 2, maxPerWeek: 5 })
 * // (the visits of generateVisits' example: b1#0 on 6 March, b1#1 on 28–29 March)
 * // [{ visitKey: "b1#0", shopperId: "s1", reason: null },
 * //  { visitKey: "b1#1", shopperId: null, reason: { code: "no_eligible_shopper", week: "2026-W13",
 * //    shoppers: 1, counts: { sameRound: 1, inactive: 0, … }, … } }]
 */
export function staffVisits(
  visits: readonly PlannedVisit[],
  shoppers: readonly RoundShopper[],
  history: readonly PastVisit[],
  rules: StaffingRules,
): Staffing[] {
  if (visits.length === 0) return [];
  const people = [...shoppers].sort((a, b) => compareText(a.id, b.id));
  const indexOf = new Map(people.map((s, i) => [s.id, i]));
  const regions = people.map((s) => new Set(s.regionIds));
  const cities = people.map((s) => new Set(s.cities ?? []));
  const excluded = people.map((s) => new Set(s.excludedBranchIds ?? []));
  const floor = rules.ratingFloor ?? null;
  const unratedPass = rules.unratedPass ?? true;

  // Loads by day and by week over the round's days, with a week's margin either side (a
  // window's week may start before the period); history outside that span cannot matter.
  const windows = visits.map((v) => [dayNumber(v.windowStart), dayNumber(v.windowEnd)] as const);
  // (A loop, not Math.min(...): a spread of a huge list overflows the argument limit.)
  const firstDay = windows.reduce((min, w) => Math.min(min, w[0]), Number.POSITIVE_INFINITY) - 7;
  const lastDay = windows.reduce((max, w) => Math.max(max, w[1]), Number.NEGATIVE_INFINITY) + 7;
  const span = lastDay - firstDay + 1;
  const firstWeek = weekIndexOf(firstDay);
  const weeks = weekIndexOf(lastDay) - firstWeek + 1;
  const dayLoad = new Uint32Array(people.length * span);
  const weekLoad = new Uint32Array(people.length * weeks);
  const periodLoad = new Uint32Array(people.length);
  const roundLoad = new Uint32Array(people.length);
  const occupy = (p: number, start: number, end: number) => {
    const from = Math.max(start, firstDay);
    const to = Math.min(end, lastDay);
    for (let d = from; d <= to; d++) bump(dayLoad, p * span + d - firstDay);
    if (from > to) return;
    for (let w = weekIndexOf(from); w <= weekIndexOf(to); w++) bump(weekLoad, p * weeks + w - firstWeek);
  };

  // Past visits by branch, then shopper: the lockout looks up only the visit's branch.
  const pastByBranch = new Map<string, Map<number, [number, number][]>>();
  const periodStart = firstDay + 7;
  const periodEnd = lastDay - 7;
  for (const past of history) {
    const p = indexOf.get(past.shopperId);
    if (p === undefined) continue;
    const start = dayNumber(past.date);
    const end = past.endDate ? dayNumber(past.endDate) : start;
    const byShopper = pastByBranch.get(past.branchId) ?? new Map<number, [number, number][]>();
    pastByBranch.set(past.branchId, byShopper);
    const list = byShopper.get(p);
    if (list) list.push([start, end]);
    else byShopper.set(p, [[start, end]]);
    occupy(p, start, end);
    if (start <= periodEnd && end >= periodStart) bump(periodLoad, p);
  }
  const inRound = new Map<string, Set<number>>();
  const lockout = rules.lockoutDays;

  const result = new Map<string, Staffing>();
  for (const visit of staffingOrder(visits)) {
    const start = dayNumber(visit.windowStart);
    const end = dayNumber(visit.windowEnd);
    const past = pastByBranch.get(visit.branchId);
    const taken = inRound.get(visit.branchId);
    const counts = emptyCounts();
    let best = -1;
    for (let p = 0; p < people.length; p++) {
      const failed = firstFailure(p);
      if (failed) {
        counts[failed]++;
        continue;
      }
      if (
        best < 0 ||
        (roundLoad[p] as number) < (roundLoad[best] as number) ||
        (roundLoad[p] === roundLoad[best] && (periodLoad[p] as number) < (periodLoad[best] as number))
      )
        best = p;
    }
    if (best >= 0) {
      const shopper = people[best]?.id as string;
      result.set(visit.key, { visitKey: visit.key, shopperId: shopper, reason: null });
      bump(roundLoad, best);
      bump(periodLoad, best);
      occupy(best, start, end);
      if (taken) taken.add(best);
      else inRound.set(visit.branchId, new Set([best]));
    } else {
      result.set(visit.key, {
        visitKey: visit.key,
        shopperId: null,
        reason: {
          code: "no_eligible_shopper",
          visitKey: visit.key,
          branchId: visit.branchId,
          regionId: visit.regionId,
          week: isoWeekOf(start),
          shoppers: people.length,
          counts: counts as RuleCounts,
        },
      });
    }

    function firstFailure(p: number): StaffingRule | null {
      const s = people[p] as RoundShopper;
      if (!s.active) return "inactive";
      if (!s.channels.includes(visit.channel)) return "noChannel";
      if (!regions[p]?.has(visit.regionId) && !(visit.city !== null && cities[p]?.has(visit.city))) return "noRegion";
      if (excluded[p]?.has(visit.branchId)) return "excluded";
      if (floor !== null && (s.rating == null || s.ratingProvisional ? !unratedPass : s.rating < floor))
        return "belowRating";
      if (taken?.has(p)) return "sameRound";
      if (lockout > 0) {
        for (const [pastStart, pastEnd] of past?.get(p) ?? []) {
          if (start - pastEnd < lockout && pastStart - end < lockout) return "lockedOut";
        }
      }
      for (let d = start; d <= end; d++) {
        if ((dayLoad[p * span + d - firstDay] as number) >= rules.maxPerDay) return "dailyMax";
      }
      for (let w = weekIndexOf(start); w <= weekIndexOf(end); w++) {
        if ((weekLoad[p * weeks + w - firstWeek] as number) >= rules.maxPerWeek) return "weeklyMax";
      }
      return null;
    }
  }
  return visits.map((v) => result.get(v.key) as Staffing);
}

/**
 * Whether ONE shopper may take ONE visit now (the job board), by the same rules as
 * `staffVisits` and in the same order: the first rule failed, or null when eligible. `sameRound`
 * says the shopper already holds another visit to this branch in this round (rule 6), which
 * `history` cannot tell; `history` is the shopper's reports and open assignments.
 * @example
 * visitEligibility(visit, { id: "s1", active: true, channels: ["call_centre"], regionIds: ["south"] }, [],
 *   { lockoutDays: 90, maxPerDay: 2, maxPerWeek: 5 }, false) // "noChannel" for a store visit
 */
export function visitEligibility(
  visit: PlannedVisit,
  shopper: RoundShopper,
  history: readonly PastVisit[],
  rules: StaffingRules,
  sameRound: boolean,
): StaffingRule | null {
  const [staffing] = staffVisits([visit], [shopper], history, rules);
  const counts = staffing?.reason?.counts;
  const failed = counts ? (STAFFING_RULES.find((rule) => counts[rule] > 0) ?? null) : null;
  // Rule 6 comes before the lockout and the maxima: it wins over those, not over rules 1–5.
  if (sameRound && (failed === null || STAFFING_RULES.indexOf(failed) > STAFFING_RULES.indexOf("sameRound")))
    return "sameRound";
  return failed;
}

/** One day of a visit's window, with how many of the shopper's reports fall on it. */
export interface DayLoad {
  d: string;
  r: number;
}

/** One ISO week a visit's window touches (Monday `s` to Sunday `e`), with the shopper's reports in it. */
export interface WeekLoad {
  s: string;
  e: string;
  r: number;
}

/**
 * The days and ISO weeks the per-day and per-week maxima look at for a visit (rules 8 and 9),
 * each with the shopper's reports on it: what the job board's claim guard re-counts INSIDE its
 * write, with the open assignments as they are at that instant (data/job-board.ts).
 * @example
 * windowLoads("2026-03-08", "2026-03-09", ["2026-03-09"])
 * // { days: [{ d: "2026-03-08", r: 0 }, { d: "2026-03-09", r: 1 }],
 * //   weeks: [{ s: "2026-03-02", e: "2026-03-08", r: 0 }, { s: "2026-03-09", e: "2026-03-15", r: 1 }] }
 */
export function windowLoads(
  windowStart: string,
  windowEnd: string,
  reportDates: readonly string[],
): { days: DayLoad[]; weeks: WeekLoad[] } {
  const start = dayNumber(windowStart);
  const end = dayNumber(windowEnd);
  const reports = reportDates.map(dayNumber);
  const days: DayLoad[] = [];
  for (let d = start; d <= end; d++) days.push({ d: dateOfDay(d), r: reports.filter((r) => r === d).length });
  const weeks: WeekLoad[] = [];
  for (let w = weekIndexOf(start); w <= weekIndexOf(end); w++) {
    const monday = w * 7 - 3;
    weeks.push({
      s: dateOfDay(monday),
      e: dateOfDay(monday + 6),
      r: reports.filter((r) => weekIndexOf(r) === w).length,
    });
  }
  return { days, weeks };
}
