/**
 * The job board (docs/ROUNDS.md, "The job board"): shoppers list only the posted visits they are
 * eligible for, claim one (first come: two claims at once make one assignment), within a claim
 * limit, and release it until 24 h before its window; other roles are refused, hostile ids are 404.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, events, organizations, roundVisits } from "../../schema";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { db, expectOk, expectProblem, isoDay } from "./helpers";
import { board, claim, coverRegions, type RoundJson, roundBody } from "./round-helpers";

/** The organisation's default `boardClaimLimit`. */
const BOARD_CLAIM_LIMIT = 3;

/** A board round of the store checklist: every store (north1, north2, east1, south1), 2 visits each. */
function boardRound(org: TestOrganization, overrides: Partial<RoundJson> = {}): RoundJson {
  return roundBody(org, { name: "Board round", visitsPerBranch: 2, reimbursementCapCents: 2000, ...overrides });
}

/** An organisation with a committed board round; shopper covers every region, shopper2 north, shopper3 south (but not south1). */
async function boardOrganization() {
  const org = await createOrganization();
  // Generous maxima, so the claim limit (not the per-day maximum) is what stops a fourth claim.
  await db()
    .update(organizations)
    .set({ maxVisitsPerDay: 20, maxVisitsPerWeek: 50 })
    .where(eq(organizations.id, org.id));
  await coverRegions(org, "shopper", [org.regionIds.north, org.regionIds.east, org.regionIds.south]);
  await coverRegions(org, "shopper2", [org.regionIds.north]);
  await coverRegions(org, "shopper3", [org.regionIds.south], [org.branchIds.south1]);
  const round = boardRound(org);
  await expectOk(await org.as.admin.api.v1.rounds.$post({ json: round }), 201);
  return { org, roundId: round.id };
}

const release = (as: Client, id: string) => as.api.v1["job-board"][":id"].release.$post({ param: { id } });

async function visitsOf(roundId: string) {
  return db()
    .select({ id: roundVisits.id, branchId: roundVisits.branchId, status: roundVisits.status })
    .from(roundVisits)
    .where(eq(roundVisits.roundId, roundId))
    .orderBy(roundVisits.visitKey);
}

async function eventsOf(organizationId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.type, type)));
}

describe("listing", () => {
  let org: TestOrganization;
  let roundId: string;
  beforeAll(async () => {
    ({ org, roundId } = await boardOrganization());
  });

  it("lists only the visits each shopper is eligible for, the branch in their language", async () => {
    const visits = await visitsOf(roundId);
    expect(visits).toHaveLength(8);
    const all = await board(org.as.shopper);
    expect(all.items).toHaveLength(8);
    expect(all.claims).toEqual({ open: 0, limit: BOARD_CLAIM_LIMIT });
    // Fees are in the organisation's currency, which the listing names.
    expect(all.currency).toBe("CNY");
    const north = await board(org.as.shopper2);
    expect(new Set(north.items.map((v) => v.branch.id))).toEqual(new Set([org.branchIds.north1, org.branchIds.north2]));
    expect(north.items).toHaveLength(4);
    // shopper2 reads Chinese: the branch's Chinese name; the scenario comes in both languages.
    expect(north.items.map((v) => v.branch.name).sort()).toEqual(["中关村店", "中关村店", "王府井店", "王府井店"]);
    expect(north.items[0]).toMatchObject({ scenario: { en: "Ask about a loan", zh: "咨询贷款" }, feeCents: 5000 });
    expect(all.items.find((v) => v.branch.id === org.branchIds.north1)?.branch.name).toBe("Wangfujing");
    // shopper3 covers the south but south1 is on their exclusion list.
    expect((await board(org.as.shopper3)).items).toEqual([]);
  });

  it("a rule-staffed round's unstaffed visits are not on the board", async () => {
    const rule = boardRound(org, { staffing: "rule", name: "Rule round" });
    await expectOk(await org.as.admin.api.v1.rounds.$post({ json: rule }), 201);
    const [unstaffed] = (await visitsOf(rule.id)).filter((v) => v.status === "unstaffed");
    expect((await board(org.as.shopper)).items.every((v) => v.roundId === roundId)).toBe(true);
    if (unstaffed) await expectProblem(await claim(org.as.shopper, unstaffed.id), 404, "not_found");
  });

  it("refuses every other role, before looking at the id", async () => {
    const [visit] = await visitsOf(roundId);
    for (const person of ["admin", "analyst", "regional", "manager", "reviewer"] as const) {
      await expectProblem(await org.as[person].api.v1["job-board"].$get(), 403, "forbidden");
      await expectProblem(await claim(org.as[person], visit?.id ?? ""), 403, "forbidden");
      await expectProblem(await claim(org.as[person], "not-a-visit"), 403, "forbidden");
      await expectProblem(await release(org.as[person], visit?.id ?? ""), 403, "forbidden");
    }
  });
});

