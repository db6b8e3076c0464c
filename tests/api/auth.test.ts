import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessions } from "../../schema";
import { LOGIN_MAX_FAILURES, SESSION_IDLE_MS } from "../../worker/domain/memberships";
import { sha256Hex } from "../../worker/lib/crypto";
import { client, createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { api, db, expectJson, expectOk, expectProblem, sessionCookieOf, signIn, tokenOf, uniqueEmail } from "./helpers";
import { createMemberBy, login, organizationName } from "./member-helpers";

let org: TestOrganization;
let reviewerEmail: string;

beforeAll(async () => {
  org = await createOrganization();
  reviewerEmail = org.people.reviewer.email;
});

/** Signs the reviewer in through the API (a new session each time). */
const signInReviewer = () => signIn(reviewerEmail, FACTORY_PASSWORD);

async function sessionRowOf(cookie: string) {
  const tokenHash = await sha256Hex(tokenOf(cookie));
  const [row] = await db().select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie on Path=/ without Secure over http", async () => {
    const res = await login(reviewerEmail, FACTORY_PASSWORD);
    const body = await expectOk(res, 200);
    expect(body).toEqual({ ok: true, locale: "en", pending: null });
    const header = res.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^courtesy_session=[A-Za-z0-9_-]{43};/);
    const attributes = header.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });

  it("uses a Secure __Host- cookie over https", async () => {
    // Raw: the typed client always calls http://localhost.
    const res = await api("https://localhost/api/v1/auth/login", {
      body: { email: reviewerEmail, password: FACTORY_PASSWORD },
    });
    expect(res.status).toBe(200);
    const header = res.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^__Host-courtesy_session=[A-Za-z0-9_-]{43};/);
    const attributes = header.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("path=/");

    const cookie = sessionCookieOf(res);
    const me = await expectJson<{ user: { email: string } }>(await api("https://localhost/api/v1/me", { cookie }), 200);
    expect(me.user.email).toBe(reviewerEmail);
    // The plain-http name is not read over https (and vice versa).
    await expectProblem(await client(cookie).api.v1.me.$get(), 401, "unauthenticated");
    const logout = await api("https://localhost/api/v1/auth/logout", { method: "POST", cookie });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/^__Host-courtesy_session=;.*Max-Age=0/i);
  });

  it("normalises the email's case and spaces", async () => {
    const [name = "", domain = ""] = reviewerEmail.split("@");
    const res = await login(
      `  ${name.charAt(0).toUpperCase()}${name.slice(1)}@${domain.toUpperCase()} `,
      FACTORY_PASSWORD,
    );
    expect(res.status).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const wrong = await expectProblem(
      await login(org.people.analyst.email, "not-the-password"),
      401,
      "invalid_credentials",
    );
    const unknown = await expectProblem(
      await login(uniqueEmail("nobody"), FACTORY_PASSWORD),
      401,
      "invalid_credentials",
    );
    const { requestId: a, ...wrongRest } = wrong;
    const { requestId: b, ...unknownRest } = unknown;
    expect(a).not.toBe(b);
    expect(wrongRest).toEqual(unknownRest);
    expect(Object.keys(wrong).sort()).toEqual(["code", "requestId", "status", "title", "type"]);
  });

  it("sets no cookie when sign-in fails", async () => {
    const res = await login(org.people.analyst.email, "nope");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    // Clear the failure so this account keeps a clean counter for other tests.
    await signIn(org.people.analyst.email, FACTORY_PASSWORD);
  });

  it("rejects a sign-in body that is not an email and password", async () => {
    const problem = await expectProblem(await login("not-an-email", ""), 400, "validation_failed");
    expect(problem.errors?.map((e) => `${e.path}:${e.code}`).sort()).toEqual([
      "email:invalid_format",
      "password:too_small",
    ]);
  });
});

describe("GET /api/v1/me", () => {
  const readMe = async (as = org.as.admin) => expectOk(await as.api.v1.me.$get(), 200);

  it("returns the user, organisation, role and scope", async () => {
    const me = await readMe();
    const name = await organizationName(org);
    expect(me.user).toEqual({
      id: org.people.admin.id,
      email: org.people.admin.email,
      displayName: "Ada Admin",
      locale: "en",
      emailMode: "each",
      timeZone: "Asia/Shanghai",
      twoFactor: { enabled: false, recoveryCodesLeft: 0 },
    });
    expect(me.organization).toEqual({
      id: org.id,
      slug: org.slug,
      name,
      staffNames: "role_only",
      requireTwoFactor: false,
    });
    expect(me.pending).toBeNull();
    expect(me.role).toBe("admin");
    expect(me.scope).toEqual({ regionIds: [], branchIds: [] });
    expect(me.organizations).toEqual([{ id: org.id, name, role: "admin" }]);
  });

  it("returns the scope of scoped roles", async () => {
    const manager = await readMe(org.as.manager);
    expect(manager.role).toBe("branch_manager");
    expect(manager.scope).toEqual({ regionIds: [], branchIds: [org.branchIds.north1] });
    const regional = await readMe(org.as.regional);
    expect(regional.role).toBe("regional_manager");
    expect(regional.scope).toEqual({ regionIds: [org.regionIds.north], branchIds: [] });
  });

  it("sends what the user may do in the app, so it never re-derives roles", async () => {
    const shopper = await readMe(org.as.shopper);
    expect(Object.entries(shopper.abilities).filter(([, may]) => may)).toEqual([
      ["visits", true],
      ["earnings", true],
      ["rateCalibrations", true],
    ]);
    const manager = await readMe(org.as.manager);
    expect(manager.abilities).toMatchObject({ branches: true, scorecards: true, ownBranches: true, regions: false });
    expect(manager.abilities).toMatchObject({ assignments: false, manage: false, visits: false });
    const admin = await readMe();
    expect(admin.abilities).toMatchObject({ manage: true, users: true, assignments: true, ownBranches: false });
    // Complaints: the branch's managers log them; analysts read them; reviewers are not in them.
    expect(manager.abilities).toMatchObject({ complaints: true, writeComplaints: true });
    expect((await readMe(org.as.analyst)).abilities).toMatchObject({ complaints: true, writeComplaints: false });
    expect((await readMe(org.as.reviewer)).abilities).toMatchObject({ complaints: false, writeComplaints: false });
  });

  it("is 401 without a cookie or with an unknown one", async () => {
    await expectProblem(await client().api.v1.me.$get(), 401, "unauthenticated");
    await expectProblem(await client("courtesy_session=made-up").api.v1.me.$get(), 401, "unauthenticated");
  });
});

