/**
 * The review API: every action by every role on a report in every state answers exactly what
 * the state machine (`reviewTransition`) says, so no transition outside it is possible; versions,
 * events, roll-ups, receipts, replies' idempotency, the queue, history redaction, the impact
 * preview, and the D1 budgets of publish and edit.
 */
import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { rollupScores } from "../../schema";
import { subjectEventsQuery } from "../../worker/data/events";
import { type Action, decide } from "../../worker/domain/policy";
import { REVIEW_ACTIONS, type ReviewAction, reviewTransition } from "../../worker/domain/review";
import { checkReceipt, receiptPublicKey } from "../../worker/lib/receipts";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, fieldErrors } from "./helpers";
import { type Audit, planVisit, readAudit, readVersion, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let store: Version;

const PEOPLE: PersonKey[] = ["admin", "analyst", "regional", "manager", "reviewer", "shopper", "shopper2"];

function cookie(person: PersonKey): string {
  return org.people[person].cookie;
}

beforeAll(async () => {
  org = await createOrganization();
  store = await readVersion(org.as.admin, org.versionIds.store);
  // Every report waits for review (the factory's organisation starts with the default: all).
  const settings = await expectOk(await org.as.admin.api.v1.organization.$get(), 200);
  expect(settings.reviewPolicy).toBe("all");
});

/** A submitted report (waiting) by `shopper` at Wangfujing (north1). */
async function submitWaiting(): Promise<Audit> {
  const assignment = await planVisit(org, org.versionIds.store);
  const res = await submitReport(
    org.as.shopper,
    crypto.randomUUID(),
    report(assignment, completeAnswers(store.document)),
  );
  return expectOk(res, 201);
}

type AuditRoutes = Client["api"]["v1"]["audits"][":id"];
type EditInput = InferRequestType<AuditRoutes["answers"][":itemKey"]["$patch"]>["json"];
type ReturnInput = InferRequestType<AuditRoutes["return"]["$post"]>["json"];
type RepliesInput = InferRequestType<AuditRoutes["replies"]["$post"]>["json"];

/** The reviewer's edit of `editItem()` (a failure with a comment and a reason), with `overrides`. */
function editAs(person: PersonKey, audit: Audit, overrides: Partial<EditInput> = {}, itemKey = editItem().key) {
  return org.as[person].api.v1.audits[":id"].answers[":itemKey"].$patch({
    param: { id: audit.id, itemKey },
    json: {
      value: false,
      comment: "Nobody greeted me.",
      reason: "The photo shows an empty counter.",
      version: audit.version,
      ...overrides,
    },
  });
}

/** One question about `editItem()`, with `overrides`. */
function returnAs(person: PersonKey, audit: Audit, overrides: Partial<ReturnInput> = {}) {
  return org.as[person].api.v1.audits[":id"].return.$post({
    param: { id: audit.id },
    json: {
      version: audit.version,
      questions: [{ itemKey: editItem().key, text: "Was the greeting really prompt?" }],
      ...overrides,
    },
  });
}

/** Replies as the phone sends them (a fresh client id unless given). */
function replyAs(person: PersonKey, audit: Pick<Audit, "id">, json: RepliesInput) {
  return org.as[person].api.v1.audits[":id"].replies.$post({ param: { id: audit.id }, json });
}

/** Sends `action` on `audit` as `person`, with the body that action takes (typed per route). */
function act(person: PersonKey, action: ReviewAction, audit: Audit) {
  const routes = org.as[person].api.v1.audits[":id"];
  const param = { id: audit.id };
  const version = audit.version;
  switch (action) {
    case "claim":
      return routes.claim.$post({ param, json: { version } });
    case "release":
      return routes.release.$post({ param, json: { version } });
    case "publish":
      return routes.publish.$post({ param, json: { version } });
    case "reject":
      return routes.reject.$post({ param, json: { version, reason: "Checked twice." } });
    case "reopen":
      return routes.reopen.$post({ param, json: { version, reason: "Checked twice." } });
    case "return":
      return returnAs(person, audit);
    case "reply":
      return replyAs(person, audit, {
        clientId: `c-${crypto.randomUUID()}`,
        replies: [{ questionId: audit.questions?.at(-1)?.id ?? crypto.randomUUID(), text: "Yes, within a minute." }],
      });
    case "edit":
      return editAs(person, audit);
  }
}

/** A scored yes/no item whose failure needs at most a comment (a reviewer cannot add photos). */
function editItem() {
  const item = store.document.sections
    .flatMap((s) => s.items)
    .find((i) => i.kind === "yes_no" && i.weight > 0 && i.evidenceOnFail !== "photo" && i.critical === "none");
  if (!item) throw new Error("no editable yes/no item in the default store checklist");
  return item;
}

/** The report a successful review action answers (an edit wraps it in `{ audit, version, score }`). */
async function ok(res: Awaited<ReturnType<typeof act>>): Promise<Audit> {
  const body = await expectOk(res, 200);
  return "audit" in body ? body.audit : body;
}

/** A report in `state`: waiting, claimed (by the reviewer, or the admin), returned, published, rejected. */
type Setup = "waiting" | "claimed" | "claimed_by_admin" | "returned" | "published" | "rejected";
async function reportIn(state: Setup): Promise<Audit> {
  let audit = await submitWaiting();
  if (state === "waiting") return audit;
  audit = await ok(await act(state === "claimed_by_admin" ? "admin" : "reviewer", "claim", audit));
  if (state === "claimed" || state === "claimed_by_admin") return audit;
  if (state === "returned") return ok(await act("reviewer", "return", audit));
  if (state === "published") return ok(await act("reviewer", "publish", audit));
  return ok(await act("reviewer", "reject", audit));
}

const POLICY_ACTION: Record<ReviewAction, Action> = {
  claim: "review",
  release: "review",
  edit: "review",
  return: "review",
  publish: "review",
  reject: "review",
  reopen: "reopen",
  reply: "reply",
};

/** What the API must answer: the policy's role check, then visibility, then the machine. */
function expected(person: PersonKey, action: ReviewAction, audit: Audit, claimedBy: string | null) {
  const p = org.people[person];
  const actor = { userId: p.id, organizationId: org.id, role: p.role, regionIds: [], branchIds: [] };
  if (decide(actor, POLICY_ACTION[action], { type: "audit" }) !== "allow") return { status: 403, code: "forbidden" };
  const visible = decide(actor, "read", {
    type: "audit",
    shopperId: org.people.shopper.id,
    branchId: org.branchIds.north1,
    regionId: org.regionIds.north,
    published: audit.status === "published",
  });
  if (visible === "not_found") return { status: 404, code: "not_found" };
  const t = reviewTransition({ status: audit.status, claimedBy, shopperId: org.people.shopper.id }, action, {
    userId: p.id,
    role: p.role,
  });
  if (t.ok) return { status: 200, code: "ok", next: t.next.status };
  return { status: t.refusal === "forbidden" ? 403 : 409, code: t.refusal };
}

describe("no transition outside the machine", () => {
  const setups: Setup[] = ["waiting", "claimed", "claimed_by_admin", "returned", "published", "rejected"];
  for (const setup of setups) {
    it(`every action by every role on a ${setup} report answers what reviewTransition says`, async () => {
      const claimer = (key: PersonKey) => org.people[key].id;
      for (const action of REVIEW_ACTIONS) {
        let audit = await reportIn(setup);
        const claimedBy =
          setup === "claimed" ? claimer("reviewer") : setup === "claimed_by_admin" ? claimer("admin") : null;
        // Refusals change nothing, so they are all tried on one report; each success needs its own.
        const plans = PEOPLE.map((person) => ({ person, want: expected(person, action, audit, claimedBy) }));
        const refusals = plans.filter((p) => p.want.status !== 200);
        const successes = plans.filter((p) => p.want.status === 200);
        for (const { person, want } of refusals) {
          const res = await act(person, action, audit);
          await expectProblem(res, want.status, want.code);
        }
        for (const [index, { person, want }] of successes.entries()) {
          if (index > 0) audit = await reportIn(setup);
          const after = await ok(await act(person, action, audit));
          expect(after.status, `${person} ${action} on ${setup}`).toBe(want.next);
          expect(after.version).toBe(audit.version + 1);
        }
      }
    });
  }
});

describe("versions", () => {
  it("a stale version gets 409 stale_version with the current version, and changes nothing", async () => {
    const audit = await reportIn("claimed");
    const edited = await ok(await act("reviewer", "edit", audit));
    const problem = await expectProblem(await act("reviewer", "publish", audit), 409, "stale_version");
    expect((problem as { version?: number }).version).toBe(edited.version);
    const stored = await expectOk(await readAudit(org.as.admin, audit.id), 200);
    expect(stored).toMatchObject({ status: "claimed", version: edited.version });
  });

  it("a returned report leads the shopper's list, however many visits came after it, and only once", async () => {
    const own = await createOrganization();
    const version = await readVersion(own.as.admin, own.versionIds.store);
    const send = async () => {
      const assignment = await planVisit(own, own.versionIds.store);
      const res = await submitReport(
        own.as.shopper,
        crypto.randomUUID(),
        report(assignment, completeAnswers(version.document)),
      );
      return { assignment, audit: await expectOk(res, 201) };
    };
    const first = await send();
    const routes = own.as.reviewer.api.v1.audits[":id"];
    const claimed = await expectOk(
      await routes.claim.$post({ param: { id: first.audit.id }, json: { version: 1 } }),
      200,
    );
    await expectOk(
      await routes.return.$post({
        param: { id: first.audit.id },
        json: { version: claimed.version, questions: [{ text: "Which till was it?" }] },
      }),
      200,
    );
    for (let i = 0; i < 6; i++) await send();
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = await expectOk(await own.as.shopper.api.v1.assignments.$get({ query: { limit: "5" } }), 200);
    expect(page.items.find((a) => a.id === first.assignment.id)?.audit?.status).toBe("returned");
    for (;;) {
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
      page = await expectOk(await own.as.shopper.api.v1.assignments.$get({ query: { limit: "5", cursor } }), 200);
    }
    expect(seen.filter((id) => id === first.assignment.id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(7);
  });

  it("organisation settings: read by everyone, changed by admins with a version, recorded", async () => {
    const own = await createOrganization();
    const settings = (person: PersonKey) => own.as[person].api.v1.organization;
    const current = await expectOk(await settings("shopper").$get(), 200);
    expect(current).toMatchObject({
      reviewPolicy: "all",
      reviewSlaHours: 48,
      disputeWindowDays: 7,
      actionsOnCritical: true,
      rotationLockoutDays: 90,
      maxVisitsPerDay: 2,
      maxVisitsPerWeek: 8,
      version: 1,
    });
    // Raw: an unknown field and an unknown policy are what the typed client cannot send (the
    // role is refused before the body is read; the policy is judged per field).
    await expectProblem(
      await api("/api/v1/organization", { method: "PATCH", cookie: own.people.reviewer.cookie, body: { nonsense: 1 } }),
      403,
      "forbidden",
    );
    const bad = await expectProblem(
      await api("/api/v1/organization", {
        method: "PATCH",
        cookie: own.people.admin.cookie,
        body: { reviewPolicy: "some", version: 1 },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["reviewPolicy:invalid_value"]);
    const outOfRange = await expectProblem(
      await api("/api/v1/organization", {
        method: "PATCH",
        cookie: own.people.admin.cookie,
        body: { disputeWindowDays: 0, actionsOnCritical: "yes", version: 1 },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(outOfRange).sort()).toEqual(["actionsOnCritical:invalid_type", "disputeWindowDays:too_small"]);
    const changed = await expectOk(
      await settings("admin").$patch({
        json: {
          reviewPolicy: "none",
          reviewSlaHours: 24,
          disputeWindowDays: 14,
          actionsOnCritical: false,
          rotationLockoutDays: 60,
          version: 1,
        },
      }),
      200,
    );
    expect(changed).toMatchObject({
      reviewPolicy: "none",
      reviewSlaHours: 24,
      disputeWindowDays: 14,
      actionsOnCritical: false,
      version: 2,
    });
    const stale = await expectProblem(
      await settings("admin").$patch({ json: { reviewPolicy: "flagged", version: 1 } }),
      409,
      "stale_version",
    );
    expect((stale as { version?: number }).version).toBe(2);
    const events = await subjectEventsQuery(db(), own.id, "organization", own.id);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      [
        "organization.settings_changed",
        {
          reviewPolicy: { from: "all", to: "none" },
          reviewSlaHours: { from: 48, to: 24 },
          disputeWindowDays: { from: 7, to: 14 },
          actionsOnCritical: { from: true, to: false },
          rotationLockoutDays: { from: 90, to: 60 },
        },
      ],
    ]);
  });
});

async function branchRollup(month: string) {
  const rows = await db()
    .select()
    .from(rollupScores)
    .where(
      and(
        eq(rollupScores.organizationId, org.id),
        eq(rollupScores.branchId, org.branchIds.north1),
        eq(rollupScores.month, month),
      ),
    );
  return rows.reduce((sum, r) => ({ audits: sum.audits + r.audits, scoreSum: sum.scoreSum + r.scoreSum }), {
    audits: 0,
    scoreSum: 0,
  });
}

describe("the workflow end to end", () => {
  it("claim, edit, return, reply, claim, publish, reopen: roll-ups move on publish and reopen only, events in order, receipt verifies", async () => {
    let audit = await submitWaiting();
    const stored = await expectOk(await readAudit(org.as.admin, audit.id), 200);
    const month = stored.visitStartedAt.slice(0, 7);
    const start = await branchRollup(month);

    audit = await ok(await act("reviewer", "claim", audit));
    const edit = await expectOk(await editAs("reviewer", audit), 200);
    expect(edit.score.before).toBe(100);
    expect(edit.score.after).toBeLessThan(100);
    expect(edit.version).toBe(audit.version + 1);
    audit = edit.audit;
    expect(await branchRollup(month)).toEqual(start);

    audit = await ok(await act("reviewer", "return", audit));
    expect(audit.questions).toHaveLength(1);
    const shopperView = await expectOk(await readAudit(org.as.shopper, audit.id), 200);
    expect(shopperView.status).toBe("returned");
    expect(shopperView.claimedBy).toBeUndefined();
    audit = await ok(await act("shopper", "reply", audit));
    expect(audit).toMatchObject({ status: "waiting" });
    expect(audit.replies).toHaveLength(1);
    expect(await branchRollup(month)).toEqual(start);

    audit = await ok(await act("reviewer", "claim", audit));
    audit = await ok(await act("reviewer", "publish", audit));
    expect(audit.status).toBe("published");
    const published = await branchRollup(month);
    expect(published.audits).toBe(start.audits + 1);
    expect(published.scoreSum - start.scoreSum).toBe(Math.round((edit.score.after ?? Number.NaN) * 10_000));

    const receipt = audit.receipt;
    if (!receipt) throw new Error("a published report without a receipt");
    expect(receipt.reportId).toBe(audit.id);
    expect(await checkReceipt(receiptPublicKey(env.RECEIPT_SIGNING_KEY).x ?? "", receipt)).toBe(true);

    audit = await ok(await act("admin", "reopen", audit));
    expect(audit).toMatchObject({ status: "waiting", receipt: null });
    expect(await branchRollup(month)).toEqual(start);

    const events = await subjectEventsQuery(db(), org.id, "audit", audit.id);
    expect(events.map((e) => e.type)).toEqual([
      "audit.submitted",
      "audit.claimed",
      "audit.answer_edited",
      "audit.returned",
      "audit.replied",
      "audit.claimed",
      "audit.published",
      "audit.reopened",
    ]);
    const edited = events[2];
    expect(edited?.payload).toMatchObject({
      item: editItem().key,
      old: { value: true, na: false },
      new: { value: false, na: false, comment: "Nobody greeted me." },
      reason: "The photo shows an empty counter.",
      score: { before: 100, after: edit.score.after },
    });
    expect(events[6]).toMatchObject({ seq: receipt.seq, hash: receipt.chainHash });
    expect(events[7]?.payload).toMatchObject({ reason: "Checked twice.", receipt: { seq: receipt.seq } });
  });

  it("an admin takes a claim over, recorded with whom it was taken from", async () => {
    const audit = await reportIn("claimed");
    const taken = await ok(await act("admin", "claim", audit));
    expect(taken.claimedBy).toBe(org.people.admin.id);
    const events = await subjectEventsQuery(db(), org.id, "audit", audit.id);
    expect(events.at(-1)?.payload).toEqual({ takeover: true, from: org.people.reviewer.id });
  });

  it("reject: the shopper sees the reason, nothing counts", async () => {
    const audit = await reportIn("rejected");
    const seen = await expectOk(await readAudit(org.as.shopper, audit.id), 200);
    expect(seen).toMatchObject({ status: "rejected", rejectionReason: "Checked twice." });
    await expectProblem(await readAudit(org.as.manager, audit.id), 404, "not_found");
  });

  it("an edit is validated like a submission, per field", async () => {
    const audit = await reportIn("claimed");
    const bad = await expectProblem(await editAs("reviewer", audit, { value: "maybe" }), 400, "validation_failed");
    expect(fieldErrors(bad)).toEqual(["value:invalid_type"]);
    const unknown = await expectProblem(
      await editAs("reviewer", audit, { value: true, comment: undefined, reason: "x" }, "no_such_item"),
      400,
      "validation_failed",
    );
    expect(fieldErrors(unknown)).toEqual(["itemKey:unknown_reference"]);
    const noReason = await expectProblem(await editAs("reviewer", audit, { reason: "  " }), 400, "validation_failed");
    expect(fieldErrors(noReason)).toEqual(["reason:too_small"]);
    const stored = await expectOk(await readAudit(org.as.admin, audit.id), 200);
    expect(stored.version).toBe(audit.version);
  });

  it("return names only items of the checklist, 1..20 questions", async () => {
    const audit = await reportIn("claimed");
    const bad = await expectProblem(
      await returnAs("reviewer", audit, { questions: [{ itemKey: "nope", text: "?" }] }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["questions[0].itemKey:unknown_reference"]);
    await expectProblem(await returnAs("reviewer", audit, { questions: [] }), 400, "validation_failed");
  });
});

describe("replies from the phone", () => {
  it("are idempotent by client id: a replay answers 200 and changes nothing; other content under it is 409", async () => {
    const audit = await reportIn("returned");
    const question = audit.questions?.[0]?.id ?? "";
    const body = { clientId: `phone-${crypto.randomUUID()}`, replies: [{ questionId: question, text: "Yes." }] };
    const first = await ok(await replyAs("shopper", audit, body));
    const again = await ok(await replyAs("shopper", audit, body));
    expect(again).toEqual(first);
    await expectProblem(
      await replyAs("shopper", audit, { ...body, replies: [{ questionId: question, text: "No." }] }),
      409,
      "conflict",
    );
    const events = await subjectEventsQuery(db(), org.id, "audit", audit.id);
    expect(events.filter((e) => e.type === "audit.replied")).toHaveLength(1);
  });

  it("a reply must answer a question of the report", async () => {
    const audit = await reportIn("returned");
    const bad = await expectProblem(
      await replyAs("shopper", audit, {
        clientId: `phone-${crypto.randomUUID()}`,
        replies: [{ questionId: "nope", text: "?" }],
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["replies[0].questionId:unknown_reference"]);
  });
});

type QueueQuery = InferRequestType<Client["api"]["v1"]["review-queue"]["$get"]>["query"];

describe("the queue", () => {
  it("lists waiting, claimed (by whom) and returned oldest first, pages by cursor, filters, counts", async () => {
    const own = await createOrganization();
    const saved = org;
    org = own;
    try {
      const reports = [
        await reportIn("waiting"),
        await reportIn("claimed"),
        await reportIn("returned"),
        await reportIn("published"),
      ];
      const page = async (query: QueueQuery, person: PersonKey = "reviewer") =>
        org.as[person].api.v1["review-queue"].$get({ query });
      const all = await expectOk(await page({ counts: "true" }), 200);
      expect(all.items.map((i) => i.id)).toEqual(reports.slice(0, 3).map((r) => r.id));
      expect(all.items[1]?.claimedBy).toEqual({ id: own.people.reviewer.id, name: own.people.reviewer.displayName });
      expect(all.items[0]?.sla).toBe("on_time");
      expect(all.counts).toEqual({ waiting: 1, overdue: 0, claimedByMe: 1, returned: 1 });

      const first = await expectOk(await page({ limit: "2" }), 200);
      expect(first.items.map((i) => i.id)).toEqual(reports.slice(0, 2).map((r) => r.id));
      // Counts only when asked: they read every state's whole range.
      expect(first.counts).toBeNull();
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await expectOk(await page({ limit: "2", cursor: first.nextCursor ?? "" }), 200);
      expect(second).toMatchObject({ items: [{ id: reports[2]?.id }], nextCursor: null, counts: null });

      const mine = await expectOk(await page({ claimedByMe: "true" }), 200);
      expect(mine.items.map((i) => i.id)).toEqual([reports[1]?.id]);
      const elsewhere = await expectOk(await page({ branchId: own.branchIds.east1 }), 200);
      expect(elsewhere.items).toEqual([]);
      const region = await expectOk(await page({ regionId: own.regionIds.north, status: "returned" }), 200);
      expect(region.items).toHaveLength(1);
      await expectProblem(await page({}, "manager"), 403, "forbidden");
      await expectProblem(await page({}, "shopper"), 403, "forbidden");
      // Raw: a state the queue does not hold is what the typed client cannot ask for.
      const bad = await expectProblem(
        await api("/api/v1/review-queue?status=published", { cookie: cookie("reviewer") }),
        400,
        "validation_failed",
      );
      expect(fieldErrors(bad)).toEqual(["status:invalid_value"]);
    } finally {
      org = saved;
    }
  });
});

describe("history and impact", () => {
  it("head office sees names and everything; the shopper no reviewer names; a manager only the published content's changes, never the shopper", async () => {
    let audit = await reportIn("claimed");
    audit = await ok(await act("reviewer", "edit", audit));
    audit = await ok(await act("reviewer", "publish", audit));
    const historyOf = (person: PersonKey, id: string) =>
      org.as[person].api.v1.audits[":id"].history.$get({ param: { id } });
    const history = async (person: PersonKey) => (await expectOk(await historyOf(person, audit.id), 200)).items;
    const full = await history("reviewer");
    expect(full.map((e) => e.type)).toEqual([
      "audit.submitted",
      "audit.claimed",
      "audit.answer_edited",
      "audit.published",
    ]);
    expect(full[2]?.actor).toEqual({
      id: org.people.reviewer.id,
      name: org.people.reviewer.displayName,
      role: "reviewer",
    });

    const shopper = await history("shopper");
    expect(shopper).toHaveLength(4);
    expect(shopper.every((e) => e.actor?.name === null || e.actor === null)).toBe(true);
    expect(shopper[2]?.actor?.id).toBeNull();

    const manager = await history("manager");
    expect(manager.map((e) => e.type)).toEqual(["audit.submitted", "audit.answer_edited", "audit.published"]);
    expect(manager[0]).toMatchObject({ actor: null, payload: {} });
    expect(manager[1]).toMatchObject({
      actor: { id: null, name: null, role: "reviewer" },
      payload: { reason: "The photo shows an empty counter." },
    });
    const text = JSON.stringify(manager);
    expect(text).not.toContain(org.people.shopper.id);
    expect(text).not.toContain(org.people.reviewer.id);
    expect(text).not.toContain("assignmentId");

    const waiting = await reportIn("waiting");
    await expectProblem(await historyOf("manager", waiting.id), 404, "not_found");
    await expectProblem(await historyOf("shopper2", waiting.id), 404, "not_found");
  });

  it("impact: the score change and the branch's period mean and rank, from the roll-ups", async () => {
    const own = await createOrganization();
    const saved = org;
    org = own;
    try {
      const impactOf = (person: PersonKey, id: string) =>
        org.as[person].api.v1.audits[":id"].impact.$get({ param: { id } });
      const first = await reportIn("published"); // north1 at 100 this month
      let audit = await reportIn("claimed");
      audit = await ok(await act("reviewer", "edit", audit));
      const impact = await expectOk(await impactOf("reviewer", audit.id), 200);
      expect(impact.score.submitted).toBe(100);
      expect(impact.score.current).toBe(audit.score);
      expect(impact.period.before).toMatchObject({ mean: 100, rank: 1, branches: 1 });
      expect(impact.period.after.mean).toBeCloseTo((100 + (audit.score ?? 0)) / 2, 3);
      expect(first.status).toBe("published");
      await expectProblem(await impactOf("reviewer", first.id), 409, "invalid_state");
      await expectProblem(await impactOf("analyst", audit.id), 403, "forbidden");
    } finally {
      org = saved;
    }
  });
});

// --- D1 budgets -------------------------------------------------------------------------------

describe("D1 budgets", () => {
  it("an edit and a publish each take at most 3 round trips, session included", async () => {
    let audit = await reportIn("claimed");
    const edit = counted(cookie("reviewer"));
    const edited = await edit.as.api.v1.audits[":id"].answers[":itemKey"].$patch({
      param: { id: audit.id, itemKey: editItem().key },
      json: { value: false, comment: "No greeting.", reason: "Photo.", version: audit.version },
    });
    audit = await ok(edited);
    expect(edit.stats.roundTrips).toBeLessThanOrEqual(3);
    const publish = counted(cookie("reviewer"));
    const published = await publish.as.api.v1.audits[":id"].publish.$post({
      param: { id: audit.id },
      json: { version: audit.version },
    });
    expect((await ok(published)).status).toBe("published");
    expect(publish.stats.roundTrips).toBeLessThanOrEqual(3);
  });
});
