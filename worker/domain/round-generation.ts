/**
 * Generation of a round's visits (docs/ROUNDS.md, "Generation"): which branches, how many
 * visits of each day-part stratum, and for every visit a date window, a stratum and a
 * scenario. Seeded: the same round, branches and seed give the same visits, so the preview an
 * admin saw is the round that is committed.
 *
 * The rules, in short:
 * - the strata get their share of all visits by largest remainder (each within one visit of
 *   its exact share), dealt to the visits in a seeded random order;
 * - the period is cut into `visitsPerBranch` equal slices and a branch's n-th visit falls in
 *   slice n, its window made of consecutive allowed days (in the period, not a blackout date,
 *   a day of the stratum's kind, a day the branch opens) and at most `windowDays` long;
 * - from the last day of a branch's window to the first day of its next there are at least
 *   `minGapDays` days, whichever days of the windows are shopped;
 * - when that cannot be done the answer is a problem naming the rule and the branch, never a
 *   visit that breaks it.
 */
import type { Channel } from "../../schema/enums";
import { isCalendarDate } from "./periods";
import {
  compareText,
  dateOfDay,
  dayNumber,
  mulberry32,
  type PlannedVisit,
  type RoundBranch,
  type RoundPlan,
  type RoundTarget,
  type Stratum,
  WEEKDAY_KEYS,
  weekdayOf,
} from "./rounds";

/** The longest period a round may have (a year and a day: a leap year's round fits). */
export const MAX_ROUND_DAYS = 367;

/** How many orders of a branch's strata are tried before it is reported (all of them for up to 6 visits). */
const MAX_ORDERS_TRIED = 720;

/** Why a round cannot be generated. Round-wide problems come alone; branch problems list every branch. */
export type GenerationProblem =
  /** A field of the round is out of range (the API's validation normally answers first). */
  | { code: "invalid_round"; path: string; message: string }
  /** No active branch matches the target. */
  | { code: "no_branches" }
  /** Targeted branches of a channel have no scenario in the pool. */
  | { code: "no_scenario_for_channel"; channel: Channel }
  /**
   * The period cannot hold `visitsPerBranch` slices with `minGapDays` between visits even with
   * every day allowed; `neededDays` is the shortest period that can.
   */
  | { code: "period_too_short"; days: number; visitsPerBranch: number; minGapDays: number; neededDays: number }
  /** A branch's slice has no allowed day for the stratum (blackouts, closed days, no weekend in it). */
  | {
      code: "no_day_for_stratum";
      branchId: string;
      ordinal: number;
      stratum: string;
      sliceStart: string;
      sliceEnd: string;
    }
  /** A branch's allowed days exist but cannot keep `minGapDays` between its visits. */
  | { code: "gap_unreachable"; branchId: string; ordinal: number; minGapDays: number };

export type GenerationResult = { ok: true; visits: PlannedVisit[] } | { ok: false; problems: GenerationProblem[] };

/**
 * The active branches a target names, ordered by id (the order generation draws in, so the
 * caller's row order never changes the result).
 * @example selectBranches({ kind: "regions", regionIds: ["south"] }, rows).map((b) => b.id) // ["s1", "s2"]
 */
export function selectBranches<B extends RoundBranch>(target: RoundTarget, branches: readonly B[]): B[] {
  const wanted =
    target.kind === "regions"
      ? new Set(target.regionIds)
      : target.kind === "branches"
        ? new Set(target.branchIds)
        : null;
  return branches
    .filter((b) => {
      if (!b.active) return false;
      if (target.kind === "regions") return wanted?.has(b.regionId);
      if (target.kind === "branches") return wanted?.has(b.id);
      if (target.kind === "channel") return b.channel === target.channel;
      return true;
    })
    .sort((a, b) => compareText(a.id, b.id));
}

/**
 * How many of `total` visits each stratum gets: its exact share rounded by largest remainder
 * (ties to the stratum listed first), so every count is within one of `total × share / Σshares`
 * and the counts add up to `total`.
 * @example allocateStrata(10, [{ share: 1 }, { share: 1 }, { share: 1 }]) // [4, 3, 3]
 * @example allocateStrata(4000, [{ share: 45 }, { share: 35 }, { share: 20 }]) // [1800, 1400, 800]
 */
