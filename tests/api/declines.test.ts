/**
 * Accepting and declining a visit (docs/ROUNDS.md, "Accepting and declining"), and the board's
 * claim guard: accept is idempotent; a decline cancels the visit for the shopper in one guarded
 * batch, is counted (late after the 24 h cut-off), returns a round's visit to the job board
 * (whatever the round's staffing) where the decliner never sees it again, and tells a one-off
 * visit's planner; the claim limit and the per-day/per-week maxima hold inside the claim's write.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, declines, events, notifications, organizations, roundVisits } from "../../schema";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, fieldErrors, isoDay } from "./helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";
import { board, claim, coverRegions, type RoundJson, roundBody } from "./round-helpers";

type Person = "shopper" | "shopper2" | "shopper3";

/** shopper covers every region, shopper2 the north, shopper3 the north too; generous maxima. */
async function organization(maxima = { maxVisitsPerDay: 20, maxVisitsPerWeek: 50 }) {
  const org = await createOrganization();
  await db().update(organizations).set(maxima).where(eq(organizations.id, org.id));
  const { north, east, south } = org.regionIds;
  await coverRegions(org, "shopper", [north, east, south]);
  await coverRegions(org, "shopper2", [north]);
  await coverRegions(org, "shopper3", [north]);
  return org;
}

async function commitRound(org: TestOrganization, overrides: Partial<RoundJson> = {}) {
  const json = roundBody(org, overrides);
  await expectOk(await org.as.admin.api.v1.rounds.$post({ json }), 201);
  return json.id;
}

const accept = (as: Client, id: string) => as.api.v1.assignments[":id"].accept.$post({ param: { id } });
const decline = (as: Client, id: string, reason?: string) =>
  as.api.v1.assignments[":id"].decline.$post({ param: { id }, json: reason === undefined ? {} : { reason } });

async function visitsOf(roundId: string) {
  return db().select().from(roundVisits).where(eq(roundVisits.roundId, roundId)).orderBy(roundVisits.visitKey);
}

async function eventsOf(organizationId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.type, type)));
}

async function assignmentOf(id: string) {
  const [row] = await db().select().from(assignments).where(eq(assignments.id, id));
  return row;
}

describe("accept", () => {
  let org: TestOrganization;
  beforeAll(async () => {
    org = await organization();
  });

  it("stamps the visit once: a second accept answers the first, one event", async () => {
    const visit = await planVisit(org, org.versionIds.store);
    const first = await expectOk(await accept(org.as.shopper, visit.id), 200);
    expect(first.assignment).toMatchObject({ id: visit.id, acceptedAt: expect.any(Number) });
    const again = await expectOk(await accept(org.as.shopper, visit.id), 200);
    expect(again.assignment.acceptedAt).toBe(first.assignment.acceptedAt);
    expect((await assignmentOf(visit.id))?.acceptedAt).toBe(first.assignment.acceptedAt);
    expect((await eventsOf(org.id, "assignment.accepted")).filter((e) => e.subjectId === visit.id)).toHaveLength(1);
    // Two taps at once: one stamp, one event.
    const other = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.north2 });
    const both = await Promise.all([accept(org.as.shopper, other.id), accept(org.as.shopper, other.id)]);
    const stamps = await Promise.all(both.map((r) => expectOk(r, 200)));
    expect(stamps[0]?.assignment.acceptedAt).toBe(stamps[1]?.assignment.acceptedAt);
    expect((await eventsOf(org.id, "assignment.accepted")).filter((e) => e.subjectId === other.id)).toHaveLength(1);
  });

  it("another shopper's visit is 404; other roles 403 before looking at the id; hostile ids 404", async () => {
    const visit = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.east1 });
    await expectProblem(await accept(org.as.shopper2, visit.id), 404, "not_found");
    await expectProblem(await decline(org.as.shopper2, visit.id), 404, "not_found");
    for (const person of ["admin", "analyst", "regional", "manager", "reviewer"] as const) {
      await expectProblem(await accept(org.as[person], visit.id), 403, "forbidden");
      await expectProblem(await accept(org.as[person], "' OR 1=1 --"), 403, "forbidden");
      await expectProblem(await decline(org.as[person], visit.id), 403, "forbidden");
      // A body that would not validate: still 403 first.
      const hostile = await api(`/api/v1/assignments/${visit.id}/decline`, {
        method: "POST",
        cookie: org.people[person].cookie,
        body: { reason: 5, extra: true },
      });
      await expectProblem(hostile, 403, "forbidden");
    }
    const foreign = await createOrganization();
    const theirs = await planVisit(foreign, foreign.versionIds.store);
    for (const id of [theirs.id, "nope", "' OR 1=1 --", "%2e%2e%2fx", crypto.randomUUID(), "x".repeat(300)]) {
      await expectProblem(await accept(org.as.shopper, id), 404, "not_found");
      await expectProblem(await decline(org.as.shopper, id), 404, "not_found");
    }
    expect((await assignmentOf(theirs.id))?.status).toBe("open");
    expect((await assignmentOf(visit.id))?.acceptedAt).toBeNull();
  });

  it("a submitted visit: 409 invalid_state for accept and decline, nothing written", async () => {
    const visit = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.south1 });
    const store = await readVersion(org.as.admin, org.versionIds.store);
    await expectOk(
      await submitReport(org.as.shopper, crypto.randomUUID(), report(visit, completeAnswers(store.document))),
      201,
    );
    expect(await expectProblem(await accept(org.as.shopper, visit.id), 409, "invalid_state")).toMatchObject({
      status: 409,
    });
    await expectProblem(await decline(org.as.shopper, visit.id), 409, "invalid_state");
    expect(await db().select().from(declines).where(eq(declines.assignmentId, visit.id))).toHaveLength(0);
    expect((await assignmentOf(visit.id))?.status).toBe("submitted");
  });
});

