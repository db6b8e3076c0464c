/**
 * The disputes API (docs/DISPUTES.md): every outcome's exact score effect on a hand-computed
 * report, roll-ups equal to a rebuild after each decision, scope per role, the window, the
 * conflict of interest, versions, one open dispute per report, decided items, blind
 * arbitration, what the shopper sees, notifications, photos and the D1 budgets.
 *
 * The checklist (two sections of weight 1):
 *   A: a1 (w1), a2 (w1), a3 (w2, N/A allowed)    B: b1 (w1), b2 (w1)
 * The report: a1 yes, a2 no, a3 no, b1 yes, b2 no.
 *   A = (1·1 + 1·0 + 2·0) / (1 + 1 + 2) = 1/4;  B = (1 + 0) / 2 = 1/2
 *   score = 100 × (1/4 + 1/2) / 2 = 37.5
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, audits, disputes, memberships, notifications } from "../../schema";
import { decideDisputeStatement, ruleReportStatement } from "../../worker/data/disputes";
import { appendEventStatements, chainHeadQuery, subjectEventsQuery } from "../../worker/data/events";
import { rebuildRollups } from "../../worker/data/rollups";
import { addDays } from "../../worker/domain/actions";
import { localDate } from "../../worker/domain/audits";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { chainEvents } from "../../worker/domain/trail";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors, TINY_PNG, uniqueJpeg, uploadEvidence } from "./helpers";
import { planVisit, publishChecklistAs, readAudit, report, submitReport, type Version } from "./report-helpers";
import { countedAudits, readRollups } from "./rollup-helpers";

const DAY = 86_400_000;

function item(key: string, weight: number, naAllowed = false) {
  return {
    key,
    kind: "yes_no" as const,
    prompt: { en: `Item ${key}`, zh: `项目 ${key}` },
    guidance: { en: "", zh: "" },
    weight,
    critical: "none" as const,
    naAllowed,
    evidenceOnFail: "none" as const,
  };
}

function disputeChecklist(): ChecklistDocument {
  return {
    name: { en: `Disputes ${crypto.randomUUID().slice(0, 6)}`, zh: "申诉清单" },
    channel: "store",
    sections: [
      { key: "A", title: { en: "A", zh: "甲" }, weight: 1, items: [item("a1", 1), item("a2", 1), item("a3", 2, true)] },
      { key: "B", title: { en: "B", zh: "乙" }, weight: 1, items: [item("b1", 1), item("b2", 1)] },
    ],
  };
}

const ANSWERS = { a1: true, a2: false, a3: false, b1: true, b2: false };

let org: TestOrganization;
let version: Version;

beforeAll(async () => {
  // Published on arrival: no reviewer reviewed these reports (no conflict of interest).
  org = await createOrganization({ reviewPolicy: "none" });
  version = await publishChecklistAs(org.as.admin, disputeChecklist());
});

/** A published report at `branch` by `shopper` with ANSWERS (score 37.5). */
async function publishedReport(
  branch: keyof TestOrganization["branchIds"] = "north1",
  shopper: PersonKey = "shopper",
  o: TestOrganization = org,
  v: Version = version,
): Promise<string> {
  const assignment = await planVisit(o, v.id, { branchId: o.branchIds[branch], shopperId: o.people[shopper].id });
  const id = crypto.randomUUID();
  const answers = Object.entries(ANSWERS).map(([key, value]) => ({ item: key, value }));
  await expectOk(await submitReport(o.as[shopper], id, report(assignment, answers)), 201);
  return id;
}

type RaiseItem = { itemKey: string; reason: string; evidence?: string };

function raise(as: Client, auditId: string, items: RaiseItem[]) {
  return as.api.v1.audits[":id"].disputes.$post({ param: { id: auditId }, json: { items } });
}

function because(keys: string[]): RaiseItem[] {
  return keys.map((itemKey) => ({ itemKey, reason: `The camera shows ${itemKey} was done.` }));
}

type Outcome = "upheld" | "not_applicable" | "overturned";

