/**
 * Audit rounds through the API (docs/ROUNDS.md): preview = commit, an idempotent commit (twice,
 * and two at once), staffing by the organisation's rules and the shoppers' profiles, coverage
 * (JSON and CSV), cancelling, roles, stale versions and hostile bodies.
 */
import { and, eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, events, organizations, roundVisits } from "../../schema";
import type { CoverageBody } from "../../worker/presenters/rounds";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, fieldErrors, isoDay } from "./helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";

type RoundJson = InferRequestType<Client["api"]["v1"]["rounds"]["$post"]>["json"];

/** A round of the store checklist: every store, 2 visits a branch, in `from`–`to`. */
function roundOf(org: TestOrganization, overrides: Partial<RoundJson> = {}): RoundJson {
  return {
    id: crypto.randomUUID(),
    name: "March round",
    checklistId: org.checklistIds.store,
    period: { from: isoDay(1), to: isoDay(28) },
    target: { kind: "all" },
    visitsPerBranch: 2,
    minGapDays: 5,
    windowDays: 3,
    strata: [
      { key: "weekday", share: 60, days: "weekday", hours: ["09:00", "12:00"] },
      { key: "any", share: 40, days: "any" },
    ],
    scenarios: [{ en: "Ask about a loan", zh: "咨询贷款" }],
    blackoutDates: [],
    feeCents: 5000,
    reimbursementCapCents: 2000,
    staffing: "rule",
    ...overrides,
  };
}

async function setProfile(
  org: TestOrganization,
  person: "shopper" | "shopper2" | "shopper3",
  profile: { regionIds: string[]; channels?: Array<"store" | "call_centre">; excludedBranchIds?: string[] },
) {
  const membershipId = org.people[person].membershipId;
  const current = await expectOk(
    await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId } }),
    200,
  );
  return expectOk(
    await org.as.admin.api.v1.shoppers[":membershipId"].profile.$put({
      param: { membershipId },
      json: {
        channels: profile.channels ?? ["store"],
        regionIds: profile.regionIds,
        cities: [],
        excludedBranchIds: profile.excludedBranchIds ?? [],
        version: current.version,
      },
    }),
    200,
  );
}

const preview = (as: Client, json: RoundJson, visits = true) =>
  as.api.v1.rounds.preview.$post({ query: { visits: visits ? "true" : "false" }, json });
const commit = (as: Client, json: RoundJson) => as.api.v1.rounds.$post({ json });

async function storedVisits(roundId: string) {
  return db()
    .select({
      key: roundVisits.visitKey,
      windowStart: roundVisits.windowStart,
      windowEnd: roundVisits.windowEnd,
      stratum: roundVisits.stratum,
      status: roundVisits.status,
      shopperId: assignments.shopperId,
    })
    .from(roundVisits)
    .leftJoin(assignments, eq(assignments.id, roundVisits.assignmentId))
    .where(eq(roundVisits.roundId, roundId))
    .orderBy(roundVisits.visitKey);
}

async function eventsOf(organizationId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.type, type)));
}

let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization();
  await setProfile(org, "shopper", { regionIds: [org.regionIds.north, org.regionIds.east, org.regionIds.south] });
  await setProfile(org, "shopper2", { regionIds: [org.regionIds.north] });
  await setProfile(org, "shopper3", { regionIds: [org.regionIds.south] });
});

