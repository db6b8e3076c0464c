/**
 * Scorecards against hand-computed figures. A factory organisation (north: two stores and a
 * call centre; east and south: one store each) gets audits at three stores with chosen scores
 * and item outcomes (written as the app writes them, roll-ups in the same batch); every expected
 * number below is worked out by hand in the comments. Then the scope rules per role, and the
 * filters' validation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ItemOutcome, ScoreResult } from "../../worker/domain/scoring";
import { STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";
import { createOrganization, type TestOrganization } from "./factory";
import { api, expectOk, expectProblem, fieldErrors, publishAuditRow } from "./helpers";

const NOW = Date.parse("2026-06-20T04:00:00Z");
const PERIOD = { from: "2026-05-01", to: "2026-06-30" };
const PERIOD_QS = "from=2026-05-01&to=2026-06-30";
const X = "greets_promptly";
const SECTION = "welcome";
/** The factory's codes of the three stores with audits (A, B in the north; C in the south) and of the rest. */
const CODE = { a: "NO-001", b: "NO-002", c: "SO-005", call: "NO-003", east: "EA-004" };

let org: TestOrganization;
let other: TestOrganization;
/** A and B: north stores (A is the branch manager's); C: the south store. */
let branch: { a: string; b: string; c: string };

/** A crafted stored result: the score, a critical flag and item X's outcome (the section ratio = score / 100). */
function result(score: number, outcome: ItemOutcome, critical = false): ScoreResult {
  return {
    score,
    criticalFailed: critical,
    criticalItem: critical ? X : null,
    complete: true,
    missing: [],
    sections: [
      {
        key: SECTION,
        weight: 1,
        earned: score / 100,
        possible: 1,
        ratio: score / 100,
        included: true,
        zeroedBy: null,
        items: [{ key: X, kind: "yes_no", outcome, ratio: null, weight: 1, counted: outcome !== "na", rule: "test" }],
      },
    ],
  };
}

/** Publishes one audit of the organisation's store checklist (a phone location, which managers must never see). */
function publish(branchId: string, month: string, r: ScoreResult, comment = "") {
  return publishAuditRow({
    organizationId: org.id,
    branchId,
    checklistVersionId: org.versionIds.store,
    checklistId: org.checklistIds.store,
    shopperId: org.people.shopper.id,
    month,
    result: r,
    day: 10 + Math.floor(Math.random() * 15),
    now: NOW,
    overrides: {
      overallComment: comment,
      locationLat: 31.2,
      locationLng: 121.4,
      locationAccuracy: 10,
      locationTakenAt: NOW,
    },
  });
}

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  branch = { a: org.branchIds.north1, b: org.branchIds.north2, c: org.branchIds.south1 };
  const { a, b, c } = branch;
  // Previous period (March–April): A scored 60 once.
  await publish(a, "2026-04", result(60, "pass"));
  // A: 70 (critical failure, X failed), 80 (X passed) in May; 90 (X N/A) in June.
  await publish(a, "2026-05", result(70, "fail", true), '=HYPERLINK("x") 顾客很满意');
  await publish(a, "2026-05", result(80, "pass"));
  await publish(a, "2026-06", result(90, "na"));
  // B: 50 (X partly met: a fail) and 100 (X passed) in June: only 2 audits.
  await publish(b, "2026-06", result(50, "partial"));
  await publish(b, "2026-06", result(100, "pass"));
  // C (the other region): 60, 60, 60 (X: fail, pass, pass) and 90 (X passed) in May.
  await publish(c, "2026-05", result(60, "fail"));
  await publish(c, "2026-05", result(60, "pass"));
  await publish(c, "2026-05", result(60, "pass"));
  await publish(c, "2026-05", result(90, "pass"));
  // Outside the period (July) and so never counted.
  await publish(c, "2026-07", result(10, "fail"));
});