describe("claiming", () => {
  let org: TestOrganization;
  let roundId: string;
  beforeAll(async () => {
    ({ org, roundId } = await boardOrganization());
  });

  it("two claims at once: one wins, the other gets 409 already_taken", async () => {
    const visit = (await visitsOf(roundId)).find((v) => v.branchId === org.branchIds.north1);
    const id = visit?.id as string;
    const answers = await Promise.all([claim(org.as.shopper, id), claim(org.as.shopper2, id)]);
    const statuses = answers.map((r) => r.status as number).sort();
    expect(statuses).toEqual([201, 409]);
    const loser = answers.find((r) => (r.status as number) === 409);
    if (loser) await expectProblem(loser, 409, "already_taken");
    const made = await db().select().from(assignments).where(eq(assignments.roundVisitId, id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      status: "open",
      feeCents: 5000,
      reimbursementCapCents: 2000,
      scenarioZh: "咨询贷款",
    });
    const [stored] = await db().select().from(roundVisits).where(eq(roundVisits.id, id));
    expect(stored).toMatchObject({ status: "staffed", assignmentId: made[0]?.id });
    expect(await eventsOf(org.id, "round_visit.claimed")).toHaveLength(1);
    const created = await eventsOf(org.id, "assignment.created");
    expect(created.filter((e) => e.subjectId === made[0]?.id)).toHaveLength(1);

    // The winner's second tap answers the claim again; the loser stays refused; the visit leaves the board.
    const winner = made[0]?.shopperId === org.people.shopper.id ? org.as.shopper : org.as.shopper2;
    const other = winner === org.as.shopper ? org.as.shopper2 : org.as.shopper;
    const again = await expectOk(await claim(winner, id), 200);
    expect(again.assignmentId).toBe(made[0]?.id);
    await expectProblem(await claim(other, id), 409, "already_taken");
    expect((await board(other)).items.some((v) => v.id === id)).toBe(false);
  });

  it("not eligible: 409 not_eligible with the first rule failed", async () => {
    const south = (await visitsOf(roundId)).find((v) => v.branchId === org.branchIds.south1);
    const problem = await expectProblem(await claim(org.as.shopper2, south?.id as string), 409, "not_eligible");
    expect(problem).toMatchObject({ reason: "noRegion" });
    const excluded = await expectProblem(await claim(org.as.shopper3, south?.id as string), 409, "not_eligible");
    expect(excluded).toMatchObject({ reason: "excluded" });
    // The same round at a branch where they already hold a visit: `sameRound` (before the lockout).
    const holder = (await db().select().from(assignments).where(eq(assignments.roundId, roundId)))[0];
    const holderClient = holder?.shopperId === org.people.shopper.id ? org.as.shopper : org.as.shopper2;
    const sibling = (await visitsOf(roundId)).find((v) => v.branchId === holder?.branchId && v.status === "posted");
    const same = await expectProblem(await claim(holderClient, sibling?.id as string), 409, "not_eligible");
    expect(same).toMatchObject({ reason: "sameRound" });
    expect((await board(holderClient)).items.some((v) => v.id === sibling?.id)).toBe(false);
    expect(await eventsOf(org.id, "round_visit.claimed")).toHaveLength(1);
  });

  it(`a shopper holds at most ${BOARD_CLAIM_LIMIT} claims at once`, async () => {
    const org2 = (await boardOrganization()).org;
    const items = (await board(org2.as.shopper)).items;
    // One visit per branch (sameRound forbids the second of a branch): north1, north2, east1, south1.
    const perBranch = [...new Map(items.map((v) => [v.branch.id, v])).values()];
    expect(perBranch).toHaveLength(4);
    for (const visit of perBranch.slice(0, BOARD_CLAIM_LIMIT))
      await expectOk(await claim(org2.as.shopper, visit.id), 201);
    const problem = await expectProblem(
      await claim(org2.as.shopper, perBranch[BOARD_CLAIM_LIMIT]?.id as string),
      409,
      "claim_limit_reached",
    );
    expect(problem).toMatchObject({ limit: BOARD_CLAIM_LIMIT });
    expect((await board(org2.as.shopper)).claims).toEqual({ open: BOARD_CLAIM_LIMIT, limit: BOARD_CLAIM_LIMIT });
    // Releasing one makes room again.
    await expectOk(await release(org2.as.shopper, perBranch[0]?.id as string), 200);
    await expectOk(await claim(org2.as.shopper, perBranch[BOARD_CLAIM_LIMIT]?.id as string), 201);
  });

  it("two claims of one shopper at once cannot pass the limit", async () => {
    const org3 = (await boardOrganization()).org;
    const perBranch = [...new Map((await board(org3.as.shopper)).items.map((v) => [v.branch.id, v])).values()];
    for (const visit of perBranch.slice(0, BOARD_CLAIM_LIMIT - 1))
      await expectOk(await claim(org3.as.shopper, visit.id), 201);
    const last = perBranch.slice(BOARD_CLAIM_LIMIT - 1, BOARD_CLAIM_LIMIT + 1);
    expect(last).toHaveLength(2);
    const answers = await Promise.all(last.map((v) => claim(org3.as.shopper, v.id)));
    expect(answers.map((r) => r.status as number).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => (r.status as number) === 409);
    if (refused) await expectProblem(refused, 409, "claim_limit_reached");
    const open = await db()
      .select()
      .from(assignments)
      .where(and(eq(assignments.shopperId, org3.people.shopper.id), eq(assignments.status, "open")));
    expect(open).toHaveLength(BOARD_CLAIM_LIMIT);
  });

  it("hostile ids answer 404 and change nothing", async () => {
    const other = await boardOrganization();
    const foreign = (await visitsOf(other.roundId))[0]?.id as string;
    for (const id of [foreign, "nope", "' OR 1=1 --", "%2e%2e%2fx", crypto.randomUUID(), "x".repeat(300)]) {
      await expectProblem(await claim(org.as.shopper, id), 404, "not_found");
      await expectProblem(await release(org.as.shopper, id), 404, "not_found");
    }
    expect((await visitsOf(other.roundId)).every((v) => v.status === "posted")).toBe(true);
  });
});

