/**
 * Corrective actions (docs/ACTIONS.md): creation from failed items of a published report (who,
 * which items, owner, due date), every status step and its refusals, stale versions, events in
 * the trail, the next visit's judgement (verified by the visit, or reopened as a recurrence),
 * automatic actions for critical failures, the briefing's re-checks and the figures.
 */
import { and, eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { actionItems, actions, notifications } from "../../schema";
import { verifyChain } from "../../worker/data/audit-log";
import { subjectEventsQuery } from "../../worker/data/events";
import { addDays } from "../../worker/domain/actions";
import { localDate } from "../../worker/domain/audits";
import type { ScoreResult } from "../../worker/domain/scoring";
import { counted } from "./counting-d1";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import {
  api,
  completeAnswers,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  publishAuditRow,
  uniqueJpeg,
  uploadEvidence,
} from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let store: Version;

const FAILED = "greets_promptly";
const ALSO_FAILED = "smiles_and_eye_contact";
const PASSED = "introduces_self";
const CRITICAL = "no_disparaging_remarks";
const DAY = 86_400_000;

type CreateInput = InferRequestType<Client["api"]["v1"]["actions"]["$post"]>["json"];
type PatchInput = InferRequestType<Client["api"]["v1"]["actions"][":id"]["$patch"]>["json"];

const today = () => localDate(Date.now(), "Asia/Shanghai");

beforeAll(async () => {
  // Reports are published on arrival: every submission below counts at once.
  org = await createOrganization({ reviewPolicy: "none" });
  store = await readVersion(org.as.admin, org.versionIds.store);
});

/**
 * A published report at `branch` failing `failed` (everything else met). `startedAt` defaults
 * to an hour ago; a visit that must judge actions created just now starts now.
 */
async function publishedReport(
  failed: string[],
  options: { branch?: keyof TestOrganization["branchIds"]; startedAt?: number } = {},
) {
  const assignment = await planVisit(org, org.versionIds.store, {
    branchId: org.branchIds[options.branch ?? "north1"],
  });
  const answers = completeAnswers(store.document).map((a) =>
    failed.includes(a.item) ? { ...a, value: false, comment: "Not this time." } : a,
  );
  const start = options.startedAt ?? Date.now() - 3_600_000;
  const body = report(assignment, answers, {
    visitStartedAt: new Date(start).toISOString(),
    visitEndedAt: new Date(start + 60_000).toISOString(),
    location: { lat: 39.9, lng: 116.4, accuracy: 20, takenAt: new Date(start).toISOString() },
  });
  const audit = await expectOk(await submitReport(org.as.shopper, crypto.randomUUID(), body), 201);
  expect(audit.status).toBe("published");
  return audit;
}

function create(person: PersonKey, json: CreateInput) {
  return org.as[person].api.v1.actions.$post({ json });
}

function patch(person: PersonKey, id: string, json: PatchInput) {
  return org.as[person].api.v1.actions[":id"].$patch({ param: { id }, json });
}

function read(person: PersonKey, id: string) {
  return org.as[person].api.v1.actions[":id"].$get({ param: { id } });
}

/** A valid action on `auditId` for FAILED, owned by the branch manager, due in a week. */
function actionInput(auditId: string, overrides: Partial<CreateInput> = {}): CreateInput {
  return {
    auditId,
    itemKeys: [FAILED],
    title: "Greet every customer within ten seconds",
    owner: { userId: org.people.manager.id },
    dueDate: addDays(today(), 7),
    ...overrides,
  };
}

async function createAction(auditId: string, overrides: Partial<CreateInput> = {}, person: PersonKey = "manager") {
  return expectOk(await create(person, actionInput(auditId, overrides)), 201);
}

describe("creating an action", () => {
  it("the branch manager creates one from a failed item of a published report of their branch", async () => {
    const audit = await publishedReport([FAILED, ALSO_FAILED]);
    const action = await createAction(audit.id, { itemKeys: [ALSO_FAILED, FAILED] });
    expect(action).toMatchObject({
      version: 1,
      status: "open",
      overdue: false,
      automatic: false,
      branch: { id: org.branchIds.north1, name: { en: "Wangfujing", zh: "王府井店" } },
      regionId: org.regionIds.north,
      auditId: audit.id,
      // The day of the report's visit in the branch's calendar: a branch's actions told apart.
      visitDate: localDate(Date.parse(audit.visitStartedAt), "Asia/Shanghai"),
      checklist: { id: org.checklistIds.store },
      title: "Greet every customer within ten seconds",
      owner: { userId: org.people.manager.id, name: "Li Na" },
      doneEvidence: null,
      doneAt: null,
      verifiedBy: null,
      closedAt: null,
      recurrences: 0,
    });
    // Items in the checklist's order, labelled from the report's version.
    expect(action.items.map((i) => i.itemKey)).toEqual([FAILED, ALSO_FAILED]);
    expect(action.items[0]?.label.en).toMatch(/greet/i);
    const read1 = await expectOk(await read("regional", action.id), 200);
    expect(read1.history).toEqual([expect.objectContaining({ type: "action.created", actor: { name: "Li Na" } })]);
  });

  it("a creation sent again with its id makes one action: in turn or at once; someone else's id is 409", async () => {
    const audit = await publishedReport([FAILED]);
    const id = crypto.randomUUID();
    const first = await createAction(audit.id, { id });
    expect(first.id).toBe(id);
    const again = await expectOk(await create("manager", actionInput(audit.id, { id })), 200);
    expect(again).toEqual(first);
    const racedId = crypto.randomUUID();
    const raced = await Promise.all([1, 2, 3].map(() => create("manager", actionInput(audit.id, { id: racedId }))));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    await expectProblem(await create("regional", actionInput(audit.id, { id })), 409, "conflict");
    const created = await db()
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.organizationId, org.id), eq(actions.auditId, audit.id)));
    expect(created.map((r) => r.id).sort()).toEqual([id, racedId].sort());
    const events = await subjectEventsQuery(db(), org.id, "action", racedId);
    expect(events.map((e) => e.type)).toEqual(["action.created"]);
  });

  it("a free-text owner; admins and regional managers create too", async () => {
    const audit = await publishedReport([FAILED]);
    const byAdmin = await createAction(audit.id, { owner: { name: "Wang, floor lead" } }, "admin");
    expect(byAdmin.owner).toEqual({ userId: null, name: "Wang, floor lead" });
    await createAction(audit.id, {}, "regional");
  });

  it("roles that may not write actions get 403 before the body is read", async () => {
    for (const person of ["analyst", "reviewer", "shopper"] as const) {
      const res = await api("/api/v1/actions", { cookie: org.people[person].cookie, body: { nonsense: true } });
      await expectProblem(res, 403, "forbidden");
    }
  });

  it("another branch's manager, or another region's manager, gets 404", async () => {
    const audit = await publishedReport([FAILED], { branch: "east1" });
    await expectProblem(await create("manager", actionInput(audit.id)), 404, "not_found");
    await expectProblem(await create("regional", actionInput(audit.id)), 404, "not_found");
    await expectProblem(await create("manager", actionInput("no-such-report")), 404, "not_found");
    await createAction(audit.id, { owner: { name: "East lead" } }, "admin");
  });

  it("only a published report: a report waiting for review is 404 to managers and 409 to admins", async () => {
    const other = await createOrganization();
    const assignment = await planVisit(other, other.versionIds.store);
    const answers = completeAnswers(store.document).map((a) =>
      a.item === FAILED ? { ...a, value: false, comment: "No." } : a,
    );
    const waiting = await expectOk(
      await submitReport(other.as.shopper, crypto.randomUUID(), report(assignment, answers)),
      201,
    );
    expect(waiting.status).toBe("waiting");
    const json = { ...actionInput(waiting.id), owner: { name: "Someone" } };
    await expectProblem(await other.as.manager.api.v1.actions.$post({ json }), 404, "not_found");
    await expectProblem(await other.as.admin.api.v1.actions.$post({ json }), 409, "invalid_state");
  });

  it("items must have lost points in the report; the owner must see the branch; the due date not before today", async () => {
    const audit = await publishedReport([FAILED]);
    const res = await create(
      "manager",
      actionInput(audit.id, {
        itemKeys: [FAILED, PASSED, "no_such_item"],
        owner: { userId: org.people.shopper.id },
        dueDate: addDays(today(), -1),
      }),
    );
    const problem = await expectProblem(res, 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual([
      "dueDate:not_allowed",
      "itemKeys[1]:not_allowed",
      "itemKeys[2]:unknown_reference",
      "owner.userId:unknown_reference",
    ]);
    // A member who does not see the branch (a regional manager of another region) is no owner either.
    const east = await createOrganization();
    const stranger = await create("manager", actionInput(audit.id, { owner: { userId: east.people.manager.id } }));
    expect(fieldErrors(await expectProblem(stranger, 400, "validation_failed"))).toEqual([
      "owner.userId:unknown_reference",
    ]);
    // A reviewer sees the branch but never its actions: no owner either.
    const reviewer = await create("manager", actionInput(audit.id, { owner: { userId: org.people.reviewer.id } }));
    expect(fieldErrors(await expectProblem(reviewer, 400, "validation_failed"))).toEqual([
      "owner.userId:unknown_reference",
    ]);
    // Today is fine; the analyst (reads every branch's actions) may own one.
    await createAction(audit.id, { dueDate: today(), owner: { userId: org.people.analyst.id } });
  });

  it("the body's shape: every bad field named, nothing written", async () => {
    const res = await api("/api/v1/actions", {
      cookie: org.people.manager.cookie,
      body: { auditId: "", itemKeys: [], title: "", owner: {}, dueDate: "2026-02-30", extra: 1 },
    });
    const problem = await expectProblem(res, 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual(
      expect.arrayContaining(["auditId:too_small", "itemKeys:too_small", "title:too_small", "extra:unknown_field"]),
    );
    expect(fieldErrors(problem).some((e) => e.startsWith("dueDate:"))).toBe(true);
    expect(fieldErrors(problem).some((e) => e.startsWith("owner"))).toBe(true);
  });
});

