/**
 * How hard a submission works D1: the issue's budget is at most 3 round trips for a
 * 60-answer report (session included), with every statement under D1's 100-parameter limit.
 * The app is called directly with a D1 binding that counts what reaches the database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { branches, membershipBranches, memberships, regions, users } from "../../schema";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { createSession } from "../../worker/data/sessions";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { MAX_SCOPE_ITEMS } from "../../worker/validation/common";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { completeAnswers, db, expectOk, expectProblem, fieldErrors, uniqueEmail } from "./helpers";
import { createBranchIn } from "./org-helpers";
import { cancelAssignment, planVisit, publishChecklistAs, report } from "./report-helpers";

function sixtyItems(): ChecklistDocument {
  return {
    name: { en: `Sixty ${crypto.randomUUID().slice(0, 6)}`, zh: "六十项" },
    channel: "store",
    sections: [0, 1, 2].map((s) => ({
      key: `s${s}`,
      title: { en: `Section ${s}`, zh: `第${s}节` },
      weight: 1,
      items: Array.from({ length: 20 }, (_, i) => ({
        key: `s${s}_i${i}`,
        kind: "yes_no" as const,
        prompt: { en: `Question ${i}`, zh: `问题${i}` },
        guidance: { en: "", zh: "" },
        weight: 1,
        critical: "none" as const,
        naAllowed: false,
        evidenceOnFail: "none" as const,
      })),
    })),
  };
}

let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization();
});

it("a 60-answer report costs at most 3 D1 round trips, every statement under 100 parameters", async () => {
  const doc = sixtyItems();
  const version = await publishChecklistAs(org.as.admin, doc);
  const assignment = await planVisit(org, version.id);
  const json = report(assignment, completeAnswers(doc));
  const { as, stats } = counted(org.people.shopper.cookie);
  const res = await as.api.v1.audits[":id"].$put({ param: { id: crypto.randomUUID() }, json });
  expect(await expectOk(res, 201)).toMatchObject({ answers: expect.any(Array) });
  expect(stats.roundTrips).toBeLessThanOrEqual(3);
  expect(stats.maxParams).toBeLessThanOrEqual(100);
  // 1 audit + 3 chunks of answers + the assignment update, at least.
  expect(stats.statements).toBeGreaterThanOrEqual(5);
});

it("a manager of the most branches a scope may hold binds each id list as one parameter", async () => {
  const database = db();
  const org = `round-trips-${crypto.randomUUID()}`;
  const branchIds = Array.from({ length: MAX_SCOPE_ITEMS }, (_, i) => `${org}-b${i}`);
  const now = Date.now();
  const [first, ...rest] = [
    ...createOrganizationStatements(database, { id: org, slug: org, nameEn: "Round trips", nameZh: "往返" }, now),
    database.insert(regions).values({ id: `${org}-r`, organizationId: org, code: "R", nameEn: "R", nameZh: "区" }),
    ...branchIds.map((id, i) =>
      database.insert(branches).values({
        id,
        organizationId: org,
        regionId: `${org}-r`,
        code: `B${i}`,
        nameEn: `B${i}`,
        nameZh: `店${i}`,
        channel: "store",
      }),
    ),
    database.insert(users).values({ id: `${org}-m`, email: uniqueEmail("manager"), displayName: "Manager" }),
    database
      .insert(memberships)
      .values({ id: `${org}-mm`, userId: `${org}-m`, organizationId: org, role: "branch_manager", acceptedAt: 1 }),
    database.insert(membershipBranches).values(branchIds.map((branchId) => ({ membershipId: `${org}-mm`, branchId }))),
  ];
  if (first) await database.batch([first, ...rest]);
  const { token } = await createSession(database, { userId: `${org}-m`, organizationId: org, now });
  const cookie = `courtesy_session=${token}`;
  const reads = {
    branches: (as: Client) => as.api.v1.branches.$get({ query: { limit: "100" } }),
    league: (as: Client) => as.api.v1.scorecards.league.$get({ query: { from: "2026-01-01", to: "2026-06-30" } }),
  };
  for (const [name, read] of Object.entries(reads)) {
    const { as, stats } = counted(cookie);
    await expectOk(await read(as), 200);
    // The 40 branch ids travel as one JSON parameter (json_each), not 40.
    expect(stats.maxParams, name).toBeLessThan(MAX_SCOPE_ITEMS);
  }
});

/** What the session costs every signed-in request: one read (a fresh session needs no touch). */
const ROUND_TRIPS = { session: 1 };