describe("releasing", () => {
  let org: TestOrganization;
  let roundId: string;
  beforeAll(async () => {
    ({ org, roundId } = await boardOrganization());
  });

  it("puts the visit back on the board and cancels the assignment; only the holder may", async () => {
    const visit = (await visitsOf(roundId)).find((v) => v.branchId === org.branchIds.north2);
    const id = visit?.id as string;
    const claimed = await expectOk(await claim(org.as.shopper2, id), 201);
    await expectProblem(await release(org.as.shopper, id), 404, "not_found");
    const released = await expectOk(await release(org.as.shopper2, id), 200);
    expect(released.visit).toMatchObject({ id, status: "posted" });
    const [stored] = await db().select().from(roundVisits).where(eq(roundVisits.id, id));
    expect(stored).toMatchObject({ status: "posted", assignmentId: null });
    const [assignment] = await db()
      .select()
      .from(assignments)
      .where(eq(assignments.id, claimed.assignmentId as string));
    expect(assignment?.status).toBe("cancelled");
    expect(await eventsOf(org.id, "round_visit.released")).toHaveLength(1);
    expect((await eventsOf(org.id, "assignment.cancelled")).map((e) => e.subjectId)).toEqual([claimed.assignmentId]);
    // Released twice: nothing of theirs is open any more.
    await expectProblem(await release(org.as.shopper2, id), 404, "not_found");
    // Back on the board for everyone eligible, and claimable again.
    expect((await board(org.as.shopper)).items.some((v) => v.id === id)).toBe(true);
    await expectOk(await claim(org.as.shopper, id), 201);
  });

  it("after the cut-off (24 h before the window starts) 409 release_closed", async () => {
    const visit = (await visitsOf(roundId)).find((v) => v.branchId === org.branchIds.east1);
    const id = visit?.id as string;
    const claimed = await expectOk(await claim(org.as.shopper, id), 201);
    // Tomorrow in any time zone is within 24 h of now... once the window starts today.
    const today = isoDay(0);
    await db().update(roundVisits).set({ windowStart: today }).where(eq(roundVisits.id, id));
    await db()
      .update(assignments)
      .set({ windowStart: today })
      .where(eq(assignments.id, claimed.assignmentId as string));
    const problem = await expectProblem(await release(org.as.shopper, id), 409, "release_closed");
    expect(problem).toMatchObject({ cutoffHours: 24 });
    const [stored] = await db().select().from(roundVisits).where(eq(roundVisits.id, id));
    expect(stored?.status).toBe("staffed");
    // A window two days ahead can still be released.
    await db()
      .update(roundVisits)
      .set({ windowStart: isoDay(3) })
      .where(eq(roundVisits.id, id));
    await expectOk(await release(org.as.shopper, id), 200);
  });
});
