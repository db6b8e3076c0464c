/**
 * Issue 18's new routes from an attacker's side (export, account deletion, two-factor, privacy
 * settings, staff names, the bookmark cookie): authorise before validating, hostile bodies answer
 * problem+json with a stable code and change nothing, and nothing of a deleted person or of
 * other people leaks.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { audits, events, memberships, organizations, rateLimitHits, users } from "../../schema";
import app from "../../worker/app";
import { deleteAccount } from "../../worker/data/account-deletion";
import { verifyChain } from "../../worker/data/audit-log";
import { StaleWrite } from "../../worker/data/events";
import { totpCode } from "../../worker/lib/totp";
import { createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import {
  api,
  completeAnswers,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  sessionCookieOf,
  uniqueEmail,
} from "./helpers";
import { createMemberBy, enableTwoFactor, login } from "./member-helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";

let org: TestOrganization;
let storeDoc: Awaited<ReturnType<typeof readVersion>>["document"];

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
  storeDoc = (await readVersion(org.as.admin, org.versionIds.store)).document;
});

/** Every GET path the app routes, params filled in from `ids` (each id tried in each param). */
function getPaths(ids: string[]): string[] {
  const templates = [
    ...new Set(app.routes.filter((r) => r.method === "GET").map((r) => r.path.replace(/\/$/, "") || "/")),
  ];
  return templates.flatMap((template) => {
    if (!template.includes(":")) return [template];
    return ids.map((id) => template.replace(/:[A-Za-z]+/g, id));
  });
}

describe("after an account is deleted, no API answer holds its email or name", () => {
  it("walks every read route as the admin and finds neither", { timeout: 60_000 }, async () => {
    const email = uniqueEmail("wanda-walker");
    const name = "Wanda Unforgettable";
    const person = await createMemberBy(org.people.admin, { email, displayName: name, role: "shopper" });
    // The organisation's own label for her, set after the invitation (a membership.changed event).
    const label = "Wanda Labelled-Twice";
    const member = await expectOk(await org.as.admin.api.v1.users[":id"].$get({ param: { id: person.user.id } }), 200);
    await expectOk(
      await org.as.admin.api.v1.users[":id"].$patch({
        param: { id: person.user.id },
        json: { displayName: label, version: member.version },
      }),
      200,
    );
    const assignment = await planVisit(org, org.versionIds.store, { shopperId: person.user.id });
    const reportId = crypto.randomUUID();
    await expectOk(await submitReport(person.as, reportId, report(assignment, completeAnswers(storeDoc))), 201);

    const res = await api("/api/v1/me", {
      method: "DELETE",
      cookie: person.cookie,
      body: { currentPassword: person.password, confirm: "delete" },
    });
    expect(res.status, await res.clone().text()).toBe(204);

    const ids = [person.user.id, reportId, assignment.id, org.branchIds.north1, org.regionIds.north, org.id];
    const paths = [...getPaths(ids), "/api/v1/audit-log?limit=200", "/api/v1/users?status=deactivated"];
    expect(paths.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    const errors: string[] = [];
    for (const path of paths) {
      const answer = await api(path, { cookie: org.people.admin.cookie });
      const text = await answer.text();
      if (answer.status >= 500) errors.push(`${path} → ${answer.status}`);
      for (const secret of [email, email.split("@")[0] ?? email, name, label]) {
        if (text.toLowerCase().includes(secret.toLowerCase())) leaks.push(`${path}: ${secret}`);
      }
    }
    expect(errors).toEqual([]);
    expect(leaks).toEqual([]);
  });
});

describe("account deletion racing a role change", () => {
  it("a person promoted to sole admin after the route's read cannot leave the organisation without one", async () => {
    const lone = await createOrganization();
    const person = lone.people.analyst;
    // The route read the person as an analyst; meanwhile the admin made them admin and stepped down.
    const read = [
      { id: person.membershipId, organizationId: lone.id, role: "analyst" as const, status: "active" as const },
    ];
    await db().update(memberships).set({ role: "admin" }).where(eq(memberships.id, person.membershipId));
    await db().update(memberships).set({ role: "analyst" }).where(eq(memberships.id, lone.people.admin.membershipId));
    await expect(
      deleteAccount(db(), {
        userId: person.id,
        email: person.email,
        pseudonym: "abcdef",
        memberships: read,
        now: Date.now(),
      }),
    ).rejects.toBeInstanceOf(StaleWrite);
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ email: person.email, deletedAt: null });
    const [membership] = await db().select().from(memberships).where(eq(memberships.id, person.membershipId));
    expect(membership).toMatchObject({ status: "active", role: "admin" });
    expect((await verifyChain(db(), lone.id)).ok).toBe(true);
  });

  it("the same read without the promotion still deletes a non-admin", async () => {
    const lone = await createOrganization();
    const person = lone.people.reviewer;
    const read = [
      { id: person.membershipId, organizationId: lone.id, role: "reviewer" as const, status: "active" as const },
    ];
    await deleteAccount(db(), {
      userId: person.id,
      email: person.email,
      pseudonym: "abcdef",
      memberships: read,
      now: Date.now(),
    });
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.deletedAt).toBeGreaterThan(0);
  });
});