describe("branch scorecard", () => {
  it("computes the period score, its interval, the change and the organisation's figures by hand", async () => {
    const card = await expectOk(
      await org.as.manager.api.v1.scorecards.branches[":id"].$get({ param: { id: branch.a }, query: PERIOD }),
      200,
    );
    // 70, 80, 90: mean 80, s = 10, t(0.975, 2) = 4.303 → 80 ± 24.84 = 55.16 .. 104.84 → 100.
    expect(card.score).toMatchObject({ audits: 3, n: 3, mean: 80, sd: 10, low: 55.16, high: 100, insufficient: false });
    // One critical failure of three audits.
    expect(card.score.criticalFailed).toBe(1);
    expect(card.score.criticalRate).toBeCloseTo(1 / 3, 4);
    // The previous two months (March, April): one audit of 60 → +20.
    expect(card.previous).toEqual({ n: 1, mean: 60 });
    expect(card.change).toBe(20);
    // Organisation, May–June: 70 80 90 50 100 60 60 60 90 → Σ 660 / 9 = 73.33.
    expect(card.organization.n).toBe(9);
    expect(card.organization.mean).toBeCloseTo(73.33, 2);
    expect(card.trend).toEqual([
      // May: A 70, 80 → 75; org 70 80 60 60 60 90 → 70.
      {
        month: "2026-05",
        branch: { n: 2, mean: 75, low: expect.any(Number), high: expect.any(Number) },
        organization: { n: 6, mean: 70 },
      },
      // June: A 90; org 90 50 100 → 80. One audit has no interval.
      { month: "2026-06", branch: { n: 1, mean: 90, low: null, high: null }, organization: { n: 3, mean: 80 } },
    ]);
    // The section ratio is score / 100: A's section mean = 80 %, the organisation's 73.33 %.
    expect(card.sections).toEqual([expect.objectContaining({ key: SECTION, n: 3, mean: 80, organization: 73.33 })]);
    const x = card.items.find((i) => i.key === X);
    // A: pass, fail, N/A → 1 / 2 = 50 %, Wilson 9.45 % .. 90.55 %.
    expect(x?.branch).toEqual({ passes: 1, fails: 1, nas: 1, rate: 0.5, low: 0.0945, high: 0.9055 });
    // Organisation: passes A1 + B1 + C3 = 5, fails A1 + B1 (partial) + C1 = 3, N/A 1 → 62.5 %.
    expect(x?.organization).toMatchObject({ passes: 5, fails: 3, nas: 1, rate: 0.625 });
    expect(x?.failed).toBe(true);
    expect(x?.belowOrganization).toBe(true);
    expect(x?.prompt.en).toBe(STORE_VISIT_TEMPLATE.sections[0]?.items[0]?.prompt.en);
    expect(card.latestAudit?.score).toBe(90);
  });

  it("lists the audits where an item failed, without the shopper, and opens the report", async () => {
    const behind = await expectOk(
      await org.as.manager.api.v1.scorecards.audits.$get({
        query: { ...PERIOD, branchId: branch.a, itemKey: X, outcome: "fail" },
      }),
      200,
    );
    expect(behind.audits.map((a) => [a.score, a.itemOutcome])).toEqual([[70, "fail"]]);
    expect(JSON.stringify(behind)).not.toContain("shopper");
    // The list names the item it is about, and each audit's branch.
    expect(behind.item?.prompt.en).toBe(STORE_VISIT_TEMPLATE.sections[0]?.items[0]?.prompt.en);
    expect(behind.audits[0]?.branch.code).toBe(CODE.a);
    const report = await expectOk(
      await org.as.manager.api.v1.audits[":id"].$get({ param: { id: behind.audits[0]?.id ?? "" } }),
      200,
    );
    expect(report.shopperId).toBeNull();
    expect(report.location).toBeNull();
    expect(report.overallComment).toContain("顾客很满意");
  });

  it("counts a partly met item as a failure in the drill-down too", async () => {
    const behind = await expectOk(
      await org.as.admin.api.v1.scorecards.audits.$get({
        query: { ...PERIOD, branchId: branch.b, itemKey: X, outcome: "fail" },
      }),
      200,
    );
    expect(behind.audits.map((a) => [a.score, a.itemOutcome])).toEqual([[50, "partial"]]);
  });
});

