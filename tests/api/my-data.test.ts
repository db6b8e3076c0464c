/**
 * A person's own data (docs/PRIVACY.md), in workerd against D1: `GET /me/export` (everything
 * about the caller across organisations, nothing secret, no customer contact details; rate-limited
 * with `user.data_exported` in the same batch; read in pages: 2,000 reports stream without any
 * statement reading more than a page) and `DELETE /me` (password and "delete" asked; refused to
 * the last admin; erases in one batch, `user.deleted` in every organisation, reports keep a
 * pseudonymous id shown as "Former member …"; the old email signs in like an unknown one).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  answers,
  assignments,
  audits,
  complaints,
  events,
  invitations,
  mailMessages,
  memberships,
  recoveryCodes,
  sessions,
  shopperProfiles,
  users,
} from "../../schema";
import app from "../../worker/app";
import { deleteAccount } from "../../worker/data/account-deletion";
import { verifyChain } from "../../worker/data/audit-log";
import { jsonInsertStatements } from "../../worker/data/db";
import { StaleWrite } from "../../worker/data/events";
import { MY_DATA_PAGE } from "../../worker/data/my-data";
import { formerMemberPseudonym } from "../../worker/domain/former-members";
import { client, createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, fieldErrors } from "./helpers";
import { planVisit, readAudit, readVersion, report, submitReport } from "./report-helpers";

let org: TestOrganization;
let other: TestOrganization;
let storeDoc: Awaited<ReturnType<typeof readVersion>>["document"];

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
  other = await createOrganization({ reviewPolicy: "none" });
  storeDoc = (await readVersion(org.as.admin, org.versionIds.store)).document;
});

type Json = Record<string, unknown>;
interface Export {
  format: string;
  profile: Json;
  memberships: Array<Json & { organization: { id: string }; scope: { regionIds: string[]; branchIds: string[] } }>;
  sessions: Json[];
  reports: Array<Json & { id: string; answers: Array<Json & { photos: string[] }> }>;
  assignments: Json[];
  complaintsLogged: Json[];
  events: Array<{ type: string; at: string; subjectType: string; subjectId: string }>;
  [list: string]: unknown;
}

async function exportAs(cookie: string) {
  return api("/api/v1/me/export", { cookie });
}

/** The shopper as a member of a second organisation too (with a coverage profile there). */
async function joinOther(person: { id: string }, membershipId: string): Promise<void> {
  await db().insert(memberships).values({
    id: membershipId,
    userId: person.id,
    organizationId: other.id,
    role: "shopper",
    status: "active",
    displayLabel: "Sam (contract)",
    acceptedAt: Date.now(),
  });
  await db()
    .insert(shopperProfiles)
    .values({ membershipId, organizationId: other.id, cities: ["Beijing"] });
}

