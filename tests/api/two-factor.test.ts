/**
 * Two-factor sign-in (docs/SIGN-IN.md): setting it up, signing in with a code or a recovery
 * code, the pending session and its rotation, reuse and drift, the throttle, turning it off,
 * and the organisation's requirement for admins and analysts.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, organizations, recoveryCodes, sessions, users } from "../../schema";
import { LOGIN_MAX_FAILURES } from "../../worker/domain/memberships";
import { sha256Hex } from "../../worker/lib/crypto";
import { totpCode, totpStep } from "../../worker/lib/totp";
import { type Client, client, createOrganization, type TestOrganization } from "./factory";
import {
  acceptInvitation,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  NEW_PASSWORD,
  sessionCookieOf,
  tokenOf,
} from "./helpers";
import { createMemberBy, enableTwoFactor, inviteBy, login } from "./member-helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

type Member = Awaited<ReturnType<typeof createMemberBy>>;

const twoFactorOf = (as: Client) => as.api.v1.me["two-factor"];

/** A documentation-range IPv6 address no other test uses. */
function uniqueIp(): string {
  return `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
}

/** Lets the current step's code be used once more (tests that sign in right after confirming). */
async function forgetLastStep(userId: string) {
  await db().update(users).set({ totpLastStep: null }).where(eq(users.id, userId));
}

/** Signs in with the password from `ip`; the session must owe its code. */
async function passwordStep(person: Member, ip?: string): Promise<string> {
  const res = await client().api.v1.auth.login.$post(
    { json: { email: person.email, password: person.password } },
    { headers: ip ? { "cf-connecting-ip": ip } : {} },
  );
  expect(await expectOk(res, 200)).toEqual({ ok: true, locale: "en", pending: "two_factor" });
  return sessionCookieOf(res);
}

function secondStep(cookie: string, json: { code?: string; recoveryCode?: string }, ip?: string) {
  return client(cookie).api.v1.auth["two-factor"].$post({ json }, { headers: ip ? { "cf-connecting-ip": ip } : {} });
}

async function eventsOf(organizationId: string, userId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.subjectId, userId), eq(events.type, type)));
}

async function sessionOf(cookie: string) {
  const [row] = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, await sha256Hex(tokenOf(cookie))));
  return row;
}

describe("setting up", () => {
  it("needs the password, offers a secret and its URI, and turns on only with a right code", async () => {
    const person = await createMemberBy(org.people.admin);
    const before = await expectOk(await person.as.api.v1.me.$get(), 200);
    expect(before.user.twoFactor).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(before.pending).toBeNull();
    expect(before.organization.requireTwoFactor).toBe(false);

    const wrong = await expectProblem(
      await twoFactorOf(person.as).setup.$post({ json: { currentPassword: "not-the-password" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrong)).toEqual(["currentPassword:invalid_value"]);

    const setup = await expectOk(
      await twoFactorOf(person.as).setup.$post({ json: { currentPassword: person.password } }),
      200,
    );
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.uri).toBe(
      `otpauth://totp/Courtesy:${encodeURIComponent(person.email)}?issuer=Courtesy&secret=${setup.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    // Nothing is on until confirmed: signing in still needs the password only.
    expect(await expectOk(await login(person.email, person.password), 200)).toMatchObject({ pending: null });

    const bad = await expectProblem(
      await twoFactorOf(person.as).confirm.$post({
        json: { code: "000000" === totpCode(setup.secret, Date.now()) ? "111111" : "000000" },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual(["code:invalid_code"]);

    const confirmed = await expectOk(
      await twoFactorOf(person.as).confirm.$post({ json: { code: totpCode(setup.secret, Date.now()) } }),
      200,
    );
    expect(confirmed.recoveryCodes).toHaveLength(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);

    // Only hashes are stored.
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.user.id));
    expect(stored).toHaveLength(10);
    const expected = await Promise.all(confirmed.recoveryCodes.map((c) => sha256Hex(c.replace("-", ""))));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(expected.sort());

    const after = await expectOk(await person.as.api.v1.me.$get(), 200);
    expect(after.user.twoFactor).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    const patched = await expectOk(await person.as.api.v1.me.$patch({ json: { displayName: "Renamed" } }), 200);
    expect(patched.user.twoFactor).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expect(await eventsOf(org.id, person.user.id, "user.two_factor_enabled")).toHaveLength(1);

    // Set up again while on: refused (turn it off first).
    await expectProblem(
      await twoFactorOf(person.as).setup.$post({ json: { currentPassword: person.password } }),
      409,
      "invalid_state",
    );
  });

  it("confirming without a setup is refused; anonymous is 401 before the body is read", async () => {
    const person = await createMemberBy(org.people.admin);
    await expectProblem(await twoFactorOf(person.as).confirm.$post({ json: { code: "123456" } }), 409, "invalid_state");
    await expectProblem(
      await twoFactorOf(client()).confirm.$post({ json: { code: 1 as unknown as string } }),
      401,
      "unauthenticated",
    );
  });

  it("records the event into every organisation the person works in", async () => {
    const person = await createMemberBy(org.people.admin);
    const invited = await inviteBy(other.people.admin, { email: person.email, role: "analyst" });
    await acceptInvitation(invited.token, NEW_PASSWORD, "existing");
    await enableTwoFactor(person);
    expect(await eventsOf(org.id, person.user.id, "user.two_factor_enabled")).toHaveLength(1);
    const [there] = await eventsOf(other.id, person.user.id, "user.two_factor_enabled");
    expect(there).toMatchObject({ actorId: person.user.id, actorRole: "analyst", subjectType: "user" });
  });
});