/** Bodies that must be refused as they are (strings are sent raw: prototype keys survive JSON.stringify only so). */
type Hostile = { name: string; body: unknown; status?: number; code?: string };

/** Sends each hostile body; every answer is problem+json with a stable code, never a 5xx. */
async function refuseAll(path: string, method: string, cookie: string, cases: Hostile[]) {
  const wrong: string[] = [];
  for (const c of cases) {
    const res = await api(path, { method, cookie, body: c.body });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    const code = (JSON.parse(text || "{}") as { code?: string }).code;
    const status = c.status ?? 400;
    const expected = c.code ?? "validation_failed";
    if (res.status !== status || code !== expected || !type.includes("application/problem+json"))
      wrong.push(`${c.name}: ${res.status} ${code} ${type}`);
  }
  expect(wrong).toEqual([]);
}

const BIG = "x".repeat(10_000);

describe("hostile bodies against the new routes change nothing", () => {
  it("PATCH /organization: wrong types, out of range, prototype keys, look-alike values", async () => {
    const before = await expectOk(await org.as.admin.api.v1.organization.$get(), 200);
    const v = before.version;
    const cases: Hostile[] = [
      { name: "policy in capitals", body: { staffNames: "ALLOWED", version: v } },
      { name: "policy with a zero-width space", body: { staffNames: "allowed\u200b", version: v } },
      { name: "policy in full-width letters", body: { staffNames: "ａｌｌｏｗｅｄ", version: v } },
      { name: "policy as a list", body: { staffNames: ["allowed"], version: v } },
      { name: "days as a string", body: { fixRetentionDays: "90", version: v } },
      { name: "days as a fraction", body: { photoRetentionDays: 730.5, version: v } },
      { name: "days negative", body: { reportRetentionDays: -1825, version: v } },
      { name: "days huge", body: { fixRetentionDays: 1e300, version: v } },
      { name: "days null", body: { contactRetentionDays: null, version: v } },
      { name: "two-factor as a string", body: { requireTwoFactor: "true", version: v } },
      { name: "two-factor as 1", body: { requireTwoFactor: 1, version: v } },
      { name: "__proto__", body: `{"__proto__":{"requireTwoFactor":true},"version":${v}}` },
      { name: "constructor", body: `{"constructor":{"prototype":{"staffNames":"allowed"}},"version":${v}}` },
      { name: "version as a string", body: { requireTwoFactor: true, version: String(v) } },
      { name: "no version", body: { requireTwoFactor: true } },
      { name: "a 10k string", body: { staffNames: BIG, version: v } },
      { name: "an array body", body: [{ requireTwoFactor: true, version: v }] },
      { name: "not JSON", body: "{oops", code: "malformed_json" },
    ];
    await refuseAll("/api/v1/organization", "PATCH", org.people.admin.cookie, cases);
    expect(await expectOk(await org.as.admin.api.v1.organization.$get(), 200)).toEqual(before);
  });

  it("PATCH /me: email mode and time zone", async () => {
    const person = org.people.shopper3;
    const before = await expectOk(await org.as.shopper3.api.v1.me.$get(), 200);
    const cases: Hostile[] = [
      { name: "mode in capitals", body: { emailMode: "EACH" } },
      { name: "mode with a NUL", body: { emailMode: "daily\u0000" } },
      { name: "mode null", body: { emailMode: null } },
      { name: "zone a path", body: { timeZone: "../../etc/passwd" } },
      { name: "zone an offset", body: { timeZone: "UTC+8" } },
      { name: "zone with an RTL override", body: { timeZone: "\u202eAsia/Tokyo" } },
      { name: "zone with a NUL", body: { timeZone: "Asia/Tokyo\u0000" } },
      { name: "zone 10k", body: { timeZone: BIG } },
      { name: "zone a number", body: { timeZone: 8 } },
      { name: "zone made up", body: { timeZone: "Mars/Olympus_Mons" } },
      { name: "__proto__", body: '{"__proto__":{"emailMode":"off"}}' },
      { name: "a password change without the password", body: { newPassword: "a-long-enough-password" } },
    ];
    await refuseAll("/api/v1/me", "PATCH", person.cookie, cases);
    expect(await expectOk(await org.as.shopper3.api.v1.me.$get(), 200)).toEqual(before);
  });

  it("DELETE /me: the confirmation word is exact, nothing else is read as it", async () => {
    const person = org.people.shopper3;
    const cases: Hostile[] = [
      { name: "capitals", body: { currentPassword: FACTORY_PASSWORD, confirm: "DELETE" } },
      { name: "full-width", body: { currentPassword: FACTORY_PASSWORD, confirm: "ｄｅｌｅｔｅ" } },
      { name: "zero-width", body: { currentPassword: FACTORY_PASSWORD, confirm: "de\u200blete" } },
      { name: "trailing space", body: { currentPassword: FACTORY_PASSWORD, confirm: "delete " } },
      { name: "true", body: { currentPassword: FACTORY_PASSWORD, confirm: true } },
      { name: "password a number", body: { currentPassword: 1, confirm: "delete" } },
      { name: "password 10k", body: { currentPassword: BIG, confirm: "delete" } },
      { name: "code 10k", body: { currentPassword: FACTORY_PASSWORD, confirm: "delete", code: BIG } },
      { name: "__proto__", body: `{"__proto__":{"confirm":"delete"},"currentPassword":"${FACTORY_PASSWORD}"}` },
      {
        name: "extra key",
        body: { currentPassword: FACTORY_PASSWORD, confirm: "delete", userId: org.people.admin.id },
      },
    ];
    await refuseAll("/api/v1/me", "DELETE", person.cookie, cases);
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.deletedAt).toBeNull();
    await expectOk(await org.as.shopper3.api.v1.me.$get(), 200);
  });

  it("an export by a member deactivated meanwhile is refused (their session ended)", async () => {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const member = await expectOk(await org.as.admin.api.v1.users[":id"].$get({ param: { id: person.user.id } }), 200);
    await expectOk(
      await org.as.admin.api.v1.users[":id"].$patch({
        param: { id: person.user.id },
        json: { status: "deactivated", version: member.version },
      }),
      200,
    );
    await expectProblem(await api("/api/v1/me/export", { cookie: person.cookie }), 401, "unauthenticated");
    await expectProblem(
      await api("/api/v1/me", {
        method: "DELETE",
        cookie: person.cookie,
        body: { currentPassword: person.password, confirm: "delete" },
      }),
      401,
      "unauthenticated",
    );
  });

  it("a forged bookmark cookie on the new routes is ignored, never a 5xx", async () => {
    const forged = ["zzzz", "' or 1=1 --", `00000000-00000000-00000000-${"0".repeat(32)}`, "%00"];
    for (const value of forged) {
      const cookie = `${org.people.analyst.cookie}; courtesy_bookmark=${value}`;
      for (const path of ["/api/v1/organization", "/api/v1/me", "/api/v1/me/export"]) {
        const res = await api(path, { cookie });
        expect(res.status, `${path} ${value}`).toBe(200);
        await res.arrayBuffer();
        const set = res.headers.getSetCookie().find((c) => c.startsWith("courtesy_bookmark="));
        if (set) expect(set).not.toContain(value);
      }
      await db()
        .delete(rateLimitHits)
        .where(eq(rateLimitHits.key, `export:${org.people.analyst.id}`));
    }
  });
});

