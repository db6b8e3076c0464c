/**
 * Audit rounds: the shared vocabulary of the round scheduler (docs/ROUNDS.md). A round's
 * visits are made by `generateVisits` (round-generation.ts) and staffed by `staffVisits`
 * (round-staffing.ts); `summarizeRound` here counts both for the preview. Everything is pure:
 * a route reads the round, its branches, the shoppers and their history in one batch, calls
 * these, and writes what they return.
 *
 * Dates are calendar days (YYYY-MM-DD) in the branches' own calendar; inside the engine a day
 * is a whole number of days since 1970-01-01 (`dayNumber`), which makes gaps and weeks plain
 * arithmetic.
 */
import type { Channel, ContactKind } from "../../schema/enums";

const DAY_MS = 86_400_000;

/**
 * The day number of a YYYY-MM-DD date: whole days since 1970-01-01.
 * @example dayNumber("1970-01-02") // 1
 */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The YYYY-MM-DD date of a day number.
 * @example dateOfDay(20_454) // "2026-01-01"
 */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day of the week of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
 * @example weekdayOf(dayNumber("2026-01-03")) // 5 (a Saturday)
 */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * A Monday-based week index of a day number: two days share it when they are in the same ISO
 * week. Used for the per-week maximum; `isoWeekOf` names the week for people.
 * @example weekIndexOf(dayNumber("2026-01-04")) === weekIndexOf(dayNumber("2025-12-29")) // true (both ISO week 2026-W01)
 */
export function weekIndexOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

/**
 * The ISO 8601 week of a day number, written YYYY-Www (the year is the week's: the Thursday's).
 * @example isoWeekOf(dayNumber("2025-12-29")) // "2026-W01"
 * @example isoWeekOf(dayNumber("2027-01-01")) // "2026-W53"
 */
