/**
 * The rounds API's pure parts: coverage counting (domain/round-coverage.ts), the reason groups'
 * English sentence, and the presenters (generation refusals as field errors, summary, coverage
 * CSV rows, a shopper's profile).
 */
import { describe, expect, it } from "vitest";
import { type CoverageVisit, emptyCoverage, roundCoverage } from "../../worker/domain/round-coverage";
import { describeReasonGroup, emptyCounts, summarizeRound } from "../../worker/domain/rounds";
import {
  coverageCsvRows,
  generationErrors,
  presentCoverage,
  presentRoundSummary,
  presentShopperProfile,
} from "../../worker/presenters/rounds";

const visit = (overrides: Partial<CoverageVisit>): CoverageVisit => ({
  branchId: "b1",
  regionId: "north",
  status: "staffed",
  windowEnd: "2026-03-10",
  assignmentStatus: "open",
  auditStatus: null,
  ...overrides,
});

describe("roundCoverage", () => {
  const visits: CoverageVisit[] = [
    visit({}), // open, window ended: overdue
    visit({ windowEnd: "2026-03-20" }), // open, window not ended
    visit({ branchId: "b2", assignmentStatus: "submitted", auditStatus: "waiting" }),
    visit({ branchId: "b2", assignmentStatus: "submitted", auditStatus: "published" }),
    visit({ branchId: "s1", regionId: "south", status: "posted", assignmentStatus: null }),
    visit({ branchId: "s1", regionId: "south", status: "unstaffed", assignmentStatus: null }),
    visit({ branchId: "s1", regionId: "south", status: "cancelled", assignmentStatus: null }),
    visit({ branchId: "s2", regionId: "south", assignmentStatus: "cancelled" }), // cancelled one by one
  ];
  const coverage = roundCoverage(visits, () => "2026-03-15");

  it("counts planned, staffed, submitted, published, overdue, posted, unstaffed and cancelled", () => {
    expect(coverage.total).toEqual({
      planned: 6,
      staffed: 4,
      submitted: 2,
      published: 1,
      overdue: 1,
      posted: 1,
      unstaffed: 1,
      cancelled: 2,
    });
  });

  it("per branch and per region, in id order, adding up to the total", () => {
    expect(coverage.byBranch.map((b) => b.branchId)).toEqual(["b1", "b2", "s1", "s2"]);
    expect(coverage.byRegion.map((r) => [r.regionId, r.planned, r.cancelled])).toEqual([
      ["north", 4, 0],
      ["south", 2, 2],
    ]);
    const sum = emptyCoverage();
    for (const b of coverage.byBranch)
      for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += b[key];
    expect(sum).toEqual(coverage.total);
  });

  it("judges overdue by each branch's own today", () => {
    const [first] = visits;
    const early = roundCoverage([first as CoverageVisit], () => "2026-03-10");
    const late = roundCoverage([first as CoverageVisit], () => "2026-03-11");
    expect([early.total.overdue, late.total.overdue]).toEqual([0, 1]);
  });
});

describe("describeReasonGroup", () => {
  it("names how many visits, where, the week, and each rule, most common first", () => {
    const counts = { ...emptyCounts(), lockedOut: 3, weeklyMax: 1, noRegion: 1 };
    const group = { regionId: "south", week: "2026-W12", shoppers: 5, counts, visitKeys: ["a#0", "b#1"] };
    expect(describeReasonGroup(group, { region: "South" })).toBe(
      "2 visits in region South, week 2026-W12: no eligible shopper of 5 — 3 locked out by rotation, 1 not covering the region, 1 at the weekly maximum.",
    );
    expect(describeReasonGroup({ ...group, shoppers: 0, counts: emptyCounts(), visitKeys: ["a#0"] })).toBe(
      "1 visit in region south, week 2026-W12: no eligible shopper — there are no shoppers.",
    );
  });
});

describe("generationErrors", () => {
  const names = {
    branchCode: (id: string) => id.toUpperCase(),
    strataIndex: (key: string) => (key === "weekend" ? 2 : 0),
  };

  it("names the field and the numbers of each refusal", () => {
    const errors = generationErrors(
      [
        { code: "period_too_short", days: 10, visitsPerBranch: 2, minGapDays: 14, neededDays: 15 },
        {
          code: "no_day_for_stratum",
          branchId: "s2",
          ordinal: 1,
          stratum: "weekend",
          sliceStart: "2026-03-16",
          sliceEnd: "2026-03-31",
        },
        { code: "gap_unreachable", branchId: "s3", ordinal: 0, minGapDays: 12 },
        { code: "invalid_round", path: "strata/1/share", message: "A share above 0" },
        { code: "no_branches" },
        { code: "no_scenario_for_channel", channel: "call_centre" },
      ],
      names,
    );
    expect(errors.map((e) => `${e.path}:${e.code}:${e.limit ?? ""}`)).toEqual([
      "period.to:too_small:15",
      "strata[2]:no_day_for_stratum:",
      "minGapDays:gap_unreachable:12",
      "strata[1].share:invalid_value:",
      "target:no_branches:",
      "scenarios:no_scenario_for_channel:",
    ]);
    expect(errors[0]?.message).toBe("The period has 10 days; 2 visits a branch at least 14 days apart need 15 days");
    expect(errors[1]?.message).toMatch(
      /^Branch S2 has no allowed day for "weekend" \(visit 2\) between 2026-03-16 and 2026-03-31/,
    );
    expect(errors[5]?.message).toMatch(/No scenario for calls/);
  });

  it("lists 50 branch problems and counts the rest", () => {
    const problems = Array.from({ length: 70 }, (_, i) => ({
      code: "gap_unreachable" as const,
      branchId: `b${i}`,
      ordinal: 1,
      minGapDays: 9,
    }));
    const errors = generationErrors(problems, names);
    expect(errors).toHaveLength(51);
    expect(errors[50]).toMatchObject({ path: "target", code: "more_problems" });
    expect(errors[50]?.message).toMatch(/^20 more branches/);
  });
});

