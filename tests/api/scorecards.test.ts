/**
 * Scorecards against hand-computed figures. A fresh organisation with two regions and three
 * branches gets audits with chosen scores and item outcomes (written as the app writes them,
 * roll-ups in the same batch); every expected number below is worked out by hand in the
 * comments. Then the scope rules per role, and the filters' validation.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  branches,
  checklistVersions,
  membershipBranches,
  membershipRegions,
  memberships,
  regions,
  users,
} from "../../schema";
import type { Role } from "../../schema/enums";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { createSession } from "../../worker/data/sessions";
import type { ItemOutcome, ScoreResult } from "../../worker/domain/scoring";
import { STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";
import { api, db, expectJson, expectProblem, fieldErrors, publishAuditRow, seed, uniqueEmail } from "./helpers";

const NOW = Date.parse("2026-06-20T04:00:00Z");
const PERIOD = "from=2026-05-01&to=2026-06-30";
const X = "greets_promptly";
const SECTION = "welcome";

interface Fixture {
  org: string;
  versionId: string;
  checklistId: string;
  branch: { a: string; b: string; c: string };
  region: { r1: string; r2: string };
  cookies: Record<"admin" | "regional" | "manager" | "shopper", string>;
}

let fx: Fixture;

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

/** Publishes one audit of the fixture's store checklist (a phone location, which managers must never see). */
function publish(branchId: string, month: string, r: ScoreResult, comment = "") {
  return publishAuditRow({
    organizationId: fx.org,
    branchId,
    checklistVersionId: fx.versionId,
    checklistId: fx.checklistId,
    shopperId: `${fx.org}-shopper`,
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

async function makeFixture(): Promise<Fixture> {
  const database = db();
  const org = `scorecards-${crypto.randomUUID()}`;
  const region = { r1: `${org}-r1`, r2: `${org}-r2` };
  const branch = { a: `${org}-a`, b: `${org}-b`, c: `${org}-c` };
  const people: Array<{ who: "admin" | "regional" | "manager" | "shopper"; role: Role }> = [
    { who: "admin", role: "admin" },
    { who: "regional", role: "regional_manager" },
    { who: "manager", role: "branch_manager" },
    { who: "shopper", role: "shopper" },
  ];
  const [first, ...rest] = [
    ...createOrganizationStatements(database, { id: org, slug: org, nameEn: "Scorecards", nameZh: "成绩单" }, NOW),
    database.insert(regions).values([
      { id: region.r1, organizationId: org, code: "R1", nameEn: "North", nameZh: "北区" },
      { id: region.r2, organizationId: org, code: "R2", nameEn: "South", nameZh: "南区" },
    ]),
    database.insert(branches).values([
      {
        id: branch.a,
        organizationId: org,
        regionId: region.r1,
        code: "A",
        nameEn: "A",
        nameZh: "甲",
        channel: "store",
      },
      {
        id: branch.b,
        organizationId: org,
        regionId: region.r1,
        code: "B",
        nameEn: "B",
        nameZh: "乙",
        channel: "store",
      },
      {
        id: branch.c,
        organizationId: org,
        regionId: region.r2,
        code: "C",
        nameEn: "C",
        nameZh: "丙",
        channel: "store",
      },
    ]),
    ...people.flatMap(({ who, role }) => [
      database.insert(users).values({ id: `${org}-${who}`, email: uniqueEmail(who), displayName: who }),
      database
        .insert(memberships)
        .values({ id: `${org}-${who}-m`, userId: `${org}-${who}`, organizationId: org, role, acceptedAt: 1 }),
    ]),
    database.insert(membershipRegions).values({ membershipId: `${org}-regional-m`, regionId: region.r2 }),
    database.insert(membershipBranches).values({ membershipId: `${org}-manager-m`, branchId: branch.a }),
  ];
  if (first) await database.batch([first, ...rest]);
  const versions = await database.select().from(checklistVersions).where(eq(checklistVersions.organizationId, org));
  const version = versions.find((v) => v.document.name.en === STORE_VISIT_TEMPLATE.name.en);
  if (!version) throw new Error("no store checklist");
  const cookies = {} as Fixture["cookies"];
  for (const { who } of people) {
    const { token } = await createSession(database, { userId: `${org}-${who}`, organizationId: org, now: Date.now() });
    cookies[who] = `courtesy_session=${token}`;
  }
  return { org, versionId: version.id, checklistId: version.checklistId, branch, region, cookies };
}

const get = <T = Record<string, unknown>>(path: string, cookie: string, status = 200) =>
  api(path, { cookie }).then((res) => expectJson<T>(res, status));

interface Score {
  audits: number;
  n: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
  insufficient: boolean;
  criticalFailed: number;
  criticalRate: number | null;
}
interface Rate {
  passes: number;
  fails: number;
  nas: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

beforeAll(async () => {
  await seed();
  fx = await makeFixture();
  const { a, b, c } = fx.branch;
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
    const card = await get<{
      score: Score;
      previous: { n: number; mean: number };
      change: number;
      organization: Score;
      trend: Array<{
        month: string;
        branch: { n: number; mean: number | null };
        organization: { n: number; mean: number };
      }>;
      sections: Array<{ key: string; n: number; mean: number; organization: number }>;
      items: Array<{
        key: string;
        branch: Rate;
        organization: Rate;
        failed: boolean;
        belowOrganization: boolean;
        prompt: { en: string };
      }>;
      latestAudit: { score: number; visitStartedAt: string } | null;
    }>(`/api/v1/scorecards/branches/${fx.branch.a}?${PERIOD}`, fx.cookies.manager);
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
    const behind = await get<{ audits: Array<{ id: string; score: number; itemOutcome: string }> }>(
      `/api/v1/scorecards/audits?${PERIOD}&branchId=${fx.branch.a}&itemKey=${X}&outcome=fail`,
      fx.cookies.manager,
    );
    expect(behind.audits.map((a) => [a.score, a.itemOutcome])).toEqual([[70, "fail"]]);
    expect(JSON.stringify(behind)).not.toContain("shopper");
    // The list names the item it is about, and each audit's branch.
    expect((behind as unknown as { item: { prompt: { en: string } } }).item.prompt.en).toBe(
      STORE_VISIT_TEMPLATE.sections[0]?.items[0]?.prompt.en,
    );
    expect((behind as unknown as { audits: Array<{ branch: { code: string } }> }).audits[0]?.branch.code).toBe("A");
    const report = await get<{ shopperId: string | null; location: unknown; overallComment: string }>(
      `/api/v1/audits/${behind.audits[0]?.id}`,
      fx.cookies.manager,
    );
    expect(report.shopperId).toBeNull();
    expect(report.location).toBeNull();
    expect(report.overallComment).toContain("顾客很满意");
  });

  it("counts a partly met item as a failure in the drill-down too", async () => {
    const behind = await get<{ audits: Array<{ score: number; itemOutcome: string }> }>(
      `/api/v1/scorecards/audits?${PERIOD}&branchId=${fx.branch.b}&itemKey=${X}&outcome=fail`,
      fx.cookies.admin,
    );
    expect(behind.audits.map((a) => [a.score, a.itemOutcome])).toEqual([[50, "partial"]]);
  });
});

describe("league, regions, heatmap, trends", () => {
  it("ranks branches with enough audits and sinks the rest to their own group", async () => {
    const league = await get<{
      ranked: Array<{
        rank: number;
        branch: { code: string; region: { code: string } };
        score: Score;
        change: number | null;
      }>;
      insufficient: Array<{ rank: null; branch: { code: string }; score: Score }>;
    }>(`/api/v1/scorecards/league?${PERIOD}`, fx.cookies.admin);
    // A 80 (n 3) first, C 67.5 (n 4) second; B (n 2, mean 75) is insufficient, though its mean beats C's.
    expect(league.ranked.map((r) => [r.rank, r.branch.code, r.score.mean])).toEqual([
      [1, "A", 80],
      [2, "C", 67.5],
    ]);
    expect(league.ranked[0]?.branch.region.code).toBe("R1");
    expect(league.ranked[0]?.change).toBe(20);
    // C: 60 60 60 90 → s = 15, t(0.975, 3) = 3.182 → 67.5 ± 23.87.
    expect(league.ranked[1]?.score.sd).toBe(15);
    expect(league.ranked[1]?.score.low).toBeCloseTo(43.64, 1);
    expect(league.ranked[1]?.score.high).toBeCloseTo(91.37, 1);
    expect(league.insufficient.map((r) => [r.rank, r.branch.code, r.score.n, r.score.mean])).toEqual([
      [null, "B", 2, 75],
    ]);
  });

  it("pools region figures over their audits", async () => {
    const body = await get<{ regions: Array<{ region: { code: string }; score: Score }>; organization: Score }>(
      `/api/v1/scorecards/regions?${PERIOD}`,
      fx.cookies.admin,
    );
    // North: 70 80 90 50 100 → mean 78, s = √370 = 19.24. South: 67.5 as C.
    expect(body.regions.map((r) => [r.region.code, r.score.n, r.score.mean, r.score.sd])).toEqual([
      ["R1", 5, 78, 19.24],
      ["R2", 4, 67.5, 15],
    ]);
    expect(body.organization.n).toBe(9);
  });

  it("colours items × regions and items × branches by pass rate", async () => {
    type Heatmap = {
      columns: Array<{ id: string; code: string }>;
      items: Array<{ id: string; key: string; organization: Rate }>;
      cells: Array<{ item: string; column: string; rate: number | null; passes: number; fails: number; nas: number }>;
    };
    const byRegion = await get<Heatmap>(`/api/v1/scorecards/heatmap?${PERIOD}`, fx.cookies.admin);
    expect(byRegion.columns.map((c) => c.code)).toEqual(["R1", "R2"]);
    const cell = (map: Heatmap, column: string) =>
      map.cells.find((c) => c.column === column && c.item.endsWith(`:${X}`));
    // North: A (1 pass, 1 fail, 1 N/A) + B (1 pass, 1 partial) → 2 / 4. South: C 3 / 4.
    expect(cell(byRegion, fx.region.r1)).toMatchObject({ passes: 2, fails: 2, nas: 1, rate: 0.5 });
    expect(cell(byRegion, fx.region.r2)).toMatchObject({ passes: 3, fails: 1, nas: 0, rate: 0.75 });
    expect(byRegion.items.find((i) => i.key === X)?.organization.rate).toBe(0.625);

    const byBranch = await get<Heatmap>(
      `/api/v1/scorecards/heatmap?${PERIOD}&by=branch&regionId=${fx.region.r1}`,
      fx.cookies.admin,
    );
    expect(byBranch.columns.map((c) => c.code)).toEqual(["A", "B"]);
    expect(cell(byBranch, fx.branch.b)).toMatchObject({ passes: 1, fails: 1, rate: 0.5 });
  });

  it("trends the organisation and each region by month, and names the weakest items", async () => {
    const trends = await get<{
      organization: Array<{ month: string; n: number; mean: number | null }>;
      regions: Array<{ region: { code: string }; points: Array<{ month: string; n: number; mean: number | null }> }>;
      weakestItems: Array<{ key: string; overall: Rate; points: Array<{ month: string; rate: number | null }> }>;
    }>(`/api/v1/scorecards/trends?${PERIOD}`, fx.cookies.admin);
    expect(trends.organization.map((p) => [p.month, p.n, p.mean])).toEqual([
      ["2026-05", 6, 70],
      ["2026-06", 3, 80],
    ]);
    // North in May: 70, 80 → 75; in June: 90, 50, 100 → 80.
    expect(trends.regions.find((r) => r.region.code === "R1")?.points.map((p) => p.mean)).toEqual([75, 80]);
    // X is the only item judged at least 5 times: 5 / 8. May: A fail, pass; C fail, pass, pass, pass → 4 / 6.
    // June: A N/A; B partial, pass → 1 / 2.
    expect(trends.weakestItems.map((i) => [i.key, i.overall.rate])).toEqual([[X, 0.625]]);
    expect(trends.weakestItems[0]?.points.map((p) => p.rate)).toEqual([0.6667, 0.5]);
  });
});

describe("scope", () => {
  const views = ["league", "regions", "heatmap", "trends", "audits"];

  it("refuses shoppers every view (403)", async () => {
    for (const view of [...views, `branches/${fx.branch.a}`]) {
      await expectProblem(
        await api(`/api/v1/scorecards/${view}?${PERIOD}`, { cookie: fx.cookies.shopper }),
        403,
        "forbidden",
      );
    }
  });

  it("answers 401 without a session", async () => {
    await expectProblem(await api(`/api/v1/scorecards/league?${PERIOD}`), 401, "unauthenticated");
  });

  it("keeps a branch manager to their branch", async () => {
    const cookie = fx.cookies.manager;
    await expectProblem(
      await api(`/api/v1/scorecards/branches/${fx.branch.c}?${PERIOD}`, { cookie }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/scorecards/branches/${fx.branch.b}?${PERIOD}`, { cookie }),
      404,
      "not_found",
    );
    // Another organisation's branch does not exist either.
    await expectProblem(
      await api(`/api/v1/scorecards/branches/demo-branch-bj-001?${PERIOD}`, { cookie }),
      404,
      "not_found",
    );
    const league = await get<{
      ranked: Array<{ branch: { code: string } }>;
      insufficient: Array<{ branch: { code: string } }>;
    }>(`/api/v1/scorecards/league?${PERIOD}`, cookie);
    expect([...league.ranked, ...league.insufficient].map((r) => r.branch.code)).toEqual(["A"]);
    await expectProblem(await api(`/api/v1/scorecards/regions?${PERIOD}`, { cookie }), 403, "forbidden");
    await expectProblem(await api(`/api/v1/scorecards/heatmap?${PERIOD}`, { cookie }), 403, "forbidden");
    const heatmap = await get<{ columns: Array<{ code: string }> }>(
      `/api/v1/scorecards/heatmap?${PERIOD}&by=branch`,
      cookie,
    );
    expect(heatmap.columns.map((c) => c.code)).toEqual(["A"]);
    await expectProblem(
      await api(`/api/v1/scorecards/audits?${PERIOD}&branchId=${fx.branch.c}`, { cookie }),
      404,
      "not_found",
    );
    const audits = await get<{ audits: Array<{ branch: { code: string } }> }>(
      `/api/v1/scorecards/audits?${PERIOD}`,
      cookie,
    );
    expect(new Set(audits.audits.map((a) => a.branch.code))).toEqual(new Set(["A"]));
  });

  it("keeps a regional manager to their regions, with the organisation as a benchmark", async () => {
    const cookie = fx.cookies.regional;
    await expectProblem(
      await api(`/api/v1/scorecards/branches/${fx.branch.a}?${PERIOD}`, { cookie }),
      404,
      "not_found",
    );
    const card = await get<{ organization: Score }>(`/api/v1/scorecards/branches/${fx.branch.c}?${PERIOD}`, cookie);
    expect(card.organization.n).toBe(9);
    const regionsBody = await get<{ regions: Array<{ region: { code: string } }> }>(
      `/api/v1/scorecards/regions?${PERIOD}`,
      cookie,
    );
    expect(regionsBody.regions.map((r) => r.region.code)).toEqual(["R2"]);
    const heatmap = await get<{ columns: Array<{ code: string }> }>(`/api/v1/scorecards/heatmap?${PERIOD}`, cookie);
    expect(heatmap.columns.map((c) => c.code)).toEqual(["R2"]);
    const trends = await get<{ regions: Array<{ region: { code: string } }> }>(
      `/api/v1/scorecards/trends?${PERIOD}`,
      cookie,
    );
    expect(trends.regions.map((r) => r.region.code)).toEqual(["R2"]);
    // Another region as a filter is refused like an unknown one.
    const problem = await expectProblem(
      await api(`/api/v1/scorecards/league?${PERIOD}&regionId=${fx.region.r1}`, { cookie }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["regionId:unknown_reference"]);
  });
});

describe("filters", () => {
  /** `field` is `path:code`, as `fieldErrors` lists them. */
  const bad = async (query: string, field: string) => {
    const problem = await expectProblem(
      await api(`/api/v1/scorecards/league?${query}`, { cookie: fx.cookies.admin }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toContain(field);
  };

  it("rejects unknown checklists and regions, bad dates, reversed and over-long ranges", async () => {
    await bad(`${PERIOD}&checklistId=nope`, "checklistId:unknown_reference");
    await bad(`${PERIOD}&regionId=nope`, "regionId:unknown_reference");
    await bad("from=2026-02-30&to=2026-06-30", "from:invalid_value");
    await bad("from=2026-5-1&to=2026-06-30", "from:invalid_format");
    await bad("from=2026-06-01&to=2026-05-01", "to:invalid_value");
    await bad("from=2020-01-01&to=2025-01-02", "to:too_big");
    await bad(`${PERIOD}&channel=radio`, "channel:invalid_value");
    await bad(`${PERIOD}&sort=score`, "sort:unknown_field");
  });

  it("accepts exactly five years, and narrows by checklist and channel", async () => {
    await get(`/api/v1/scorecards/league?from=2021-06-30&to=2026-06-30`, fx.cookies.admin);
    const store = await get<{ ranked: unknown[] }>(
      `/api/v1/scorecards/league?${PERIOD}&checklistId=${fx.checklistId}`,
      fx.cookies.admin,
    );
    expect(store.ranked).toHaveLength(2);
    const calls = await get<{ ranked: unknown[]; organization: Score }>(
      `/api/v1/scorecards/league?${PERIOD}&channel=call_centre`,
      fx.cookies.admin,
    );
    expect(calls.ranked).toHaveLength(0);
    expect(calls.organization.n).toBe(0);
  });
});