describe("status steps", () => {
  it("open → done (note) → returned (reason) → done → verified → reopened, with every refusal and event", async () => {
    const audit = await publishedReport([FAILED]);
    let action = await createAction(audit.id);

    // Done needs a note (400 before anything is read).
    const noNote = await patch("manager", action.id, { version: action.version, status: "done" });
    expect(fieldErrors(await expectProblem(noNote, 400, "validation_failed"))).toEqual(["note:required"]);
    // A stale version.
    const stale = await patch("manager", action.id, { version: 9, status: "done", note: "Trained the team" });
    expect(await expectProblem(stale, 409, "stale_version")).toMatchObject({ version: 1 });
    // A branch manager may not verify (403 before the state is looked at), nor return.
    await expectProblem(await patch("manager", action.id, { version: 1, status: "verified" }), 403, "forbidden");
    await expectProblem(
      await patch("manager", action.id, { version: 1, status: "open", reason: "No" }),
      403,
      "forbidden",
    );
    // Verifying an open action: the state does not allow it.
    await expectProblem(await patch("regional", action.id, { version: 1, status: "verified" }), 409, "invalid_state");
    // Returning an open action: neither.
    await expectProblem(
      await patch("regional", action.id, { version: 1, status: "open", reason: "Again" }),
      409,
      "invalid_state",
    );

    action = await expectOk(
      await patch("manager", action.id, { version: 1, status: "done", note: "Trained the team on greetings." }),
      200,
    );
    expect(action).toMatchObject({ version: 2, status: "done", doneNote: "Trained the team on greetings." });
    expect(action.doneAt).not.toBeNull();
    await expectProblem(
      await patch("manager", action.id, { version: 2, status: "done", note: "Twice" }),
      409,
      "invalid_state",
    );

    // Returned by the regional manager: back to open, with the reason; the owner is told.
    const noReason = await patch("regional", action.id, { version: 2, status: "open" });
    expect(fieldErrors(await expectProblem(noReason, 400, "validation_failed"))).toEqual(["reason:required"]);
    action = await expectOk(
      await patch("regional", action.id, { version: 2, status: "open", reason: "The photo shows nobody at the door." }),
      200,
    );
    expect(action).toMatchObject({
      version: 3,
      status: "open",
      returnReason: "The photo shows nobody at the door.",
      doneAt: null,
    });
    const told = await db()
      .select({ userId: notifications.userId, kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.subjectId, action.id), eq(notifications.kind, "action_returned")));
    expect(told).toEqual([{ userId: org.people.manager.id, kind: "action_returned" }]);

    action = await expectOk(
      await patch("manager", action.id, { version: 3, status: "done", note: "A greeter at the door all day." }),
      200,
    );
    action = await expectOk(await patch("admin", action.id, { version: 4, status: "verified" }), 200);
    expect(action).toMatchObject({ version: 5, status: "verified", verifiedBy: { name: "Ada Admin" } });
    expect(action.closedAt).not.toBeNull();

    // A verified action is history: no edits; a verifier may reopen it with a reason.
    await expectProblem(await patch("manager", action.id, { version: 5, title: "New title" }), 409, "invalid_state");
    await expectProblem(
      await patch("manager", action.id, { version: 5, status: "open", reason: "Broken" }),
      403,
      "forbidden",
    );
    action = await expectOk(
      await patch("regional", action.id, { version: 5, status: "open", reason: "Nobody greeted me today." }),
      200,
    );
    expect(action).toMatchObject({ version: 6, status: "open", verifiedBy: null, closedAt: null });

    const { history } = await expectOk(await read("manager", action.id), 200);
    expect(history.map((e) => [e.type, e.actor?.name ?? null])).toEqual([
      ["action.created", "Li Na"],
      ["action.done", "Li Na"],
      ["action.returned", "Liu Yang"],
      ["action.done", "Li Na"],
      ["action.verified", "Ada Admin"],
      ["action.reopened", "Liu Yang"],
    ]);
    expect(history[2]?.payload).toEqual({ reason: "The photo shows nobody at the door." });
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("edits of title, owner and due date while open or done: action.changed with old → new", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    const due = addDays(today(), 10);
    const edited = await expectOk(
      await patch("manager", action.id, {
        version: 1,
        title: "Greet at the door",
        owner: { name: "Zhang, shift lead" },
        dueDate: due,
      }),
      200,
    );
    expect(edited).toMatchObject({
      version: 2,
      title: "Greet at the door",
      owner: { userId: null, name: "Zhang, shift lead" },
      dueDate: due,
    });
    const { history } = await expectOk(await read("manager", action.id), 200);
    expect(history.at(-1)).toMatchObject({
      type: "action.changed",
      payload: {
        changes: {
          title: { from: "Greet every customer within ten seconds", to: "Greet at the door" },
          owner: { from: { userId: org.people.manager.id }, to: { name: "Zhang, shift lead" } },
          dueDate: { from: action.dueDate, to: due },
        },
      },
    });
    const bad = await patch("manager", action.id, {
      version: 2,
      dueDate: addDays(today(), -2),
      owner: { userId: org.people.shopper2.id },
    });
    expect(fieldErrors(await expectProblem(bad, 400, "validation_failed"))).toEqual([
      "dueDate:not_allowed",
      "owner.userId:unknown_reference",
    ]);
    // Nothing to change; a note without status done.
    const empty = await patch("manager", action.id, { version: 2 });
    expect(fieldErrors(await expectProblem(empty, 400, "validation_failed"))).toEqual(["status:required"]);
    const stray = await patch("manager", action.id, { version: 2, title: "x", note: "why" });
    expect(fieldErrors(await expectProblem(stray, 400, "validation_failed"))).toEqual(["note:not_allowed"]);
  });

  it("a done photo must be the caller's own upload, and is served through the action", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    const theirs = await uploadEvidence(org.people.shopper.cookie, uniqueJpeg());
    expect(theirs.res.status).toBe(201);
    const borrowed = await patch("manager", action.id, {
      version: 1,
      status: "done",
      note: "See photo",
      evidence: theirs.sha256,
    });
    expect(fieldErrors(await expectProblem(borrowed, 400, "validation_failed"))).toEqual(["evidence:required"]);

    const mine = await uploadEvidence(org.people.manager.cookie, uniqueJpeg());
    expect(mine.res.status).toBe(201);
    const done = await expectOk(
      await patch("manager", action.id, { version: 1, status: "done", note: "See photo", evidence: mine.sha256 }),
      200,
    );
    expect(done.doneEvidence).toEqual({
      sha256: mine.sha256,
      url: `/api/v1/actions/${action.id}/evidence/${mine.sha256}`,
    });
    const photo = await api(done.doneEvidence?.url ?? "", { cookie: org.people.regional.cookie });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    // Another photo through this action, or this action's photo for someone out of scope: 404.
    const other = await api(`/api/v1/actions/${action.id}/evidence/${theirs.sha256}`, {
      cookie: org.people.regional.cookie,
    });
    expect(other.status).toBe(404);
    const stranger = await createOrganization();
    expect((await api(done.doneEvidence?.url ?? "", { cookie: stranger.people.admin.cookie })).status).toBe(404);
  });

  it("reads: scoped (404 out of scope), analysts read, reviewers and shoppers may not", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    await expectOk(await read("analyst", action.id), 200);
    const east = await publishedReport([FAILED], { branch: "east1" });
    const eastAction = await createAction(east.id, { owner: { name: "East lead" } }, "admin");
    await expectProblem(await read("manager", eastAction.id), 404, "not_found");
    await expectProblem(await read("regional", eastAction.id), 404, "not_found");
    await expectProblem(await read("reviewer", action.id), 403, "forbidden");
    await expectProblem(await read("shopper", action.id), 403, "forbidden");
    await expectProblem(await patch("manager", eastAction.id, { version: 1, title: "Mine" }), 404, "not_found");
    const list = await expectOk(await org.as.manager.api.v1.actions.$get({ query: { limit: "100" } }), 200);
    expect(list.items.every((a) => a.branch.id === org.branchIds.north1)).toBe(true);
    expect(list.items.some((a) => a.id === action.id)).toBe(true);
  });
});