describe("league, regions, heatmap, trends", () => {
  it("ranks branches with enough audits and sinks the rest to their own group", async () => {
    const league = await expectOk(await org.as.admin.api.v1.scorecards.league.$get({ query: PERIOD }), 200);
    // A 80 (n 3) first, C 67.5 (n 4) second; B (n 2, mean 75) is insufficient, though its mean beats C's.
    expect(league.ranked.map((r) => [r.rank, r.branch.code, r.score.mean])).toEqual([
      [1, CODE.a, 80],
      [2, CODE.c, 67.5],
    ]);
    expect(league.ranked[0]?.branch.region?.code).toBe("NORTH");
    expect(league.ranked[0]?.change).toBe(20);
    // C: 60 60 60 90 → s = 15, t(0.975, 3) = 3.182 → 67.5 ± 23.87.
    expect(league.ranked[1]?.score.sd).toBe(15);
    expect(league.ranked[1]?.score.low).toBeCloseTo(43.64, 1);
    expect(league.ranked[1]?.score.high).toBeCloseTo(91.37, 1);
    // B, then the active branches without audits (no mean), in code order.
    expect(league.insufficient.map((r) => [r.rank, r.branch.code, r.score.n, r.score.mean])).toEqual([
      [null, CODE.b, 2, 75],
      [null, CODE.east, 0, null],
      [null, CODE.call, 0, null],
    ]);
  });

  it("pools region figures over their audits", async () => {
    const body = await expectOk(await org.as.admin.api.v1.scorecards.regions.$get({ query: PERIOD }), 200);
    // North: 70 80 90 50 100 → mean 78, s = √370 = 19.24. South: 67.5 as C. East: no audits.
    expect(body.regions.map((r) => [r.region.code, r.score.n, r.score.mean, r.score.sd])).toEqual([
      ["EAST", 0, null, null],
      ["NORTH", 5, 78, 19.24],
      ["SOUTH", 4, 67.5, 15],
    ]);
    expect(body.organization.n).toBe(9);
  });

  it("colours items × regions and items × branches by pass rate", async () => {
    const heatmap = org.as.admin.api.v1.scorecards.heatmap;
    const byRegion = await expectOk(await heatmap.$get({ query: PERIOD }), 200);
    type Heatmap = typeof byRegion;
    expect(byRegion.columns.map((c) => c.code)).toEqual(["NORTH", "SOUTH"]);
    const cell = (map: Heatmap, column: string) =>
      map.cells.find((c) => c.column === column && c.item.endsWith(`:${X}`));
    // North: A (1 pass, 1 fail, 1 N/A) + B (1 pass, 1 partial) → 2 / 4. South: C 3 / 4.
    expect(cell(byRegion, org.regionIds.north)).toMatchObject({ passes: 2, fails: 2, nas: 1, rate: 0.5 });
    expect(cell(byRegion, org.regionIds.south)).toMatchObject({ passes: 3, fails: 1, nas: 0, rate: 0.75 });
    expect(byRegion.items.find((i) => i.key === X)?.organization.rate).toBe(0.625);

    const byBranch = await expectOk(
      await heatmap.$get({ query: { ...PERIOD, by: "branch", regionId: org.regionIds.north } }),
      200,
    );
    // The north call centre has no audits, so no column.
    expect(byBranch.columns.map((c) => c.code)).toEqual([CODE.a, CODE.b]);
    expect(cell(byBranch, branch.b)).toMatchObject({ passes: 1, fails: 1, rate: 0.5 });
  });

  it("trends the organisation and each region by month, and names the weakest items", async () => {
    const trends = await expectOk(await org.as.admin.api.v1.scorecards.trends.$get({ query: PERIOD }), 200);
    expect(trends.organization.map((p) => [p.month, p.n, p.mean])).toEqual([
      ["2026-05", 6, 70],
      ["2026-06", 3, 80],
    ]);
    // North in May: 70, 80 → 75; in June: 90, 50, 100 → 80.
    expect(trends.regions.find((r) => r.region.code === "NORTH")?.points.map((p) => p.mean)).toEqual([75, 80]);
    // X is the only item judged at least 5 times: 5 / 8. May: A fail, pass; C fail, pass, pass, pass → 4 / 6.
    // June: A N/A; B partial, pass → 1 / 2.
    expect(trends.weakestItems.map((i) => [i.key, i.overall.rate])).toEqual([[X, 0.625]]);
    expect(trends.weakestItems[0]?.points.map((p) => p.rate)).toEqual([0.6667, 0.5]);
  });
});