function decide(
  as: Client,
  dispute: { id: string; version: number },
  outcomes: Record<string, Outcome>,
  reportOutcome?: "void" | "reshop",
) {
  return as.api.v1.disputes[":id"].decisions.$post({
    param: { id: dispute.id },
    json: {
      version: dispute.version,
      items: Object.entries(outcomes).map(([itemKey, outcome]) => ({
        itemKey,
        outcome,
        reason: `Checked ${itemKey}.`,
      })),
      ...(reportOutcome ? { report: reportOutcome } : {}),
    },
  });
}

async function raised(auditId: string, keys: string[], as: Client = org.as.manager) {
  return expectOk(await raise(as, auditId, because(keys)), 201);
}

/** The organisation's roll-ups, incremental and rebuilt, must be equal. */
async function expectRollupsRebuilt(o: TestOrganization = org) {
  const incremental = await readRollups(o.id);
  await rebuildRollups(db(), o.id);
  expect(incremental).toEqual(await readRollups(o.id));
  return incremental;
}

async function readAs(as: Client, id: string) {
  return expectOk(await readAudit(as, id), 200);
}

describe("outcomes: the exact score effect", () => {
  it("the report scores 37.5 and a manager may dispute the items that lost points", async () => {
    const id = await publishedReport();
    const body = await readAs(org.as.manager, id);
    expect(body.score).toBe(37.5);
    expect(body.disputes).toEqual([]);
    expect(body.dispute).toMatchObject({ open: true, disputable: ["a2", "a3", "b2"] });
    const windowEnd = Date.parse(body.dispute?.windowEndsAt ?? "");
    expect(windowEnd - Date.parse(body.publishedAt ?? "")).toBe(7 * DAY);
    // Roles that may not raise get no standing.
    expect((await readAs(org.as.reviewer, id)).dispute).toBeNull();
    expect((await readAs(org.as.shopper, id)).dispute).toBeNull();
  });

  it("overturned: the item is scored as met (A = 2/4; score 50), roll-ups move in the same batch", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    expect(dispute).toMatchObject({ status: "open", version: 1, score: { before: null, after: null } });
    const before = countedAudits(await expectRollupsRebuilt());
    const decided = await expectOk(await decide(org.as.reviewer, dispute, { a2: "overturned" }), 200);
    expect(decided).toMatchObject({
      status: "decided",
      version: 2,
      reportOutcome: null,
      score: { before: 37.5, after: 50 },
      items: [{ itemKey: "a2", outcome: "overturned", decisionReason: "Checked a2." }],
    });
    const body = await readAs(org.as.manager, id);
    expect(body.status).toBe("published");
    expect(body.score).toBe(50);
    const a2 = body.result.sections[0]?.items.find((i) => i.key === "a2");
    expect(a2).toMatchObject({ outcome: "pass", ratio: 1, ruling: "met", rule: "dispute: overturned, scored as met" });
    // The shopper's answer stays as given.
    expect(body.answers.find((a) => a.item === "a2")).toMatchObject({ value: false });
    expect(body.receipt).not.toBeNull();
    expect(countedAudits(await expectRollupsRebuilt())).toBe(before);
  });

  it("not_applicable: the item leaves the denominator (A = 1/2; score 50)", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a3"]);
    const decided = await expectOk(await decide(org.as.admin, dispute, { a3: "not_applicable" }), 200);
    expect(decided.score).toEqual({ before: 37.5, after: 50 });
    const body = await readAs(org.as.manager, id);
    const a3 = body.result.sections[0]?.items.find((i) => i.key === "a3");
    expect(a3).toMatchObject({ outcome: "na", ratio: null, counted: false, ruling: "not_applicable" });
    expect(body.result.sections[0]).toMatchObject({ earned: 1, possible: 2, ratio: 0.5 });
    await expectRollupsRebuilt();
  });

  it("several outcomes at once: a2 overturned, a3 N/A, b2 upheld (A = 2/2, B = 1/2; score 75)", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2", "a3", "b2"]);
    const decided = await expectOk(
      await decide(org.as.reviewer, dispute, { a2: "overturned", a3: "not_applicable", b2: "upheld" }),
      200,
    );
    expect(decided.score).toEqual({ before: 37.5, after: 75 });
    expect((await readAs(org.as.manager, id)).score).toBe(75);
    await expectRollupsRebuilt();
  });

  it("upheld only: nothing changes in the score, the report stays counted", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["b2"]);
    const decided = await expectOk(await decide(org.as.reviewer, dispute, { b2: "upheld" }), 200);
    expect(decided.score).toEqual({ before: 37.5, after: 37.5 });
    await expectRollupsRebuilt();
  });

  it("void: the report leaves every score (roll-ups count one fewer) but the branch still sees it", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    const before = countedAudits(await expectRollupsRebuilt());
    const decided = await expectOk(await decide(org.as.reviewer, dispute, { a2: "upheld" }, "void"), 200);
    expect(decided).toMatchObject({ reportOutcome: "void", reshopAssignmentId: null, score: { before: 37.5 } });
    expect(countedAudits(await expectRollupsRebuilt())).toBe(before - 1);
    const body = await readAs(org.as.manager, id);
    expect(body.status).toBe("voided");
    expect(body.receipt).toBeNull();
    expect(body.disputes[0]?.reportOutcome).toBe("void");
    expect(body.dispute).toMatchObject({ open: false, disputable: [] });
    // A voided report cannot be disputed again; the regional manager sees it too.
    await expectProblem(await raise(org.as.manager, id, because(["b2"])), 409, "invalid_state");
    expect((await readAs(org.as.regional, id)).status).toBe("voided");
    // Its history shows the void (the receipt it had stays in the trail).
    const events = await subjectEventsQuery(db(), org.id, "audit", id);
    const voided = events.find((e) => e.type === "audit.voided");
    expect(voided?.payload).toMatchObject({ disputeId: dispute.id, report: "void", receipt: expect.any(Object) });
    const history = await expectOk(await org.as.manager.api.v1.audits[":id"].history.$get({ param: { id } }), 200);
    expect(history.items.map((e) => e.type)).toContain("audit.voided");
  });

  it("reshop: void plus a new visit to the same branch by another shopper, the fewest open visits first", async () => {
    const id = await publishedReport("north2");
    const dispute = await raised(id, ["a2"], org.as.regional);
    const decided = await expectOk(await decide(org.as.reviewer, dispute, { a2: "upheld" }, "reshop"), 200);
    expect(decided.reportOutcome).toBe("reshop");
    const visitId = decided.reshopAssignmentId ?? "";
    const today = localDate(Date.now(), "Asia/Shanghai");
    const [visit] = await db().select().from(assignments).where(eq(assignments.id, visitId));
    expect(visit).toMatchObject({
      branchId: org.branchIds.north2,
      checklistVersionId: version.id,
      reshopOf: id,
      status: "open",
      windowStart: today,
      windowEnd: addDays(today, 14),
    });
    // shopper2 and shopper3 had no open visits (shopper had): the tie goes by id.
    expect(visit?.shopperId).toBe(org.people.shopper2.id);
    expect(visit?.scenario).toMatch(/repeat visit/i);
    const events = await subjectEventsQuery(db(), org.id, "assignment", visitId);
    expect(events.map((e) => e.type)).toEqual(["assignment.created"]);
    expect((await readAs(org.as.regional, id)).status).toBe("voided");
    // The regional manager (branch staff) never gets the new visit's id.
    expect(
      (await expectOk(await org.as.regional.api.v1.disputes[":id"].$get({ param: { id: dispute.id } }), 200))
        .reshopAssignmentId,
    ).toBeNull();
    await expectRollupsRebuilt();
  });

  it("reshop with no other active shopper: 409 no_other_shopper, nothing changes", async () => {
    const lone = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(lone.as.admin, disputeChecklist());
    const id = await publishedReport("north1", "shopper", lone, v);
    await db()
      .update(memberships)
      .set({ status: "deactivated" })
      .where(and(eq(memberships.organizationId, lone.id), eq(memberships.role, "shopper")));
    const dispute = await raised(id, ["a2"], lone.as.manager);
    await expectProblem(await decide(lone.as.reviewer, dispute, { a2: "upheld" }, "reshop"), 409, "no_other_shopper");
    const again = await expectOk(
      await lone.as.reviewer.api.v1.disputes[":id"].$get({ param: { id: dispute.id } }),
      200,
    );
    expect(again).toMatchObject({ status: "open", version: 1 });
  });
});