export function allocateStrata(total: number, strata: readonly Pick<Stratum, "share">[]): number[] {
  const sum = strata.reduce((s, x) => s + x.share, 0);
  const exact = strata.map((x) => (total * x.share) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/**
 * The first and last day (0-based, from the period's first day) of each of `n` equal slices of
 * a `days`-day period; the earlier slices are the shorter when it does not divide evenly.
 * @example periodSlices(31, 2) // [[0, 14], [15, 30]]
 */
export function periodSlices(days: number, n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [Math.floor((i * days) / n), Math.floor(((i + 1) * days) / n) - 1]);
}

/** The latest start of each slice's window that still leaves room for the later visits; null at the first slice that has none. */
function latestStarts(
  slices: readonly [number, number][],
  allowed: readonly Uint8Array[],
  gap: number,
): { latest: number[]; failed: null } | { latest: null; failed: number } {
  const latest = new Array<number>(slices.length);
  for (let i = slices.length - 1; i >= 0; i--) {
    const [start, end] = slices[i] as [number, number];
    const days = allowed[i] as Uint8Array;
    const next = latest[i + 1];
    let d = next === undefined ? end : Math.min(end, next - gap);
    while (d >= start && days[d] !== 1) d--;
    if (d < start) return { latest: null, failed: i };
    latest[i] = d;
  }
  return { latest, failed: null };
}

/** The shortest period that holds `n` visits `gap` days apart with every day allowed. */
function neededDays(n: number, gap: number): number {
  const all = new Uint8Array(n * (gap + 1) + n).fill(1);
  for (let days = n; ; days++) {
    const allowed = Array.from({ length: n }, () => all);
    if (latestStarts(periodSlices(days, n), allowed, gap).latest) return days;
  }
}

/** The next distinct arrangement of `a` in lexicographic order, in place; false (and `a` sorted) after the last. */
function nextPermutation(a: number[]): boolean {
  let i = a.length - 2;
  while (i >= 0 && (a[i] as number) >= (a[i + 1] as number)) i--;
  if (i >= 0) {
    let j = a.length - 1;
    while ((a[j] as number) <= (a[i] as number)) j--;
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  for (let l = i + 1, r = a.length - 1; l < r; l++, r--) [a[l], a[r]] = [a[r] as number, a[l] as number];
  return i >= 0;
}

/** Checks of the round's own fields; the first few problems, or none. */
function checkPlan(round: RoundPlan): GenerationProblem[] {
  const problems: GenerationProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ code: "invalid_round", path, message });
  if (!isCalendarDate(round.from)) bad("from", "Not a calendar date (YYYY-MM-DD)");
  if (!isCalendarDate(round.to)) bad("to", "Not a calendar date (YYYY-MM-DD)");
  else if (isCalendarDate(round.from)) {
    const days = dayNumber(round.to) - dayNumber(round.from) + 1;
    if (days < 1) bad("to", "The period ends before it starts");
    if (days > MAX_ROUND_DAYS) bad("to", `A round lasts at most ${MAX_ROUND_DAYS} days`);
  }
  if (!Number.isInteger(round.visitsPerBranch) || round.visitsPerBranch < 1 || round.visitsPerBranch > 31)
    bad("visitsPerBranch", "A whole number from 1 to 31");
  if (!Number.isInteger(round.minGapDays) || round.minGapDays < 0) bad("minGapDays", "A whole number, 0 or more");
  if (!Number.isInteger(round.windowDays) || round.windowDays < 1) bad("windowDays", "A whole number, 1 or more");
  if (round.strata.length === 0) bad("strata", "At least one day-part");
  round.strata.forEach((s, i) => {
    if (!(Number.isFinite(s.share) && s.share > 0)) bad(`strata/${i}/share`, "A share above 0");
    if (round.strata.findIndex((t) => t.key === s.key) !== i) bad(`strata/${i}/key`, "Day-parts need different keys");
  });
  if (round.scenarios.length === 0) bad("scenarios", "At least one scenario");
  round.blackoutDates.forEach((d, i) => {
    if (!isCalendarDate(d)) bad(`blackoutDates/${i}`, "Not a calendar date (YYYY-MM-DD)");
  });
  return problems;
}

