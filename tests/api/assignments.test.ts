/**
 * Assignments: planned mystery visits. Admins plan and cancel them; a shopper sees only their
 * own; branch and regional managers never see any (a mystery visit must stay a mystery).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, client, createOrganization, type TestOrganization } from "./factory";
import { api, completeAnswers, expectOk, expectProblem, fieldErrors } from "./helpers";
import { createMemberBy } from "./member-helpers";
import {
  type Assignment,
  type AssignmentInput,
  cancelAssignment,
  planVisit,
  readAssignment,
  readVersion,
  report,
  submitReport,
  type Version,
} from "./report-helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;
let store: Version;
let callCentre: Version;
let shopperId: string;
let shopper2Id: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
  shopperId = org.people.shopper.id;
  shopper2Id = org.people.shopper2.id;
  [store, callCentre] = await Promise.all([
    readVersion(org.as.admin, org.versionIds.store),
    readVersion(org.as.admin, org.versionIds.call),
  ]);
});

function post(json: AssignmentInput, as: Client = org.as.admin) {
  return as.api.v1.assignments.$post({ json });
}

function validBody(overrides: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    branchId: org.branchIds.north1,
    checklistVersionId: store.id,
    shopperId,
    windowStart: "2026-12-01",
    windowEnd: "2026-12-07",
    ...overrides,
  };
}

type PageQuery = Parameters<Client["api"]["v1"]["assignments"]["$get"]>[0]["query"];
type ListQuery = Omit<PageQuery, "cursor" | "limit">;

async function list(as: Client, query: ListQuery = {}): Promise<Assignment[]> {
  return (await expectOk(await as.api.v1.assignments.$get({ query }), 200)).items;
}

describe("planning a visit", () => {
  it("an admin creates an assignment (201) with branch, checklist and shopper", async () => {
    const res = await post(validBody({ scenario: "  Ask to return a gift without a receipt.  " }));
    const created = await expectOk(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      status: "open",
      windowStart: "2026-12-01",
      windowEnd: "2026-12-07",
      scenario: "Ask to return a gift without a receipt.",
      scenarioZh: "",
      createdAt: expect.any(String),
      branch: {
        id: org.branchIds.north1,
        code: "NO-001",
        name: { en: expect.any(String), zh: expect.any(String) },
        channel: "store",
        address: expect.any(String),
        phone: expect.any(String),
        timezone: "Asia/Shanghai",
      },
      checklist: {
        id: store.checklistId,
        versionId: store.id,
        versionNumber: store.number,
        name: { en: "Store visit", zh: expect.any(String) },
      },
      shopper: { id: shopperId, displayName: "Sam Shopper" },
      audit: null,
      // No corrective actions at the branch: nothing to re-check.
      recheck: [],
    });
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const read = await expectOk(await readAssignment(org.as.admin, created.id), 200);
    expect(read).toEqual(created);
    expect((await list(org.as.admin, { shopperId })).map((a) => a.id)).toContain(created.id);
  });

  it("a call-centre checklist goes to a call centre; the scenario is optional", async () => {
    const created = await expectOk(
      await post({
        branchId: org.branchIds.northCall,
        checklistVersionId: callCentre.id,
        shopperId: shopper2Id,
        windowStart: "2026-12-01",
        windowEnd: "2026-12-01",
      }),
      201,
    );
    expect(created).toMatchObject({ scenario: "", branch: { channel: "call_centre" }, shopper: { id: shopper2Id } });
  });

  it("names unknown branch, shopper and checklist version", async () => {
    const problem = await expectProblem(
      await post(
        validBody({ branchId: "no-such-branch", shopperId: "no-such-user", checklistVersionId: "no-such-version" }),
      ),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "branchId:unknown_reference",
      "checklistVersionId:unknown_reference",
      "shopperId:unknown_reference",
    ]);
  });

  it("refuses ids from another organisation as unknown", async () => {
    const problem = await expectProblem(
      await post(
        validBody({
          branchId: other.branchIds.north1,
          checklistVersionId: other.versionIds.store,
          shopperId: other.people.shopper.id,
        }),
      ),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "branchId:unknown_reference",
      "checklistVersionId:unknown_reference",
      "shopperId:unknown_reference",
    ]);
  });

  it("only a published version can be assigned", async () => {
    const draft = await expectOk(
      await org.as.admin.api.v1.checklists.$post({
        json: { ...store.document, name: { en: `Draft ${crypto.randomUUID()}`, zh: "草稿" } },
      }),
      201,
    );
    expect(draft.version.status).toBe("draft");
    const problem = await expectProblem(
      await post(validBody({ checklistVersionId: draft.version.id })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["checklistVersionId:not_allowed"]);
  });

  it("the checklist's channel must match the branch's", async () => {
    const storeOnCallCentre = await expectProblem(
      await post(validBody({ branchId: org.branchIds.northCall })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(storeOnCallCentre)).toEqual(["checklistVersionId:not_allowed"]);
    const callOnStore = await expectProblem(
      await post(validBody({ checklistVersionId: callCentre.id })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(callOnStore)).toEqual(["checklistVersionId:not_allowed"]);
  });

  it("the window cannot end before it starts, and dates are calendar dates", async () => {
    const backwards = await expectProblem(
      await post(validBody({ windowStart: "2026-12-07", windowEnd: "2026-12-01" })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(backwards)).toEqual(["windowEnd:invalid_value"]);
    const instant = await expectProblem(
      await post(validBody({ windowStart: "2026-12-01T09:00:00Z" })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(instant)).toEqual(["windowStart:invalid_format"]);
  });

  it("the shopper must be an active shopper of the organisation", async () => {
    for (const key of ["manager", "admin", "analyst"] as const) {
      const problem = await expectProblem(
        await post(validBody({ shopperId: org.people[key].id })),
        400,
        "validation_failed",
      );
      expect(fieldErrors(problem), key).toEqual(["shopperId:unknown_reference"]);
    }
  });

  it("unknown fields and missing fields are named", async () => {
    const problem = await expectProblem(
      // Sent raw: an unknown field and a missing one are outside the route's type.
      await api("/api/v1/assignments", {
        cookie: admin,
        body: { ...validBody(), status: "submitted", shopperId: undefined },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["shopperId:required", "status:unknown_field"]);
  });

  it("only admins plan visits", async () => {
    for (const as of [org.as.analyst, org.as.reviewer, org.as.shopper, org.as.manager, org.as.regional]) {
      await expectProblem(await post(validBody(), as), 403, "forbidden");
    }
  });
});

describe("who sees an assignment", () => {
  let mine: Assignment;
  let theirs: Assignment;

  beforeAll(async () => {
    [mine, theirs] = await Promise.all([planVisit(org, store.id), planVisit(org, store.id, { shopperId: shopper2Id })]);
  });

  it("a shopper lists only their own, whatever filter they send", async () => {
    const own = await list(org.as.shopper);
    expect(own.map((a) => a.id)).toContain(mine.id);
    expect(own.map((a) => a.id)).not.toContain(theirs.id);
    const asked = await list(org.as.shopper, { shopperId: shopper2Id });
    expect(asked.map((a) => a.id)).not.toContain(theirs.id);
    expect(asked.map((a) => a.id)).toContain(mine.id);

    const other = await list(org.as.shopper2);
    expect(other.map((a) => a.id)).toContain(theirs.id);
    expect(other.map((a) => a.id)).not.toContain(mine.id);
  });

  it("lists open assignments first, then by window", async () => {
    const items = await list(org.as.admin, { shopperId });
    const open = items.map((a) => a.status === "open");
    expect(open).toEqual([...open].sort((a, b) => Number(b) - Number(a)));
    const starts = items.filter((a) => a.status === "open").map((a) => a.windowStart);
    expect(starts).toEqual([...starts].sort());
  });

  it("filters by status and branch", async () => {
    const open = await list(org.as.admin, { status: "open", branchId: org.branchIds.north1 });
    expect(open.map((a) => a.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(open.every((a) => a.status === "open" && a.branch.id === org.branchIds.north1)).toBe(true);
    const cancelled = await list(org.as.admin, { status: "cancelled" });
    expect(cancelled.map((a) => a.id)).not.toContain(mine.id);
    // Sent raw: an unknown status and an unknown parameter are outside the route's type.
    const bad = await expectProblem(
      await api("/api/v1/assignments?status=lost&page=2", { cookie: admin }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["page:unknown_field", "status:invalid_value"]);
  });

  it("a shopper reads their own assignment; another shopper's is not found", async () => {
    const read = await expectOk(await readAssignment(org.as.shopper, mine.id), 200);
    expect(read).toMatchObject({ id: mine.id, status: "open", branch: { id: org.branchIds.north1 } });
    await expectProblem(await readAssignment(org.as.shopper, theirs.id), 404, "not_found");
    await expectProblem(await readAssignment(org.as.shopper2, mine.id), 404, "not_found");
  });

  it("branch and regional managers may neither list nor read assignments", async () => {
    for (const as of [org.as.manager, org.as.regional]) {
      await expectProblem(await as.api.v1.assignments.$get({ query: {} }), 403, "forbidden");
      await expectProblem(await readAssignment(as, mine.id), 403, "forbidden");
    }
  });

  it("a branch manager of the very branch visited cannot learn of the visit", async () => {
    const own = client(
      (await createMemberBy(org.people.admin, { role: "branch_manager", branchIds: [org.branchIds.north1] })).cookie,
    );
    await expectProblem(await own.api.v1.assignments.$get({ query: {} }), 403, "forbidden");
    await expectProblem(
      await own.api.v1.assignments.$get({ query: { branchId: org.branchIds.north1 } }),
      403,
      "forbidden",
    );
  });

  it("analysts and reviewers read assignments with their shopper", async () => {
    for (const as of [org.as.analyst, org.as.reviewer]) {
      const read = await expectOk(await readAssignment(as, mine.id), 200);
      expect(read.shopper).toEqual({ id: shopperId, displayName: "Sam Shopper" });
      expect((await list(as)).map((a) => a.id)).toContain(mine.id);
    }
  });

  it("another organisation's admin finds nothing", async () => {
    await expectProblem(await readAssignment(other.as.admin, mine.id), 404, "not_found");
    expect((await list(other.as.admin)).map((a) => a.id)).not.toContain(mine.id);
    await expectProblem(await cancelAssignment(other.as.admin, mine.id), 404, "not_found");
  });

  it("signing in is required", async () => {
    const anonymous = client();
    await expectProblem(await anonymous.api.v1.assignments.$get({ query: {} }), 401, "unauthenticated");
    await expectProblem(await readAssignment(anonymous, mine.id), 401, "unauthenticated");
  });
});

describe("finished work comes in pages", () => {
  let own: Awaited<ReturnType<typeof createMemberBy>>;
  let ownClient: Client;
  let open: Assignment;
  /** Submitted and cancelled, most recently finished first. */
  let finished: string[];

  beforeAll(async () => {
    own = await createMemberBy(org.people.admin, { role: "shopper" });
    ownClient = client(own.cookie);
    const plan = () => planVisit(org, store.id, { shopperId: own.user.id });
    open = await plan();
    finished = [];
    for (let i = 0; i < 3; i++) {
      const done = await plan();
      const auditId = crypto.randomUUID();
      await expectOk(await submitReport(ownClient, auditId, report(done, completeAnswers(store.document))), 201);
      finished.unshift(done.id);
    }
    const cancelled = await plan();
    await expectOk(await cancelAssignment(org.as.admin, cancelled.id), 200);
    finished.unshift(cancelled.id);
  });

  async function page(as: Client, query: PageQuery) {
    return expectOk(await as.api.v1.assignments.$get({ query }), 200);
  }

  it("open work whole on the first page, then finished work by cursor, each once, latest first", async () => {
    const first = await page(ownClient, { limit: "2" });
    expect(first.items.map((a) => a.id)).toEqual([open.id, ...finished.slice(0, 2)]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(ownClient, { limit: "2", cursor: first.nextCursor ?? "" });
    expect(second.items.map((a) => a.id)).toEqual(finished.slice(2, 4));
    // A full last page says so: nothing follows.
    expect(second.nextCursor).toBeNull();
    // Without a limit, everything at once (at most 500 of each), as the planning pages read it.
    const whole = await page(ownClient, {});
    expect(whole.items.map((a) => a.id)).toEqual([open.id, ...finished]);
    expect(whole.nextCursor).toBeNull();
  });

  it("filters hold across pages; open work is never paged", async () => {
    const submitted = await page(org.as.admin, { shopperId: own.user.id, status: "submitted", limit: "1" });
    expect(submitted.items.map((a) => a.id)).toEqual([finished[1]]);
    const next = await page(org.as.admin, {
      shopperId: own.user.id,
      status: "submitted",
      limit: "5",
      cursor: submitted.nextCursor ?? "",
    });
    expect(next.items.map((a) => a.id)).toEqual(finished.slice(2));
    expect(next.nextCursor).toBeNull();
    const onlyOpen = await page(org.as.admin, { shopperId: own.user.id, status: "open", limit: "1" });
    expect(onlyOpen).toMatchObject({ items: [{ id: open.id }], nextCursor: null });
  });

  it("a shopper pages through their own work only, whatever shopper or cursor they send", async () => {
    const first = await page(ownClient, { limit: "1" });
    const cursor = first.nextCursor ?? "";
    for (const query of [
      { limit: "50", cursor },
      { limit: "50", cursor, shopperId: own.user.id },
    ]) {
      const theirs = await page(org.as.shopper, query);
      expect(theirs.items.every((a) => a.status !== "open")).toBe(true);
      expect(theirs.items.some((a) => [open.id, ...finished].includes(a.id))).toBe(false);
    }
    const elsewhere = await page(other.as.admin, { shopperId: own.user.id });
    expect(elsewhere.items).toEqual([]);
  });

  it("names a malformed cursor or limit and changes nothing", async () => {
    const bad = await expectProblem(
      await ownClient.api.v1.assignments.$get({ query: { cursor: "yesterday", limit: "0" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["cursor:invalid_format", "limit:too_small"]);
    const huge = await expectProblem(
      await org.as.admin.api.v1.assignments.$get({ query: { limit: "501" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(huge)).toEqual(["limit:too_big"]);
  });
});

describe("cancelling", () => {
  it("an admin cancels an open assignment once; a second cancel is a conflict", async () => {
    const created = await planVisit(org, store.id);
    const cancel = () => cancelAssignment(org.as.admin, created.id);
    const cancelled = await expectOk(await cancel(), 200);
    expect(cancelled).toEqual({ ...created, status: "cancelled" });
    await expectProblem(await cancel(), 409, "conflict");
    expect((await list(org.as.admin, { status: "cancelled" })).map((a) => a.id)).toContain(created.id);
    expect((await list(org.as.admin, { status: "open" })).map((a) => a.id)).not.toContain(created.id);
  });

  it("only cancelling is a change; shoppers cannot cancel their own", async () => {
    const created = await planVisit(org, store.id);
    // Sent raw: reopening is outside the route's type.
    const reopen = await expectProblem(
      await api(`/api/v1/assignments/${created.id}`, { method: "PATCH", cookie: admin, body: { status: "open" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(reopen)).toEqual(["status:invalid_value"]);
    await expectProblem(await cancelAssignment(org.as.shopper, created.id), 403, "forbidden");
    // Shoppers may never change an assignment: refused before it is looked up, theirs or not.
    await expectProblem(await cancelAssignment(org.as.shopper2, created.id), 403, "forbidden");
    await expectProblem(await cancelAssignment(org.as.analyst, created.id), 403, "forbidden");
    expect((await expectOk(await readAssignment(org.as.admin, created.id), 200)).status).toBe("open");
  });

  it("an unknown id is not found", async () => {
    await expectProblem(await cancelAssignment(org.as.admin, "no-such-assignment"), 404, "not_found");
    await expectProblem(await readAssignment(org.as.admin, "no-such-assignment"), 404, "not_found");
  });
});
