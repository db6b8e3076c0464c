/**
 * Assignments: planned mystery visits. Admins plan and cancel them; a shopper sees only their
 * own; branch and regional managers never see any (a mystery visit must stay a mystery).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AssignmentJson,
  api,
  completeAnswers,
  createAssignment,
  createMember,
  DEMO,
  defaultVersion,
  expectJson,
  expectProblem,
  fieldErrors,
  type Page,
  putAudit,
  reportBody,
  seed,
  signIn,
  type VersionJson,
} from "./helpers";

let admin: string;
let analyst: string;
let reviewer: string;
let shopper: string;
let shopper2: string;
let manager: string;
let regional: string;
let otherAdmin: string;
let store: VersionJson;
let callCentre: VersionJson;

const shopperId = DEMO.users["shopper@demo.test"] ?? "";
const shopper2Id = DEMO.users["shopper2@demo.test"] ?? "";

beforeAll(async () => {
  await seed();
  [admin, analyst, reviewer, shopper, shopper2, manager, regional, otherAdmin] = await Promise.all([
    signIn("admin@demo.test"),
    signIn("analyst@demo.test"),
    signIn("reviewer@demo.test"),
    signIn("shopper@demo.test"),
    signIn("shopper2@demo.test"),
    signIn("manager@demo.test"),
    signIn("regional@demo.test"),
    signIn("admin@other.test"),
  ]);
  [store, callCentre] = await Promise.all([
    defaultVersion(admin, "Store visit"),
    defaultVersion(admin, "Call-centre call"),
  ]);
});

function post(body: Record<string, unknown>, cookie = admin): Promise<Response> {
  return api("/api/v1/assignments", { cookie, body });
}

function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    branchId: DEMO.branchIds.wangfujing,
    checklistVersionId: store.id,
    shopperId,
    windowStart: "2026-12-01",
    windowEnd: "2026-12-07",
    ...overrides,
  };
}

async function list(cookie: string, query = ""): Promise<AssignmentJson[]> {
  return (await expectJson<Page<AssignmentJson>>(await api(`/api/v1/assignments${query}`, { cookie }), 200)).items;
}

describe("planning a visit", () => {
  it("an admin creates an assignment (201) with branch, checklist and shopper", async () => {
    const res = await post(validBody({ scenario: "  Ask to return a gift without a receipt.  " }));
    const created = await expectJson<AssignmentJson>(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      status: "open",
      windowStart: "2026-12-01",
      windowEnd: "2026-12-07",
      scenario: "Ask to return a gift without a receipt.",
      createdAt: expect.any(String),
      branch: {
        id: DEMO.branchIds.wangfujing,
        code: "BJ-001",
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
    });
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const read = await expectJson<AssignmentJson>(
      await api(`/api/v1/assignments/${created.id}`, { cookie: admin }),
      200,
    );
    expect(read).toEqual(created);
    expect((await list(admin, `?shopperId=${shopperId}`)).map((a) => a.id)).toContain(created.id);
  });

  it("a call-centre checklist goes to a call centre; the scenario is optional", async () => {
    const created = await expectJson<AssignmentJson>(
      await post({
        branchId: DEMO.branchIds.callCentreBeijing,
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
    const other = await defaultVersion(otherAdmin, "Store visit");
    const problem = await expectProblem(
      await post(
        validBody({ branchId: DEMO.otherBranchIds[0], checklistVersionId: other.id, shopperId: DEMO.otherAdminId }),
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
    const draft = await expectJson<{ version: VersionJson }>(
      await api("/api/v1/checklists", {
        cookie: admin,
        body: { ...store.document, name: { en: `Draft ${crypto.randomUUID()}`, zh: "草稿" } },
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
      await post(validBody({ branchId: DEMO.branchIds.callCentreBeijing })),
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
    for (const email of ["manager@demo.test", "admin@demo.test", "analyst@demo.test"]) {
      const problem = await expectProblem(
        await post(validBody({ shopperId: DEMO.users[email] })),
        400,
        "validation_failed",
      );
      expect(fieldErrors(problem), email).toEqual(["shopperId:unknown_reference"]);
    }
  });

  it("unknown fields and missing fields are named", async () => {
    const problem = await expectProblem(
      await post({ ...validBody({ status: "submitted" }), shopperId: undefined }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["shopperId:required", "status:unknown_field"]);
  });

  it("only admins plan visits", async () => {
    for (const cookie of [analyst, reviewer, shopper, manager, regional]) {
      await expectProblem(await post(validBody(), cookie), 403, "forbidden");
    }
  });
});

describe("who sees an assignment", () => {
  let mine: AssignmentJson;
  let theirs: AssignmentJson;

  beforeAll(async () => {
    [mine, theirs] = await Promise.all([
      createAssignment(admin, store.id),
      createAssignment(admin, store.id, { shopperId: shopper2Id }),
    ]);
  });

  it("a shopper lists only their own, whatever filter they send", async () => {
    const own = await list(shopper);
    expect(own.map((a) => a.id)).toContain(mine.id);
    expect(own.map((a) => a.id)).not.toContain(theirs.id);
    const asked = await list(shopper, `?shopperId=${shopper2Id}`);
    expect(asked.map((a) => a.id)).not.toContain(theirs.id);
    expect(asked.map((a) => a.id)).toContain(mine.id);

    const other = await list(shopper2);
    expect(other.map((a) => a.id)).toContain(theirs.id);
    expect(other.map((a) => a.id)).not.toContain(mine.id);
  });

  it("lists open assignments first, then by window", async () => {
    const items = await list(admin, `?shopperId=${shopperId}`);
    const open = items.map((a) => a.status === "open");
    expect(open).toEqual([...open].sort((a, b) => Number(b) - Number(a)));
    const starts = items.filter((a) => a.status === "open").map((a) => a.windowStart);
    expect(starts).toEqual([...starts].sort());
  });

  it("filters by status and branch", async () => {
    const open = await list(admin, `?status=open&branchId=${DEMO.branchIds.wangfujing}`);
    expect(open.map((a) => a.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(open.every((a) => a.status === "open" && a.branch.id === DEMO.branchIds.wangfujing)).toBe(true);
    const cancelled = await list(admin, "?status=cancelled");
    expect(cancelled.map((a) => a.id)).not.toContain(mine.id);
    const bad = await expectProblem(
      await api("/api/v1/assignments?status=lost&page=2", { cookie: admin }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["page:unknown_field", "status:invalid_value"]);
  });

  it("a shopper reads their own assignment; another shopper's is not found", async () => {
    const read = await expectJson<AssignmentJson>(
      await api(`/api/v1/assignments/${mine.id}`, { cookie: shopper }),
      200,
    );
    expect(read).toMatchObject({ id: mine.id, status: "open", branch: { id: DEMO.branchIds.wangfujing } });
    await expectProblem(await api(`/api/v1/assignments/${theirs.id}`, { cookie: shopper }), 404, "not_found");
    await expectProblem(await api(`/api/v1/assignments/${mine.id}`, { cookie: shopper2 }), 404, "not_found");
  });

  it("branch and regional managers may neither list nor read assignments", async () => {
    for (const cookie of [manager, regional]) {
      await expectProblem(await api("/api/v1/assignments", { cookie }), 403, "forbidden");
      await expectProblem(await api(`/api/v1/assignments/${mine.id}`, { cookie }), 403, "forbidden");
    }
  });

  it("a branch manager of the very branch visited cannot learn of the visit", async () => {
    const own = await createMember(admin, { role: "branch_manager", branchIds: [DEMO.branchIds.wangfujing] });
    await expectProblem(await api("/api/v1/assignments", { cookie: own.cookie }), 403, "forbidden");
    await expectProblem(
      await api(`/api/v1/assignments?branchId=${DEMO.branchIds.wangfujing}`, { cookie: own.cookie }),
      403,
      "forbidden",
    );
  });

  it("analysts and reviewers read assignments with their shopper", async () => {
    for (const cookie of [analyst, reviewer]) {
      const read = await expectJson<AssignmentJson>(await api(`/api/v1/assignments/${mine.id}`, { cookie }), 200);
      expect(read.shopper).toEqual({ id: shopperId, displayName: "Sam Shopper" });
      expect((await list(cookie)).map((a) => a.id)).toContain(mine.id);
    }
  });

  it("another organisation's admin finds nothing", async () => {
    await expectProblem(await api(`/api/v1/assignments/${mine.id}`, { cookie: otherAdmin }), 404, "not_found");
    expect((await list(otherAdmin)).map((a) => a.id)).not.toContain(mine.id);
    await expectProblem(
      await api(`/api/v1/assignments/${mine.id}`, {
        method: "PATCH",
        cookie: otherAdmin,
        body: { status: "cancelled" },
      }),
      404,
      "not_found",
    );
  });

  it("signing in is required", async () => {
    await expectProblem(await api("/api/v1/assignments"), 401, "unauthenticated");
    await expectProblem(await api(`/api/v1/assignments/${mine.id}`), 401, "unauthenticated");
  });
});

describe("finished work comes in pages", () => {
  let own: Awaited<ReturnType<typeof createMember>>;
  let open: AssignmentJson;
  /** Submitted and cancelled, most recently finished first. */
  let finished: string[];

  beforeAll(async () => {
    own = await createMember(admin, { role: "shopper" });
    const plan = () => createAssignment(admin, store.id, { shopperId: own.user.id });
    open = await plan();
    finished = [];
    for (let i = 0; i < 3; i++) {
      const done = await plan();
      const auditId = crypto.randomUUID();
      await expectJson(await putAudit(own.cookie, auditId, reportBody(done, completeAnswers(store.document))), 201);
      finished.unshift(done.id);
    }
    const cancelled = await plan();
    await expectJson(
      await api(`/api/v1/assignments/${cancelled.id}`, {
        method: "PATCH",
        cookie: admin,
        body: { status: "cancelled" },
      }),
      200,
    );
    finished.unshift(cancelled.id);
  });

  async function page(cookie: string, query: string): Promise<Page<AssignmentJson>> {
    return expectJson<Page<AssignmentJson>>(await api(`/api/v1/assignments${query}`, { cookie }), 200);
  }

  it("open work whole on the first page, then finished work by cursor, each once, latest first", async () => {
    const first = await page(own.cookie, "?limit=2");
    expect(first.items.map((a) => a.id)).toEqual([open.id, ...finished.slice(0, 2)]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(own.cookie, `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(second.items.map((a) => a.id)).toEqual(finished.slice(2, 4));
    // A full last page says so: nothing follows.
    expect(second.nextCursor).toBeNull();
    // Without a limit, everything at once (at most 500 of each), as the planning pages read it.
    const whole = await page(own.cookie, "");
    expect(whole.items.map((a) => a.id)).toEqual([open.id, ...finished]);
    expect(whole.nextCursor).toBeNull();
  });

  it("filters hold across pages; open work is never paged", async () => {
    const submitted = await page(admin, `?shopperId=${own.user.id}&status=submitted&limit=1`);
    expect(submitted.items.map((a) => a.id)).toEqual([finished[1]]);
    const next = await page(
      admin,
      `?shopperId=${own.user.id}&status=submitted&limit=5&cursor=${encodeURIComponent(submitted.nextCursor ?? "")}`,
    );
    expect(next.items.map((a) => a.id)).toEqual(finished.slice(2));
    expect(next.nextCursor).toBeNull();
    const onlyOpen = await page(admin, `?shopperId=${own.user.id}&status=open&limit=1`);
    expect(onlyOpen).toMatchObject({ items: [{ id: open.id }], nextCursor: null });
  });

  it("a shopper pages through their own work only, whatever shopper or cursor they send", async () => {
    const first = await page(own.cookie, "?limit=1");
    const cursor = encodeURIComponent(first.nextCursor ?? "");
    for (const query of [`?limit=50&cursor=${cursor}`, `?limit=50&cursor=${cursor}&shopperId=${own.user.id}`]) {
      const theirs = await page(shopper, query);
      expect(theirs.items.every((a) => a.status !== "open")).toBe(true);
      expect(theirs.items.some((a) => [open.id, ...finished].includes(a.id))).toBe(false);
    }
    const other = await page(otherAdmin, `?shopperId=${own.user.id}`);
    expect(other.items).toEqual([]);
  });

  it("names a malformed cursor or limit and changes nothing", async () => {
    const bad = await expectProblem(
      await api("/api/v1/assignments?cursor=yesterday&limit=0", { cookie: own.cookie }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["cursor:invalid_format", "limit:too_small"]);
    const huge = await expectProblem(
      await api("/api/v1/assignments?limit=501", { cookie: admin }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(huge)).toEqual(["limit:too_big"]);
  });
});

describe("cancelling", () => {
  it("an admin cancels an open assignment once; a second cancel is a conflict", async () => {
    const created = await createAssignment(admin, store.id);
    const cancel = () =>
      api(`/api/v1/assignments/${created.id}`, { method: "PATCH", cookie: admin, body: { status: "cancelled" } });
    const cancelled = await expectJson<AssignmentJson>(await cancel(), 200);
    expect(cancelled).toEqual({ ...created, status: "cancelled" });
    await expectProblem(await cancel(), 409, "conflict");
    expect((await list(admin, "?status=cancelled")).map((a) => a.id)).toContain(created.id);
    expect((await list(admin, "?status=open")).map((a) => a.id)).not.toContain(created.id);
  });

  it("only cancelling is a change; shoppers cannot cancel their own", async () => {
    const created = await createAssignment(admin, store.id);
    const path = `/api/v1/assignments/${created.id}`;
    const reopen = await expectProblem(
      await api(path, { method: "PATCH", cookie: admin, body: { status: "open" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(reopen)).toEqual(["status:invalid_value"]);
    await expectProblem(
      await api(path, { method: "PATCH", cookie: shopper, body: { status: "cancelled" } }),
      403,
      "forbidden",
    );
    // Shoppers may never change an assignment: refused before it is looked up, theirs or not.
    await expectProblem(
      await api(path, { method: "PATCH", cookie: shopper2, body: { status: "cancelled" } }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api(path, { method: "PATCH", cookie: analyst, body: { status: "cancelled" } }),
      403,
      "forbidden",
    );
    expect((await expectJson<AssignmentJson>(await api(path, { cookie: admin }), 200)).status).toBe("open");
  });

  it("an unknown id is not found", async () => {
    await expectProblem(
      await api("/api/v1/assignments/no-such-assignment", {
        method: "PATCH",
        cookie: admin,
        body: { status: "cancelled" },
      }),
      404,
      "not_found",
    );
    await expectProblem(await api("/api/v1/assignments/no-such-assignment", { cookie: admin }), 404, "not_found");
  });
});