// Answer from the write: a change and its answer travel in one batch, after the session and
// the read that authorises it.
describe("writes answer from the write", () => {
  it("creating a checklist: session, then one batch that writes and answers", async () => {
    const { as, stats } = counted(org.people.admin.cookie);
    await expectOk(await as.api.v1.checklists.$post({ json: sixtyItems() }), 201);
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 1);
  });

  it("archiving a checklist: session, the authorising read, one batch", async () => {
    const { checklist } = await expectOk(await org.as.admin.api.v1.checklists.$post({ json: sixtyItems() }), 201);
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.checklists[":id"].$patch({ param: { id: checklist.id }, json: { status: "archived" } });
    expect(await expectOk(res, 200)).toMatchObject({ id: checklist.id, status: "archived" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("cancelling an assignment: session, the authorising read, one update", async () => {
    const version = await publishChecklistAs(org.as.admin, sixtyItems());
    const assignment = await planVisit(org, version.id);
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.assignments[":id"].$patch({
      param: { id: assignment.id },
      json: { status: "cancelled" },
    });
    expect(await expectOk(res, 200)).toMatchObject({ id: assignment.id, status: "cancelled" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("renaming a member: session, the authorising read (member and scope together), one batch", async () => {
    const { user } = await expectOk(
      await org.as.admin.api.v1.users.$post({
        json: { email: uniqueEmail("trips"), displayName: "Round Trip", role: "shopper" },
      }),
      201,
    );
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.users[":id"].$patch({
      param: { id: user.id },
      json: { displayName: "Renamed", version: user.version },
    });
    expect(await expectOk(res, 200)).toMatchObject({ id: user.id, displayName: "Renamed" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("renaming a branch: session, the authorising read, one batch (the row is not read again)", async () => {
    const branch = await createBranchIn(org, {
      code: `RT${crypto.randomUUID().slice(0, 6)}`,
      nameEn: "Round trip",
      nameZh: "往返",
    });
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.branches[":id"].$patch({
      param: { id: branch.id },
      json: { nameEn: "Renamed", version: branch.version },
    });
    expect(await expectOk(res, 200)).toMatchObject({ id: branch.id, name: { en: "Renamed" } });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });
});

// The assignments' reads travel in one batch each; the joined tables share column names (id,
// name_en, name_zh), which a batch would mix up unless they are aliased: check the answer too.
describe("assignments read in one batch", () => {
  it("planning a visit: session, one batch of checks (branch, version, shopper), one batch that writes and answers", async () => {
    const version = await publishChecklistAs(org.as.admin, sixtyItems());
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.assignments.$post({
      json: {
        branchId: org.branchIds.north1,
        checklistVersionId: version.id,
        shopperId: org.people.shopper.id,
        windowStart: "2026-01-05",
        windowEnd: "2026-01-09",
      },
    });
    expect(await expectOk(res, 201)).toMatchObject({
      branch: { id: org.branchIds.north1, name: { en: "Wangfujing" } },
      checklist: { id: version.checklistId, versionId: version.id, name: version.document.name },
      audit: null,
    });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("a planned visit's references are still checked in that batch", async () => {
    const { as, stats } = counted(org.people.admin.cookie);
    const res = await as.api.v1.assignments.$post({
      json: {
        branchId: "no-such-branch",
        checklistVersionId: "no-such-version",
        shopperId: org.people.admin.id,
        windowStart: "2026-01-05",
        windowEnd: "2026-01-09",
      },
    });
    const problem = await expectProblem(res, 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual([
      "branchId:unknown_reference",
      "checklistVersionId:unknown_reference",
      "shopperId:unknown_reference",
    ]);
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 1);
  });

  it("listing assignments: session, then open and finished work in one batch", async () => {
    const version = await publishChecklistAs(org.as.admin, sixtyItems());
    const open = await planVisit(org, version.id);
    const cancelled = await planVisit(org, version.id);
    await cancelAssignment(org.as.admin, cancelled.id);
    const { as, stats } = counted(org.people.admin.cookie);
    const { items } = await expectOk(
      await as.api.v1.assignments.$get({ query: { branchId: org.branchIds.north1 } }),
      200,
    );
    const expected = (id: string, status: string) => ({
      id,
      status,
      branch: { id: org.branchIds.north1, name: open.branch.name },
      checklist: { id: version.checklistId, versionId: version.id, name: version.document.name },
      shopper: { id: org.people.shopper.id },
    });
    expect(items.find((a) => a.id === open.id)).toMatchObject(expected(open.id, "open"));
    expect(items.find((a) => a.id === cancelled.id)).toMatchObject(expected(cancelled.id, "cancelled"));
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 1);
  });
});
