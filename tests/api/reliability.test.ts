/**
 * Shoppers' reliability through the API (docs/QUALITY.md, "Reliability"): every figure counted
 * exactly from a seeded history (returned, edited, overturned, flagged, late; reports older than
 * 12 months left out), provisional and unrated shoppers, the cached rating, who may read what
 * (a shopper only their own), and the rating floor of a round's preview.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  calibrationAnswers,
  calibrationRaters,
  calibrations,
  disputeItems,
  disputes,
  reviewMessages,
  shopperProfiles,
} from "../../schema";
import { type ReliabilityFacts, reliabilityOf } from "../../worker/domain/reliability";
import { scoreAudit } from "../../worker/domain/scoring";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { completeAnswers, db, expectOk, expectProblem, isoDay, publishAuditRow } from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";
import { coverRegions, type RoundJson } from "./round-helpers";

let org: TestOrganization;
let store: Version;
/** Sam's answers on the one report sent through the API. */
let answered = 0;

const DAY = 86_400_000;
/** A month well inside the window (about two months ago), and one outside it (14 months ago). */
const inWindow = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 7);
const outOfWindow = new Date(Date.now() - 425 * DAY).toISOString().slice(0, 7);

async function seedReport(person: PersonKey, overrides: Parameters<typeof publishAuditRow>[0]["overrides"] = {}) {
  const result = scoreAudit(store.document, []);
  return publishAuditRow({
    organizationId: org.id,
    branchId: org.branchIds.north1,
    checklistVersionId: org.versionIds.store,
    checklistId: org.checklistIds.store,
    shopperId: org.people[person].id,
    month: overrides.visitMonth ?? inWindow,
    result,
    overrides,
  });
}

/** A decided dispute of `auditId` with one item of each `outcomes`. */
async function seedDispute(auditId: string, outcomes: Array<"upheld" | "overturned" | "not_applicable">) {
  const id = crypto.randomUUID();
  await db().insert(disputes).values({
    id,
    organizationId: org.id,
    auditId,
    branchId: org.branchIds.north1,
    shopperId: org.people.shopper.id,
    status: "decided",
    raisedBy: org.people.manager.id,
    raisedAt: Date.now(),
    decidedBy: org.people.admin.id,
    decidedAt: Date.now(),
  });
  await db()
    .insert(disputeItems)
    .values(outcomes.map((outcome, i) => ({ disputeId: id, itemKey: `item-${i}`, reason: "No.", outcome })));
}

beforeAll(async () => {
  org = await createOrganization();
  store = await readVersion(org.as.admin, org.versionIds.store);
  const editable = store.document.sections
    .flatMap((s) => s.items)
    .find((i) => i.kind === "yes_no" && i.weight > 0 && i.evidenceOnFail !== "photo" && i.critical === "none");
  if (!editable) throw new Error("no editable item");

  // Sam: one report through the API, edited twice on one item (one edited answer) and returned.
  const assignment = await planVisit(org, org.versionIds.store);
  // A comment keeps the all-top answers from reading as straight-lining (a flag of its own).
  const answers = completeAnswers(store.document).map((a, i) => (i === 0 ? { ...a, comment: "Greeted at once." } : a));
  answered = answers.length;
  let audit = await expectOk(await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, answers)), 201);
  const routes = org.as.reviewer.api.v1.audits[":id"];
  audit = await expectOk(await routes.claim.$post({ param: { id: audit.id }, json: { version: audit.version } }), 200);
  for (const value of [false, true]) {
    const edited = await expectOk(
      await routes.answers[":itemKey"].$patch({
        param: { id: audit.id, itemKey: editable.key },
        json: { value, comment: "Checked the photo.", reason: "The photo says otherwise.", version: audit.version },
      }),
      200,
    );
    audit = edited.audit;
  }
  await expectOk(
    await routes.return.$post({
      param: { id: audit.id },
      json: { version: audit.version, questions: [{ text: "Which counter was it?" }] },
    }),
    200,
  );

  // … and nine more: two late, one flagged, one with an overturned item (and one upheld dispute).
  const late1 = await seedReport("shopper", { late: true });
  await seedReport("shopper", { late: true });
  await seedReport("shopper", { flags: [{ code: "short_visit", minutes: 3, minimumMinutes: 10 }] });
  const overturned = await seedReport("shopper");
  await seedDispute(overturned, ["upheld", "overturned", "overturned"]);
  await seedDispute(late1, ["upheld", "not_applicable"]);
  for (let i = 0; i < 5; i++) await seedReport("shopper");
  // Outside the window: late, flagged, returned, and never counted.
  const old = await seedReport("shopper", {
    visitMonth: outOfWindow,
    late: true,
    flags: [{ code: "short_visit", minutes: 1, minimumMinutes: 10 }],
  });
  await db().insert(reviewMessages).values({
    id: crypto.randomUUID(),
    organizationId: org.id,
    auditId: old,
    kind: "question",
    text: "Old question",
    authorId: org.people.reviewer.id,
  });

  // Zhao: two clean reports (provisional). Sun: none.
  await seedReport("shopper2");
  await seedReport("shopper2");
});