describe("decline", () => {
  it("a claimed board visit goes back to the board; the decliner never sees or claims it again", async () => {
    const org = await organization();
    const roundId = await commitRound(org);
    const visit = (await visitsOf(roundId)).find((v) => v.branchId === org.branchIds.north1);
    const id = visit?.id as string;
    const claimed = await expectOk(await claim(org.as.shopper2, id), 201);
    const assignmentId = claimed.assignmentId as string;
    expect((await board(org.as.shopper3)).items.some((v) => v.id === id)).toBe(false);
    // Their open visits on /jobs: claimed, releasable, not accepted yet.
    const mine = (await board(org.as.shopper2)).mine;
    expect(mine).toEqual([
      expect.objectContaining({
        id: assignmentId,
        roundVisitId: id,
        claimed: true,
        releasable: true,
        acceptedAt: null,
      }),
    ]);

    const declined = await expectOk(await decline(org.as.shopper2, assignmentId, "  I am ill that week.  "), 200);
    expect(declined.decline).toMatchObject({ id: expect.any(String), late: false });
    expect(await assignmentOf(assignmentId)).toMatchObject({ status: "cancelled" });
    const [stored] = await db().select().from(roundVisits).where(eq(roundVisits.id, id));
    expect(stored).toMatchObject({ status: "posted", assignmentId: null });
    const rows = await db().select().from(declines).where(eq(declines.assignmentId, assignmentId));
    expect(rows).toEqual([
      expect.objectContaining({
        id: declined.decline.id,
        organizationId: org.id,
        roundVisitId: id,
        shopperId: org.people.shopper2.id,
        reason: "I am ill that week.",
        late: false,
      }),
    ]);
    const [event] = await eventsOf(org.id, "assignment.declined");
    expect(event).toMatchObject({ subjectId: assignmentId, actorId: org.people.shopper2.id });
    // A retry answers the same decline and writes nothing more.
    expect((await expectOk(await decline(org.as.shopper2, assignmentId), 200)).decline).toEqual(declined.decline);
    expect(await eventsOf(org.id, "assignment.declined")).toHaveLength(1);
    // Accepting a declined visit: it is no longer open.
    await expectProblem(await accept(org.as.shopper2, assignmentId), 409, "invalid_state");

    // Back on the board for the others, not for the decliner (listing, claim, even its own guard).
    expect((await board(org.as.shopper2)).items.some((v) => v.id === id)).toBe(false);
    expect((await board(org.as.shopper2)).mine).toEqual([]);
    const refused = await expectProblem(await claim(org.as.shopper2, id), 409, "not_eligible");
    expect(refused).toMatchObject({ reason: "declined" });
    expect((await board(org.as.shopper3)).items.some((v) => v.id === id)).toBe(true);
    await expectOk(await claim(org.as.shopper3, id), 201);
  });

  it("a rule-staffed round's visit goes back to the board too, and another shopper can take it", async () => {
    const org = await organization();
    const roundId = await commitRound(org, { staffing: "rule", name: "Rule round" });
    const staffed = (await visitsOf(roundId)).find(
      (v) => v.branchId === org.branchIds.north1 && v.status === "staffed",
    );
    const assignment = await assignmentOf(staffed?.assignmentId as string);
    const holder = (
      [
        ["shopper", org.as.shopper],
        ["shopper2", org.as.shopper2],
        ["shopper3", org.as.shopper3],
      ] as const
    ).find(([p]) => org.people[p].id === assignment?.shopperId);
    expect(holder).toBeDefined();
    const [, holderClient] = holder as [Person, Client];
    // Given by rule, it is declined, not released (a release is for claims).
    await expectProblem(
      await holderClient.api.v1["job-board"][":id"].release.$post({ param: { id: staffed?.id as string } }),
      404,
      "not_found",
    );
    expect((await board(holderClient)).mine).toContainEqual(
      expect.objectContaining({ id: assignment?.id, claimed: false, releasable: false }),
    );
    await expectOk(await decline(holderClient, assignment?.id as string), 200);
    const [stored] = await db()
      .select()
      .from(roundVisits)
      .where(eq(roundVisits.id, staffed?.id as string));
    expect(stored).toMatchObject({ status: "posted", assignmentId: null });
    const others = (["shopper", "shopper2", "shopper3"] as const).filter(
      (p) => org.people[p].id !== assignment?.shopperId,
    );
    const other = org.as[others[0] as Person];
    expect((await board(holderClient)).items.some((v) => v.id === staffed?.id)).toBe(false);
    expect((await board(other)).items.some((v) => v.id === staffed?.id)).toBe(true);
    const taken = await expectOk(await claim(other, staffed?.id as string), 201);
    // A claim of a rule round's visit counts against the claim limit like any board claim.
    expect((await board(other)).claims.open).toBe(1);
    expect((await assignmentOf(taken.assignmentId as string))?.roundVisitId).toBe(staffed?.id);
    // No notification: a round's visit is the board's, not a planner's.
    expect(await db().select().from(notifications).where(eq(notifications.kind, "visit_declined"))).toHaveLength(0);
  });

  it("is late after the cut-off (less than 24 h before the window opens)", async () => {
    const org = await organization();
    const early = await planVisit(org, org.versionIds.store, { windowStart: isoDay(5), windowEnd: isoDay(7) });
    const late = await planVisit(org, org.versionIds.store, {
      branchId: org.branchIds.north2,
      windowStart: isoDay(0),
      windowEnd: isoDay(2),
    });
    expect((await expectOk(await decline(org.as.shopper, early.id), 200)).decline.late).toBe(false);
    expect((await expectOk(await decline(org.as.shopper, late.id), 200)).decline.late).toBe(true);
    const [row] = await db().select().from(declines).where(eq(declines.assignmentId, late.id));
    expect(row?.late).toBe(true);
  });

  it("a one-off visit notifies its planner; the profile counts the declines", async () => {
    const org = await organization();
    const visit = await planVisit(org, org.versionIds.store, { windowStart: isoDay(0), windowEnd: isoDay(1) });
    await expectOk(await decline(org.as.shopper, visit.id, "Too far away"), 200);
    const sent = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.organizationId, org.id), eq(notifications.kind, "visit_declined")));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      userId: org.people.admin.id,
      subjectType: "assignment",
      subjectId: visit.id,
      payload: expect.objectContaining({ reason: "Too far away", late: true, branch: expect.any(Object) }),
    });
    expect(await eventsOf(org.id, "assignment.declined")).toHaveLength(1);
    expect((await assignmentOf(visit.id))?.status).toBe("cancelled");
    // The bell shows it to the planner.
    const bell = await expectOk(await org.as.admin.api.v1.notifications.$get({ query: {} }), 200);
    expect(bell.items.some((n) => n.kind === "visit_declined")).toBe(true);

    // Counted: two more (one not late), one of them long ago.
    const ahead = { windowStart: isoDay(5), windowEnd: isoDay(7) };
    const second = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.north2, ...ahead });
    await expectOk(await decline(org.as.shopper, second.id), 200);
    const third = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.east1, ...ahead });
    await expectOk(await decline(org.as.shopper, third.id), 200);
    await db()
      .update(declines)
      .set({ createdAt: Date.now() - 120 * 86_400_000 })
      .where(eq(declines.assignmentId, third.id));
    const membershipId = org.people.shopper.membershipId;
    const profile = await expectOk(
      await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId } }),
      200,
    );
    expect(profile.declines).toEqual({ total: 3, late: 1, last90Days: 2 });
    // Their own profile says the same; another shopper's counts are their own.
    const own = await expectOk(
      await org.as.shopper.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId } }),
      200,
    );
    expect(own.declines).toEqual({ total: 3, late: 1, last90Days: 2 });
    const other = await expectOk(
      await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({
        param: { membershipId: org.people.shopper2.membershipId },
      }),
      200,
    );
    expect(other.declines).toEqual({ total: 0, late: 0, last90Days: 0 });
  });

  it("a reason over 500 characters is refused and nothing changes", async () => {
    const org = await organization();
    const visit = await planVisit(org, org.versionIds.store);
    const problem = await expectProblem(
      await decline(org.as.shopper, visit.id, "x".repeat(501)),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["reason:too_big"]);
    expect((await assignmentOf(visit.id))?.status).toBe("open");
    expect(await db().select().from(declines).where(eq(declines.assignmentId, visit.id))).toHaveLength(0);
  });

  it("two declines at once: one decline, one event, both answered with it", async () => {
    const org = await organization();
    const visit = await planVisit(org, org.versionIds.store);
    const answers = await Promise.all([decline(org.as.shopper, visit.id), decline(org.as.shopper, visit.id)]);
    const [a, b] = await Promise.all(answers.map((r) => expectOk(r, 200)));
    expect(a?.decline).toEqual(b?.decline);
    expect(await db().select().from(declines).where(eq(declines.assignmentId, visit.id))).toHaveLength(1);
    expect(await eventsOf(org.id, "assignment.declined")).toHaveLength(1);
  });
});

