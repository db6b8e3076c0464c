/**
 * `visitEligibility`: the staffing rules for one shopper and one visit (the job board), in the
 * engine's order; `sameRound` (which history cannot tell) wins over the lockout and the maxima only.
 */
import { describe, expect, it } from "vitest";
import { type RoundShopper, visitEligibility } from "../../worker/domain/round-staffing";
import type { PlannedVisit } from "../../worker/domain/rounds";

const visit: PlannedVisit = {
  key: "b1#0",
  branchId: "b1",
  regionId: "south",
  city: "Guangzhou",
  channel: "store",
  contact: "visit",
  ordinal: 0,
  windowStart: "2026-03-10",
  windowEnd: "2026-03-11",
  stratum: "any",
  scenarioIndex: 0,
  scenario: { en: "Ask", zh: "咨询" },
};
const ana: RoundShopper = { id: "ana", active: true, channels: ["store"], regionIds: ["south"] };
const rules = { lockoutDays: 90, maxPerDay: 1, maxPerWeek: 2 };

describe("visitEligibility", () => {
  it("passes an eligible shopper and names the first rule failed otherwise", () => {
    expect(visitEligibility(visit, ana, [], rules, false)).toBeNull();
    expect(visitEligibility(visit, { ...ana, active: false }, [], rules, false)).toBe("inactive");
    expect(visitEligibility(visit, { ...ana, channels: ["call_centre"] }, [], rules, false)).toBe("noChannel");
    expect(visitEligibility(visit, { ...ana, regionIds: ["north"] }, [], rules, false)).toBe("noRegion");
    expect(visitEligibility(visit, { ...ana, regionIds: [], cities: ["Guangzhou"] }, [], rules, false)).toBeNull();
    expect(visitEligibility(visit, { ...ana, excludedBranchIds: ["b1"] }, [], rules, false)).toBe("excluded");
    expect(visitEligibility(visit, ana, [{ shopperId: "ana", branchId: "b1", date: "2026-01-20" }], rules, false)).toBe(
      "lockedOut",
    );
    expect(visitEligibility(visit, ana, [{ shopperId: "ana", branchId: "b2", date: "2026-03-11" }], rules, false)).toBe(
      "dailyMax",
    );
    const week = [
      { shopperId: "ana", branchId: "b2", date: "2026-03-09" },
      { shopperId: "ana", branchId: "b3", date: "2026-03-13" },
    ];
    expect(visitEligibility(visit, ana, week, rules, false)).toBe("weeklyMax");
    // Someone else's history does not count.
    expect(
      visitEligibility(visit, ana, [{ shopperId: "bo", branchId: "b1", date: "2026-03-10" }], rules, false),
    ).toBeNull();
  });

  it("sameRound comes after rules 1–5 and before the lockout and the maxima", () => {
    const held = [{ shopperId: "ana", branchId: "b1", date: "2026-03-01", endDate: "2026-03-02" }];
    expect(visitEligibility(visit, ana, held, rules, true)).toBe("sameRound");
    expect(visitEligibility(visit, ana, [], rules, true)).toBe("sameRound");
    expect(visitEligibility(visit, { ...ana, regionIds: ["north"] }, held, rules, true)).toBe("noRegion");
  });
});