describe("who may raise and decide", () => {
  it("a manager of another branch gets 404; analysts, reviewers and shoppers 403 to raise", async () => {
    const east = await publishedReport("east1");
    await expectProblem(await raise(org.as.manager, east, because(["a2"])), 404, "not_found");
    await expectProblem(await raise(org.as.regional, east, because(["a2"])), 404, "not_found");
    await expectProblem(await raise(org.as.manager, crypto.randomUUID(), because(["a2"])), 404, "not_found");
    for (const person of ["analyst", "reviewer", "admin", "shopper"] as const) {
      // Refused before the body is read: even a malformed body gets 403.
      const res = await api(`/api/v1/audits/${east}/disputes`, {
        cookie: org.people[person].cookie,
        body: { nope: 1 },
      });
      await expectProblem(res, 403, "forbidden");
    }
  });

  it("analysts, managers and shoppers get 403 to decide, before the body is read", async () => {
    const dispute = await raised(await publishedReport(), ["a2"]);
    for (const person of ["analyst", "manager", "regional", "shopper"] as const) {
      const res = await api(`/api/v1/disputes/${dispute.id}/decisions`, {
        cookie: org.people[person].cookie,
        body: { x: 1 },
      });
      await expectProblem(res, 403, "forbidden");
    }
  });

  it("the report's own reviewer gets 403 conflict_of_interest; another arbiter decides", async () => {
    const reviewed = await createOrganization();
    const v = await publishChecklistAs(reviewed.as.admin, disputeChecklist());
    const id = await publishedReport("north1", "shopper", reviewed, v);
    const routes = reviewed.as.reviewer.api.v1.audits[":id"];
    const claimed = await expectOk(await routes.claim.$post({ param: { id }, json: { version: 1 } }), 200);
    await expectOk(await routes.publish.$post({ param: { id }, json: { version: claimed.version } }), 200);
    const dispute = await raised(id, ["a2"], reviewed.as.manager);
    await expectProblem(await decide(reviewed.as.reviewer, dispute, { a2: "overturned" }), 403, "conflict_of_interest");
    await expectOk(await decide(reviewed.as.admin, dispute, { a2: "overturned" }), 200);
    await expectRollupsRebuilt(reviewed);
  });
});

