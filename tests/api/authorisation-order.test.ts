/**
 * Authorise before validating, and "not yours" answers like "not there": a role that may not act
 * gets 403 whatever it sends (a malformed body must not teach it the schema), and a reference
 * outside the caller's scope is refused exactly like one that does not exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, DEMO, expectProblem, seed, signIn } from "./helpers";

const cookies: Record<string, string> = {};
const READ_ONLY_ROLES = ["shopper", "manager", "regional", "analyst", "reviewer"] as const;

beforeAll(async () => {
  await seed();
  for (const who of [...READ_ONLY_ROLES, "admin"]) cookies[who] = await signIn(`${who}@demo.test`);
});

const MALFORMED = [
  { name: "not JSON", body: "{oops" },
  { name: "wrong types", body: { code: 42, name: null, status: "?", extra: true } },
  { name: "empty object", body: {} },
];

/** Admin-only writes (method, path); ids are real rows of Demo Retail. */
const ADMIN_WRITES: Array<[string, string]> = [
  ["POST", "/api/v1/regions"],
  ["PATCH", `/api/v1/regions/${DEMO.regionIds.north}`],
  ["POST", "/api/v1/branches"],
  ["PATCH", `/api/v1/branches/${DEMO.branchIds.wangfujing}`],
  ["POST", "/api/v1/users"],
  ["PATCH", `/api/v1/users/${DEMO.users["shopper@demo.test"]}`],
  ["POST", `/api/v1/users/${DEMO.users["shopper@demo.test"]}/invitation`],
  ["POST", "/api/v1/checklists"],
  ["POST", "/api/v1/assignments"],
];

describe("a role that may not write gets 403 whatever the body", () => {
  const cases = ADMIN_WRITES.flatMap(([method, path]) =>
    READ_ONLY_ROLES.flatMap((role) => MALFORMED.map((m) => ({ method, path, role, ...m }))),
  );
  it.each(cases)("$role $method $path ($name)", async ({ method, path, role, body }) => {
    const problem = await expectProblem(await api(path, { method, cookie: cookies[role], body }), 403, "forbidden");
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
      await api(`/api/v1/users/${DEMO.users["admin@demo.test"]}`, { cookie: cookies.shopper }),
      403,
      "forbidden",
    );
    await expectProblem(await api("/api/v1/users/no-such-person", { cookie: cookies.shopper }), 403, "forbidden");
  });

  it("signed out, every write is 401 before its body is read", async () => {
    for (const [method, path] of ADMIN_WRITES) {
      await expectProblem(await api(path, { method, body: "{oops" }), 401, "unauthenticated");
    }
  });
});

describe("a region outside the caller's scope answers like an unknown one", () => {
  const answer = async (cookie: string, regionId: string) => {
    const res = await api(`/api/v1/scorecards/league?regionId=${regionId}`, {
      cookie,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const strip = (r: { status: number; body: Record<string, unknown> }) => ({
    status: r.status,
    code: r.body.code,
    errors: r.body.errors,
  });

  it("for a branch manager: another region and a made-up one give the same 400", async () => {
    const real = await answer(cookies.manager ?? "", DEMO.regionIds.south);
    const unknown = await answer(cookies.manager ?? "", "no-such-region");
    expect(real.status).toBe(400);
    expect(strip(real)).toEqual(strip(unknown));
    // Their own branch's region is still a valid narrowing.
    expect((await answer(cookies.manager ?? "", DEMO.regionIds.north)).status).toBe(200);
  });

  it("for a regional manager: a region they do not cover gives the same 400 as a made-up one", async () => {
    const real = await answer(cookies.regional ?? "", DEMO.regionIds.south);
    const unknown = await answer(cookies.regional ?? "", "no-such-region");
    expect(strip(real)).toEqual(strip(unknown));
  });
});