describe("preview and commit", () => {
  it("preview writes nothing and commit makes the same visits for the same id", async () => {
    const json = roundOf(org);
    const first = await expectOk(await preview(org.as.admin, json), 200);
    const again = await expectOk(await preview(org.as.admin, json), 200);
    expect(again.visits).toEqual(first.visits);
    // 4 stores (the call centre is not the store checklist's channel) × 2 visits.
    expect(first.summary.visits).toBe(8);
    expect(first.summary.byRegion.map((r) => [r.code, r.visits])).toEqual([
      ["EAST", 2],
      ["NORTH", 4],
      ["SOUTH", 2],
    ]);
    expect(first.summary.byStratum.reduce((sum, s) => sum + s.visits, 0)).toBe(8);
    expect(first.committed).toBe(false);
    expect(await storedVisits(json.id)).toEqual([]);

    const created = await expectOk(await commit(org.as.admin, json), 201);
    expect(created.round).toMatchObject({ id: json.id, status: "committed", version: 1, feeCents: 5000 });
    expect(created.summary.visits).toBe(8);
    expect(created.summary.staffed).toBe(first.summary.staffed);
    const stored = await storedVisits(json.id);
    const planned = [...(first.visits ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(
      stored.map((v) => ({
        key: v.key,
        windowStart: v.windowStart,
        windowEnd: v.windowEnd,
        stratum: v.stratum,
        shopperId: v.shopperId,
      })),
    ).toEqual(
      planned.map((v) => ({
        key: v.key,
        windowStart: v.windowStart,
        windowEnd: v.windowEnd,
        stratum: v.stratum,
        shopperId: v.shopperId,
      })),
    );
    // Each staffed visit became an open assignment with the fee and both scenarios.
    const rows = await db().select().from(assignments).where(eq(assignments.roundId, json.id));
    expect(rows.length).toBe(created.summary.staffed);
    expect(rows.every((a) => a.status === "open" && a.feeCents === 5000 && a.scenarioZh === "咨询贷款")).toBe(true);
    expect(rows.every((a) => a.checklistVersionId === org.versionIds.store)).toBe(true);
    // Profiles: shopper3 covers the south only, shopper2 the north only.
    const south = new Set([org.branchIds.south1]);
    const north = new Set([org.branchIds.north1, org.branchIds.north2]);
    for (const a of rows) {
      if (a.shopperId === org.people.shopper3.id) expect(south.has(a.branchId)).toBe(true);
      if (a.shopperId === org.people.shopper2.id) expect(north.has(a.branchId)).toBe(true);
    }
    expect((await eventsOf(org.id, "round.created")).filter((e) => e.subjectId === json.id)).toHaveLength(1);
    const created_ = await eventsOf(org.id, "assignment.created");
    expect(created_.filter((e) => (e.payload as { roundId?: string }).roundId === json.id)).toHaveLength(rows.length);

    // The preview of a committed id says so.
    expect((await expectOk(await preview(org.as.admin, json, false), 200)).committed).toBe(true);
  });

  it("commits once: the same id again answers the round (200) and writes nothing", async () => {
    const json = roundOf(org, { name: "Twice" });
    const created = await expectOk(await commit(org.as.admin, json), 201);
    const before = await storedVisits(json.id);
    const again = await expectOk(await commit(org.as.admin, json), 200);
    expect(again.round.id).toBe(json.id);
    expect(again.summary.visits).toBe(created.summary.visits);
    expect(again.summary.staffed).toBe(created.summary.staffed);
    expect(await storedVisits(json.id)).toEqual(before);
    expect((await eventsOf(org.id, "round.created")).filter((e) => e.subjectId === json.id)).toHaveLength(1);
    // Another round under the same id is a conflict, not a silent answer.
    await expectProblem(await commit(org.as.admin, { ...json, name: "Other" }), 409, "conflict");
  });

  it("two commits of one id at once make one round", async () => {
    const json = roundOf(org, { name: "Race" });
    const [a, b] = await Promise.all([commit(org.as.admin, json), commit(org.as.admin, json)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await storedVisits(json.id)).toHaveLength(8);
    expect((await eventsOf(org.id, "round.created")).filter((e) => e.subjectId === json.id)).toHaveLength(1);
  });

  it("a commit costs 3 D1 round trips (session, reads, writes), every statement under 100 parameters", async () => {
    const { as, stats } = counted(org.people.admin.cookie);
    await expectOk(await commit(as, roundOf(org, { name: "Counted" })), 201);
    expect(stats.roundTrips).toBe(3);
    expect(stats.maxParams).toBeLessThanOrEqual(100);
  });

  it("a board round posts its visits and plans no assignment", async () => {
    const json = roundOf(org, { staffing: "board" });
    const created = await expectOk(await commit(org.as.admin, json), 201);
    expect(created.summary).toMatchObject({ visits: 8, staffed: 0, posted: 8 });
    expect((await storedVisits(json.id)).every((v) => v.status === "posted" && v.shopperId === null)).toBe(true);
    expect(await db().select().from(assignments).where(eq(assignments.roundId, json.id))).toEqual([]);
  });
});

describe("staffing rules", () => {
  it("a report at the branch 10 days ago locks its shopper out, and the reasons say so", async () => {
    const local = await createOrganization({ reviewPolicy: "none" });
    await setProfile(local, "shopper", { regionIds: [local.regionIds.north] });
    const store = await readVersion(local.as.admin, local.versionIds.store);
    const visit = await planVisit(local, store.id, { windowStart: isoDay(-12), windowEnd: isoDay(-8) });
    const at = Date.now() - 10 * 86_400_000;
    await expectOk(
      await submitReport(
        local.as.shopper,
        crypto.randomUUID(),
        report(visit, completeAnswers(store.document), {
          visitStartedAt: new Date(at).toISOString(),
          visitEndedAt: new Date(at + 20 * 60_000).toISOString(),
          location: { lat: 39.9, lng: 116.4, accuracy: 20, takenAt: new Date(at).toISOString() },
        }),
      ),
      201,
    );
    const json = roundOf(local, { target: { kind: "branches", branchIds: [local.branchIds.north1] } });
    const res = await expectOk(await preview(local.as.admin, json), 200);
    expect(res.summary).toMatchObject({ visits: 2, staffed: 0, unstaffed: 2 });
    const lockedOut = res.summary.reasons.reduce((sum, r) => sum + r.counts.lockedOut * r.visits, 0);
    expect(lockedOut).toBe(2);
    expect(res.summary.reasons[0]?.sentence).toMatch(/1 locked out by rotation/);
    expect(res.summary.reasons[0]?.sentence).toMatch(/North/);

    // A lockout of 5 days lets the same shopper go again.
    await db().update(organizations).set({ rotationLockoutDays: 5 }).where(eq(organizations.id, local.id));
    const later = await expectOk(await preview(local.as.admin, json), 200);
    expect(later.summary.staffed).toBe(1); // the second visit: not the same shopper twice in one round
    expect(later.summary.reasons[0]?.counts.sameRound).toBe(1);
  });

  it("no shopper gets more than the organisation's daily and weekly maxima", async () => {
    const local = await createOrganization();
    await setProfile(local, "shopper", {
      regionIds: [local.regionIds.north, local.regionIds.east, local.regionIds.south],
    });
    await db()
      .update(organizations)
      .set({ maxVisitsPerDay: 1, maxVisitsPerWeek: 1 })
      .where(eq(organizations.id, local.id));
    const json = roundOf(local, {
      visitsPerBranch: 1,
      windowDays: 1,
      period: { from: "2027-03-01", to: "2027-03-07" },
    });
    const created = await expectOk(await commit(local.as.admin, json), 201);
    expect(created.summary).toMatchObject({ visits: 4, staffed: 1, unstaffed: 3 });
    const maxed = created.summary.reasons.reduce(
      (sum, r) => sum + (r.counts.dailyMax + r.counts.weeklyMax) * r.visits,
      0,
    );
    expect(maxed).toBe(3);
  });

  it("a shopper who does not cover a region never gets its visits", async () => {
    const local = await createOrganization();
    await setProfile(local, "shopper", { regionIds: [local.regionIds.south] });
    const res = await expectOk(await preview(local.as.admin, roundOf(local)), 200);
    for (const visit of res.visits ?? []) {
      if (visit.shopperId) expect(visit.regionId).toBe(local.regionIds.south);
    }
    const north = res.summary.reasons.filter((r) => r.regionId === local.regionIds.north);
    expect(north.length).toBeGreaterThan(0);
    // The shopper does not cover it, the other two have no profile (no region yet).
    expect(north.every((r) => r.counts.noRegion === 3)).toBe(true);
  });
});

describe("coverage and cancel", () => {
  let local: TestOrganization;
  let roundId: string;

  beforeAll(async () => {
    local = await createOrganization({ reviewPolicy: "none" });
    await setProfile(local, "shopper", {
      regionIds: [local.regionIds.north, local.regionIds.east, local.regionIds.south],
    });
    await setProfile(local, "shopper2", {
      regionIds: [local.regionIds.north, local.regionIds.east, local.regionIds.south],
    });
    // A period in the past: every visit's window has ended.
    const json = roundOf(local, { period: { from: isoDay(-40), to: isoDay(-3) }, minGapDays: 3 });
    roundId = json.id;
    const created = await expectOk(await commit(local.as.admin, json), 201);
    expect(created.summary.staffed).toBe(8);
  });

  async function reportFirstOpen(person: "shopper" | "shopper2") {
    const list = await expectOk(await local.as[person].api.v1.assignments.$get({ query: { status: "open" } }), 200);
    const visit = list.items[0];
    if (!visit) throw new Error("no open visit");
    const store = await readVersion(local.as.admin, visit.checklist.versionId);
    const at = Date.parse(`${visit.windowStart}T02:00:00Z`);
    await expectOk(
      await submitReport(
        local.as[person],
        crypto.randomUUID(),
        report(visit, completeAnswers(store.document), {
          visitStartedAt: new Date(at).toISOString(),
          visitEndedAt: new Date(at + 20 * 60_000).toISOString(),
          location: { lat: 39.9, lng: 116.4, accuracy: 20, takenAt: new Date(at).toISOString() },
        }),
      ),
      201,
    );
  }

  it("counts planned, staffed, submitted, published and overdue per branch and region", async () => {
    await reportFirstOpen("shopper");
    // Reports now wait for review: submitted, not published.
    const settings = await expectOk(await local.as.admin.api.v1.organization.$get(), 200);
    await expectOk(
      await local.as.admin.api.v1.organization.$patch({ json: { version: settings.version, reviewPolicy: "all" } }),
      200,
    );
    await reportFirstOpen("shopper2");
    const coverage = (await expectOk(
      await local.as.analyst.api.v1.rounds[":id"].coverage.$get({ param: { id: roundId }, query: {} }),
      200,
    )) as CoverageBody;
    expect(coverage.total).toMatchObject({ planned: 8, staffed: 8, submitted: 2, published: 1, overdue: 6 });
    expect(coverage.byBranch).toHaveLength(4);
    expect(coverage.byRegion.map((r) => [r.code, r.planned])).toEqual([
      ["EAST", 2],
      ["NORTH", 4],
      ["SOUTH", 2],
    ]);
    const sum = (key: "submitted" | "published" | "overdue") => coverage.byBranch.reduce((s, b) => s + b[key], 0);
    expect([sum("submitted"), sum("published"), sum("overdue")]).toEqual([2, 1, 6]);
  });

  it("exports the coverage as CSV, one row per branch", async () => {
    const res = await api(`/api/v1/rounds/${roundId}/coverage?format=csv`, { cookie: local.people.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="courtesy-round-coverage-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "region_code,region_name_en,region_name_zh,branch_code,branch_name_en,branch_name_zh,planned,staffed,submitted,published,overdue,posted,unstaffed,cancelled",
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^EAST,East,华东区,/);
  });

  it("cancels with the version: open visits cancelled, reports kept, all in the trail", async () => {
    const round = await expectOk(await local.as.admin.api.v1.rounds[":id"].$get({ param: { id: roundId } }), 200);
    await expectProblem(
      await local.as.admin.api.v1.rounds[":id"].cancel.$post({ param: { id: roundId }, json: { version: 99 } }),
      409,
      "stale_version",
    );
    const cancelled = await expectOk(
      await local.as.admin.api.v1.rounds[":id"].cancel.$post({
        param: { id: roundId },
        json: { version: round.round.version },
      }),
      200,
    );
    expect(cancelled.round).toMatchObject({ status: "cancelled", version: 2 });
    expect(cancelled.round.counts).toMatchObject({ cancelled: 6, staffed: 2 });
    const rows = await db().select().from(assignments).where(eq(assignments.roundId, roundId));
    expect(rows.filter((a) => a.status === "cancelled")).toHaveLength(6);
    expect(rows.filter((a) => a.status === "submitted")).toHaveLength(2);
    expect(await eventsOf(local.id, "round.cancelled")).toHaveLength(1);
    expect(await eventsOf(local.id, "assignment.cancelled")).toHaveLength(6);
    const coverage = (await expectOk(
      await local.as.admin.api.v1.rounds[":id"].coverage.$get({ param: { id: roundId }, query: {} }),
      200,
    )) as CoverageBody;
    expect(coverage.total).toMatchObject({ planned: 2, cancelled: 6, overdue: 0, submitted: 2 });
    // Once cancelled, the old version is stale.
    await expectProblem(
      await local.as.admin.api.v1.rounds[":id"].cancel.$post({ param: { id: roundId }, json: { version: 1 } }),
      409,
      "stale_version",
    );
  });
});

describe("cancel racing a report", () => {
  let local: TestOrganization;
  let roundId: string;

  beforeAll(async () => {
    local = await createOrganization({ reviewPolicy: "none" });
    for (const person of ["shopper", "shopper2"] as const)
      await setProfile(local, person, {
        regionIds: [local.regionIds.north, local.regionIds.east, local.regionIds.south],
      });
    const json = roundOf(local, { period: { from: isoDay(-40), to: isoDay(-3) }, minGapDays: 3 });
    roundId = json.id;
    expect((await expectOk(await commit(local.as.admin, json), 201)).summary.staffed).toBe(8);
  });

  /** One of `person`'s open visits of the round, and how to send its report. */
  async function openVisit(person: "shopper" | "shopper2") {
    const list = await expectOk(await local.as[person].api.v1.assignments.$get({ query: { status: "open" } }), 200);
    const visit = list.items[0];
    if (!visit) throw new Error("no open visit");
    const store = await readVersion(local.as.admin, visit.checklist.versionId);
    const at = Date.parse(`${visit.windowStart}T02:00:00Z`);
    const body = report(visit, completeAnswers(store.document), {
      visitStartedAt: new Date(at).toISOString(),
      visitEndedAt: new Date(at + 20 * 60_000).toISOString(),
      location: { lat: 39.9, lng: 116.4, accuracy: 20, takenAt: new Date(at).toISOString() },
    });
    return {
      visit,
      send: async () => expectOk(await submitReport(local.as[person], crypto.randomUUID(), body), 201),
    };
  }

  /** A client for the admin that sends `between` once, just before its first write to assignments. */
  function racing(between: () => Promise<unknown>, on: TestOrganization = local) {
    let fired = false;
    return counted(on.people.admin.cookie, async (queries) => {
      if (fired || !queries.some((q) => /^update "assignments"/i.test(q.trim()))) return;
      fired = true;
      await between();
    });
  }

  async function cancelledEventsOf(assignmentId: string) {
    return (await eventsOf(local.id, "assignment.cancelled")).filter((e) => e.subjectId === assignmentId);
  }

  it("a visit cancelled alone: a report between the read and the write wins, and the trail has no cancel", async () => {
    const { visit, send } = await openVisit("shopper2");
    const { as } = racing(send);
    await expectProblem(
      await as.api.v1.assignments[":id"].$patch({ param: { id: visit.id }, json: { status: "cancelled" } }),
      409,
      "conflict",
    );
    const [row] = await db().select().from(assignments).where(eq(assignments.id, visit.id));
    expect(row?.status).toBe("submitted");
    expect(await cancelledEventsOf(visit.id)).toHaveLength(0);
  });

  it("a round: a report between the read and the write is not recorded as cancelled", async () => {
    const round = await expectOk(await local.as.admin.api.v1.rounds[":id"].$get({ param: { id: roundId } }), 200);
    const { visit, send } = await openVisit("shopper");
    const open = await db()
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.roundId, roundId), eq(assignments.status, "open")));
    expect(open).toHaveLength(7);
    const { as } = racing(send);
    const cancelled = await expectOk(
      await as.api.v1.rounds[":id"].cancel.$post({ param: { id: roundId }, json: { version: round.round.version } }),
      200,
    );
    expect(cancelled.round).toMatchObject({ status: "cancelled", version: round.round.version + 1 });
    const rows = await db().select().from(assignments).where(eq(assignments.roundId, roundId));
    expect(rows.find((a) => a.id === visit.id)?.status).toBe("submitted");
    expect(rows.filter((a) => a.status === "cancelled").map((a) => a.id)).toHaveLength(6);
    // The trail names exactly the visits that were cancelled: not the one whose report arrived.
    const trail = (await eventsOf(local.id, "assignment.cancelled")).filter(
      (e) => (e.payload as { roundId?: string }).roundId === roundId,
    );
    expect(trail.map((e) => e.subjectId).sort()).toEqual(
      rows
        .filter((a) => a.status === "cancelled")
        .map((a) => a.id)
        .sort(),
    );
    expect(await cancelledEventsOf(visit.id)).toHaveLength(0);
    const [roundEvent] = await eventsOf(local.id, "round.cancelled");
    expect(roundEvent?.payload).toMatchObject({ assignments: 6 });
    const visits = await storedVisits(roundId);
    expect(visits.filter((v) => v.status === "cancelled")).toHaveLength(6);
  });

  it("a board round: a claim between the read and the write is cancelled too, and in the trail", async () => {
    const boardOrg = await createOrganization();
    await setProfile(boardOrg, "shopper", {
      regionIds: [boardOrg.regionIds.north, boardOrg.regionIds.east, boardOrg.regionIds.south],
    });
    const json = roundOf(boardOrg, { staffing: "board" });
    const created = await expectOk(await commit(boardOrg.as.admin, json), 201);
    const posted = await expectOk(await boardOrg.as.shopper.api.v1["job-board"].$get(), 200);
    const visit = posted.items[0];
    if (!visit) throw new Error("nothing on the board");
    const { as } = racing(
      async () =>
        expectOk(await boardOrg.as.shopper.api.v1["job-board"][":id"].claim.$post({ param: { id: visit.id } }), 201),
      boardOrg,
    );
    await expectOk(
      await as.api.v1.rounds[":id"].cancel.$post({ param: { id: json.id }, json: { version: created.round.version } }),
      200,
    );
    const rows = await db().select().from(assignments).where(eq(assignments.roundId, json.id));
    expect(rows.map((a) => a.status)).toEqual(["cancelled"]);
    const trail = (await eventsOf(boardOrg.id, "assignment.cancelled")).map((e) => e.subjectId);
    expect(trail).toEqual(rows.map((a) => a.id));
    expect((await storedVisits(json.id)).every((v) => v.status === "cancelled")).toBe(true);
  });
});

describe("the shopper's visits", () => {
  it("list and read a round's visit with its scenario in both languages (the phone shows the one on screen)", async () => {
    const local = await createOrganization();
    await setProfile(local, "shopper", {
      regionIds: [local.regionIds.north, local.regionIds.east, local.regionIds.south],
    });
    await expectOk(
      await commit(
        local.as.admin,
        roundOf(local, { visitsPerBranch: 1, scenarios: [{ en: "Ask about a loan", zh: "咨询贷款" }] }),
      ),
      201,
    );
    const list = await expectOk(await local.as.shopper.api.v1.assignments.$get({ query: { status: "open" } }), 200);
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect(item).toMatchObject({ scenario: "Ask about a loan", scenarioZh: "咨询贷款" });
    const first = list.items[0];
    if (!first) throw new Error("no visit");
    const one = await expectOk(await local.as.shopper.api.v1.assignments[":id"].$get({ param: { id: first.id } }), 200);
    expect(one).toMatchObject({
      scenario: "Ask about a loan",
      scenarioZh: "咨询贷款",
      branch: { address: expect.any(String) },
    });
    // A visit planned by hand has one scenario: no Chinese one to show instead.
    const store = await readVersion(local.as.admin, first.checklist.versionId);
    const single = await planVisit(local, store.id, { scenario: "Ask about opening hours." });
    expect(single).toMatchObject({ scenario: "Ask about opening hours.", scenarioZh: "" });
  });
});

describe("who may", () => {
  it("admins write, analysts read, everyone else is refused; another organisation's round is not there", async () => {
    const json = roundOf(org, { name: "Roles" });
    await expectOk(await commit(org.as.admin, json), 201);
    const list = await expectOk(await org.as.analyst.api.v1.rounds.$get({ query: {} }), 200);
    expect(list.items.some((r) => r.id === json.id)).toBe(true);
    await expectOk(await org.as.analyst.api.v1.rounds[":id"].$get({ param: { id: json.id } }), 200);
    await expectProblem(await preview(org.as.analyst, roundOf(org)), 403, "forbidden");
    await expectProblem(await commit(org.as.analyst, roundOf(org)), 403, "forbidden");
    for (const person of ["regional", "manager", "reviewer", "shopper"] as const) {
      await expectProblem(await org.as[person].api.v1.rounds.$get({ query: {} }), 403, "forbidden");
      await expectProblem(await org.as[person].api.v1.rounds[":id"].$get({ param: { id: json.id } }), 403, "forbidden");
      // Refused before the body is read: a malformed body teaches nothing.
      const res = await api("/api/v1/rounds", { cookie: org.people[person].cookie, body: { nonsense: true } });
      await expectProblem(res, 403, "forbidden");
    }
    const other = await createOrganization();
    await expectProblem(await other.as.admin.api.v1.rounds[":id"].$get({ param: { id: json.id } }), 404, "not_found");
    await expectProblem(
      await other.as.admin.api.v1.rounds[":id"].coverage.$get({ param: { id: json.id }, query: {} }),
      404,
      "not_found",
    );
    await expectProblem(
      await other.as.admin.api.v1.rounds[":id"].cancel.$post({ param: { id: json.id }, json: { version: 1 } }),
      404,
      "not_found",
    );
  });

  it("shopper profiles: admins read and write, a shopper reads only their own", async () => {
    const own = org.people.shopper.membershipId;
    const mine = await expectOk(
      await org.as.shopper.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId: own } }),
      200,
    );
    expect(mine.regionIds).toHaveLength(3);
    await expectProblem(
      await org.as.shopper.api.v1.shoppers[":membershipId"].profile.$get({
        param: { membershipId: org.people.shopper2.membershipId },
      }),
      404,
      "not_found",
    );
    await expectProblem(
      await org.as.shopper.api.v1.shoppers[":membershipId"].profile.$put({
        param: { membershipId: own },
        json: { channels: ["store"], regionIds: [], cities: [], excludedBranchIds: [], version: mine.version },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await org.as.analyst.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId: own } }),
      403,
      "forbidden",
    );
    // A non-shopper membership has no profile.
    await expectProblem(
      await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({
        param: { membershipId: org.people.reviewer.membershipId },
      }),
      404,
      "not_found",
    );
  });

  it("profiles refuse a stale version, unknown regions and branches, and a rating", async () => {
    const membershipId = org.people.shopper3.membershipId;
    const current = await expectOk(
      await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId } }),
      200,
    );
    const body = {
      channels: ["store" as const],
      regionIds: [org.regionIds.south],
      cities: ["Guangzhou"],
      excludedBranchIds: [org.branchIds.south1],
      version: current.version,
    };
    const put = (json: typeof body) =>
      org.as.admin.api.v1.shoppers[":membershipId"].profile.$put({ param: { membershipId }, json });
    const saved = await expectOk(await put(body), 200);
    expect(saved).toMatchObject({ cities: ["Guangzhou"], version: current.version + 1 });
    await expectProblem(await put(body), 409, "stale_version");
    const other = await createOrganization();
    const bad = await expectProblem(
      await put({ ...body, version: saved.version, regionIds: [other.regionIds.north], excludedBranchIds: ["nope"] }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["excludedBranchIds[0]:unknown_reference", "regionIds[0]:unknown_reference"]);
    const rated = await api(`/api/v1/shoppers/${membershipId}/profile`, {
      method: "PUT",
      cookie: org.people.admin.cookie,
      body: { ...body, version: saved.version, rating: 5 },
    });
    expect(fieldErrors(await expectProblem(rated, 400, "validation_failed"))).toEqual(["rating:unknown_field"]);
    expect(await eventsOf(org.id, "shopper_profile.changed")).not.toHaveLength(0);
  });
});

