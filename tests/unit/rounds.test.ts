/**
 * The round scheduler (worker/domain/rounds.ts, round-generation.ts, round-staffing.ts;
 * docs/ROUNDS.md).
 *
 * 1. Worked examples, hand-computed: the docs' example, strata allocation, slices, refusals,
 *    the eligibility rules one by one, load balancing, the English reason.
 * 2. Properties of generation (fast-check): windows inside the period on allowed days only
 *    (no blackout, the stratum's kind of day, the branch open), the minimum gap between a
 *    branch's visits, strata within one visit of their share, determinism for a seed (and
 *    whatever the order of the branches), a different seed usually differs, no false refusal.
 * 3. Properties of staffing: the rotation lockout (history and within the round), the daily
 *    and weekly maxima, static eligibility, exact unstaffed reasons (replayed against a naive
 *    oracle written here, independent of the engine: every shopper counted under exactly one
 *    first-failing rule, none eligible, the chosen shopper the lightest), determinism.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Channel } from "../../schema/enums";
import { passesRatingFloor } from "../../worker/domain/reliability";
import { allocateStrata, generateVisits, periodSlices, selectBranches } from "../../worker/domain/round-generation";
import {
  type PastVisit,
  type RoundShopper,
  type StaffingRules,
  staffingOrder,
  staffVisits,
} from "../../worker/domain/round-staffing";
import {
  describeUnstaffed,
  dayNumber as engineDayNumber,
  isoWeekOf,
  type PlannedVisit,
  type RoundBranch,
  type RoundPlan,
  type RuleCounts,
  STAFFING_RULES,
  type StaffingRule,
  type Stratum,
  summarizeRound,
} from "../../worker/domain/rounds";

// ---------------------------------------------------------------------------------------------
// Test-side date arithmetic (through Date, independent of the engine's day numbers).
// ---------------------------------------------------------------------------------------------
const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, n: number) => new Date(ms(date) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((ms(b) - ms(a)) / DAY);
/** Every date from `a` to `b`, both included. */
function datesOf(a: string, b: string): string[] {
  const out: string[] = [];
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
  return out;
}
/** The Monday of the date's week: two dates are in one ISO week when these agree. */
const mondayOf = (date: string) => addDays(date, -((new Date(ms(date)).getUTCDay() + 6) % 7));
/** YYYY-Www: the week's Thursday names the year. */
function isoWeekName(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  return `${year}-W${String(Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1).padStart(2, "0")}`;
}
const isWeekend = (date: string) => [0, 6].includes(new Date(ms(date)).getUTCDay());
const WEEKDAY_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const opensOn = (branch: RoundBranch, date: string) =>
  !branch.openingHours ||
  (branch.openingHours[WEEKDAY_KEYS[new Date(ms(date)).getUTCDay()] as string]?.length ?? 0) > 0;

const store = (id: string, regionId: string, extra: Partial<RoundBranch> = {}): RoundBranch => ({
  id,
  regionId,
  channel: "store",
  active: true,
  ...extra,
});
const loan = { en: "Ask about a personal loan", zh: "咨询个人贷款" };