describe("second-factor codes across routes", () => {
  /** A member with two-factor sign-in on (confirmed at `now`), and a full session of theirs. */
  async function withTwoFactor() {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const { secret, recoveryCodes } = await enableTwoFactor(person);
    return { person, secret, recoveryCodes };
  }
  async function pendingSession(email: string, password: string) {
    const res = await login(email, password);
    expect(await expectOk(res, 200)).toMatchObject({ pending: "two_factor" });
    return sessionCookieOf(res);
  }
  const secondStep = (cookie: string, body: unknown) => api("/api/v1/auth/two-factor", { cookie, body });
  const deleteMe = (cookie: string, password: string, code?: string) =>
    api("/api/v1/me", { method: "DELETE", cookie, body: { currentPassword: password, confirm: "delete", code } });
  async function stillThere(id: string) {
    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row?.deletedAt).toBeNull();
  }

  it("an app code used once (to confirm, to sign in) is refused everywhere after, in the same step", async () => {
    const { person, secret } = await withTwoFactor();
    const pending = await pendingSession(person.email, person.password);
    // The confirmation's code, replayed at sign-in in the same 30 s step.
    const replayed = await expectProblem(
      await secondStep(pending, { code: totpCode(secret, Date.now()) }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(replayed)).toEqual(["code:invalid_code"]);
    const next = totpCode(secret, Date.now() + 30_000);
    const signedIn = await secondStep(pending, { code: next });
    expect(signedIn.status).toBe(200);
    const full = sessionCookieOf(signedIn);
    // The sign-in's code, replayed to delete the account.
    const problem = await expectProblem(await deleteMe(full, person.password, next), 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual(["code:invalid_code"]);
    await stillThere(person.user.id);
  });

  it("a recovery code used at sign-in is refused to delete the account", async () => {
    const { person, recoveryCodes } = await withTwoFactor();
    const code = recoveryCodes[0] ?? "";
    const res = await secondStep(await pendingSession(person.email, person.password), { recoveryCode: code });
    expect(res.status).toBe(200);
    const full = sessionCookieOf(res);
    for (const typed of [code, code.toUpperCase(), code.replace("-", " ")]) {
      const problem = await expectProblem(await deleteMe(full, person.password, typed), 400, "validation_failed");
      expect(fieldErrors(problem)).toEqual(["code:invalid_code"]);
    }
    await stillThere(person.user.id);
  });

  it("look-alike digits and hostile codes are wrong codes, never a 5xx", async () => {
    const { person, secret } = await withTwoFactor();
    const pending = await pendingSession(person.email, person.password);
    const digits = totpCode(secret, Date.now() + 30_000);
    const fullWidth = [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    const arabic = [...digits].map((d) => String.fromCharCode(0x0660 + Number(d))).join("");
    await refuseAll("/api/v1/auth/two-factor", "POST", pending, [
      { name: "full-width digits", body: { code: fullWidth } },
      { name: "Arabic-Indic digits", body: { code: arabic } },
      { name: "digits with a NUL", body: { code: `${digits}\u0000` } },
      { name: "a number", body: { code: Number(digits) } },
      { name: "both kinds", body: { code: digits, recoveryCode: "abcd-efgh" } },
      { name: "neither", body: {} },
      { name: "10k", body: { recoveryCode: BIG } },
      { name: "__proto__", body: `{"__proto__":{"code":"${digits}"}}` },
    ]);
    // None of them used the step: the code still works.
    expect((await secondStep(pending, { code: digits })).status).toBe(200);
  });

  it("wrong codes on one route lock the others: deletion with a right recovery code is then 429", async () => {
    const { person, recoveryCodes } = await withTwoFactor();
    for (let i = 0; i < 5; i++) {
      const res = await person.as.api.v1.me["two-factor"]["recovery-codes"].$post({ json: { code: "000000" } });
      await expectProblem(res, 400, "validation_failed");
    }
    const locked = await expectProblem(
      await deleteMe(person.cookie, person.password, recoveryCodes[1]),
      429,
      "too_many_attempts",
    );
    expect(locked.errors).toBeUndefined();
    await stillThere(person.user.id);
    // And the sign-in's second step is locked for this client too.
    const pending = await pendingSession(person.email, person.password);
    await expectProblem(await secondStep(pending, { recoveryCode: recoveryCodes[2] }), 429, "too_many_attempts");
  });
});

describe("hostile staff names", () => {
  it("newlines, 10k characters and bidi overrides are refused naming the field; nothing is stored", async () => {
    await db().update(organizations).set({ staffNames: "allowed" }).where(eq(organizations.id, org.id));
    const assignment = await planVisit(org, org.versionIds.store);
    const cases: Array<[string, string]> = [
      ["Jane\nSmith", "staffName:invalid_characters"],
      ["Jane\r\nSmith", "staffName:invalid_characters"],
      ["Jane\u0085Smith", "staffName:invalid_characters"],
      [BIG, "staffName:too_big"],
      // Right-to-left override: "Jane \u202EhtimS" reads as "Jane Smith" reversed; isolates and embeddings alike.
      ["Jane \u202ehtimS", "staffName:invalid_characters"],
      ["\u2067Jane\u2069", "staffName:invalid_characters"],
      ["\u202bJane\u202c", "staffName:invalid_characters"],
    ];
    for (const [staffName, expected] of cases) {
      const id = crypto.randomUUID();
      const res = await api(`/api/v1/audits/${id}`, {
        method: "PUT",
        cookie: org.people.shopper.cookie,
        body: report(assignment, completeAnswers(storeDoc), { staffName }),
      });
      const problem = await expectProblem(res, 400, "validation_failed");
      expect(fieldErrors(problem), JSON.stringify(staffName.slice(0, 20))).toEqual([expected]);
      expect(await db().select().from(audits).where(eq(audits.id, id))).toEqual([]);
    }
    // A right-to-left name itself is fine (Hebrew, Arabic): only the invisible direction controls are refused.
    const id = crypto.randomUUID();
    const ok = await expectOk(
      await submitReport(org.as.shopper, id, report(assignment, completeAnswers(storeDoc), { staffName: "דוד לוי" })),
      201,
    );
    expect(ok.staffName).toBe("דוד לוי");
  });
});

describe("the export holds nothing of other people", () => {
  it("no other shopper's report, no one else's email, no hash or secret, no other organisation", async () => {
    const other = await createOrganization();
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const { secret, recoveryCodes } = await enableTwoFactor(person);
    const mine = await planVisit(org, org.versionIds.store, { shopperId: person.user.id });
    await expectOk(
      await submitReport(
        person.as,
        crypto.randomUUID(),
        report(mine, completeAnswers(storeDoc), { overallComment: "Mine." }),
      ),
      201,
    );
    const theirs = await planVisit(org, org.versionIds.store, { shopperId: org.people.shopper2.id });
    const theirId = crypto.randomUUID();
    const secretComment = `Shopper two's own words ${crypto.randomUUID()}`;
    await expectOk(
      await submitReport(
        org.as.shopper2,
        theirId,
        report(theirs, completeAnswers(storeDoc), { overallComment: secretComment }),
      ),
      201,
    );

    const res = await api("/api/v1/me/export", { cookie: person.cookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [user] = await db().select().from(users).where(eq(users.id, person.user.id));
    const forbidden = [
      theirId,
      theirs.id,
      secretComment,
      secret,
      user?.passwordHash ?? "no hash",
      ...recoveryCodes,
      other.id,
      ...Object.values(org.people)
        .filter((p) => p.id !== person.user.id)
        .flatMap((p) => [p.email]),
    ];
    expect(forbidden.filter((value) => text.includes(value))).toEqual([]);
    expect(text).not.toMatch(/totp|passwordHash|tokenHash|codeHash/i);
    const body = JSON.parse(text) as {
      reports: Array<{ id: string }>;
      memberships: Array<{ organization: { id: string } }>;
    };
    expect(body.reports).toHaveLength(1);
    expect(body.memberships.map((m) => m.organization.id)).toEqual([org.id]);
  });
});

describe("a staff name never shows more than today's policy", () => {
  it("stored whole under allowed, then initials: no read route shows the whole name to anyone", {
    timeout: 60_000,
  }, async () => {
    const named = await createOrganization({ reviewPolicy: "none" });
    const doc = (await readVersion(named.as.admin, named.versionIds.store)).document;
    await db().update(organizations).set({ staffNames: "allowed" }).where(eq(organizations.id, named.id));
    const assignment = await planVisit(named, named.versionIds.store, { branchId: named.branchIds.north1 });
    const id = crypto.randomUUID();
    await expectOk(
      await submitReport(
        named.as.shopper,
        id,
        report(assignment, completeAnswers(doc), { staffName: "Zebedee Quillfeather" }),
      ),
      201,
    );
    await db().update(organizations).set({ staffNames: "initials" }).where(eq(organizations.id, named.id));
    const ids = [id, assignment.id, named.branchIds.north1, named.regionIds.north, named.people.shopper.id];
    const paths = [...getPaths(ids), "/api/v1/exports/audits.csv", "/api/v1/exports/items.csv"];
    const leaks: string[] = [];
    for (const who of ["admin", "manager", "shopper"] as const) {
      for (const path of paths) {
        const res = await api(path, { cookie: named.people[who].cookie });
        const text = await res.text();
        if (res.status >= 500) leaks.push(`${who} ${path} → ${res.status}`);
        if (/Zebedee|Quillfeather/.test(text)) leaks.push(`${who} ${path}`);
      }
      await db()
        .delete(rateLimitHits)
        .where(eq(rateLimitHits.key, `export:${named.people[who].id}`));
    }
    expect(leaks).toEqual([]);
    // The report itself shows the initials.
    const shown = await api(`/api/v1/audits/${id}`, { cookie: named.people.manager.cookie });
    expect(((await shown.json()) as { staffName: string }).staffName).toBe("Z. Q.");
  });
});

describe("races on the new routes", () => {
  it("seven exports at once: at most five succeed, the rest are 429, never a 5xx", async () => {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const answers = await Promise.all(
      Array.from({ length: 7 }, async () => {
        const res = await api("/api/v1/me/export", { cookie: person.cookie });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(answers.filter((s) => s >= 500)).toEqual([]);
    expect(answers.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(answers.every((s) => s === 200 || s === 429 || s === 409)).toBe(true);
  });

  it("one app code from two pending sessions at once signs in only one of them", async () => {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const setup = await enableTwoFactor(person);
    const sessions = await Promise.all(
      [1, 2].map(async () => sessionCookieOf(await login(person.email, person.password))),
    );
    const code = totpCode(setup.secret, Date.now() + 30_000);
    const statuses = await Promise.all(
      sessions.map(async (cookie) => (await api("/api/v1/auth/two-factor", { cookie, body: { code } })).status),
    );
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it("two confirmations of one setup at once turn it on once", async () => {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const setup = await expectOk(
      await person.as.api.v1.me["two-factor"].setup.$post({ json: { currentPassword: person.password } }),
      200,
    );
    const code = totpCode(setup.secret, Date.now());
    const statuses = await Promise.all(
      [1, 2].map(async () => {
        const res = await api("/api/v1/me/two-factor/confirm", { cookie: person.cookie, body: { code } });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it("deleting twice at once (a double click): deleted once, user.deleted chained once, never a 5xx", async () => {
    const person = await createMemberBy(org.people.admin, { role: "shopper" });
    const body = { currentPassword: person.password, confirm: "delete" };
    const statuses = await Promise.all(
      [1, 2].map(async () => (await api("/api/v1/me", { method: "DELETE", cookie: person.cookie, body })).status),
    );
    // Deleting is idempotent: both may answer 204, but the account is deleted once.
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses).toContain(204);
    const deleted = await db()
      .select()
      .from(events)
      .where(
        and(eq(events.organizationId, org.id), eq(events.type, "user.deleted"), eq(events.subjectId, person.user.id)),
      );
    expect(deleted).toHaveLength(1);
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });
});