describe("signing in with a second factor", () => {
  it("a right password earns a pending session; a right code completes it under a new token", async () => {
    const person = await createMemberBy(org.people.admin, { role: "analyst" });
    const { secret } = await enableTwoFactor(person);
    await forgetLastStep(person.user.id);

    const pending = await passwordStep(person);
    const row = await sessionOf(pending);
    expect(row?.pending).toBe("two_factor");
    // A pending session lives ten minutes, not thirty days.
    expect((row?.expiresAt ?? 0) - (row?.createdAt ?? 0)).toBe(10 * 60 * 1000);

    const me = await expectOk(await client(pending).api.v1.me.$get(), 200);
    expect(me.pending).toBe("two_factor");
    await expectProblem(await client(pending).api.v1.branches.$get({ query: {} }), 403, "two_factor_pending");

    const wrong = await expectProblem(await secondStep(pending, { code: "12345" }), 400, "validation_failed");
    expect(fieldErrors(wrong)).toEqual(["code:invalid_code"]);

    const res = await secondStep(pending, { code: totpCode(secret, Date.now()) });
    expect(await expectOk(res, 200)).toEqual({ ok: true, locale: "en" });
    const full = sessionCookieOf(res);
    expect(full).not.toBe(pending);
    // The password-only token is void; the new one is a full session.
    await expectProblem(await client(pending).api.v1.me.$get(), 401, "unauthenticated");
    expect((await expectOk(await client(full).api.v1.me.$get(), 200)).pending).toBeNull();
    expect((await client(full).api.v1.branches.$get({ query: {} })).status).toBe(200);
    // Completing twice is not a thing.
    await expectProblem(await secondStep(full, { code: totpCode(secret, Date.now()) }), 409, "invalid_state");
  });

  it("a code works once; an older step than the last accepted is refused too", async () => {
    const person = await createMemberBy(org.people.admin);
    const { secret } = await enableTwoFactor(person);
    await forgetLastStep(person.user.id);
    const code = totpCode(secret, Date.now());
    expect((await secondStep(await passwordStep(person), { code })).status).toBe(200);

    const again = await passwordStep(person);
    const reused = await expectProblem(await secondStep(again, { code }), 400, "validation_failed");
    expect(fieldErrors(reused)).toEqual(["code:invalid_code"]);
    const older = await expectProblem(
      await secondStep(again, { code: totpCode(secret, Date.now() - 30_000) }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(older)).toEqual(["code:invalid_code"]);
    // The next step's code (one step of drift) still works.
    expect((await secondStep(again, { code: totpCode(secret, Date.now() + 30_000) })).status).toBe(200);
  });

  it("accepts one step of drift either way, not two", async () => {
    const person = await createMemberBy(org.people.admin);
    const { secret } = await enableTwoFactor(person);
    await db()
      .update(users)
      .set({ totpLastStep: totpStep(Date.now()) - 5 })
      .where(eq(users.id, person.user.id));
    const pending = await passwordStep(person);
    await expectProblem(
      await secondStep(pending, { code: totpCode(secret, Date.now() - 90_000) }),
      400,
      "validation_failed",
    );
    await expectProblem(
      await secondStep(pending, { code: totpCode(secret, Date.now() + 90_000) }),
      400,
      "validation_failed",
    );
    expect((await secondStep(pending, { code: totpCode(secret, Date.now() - 30_000) })).status).toBe(200);
  });

  it("a recovery code works once, as typed, and says so in the trail", async () => {
    const person = await createMemberBy(org.people.admin);
    const { recoveryCodes: codes } = await enableTwoFactor(person);
    const [first = "", second = ""] = codes;

    const res = await secondStep(await passwordStep(person), { recoveryCode: ` ${first.toUpperCase()} ` });
    expect(await expectOk(res, 200)).toEqual({ ok: true, locale: "en" });
    const full = sessionCookieOf(res);
    expect((await expectOk(await client(full).api.v1.me.$get(), 200)).user.twoFactor).toEqual({
      enabled: true,
      recoveryCodesLeft: 9,
    });
    const [used] = await eventsOf(org.id, person.user.id, "user.recovery_code_used");
    expect(used?.payload).toEqual({ recoveryCodesLeft: 9 });

    const pending = await passwordStep(person);
    const reused = await expectProblem(await secondStep(pending, { recoveryCode: first }), 400, "validation_failed");
    expect(fieldErrors(reused)).toEqual(["recoveryCode:invalid_code"]);
    expect((await secondStep(pending, { recoveryCode: second.replace("-", "") })).status).toBe(200);
  });

  it("needs exactly one of code and recovery code; a session not waiting for one is refused", async () => {
    const person = await createMemberBy(org.people.admin);
    await enableTwoFactor(person);
    const pending = await passwordStep(person);
    expect(fieldErrors(await expectProblem(await secondStep(pending, {}), 400, "validation_failed"))).toEqual([
      "code:required",
    ]);
    await expectProblem(await secondStep(person.cookie, { code: "123456" }), 409, "invalid_state");
    await expectProblem(await secondStep("", { code: "123456" }), 401, "unauthenticated");
  });

  it("wrong codes are throttled like passwords, and a right password does not reset the count", async () => {
    const person = await createMemberBy(org.people.admin);
    const { secret } = await enableTwoFactor(person);
    await forgetLastStep(person.user.id);
    const ip = uniqueIp();
    const pending = await passwordStep(person, ip);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      await expectProblem(
        await secondStep(pending, { code: "000000" === totpCode(secret, Date.now()) ? "111111" : "000000" }, ip),
        400,
        "validation_failed",
      );
    }
    // The trail says the account was locked by codes: whoever did it knew the password.
    const [locked] = await eventsOf(org.id, person.user.id, "account.locked");
    expect(locked?.payload).toEqual({ failures: LOGIN_MAX_FAILURES, windowMinutes: 15, factor: "two_factor" });
    // Even the right code is refused now, from this client, with Retry-After.
    const blocked = await secondStep(pending, { code: totpCode(secret, Date.now()) }, ip);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectProblem(blocked, 429, "too_many_attempts");
    // Signing in again with the right password (which clears password failures) changes nothing.
    const again = await passwordStep(person, ip);
    await expectProblem(await secondStep(again, { code: totpCode(secret, Date.now()) }, ip), 429, "too_many_attempts");
    // Another client, which never failed, gets in (the lock holds against the failing client).
    expect((await secondStep(again, { code: totpCode(secret, Date.now()) }, uniqueIp())).status).toBe(200);
  });

  it("accepting an invitation with an existing account that has a second factor also owes the code", async () => {
    const person = await createMemberBy(org.people.admin);
    await enableTwoFactor(person);
    const invited = await inviteBy(other.people.admin, { email: person.email, role: "reviewer" });
    const res = await client().api.v1.invitations[":token"].accept.$post({
      param: { token: invited.token },
      json: { mode: "existing", password: person.password },
    });
    expect(await expectOk(res, 200)).toEqual({ ok: true, pending: "two_factor" });
    await expectProblem(
      await client(sessionCookieOf(res)).api.v1.branches.$get({ query: {} }),
      403,
      "two_factor_pending",
    );
  });
});

