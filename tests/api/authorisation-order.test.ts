/**
 * Authorise before validating, and "not yours" answers like "not there": a role that may not act
 * gets 403 whatever it sends (a malformed body must not teach it the schema), and a reference
 * outside the caller's scope is refused exactly like one that does not exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, expectProblem } from "./helpers";
import { type TrustRows, trustRows } from "./trust-helpers";

// Writes stay raw: the point is malformed bodies and queries, which the typed client would not send.
let org: TestOrganization;
const cookies: Partial<Record<PersonKey, string>> = {};
const READ_ONLY_ROLES = ["shopper", "manager", "regional", "analyst", "reviewer"] as const;
/** The trust loop's organisation (published on arrival) and its rows at north1. */
let trust: TestOrganization;
let rows: TrustRows;

beforeAll(async () => {
  [org, trust] = await Promise.all([createOrganization(), createOrganization({ reviewPolicy: "none" })]);
  for (const who of [...READ_ONLY_ROLES, "admin"] as const) cookies[who] = org.people[who].cookie;
  rows = await trustRows(trust, "north1", trust.people.manager);
});

const MALFORMED = [
  { name: "not JSON", body: "{oops" },
  { name: "wrong types", body: { code: 42, name: null, status: "?", extra: true } },
  { name: "empty object", body: {} },
];

/**
 * Admin-only writes (method, path); `{region}`, `{branch}` and `{shopper}` stand for real rows of
 * the file's organisation (made after the cases are listed), filled in by `withIds`.
 */
const ADMIN_WRITES: Array<[string, string]> = [
  ["POST", "/api/v1/regions"],
  ["PATCH", "/api/v1/regions/{region}"],
  ["POST", "/api/v1/branches"],
  ["PATCH", "/api/v1/branches/{branch}"],
  ["POST", "/api/v1/users"],
  ["PATCH", "/api/v1/users/{shopper}"],
  ["POST", "/api/v1/users/{shopper}/invitation"],
  ["POST", "/api/v1/checklists"],
  ["POST", "/api/v1/assignments"],
  // Issue 18: the organisation's privacy settings are changed with the rest of its settings.
  ["PATCH", "/api/v1/organization"],
];

/** A person's own routes (issue 18): anyone signed in may call them, so only signed out is refused. */
const OWN_ROUTES: Array<[string, string]> = [
  ["GET", "/api/v1/me/export"],
  ["DELETE", "/api/v1/me"],
  ["PATCH", "/api/v1/me"],
  ["PUT", "/api/v1/me/organization"],
  ["POST", "/api/v1/me/two-factor/setup"],
  ["POST", "/api/v1/me/two-factor/confirm"],
  ["POST", "/api/v1/me/two-factor/recovery-codes"],
  ["DELETE", "/api/v1/me/two-factor"],
  ["POST", "/api/v1/auth/two-factor"],
];

const withIds = (path: string) =>
  path
    .replace("{region}", org.regionIds.north)
    .replace("{branch}", org.branchIds.north1)
    .replace("{shopper}", org.people.shopper.id);

describe("a role that may not write gets 403 whatever the body", () => {
  const cases = ADMIN_WRITES.flatMap(([method, path]) =>
    READ_ONLY_ROLES.flatMap((role) => MALFORMED.map((m) => ({ method, path, role, ...m }))),
  );
  it.each(cases)("$role $method $path ($name)", async ({ method, path, role, body }) => {
    const problem = await expectProblem(
      await api(withIds(path), { method, cookie: cookies[role], body }),
      403,
      "forbidden",
    );
    expect(problem.errors).toBeUndefined();
  });

  it.each(READ_ONLY_ROLES.filter((r) => r !== "shopper"))(
    "%s cannot submit a report, even a malformed one",
    async (role) => {
      await expectProblem(
        await api("/api/v1/audits/not-a-uuid", { method: "PUT", cookie: cookies[role], body: "{oops" }),
        403,
        "forbidden",
      );
    },
  );

  it("a shopper's malformed scorecard or export query is 403, not a description of the query", async () => {
    for (const path of [
      "/api/v1/scorecards/league?from=yesterday&bogus=1",
      "/api/v1/scorecards/branches/x?to=2",
      "/api/v1/exports/audits.csv?from=nope",
      "/api/v1/users?role=emperor",
    ]) {
      await expectProblem(await api(path, { cookie: cookies.shopper }), 403, "forbidden");
    }
  });

  it("a shopper reading a member gets 403 whether or not the member exists", async () => {
    await expectProblem(
      await api(`/api/v1/users/${org.people.admin.id}`, { cookie: cookies.shopper }),
      403,
      "forbidden",
    );
    await expectProblem(await api("/api/v1/users/no-such-person", { cookie: cookies.shopper }), 403, "forbidden");
  });

  it("signed out, every write is 401 before its body is read", async () => {
    for (const [method, path] of ADMIN_WRITES) {
      await expectProblem(await api(withIds(path), { method, body: "{oops" }), 401, "unauthenticated");
    }
  });

  it.each(READ_ONLY_ROLES)("%s reading whether mail goes out gets 403", async (role) => {
    await expectProblem(await api("/api/v1/organization/mail-status", { cookie: cookies[role] }), 403, "forbidden");
  });

  it.each(OWN_ROUTES)("signed out, %s %s is 401 before its body is read", async (method, path) => {
    const body = method === "GET" ? undefined : "{oops";
    const problem = await expectProblem(await api(path, { method, body }), 401, "unauthenticated");
    expect(problem.errors).toBeUndefined();
  });
});