describe("GET /api/v1/me/export", () => {
  let reportId: string;

  beforeAll(async () => {
    await joinOther(org.people.shopper, `${other.id}-m-sam`);
    const assignment = await planVisit(org, org.versionIds.store);
    reportId = crypto.randomUUID();
    const body = report(assignment, completeAnswers(storeDoc), {
      fixes: [{ lat: 39.91, lng: 116.41, accuracy: 10, takenAt: new Date(Date.now() - 3_500_000).toISOString() }],
    });
    await expectOk(await submitReport(org.as.shopper, reportId, body), 201);
    // A complaint the manager logged, with the customer's contact details.
    await db().insert(complaints).values({
      id: crypto.randomUUID(),
      organizationId: org.id,
      branchId: org.branchIds.north1,
      channel: "in_store",
      receivedAt: Date.now(),
      problem: "Waited 40 minutes",
      customerName: "Customer Wu",
      customerPhone: "+86 138 0000 0000",
      customerEmail: "wu@example.test",
      contactConsent: true,
      acknowledgeBy: Date.now(),
      remedyBy: Date.now(),
      resolveBy: Date.now(),
      loggedBy: org.people.manager.id,
    });
  });

  it("downloads everything about the caller across organisations, and nothing secret", async () => {
    const res = await exportAs(org.people.shopper.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="courtesy-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await res.text();
    const data = JSON.parse(text) as Export;
    expect(data.format).toBe("courtesy-my-data/1");
    expect(data.profile).toMatchObject({
      id: org.people.shopper.id,
      email: org.people.shopper.email,
      twoFactor: false,
    });
    expect(text).not.toMatch(/pbkdf2|passwordHash|tokenHash|totpSecret/);
    expect(data.memberships.map((m) => m.organization.id).sort()).toEqual([org.id, other.id].sort());
    const elsewhere = data.memberships.find((m) => m.organization.id === other.id);
    expect(elsewhere).toMatchObject({
      role: "shopper",
      label: "Sam (contract)",
      shopperProfile: { cities: ["Beijing"] },
    });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(Object.keys(data.sessions[0] ?? {}).sort()).toEqual(["createdAt", "expiresAt", "lastSeenAt"]);

    const mine = data.reports.find((r) => r.id === reportId);
    expect(mine).toMatchObject({
      organizationId: org.id,
      staffDescription: "Young man, glasses, blue lanyard.",
      overallComment: "A good visit.",
      location: { lat: 39.9139, lng: 116.4102 },
    });
    expect(mine?.fixes).toEqual([expect.objectContaining({ lat: 39.91, lng: 116.41 })]);
    expect(mine?.answers.length).toBe(completeAnswers(storeDoc).length);
    expect(data.assignments.length).toBeGreaterThan(0);
    for (const list of [
      "declines",
      "earnings",
      "expenses",
      "calibrations",
      "disputesRaised",
      "actions",
      "notifications",
    ])
      expect(Array.isArray(data[list]), list).toBe(true);
    expect(data.events.map((e) => e.type)).toContain("audit.submitted");
    expect(Object.keys(data.events[0] ?? {}).sort()).toEqual(["at", "seq", "subjectId", "subjectType", "type"]);
    // Times read as times, like every other list of the file (not epoch milliseconds).
    for (const event of data.events) {
      expect(event.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(new Date(event.at).toISOString()).toBe(event.at);
    }
  });

  it("complaints logged: the facts, never the customer's contact details", async () => {
    const text = await (await exportAs(org.people.manager.cookie)).text();
    const data = JSON.parse(text) as Export;
    expect(data.complaintsLogged).toEqual([expect.objectContaining({ problem: "Waited 40 minutes" })]);
    for (const secret of ["Customer Wu", "138 0000", "wu@example.test"]) expect(text).not.toContain(secret);
  });

  it("is recorded as user.data_exported in the current organisation, and limited to 5 an hour", async () => {
    const person = org.people.shopper2;
    const exported = async () =>
      (
        await db()
          .select({ seq: events.seq })
          .from(events)
          .where(
            and(
              eq(events.organizationId, org.id),
              eq(events.type, "user.data_exported"),
              eq(events.subjectId, person.id),
            ),
          )
      ).length;
    for (let i = 0; i < 5; i++) expect((await exportAs(person.cookie)).status).toBe(200);
    expect(await exported()).toBe(5);
    const refused = await exportAs(person.cookie);
    await expectProblem(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The refused download left no event: the hit and the event are one batch.
    expect(await exported()).toBe(5);
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("asks for a session", async () => {
    await expectProblem(await api("/api/v1/me/export"), 401, "unauthenticated");
  });
});

describe("an export of 2,000 reports", () => {
  const REPORTS = 2000;
  let big: TestOrganization;

  beforeAll(async () => {
    big = await createOrganization({ reviewPolicy: "none" });
    const shopperId = big.people.shopper3.id;
    const now = Date.now();
    const assignmentRows = Array.from({ length: REPORTS }, (_, i) => ({
      id: `${big.id}-a-${String(i).padStart(5, "0")}`,
      organizationId: big.id,
      branchId: big.branchIds.north1,
      checklistVersionId: big.versionIds.store,
      shopperId,
      windowStart: "2026-01-01",
      windowEnd: "2026-01-31",
      status: "submitted" as const,
    }));
    const auditRows = assignmentRows.map((a, i) => ({
      id: `${big.id}-r-${String(i).padStart(5, "0")}`,
      organizationId: big.id,
      assignmentId: a.id,
      branchId: a.branchId,
      checklistVersionId: a.checklistVersionId,
      shopperId,
      status: "published" as const,
      contact: "visit" as const,
      visitStartedAt: now - i * 60_000,
      visitEndedAt: now - i * 60_000 + 1_200_000,
      visitMonth: "2026-01",
      staffDescription: `Visit ${i}: a long enough description of who served, to weigh like a real one.`,
      overallComment: "Fine.",
      score: 80,
      criticalFailed: false,
      scoreResult: { score: 80, criticalFailed: false, criticalItem: null, complete: true, missing: [], sections: [] },
      late: false,
      contentHash: `h${i}`,
      submittedAt: now,
    }));
    const answerRows = auditRows.flatMap((a) =>
      ["greets", "tidy", "wait"].map((itemKey) => ({ auditId: a.id, itemKey, value: true, comment: "ok" })),
    );
    const statements = [
      ...jsonInsertStatements(db(), assignments, assignmentRows),
      ...jsonInsertStatements(db(), audits, auditRows),
      ...jsonInsertStatements(db(), answers, answerRows),
    ];
    const [first, ...rest] = statements;
    if (first) await db().batch([first, ...rest]);
  });

  it("streams them all, no statement reading more than a page", async () => {
    let maxRows = 0;
    let statements = 0;
    const note = (rows: number) => {
      statements++;
      maxRows = Math.max(maxRows, rows);
    };
    const wrapStatement = (s: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(s, {
        get(target, property) {
          if (property === "bind") return (...p: unknown[]) => wrapStatement(target.bind(...p));
          if (property === "all")
            return async () => {
              const r = await target.all();
              note(r.results.length);
              return r;
            };
          if (property === "raw")
            return async (options?: { columnNames?: boolean }) => {
              const r = (await target.raw(options as never)) as unknown[];
              note(r.length);
              return r;
            };
          const value = Reflect.get(target, property, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const original = new WeakMap<object, D1PreparedStatement>();
    const counting = new Proxy(env.DB, {
      get(target, property) {
        if (property === "prepare")
          return (query: string) => {
            const real = target.prepare(query);
            const wrapped = wrapStatement(real);
            original.set(wrapped, real);
            return wrapped;
          };
        if (property === "batch")
          return async (list: D1PreparedStatement[]) => {
            const results = await target.batch(list.map((s) => original.get(s) ?? s));
            for (const r of results) note(r.results?.length ?? 0);
            return results;
          };
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const started = Date.now();
    const res = await client(big.people.shopper3.cookie, async (input, init) => {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request(input, init), { ...env, DB: counting }, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    }).api.v1.me.export.$get();
    const text = await res.text();
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    const data = JSON.parse(text) as Export;
    expect(data.reports).toHaveLength(REPORTS);
    expect(new Set(data.reports.map((r) => r.id)).size).toBe(REPORTS);
    expect(data.reports.every((r) => r.answers.length === 3)).toBe(true);
    expect(data.assignments).toHaveLength(REPORTS);
    // A page of reports reads its 3 answers each; nothing reads the whole history at once.
    expect(maxRows).toBeLessThanOrEqual(MY_DATA_PAGE * 3);
    console.info(
      `export of ${REPORTS} reports: ${(text.length / 1024).toFixed(0)} KB in ${ms} ms, ${statements} statements, at most ${maxRows} rows per statement`,
    );
  });
});

describe("DELETE /api/v1/me", () => {
  async function remove(cookie: string, body: unknown) {
    return api("/api/v1/me", { method: "DELETE", cookie, body });
  }

  it("asks for the current password and the word delete, and changes nothing without them", async () => {
    const { cookie } = org.people.shopper3;
    const missing = await expectProblem(await remove(cookie, {}), 400, "validation_failed");
    expect(fieldErrors(missing)).toEqual(["confirm:required", "currentPassword:required"]);
    const typo = await expectProblem(
      await remove(cookie, { currentPassword: FACTORY_PASSWORD, confirm: "Delete" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(typo)).toEqual(["confirm:invalid_value"]);
    const wrong = await expectProblem(
      await remove(cookie, { currentPassword: "not-the-password", confirm: "delete" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrong)).toEqual(["currentPassword:invalid_value"]);
    const [row] = await db().select().from(users).where(eq(users.id, org.people.shopper3.id));
    expect(row?.deletedAt).toBeNull();
    expect((await expectOk(await org.as.shopper3.api.v1.me.$get(), 200)).user.email).toBe(org.people.shopper3.email);
  });

  it("is refused to the only active admin of an organisation with other members", async () => {
    const problem = await expectProblem(
      await remove(org.people.admin.cookie, { currentPassword: FACTORY_PASSWORD, confirm: "delete" }),
      409,
      "last_admin",
    );
    expect((problem as { organizationId?: string }).organizationId).toBe(org.id);
    const [row] = await db().select().from(users).where(eq(users.id, org.people.admin.id));
    expect(row?.deletedAt).toBeNull();
  });

  it("the batch itself refuses to leave an organisation without an admin (the check raced)", async () => {
    const person = org.people.admin;
    // As if the route's check had passed: another admin left between the check and the write.
    await expect(
      deleteAccount(db(), {
        userId: person.id,
        email: person.email,
        pseudonym: "abcdef",
        memberships: [{ id: person.membershipId, organizationId: org.id, role: "admin", status: "active" }],
        now: Date.now(),
      }),
    ).rejects.toBeInstanceOf(StaleWrite);
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ email: person.email, deletedAt: null });
    const [membership] = await db().select().from(memberships).where(eq(memberships.id, person.membershipId));
    expect(membership?.status).toBe("active");
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("an admin with another admin beside them may go", async () => {
    const lone = await createOrganization();
    await db().update(memberships).set({ role: "admin" }).where(eq(memberships.id, lone.people.analyst.membershipId));
    const res = await remove(lone.people.admin.cookie, { currentPassword: FACTORY_PASSWORD, confirm: "delete" });
    expect(res.status, await res.clone().text()).toBe(204);
  });

  it("erases the account in one batch, chains user.deleted into every organisation, keeps reports pseudonymous", async () => {
    const person = org.people.shopper2;
    await joinOther(person, `${other.id}-m-zhao`);
    const assignment = await planVisit(org, org.versionIds.store, { shopperId: person.id });
    const reportId = crypto.randomUUID();
    await expectOk(await submitReport(org.as.shopper2, reportId, report(assignment, completeAnswers(storeDoc))), 201);
    // What must go with the account: a recovery code, an open invitation, pending mail to them.
    await db()
      .insert(recoveryCodes)
      .values({ id: crypto.randomUUID(), userId: person.id, codeHash: "x".repeat(64) });
    await db()
      .insert(invitations)
      .values({
        id: crypto.randomUUID(),
        tokenHash: crypto.randomUUID(),
        membershipId: `${other.id}-m-zhao`,
        organizationId: other.id,
        expiresAt: Date.now() + 86_400_000,
      });
    await db()
      .insert(mailMessages)
      .values({ id: crypto.randomUUID(), organizationId: org.id, toAddress: person.email, subject: "s", body: "b" });

    const res = await remove(person.cookie, { currentPassword: FACTORY_PASSWORD, confirm: "delete" });
    expect(res.status, await res.clone().text()).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/courtesy_session=;.*Max-Age=0/i);

    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({
      email: `deleted-${person.id}@deleted.invalid`,
      passwordHash: null,
      totpSecret: null,
    });
    expect(row?.deletedAt).toBeGreaterThan(0);
    const pseudonym = formerMemberPseudonym(row?.displayName ?? "");
    expect(pseudonym).toMatch(/^[0-9a-f]{6}$/);
    const theirs = await db().select().from(memberships).where(eq(memberships.userId, person.id));
    expect(theirs.map((m) => [m.status, m.displayLabel])).toEqual([
      ["deactivated", null],
      ["deactivated", null],
    ]);
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(invitations)
        .where(eq(invitations.membershipId, `${other.id}-m-zhao`)),
    ).toEqual([]);
    expect(await db().select().from(mailMessages).where(eq(mailMessages.toAddress, person.email))).toEqual([]);
    expect(
      await db()
        .select()
        .from(shopperProfiles)
        .where(eq(shopperProfiles.membershipId, `${other.id}-m-zhao`)),
    ).toEqual([]);
    for (const organizationId of [org.id, other.id]) {
      const [event] = await db()
        .select()
        .from(events)
        .where(
          and(
            eq(events.organizationId, organizationId),
            eq(events.type, "user.deleted"),
            eq(events.subjectId, person.id),
          ),
        );
      expect(event?.payload).toEqual({ pseudonym });
      expect((await verifyChain(db(), organizationId)).ok).toBe(true);
    }

    // The session is gone; the old email signs in like an unknown one.
    await expectProblem(await api("/api/v1/me", { cookie: person.cookie }), 401, "unauthenticated");
    const login = await api("/api/v1/auth/login", { body: { email: person.email, password: FACTORY_PASSWORD } });
    const unknown = await api("/api/v1/auth/login", {
      body: { email: "nobody-at-all@factory.test", password: FACTORY_PASSWORD },
    });
    const [a, b] = [
      await expectProblem(login, 401, "invalid_credentials"),
      await expectProblem(unknown, 401, "invalid_credentials"),
    ].map(({ requestId: _, ...rest }) => rest);
    expect(a).toEqual(b);

    // The report stays, under the pseudonymous id; where names are shown, the former member's.
    const kept = await expectOk(await readAudit(org.as.admin, reportId), 200);
    expect(kept.shopperId).toBe(person.id);
    const members = await expectOk(await org.as.admin.api.v1.users.$get({ query: { status: "deactivated" } }), 200);
    expect(members.items.find((m) => m.id === person.id)?.displayName).toBe(`Former member ${pseudonym}`);
    const listed = await expectOk(await org.as.admin.api.v1.assignments.$get({ query: { shopperId: person.id } }), 200);
    expect(JSON.stringify(listed)).not.toContain("Zhao Lei");
  });

  it("no one may take a former member's name", async () => {
    const problem = await expectProblem(
      await api("/api/v1/me", {
        method: "PATCH",
        cookie: org.people.reviewer.cookie,
        body: { displayName: "Former member 3f9a1c" },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["displayName:not_allowed"]);
    await expectOk(await org.as.reviewer.api.v1.me.$patch({ json: { displayName: "Former member of staff" } }), 200);
  });
});