type Item = Awaited<ReturnType<typeof readTable>>["items"][number];

async function readTable(
  as: Client = org.as.admin,
  query: { sort?: "rating" | "name" | "reports"; order?: "asc" | "desc" } = {},
) {
  return expectOk(await as.api.v1.shoppers.reliability.$get({ query }), 200);
}

const byPerson = (items: Item[], person: PersonKey) => {
  const item = items.find((i) => i.userId === org.people[person].id);
  if (!item) throw new Error(`${person} missing`);
  return item;
};

const line = (item: Pick<Item, "lines">, component: string) => item.lines.find((l) => l.component === component);

describe("the figures", () => {
  it("count each kind of trouble exactly, over the last 12 months only", async () => {
    const sam = byPerson((await readTable()).items, "shopper");
    expect(sam.reports).toBe(10);
    expect(line(sam, "returned")).toMatchObject({ count: 1, of: 10 });
    expect(line(sam, "edited")).toMatchObject({ count: 1, of: answered });
    expect(line(sam, "overturned")).toMatchObject({ count: 1, of: 10 });
    expect(line(sam, "flagged")).toMatchObject({ count: 1, of: 10 });
    expect(line(sam, "late")).toMatchObject({ count: 2, of: 10 });
    // Never calibrated: no calibration line, the other weights scaled up to 100.
    expect(line(sam, "calibration")).toBeUndefined();
    expect(sam.lines.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(100, 3);
    const facts: ReliabilityFacts = {
      reports: 10,
      returned: 1,
      answers: answered,
      editedAnswers: 1,
      overturned: 1,
      flagged: 1,
      late: 2,
      calibrationDeviation: null,
    };
    expect(sam.rating).toBe(reliabilityOf(facts).rating);
    expect(sam.provisional).toBe(false);
  });

  it("a shopper with fewer than 5 reports is provisional; one with none has no rating", async () => {
    const { items } = await readTable();
    expect(byPerson(items, "shopper2")).toMatchObject({ reports: 2, rating: 100, provisional: true });
    expect(byPerson(items, "shopper3")).toMatchObject({ reports: 0, rating: null, provisional: true, lines: [] });
    // Only shoppers are listed.
    expect(items.map((i) => i.userId).sort()).toEqual(
      [org.people.shopper.id, org.people.shopper2.id, org.people.shopper3.id].sort(),
    );
  });

  it("sorts by rating (worst first, unrated last), name or reports", async () => {
    const ids = (items: Item[]) => items.map((i) => i.userId);
    const { shopper, shopper2, shopper3 } = org.people;
    expect(ids((await readTable()).items)).toEqual([shopper.id, shopper2.id, shopper3.id]);
    expect(ids((await readTable(org.as.admin, { sort: "rating", order: "desc" })).items)).toEqual([
      shopper2.id,
      shopper.id,
      shopper3.id,
    ]);
    expect(ids((await readTable(org.as.analyst, { sort: "reports", order: "desc" })).items)).toEqual([
      shopper.id,
      shopper2.id,
      shopper3.id,
    ]);
    await expectProblem(
      await org.as.admin.api.v1.shoppers.reliability.$get({ query: { sort: "fee" as "name" } }),
      400,
      "validation_failed",
    );
  });

  it("reading the table caches every shopper's rating in one batch", async () => {
    const { as, stats } = counted(org.people.admin.cookie);
    const table = await expectOk(await as.api.v1.shoppers.reliability.$get({ query: {} }), 200);
    // The session, the figures' reads, the ratings' write.
    expect(stats.roundTrips).toBe(3);
    const rows = await db().select().from(shopperProfiles).where(eq(shopperProfiles.organizationId, org.id));
    expect(rows).toHaveLength(3);
    for (const item of table.items) {
      const row = rows.find((r) => r.membershipId === item.membershipId);
      expect(row).toMatchObject({ rating: item.rating, ratingProvisional: item.provisional });
      expect(row?.ratedAt).toBe(Date.parse(table.ratedAt));
    }
  });
});

describe("who reads what", () => {
  it("head office reads the table; regional managers, reviewers, managers and shoppers may not", async () => {
    await readTable(org.as.analyst);
    for (const person of ["regional", "manager", "reviewer", "shopper"] as const)
      await expectProblem(await org.as[person].api.v1.shoppers.reliability.$get({ query: {} }), 403, "forbidden");
  });

  it("a shopper reads their own figures, and only theirs", async () => {
    const mine = await expectOk(await org.as.shopper.api.v1.me.reliability.$get(), 200);
    expect(mine.userId).toBe(org.people.shopper.id);
    expect(mine.reports).toBe(10);
    expect(line(mine, "late")).toMatchObject({ count: 2, of: 10 });
    const body = JSON.stringify(mine);
    for (const other of ["shopper2", "shopper3"] as const) expect(body).not.toContain(org.people[other].id);
    const zhao = await expectOk(await org.as.shopper2.api.v1.me.reliability.$get(), 200);
    expect(zhao).toMatchObject({ userId: org.people.shopper2.id, reports: 2, provisional: true });
    // Another shopper's profile (and its rating) stays 404 to a shopper.
    await expectProblem(
      await org.as.shopper2.api.v1.shoppers[":membershipId"].profile.$get({
        param: { membershipId: org.people.shopper.membershipId },
      }),
      404,
      "not_found",
    );
    // Not a shopper: no figures of one's own (an admin 404, a reviewer 403).
    await expectProblem(await org.as.admin.api.v1.me.reliability.$get(), 404, "not_found");
    await expectProblem(await org.as.reviewer.api.v1.me.reliability.$get(), 403, "forbidden");
  });

  it("another organisation's shoppers never appear", async () => {
    const other = await createOrganization();
    const { items } = await readTable(other.as.admin);
    expect(items.map((i) => i.userId)).not.toContain(org.people.shopper.id);
    expect(items.every((i) => i.reports === 0)).toBe(true);
  });
});

describe("the rating floor of a round", () => {
  const roundOf = (ratingFloor: number | null, branchId = org.branchIds.east1): RoundJson => ({
    id: crypto.randomUUID(),
    name: "Floor round",
    checklistId: org.checklistIds.store,
    period: { from: isoDay(1), to: isoDay(28) },
    target: { kind: "branches", branchIds: [branchId] },
    visitsPerBranch: 2,
    minGapDays: 5,
    windowDays: 3,
    strata: [{ key: "any", share: 100, days: "any" }],
    scenarios: [{ en: "Ask about a loan", zh: "咨询贷款" }],
    staffing: "rule",
    ratingFloor,
  });

  it("excludes an established shopper below the floor and keeps a provisional newcomer", async () => {
    await coverRegions(org, "shopper", [org.regionIds.east]);
    await coverRegions(org, "shopper2", [org.regionIds.east]);
    const sam = byPerson((await readTable()).items, "shopper");
    expect(sam.rating).toBeLessThan(95);

    const open = await expectOk(
      await org.as.admin.api.v1.rounds.preview.$post({ query: { visits: "true" }, json: roundOf(null) }),
      200,
    );
    // No floor: both shoppers take one of the branch's two visits.
    expect(new Set(open.visits?.map((v) => v.shopperId))).toEqual(
      new Set([org.people.shopper.id, org.people.shopper2.id]),
    );

    const floored = await expectOk(
      await org.as.admin.api.v1.rounds.preview.$post({ query: { visits: "true" }, json: roundOf(95) }),
      200,
    );
    const staffed = floored.visits?.map((v) => v.shopperId) ?? [];
    expect(staffed).not.toContain(org.people.shopper.id);
    expect(staffed).toContain(org.people.shopper2.id);
    expect(floored.summary.reasons).toHaveLength(1);
    expect(floored.summary.reasons[0]?.counts).toMatchObject({ belowRating: 1, sameRound: 1 });

    // Committed: the floor is stored and shown with the round.
    const json = roundOf(95);
    const created = await expectOk(await org.as.admin.api.v1.rounds.$post({ json }), 201);
    expect(created.round.ratingFloor).toBe(95);
    const read = await expectOk(await org.as.analyst.api.v1.rounds[":id"].$get({ param: { id: json.id } }), 200);
    expect(read.round.ratingFloor).toBe(95);
    expect(read.summary.staffed).toBe(1);
  });

  it("the job board applies a board round's floor the same way: the established shopper below it cannot claim", async () => {
    // South: the rule round above gave Zhao an east visit, which locks east out for them.
    await coverRegions(org, "shopper", [org.regionIds.south]);
    await coverRegions(org, "shopper2", [org.regionIds.south]);
    const json = { ...roundOf(95, org.branchIds.south1), staffing: "board" as const };
    await expectOk(await org.as.admin.api.v1.rounds.$post({ json }), 201);
    const mine = async (who: "shopper" | "shopper2") =>
      (await expectOk(await org.as[who].api.v1["job-board"].$get(), 200)).items.filter((i) => i.roundId === json.id);
    expect(await mine("shopper")).toEqual([]);
    const offered = await mine("shopper2");
    expect(offered).toHaveLength(2);
    const refused = await expectProblem(
      await org.as.shopper.api.v1["job-board"][":id"].claim.$post({ param: { id: offered[0]?.id ?? "" } }),
      409,
      "not_eligible",
    );
    expect(refused).toMatchObject({ reason: "belowRating" });
  });

  it("refuses a floor outside 0..100", async () => {
    for (const floor of [-1, 100.5]) {
      const problem = await expectProblem(
        await org.as.admin.api.v1.rounds.preview.$post({ query: {}, json: roundOf(floor) }),
        400,
        "validation_failed",
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(["ratingFloor"]);
    }
  });
});

describe("calibration", () => {
  /** A calibration of the store checklist rated by `sheets` (rater → item → yes/no), submitted unless listed in `unsubmitted`. */
  async function seedCalibration(
    status: "open" | "closed",
    sheets: Partial<Record<PersonKey, Record<string, boolean>>>,
    unsubmitted: PersonKey[] = [],
  ) {
    const id = crypto.randomUUID();
    await db()
      .insert(calibrations)
      .values({
        id,
        organizationId: org.id,
        title: "Greeting",
        checklistVersionId: org.versionIds.store,
        status,
        closedAt: status === "closed" ? Date.now() : null,
      });
    for (const [person, answers] of Object.entries(sheets) as Array<[PersonKey, Record<string, boolean>]>) {
      const userId = org.people[person].id;
      await db()
        .insert(calibrationRaters)
        .values({
          calibrationId: id,
          userId,
          organizationId: org.id,
          submittedAt: unsubmitted.includes(person) ? null : Date.now(),
        });
      await db()
        .insert(calibrationAnswers)
        .values(
          Object.entries(answers).map(([itemKey, value]) => ({ calibrationId: id, raterId: userId, itemKey, value })),
        );
    }
  }

  it("adds the mean deviation over closed calibrations' items, submitted sheets only, the expert left out", async () => {
    const [a, b] = store.document.sections.flatMap((s) => s.items).filter((i) => i.kind === "yes_no");
    if (!a || !b) throw new Error("two yes/no items needed");
    // Consensus true on both; Zhao differs on one of two items: 0.5.
    await seedCalibration("closed", {
      shopper2: { [a.key]: true, [b.key]: false },
      shopper3: { [a.key]: true, [b.key]: true },
      reviewer: { [a.key]: true, [b.key]: true },
    });
    // Open: not counted, however far off.
    await seedCalibration("open", {
      shopper2: { [a.key]: false, [b.key]: false },
      shopper3: { [a.key]: true, [b.key]: true },
      reviewer: { [a.key]: true, [b.key]: true },
    });
    // Closed, Zhao never submitted: their answers are no sheet.
    await seedCalibration(
      "closed",
      { shopper2: { [a.key]: false }, shopper3: { [a.key]: true }, reviewer: { [a.key]: true } },
      ["shopper2"],
    );
    const zhao = byPerson((await readTable()).items, "shopper2");
    expect(line(zhao, "calibration")).toMatchObject({ count: 0.5, of: 1, rate: 0.5 });
    const facts: ReliabilityFacts = {
      reports: 2,
      returned: 0,
      answers: 0,
      editedAnswers: 0,
      overturned: 0,
      flagged: 0,
      late: 0,
      calibrationDeviation: 0.5,
    };
    expect(zhao.rating).toBe(reliabilityOf(facts).rating);
    expect(zhao.lines.reduce((sum, l) => sum + l.weight, 0)).toBeCloseTo(100, 3);
    // Sun has no report: calibrated, still no rating.
    expect(byPerson((await readTable()).items, "shopper3")).toMatchObject({ rating: null, lines: [] });
  });

  it("an expert is the consensus, and has no deviation of their own", async () => {
    const [a] = store.document.sections.flatMap((s) => s.items).filter((i) => i.kind === "yes_no");
    if (!a) throw new Error("a yes/no item needed");
    // Sam is the expert and alone against two: the others deviate, Sam does not get a line.
    const id = crypto.randomUUID();
    await db().insert(calibrations).values({
      id,
      organizationId: org.id,
      title: "Expert",
      checklistVersionId: org.versionIds.store,
      status: "closed",
      closedAt: Date.now(),
      expertId: org.people.shopper.id,
    });
    for (const [person, value] of [
      ["shopper", false],
      ["shopper2", true],
      ["reviewer", true],
    ] as const) {
      await db()
        .insert(calibrationRaters)
        .values({ calibrationId: id, userId: org.people[person].id, organizationId: org.id, submittedAt: Date.now() });
      await db()
        .insert(calibrationAnswers)
        .values({ calibrationId: id, raterId: org.people[person].id, itemKey: a.key, value });
    }
    const { items } = await readTable();
    expect(line(byPerson(items, "shopper"), "calibration")).toBeUndefined();
    // Zhao: 0 and 1 before, now 1 more item off the expert: 2 of 3.
    expect(line(byPerson(items, "shopper2"), "calibration")?.count).toBeCloseTo(2 / 3, 4);
  });
});