describe("the claim guard", () => {
  /** Two posted visits at two branches, both on the same three days. */
  async function twoVisitsSameDays(org: TestOrganization) {
    const roundId = await commitRound(org);
    const visits = (await visitsOf(roundId)).filter(
      (v) => v.branchId === org.branchIds.north1 || v.branchId === org.branchIds.north2,
    );
    expect(visits).toHaveLength(2);
    for (const v of visits)
      await db()
        .update(roundVisits)
        .set({ windowStart: isoDay(10), windowEnd: isoDay(12) })
        .where(eq(roundVisits.id, v.id));
    return visits.map((v) => v.id);
  }

  async function openOf(org: TestOrganization) {
    return db()
      .select()
      .from(assignments)
      .where(and(eq(assignments.shopperId, org.people.shopper.id), eq(assignments.status, "open")));
  }

  it("two claims at once by one shopper on the same days cannot both pass a per-day maximum of 1", async () => {
    const org = await organization({ maxVisitsPerDay: 1, maxVisitsPerWeek: 50 });
    const ids = await twoVisitsSameDays(org);
    const answers = await Promise.all(ids.map((id) => claim(org.as.shopper, id)));
    expect(answers.map((r) => r.status as number).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => (r.status as number) === 409);
    expect(await expectProblem(refused as (typeof answers)[number], 409, "not_eligible")).toMatchObject({
      reason: "dailyMax",
    });
    expect(await openOf(org)).toHaveLength(1);
  });

  it("nor a per-week maximum of 1", async () => {
    const org = await organization({ maxVisitsPerDay: 5, maxVisitsPerWeek: 1 });
    const ids = await twoVisitsSameDays(org);
    const answers = await Promise.all(ids.map((id) => claim(org.as.shopper, id)));
    expect(answers.map((r) => r.status as number).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => (r.status as number) === 409);
    expect(await expectProblem(refused as (typeof answers)[number], 409, "not_eligible")).toMatchObject({
      reason: "weeklyMax",
    });
    expect(await openOf(org)).toHaveLength(1);
  });

  it("the organisation's boardClaimLimit (1..20) is the limit, read inside the claim", async () => {
    const org = await organization();
    const settings = await expectOk(await org.as.admin.api.v1.organization.$get(), 200);
    expect(settings.boardClaimLimit).toBe(3);
    for (const bad of [0, 21, 2.5]) {
      const refused = await org.as.admin.api.v1.organization.$patch({
        json: { version: settings.version, boardClaimLimit: bad },
      });
      expect(fieldErrors(await expectProblem(refused, 400, "validation_failed"))[0]).toMatch(/^boardClaimLimit:/);
    }
    await expectProblem(
      await org.as.manager.api.v1.organization.$patch({ json: { version: settings.version, boardClaimLimit: 1 } }),
      403,
      "forbidden",
    );
    const changed = await expectOk(
      await org.as.admin.api.v1.organization.$patch({ json: { version: settings.version, boardClaimLimit: 1 } }),
      200,
    );
    expect(changed.boardClaimLimit).toBe(1);
    const ids = await twoVisitsSameDays(org);
    expect((await board(org.as.shopper)).claims).toEqual({ open: 0, limit: 1 });
    const answers = await Promise.all(ids.map((id) => claim(org.as.shopper, id)));
    expect(answers.map((r) => r.status as number).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => (r.status as number) === 409);
    expect(await expectProblem(refused as (typeof answers)[number], 409, "claim_limit_reached")).toMatchObject({
      limit: 1,
    });
    expect(await openOf(org)).toHaveLength(1);
  });
});