// ---------------------------------------------------------------------------------------------
// 1. Worked examples
// ---------------------------------------------------------------------------------------------
describe("the worked example of docs/ROUNDS.md", () => {
  const round: RoundPlan = {
    from: "2026-03-01",
    to: "2026-03-31",
    target: { kind: "regions", regionIds: ["south"] },
    visitsPerBranch: 2,
    minGapDays: 10,
    windowDays: 3,
    blackoutDates: ["2026-03-08"],
    scenarios: [loan, { en: "Phone about a lost card", zh: "致电挂失银行卡", channel: "call_centre" }],
    strata: [
      { key: "weekday_am", share: 40, days: "weekday", hours: ["09:00", "12:00"] },
      { key: "weekday_pm", share: 40, days: "weekday", hours: ["14:00", "18:00"] },
      { key: "weekend", share: 20, days: "weekend" },
    ],
  };
  const branches: RoundBranch[] = [
    store("s1", "south"),
    store("s2", "south", { openingHours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], sat: [] } }),
    { id: "sc", regionId: "south", channel: "call_centre", active: true },
    store("n1", "north"),
    store("s9", "south", { active: false }),
  ];

  it("generates two visits for each active branch of the south, by the rules", () => {
    const result = generateVisits(round, branches, 20260301);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    // The table of docs/ROUNDS.md (seed 20260301).
    expect(
      result.visits.map((v) => [v.key, v.windowStart, v.windowEnd, v.stratum, v.scenarioIndex, v.contact]),
    ).toEqual([
      ["s1#0", "2026-03-06", "2026-03-06", "weekday_am", 0, "visit"],
      ["s1#1", "2026-03-24", "2026-03-26", "weekday_am", 0, "visit"],
      ["s2#0", "2026-03-02", "2026-03-03", "weekday_am", 0, "visit"],
      ["s2#1", "2026-03-31", "2026-03-31", "weekday_pm", 0, "visit"],
      ["sc#0", "2026-03-01", "2026-03-01", "weekend", 0, "phone_call"],
      ["sc#1", "2026-03-20", "2026-03-20", "weekday_pm", 1, "phone_call"],
    ]);
    // 6 visits at 40/40/20: exact 2.4, 2.4, 1.2 → 2, 2, 1 and the leftover visit to the largest
    // remainder (a tie, 0.4 and 0.4: the stratum listed first).
    expect(allocateStrata(6, round.strata)).toEqual([3, 2, 1]);
    const byStratum = Object.fromEntries(round.strata.map((s) => [s.key, 0]));
    for (const v of result.visits) byStratum[v.stratum] = (byStratum[v.stratum] ?? 0) + 1;
    expect(byStratum).toEqual({ weekday_am: 3, weekday_pm: 2, weekend: 1 });
    // Slices of 31 days: 1–15 March and 16–31 March.
    expect(periodSlices(31, 2)).toEqual([
      [0, 14],
      [15, 30],
    ]);
    for (const v of result.visits) {
      const slice = v.ordinal === 0 ? ["2026-03-01", "2026-03-15"] : ["2026-03-16", "2026-03-31"];
      expect(v.windowStart >= (slice[0] as string) && v.windowEnd <= (slice[1] as string)).toBe(true);
      expect(datesOf(v.windowStart, v.windowEnd)).not.toContain("2026-03-08");
      expect(daysBetween(v.windowStart, v.windowEnd)).toBeLessThan(3);
    }
    // s2 opens on Mondays and Tuesdays only: a weekend visit cannot go there.
    for (const v of result.visits.filter((x) => x.branchId === "s2")) {
      expect(v.stratum).not.toBe("weekend");
      for (const d of datesOf(v.windowStart, v.windowEnd)) expect([1, 2]).toContain(new Date(ms(d)).getUTCDay());
    }
    // The call centre gets calls, and draws from both scenarios; stores only the first.
    const calls = result.visits.filter((v) => v.branchId === "sc");
    expect(calls.every((v) => v.contact === "phone_call")).toBe(true);
    expect(result.visits.filter((v) => v.channel === "store").every((v) => v.scenarioIndex === 0)).toBe(true);
    // The same seed gives the same visits.
    expect(generateVisits(round, [...branches].reverse(), 20260301)).toEqual(result);
  });

  it("staffs them and explains the rest", () => {
    const result = generateVisits(round, branches, 20260301);
    if (!result.ok) throw new Error("not generated");
    const shoppers: RoundShopper[] = [
      { id: "ana", active: true, channels: ["store"], regionIds: ["south"] },
      { id: "bo", active: true, channels: ["store", "call_centre"], regionIds: ["south"] },
    ];
    const staffing = staffVisits(result.visits, shoppers, [], { lockoutDays: 90, maxPerDay: 2, maxPerWeek: 5 });
    // Date order: sc#0 bo (ana does no calls), s2#0 ana (0 against 1), s1#0 ana (1–1, then id),
    // sc#1 nobody, s1#1 bo and s2#1 bo (ana has been to both).
    expect(staffing.map((s) => [s.visitKey, s.shopperId])).toEqual([
      ["s1#0", "ana"],
      ["s1#1", "bo"],
      ["s2#0", "ana"],
      ["s2#1", "bo"],
      ["sc#0", "bo"],
      ["sc#1", null],
    ]);
    const reason = staffing[5]?.reason;
    expect(reason).toEqual({
      code: "no_eligible_shopper",
      visitKey: "sc#1",
      branchId: "sc",
      regionId: "south",
      week: "2026-W12",
      shoppers: 2,
      counts: counts({ noChannel: 1, sameRound: 1 }),
    });
    expect(describeUnstaffed(reason as never, { region: "South" })).toBe(
      "No eligible shopper for branch sc in region South, week 2026-W12: 1 not doing this channel, 1 already at the branch this round.",
    );
    const summary = summarizeRound(result.visits, staffing);
    expect(summary).toMatchObject({
      visits: 6,
      staffed: 5,
      unstaffed: 1,
      byStratum: {
        weekday_am: { visits: 3, staffed: 3, unstaffed: 0 },
        weekday_pm: { visits: 2, staffed: 1, unstaffed: 1 },
        weekend: { visits: 1, staffed: 1, unstaffed: 0 },
      },
      byRegion: { south: { visits: 6, staffed: 5, unstaffed: 1 } },
    });
    expect(summary.reasons).toEqual([
      { regionId: "south", week: "2026-W12", shoppers: 2, counts: reason?.counts, visitKeys: ["sc#1"] },
    ]);
  });
});