describe("hostile bodies", () => {
  const send = (body: unknown) => api("/api/v1/rounds/preview", { cookie: org.people.admin.cookie, body });

  it("strata shares that do not add up to 100", async () => {
    const json = roundOf(org, {
      strata: [
        { key: "a", share: 50, days: "weekday" },
        { key: "b", share: 40, days: "weekend" },
      ],
    });
    const problem = await expectProblem(await send(json), 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual(["strata:invalid_value"]);
    expect(problem.errors?.[0]?.message).toMatch(/add up to 90/);
  });

  it("10,000 blackout dates", async () => {
    const dates = Array.from({ length: 10_000 }, (_, i) =>
      new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const problem = await expectProblem(await send(roundOf(org, { blackoutDates: dates })), 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual(["blackoutDates:too_big"]);
  });

  it("dates that are not calendar dates, or out of order", async () => {
    const problem = await expectProblem(
      await send(roundOf(org, { period: { from: "2026-02-30", to: "2026-13-01" }, blackoutDates: ["yesterday"] })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "blackoutDates[0]:invalid_format",
      "period.from:invalid_format",
      "period.to:invalid_format",
    ]);
    const backwards = await expectProblem(
      await send(roundOf(org, { period: { from: "2027-03-10", to: "2027-03-01" } })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(backwards)).toEqual(["period.to:invalid_value"]);
  });

  it("a period too short for the gap names the field and the numbers", async () => {
    const problem = await expectProblem(
      await send(roundOf(org, { period: { from: "2027-03-01", to: "2027-03-10" }, minGapDays: 14 })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["period.to:too_small"]);
    expect(problem.errors?.[0]).toMatchObject({ limit: 15 });
    expect(problem.errors?.[0]?.message).toMatch(/10 days; 2 visits a branch at least 14 days apart need 15 days/);
  });

  it("unknown fields, references of another organisation, and a checklist of another channel", async () => {
    const other = await createOrganization();
    const unknown = await expectProblem(await send({ ...roundOf(org), seed: 42 }), 400, "validation_failed");
    expect(fieldErrors(unknown)).toEqual(["seed:unknown_field"]);
    const refs = await expectProblem(
      await send(
        roundOf(org, {
          checklistId: other.checklistIds.store,
          target: { kind: "regions", regionIds: [other.regionIds.north] },
        }),
      ),
      400,
      "validation_failed",
    );
    expect(fieldErrors(refs)).toEqual(["checklistId:unknown_reference", "target.regionIds[0]:unknown_reference"]);
    const channel = await expectProblem(
      await send(roundOf(org, { target: { kind: "branches", branchIds: [org.branchIds.northCall] } })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(channel)).toEqual(["target.branchIds[0]:not_allowed"]);
    const id = await expectProblem(await send({ ...roundOf(org), id: "not-a-uuid" }), 400, "validation_failed");
    expect(fieldErrors(id)).toEqual(["id:invalid_format"]);
  });
});