describe("rate limit", () => {
  it(`locks an account after ${LOGIN_MAX_FAILURES} failures, even for the right password, and only that account`, async () => {
    const locked = await createMemberBy(org.people.admin);
    const bystander = await createMemberBy(org.people.admin);

    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      await expectProblem(await login(locked.email, `wrong-${i}`), 401, "invalid_credentials");
    }
    const res = await login(locked.email, locked.password);
    const retryAfter = res.headers.get("retry-after");
    await expectProblem(res, 429, "too_many_attempts");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(res.headers.get("set-cookie")).toBeNull();

    // The lock is per account: others sign in as usual.
    await signIn(bystander.email, bystander.password);
    // An existing session of the locked account keeps working.
    expect((await locked.as.api.v1.me.$get()).status).toBe(200);
  });

  it("a successful sign-in resets the counter", async () => {
    const member = await createMemberBy(org.people.admin);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) {
        const res = await login(member.email, "wrong-password");
        expect(res.status).toBe(401);
      }
      await signIn(member.email, member.password);
    }
  });
});

describe("sessions", () => {
  it("sign-out deletes the session and clears the cookie", async () => {
    const cookie = await signInReviewer();
    const as = client(cookie);
    expect((await as.api.v1.me.$get()).status).toBe(200);
    const res = await as.api.v1.auth.logout.$post();
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^courtesy_session=;.*Max-Age=0/i);
    expect(await sessionRowOf(cookie)).toBeUndefined();
    await expectProblem(await as.api.v1.me.$get(), 401, "unauthenticated");
  });

  it("sign-out without a session is harmless", async () => {
    expect((await client().api.v1.auth.logout.$post()).status).toBe(204);
  });

  it("sign-in rotates: the browser's previous token stops working", async () => {
    const first = await signInReviewer();
    const res = await client(first).api.v1.auth.login.$post({
      json: { email: reviewerEmail, password: FACTORY_PASSWORD },
    });
    expect(res.status).toBe(200);
    const second = sessionCookieOf(res);
    expect(second).not.toBe(first);
    await expectProblem(await client(first).api.v1.me.$get(), 401, "unauthenticated");
    expect((await client(second).api.v1.me.$get()).status).toBe(200);
  });

  it("an expired session is refused and deleted", async () => {
    const cookie = await signInReviewer();
    const row = await sessionRowOf(cookie);
    expect(row).toBeDefined();
    await db()
      .update(sessions)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(sessions.id, row?.id ?? ""));
    const res = await client(cookie).api.v1.me.$get();
    // The browser is told to drop the dead cookie.
    expect(res.headers.get("set-cookie")).toMatch(/^courtesy_session=;.*Max-Age=0/i);
    await expectProblem(res, 401, "unauthenticated");
    expect(await sessionRowOf(cookie)).toBeUndefined();
  });

  it("an idle session is refused", async () => {
    const cookie = await signInReviewer();
    const row = await sessionRowOf(cookie);
    await db()
      .update(sessions)
      .set({ lastSeenAt: Date.now() - SESSION_IDLE_MS - 1000 })
      .where(eq(sessions.id, row?.id ?? ""));
    await expectProblem(await client(cookie).api.v1.me.$get(), 401, "unauthenticated");
    expect(await sessionRowOf(cookie)).toBeUndefined();
  });

  it("activity keeps a session alive by moving last-seen forward", async () => {
    const cookie = await signInReviewer();
    const row = await sessionRowOf(cookie);
    const stale = Date.now() - SESSION_IDLE_MS + 60 * 60 * 1000; // an hour left
    await db()
      .update(sessions)
      .set({ lastSeenAt: stale })
      .where(eq(sessions.id, row?.id ?? ""));
    expect((await client(cookie).api.v1.me.$get()).status).toBe(200);
    // The touch runs after the response (waitUntil), so give it a moment.
    await vi.waitFor(async () => expect((await sessionRowOf(cookie))?.lastSeenAt).toBeGreaterThan(stale));
  });

  it("stores only the token's hash", async () => {
    const cookie = await signInReviewer();
    const row = await sessionRowOf(cookie);
    expect(row?.tokenHash).toBe(await sha256Hex(tokenOf(cookie)));
    expect(row?.tokenHash).not.toContain(tokenOf(cookie));
  });
});