export function isoWeekOf(day: number): string {
  const thursday = day - weekdayOf(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The weekday keys of `branches.opening_hours`, Monday first (index = `weekdayOf`). */
export const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A branch as the scheduler reads it: one row of `branches` (plus a city when there is one). */
export interface RoundBranch {
  id: string;
  regionId: string;
  channel: Channel;
  /** Inactive branches are never targeted. */
  active: boolean;
  /** Optional: shoppers may cover cities as well as regions. */
  city?: string | null;
  /**
   * `branches.opening_hours`: a weekday left out is closed, and no window falls on it.
   * Null or absent: open every day.
   */
  openingHours?: Readonly<Record<string, readonly (readonly [string, string])[]>> | null;
}

/** A scenario of the round's pool, in both languages; `channel` limits it to stores or to calls. */
export interface Scenario {
  en: string;
  zh: string;
  channel?: Channel;
}

/**
 * A day-part stratum: a share of the round's visits that happen on some days at some hours.
 * `days` picks the days (Monday–Friday, Saturday–Sunday or any); `hours` is what the shopper
 * is told ("09:00"–"12:00") and is carried, not checked, by the engine.
 */
export interface Stratum {
  key: string;
  share: number;
  days: "weekday" | "weekend" | "any";
  hours?: readonly [string, string];
}

/** Which branches a round visits: all, some regions, one channel, or a list. Inactive branches never. */
export type RoundTarget =
  | { kind: "all" }
  | { kind: "regions"; regionIds: readonly string[] }
  | { kind: "channel"; channel: Channel }
  | { kind: "branches"; branchIds: readonly string[] };

/** What generation needs of a round (the API's round row, parsed). */
export interface RoundPlan {
  /** First and last day of the period, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  target: RoundTarget;
  visitsPerBranch: number;
  /** Fewest days from the end of one visit's window to the start of the next at the same branch. */
  minGapDays: number;
  /** Longest window in days (a window is consecutive allowed days, never longer than this). */
  windowDays: number;
  strata: readonly Stratum[];
  scenarios: readonly Scenario[];
  /** Days on which no visit may fall (YYYY-MM-DD). */
  blackoutDates: readonly string[];
}

/** One visit of a round, as generated: where, which window, which day-part and scenario. */
export interface PlannedVisit {
  /** `<branchId>#<ordinal>`: stable for a seed, so a preview and the commit name the same visit. */
  key: string;
  branchId: string;
  regionId: string;
  city: string | null;
  channel: Channel;
  /** Call-centre branches get a phone call, stores a visit. */
  contact: ContactKind;
  /** 0-based: the branch's n-th visit of the round, in date order (slice n of the period). */
  ordinal: number;
  windowStart: string;
  windowEnd: string;
  stratum: string;
  /** Index of the scenario in the round's pool, and the scenario itself. */
  scenarioIndex: number;
  scenario: Scenario;
}

/** Why a shopper cannot take a visit, in the order the rules are tried (the first that fails counts). */
export const STAFFING_RULES = [
  "inactive",
  "noChannel",
  "noRegion",
  "excluded",
  "belowRating",
  "sameRound",
  "lockedOut",
  "dailyMax",
  "weeklyMax",
] as const;
export type StaffingRule = (typeof STAFFING_RULES)[number];

/** How many shoppers failed each rule first; the counts add up to the number of shoppers. */
export type RuleCounts = Record<StaffingRule, number>;

/** A visit nobody could take, and exactly why: each shopper under the first rule they fail. */
export interface UnstaffedReason {
  code: "no_eligible_shopper";
  visitKey: string;
  branchId: string;
  regionId: string;
  /** The ISO week of the window's first day (YYYY-Www). */
  week: string;
  shoppers: number;
  counts: RuleCounts;
}

/** The staffing of one visit: a shopper, or why none. */
export type Staffing =
  | { visitKey: string; shopperId: string; reason: null }
  | { visitKey: string; shopperId: null; reason: UnstaffedReason };

/**
 * A zeroed `RuleCounts` (every rule present, so two reasons compare field by field).
 * @example emptyCounts().lockedOut // 0
 */
export function emptyCounts(): RuleCounts {
  return Object.fromEntries(STAFFING_RULES.map((rule) => [rule, 0])) as RuleCounts;
}

const RULE_WORDS: Record<StaffingRule, string> = {
  inactive: "inactive",
  noChannel: "not doing this channel",
  noRegion: "not covering the region",
  excluded: "excluded from the branch",
  belowRating: "below the rating floor",
  sameRound: "already at the branch this round",
  lockedOut: "locked out by rotation",
  dailyMax: "at the daily maximum",
  weeklyMax: "at the weekly maximum",
};

/**
 * An unstaffed reason in English, for logs and tests (the web builds its own sentence in both
 * languages from the same fields). Names default to the ids.
 * @example describeUnstaffed(reason, { region: "South" })
 * // "No eligible shopper for branch b7 in region South, week 2026-W02: 3 locked out by rotation, 1 at the weekly maximum, 5 not covering the region."
 */
export function describeUnstaffed(reason: UnstaffedReason, names: { region?: string; branch?: string } = {}): string {
  const where = `branch ${names.branch ?? reason.branchId} in region ${names.region ?? reason.regionId}, week ${reason.week}`;
  if (reason.shoppers === 0) return `No eligible shopper for ${where}: there are no shoppers.`;
  // Most common first, then the rules' order (a stable sentence for a given reason).
  const parts = STAFFING_RULES.filter((rule) => reason.counts[rule] > 0)
    .sort((a, b) => reason.counts[b] - reason.counts[a] || STAFFING_RULES.indexOf(a) - STAFFING_RULES.indexOf(b))
    .map((rule) => `${reason.counts[rule]} ${RULE_WORDS[rule]}`);
  return `No eligible shopper for ${where}: ${parts.join(", ")}.`;
}

/**
 * A group of unstaffed visits (`summarizeRound`'s reasons) in English: how many visits, where,
 * which week, and why, most common rule first (the web builds its own sentence in both
 * languages from the same fields).
 * @example describeReasonGroup({ regionId: "south", week: "2026-W12", shoppers: 4, visitKeys: ["a#0", "b#1"], counts }, { region: "South" })
 * // "2 visits in region South, week 2026-W12: no eligible shopper of 4 — 3 locked out by rotation, 1 at the weekly maximum."
 */
export function describeReasonGroup(group: ReasonGroup, names: { region?: string } = {}): string {
  const visits = group.visitKeys.length === 1 ? "1 visit" : `${group.visitKeys.length} visits`;
  const where = `${visits} in region ${names.region ?? group.regionId}, week ${group.week}`;
  if (group.shoppers === 0) return `${where}: no eligible shopper — there are no shoppers.`;
  const parts = STAFFING_RULES.filter((rule) => group.counts[rule] > 0)
    .sort((a, b) => group.counts[b] - group.counts[a] || STAFFING_RULES.indexOf(a) - STAFFING_RULES.indexOf(b))
    .map((rule) => `${group.counts[rule]} ${RULE_WORDS[rule]}`);
  return `${where}: no eligible shopper of ${group.shoppers} — ${parts.join(", ")}.`;
}

/**
 * Code-point order of two strings (not the locale's: the same in every runtime).
 * @example ["b", "B", "a"].sort(compareText) // ["B", "a", "b"]
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Visits and staffing counted for one region or one stratum. */
export interface SummaryRow {
  visits: number;
  staffed: number;
  unstaffed: number;
}

/** Unstaffed visits of one region and week that failed for exactly the same counts. */
export interface ReasonGroup {
  regionId: string;
  week: string;
  counts: RuleCounts;
  shoppers: number;
  visitKeys: string[];
}

/** What a preview shows: totals, per region, per stratum, per region × stratum, and the reasons grouped. */
export interface RoundSummary extends SummaryRow {
  byRegion: Record<string, SummaryRow>;
  byStratum: Record<string, SummaryRow>;
  /** Keyed `<regionId>|<stratum>`. */
  byRegionStratum: Record<string, SummaryRow>;
  /** Most visits first, then region and week. */
  reasons: ReasonGroup[];
}

/**
 * Counts for a round's preview. `staffing` may be absent (generated, not staffed yet: every
 * visit counts as unstaffed, with no reasons) or cover only some visits.
 * @example summarizeRound(visits, staffing).byRegion.south // { visits: 40, staffed: 37, unstaffed: 3 }
 */
export function summarizeRound(
  visits: readonly Pick<PlannedVisit, "key" | "regionId" | "stratum">[],
  staffing: readonly Staffing[] = [],
): RoundSummary {
  const byKey = new Map(staffing.map((s) => [s.visitKey, s]));
  const summary: RoundSummary = {
    visits: 0,
    staffed: 0,
    unstaffed: 0,
    byRegion: {},
    byStratum: {},
    byRegionStratum: {},
    reasons: [],
  };
  const groups = new Map<string, ReasonGroup>();
  const bump = (table: Record<string, SummaryRow>, key: string, staffed: boolean) => {
    const row = table[key] ?? { visits: 0, staffed: 0, unstaffed: 0 };
    table[key] = row;
    row.visits++;
    if (staffed) row.staffed++;
    else row.unstaffed++;
  };
  for (const visit of visits) {
    const s = byKey.get(visit.key);
    const staffed = s?.shopperId != null;
    summary.visits++;
    if (staffed) summary.staffed++;
    else summary.unstaffed++;
    bump(summary.byRegion, visit.regionId, staffed);
    bump(summary.byStratum, visit.stratum, staffed);
    bump(summary.byRegionStratum, `${visit.regionId}|${visit.stratum}`, staffed);
    const reason = s?.reason;
    if (!reason) continue;
    const groupKey = `${reason.regionId}|${reason.week}|${reason.shoppers}|${STAFFING_RULES.map((r) => reason.counts[r]).join(",")}`;
    const group = groups.get(groupKey);
    if (group) group.visitKeys.push(visit.key);
    else
      groups.set(groupKey, {
        regionId: reason.regionId,
        week: reason.week,
        counts: { ...reason.counts },
        shoppers: reason.shoppers,
        visitKeys: [visit.key],
      });
  }
  summary.reasons = [...groups.values()].sort(
    (a, b) =>
      b.visitKeys.length - a.visitKeys.length || compareText(a.regionId, b.regionId) || compareText(a.week, b.week),
  );
  return summary;
}

/**
 * A 32-bit PRNG (mulberry32): the same seed gives the same numbers in every runtime, so a
 * preview and the commit that follows it agree. Returns numbers in [0, 1).
 * @example const random = mulberry32(42); random() // 0.6011037519201636, every time
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit seed from text (FNV-1a), e.g. from a round's id, so the seed need not be stored apart.
 * @example seedOf("round-2026-03") === seedOf("round-2026-03") // true
 */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
