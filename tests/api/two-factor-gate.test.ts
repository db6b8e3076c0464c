/**
 * A session that still owes its second factor (or must enrol one) reaches nothing but its few
 * routes: EVERY route the app has, as `app.routes` lists it (a new route is walked without
 * anyone adding it here), answers 403 `two_factor_pending` to such a session, before the
 * handler, its params or its body are looked at.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations } from "../../schema";
import type { SessionPending } from "../../schema/enums";
import app from "../../worker/app";
import { pendingMayCall } from "../../worker/domain/two-factor";
import { client, createOrganization } from "./factory";
import { api, db, expectOk, expectProblem, sessionCookieOf } from "./helpers";
import { createMemberBy, enableTwoFactor, login } from "./member-helpers";

/** Every method and path the app routes (middleware entries are `ALL`), params filled with a placeholder. */
const ROUTES = [
  ...new Set(
    app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:[A-Za-z]+/g, "x")}`),
  ),
].map((line) => {
  const [method = "", path = ""] = line.split(" ");
  return { method, path };
});

const cookies = {} as Record<SessionPending, string>;

beforeAll(async () => {
  const org = await createOrganization();
  // Owes a code: an analyst with two-factor sign-in on, after the password.
  const person = await createMemberBy(org.people.admin, { role: "analyst" });
  const _setup = await enableTwoFactor(person);
  const owes = await login(person.email, person.password);
  expect(await expectOk(owes, 200)).toMatchObject({ pending: "two_factor" });
  cookies.two_factor = sessionCookieOf(owes);

  // Must enrol: an admin without it in an organisation that requires it.
  const required = await createOrganization();
  const admin = await createMemberBy(required.people.admin, { role: "admin" });
  await db().update(organizations).set({ requireTwoFactor: true }).where(eq(organizations.id, required.id));
  const enrol = await login(admin.email, admin.password);
  expect(await expectOk(enrol, 200)).toMatchObject({ pending: "enroll_two_factor" });
  cookies.enroll_two_factor = sessionCookieOf(enrol);
});

describe.each(["two_factor", "enroll_two_factor"] as const)("a session pending %s", (pending) => {
  it("walks a route list that is the whole app", () => {
    expect(ROUTES.length).toBeGreaterThan(100);
    expect(ROUTES).toContainEqual({ method: "GET", path: "/api/v1/scorecards/branches/x" });
    expect(ROUTES).toContainEqual({ method: "DELETE", path: "/api/v1/me/two-factor" });
  });

  it("gets 403 two_factor_pending from every route but its own", async () => {
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const { method, path } of ROUTES) {
      if (pendingMayCall(pending, method, path)) {
        allowed.push(`${method} ${path}`);
        continue;
      }
      const res = await api(path, { method, cookie: cookies[pending], body: method === "GET" ? undefined : {} });
      const text = await res.text();
      if (res.status !== 403 || !text.includes('"code":"two_factor_pending"'))
        refused.push(`${method} ${path} → ${res.status}`);
    }
    // Every route that is not allowed answered 403 two_factor_pending (this list is what did not).
    expect(refused).toEqual([]);
    // What is allowed is only the session's own business (and the anonymous invitation links).
    const own = [
      "GET /api/v1/health",
      "GET /api/v1/me",
      "POST /api/v1/auth/login",
      "POST /api/v1/auth/logout",
      "GET /api/v1/invitations/x",
      "POST /api/v1/invitations/x/accept",
      ...(pending === "two_factor"
        ? ["POST /api/v1/auth/two-factor"]
        : ["PUT /api/v1/me/organization", "POST /api/v1/me/two-factor/setup", "POST /api/v1/me/two-factor/confirm"]),
    ];
    expect(allowed.sort()).toEqual(own.sort());
  });

  it("an unknown path is refused alike, and anonymous requests still get 401", async () => {
    await expectProblem(await api("/api/v1/no-such-route", { cookie: cookies[pending] }), 403, "two_factor_pending");
    await expectProblem(await client().api.v1.branches.$get({ query: {} }), 401, "unauthenticated");
  });
});