describe("generation, by hand", () => {
  const anyDay: Stratum[] = [{ key: "any", share: 1, days: "any" }];
  const base: RoundPlan = {
    from: "2026-03-01",
    to: "2026-03-04",
    target: { kind: "all" },
    visitsPerBranch: 2,
    minGapDays: 2,
    windowDays: 2,
    blackoutDates: [],
    scenarios: [loan],
    strata: anyDay,
  };

  it("allocates strata by largest remainder", () => {
    expect(allocateStrata(10, [{ share: 1 }, { share: 1 }, { share: 1 }])).toEqual([4, 3, 3]);
    expect(allocateStrata(4000, [{ share: 45 }, { share: 35 }, { share: 20 }])).toEqual([1800, 1400, 800]);
    expect(allocateStrata(7, [{ share: 0.1 }, { share: 0.6 }, { share: 0.3 }])).toEqual([1, 4, 2]);
    expect(allocateStrata(0, [{ share: 1 }])).toEqual([0]);
  });

  it("keeps the gap whichever days are shopped: a 4-day period leaves one way", () => {
    // Slices 1–2 and 3–4 March; the second visit's latest start is the 4th, so the first must
    // end by the 2nd and the second cannot start before the 4th.
    for (let seed = 0; seed < 20; seed++) {
      const result = generateVisits(base, [store("b", "r")], seed);
      if (!result.ok) throw new Error("refused");
      expect(result.visits[0]?.windowEnd).toBe("2026-03-02");
      expect(result.visits[1]).toMatchObject({ windowStart: "2026-03-04", windowEnd: "2026-03-04" });
    }
  });

  it("refuses a period too short for the gap, and says how long it must be", () => {
    expect(generateVisits({ ...base, minGapDays: 4 }, [store("b", "r")], 1)).toEqual({
      ok: false,
      problems: [{ code: "period_too_short", days: 4, visitsPerBranch: 2, minGapDays: 4, neededDays: 5 }],
    });
    expect(generateVisits({ ...base, to: "2026-03-05", minGapDays: 4 }, [store("b", "r")], 1).ok).toBe(true);
    expect(generateVisits({ ...base, to: "2026-03-01" }, [store("b", "r")], 1)).toMatchObject({
      // Three days do: the 1st, then the 3rd (slices 1st and 2nd–3rd).
      problems: [{ code: "period_too_short", days: 1, neededDays: 3 }],
    });
  });

  it("refuses a branch with no allowed day for its stratum in a slice", () => {
    // Mon 2 – Sun 8 March, one weekend visit, the weekend blacked out.
    const weekendOnly: RoundPlan = {
      ...base,
      from: "2026-03-02",
      to: "2026-03-08",
      visitsPerBranch: 1,
      strata: [{ key: "weekend", share: 1, days: "weekend" }],
      blackoutDates: ["2026-03-07", "2026-03-08"],
    };
    const refusal = {
      code: "no_day_for_stratum",
      ordinal: 0,
      stratum: "weekend",
      sliceStart: "2026-03-02",
      sliceEnd: "2026-03-08",
    };
    expect(generateVisits(weekendOnly, [store("b", "r")], 1)).toEqual({
      ok: false,
      problems: [{ ...refusal, branchId: "b" }],
    });
    // Closed at weekends is the same as blacked out, for that branch only: every branch is listed.
    const closedAtWeekends = store("c", "r", { openingHours: { mon: [["09:00", "17:00"]] } });
    expect(
      generateVisits({ ...weekendOnly, blackoutDates: [] }, [store("b", "r"), closedAtWeekends, store("d", "r")], 1),
    ).toEqual({
      ok: false,
      problems: [{ ...refusal, branchId: "c" }],
    });
  });

  it("reorders a branch's strata when the dealt order does not fit (the counts stay exact)", () => {
    // Mon 2 – Sun 15 March in two weeks; the first weekend is blacked out, so the weekend visit
    // can only be the second.
    const round: RoundPlan = {
      ...base,
      from: "2026-03-02",
      to: "2026-03-15",
      minGapDays: 1,
      blackoutDates: ["2026-03-07", "2026-03-08"],
      strata: [
        { key: "weekday", share: 1, days: "weekday" },
        { key: "weekend", share: 1, days: "weekend" },
      ],
    };
    for (let seed = 0; seed < 20; seed++) {
      const result = generateVisits(round, [store("b", "r")], seed);
      if (!result.ok) throw new Error("refused");
      expect(result.visits.map((v) => v.stratum)).toEqual(["weekday", "weekend"]);
    }
  });

  it("names the round's own mistakes, and an empty target", () => {
    expect(generateVisits({ ...base, to: "2026-02-01" }, [store("b", "r")], 1)).toMatchObject({
      problems: [{ code: "invalid_round", path: "to" }],
    });
    expect(
      generateVisits({ ...base, strata: [...anyDay, { key: "any", share: 0, days: "any" }] }, [store("b", "r")], 1),
    ).toMatchObject({
      problems: [
        { code: "invalid_round", path: "strata/1/share" },
        { code: "invalid_round", path: "strata/1/key" },
      ],
    });
    expect(generateVisits(base, [store("b", "r", { active: false })], 1)).toEqual({
      ok: false,
      problems: [{ code: "no_branches" }],
    });
    const callCentre: RoundBranch = { id: "c", regionId: "r", channel: "call_centre", active: true };
    expect(
      generateVisits({ ...base, scenarios: [{ ...loan, channel: "store" }] }, [store("b", "r"), callCentre], 1),
    ).toEqual({ ok: false, problems: [{ code: "no_scenario_for_channel", channel: "call_centre" }] });
  });

  it("selects branches by target, active only, by id", () => {
    const rows = [
      store("b3", "south"),
      store("b1", "north"),
      { ...store("b2", "south"), channel: "call_centre" as const },
      store("b0", "south", { active: false }),
    ];
    const ids = (target: RoundPlan["target"]) => selectBranches(target, rows).map((b) => b.id);
    expect(ids({ kind: "all" })).toEqual(["b1", "b2", "b3"]);
    expect(ids({ kind: "regions", regionIds: ["south"] })).toEqual(["b2", "b3"]);
    expect(ids({ kind: "channel", channel: "store" })).toEqual(["b1", "b3"]);
    expect(ids({ kind: "branches", branchIds: ["b3", "b0", "zz"] })).toEqual(["b3"]);
  });

  it("names ISO weeks at the turn of the year", () => {
    expect(isoWeekOf(engineDayNumber("2025-12-29"))).toBe("2026-W01");
    expect(isoWeekOf(engineDayNumber("2027-01-01"))).toBe("2026-W53");
    expect(isoWeekOf(engineDayNumber("2021-01-03"))).toBe("2020-W53");
    expect(isoWeekOf(engineDayNumber("2026-03-16"))).toBe("2026-W12");
  });
});

/** A hand-built visit (the staffing examples do not need generation). */
function visit(
  key: string,
  branchId: string,
  regionId: string,
  start: string,
  end = start,
  channel: Channel = "store",
) {
  return {
    key,
    branchId,
    regionId,
    city: null,
    channel,
    contact: channel === "call_centre" ? "phone_call" : "visit",
    ordinal: Number(key.split("#")[1] ?? 0),
    windowStart: start,
    windowEnd: end,
    stratum: "any",
    scenarioIndex: 0,
    scenario: loan,
  } satisfies PlannedVisit;
}

const counts = (partial: Partial<RuleCounts>): RuleCounts => ({
  ...(Object.fromEntries(STAFFING_RULES.map((r) => [r, 0])) as RuleCounts),
  ...partial,
});

