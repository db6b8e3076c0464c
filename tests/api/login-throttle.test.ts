/**
 * Brute force without lockout as a weapon: the account lock holds only against clients that
 * failed on the account, and one client (CF-Connecting-IP) spraying many accounts is stopped.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LOGIN_CLIENT_MAX_FAILURES, LOGIN_MAX_FAILURES } from "../../worker/domain/memberships";
import { client, createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { type AnyResponse, expectOk, expectProblem, signIn, uniqueEmail } from "./helpers";
import { createMemberBy, inviteBy } from "./member-helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

/** A documentation-range IPv6 address no other test uses. */
function uniqueIp(): string {
  return `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
}

/** Signs in through the typed client, from the client address `ip` (none unless given). */
function login(email: string, password: string, ip?: string) {
  return client().api.v1.auth.login.$post(
    { json: { email, password } },
    { headers: ip ? { "cf-connecting-ip": ip } : {} },
  );
}

function retryAfterOf(res: AnyResponse): number {
  const value = res.headers.get("retry-after") ?? "";
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

describe("the account lock", () => {
  it("blocks the client that failed, even with the right password, but not a clean client", async () => {
    const member = await createMemberBy(org.people.admin);
    const attacker = uniqueIp();
    const owner = uniqueIp();
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      await expectProblem(await login(member.email, `wrong-${i}`, attacker), 401, "invalid_credentials");
    }
    const blocked = await login(member.email, member.password, attacker);
    expect(retryAfterOf(blocked)).toBeGreaterThan(0);
    expect(retryAfterOf(blocked)).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers.get("set-cookie")).toBeNull();
    await expectProblem(blocked, 429, "too_many_attempts");

    // The owner, from a client that has not failed, signs in as usual...
    expect((await login(member.email, member.password, owner)).status).toBe(200);
    // ...and that clears the account's counter: the lock is gone for the other client too.
    expect((await login(member.email, member.password, attacker)).status).toBe(200);
  });

  it("gives a new client one guess at a locked account, then locks it too", async () => {
    const member = await createMemberBy(org.people.admin);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect((await login(member.email, `wrong-${i}`, uniqueIp())).status).toBe(401);
    }
    const newcomer = uniqueIp();
    await expectProblem(await login(member.email, "another-guess", newcomer), 401, "invalid_credentials");
    await expectProblem(await login(member.email, member.password, newcomer), 429, "too_many_attempts");
    // A client that never failed still gets in.
    expect((await login(member.email, member.password, uniqueIp())).status).toBe(200);
  });

  it("still locks requests without an address as one client (tests and scripts, never the edge)", async () => {
    const member = await createMemberBy(org.people.admin);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect((await login(member.email, `wrong-${i}`)).status).toBe(401);
    }
    await expectProblem(await login(member.email, member.password), 429, "too_many_attempts");
    expect((await login(member.email, member.password, uniqueIp())).status).toBe(200);
  });
});

describe("the per-client throttle", () => {
  it(`stops a client after ${LOGIN_CLIENT_MAX_FAILURES} failures on any accounts, before checking a password`, async () => {
    const sprayer = uniqueIp();
    for (let i = 0; i < LOGIN_CLIENT_MAX_FAILURES; i++) {
      await expectProblem(await login(uniqueEmail("spray"), "Winter2026!", sprayer), 401, "invalid_credentials");
    }
    const stopped = await login(uniqueEmail("spray"), "Winter2026!", sprayer);
    const retryAfter = retryAfterOf(stopped);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const problem = await expectProblem(stopped, 429, "too_many_attempts");
    expect(problem.detail).toMatch(/network/);
    // Even a right password does not get through from that client...
    const member = await createMemberBy(org.people.admin);
    await expectProblem(await login(member.email, member.password, sprayer), 429, "too_many_attempts");
    // ...while everyone else signs in as usual.
    await expectOk(await login(member.email, member.password, uniqueIp()), 200);
  });

  it("counts failures only: signing in many times from one client is never throttled", async () => {
    const member = await createMemberBy(org.people.admin);
    const office = uniqueIp();
    for (let i = 0; i < LOGIN_CLIENT_MAX_FAILURES + 2; i++) {
      expect((await login(member.email, member.password, office)).status).toBe(200);
    }
  });

  it("does not throttle requests without an address as one client (the test suite signs in from there)", async () => {
    for (let i = 0; i < LOGIN_CLIENT_MAX_FAILURES + 1; i++) {
      expect((await login(uniqueEmail("no-ip"), "wrong-password")).status).toBe(401);
    }
    await signIn(org.people.reviewer.email, FACTORY_PASSWORD);
  });

  it("applies to invitation links that ask for an existing password", async () => {
    const sprayer = uniqueIp();
    for (let i = 0; i < LOGIN_CLIENT_MAX_FAILURES; i++) {
      expect((await login(uniqueEmail("spray"), "wrong-password", sprayer)).status).toBe(401);
    }
    const outsider = await createMemberBy(other.people.admin);
    const invited = await inviteBy(org.people.admin, { email: outsider.email });
    const res = await client().api.v1.invitations[":token"].accept.$post(
      { param: { token: invited.token }, json: { mode: "existing", password: outsider.password } },
      { headers: { "cf-connecting-ip": sprayer } },
    );
    expect(retryAfterOf(res)).toBeGreaterThan(0);
    await expectProblem(res, 429, "too_many_attempts");
  });
});