describe("the window, versions and the one open dispute", () => {
  it("closes windowDays after publication: 409 dispute_window_closed (its last moment still open)", async () => {
    const id = await publishedReport();
    const now = Date.now();
    // Just inside: published 7 days less a minute ago.
    await db()
      .update(audits)
      .set({ publishedAt: now - 7 * DAY + 60_000 })
      .where(eq(audits.id, id));
    const body = await readAs(org.as.manager, id);
    expect(body.dispute?.open).toBe(true);
    // Outside: published 7 days and a minute ago.
    await db()
      .update(audits)
      .set({ publishedAt: now - 7 * DAY - 60_000 })
      .where(eq(audits.id, id));
    expect((await readAs(org.as.manager, id)).dispute?.open).toBe(false);
    await expectProblem(await raise(org.as.manager, id, because(["a2"])), 409, "dispute_window_closed");
  });

  it("one open dispute per report: a second is 409 dispute_open", async () => {
    const id = await publishedReport();
    await raised(id, ["a2"]);
    await expectProblem(await raise(org.as.regional, id, because(["b2"])), 409, "dispute_open");
    expect((await readAs(org.as.manager, id)).dispute).toMatchObject({ open: false, disputable: ["a3", "b2"] });
  });

  it("concurrent raises: the partial unique index lets exactly one through", async () => {
    const id = await publishedReport();
    const results = await Promise.all([
      raise(org.as.manager, id, because(["a2"])),
      raise(org.as.regional, id, because(["b2"])),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("stale versions are 409 stale_version; a decided dispute is 409 invalid_state", async () => {
    const dispute = await raised(await publishedReport(), ["a2"]);
    const stale = await expectProblem(
      await decide(org.as.reviewer, { ...dispute, version: 5 }, { a2: "upheld" }),
      409,
      "stale_version",
    );
    expect(stale).toMatchObject({ version: 1 });
    const decided = await expectOk(await decide(org.as.reviewer, dispute, { a2: "upheld" }), 200);
    await expectProblem(await decide(org.as.reviewer, dispute, { a2: "overturned" }), 409, "stale_version");
    await expectProblem(await decide(org.as.reviewer, decided, { a2: "overturned" }), 409, "invalid_state");
  });

  it("two arbiters deciding at once: one wins, the other is 409 stale_version, roll-ups move once", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    const results = await Promise.all([
      decide(org.as.reviewer, dispute, { a2: "overturned" }),
      decide(org.as.admin, dispute, { a2: "not_applicable" }, "void"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await expectRollupsRebuilt();
    const events = await subjectEventsQuery(db(), org.id, "dispute", dispute.id);
    expect(events.map((e) => e.type)).toEqual(["dispute.raised", "dispute.decided"]);
  });

  it("a dispute or report that moved on since it was read refuses the decision as a whole (chained guards)", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    const database = db();
    const [row] = await database.select().from(audits).where(eq(audits.id, id));
    if (!row) throw new Error("no report");
    const set = {
      decidedBy: org.people.reviewer.id,
      decidedAt: Date.now(),
      reportOutcome: null,
      reshopAssignmentId: null,
      scoreBefore: 37.5,
      scoreAfter: 50,
    };
    const attempt = async (disputeAt: number, reportAt: number) => {
      const [head] = await chainHeadQuery(database, org.id);
      const draft = { type: "dispute.decided" as const, subject: { type: "dispute", id: dispute.id }, payload: {} };
      const chained = await chainEvents(head ?? null, [draft], { organizationId: org.id, at: Date.now(), actor: null });
      return database.batch([
        decideDisputeStatement(database, org.id, dispute.id, disputeAt, set),
        ruleReportStatement(database, { organizationId: org.id, id, version: reportAt }, { score: 50 }),
        ...appendEventStatements(database, chained, { guarded: true }),
      ]);
    };
    // The report moved on; then the dispute moved on (the report as read): neither writes anything.
    await expect(attempt(1, row.version + 1)).rejects.toThrow(/NOT NULL constraint failed: events.seq/);
    await expect(attempt(2, row.version)).rejects.toThrow(/NOT NULL constraint failed: events.seq/);
    const again = await expectOk(await org.as.reviewer.api.v1.disputes[":id"].$get({ param: { id: dispute.id } }), 200);
    expect(again).toMatchObject({ status: "open", version: 1 });
    const body = await readAs(org.as.manager, id);
    expect([body.score, body.version]).toEqual([37.5, row.version]);
  });

  it("every disputed item gets exactly one outcome (400, nothing changes)", async () => {
    const dispute = await raised(await publishedReport(), ["a2", "b2"]);
    const missing = await expectProblem(
      await decide(org.as.reviewer, dispute, { a2: "upheld" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(missing)).toEqual(["items:required"]);
    const other = await expectProblem(
      await decide(org.as.reviewer, dispute, { a2: "upheld", b2: "upheld", a1: "upheld" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(other)).toEqual(["items[2].itemKey:unknown_reference"]);
    const again = await expectOk(await org.as.reviewer.api.v1.disputes[":id"].$get({ param: { id: dispute.id } }), 200);
    expect(again).toMatchObject({ status: "open", version: 1 });
  });

  it("items that did not lose points, unknown items and photos not uploaded by the caller are 400", async () => {
    const id = await publishedReport();
    const problem = await expectProblem(
      await raise(org.as.manager, id, [
        { itemKey: "a1", reason: "It passed anyway." },
        { itemKey: "zz", reason: "No such item." },
        { itemKey: "a2", reason: "See the photo.", evidence: "0".repeat(64) },
      ]),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "items[0].itemKey:not_allowed",
      "items[1].itemKey:unknown_reference",
      "items[2].evidence:required",
    ]);
    expect((await readAs(org.as.manager, id)).disputes).toEqual([]);
  });

  it("a decided item cannot be disputed again; other items may be, inside the window", async () => {
    const id = await publishedReport();
    const first = await raised(id, ["b2"]);
    await expectOk(await decide(org.as.reviewer, first, { b2: "upheld" }), 200);
    const again = await expectProblem(await raise(org.as.manager, id, because(["b2"])), 400, "validation_failed");
    expect(fieldErrors(again)).toEqual(["items[0].itemKey:not_allowed"]);
    expect((await readAs(org.as.manager, id)).dispute).toMatchObject({ open: true, disputable: ["a2", "a3"] });
    const second = await raised(id, ["a2"]);
    await expectOk(await decide(org.as.reviewer, second, { a2: "overturned" }), 200);
    const body = await readAs(org.as.manager, id);
    expect(body.disputes.map((d) => d.id)).toEqual([first.id, second.id]);
    expect(body.score).toBe(50);
    await expectRollupsRebuilt();
  });
});

describe("what each reader sees", () => {
  it("arbitration is blind; head office sees the arbiter; branch staff and the shopper see no head-office names", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    const read = async (person: PersonKey) =>
      expectOk(await org.as[person].api.v1.disputes[":id"].$get({ param: { id: dispute.id } }), 200);
    expect((await read("reviewer")).raisedBy).toBeNull();
    expect((await read("admin")).raisedBy).toBeNull();
    expect((await read("analyst")).raisedBy).toEqual({ name: org.people.manager.displayName });
    expect((await read("regional")).raisedBy).toEqual({ name: org.people.manager.displayName });
    await expectOk(await decide(org.as.reviewer, dispute, { a2: "overturned" }), 200);
    expect((await read("analyst")).decidedBy).toEqual({ name: org.people.reviewer.displayName });
    expect((await read("manager")).decidedBy).toBeNull();
    // The shopper reads the outcome on the report, with the arbiter's reason, and no names at all.
    const mine = await readAs(org.as.shopper, id);
    expect(mine.disputes[0]).toMatchObject({
      raisedBy: null,
      decidedBy: null,
      items: [{ itemKey: "a2", outcome: "overturned", decisionReason: "Checked a2." }],
    });
    const text = JSON.stringify(mine.disputes);
    expect(text).not.toContain(org.people.manager.displayName);
    expect(text).not.toContain(org.people.reviewer.displayName);
    // Shoppers do not list disputes; a manager of another branch cannot read this one.
    await expectProblem(await org.as.shopper.api.v1.disputes.$get({ query: {} }), 403, "forbidden");
  });

  it("lists are scoped and ordered: open ones oldest first as a queue, others newest first", async () => {
    const north = await raised(await publishedReport(), ["a2"]);
    const queue = await expectOk(await org.as.reviewer.api.v1.disputes.$get({ query: { status: "open" } }), 200);
    const raisedAts = queue.items.map((d) => d.raisedAt);
    expect(raisedAts).toEqual([...raisedAts].sort());
    expect(queue.items.map((d) => d.id)).toContain(north.id);
    const all = await expectOk(await org.as.analyst.api.v1.disputes.$get({ query: {} }), 200);
    const newest = all.items.map((d) => d.raisedAt);
    expect(newest).toEqual([...newest].sort().reverse());
    const mine = await expectOk(await org.as.manager.api.v1.disputes.$get({ query: {} }), 200);
    expect(mine.items.every((d) => d.branch.id === org.branchIds.north1)).toBe(true);
    // Each names the day of its report's visit, in the branch's calendar: one branch's disputes told apart.
    const visited = (await readAs(org.as.manager, north.auditId)).visitStartedAt;
    expect(mine.items.find((d) => d.id === north.id)?.visitDate).toBe(localDate(Date.parse(visited), "Asia/Shanghai"));
    // Pages follow the cursor without repeats.
    const first = await expectOk(await org.as.analyst.api.v1.disputes.$get({ query: { limit: "2" } }), 200);
    expect(first.items).toHaveLength(2);
    const second = await expectOk(
      await org.as.analyst.api.v1.disputes.$get({ query: { limit: "2", cursor: first.nextCursor ?? "" } }),
      200,
    );
    expect(second.items[0]?.id).toBe(all.items[2]?.id);
    // Another branch's manager: not there.
    const eastReport = await publishedReport("east1");
    await expectProblem(await raise(org.as.manager, eastReport, because(["a2"])), 404, "not_found");
  });

  it("a dispute's photo: cited by its uploader, served to its readers only", async () => {
    const id = await publishedReport();
    const bytes = uniqueJpeg();
    const { res, sha256 } = await uploadEvidence(org.people.manager.cookie, bytes);
    expect([200, 201]).toContain(res.status);
    // Someone else's upload cannot be cited.
    const other = await uploadEvidence(org.people.shopper.cookie, TINY_PNG, "image/png");
    const refused = await expectProblem(
      await raise(org.as.regional, id, [{ itemKey: "a2", reason: "Photo.", evidence: other.sha256 }]),
      400,
      "validation_failed",
    );
    expect(fieldErrors(refused)).toEqual(["items[0].evidence:required"]);
    const dispute = await expectOk(
      await raise(org.as.manager, id, [{ itemKey: "a2", reason: "The photo shows the greeting.", evidence: sha256 }]),
      201,
    );
    expect(dispute.items[0]?.evidence).toEqual({ sha256, url: `/api/v1/disputes/${dispute.id}/evidence/${sha256}` });
    const photo = await api(`/api/v1/disputes/${dispute.id}/evidence/${sha256}`, {
      cookie: org.people.reviewer.cookie,
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    // A photo the dispute does not hold, and a reader outside the scope: 404.
    const notHeld = await api(`/api/v1/disputes/${dispute.id}/evidence/${other.sha256}`, {
      cookie: org.people.admin.cookie,
    });
    expect(notHeld.status).toBe(404);
    const shopper = await api(`/api/v1/disputes/${dispute.id}/evidence/${sha256}`, {
      cookie: org.people.shopper.cookie,
    });
    expect(shopper.status).toBe(403);
  });

  it("a decision notifies the raiser, the branch's managers and the shopper, with no names", async () => {
    const id = await publishedReport();
    const dispute = await raised(id, ["a2"]);
    await expectOk(await decide(org.as.reviewer, dispute, { a2: "overturned" }), 200);
    const rows = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.organizationId, org.id), eq(notifications.subjectId, dispute.id)));
    const people = Object.fromEntries(Object.entries(org.people).map(([key, p]) => [p.id, key]));
    expect(rows.map((r) => people[r.userId]).sort()).toEqual(["manager", "regional", "shopper"]);
    for (const row of rows) {
      expect(row.kind).toBe("dispute_decided");
      expect(row.payload).toEqual({
        disputeId: dispute.id,
        auditId: id,
        branchId: org.branchIds.north1,
        // The branch's name is added by notifyStatements (the shopper may know the branch).
        branch: {
          id: org.branchIds.north1,
          code: expect.any(String),
          name: { en: expect.any(String), zh: expect.any(String) },
        },
        score: { before: 37.5, after: 50 },
        reportOutcome: null,
      });
    }
  });
});

describe("figures", () => {
  it("per branch and per shopper: rate per report, upheld and overturned rates, median days to decide", async () => {
    const f = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(f.as.admin, disputeChecklist());
    const [r1, r2] = [
      await publishedReport("north1", "shopper", f, v),
      await publishedReport("north1", "shopper", f, v),
    ];
    await publishedReport("north1", "shopper", f, v);
    const r4 = await publishedReport("east1", "shopper", f, v);
    const d1 = await raised(r1, ["a2", "b2"], f.as.manager);
    await expectOk(await decide(f.as.reviewer, d1, { a2: "overturned", b2: "upheld" }), 200);
    const d2 = await raised(r2, ["a3"], f.as.regional);
    await expectOk(await decide(f.as.admin, d2, { a3: "not_applicable" }, "void"), 200);
    // East has no manager of its own here: its report stays undisputed (north's regional manager may not).
    await expectProblem(await raise(f.as.regional, r4, because(["a2"])), 404, "not_found");
    const t = Date.now();
    await db()
      .update(disputes)
      .set({ raisedAt: t - 2 * DAY, decidedAt: t })
      .where(eq(disputes.id, d1.id));
    await db()
      .update(disputes)
      .set({ raisedAt: t - 4 * DAY, decidedAt: t })
      .where(eq(disputes.id, d2.id));
    const month = localDate(Date.now(), "Asia/Shanghai").slice(0, 7);
    const byBranch = await expectOk(
      await f.as.analyst.api.v1.disputes.figures.$get({ query: { groupBy: "branch", from: month, to: month } }),
      200,
    );
    const row = (id: string) => byBranch.rows.find((r) => r.id === id);
    expect(row(f.branchIds.north1)).toEqual({
      id: f.branchIds.north1,
      name: { en: "Wangfujing", zh: "王府井店" },
      reports: 3,
      disputes: 2,
      rate: 2 / 3,
      items: 3,
      upheld: 1,
      upheldRate: 1 / 3,
      overturned: 1,
      overturnedRate: 1 / 3,
      medianDaysToDecide: 3,
    });
    expect(row(f.branchIds.east1)).toMatchObject({ reports: 1, disputes: 0, rate: 0, items: 0, upheldRate: null });
    expect(row(f.branchIds.north2)).toMatchObject({ reports: 0, rate: null, medianDaysToDecide: null });
    const byShopper = await expectOk(
      await f.as.admin.api.v1.disputes.figures.$get({ query: { groupBy: "shopper", from: month, to: month } }),
      200,
    );
    expect(byShopper.rows).toEqual([
      {
        id: f.people.shopper.id,
        name: f.people.shopper.displayName,
        reports: 4,
        disputes: 2,
        rate: 0.5,
        items: 3,
        upheld: 1,
        upheldRate: 1 / 3,
        overturned: 1,
        overturnedRate: 1 / 3,
        medianDaysToDecide: 3,
      },
    ]);
    // A manager gets their branches, per branch only; another period has nothing.
    const mine = await expectOk(
      await f.as.manager.api.v1.disputes.figures.$get({ query: { from: month, to: month } }),
      200,
    );
    expect(mine.rows.map((r) => r.id)).toEqual([f.branchIds.north1]);
    await expectProblem(
      await f.as.manager.api.v1.disputes.figures.$get({ query: { groupBy: "shopper" } }),
      403,
      "forbidden",
    );
    await expectProblem(await f.as.shopper.api.v1.disputes.figures.$get({ query: {} }), 403, "forbidden");
    const old = await expectOk(
      await f.as.analyst.api.v1.disputes.figures.$get({ query: { from: "2020-01", to: "2020-02" } }),
      200,
    );
    expect(old.rows.every((r) => r.reports === 0 && r.disputes === 0)).toBe(true);
  });
});

describe("D1 budgets", () => {
  it("raising and deciding each cost at most 3 round trips, every statement under 100 parameters", async () => {
    const id = await publishedReport();
    const raiser = counted(org.people.manager.cookie);
    const dispute = await expectOk(await raise(raiser.as, id, because(["a2", "a3", "b2"])), 201);
    expect(raiser.stats.roundTrips).toBeLessThanOrEqual(3);
    expect(raiser.stats.maxParams).toBeLessThanOrEqual(100);
    const arbiter = counted(org.people.reviewer.cookie);
    await expectOk(
      await decide(arbiter.as, dispute, { a2: "overturned", a3: "not_applicable", b2: "upheld" }, "reshop"),
      200,
    );
    expect(arbiter.stats.roundTrips).toBeLessThanOrEqual(3);
    expect(arbiter.stats.maxParams).toBeLessThanOrEqual(100);
  });
});