describe("recovery codes and turning it off", () => {
  it("a new set voids the old one", async () => {
    const person = await createMemberBy(org.people.admin);
    const { secret, recoveryCodes: old } = await enableTwoFactor(person);
    await forgetLastStep(person.user.id);
    const wrong = await expectProblem(
      await twoFactorOf(person.as)["recovery-codes"].$post({ json: { code: "12" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrong)).toEqual(["code:invalid_code"]);
    const fresh = await expectOk(
      await twoFactorOf(person.as)["recovery-codes"].$post({ json: { code: totpCode(secret, Date.now()) } }),
      200,
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes.some((c) => old.includes(c))).toBe(false);
    const pending = await passwordStep(person);
    await expectProblem(await secondStep(pending, { recoveryCode: old[0] ?? "" }), 400, "validation_failed");
    expect((await secondStep(pending, { recoveryCode: fresh.recoveryCodes[0] ?? "" })).status).toBe(200);
  });

  it("a recovery code that happens to be all digits is still read as a recovery code", async () => {
    const person = await createMemberBy(org.people.admin);
    await enableTwoFactor(person);
    await db()
      .insert(recoveryCodes)
      .values({ id: crypto.randomUUID(), userId: person.user.id, codeHash: await sha256Hex("23456789") });
    const fresh = await twoFactorOf(person.as)["recovery-codes"].$post({ json: { code: "23456789" } });
    expect((await expectOk(fresh, 200)).recoveryCodes).toHaveLength(10);
  });

  it("turning off needs the password and a code (or a recovery code), and is recorded", async () => {
    const person = await createMemberBy(org.people.admin);
    const { recoveryCodes: codes } = await enableTwoFactor(person);
    const off = twoFactorOf(person.as);
    const noPassword = await expectProblem(
      await off.$delete({ json: { currentPassword: "wrong-password", code: codes[0] ?? "" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(noPassword)).toEqual(["currentPassword:invalid_value"]);
    const noCode = await expectProblem(
      await off.$delete({ json: { currentPassword: person.password, code: "999999" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(noCode)).toEqual(["code:invalid_code"]);
    expect((await off.$delete({ json: { currentPassword: person.password, code: codes[0] ?? "" } })).status).toBe(204);

    expect((await expectOk(await person.as.api.v1.me.$get(), 200)).user.twoFactor).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    expect(await eventsOf(org.id, person.user.id, "user.two_factor_disabled")).toHaveLength(1);
    expect(await expectOk(await login(person.email, person.password), 200)).toMatchObject({ pending: null });
    await expectProblem(
      await off.$delete({ json: { currentPassword: person.password, code: "123456" } }),
      409,
      "invalid_state",
    );
  });
});

describe("an organisation that requires two-factor sign-in", () => {
  /** Turns the setting on (privacy-api's PATCH /organization does this; here straight in the row). */
  async function requireIn(required: TestOrganization) {
    await db().update(organizations).set({ requireTwoFactor: true }).where(eq(organizations.id, required.id));
  }

  it("sends admins and analysts without it to enrol, and lets them do nothing else until they have", async () => {
    const required = await createOrganization();
    const admin = await createMemberBy(required.people.admin, { role: "admin" });
    await requireIn(required);
    const res = await login(admin.email, admin.password);
    expect(await expectOk(res, 200)).toEqual({ ok: true, locale: "en", pending: "enroll_two_factor" });
    const cookie = sessionCookieOf(res);
    const as = client(cookie);
    const me = await expectOk(await as.api.v1.me.$get(), 200);
    expect(me.pending).toBe("enroll_two_factor");
    expect(me.organization.requireTwoFactor).toBe(true);
    await expectProblem(await as.api.v1.branches.$get({ query: {} }), 403, "two_factor_pending");
    await expectProblem(
      await as.api.v1.auth["two-factor"].$post({ json: { code: "123456" } }),
      403,
      "two_factor_pending",
    );

    const setup = await expectOk(await twoFactorOf(as).setup.$post({ json: { currentPassword: admin.password } }), 200);
    await expectOk(await twoFactorOf(as).confirm.$post({ json: { code: totpCode(setup.secret, Date.now()) } }), 200);
    expect((await expectOk(await as.api.v1.me.$get(), 200)).pending).toBeNull();
    expect((await as.api.v1.branches.$get({ query: {} })).status).toBe(200);

    // And it cannot be turned off while the organisation requires it for the role.
    await expectProblem(
      await twoFactorOf(as).$delete({ json: { currentPassword: admin.password, code: "123456" } }),
      409,
      "two_factor_required",
    );
  });

  it("takes effect at once for sessions already open, and leaves other roles alone", async () => {
    const required = await createOrganization();
    const analyst = await createMemberBy(required.people.admin, { role: "analyst" });
    await requireIn(required);
    await expectProblem(await analyst.as.api.v1.branches.$get({ query: {} }), 403, "two_factor_pending");
    expect((await expectOk(await analyst.as.api.v1.me.$get(), 200)).pending).toBe("enroll_two_factor");
    const shopper = await login(required.people.shopper.email, "factory-password-1");
    expect(await expectOk(shopper, 200)).toMatchObject({ pending: null });
  });

  it("switching into it sends the session to enrol; switching back out is allowed", async () => {
    const required = await createOrganization();
    const person = await createMemberBy(org.people.admin, { role: "admin" });
    const invited = await inviteBy(required.people.admin, { email: person.email, role: "admin" });
    await acceptInvitation(invited.token, NEW_PASSWORD, "existing");
    await requireIn(required);
    const cookie = await (async () => {
      const res = await login(person.email, person.password);
      expect(await expectOk(res, 200)).toMatchObject({ pending: null });
      return sessionCookieOf(res);
    })();
    const as = client(cookie);
    expect((await as.api.v1.me.organization.$put({ json: { organizationId: required.id } })).status).toBe(204);
    expect((await expectOk(await as.api.v1.me.$get(), 200)).pending).toBe("enroll_two_factor");
    await expectProblem(await as.api.v1.branches.$get({ query: {} }), 403, "two_factor_pending");
    expect((await as.api.v1.me.organization.$put({ json: { organizationId: org.id } })).status).toBe(204);
    expect((await expectOk(await as.api.v1.me.$get(), 200)).pending).toBeNull();
  });
});

describe("deleting an account with two-step sign-in on", () => {
  it("needs a right code as well as the password; a wrong one changes nothing", async () => {
    const person = await createMemberBy(org.people.admin);
    const { secret } = await enableTwoFactor(person);
    await forgetLastStep(person.user.id);
    const remove = (json: { currentPassword: string; confirm: "delete"; code?: string }) =>
      person.as.api.v1.me.$delete({ json });

    const missing = await expectProblem(
      await remove({ currentPassword: person.password, confirm: "delete" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(missing)).toEqual(["code:required"]);
    const wrong = await expectProblem(
      await remove({ currentPassword: person.password, confirm: "delete", code: "000000" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrong)).toEqual(["code:invalid_code"]);
    const [kept] = await db().select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, person.user.id));
    expect(kept?.deletedAt).toBeNull();

    const gone = await remove({
      currentPassword: person.password,
      confirm: "delete",
      code: totpCode(secret, Date.now()),
    });
    expect(gone.status).toBe(204);
    const [row] = await db()
      .select({ deletedAt: users.deletedAt, totpSecret: users.totpSecret })
      .from(users)
      .where(eq(users.id, person.user.id));
    expect(row?.deletedAt).not.toBeNull();
    expect(row?.totpSecret).toBeNull();
  });
});