describe("presenters", () => {
  const regions = new Map([
    ["north", { code: "N", nameEn: "North", nameZh: "华北区" }],
    ["south", { code: "S", nameEn: "South", nameZh: "华南区" }],
  ]);

  it("a summary: rows per region (code order) and stratum, reasons with their sentence", () => {
    const counts = { ...emptyCounts(), sameRound: 1 };
    const summary = summarizeRound(
      [
        { key: "s1#0", regionId: "south", stratum: "am" },
        { key: "n1#0", regionId: "north", stratum: "am" },
        { key: "n1#1", regionId: "north", stratum: "pm" },
      ],
      [
        { visitKey: "s1#0", shopperId: "ana", reason: null },
        { visitKey: "n1#0", shopperId: "bo", reason: null },
        {
          visitKey: "n1#1",
          shopperId: null,
          reason: {
            code: "no_eligible_shopper",
            visitKey: "n1#1",
            branchId: "n1",
            regionId: "north",
            week: "2026-W12",
            shoppers: 1,
            counts,
          },
        },
      ],
    );
    const body = presentRoundSummary(summary, regions);
    expect(body).toMatchObject({ visits: 3, staffed: 2, unstaffed: 1, posted: 0 });
    expect(body.byRegion.map((r) => [r.code, r.name.zh, r.visits])).toEqual([
      ["N", "华北区", 2],
      ["S", "华南区", 1],
    ]);
    expect(body.byStratum).toEqual([
      { stratum: "am", visits: 2, staffed: 2, unstaffed: 0 },
      { stratum: "pm", visits: 1, staffed: 0, unstaffed: 1 },
    ]);
    expect(body.reasons).toEqual([
      {
        regionId: "north",
        regionCode: "N",
        regionName: { en: "North", zh: "华北区" },
        week: "2026-W12",
        shoppers: 1,
        counts,
        visits: 1,
        visitKeys: ["n1#1"],
        sentence:
          "1 visit in region North, week 2026-W12: no eligible shopper of 1 — 1 already at the branch this round.",
      },
    ]);
  });

  it("coverage rows for the CSV, grouped by region code, with both names", () => {
    const coverage = roundCoverage(
      [visit({ branchId: "s1", regionId: "south" }), visit({ branchId: "n2" }), visit({ branchId: "n1" })],
      () => "2026-03-01",
    );
    const branches = new Map([
      ["n1", { code: "N-001", nameEn: "Wangfujing", nameZh: "王府井店" }],
      ["n2", { code: "N-002", nameEn: "Zhongguancun", nameZh: "中关村店" }],
      ["s1", { code: "S-001", nameEn: "Tianhe", nameZh: "天河店" }],
    ]);
    const body = presentCoverage("r1", coverage, regions, branches);
    expect(coverageCsvRows(body).map((row) => row.slice(0, 7))).toEqual([
      ["N", "North", "华北区", "N-001", "Wangfujing", "王府井店", 1],
      ["N", "North", "华北区", "N-002", "Zhongguancun", "中关村店", 1],
      ["S", "South", "华南区", "S-001", "Tianhe", "天河店", 1],
    ]);
  });

  it("a shopper's profile: active from the membership, dates as ISO, the version to send back", () => {
    expect(
      presentShopperProfile({
        membershipId: "m1",
        userId: "u1",
        status: "deactivated",
        channels: ["store"],
        regionIds: ["north"],
        cities: ["Beijing"],
        excludedBranchIds: [],
        rating: null,
        updatedAt: Date.UTC(2026, 2, 1),
        version: 3,
      }),
    ).toEqual({
      membershipId: "m1",
      userId: "u1",
      active: false,
      channels: ["store"],
      regionIds: ["north"],
      cities: ["Beijing"],
      excludedBranchIds: [],
      rating: null,
      updatedAt: "2026-03-01T00:00:00.000Z",
      version: 3,
    });
  });
});