/** The weekdays (bit 0 = Monday) a branch opens, from its opening hours; all when unknown. */
function openMask(branch: RoundBranch): number {
  if (!branch.openingHours) return 0x7f;
  let mask = 0;
  WEEKDAY_KEYS.forEach((key, i) => {
    if ((branch.openingHours?.[key]?.length ?? 0) > 0) mask |= 1 << i;
  });
  return mask;
}

/**
 * The visits of a round: for every targeted branch, `visitsPerBranch` visits in date order,
 * each with a window, a day-part stratum and a scenario from the pool (call-centre branches
 * get calls, and draw only scenarios for calls or for any channel). Deterministic for a seed:
 * preview and commit call it with the round's seed and get the same visits.
 *
 * Refuses with problems instead of breaking a rule: `invalid_round`, `no_branches`,
 * `no_scenario_for_channel`, `period_too_short` (round-wide), or per branch
 * `no_day_for_stratum` / `gap_unreachable` after every order of the branch's strata was tried.
 * @example
 * generateVisits(
 *   { from: "2026-03-01", to: "2026-03-31", target: { kind: "all" }, visitsPerBranch: 2, minGapDays: 7,
 *     windowDays: 3, blackoutDates: ["2026-03-08"], scenarios: [{ en: "Ask about a loan", zh: "咨询贷款" }],
 *     strata: [{ key: "weekday_am", share: 50, days: "weekday" }, { key: "weekend", share: 50, days: "weekend" }] },
 *   [{ id: "b1", regionId: "south", channel: "store", active: true }],
 *   42,
 * ) // { ok: true, visits: [
 * //   { key: "b1#0", windowStart: "2026-03-06", windowEnd: "2026-03-06", stratum: "weekday_am", contact: "visit", … },
 * //   { key: "b1#1", windowStart: "2026-03-28", windowEnd: "2026-03-29", stratum: "weekend", … }] }
 */