describe("the next visit", () => {
  it("meets every item of an action: verified_by_visit, closed, without an actor", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    await publishedReport([], { startedAt: Date.now() + 1_000 });
    const after = await expectOk(await read("manager", action.id), 200);
    expect(after).toMatchObject({ status: "verified_by_visit", recurrences: 0, version: 2 });
    expect(after.closedAt).not.toBeNull();
    expect(after.history.at(-1)).toMatchObject({
      type: "action.verified_by_visit",
      actor: null,
      payload: { recurrence: false },
    });
  });

  it("fails an item of a done action again: back to open, a recurrence", async () => {
    const audit = await publishedReport([FAILED, ALSO_FAILED]);
    const action = await createAction(audit.id, { itemKeys: [FAILED, ALSO_FAILED] });
    await expectOk(await patch("manager", action.id, { version: 1, status: "done", note: "Trained" }), 200);
    const again = await publishedReport([ALSO_FAILED], { startedAt: Date.now() + 1_000 });
    const after = await expectOk(await read("manager", action.id), 200);
    expect(after).toMatchObject({ status: "open", recurrences: 1, doneAt: null, version: 3 });
    expect(after.history.at(-1)).toEqual(
      expect.objectContaining({
        type: "action.failed_at_visit",
        actor: null,
        payload: { auditId: again.id, recurrence: true },
      }),
    );
  });

  it("an earlier visit (started before the action) judges nothing", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    await publishedReport([], { startedAt: Date.now() - 2 * 3_600_000 });
    expect((await expectOk(await read("manager", action.id), 200)).status).toBe("open");
  });

  it("a failed critical item opens an automatic action, once while one is open", async () => {
    const audit = await publishedReport([CRITICAL], { branch: "north2" });
    const list = await expectOk(
      await org.as.regional.api.v1.actions.$get({ query: { branchId: org.branchIds.north2 } }),
      200,
    );
    const automatic = list.items.filter((a) => a.automatic);
    expect(automatic).toHaveLength(1);
    expect(automatic[0]).toMatchObject({
      auditId: audit.id,
      title: "",
      owner: { userId: null, name: "" },
      status: "open",
      dueDate: addDays(today(), 7),
      items: [{ itemKey: CRITICAL }],
    });
    const { history } = await expectOk(await read("regional", automatic[0]?.id ?? ""), 200);
    expect(history).toEqual([
      expect.objectContaining({
        type: "action.created",
        actor: null,
        payload: expect.objectContaining({ automatic: true }),
      }),
    ]);
    // The same failure again while that action is open: no second one (and it is judged: still open).
    await publishedReport([CRITICAL], { branch: "north2", startedAt: Date.now() + 1_000 });
    const rows = await db()
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionItems, eq(actionItems.actionId, actions.id))
      .where(and(eq(actions.branchId, org.branchIds.north2), eq(actionItems.itemKey, CRITICAL)));
    expect(rows).toHaveLength(1);
  });

  it("the briefing: the shopper's next visit lists the items of open and done actions there, never why", async () => {
    const audit = await publishedReport([FAILED], { branch: "south1" });
    await createAction(audit.id, { owner: { name: "South lead" } }, "admin");
    const next = await planVisit(org, org.versionIds.store, { branchId: org.branchIds.south1 });
    const { items } = await expectOk(await org.as.shopper.api.v1.assignments.$get({ query: {} }), 200);
    expect(items.find((a) => a.id === next.id)?.recheck).toEqual([FAILED]);
    const one = await expectOk(await org.as.shopper.api.v1.assignments[":id"].$get({ param: { id: next.id } }), 200);
    expect(one.recheck).toEqual([FAILED]);
    // Head office planning reads them too; a finished visit has none.
    const planned = await expectOk(await org.as.admin.api.v1.assignments[":id"].$get({ param: { id: next.id } }), 200);
    expect(planned.recheck).toEqual([FAILED]);
    // Managers still never see assignments.
    await expectProblem(await org.as.manager.api.v1.assignments.$get({ query: {} }), 403, "forbidden");
  });
});