describe("a region outside the caller's scope answers like an unknown one", () => {
  const answer = async (as: Client, regionId: string) => {
    const res = await as.api.v1.scorecards.league.$get({ query: { regionId } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const strip = (r: { status: number; body: Record<string, unknown> }) => ({
    status: r.status,
    code: r.body.code,
    errors: r.body.errors,
  });

  it("for a branch manager: another region and a made-up one give the same 400", async () => {
    const real = await answer(org.as.manager, org.regionIds.south);
    const unknown = await answer(org.as.manager, "no-such-region");
    expect(real.status).toBe(400);
    expect(strip(real)).toEqual(strip(unknown));
    // Their own branch's region is still a valid narrowing.
    expect((await answer(org.as.manager, org.regionIds.north)).status).toBe(200);
  });

  it("for a regional manager: a region they do not cover gives the same 400 as a made-up one", async () => {
    const real = await answer(org.as.regional, org.regionIds.south);
    const unknown = await answer(org.as.regional, "no-such-region");
    expect(strip(real)).toEqual(strip(unknown));
  });
});

describe("disputes and corrective actions: authorise before validating", () => {
  type Role = "admin" | "analyst" | "reviewer" | "regional" | "manager" | "shopper";
  /** `{audit}`, `{dispute}` and `{action}` stand for real rows of `trust` (north1), filled in by `trustPath`. */
  const trustPath = (path: string) =>
    path.replace("{audit}", rows.auditId).replace("{dispute}", rows.disputeId).replace("{action}", rows.actionId);

  /** Writes, with the roles that may never take them. */
  const WRITES: Array<[string, string, Role[]]> = [
    ["POST", "/api/v1/audits/{audit}/disputes", ["admin", "analyst", "reviewer", "shopper"]],
    ["POST", "/api/v1/disputes/{dispute}/decisions", ["analyst", "regional", "manager", "shopper"]],
    ["POST", "/api/v1/actions", ["analyst", "reviewer", "shopper"]],
    ["PATCH", "/api/v1/actions/{action}", ["analyst", "reviewer", "shopper"]],
  ];
  /** Reads with a malformed query or param, with the roles that may never read them. */
  const READS: Array<[string, Role[]]> = [
    ["/api/v1/disputes?status=closed&limit=0&cursor=junk&bogus=1", ["shopper"]],
    ["/api/v1/disputes/figures?groupBy=shopper&from=2026-13", ["shopper"]],
    ["/api/v1/disputes/{dispute}", ["shopper"]],
    ["/api/v1/disputes/{dispute}/evidence/not-a-hash", ["shopper"]],
    ["/api/v1/actions?status=closed&overdue=maybe&cursor=junk&limit=1000", ["reviewer", "shopper"]],
    ["/api/v1/actions/figures?groupBy=planet", ["reviewer", "shopper"]],
    ["/api/v1/actions/{action}", ["reviewer", "shopper"]],
    ["/api/v1/actions/{action}/evidence/not-a-hash", ["reviewer", "shopper"]],
  ];

  const writeCases = WRITES.flatMap(([method, path, roles]) =>
    roles.flatMap((role) => MALFORMED.map((m) => ({ method, path, role, ...m }))),
  );
  it.each(writeCases)("$role $method $path ($name): 403", async ({ method, path, role, body }) => {
    const res = await api(trustPath(path), { method, cookie: trust.people[role].cookie, body });
    expect((await expectProblem(res, 403, "forbidden")).errors).toBeUndefined();
  });

  const readCases = READS.flatMap(([path, roles]) => roles.map((role) => ({ path, role })));
  it.each(readCases)("$role GET $path: 403, not a description of the query", async ({ path, role }) => {
    const res = await api(trustPath(path), { cookie: trust.people[role].cookie });
    expect((await expectProblem(res, 403, "forbidden")).errors).toBeUndefined();
  });

  it("signed out, every route is 401 before its body, query or params are read", async () => {
    for (const [method, path] of WRITES) {
      await expectProblem(await api(trustPath(path), { method, body: "{oops" }), 401, "unauthenticated");
    }
    for (const [path] of READS) await expectProblem(await api(trustPath(path)), 401, "unauthenticated");
  });

  it("nothing was written: the dispute is still open at version 1, the action done at version 2", async () => {
    const admin = trust.as.admin.api.v1;
    const dispute = await (await admin.disputes[":id"].$get({ param: { id: rows.disputeId } })).json();
    expect(dispute).toMatchObject({ status: "open", version: 1 });
    const action = await (await admin.actions[":id"].$get({ param: { id: rows.actionId } })).json();
    expect(action).toMatchObject({ status: "done", version: 2 });
  });
});