export function generateVisits(round: RoundPlan, branches: readonly RoundBranch[], seed: number): GenerationResult {
  const invalid = checkPlan(round);
  if (invalid.length > 0) return { ok: false, problems: invalid };
  const targeted = selectBranches(round.target, branches);
  if (targeted.length === 0) return { ok: false, problems: [{ code: "no_branches" }] };
  for (const channel of new Set(targeted.map((b) => b.channel))) {
    if (!round.scenarios.some((s) => s.channel === undefined || s.channel === channel))
      return { ok: false, problems: [{ code: "no_scenario_for_channel", channel }] };
  }

  const first = dayNumber(round.from);
  const days = dayNumber(round.to) - first + 1;
  const n = round.visitsPerBranch;
  const gap = round.minGapDays;
  const slices = periodSlices(days, n);
  const everyDay = Array.from({ length: n }, () => new Uint8Array(days).fill(1));
  if (!latestStarts(slices, everyDay, gap).latest) {
    return {
      ok: false,
      problems: [
        { code: "period_too_short", days, visitsPerBranch: n, minGapDays: gap, neededDays: neededDays(n, gap) },
      ],
    };
  }

  // Which days each stratum may use, for each set of opening weekdays met (built once per pair).
  const blackout = new Set(round.blackoutDates.map(dayNumber));
  const allowedCache = new Map<number, Uint8Array>();
  const allowedDays = (stratum: number, mask: number): Uint8Array => {
    const cacheKey = stratum * 128 + mask;
    let days_ = allowedCache.get(cacheKey);
    if (!days_) {
      const kind = (round.strata[stratum] as Stratum).days;
      days_ = new Uint8Array(days);
      for (let d = 0; d < days; d++) {
        const weekday = weekdayOf(first + d);
        const kindOk = kind === "any" || (kind === "weekend") === weekday >= 5;
        days_[d] = kindOk && (mask >> weekday) & 1 && !blackout.has(first + d) ? 1 : 0;
      }
      allowedCache.set(cacheKey, days_);
    }
    return days_;
  };

  const random = mulberry32(seed);
  // Deal the strata: each gets its count, in a seeded random order over (branch, ordinal).
  const deck: number[] = [];
  allocateStrata(targeted.length * n, round.strata).forEach((count, s) => {
    for (let k = 0; k < count; k++) deck.push(s);
  });
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deck[i], deck[j]] = [deck[j] as number, deck[i] as number];
  }

  const visits: PlannedVisit[] = [];
  const problems: GenerationProblem[] = [];
  const poolByChannel = new Map<Channel, number[]>();
  targeted.forEach((branch, b) => {
    const mask = openMask(branch);
    const dealt = deck.slice(b * n, b * n + n);
    // The dealt order first; if the branch's days cannot hold it, the other orders of the same
    // strata (the counts stay exact; up to MAX_ORDERS_TRIED), then a problem from the dealt order.
    const planFor = (strata: readonly number[]) =>
      latestStarts(
        slices,
        strata.map((s) => allowedDays(s, mask)),
        gap,
      );
    const order = [...dealt];
    let plan = planFor(order);
    for (let tries = 1; !plan.latest && tries < MAX_ORDERS_TRIED; tries++) {
      nextPermutation(order);
      if (order.every((s, i) => s === dealt[i])) break;
      plan = planFor(order);
    }
    if (!plan.latest) {
      const failed = planFor(dealt).failed as number;
      const [start, end] = slices[failed] as [number, number];
      const stratum = dealt[failed] as number;
      const inSlice = allowedDays(stratum, mask).subarray(start, end + 1);
      problems.push(
        inSlice.includes(1)
          ? { code: "gap_unreachable", branchId: branch.id, ordinal: failed, minGapDays: gap }
          : {
              code: "no_day_for_stratum",
              branchId: branch.id,
              ordinal: failed,
              stratum: (round.strata[stratum] as Stratum).key,
              sliceStart: dateOfDay(first + start),
              sliceEnd: dateOfDay(first + end),
            },
      );
      return;
    }
    const latest = plan.latest;
    let pool = poolByChannel.get(branch.channel);
    if (!pool) {
      pool = round.scenarios.flatMap((s, i) => (s.channel === undefined || s.channel === branch.channel ? [i] : []));
      poolByChannel.set(branch.channel, pool);
    }
    let previousEnd = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const [sliceStart, sliceEnd] = slices[i] as [number, number];
      const allowed = allowedDays(order[i] as number, mask);
      const lo = Math.max(sliceStart, previousEnd + gap);
      const hi = latest[i] as number;
      let choices = 0;
      for (let d = lo; d <= hi; d++) choices += allowed[d] as number;
      let pick = Math.floor(random() * choices);
      let start = lo;
      for (; start <= hi; start++) {
        if (allowed[start] === 1 && pick-- === 0) break;
      }
      const nextLatest = latest[i + 1];
      const endLimit = nextLatest === undefined ? sliceEnd : Math.min(sliceEnd, nextLatest - gap);
      let end = start;
      while (end + 1 <= endLimit && allowed[end + 1] === 1 && end - start + 1 < round.windowDays) end++;
      previousEnd = end;
      const scenarioIndex = pool[Math.floor(random() * pool.length)] as number;
      visits.push({
        key: `${branch.id}#${i}`,
        branchId: branch.id,
        regionId: branch.regionId,
        city: branch.city ?? null,
        channel: branch.channel,
        contact: branch.channel === "call_centre" ? "phone_call" : "visit",
        ordinal: i,
        windowStart: dateOfDay(first + start),
        windowEnd: dateOfDay(first + end),
        stratum: (round.strata[order[i] as number] as Stratum).key,
        scenarioIndex,
        scenario: round.scenarios[scenarioIndex] as RoundPlan["scenarios"][number],
      });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, visits };
}