describe("figures and lists on a hand-made set", () => {
  let figures: TestOrganization;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    figures = await createOrganization();
    const now = Date.now();
    const day = localDate(now, "Asia/Shanghai");
    const result: ScoreResult = {
      score: 50,
      criticalFailed: false,
      criticalItem: null,
      complete: true,
      missing: [],
      sections: [],
    };
    const auditId = await publishAuditRow({
      organizationId: figures.id,
      branchId: figures.branchIds.north1,
      checklistVersionId: figures.versionIds.store,
      checklistId: figures.checklistIds.store,
      shopperId: figures.people.shopper.id,
      month: day.slice(0, 7),
      result,
    });
    const row = (
      key: string,
      branch: keyof TestOrganization["branchIds"],
      fields: Partial<typeof actions.$inferInsert> & { createdDaysAgo: number; due: number },
    ) => {
      const { createdDaysAgo, due, ...rest } = fields;
      ids[key] = `${figures.id}-${key}`;
      return {
        id: ids[key],
        organizationId: figures.id,
        branchId: figures.branchIds[branch],
        auditId,
        checklistId: figures.checklistIds.store,
        title: key,
        dueDate: addDays(day, due),
        watchFrom: now,
        createdAt: now - createdDaysAgo * DAY,
        updatedAt: now,
        ...rest,
      };
    };
    const rows = [
      row("overdue", "north1", { createdDaysAgo: 10, due: -3 }),
      row("notYetDue", "north1", { createdDaysAgo: 1, due: 5 }),
      row("doneOnTime", "north1", { createdDaysAgo: 4, due: 1, status: "done", doneAt: now - 2 * DAY }),
      row("verifiedLate", "north1", {
        createdDaysAgo: 20,
        due: -10,
        status: "verified",
        doneAt: now - 8 * DAY,
        closedAt: now - 7 * DAY,
      }),
      row("byVisit", "north1", { createdDaysAgo: 6, due: -2, status: "verified_by_visit", closedAt: now - 5 * DAY }),
      row("recurred", "north1", { createdDaysAgo: 30, due: 3, recurrences: 1 }),
      row("north2", "north2", {
        createdDaysAgo: 1,
        due: 1,
        status: "verified",
        doneAt: now - DAY / 2,
        closedAt: now - DAY / 4,
      }),
    ];
    // One row per statement: D1 binds at most 100 parameters.
    for (const one of rows) await db().insert(actions).values(one);
  });

  it("per branch: open, overdue, done, closed, on time, median days, recurrence", async () => {
    const { rows } = await expectOk(
      await figures.as.admin.api.v1.actions.figures.$get({ query: { groupBy: "branch" } }),
      200,
    );
    expect(rows.find((r) => r.id === figures.branchIds.north1)).toEqual({
      id: figures.branchIds.north1,
      name: { en: "Wangfujing", zh: "王府井店" },
      open: 3,
      overdue: 1,
      done: 1,
      closed: 2,
      closedOnTime: 2,
      // On time: doneOnTime, byVisit; due or closed: those, verifiedLate and overdue.
      closureRateOnTime: 0.5,
      // 2, 12 and 1 days.
      medianDaysToClose: 2,
      recurrences: 1,
      // Ever closed: doneOnTime, verifiedLate, byVisit, recurred.
      recurrenceRate: 0.25,
    });
    expect(rows.find((r) => r.id === figures.branchIds.east1)).toMatchObject({
      open: 0,
      closureRateOnTime: null,
      medianDaysToClose: null,
      recurrenceRate: null,
    });
  });

  it("per region, and scoped: a branch manager sees their branch, a reviewer nothing", async () => {
    const { rows } = await expectOk(
      await figures.as.regional.api.v1.actions.figures.$get({ query: { groupBy: "region" } }),
      200,
    );
    expect(rows).toEqual([
      {
        id: figures.regionIds.north,
        name: { en: "North", zh: "华北区" },
        open: 3,
        overdue: 1,
        done: 1,
        closed: 3,
        closedOnTime: 3,
        closureRateOnTime: 0.6,
        medianDaysToClose: 1.5,
        recurrences: 1,
        recurrenceRate: 0.2,
      },
    ]);
    const mine = await expectOk(await figures.as.manager.api.v1.actions.figures.$get({ query: {} }), 200);
    expect(mine.rows.map((r) => r.id)).toEqual([figures.branchIds.north1]);
    await expectProblem(await figures.as.reviewer.api.v1.actions.figures.$get({ query: {} }), 403, "forbidden");
  });

  it("the list: overdue first, then by due date, in pages; filters", async () => {
    const titles: string[] = [];
    let cursor: string | undefined;
    do {
      const query: Record<string, string> = { limit: "3" };
      if (cursor) query.cursor = cursor;
      const page = await expectOk(await figures.as.admin.api.v1.actions.$get({ query }), 200);
      titles.push(...page.items.map((a) => a.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(titles).toEqual(["overdue", "verifiedLate", "byVisit", "doneOnTime", "north2", "recurred", "notYetDue"]);
    const overdue = await expectOk(await figures.as.admin.api.v1.actions.$get({ query: { overdue: "true" } }), 200);
    expect(overdue.items.map((a) => [a.title, a.overdue])).toEqual([["overdue", true]]);
    const done = await expectOk(
      await figures.as.regional.api.v1.actions.$get({
        query: { status: "verified", regionId: figures.regionIds.north },
      }),
      200,
    );
    expect(done.items.map((a) => a.title)).toEqual(["verifiedLate", "north2"]);
    const bad = await figures.as.admin.api.v1.actions.$get({ query: { cursor: "nonsense" } });
    await expectProblem(bad, 400, "validation_failed");
    // One report's actions (its page lists them), within the reader's scope: every action here
    // comes from one report; another report has none.
    const all = await expectOk(await figures.as.admin.api.v1.actions.$get({ query: { limit: "100" } }), 200);
    const report = all.items[0]?.auditId ?? "";
    const fromReport = await expectOk(await figures.as.admin.api.v1.actions.$get({ query: { auditId: report } }), 200);
    expect(fromReport.items).toHaveLength(7);
    const mine = await expectOk(await figures.as.manager.api.v1.actions.$get({ query: { auditId: report } }), 200);
    expect(mine.items.map((a) => a.branch.id)).toEqual(Array(6).fill(figures.branchIds.north1));
    const other = await expectOk(
      await figures.as.admin.api.v1.actions.$get({ query: { auditId: crypto.randomUUID() } }),
      200,
    );
    expect(other.items).toEqual([]);
  });
});

describe("publication by a reviewer, budgets and races", () => {
  it("a reviewer's publish judges actions in the same batch as the publication", async () => {
    const reviewed = await createOrganization();
    const doc = (await readVersion(reviewed.as.admin, reviewed.versionIds.store)).document;
    const submit = async (failed: string[], start: number) => {
      const assignment = await planVisit(reviewed, reviewed.versionIds.store);
      const answers = completeAnswers(doc).map((a) =>
        failed.includes(a.item) ? { ...a, value: false, comment: "No." } : a,
      );
      const body = report(assignment, answers, {
        visitStartedAt: new Date(start).toISOString(),
        visitEndedAt: new Date(start + 60_000).toISOString(),
      });
      const audit = await expectOk(await submitReport(reviewed.as.shopper, crypto.randomUUID(), body), 201);
      const routes = reviewed.as.reviewer.api.v1.audits[":id"];
      const claimed = await expectOk(
        await routes.claim.$post({ param: { id: audit.id }, json: { version: audit.version } }),
        200,
      );
      return expectOk(await routes.publish.$post({ param: { id: audit.id }, json: { version: claimed.version } }), 200);
    };
    const first = await submit([FAILED], Date.now() - 3_600_000);
    const action = await expectOk(
      await reviewed.as.manager.api.v1.actions.$post({
        json: { ...actionInput(first.id), owner: { userId: reviewed.people.manager.id } },
      }),
      201,
    );
    await submit([], Date.now() + 1_000);
    const after = await expectOk(
      await reviewed.as.manager.api.v1.actions[":id"].$get({ param: { id: action.id } }),
      200,
    );
    expect(after.status).toBe("verified_by_visit");
    expect((await verifyChain(db(), reviewed.id)).ok).toBe(true);
  });

  it("a change costs the session, one read batch and one write batch", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    const { as, stats } = counted(org.people.manager.cookie);
    await expectOk(
      await as.api.v1.actions[":id"].$patch({
        param: { id: action.id },
        json: { version: 1, status: "done", note: "Done", title: "Greet at once" },
      }),
      200,
    );
    expect(stats.roundTrips).toBeLessThanOrEqual(3);
    const creating = counted(org.people.manager.cookie);
    await expectOk(await creating.as.api.v1.actions.$post({ json: actionInput(audit.id) }), 201);
    expect(creating.stats.roundTrips).toBeLessThanOrEqual(3);
  });

  it("two changes based on the same version: one wins, the other gets 409 stale_version", async () => {
    const audit = await publishedReport([FAILED]);
    const action = await createAction(audit.id);
    const answers = await Promise.all([
      patch("manager", action.id, { version: 1, title: "First" }),
      patch("admin", action.id, { version: 1, title: "Second" }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const { history, version } = await expectOk(await read("manager", action.id), 200);
    expect(version).toBe(2);
    expect(history.filter((e) => e.type === "action.changed")).toHaveLength(1);
  });
});