describe("staffing, by hand", () => {
  const shoppers: RoundShopper[] = [
    { id: "ana", active: true, channels: ["store"], regionIds: ["south"], rating: 4.5 },
    { id: "bo", active: true, channels: ["store", "call_centre"], regionIds: ["south"], excludedBranchIds: ["b2"] },
    { id: "cy", active: true, channels: ["store"], regionIds: ["north"] },
    { id: "di", active: false, channels: ["store"], regionIds: ["south"] },
  ];
  const history: PastVisit[] = [{ shopperId: "ana", branchId: "b1", date: "2026-01-20" }];
  const rules: StaffingRules = { lockoutDays: 90, maxPerDay: 1, maxPerWeek: 2, ratingFloor: 4 };
  const visits = [
    visit("b1#0", "b1", "south", "2026-03-02", "2026-03-03"),
    visit("b2#0", "b2", "south", "2026-03-02"),
    visit("b1#1", "b1", "south", "2026-03-16"),
    visit("b3#0", "b3", "south", "2026-03-03", "2026-03-03", "call_centre"),
  ];

  it("applies the rules in order and counts each shopper under the first it fails", () => {
    // Order: b2#0 (2 March, ends first), b1#0 (2–3 March), b3#0 (3 March), b1#1 (16 March).
    expect(staffingOrder(visits).map((v) => v.key)).toEqual(["b2#0", "b1#0", "b3#0", "b1#1"]);
    const staffing = staffVisits(visits, shoppers, history, rules);
    expect(staffing.map((s) => [s.visitKey, s.shopperId])).toEqual([
      ["b1#0", "bo"], // ana visited b1 on 20 January, 41 days before: locked out
      ["b2#0", "ana"], // bo excluded, cy north, di inactive
      ["b1#1", null],
      ["b3#0", null],
    ]);
    expect(staffing[3]?.reason).toEqual({
      code: "no_eligible_shopper",
      visitKey: "b3#0",
      branchId: "b3",
      regionId: "south",
      week: "2026-W10",
      shoppers: 4,
      // ana and cy do not call; bo has b1#0 on the 3rd (one a day); di is inactive.
      counts: counts({ inactive: 1, noChannel: 2, dailyMax: 1 }),
    });
    expect(staffing[2]?.reason).toMatchObject({
      week: "2026-W12",
      counts: counts({ inactive: 1, noRegion: 1, sameRound: 1, lockedOut: 1 }),
    });
    expect(describeUnstaffed(staffing[3]?.reason as never, { region: "South" })).toBe(
      "No eligible shopper for branch b3 in region South, week 2026-W10: 2 not doing this channel, 1 inactive, 1 at the daily maximum.",
    );
  });

  it("applies the rating floor, and lets the unrated through unless told not to", () => {
    const one = [visit("b2#0", "b2", "south", "2026-03-02")];
    const people: RoundShopper[] = [
      { id: "low", active: true, channels: ["store"], regionIds: ["south"], rating: 3.9 },
      { id: "new", active: true, channels: ["store"], regionIds: ["south"] },
    ];
    expect(staffVisits(one, people, [], { ...rules, ratingFloor: 4 })[0]?.shopperId).toBe("new");
    expect(staffVisits(one, people, [], { ...rules, ratingFloor: 4, unratedPass: false })[0]?.reason?.counts).toEqual(
      counts({ belowRating: 2 }),
    );
    expect(staffVisits(one, people, [], { ...rules, ratingFloor: null })[0]?.shopperId).toBe("low");
  });

  it("lets a provisional rating through the floor, as passesRatingFloor does (a newcomer must be able to start)", () => {
    const one = [visit("b2#0", "b2", "south", "2026-03-02")];
    const newcomer: RoundShopper = {
      id: "newcomer",
      active: true,
      channels: ["store"],
      regionIds: ["south"],
      rating: 40,
      ratingProvisional: true,
    };
    expect(passesRatingFloor({ rating: 40, provisional: true }, 75)).toBe(true);
    expect(staffVisits(one, [newcomer], [], { ...rules, ratingFloor: 75 })[0]?.shopperId).toBe("newcomer");
    expect(
      staffVisits(one, [newcomer], [], { ...rules, ratingFloor: 75, unratedPass: false })[0]?.reason?.counts,
    ).toEqual(counts({ belowRating: 1 }));
    const established = { ...newcomer, ratingProvisional: false };
    expect(passesRatingFloor({ rating: 40, provisional: false }, 75)).toBe(false);
    expect(staffVisits(one, [established], [], { ...rules, ratingFloor: 75 })[0]?.reason?.counts).toEqual(
      counts({ belowRating: 1 }),
    );
  });

  it("covers a city without the region", () => {
    const inCity = { ...visit("b5#0", "b5", "east", "2026-03-02"), city: "Hangzhou" };
    const people: RoundShopper[] = [
      { id: "x", active: true, channels: ["store"], regionIds: [], cities: ["Hangzhou"] },
      { id: "y", active: true, channels: ["store"], regionIds: [], cities: ["Suzhou"] },
    ];
    expect(staffVisits([inCity], people, [], rules)[0]?.shopperId).toBe("x");
    expect(staffVisits([inCity], people.slice(1), [], rules)[0]?.reason?.counts).toEqual(counts({ noRegion: 1 }));
  });

  it("counts a window in every week it touches, and the lockout to the day", () => {
    // Sun 8 – Mon 9 March touches weeks 10 and 11; a 1-a-week shopper with a visit on Wed 11
    // March (week 11, after the window) cannot take it; nor with one on Tue 3 March (week 10).
    const people: RoundShopper[] = [{ id: "w", active: true, channels: ["store"], regionIds: ["south"] }];
    const later: PastVisit[] = [{ shopperId: "w", branchId: "other", date: "2026-03-11" }];
    const straddle0 = [visit("b1#0", "b1", "south", "2026-03-08", "2026-03-09")];
    expect(staffVisits(straddle0, people, later, { ...rules, maxPerWeek: 1 })[0]?.reason?.counts).toEqual(
      counts({ weeklyMax: 1 }),
    );
    const past: PastVisit[] = [{ shopperId: "w", branchId: "other", date: "2026-03-03" }];
    const straddle = [visit("b1#0", "b1", "south", "2026-03-08", "2026-03-09")];
    expect(staffVisits(straddle, people, past, { ...rules, maxPerWeek: 1 })[0]?.reason?.counts).toEqual(
      counts({ weeklyMax: 1 }),
    );
    expect(staffVisits(straddle, people, past, { ...rules, maxPerWeek: 2 })[0]?.shopperId).toBe("w");
    // Lockout 10 days: a visit to b1 on 26 Feb locks 27 Feb … 7 March out; 8 March is free.
    const locked: PastVisit[] = [{ shopperId: "w", branchId: "b1", date: "2026-02-26" }];
    expect(staffVisits(straddle, people, locked, { ...rules, lockoutDays: 10 })[0]?.shopperId).toBe("w");
    expect(staffVisits(straddle, people, locked, { ...rules, lockoutDays: 11 })[0]?.shopperId).toBeNull();
    // An open assignment's window counts as a whole (here it ends on 28 Feb).
    const open: PastVisit[] = [{ shopperId: "w", branchId: "b1", date: "2026-02-20", endDate: "2026-02-28" }];
    expect(staffVisits(straddle, people, open, { ...rules, lockoutDays: 9 })[0]?.shopperId).toBeNull();
    expect(staffVisits(straddle, people, open, { ...rules, lockoutDays: 8 })[0]?.shopperId).toBe("w");
  });

  it("balances load: fewest in the round, then fewest in the period, then id", () => {
    const people: RoundShopper[] = [
      { id: "a", active: true, channels: ["store"], regionIds: ["south"] },
      { id: "b", active: true, channels: ["store"], regionIds: ["south"] },
    ];
    const four = [1, 2, 3, 4].map((i) => visit(`b${i}#0`, `b${i}`, "south", `2026-03-0${i}`));
    const roomy = { lockoutDays: 90, maxPerDay: 5, maxPerWeek: 10 };
    expect(staffVisits(four, people, [], roomy).map((s) => s.shopperId)).toEqual(["a", "b", "a", "b"]);
    // `a` already has a visit elsewhere in the period (1–4 March, the windows' span): `b` goes
    // first, and wins the 1–1 tie.
    const busy: PastVisit[] = [{ shopperId: "a", branchId: "x", date: "2026-03-02" }];
    expect(staffVisits(four, people, busy, roomy).map((s) => s.shopperId)).toEqual(["b", "a", "b", "a"]);
    // Outside the period it does not count.
    busy[0] = { shopperId: "a", branchId: "x", date: "2026-03-20" };
    expect(staffVisits(four, people, busy, roomy).map((s) => s.shopperId)).toEqual(["a", "b", "a", "b"]);
  });

  it("says so when there are no shoppers at all", () => {
    const [only] = staffVisits([visit("b1#0", "b1", "south", "2026-03-02")], [], [], rules);
    expect(only?.reason).toMatchObject({ shoppers: 0, counts: counts({}) });
    expect(describeUnstaffed(only?.reason as never)).toBe(
      "No eligible shopper for branch b1 in region south, week 2026-W10: there are no shoppers.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Properties of generation
// ---------------------------------------------------------------------------------------------
const REGIONS = ["r0", "r1", "r2"];
const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const branchesArb = fc
  .array(
    fc.record({
      regionId: fc.constantFrom(...REGIONS),
      channel: fc.constantFrom<Channel>("store", "store", "call_centre"),
      inactive: fc.integer({ min: 0, max: 9 }),
      city: fc.option(fc.constantFrom("c0", "c1"), { nil: null }),
      closed: fc.option(fc.subarray(DAY_KEYS, { maxLength: 4 }), { nil: null, freq: 2 }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) =>
    rows.map(
      (r, i): RoundBranch => ({
        id: `b${String(i).padStart(2, "0")}`,
        regionId: r.regionId,
        channel: r.channel,
        active: r.inactive !== 0,
        city: r.city,
        openingHours: r.closed
          ? Object.fromEntries(DAY_KEYS.filter((d) => !r.closed?.includes(d)).map((d) => [d, [["09:00", "18:00"]]]))
          : null,
      }),
    ),
  );

const roundArb: fc.Arbitrary<RoundPlan> = fc
  .record({
    start: fc.integer({ min: 0, max: 3 * 365 }),
    days: fc.integer({ min: 1, max: 120 }),
    visitsPerBranch: fc.integer({ min: 1, max: 4 }),
    minGapDays: fc.integer({ min: 0, max: 30 }),
    windowDays: fc.integer({ min: 1, max: 5 }),
    strata: fc.array(
      fc.record({ share: fc.integer({ min: 1, max: 10 }), days: fc.constantFrom("weekday", "weekend", "any") }),
      { minLength: 1, maxLength: 4 },
    ),
    blackouts: fc.uniqueArray(fc.integer({ min: 0, max: 119 }), { maxLength: 12 }),
    scenarios: fc.array(fc.constantFrom<Channel | undefined>(undefined, undefined, "store", "call_centre"), {
      minLength: 1,
      maxLength: 3,
    }),
    target: fc.oneof(
      fc.constant({ kind: "all" as const }),
      fc.subarray(REGIONS, { minLength: 1 }).map((regionIds) => ({ kind: "regions" as const, regionIds })),
      fc.constantFrom<Channel>("store", "call_centre").map((channel) => ({ kind: "channel" as const, channel })),
    ),
  })
  .map((r) => {
    const from = addDays("2025-01-01", r.start);
    return {
      from,
      to: addDays(from, r.days - 1),
      target: r.target,
      visitsPerBranch: r.visitsPerBranch,
      minGapDays: r.minGapDays,
      windowDays: r.windowDays,
      strata: r.strata.map((s, i) => ({ key: `s${i}`, share: s.share, days: s.days as Stratum["days"] })),
      blackoutDates: r.blackouts.filter((d) => d < r.days).map((d) => addDays(from, d)),
      scenarios: r.scenarios.map((channel, i) => ({ en: `Scenario ${i}`, zh: `情景 ${i}`, channel })),
    };
  });

const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe("generation properties", () => {
  it("places every visit on allowed days only, keeps the gap, and gives each stratum its share ±1", () => {
    let generated = 0;
    fc.assert(
      fc.property(roundArb, branchesArb, seedArb, (round, branches, seed) => {
        const result = generateVisits(round, branches, seed);
        if (!result.ok) return;
        generated++;
        const targeted = selectBranches(round.target, branches);
        const byId = new Map(targeted.map((b) => [b.id, b]));
        expect(result.visits).toHaveLength(targeted.length * round.visitsPerBranch);
        const strata = new Map(round.strata.map((s) => [s.key, s]));
        for (const v of result.visits) {
          const branch = byId.get(v.branchId) as RoundBranch;
          const stratum = strata.get(v.stratum) as Stratum;
          expect(branch).toBeDefined();
          expect(v.regionId).toBe(branch.regionId);
          expect(v.contact).toBe(branch.channel === "call_centre" ? "phone_call" : "visit");
          expect(v.windowStart >= round.from && v.windowEnd <= round.to && v.windowStart <= v.windowEnd).toBe(true);
          expect(daysBetween(v.windowStart, v.windowEnd)).toBeLessThan(round.windowDays);
          for (const d of datesOf(v.windowStart, v.windowEnd)) {
            expect(round.blackoutDates).not.toContain(d);
            expect(opensOn(branch, d)).toBe(true);
            if (stratum.days !== "any") expect(isWeekend(d)).toBe(stratum.days === "weekend");
          }
          const scenario = round.scenarios[v.scenarioIndex];
          expect(v.scenario).toBe(scenario);
          expect(scenario?.channel === undefined || scenario.channel === branch.channel).toBe(true);
        }
        // A branch's visits in order, each `minGapDays` after the previous window's last day.
        for (const id of byId.keys()) {
          const own = result.visits.filter((v) => v.branchId === id);
          expect(own.map((v) => v.ordinal)).toEqual([...own.keys()]);
          for (let i = 1; i < own.length; i++) {
            expect(daysBetween(own[i - 1]?.windowEnd as string, own[i]?.windowStart as string)).toBeGreaterThanOrEqual(
              Math.max(round.minGapDays, 1),
            );
          }
        }
        const total = result.visits.length;
        const shares = round.strata.reduce((s, x) => s + x.share, 0);
        for (const s of round.strata) {
          const got = result.visits.filter((v) => v.stratum === s.key).length;
          expect(Math.abs(got - (total * s.share) / shares)).toBeLessThan(1 + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
    expect(generated).toBeGreaterThan(60); // the property is not vacuous
  });

  it("refuses only for a reason that holds", () => {
    fc.assert(
      fc.property(roundArb, branchesArb, seedArb, (round, branches, seed) => {
        const result = generateVisits(round, branches, seed);
        if (result.ok) return;
        const targeted = selectBranches(round.target, branches);
        for (const p of result.problems) {
          switch (p.code) {
            case "no_branches":
              expect(targeted).toHaveLength(0);
              break;
            case "no_scenario_for_channel":
              expect(targeted.some((b) => b.channel === p.channel)).toBe(true);
              expect(round.scenarios.every((s) => s.channel !== undefined && s.channel !== p.channel)).toBe(true);
              break;
            case "period_too_short":
              expect(p.days).toBe(daysBetween(round.from, round.to) + 1);
              expect(p.neededDays).toBeGreaterThan(p.days);
              break;
            case "no_day_for_stratum": {
              const branch = targeted.find((b) => b.id === p.branchId) as RoundBranch;
              const stratum = round.strata.find((s) => s.key === p.stratum) as Stratum;
              for (const d of datesOf(p.sliceStart, p.sliceEnd)) {
                const ok =
                  !round.blackoutDates.includes(d) &&
                  opensOn(branch, d) &&
                  (stratum.days === "any" || isWeekend(d) === (stratum.days === "weekend"));
                expect(ok).toBe(false);
              }
              break;
            }
            case "gap_unreachable":
              expect(round.minGapDays).toBeGreaterThan(0);
              expect(round.visitsPerBranch).toBeGreaterThan(1);
              break;
            default:
              throw new Error(`unexpected ${JSON.stringify(p)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never refuses when every day is allowed and the period holds the gap", () => {
    fc.assert(
      fc.property(roundArb, branchesArb, seedArb, (round, branches, seed) => {
        const free: RoundPlan = {
          ...round,
          target: { kind: "all" },
          blackoutDates: [],
          strata: round.strata.map((s) => ({ ...s, days: "any" })),
          scenarios: [loan],
          to: addDays(
            round.from,
            Math.max(daysBetween(round.from, round.to), round.visitsPerBranch * (round.minGapDays + 1)),
          ),
        };
        const open = branches.map((b) => ({ ...b, active: true, openingHours: null }));
        expect(generateVisits(free, open, seed).ok).toBe(true);
      }),
    );
  });

  it("is deterministic for a seed, whatever the order of the branches", () => {
    fc.assert(
      fc.property(roundArb, branchesArb, seedArb, (round, branches, seed) => {
        const once = generateVisits(round, branches, seed);
        expect(generateVisits(round, branches, seed)).toEqual(once);
        expect(generateVisits(round, [...branches].reverse(), seed)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it("usually differs for another seed", () => {
    const round: RoundPlan = {
      from: "2026-04-01",
      to: "2026-04-30",
      target: { kind: "all" },
      visitsPerBranch: 2,
      minGapDays: 7,
      windowDays: 2,
      blackoutDates: [],
      scenarios: [loan, { en: "Open an account", zh: "开户" }],
      strata: [
        { key: "am", share: 1, days: "weekday" },
        { key: "we", share: 1, days: "weekend" },
      ],
    };
    const branches = ["a", "b", "c", "d", "e"].map((id) => store(id, "r"));
    const outputs = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) outputs.add(JSON.stringify(generateVisits(round, branches, seed)));
    expect(outputs.size).toBe(50);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Properties of staffing, against a naive oracle
// ---------------------------------------------------------------------------------------------
const SPAN_START = "2026-02-01";

const visitsArb = fc
  .array(
    fc.record({
      branch: fc.integer({ min: 0, max: 7 }),
      // Three weeks and windows up to 3 days: many windows straddle a week, many collide.
      start: fc.integer({ min: 0, max: 20 }),
      length: fc.integer({ min: 1, max: 3 }),
      city: fc.option(fc.constantFrom("c0", "c1"), { nil: null }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i): PlannedVisit => {
      const start = addDays(SPAN_START, r.start);
      const branchId = `b${r.branch}`;
      return {
        ...visit(`${branchId}#${i}`, branchId, REGIONS[r.branch % 3] as string, start, addDays(start, r.length - 1)),
        channel: r.branch === 7 ? "call_centre" : "store",
        contact: r.branch === 7 ? "phone_call" : "visit",
        city: r.branch < 4 ? r.city : null,
      };
    }),
  );

const shoppersArb = fc
  .array(
    fc.record({
      active: fc.integer({ min: 0, max: 7 }).map((n) => n > 0),
      channels: fc.subarray<Channel>(["store", "call_centre"], { minLength: 1 }),
      regionIds: fc.subarray(REGIONS, { minLength: 1 }),
      cities: fc.subarray(["c0", "c1"]),
      excluded: fc.subarray(["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"], { maxLength: 2 }),
      rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      provisional: fc.boolean(),
    }),
    // Few shoppers, so each carries many visits and the maxima bite.
    { maxLength: 6 },
  )
  .map((rows) =>
    rows.map(
      (r, i): RoundShopper => ({
        id: `p${i}`,
        active: r.active,
        channels: r.channels,
        regionIds: r.regionIds,
        cities: r.cities,
        excludedBranchIds: r.excluded,
        rating: r.rating,
        ratingProvisional: r.provisional,
      }),
    ),
  );

const historyArb = fc.array(
  fc.record({
    shopper: fc.integer({ min: 0, max: 7 }),
    branch: fc.integer({ min: 0, max: 9 }),
    start: fc.integer({ min: -100, max: 25 }),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  { maxLength: 60 },
);

const rulesArb: fc.Arbitrary<StaffingRules> = fc.record({
  lockoutDays: fc.integer({ min: 0, max: 120 }),
  maxPerDay: fc.integer({ min: 1, max: 3 }),
  maxPerWeek: fc.integer({ min: 1, max: 4 }),
  ratingFloor: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  unratedPass: fc.boolean(),
});

const toHistory = (rows: { shopper: number; branch: number; start: number; length: number }[]): PastVisit[] =>
  rows.map((r) => {
    const date = addDays(SPAN_START, r.start);
    return { shopperId: `p${r.shopper}`, branchId: `b${r.branch}`, date, endDate: addDays(date, r.length - 1) };
  });

/** An interval of dates, both ends included. */
type Span = { start: string; end: string };
const spanOfPast = (p: PastVisit): Span => ({ start: p.date, end: p.endDate ?? p.date });
const spanOfVisit = (v: PlannedVisit): Span => ({ start: v.windowStart, end: v.windowEnd });

/** The first rule a shopper fails for a visit, given what was assigned before it: written from the rules' words. */
function oracle(
  v: PlannedVisit,
  s: RoundShopper,
  before: { visit: PlannedVisit; shopperId: string }[],
  history: PastVisit[],
  rules: StaffingRules,
): StaffingRule | null {
  if (!s.active) return "inactive";
  if (!s.channels.includes(v.channel)) return "noChannel";
  if (!s.regionIds.includes(v.regionId) && !(v.city !== null && (s.cities ?? []).includes(v.city))) return "noRegion";
  if ((s.excludedBranchIds ?? []).includes(v.branchId)) return "excluded";
  const floor = rules.ratingFloor ?? null;
  if (floor !== null) {
    // A provisional rating is no rating yet (passesRatingFloor).
    if (s.rating == null || s.ratingProvisional ? rules.unratedPass === false : s.rating < floor) return "belowRating";
  }
  const mine = before.filter((a) => a.shopperId === s.id).map((a) => a.visit);
  if (mine.some((m) => m.branchId === v.branchId)) return "sameRound";
  const window = datesOf(v.windowStart, v.windowEnd);
  const past = history.filter((h) => h.shopperId === s.id);
  for (const h of past.filter((x) => x.branchId === v.branchId)) {
    const { start, end } = spanOfPast(h);
    // Locked out when some window day is within `lockoutDays` of some day of the past visit.
    if (window.some((d) => datesOf(start, end).some((e) => Math.abs(daysBetween(d, e)) < rules.lockoutDays)))
      return "lockedOut";
  }
  const held: Span[] = [...past.map(spanOfPast), ...mine.map(spanOfVisit)];
  for (const d of window) {
    if (held.filter((h) => h.start <= d && d <= h.end).length >= rules.maxPerDay) return "dailyMax";
  }
  for (const monday of new Set(window.map(mondayOf))) {
    const touching = held.filter((h) => datesOf(h.start, h.end).some((d) => mondayOf(d) === monday));
    if (touching.length >= rules.maxPerWeek) return "weeklyMax";
  }
  return null;
}

describe("staffing properties", () => {
  const input = fc.tuple(visitsArb, shoppersArb, historyArb.map(toHistory), rulesArb);

  it("never breaks a rule, and each unstaffed reason is exact (replayed against the oracle)", () => {
    let staffedSome = 0;
    let unstaffedSome = 0;
    fc.assert(
      fc.property(input, ([visits, shoppers, history, rules]) => {
        const staffing = staffVisits(visits, shoppers, history, rules);
        expect(staffing.map((s) => s.visitKey)).toEqual(visits.map((v) => v.key));
        const byKey = new Map(staffing.map((s) => [s.visitKey, s]));
        const first = visits.map((v) => v.windowStart).sort()[0] as string;
        const last = visits
          .map((v) => v.windowEnd)
          .sort()
          .at(-1) as string;
        const before: { visit: PlannedVisit; shopperId: string }[] = [];
        for (const v of staffingOrder(visits)) {
          const s = byKey.get(v.key);
          const failures = shoppers.map((p) => oracle(v, p, before, history, rules));
          const eligible = shoppers.filter((_, i) => failures[i] === null);
          if (s?.shopperId) {
            staffedSome++;
            // The chosen one was eligible, and the lightest: fewest in the round, then in the period, then id.
            const load = (id: string) => [
              before.filter((a) => a.shopperId === id).length,
              before.filter((a) => a.shopperId === id).length +
                history.filter((h) => h.shopperId === id && h.date <= last && (h.endDate ?? h.date) >= first).length,
            ];
            const ranked = eligible
              .map((p) => ({ id: p.id, load: load(p.id) }))
              .sort(
                (a, b) =>
                  (a.load[0] as number) - (b.load[0] as number) ||
                  (a.load[1] as number) - (b.load[1] as number) ||
                  (a.id < b.id ? -1 : 1),
              );
            expect(s.shopperId).toBe(ranked[0]?.id);
            before.push({ visit: v, shopperId: s.shopperId });
          } else {
            unstaffedSome++;
            expect(eligible).toEqual([]);
            const expected = Object.fromEntries(STAFFING_RULES.map((r) => [r, 0])) as RuleCounts;
            for (const f of failures) expected[f as StaffingRule]++;
            expect(s?.reason?.counts).toEqual(expected);
            expect(Object.values(s?.reason?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(shoppers.length);
            expect(s?.reason).toMatchObject({ shoppers: shoppers.length, regionId: v.regionId, branchId: v.branchId });
            expect(s?.reason?.week).toBe(isoWeekName(v.windowStart));
          }
        }
      }),
      { numRuns: 1000 },
    );
    expect(staffedSome).toBeGreaterThan(100);
    expect(unstaffedSome).toBeGreaterThan(100);
  });

  it("breaks no lockout and no maximum in the final plan, and leaves no visit someone could take", () => {
    fc.assert(
      fc.property(input, ([visits, shoppers, history, rules]) => {
        const staffing = staffVisits(visits, shoppers, history, rules);
        const assigned = visits.flatMap((v, i) => {
          const id = staffing[i]?.shopperId;
          return id ? [{ visit: v, shopperId: id }] : [];
        });
        for (const { visit: v, shopperId } of assigned) {
          // Rotation: not twice at one branch in the round, and nowhere near a past visit there.
          expect(assigned.filter((a) => a.shopperId === shopperId && a.visit.branchId === v.branchId)).toHaveLength(1);
          for (const h of history.filter((x) => x.shopperId === shopperId && x.branchId === v.branchId)) {
            const { start, end } = spanOfPast(h);
            const apart = Math.max(daysBetween(end, v.windowStart), daysBetween(v.windowEnd, start));
            if (rules.lockoutDays > 0) expect(apart).toBeGreaterThanOrEqual(rules.lockoutDays);
          }
        }
        // Maxima: any day or ISO week holding a round visit of a shopper holds at most the maximum.
        for (const p of shoppers) {
          const mine = assigned.filter((a) => a.shopperId === p.id).map((a) => spanOfVisit(a.visit));
          const held = [...mine, ...history.filter((h) => h.shopperId === p.id).map(spanOfPast)];
          for (const day of new Set(mine.flatMap((m) => datesOf(m.start, m.end)))) {
            expect(held.filter((h) => h.start <= day && day <= h.end).length).toBeLessThanOrEqual(rules.maxPerDay);
          }
          for (const monday of new Set(mine.flatMap((m) => datesOf(m.start, m.end).map(mondayOf)))) {
            const inWeek = held.filter((h) => datesOf(h.start, h.end).some((d) => mondayOf(d) === monday));
            expect(inWeek.length).toBeLessThanOrEqual(rules.maxPerWeek);
          }
        }
        // Every rule only tightens as visits are assigned: an unstaffed visit has nobody at the end either.
        visits.forEach((v, i) => {
          if (staffing[i]?.shopperId) return;
          for (const p of shoppers) expect(oracle(v, p, assigned, history, rules)).not.toBeNull();
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic, whatever the order of shoppers and history", () => {
    fc.assert(
      fc.property(input, ([visits, shoppers, history, rules]) => {
        const once = staffVisits(visits, shoppers, history, rules);
        expect(staffVisits(visits, shoppers, history, rules)).toEqual(once);
        expect(staffVisits(visits, [...shoppers].reverse(), [...history].reverse(), rules)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it("summarises exactly what it was given", () => {
    fc.assert(
      fc.property(input, ([visits, shoppers, history, rules]) => {
        const staffing = staffVisits(visits, shoppers, history, rules);
        const summary = summarizeRound(visits, staffing);
        const staffed = staffing.filter((s) => s.shopperId !== null).length;
        expect(summary).toMatchObject({ visits: visits.length, staffed, unstaffed: visits.length - staffed });
        for (const table of [summary.byRegion, summary.byStratum, summary.byRegionStratum]) {
          const rows = Object.values(table);
          expect(rows.reduce((n, r) => n + r.visits, 0)).toBe(visits.length);
          expect(rows.reduce((n, r) => n + r.staffed, 0)).toBe(staffed);
        }
        const grouped = summary.reasons.flatMap((g) => g.visitKeys).sort();
        expect(grouped).toEqual(
          staffing
            .filter((s) => s.shopperId === null)
            .map((s) => s.visitKey)
            .sort(),
        );
      }),
      { numRuns: 100 },
    );
  });
});