describe("scope", () => {
  it("refuses shoppers every view (403)", async () => {
    const views = org.as.shopper.api.v1.scorecards;
    const responses = [
      await views.league.$get({ query: PERIOD }),
      await views.regions.$get({ query: PERIOD }),
      await views.heatmap.$get({ query: PERIOD }),
      await views.trends.$get({ query: PERIOD }),
      await views.audits.$get({ query: PERIOD }),
      await views.branches[":id"].$get({ param: { id: branch.a }, query: PERIOD }),
    ];
    for (const res of responses) await expectProblem(res, 403, "forbidden");
  });

  it("answers 401 without a session", async () => {
    await expectProblem(await api(`/api/v1/scorecards/league?${PERIOD_QS}`), 401, "unauthenticated");
  });

  it("keeps a branch manager to their branch", async () => {
    const views = org.as.manager.api.v1.scorecards;
    const card = (id: string) => views.branches[":id"].$get({ param: { id }, query: PERIOD });
    await expectProblem(await card(branch.c), 404, "not_found");
    await expectProblem(await card(branch.b), 404, "not_found");
    // Another organisation's branch does not exist either.
    await expectProblem(await card(other.branchIds.north1), 404, "not_found");
    const league = await expectOk(await views.league.$get({ query: PERIOD }), 200);
    expect([...league.ranked, ...league.insufficient].map((r) => r.branch.code)).toEqual([CODE.a]);
    await expectProblem(await views.regions.$get({ query: PERIOD }), 403, "forbidden");
    await expectProblem(await views.heatmap.$get({ query: PERIOD }), 403, "forbidden");
    const heatmap = await expectOk(await views.heatmap.$get({ query: { ...PERIOD, by: "branch" } }), 200);
    expect(heatmap.columns.map((c) => c.code)).toEqual([CODE.a]);
    await expectProblem(await views.audits.$get({ query: { ...PERIOD, branchId: branch.c } }), 404, "not_found");
    const audits = await expectOk(await views.audits.$get({ query: PERIOD }), 200);
    expect(new Set(audits.audits.map((a) => a.branch.code))).toEqual(new Set([CODE.a]));
  });

  it("keeps a regional manager to their regions, with the organisation as a benchmark", async () => {
    // The factory's regional manager has the north (A and B); C is in the south.
    const views = org.as.regional.api.v1.scorecards;
    await expectProblem(await views.branches[":id"].$get({ param: { id: branch.c }, query: PERIOD }), 404, "not_found");
    const card = await expectOk(await views.branches[":id"].$get({ param: { id: branch.a }, query: PERIOD }), 200);
    expect(card.organization.n).toBe(9);
    const regionsBody = await expectOk(await views.regions.$get({ query: PERIOD }), 200);
    expect(regionsBody.regions.map((r) => r.region.code)).toEqual(["NORTH"]);
    const heatmap = await expectOk(await views.heatmap.$get({ query: PERIOD }), 200);
    expect(heatmap.columns.map((c) => c.code)).toEqual(["NORTH"]);
    const trends = await expectOk(await views.trends.$get({ query: PERIOD }), 200);
    expect(trends.regions.map((r) => r.region.code)).toEqual(["NORTH"]);
    // Another region as a filter is refused like an unknown one.
    const problem = await expectProblem(
      await views.league.$get({ query: { ...PERIOD, regionId: org.regionIds.south } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["regionId:unknown_reference"]);
  });
});

describe("filters", () => {
  /** `field` is `path:code`, as `fieldErrors` lists them. Raw queries: the typed client would refuse most. */
  const bad = async (query: string, field: string) => {
    const problem = await expectProblem(
      await api(`/api/v1/scorecards/league?${query}`, { cookie: org.people.admin.cookie }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toContain(field);
  };

  it("rejects unknown checklists and regions, bad dates, reversed and over-long ranges", async () => {
    await bad(`${PERIOD_QS}&checklistId=nope`, "checklistId:unknown_reference");
    await bad(`${PERIOD_QS}&regionId=nope`, "regionId:unknown_reference");
    await bad("from=2026-02-30&to=2026-06-30", "from:invalid_value");
    await bad("from=2026-5-1&to=2026-06-30", "from:invalid_format");
    await bad("from=2026-06-01&to=2026-05-01", "to:invalid_value");
    await bad("from=2020-01-01&to=2025-01-02", "to:too_big");
    await bad(`${PERIOD_QS}&channel=radio`, "channel:invalid_value");
    await bad(`${PERIOD_QS}&sort=score`, "sort:unknown_field");
  });

  it("accepts exactly five years, and narrows by checklist and channel", async () => {
    const league = org.as.admin.api.v1.scorecards.league;
    await expectOk(await league.$get({ query: { from: "2021-06-30", to: "2026-06-30" } }), 200);
    const store = await expectOk(await league.$get({ query: { ...PERIOD, checklistId: org.checklistIds.store } }), 200);
    expect(store.ranked).toHaveLength(2);
    const calls = await expectOk(await league.$get({ query: { ...PERIOD, channel: "call_centre" } }), 200);
    expect(calls.ranked).toHaveLength(0);
    expect(calls.organization.n).toBe(0);
  });
});
