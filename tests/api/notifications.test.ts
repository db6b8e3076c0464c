/**
 * Notifications (docs/NOTIFICATIONS.md): who `notifyStatements` reaches per kind, the bell's
 * reads (own only, newest first, unread count, cursor, the 90-day cut), marking read, the
 * review workflow's notifications, email rows in the recipient's language (and none when email
 * is not configured), delivery, and the scheduled job (idempotent, through the exported handler).
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { beforeAll, describe, expect, it } from "vitest";
import {
  actions,
  audits,
  events,
  mailMessages,
  membershipBranches,
  membershipRegions,
  memberships,
  notifications,
  users,
} from "../../schema";
import type { Locale, Role } from "../../schema/enums";
import type { Db } from "../../worker/data/db";
import { deliverPendingMail } from "../../worker/data/mail";
import { type NotificationDraft, notifyStatements, type Recipients, withMail } from "../../worker/data/notifications";
import { addDays } from "../../worker/domain/actions";
import { retentionCutoff } from "../../worker/domain/notifications";
import worker from "../../worker/index";
import { mailSender, mailSettings } from "../../worker/lib/mail";
import { runScheduledJob } from "../../worker/scheduled";
import { createOrganization, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, isoDay } from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";

const DAY = 86_400_000;

let org: TestOrganization;
let published: TestOrganization;
let store: Version;
/** Extra people of `org`: another branch's manager, and a deactivated manager of north1. */
let north2Manager: string;
let formerManager: string;

async function run(database: Db, statements: BatchItem<"sqlite">[]) {
  const [first, ...rest] = statements;
  if (first) await database.batch([first, ...rest]);
}

/** A member added straight to the database (role, status, scope). */
async function addMember(
  target: TestOrganization,
  input: { role: Role; status?: "active" | "deactivated"; branch?: string; region?: string; locale?: Locale },
) {
  const database = db();
  const id = `${target.id}-extra-${crypto.randomUUID().slice(0, 8)}`;
  const membershipId = `${id}-m`;
  await run(database, [
    database
      .insert(users)
      .values({ id, email: `${id}@factory.test`, displayName: `Extra ${id.slice(-4)}`, locale: input.locale ?? "en" }),
    database.insert(memberships).values({
      id: membershipId,
      userId: id,
      organizationId: target.id,
      role: input.role,
      status: input.status ?? "active",
      acceptedAt: Date.now(),
    }),
    ...(input.branch ? [database.insert(membershipBranches).values({ membershipId, branchId: input.branch })] : []),
    ...(input.region ? [database.insert(membershipRegions).values({ membershipId, regionId: input.region })] : []),
  ]);
  return id;
}

/** Notifies with a fresh dedupe key and returns who received it. */
async function recipientsOf(recipients: Recipients, database: Db = db(), extra: Partial<NotificationDraft> = {}) {
  const dedupeKey = `test:${crypto.randomUUID()}`;
  await run(
    database,
    notifyStatements(database, {
      organizationId: org.id,
      kind: "report_published",
      subject: { type: "audit", id: "nothing" },
      payload: { branchId: org.branchIds.north1, score: 80 },
      dedupeKey,
      recipients,
      now: Date.now(),
      ...extra,
    }),
  );
  const rows = await db()
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.organizationId, org.id), eq(notifications.dedupeKey, extra.dedupeKey ?? dedupeKey)));
  return { dedupeKey, users: rows.map((r) => r.userId).sort() };
}

beforeAll(async () => {
  [org, published] = await Promise.all([createOrganization(), createOrganization({ reviewPolicy: "none" })]);
  store = await readVersion(org.as.admin, org.versionIds.store);
  north2Manager = await addMember(org, { role: "branch_manager", branch: org.branchIds.north2 });
  formerManager = await addMember(org, { role: "branch_manager", status: "deactivated", branch: org.branchIds.north1 });
});

describe("notifyStatements: who hears", () => {
  it("a branch's report: its managers and its region's regional managers; nobody else, and no former member", async () => {
    const { users: got } = await recipientsOf({ kind: "branch_managers", branchId: org.branchIds.north1 });
    expect(got).toEqual([org.people.manager.id, org.people.regional.id].sort());
    expect(got).not.toContain(north2Manager);
    expect(got).not.toContain(formerManager);
  });

  it("another branch's report reaches that branch's manager, not north1's", async () => {
    const { users: got } = await recipientsOf({ kind: "branch_managers", branchId: org.branchIds.north2 });
    expect(got).toEqual([north2Manager, org.people.regional.id].sort());
  });

  it("escalations reach the region's regional managers only (none for a region without one)", async () => {
    expect((await recipientsOf({ kind: "regional_managers", branchId: org.branchIds.north1 })).users).toEqual([
      org.people.regional.id,
    ]);
    expect((await recipientsOf({ kind: "regional_managers", branchId: org.branchIds.east1 })).users).toEqual([]);
  });

  it("reviewers, and named people only while they are active members of the organisation", async () => {
    expect((await recipientsOf({ kind: "reviewers" })).users).toEqual([org.people.reviewer.id]);
    const named = await recipientsOf({
      kind: "users",
      userIds: [org.people.shopper.id, formerManager, published.people.shopper.id],
    });
    expect(named.users).toEqual([org.people.shopper.id]);
  });

  it("the same dedupe key twice is one notification per person", async () => {
    const first = await recipientsOf({ kind: "reviewers" });
    const again = await recipientsOf({ kind: "reviewers" }, db(), { dedupeKey: first.dedupeKey });
    expect(again.users).toEqual([org.people.reviewer.id]);
  });

  it("stores the branch (as named now) in the payload", async () => {
    const { dedupeKey } = await recipientsOf({ kind: "reviewers" });
    const [row] = await db().select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
    expect(row?.payload).toMatchObject({
      score: 80,
      branch: { id: org.branchIds.north1, name: { en: "Wangfujing", zh: "王府井店" } },
    });
  });
});

describe("email rows", () => {
  it("one per recipient in their language when email is configured; none when it is not", async () => {
    const mailing = withMail(db(), mailSettings({ MAIL_MODE: "local" }));
    const { dedupeKey } = await recipientsOf({ kind: "branch_managers", branchId: org.branchIds.north1 }, mailing);
    const rows = await db()
      .select({ to: mailMessages.toAddress, subject: mailMessages.subject, body: mailMessages.body })
      .from(mailMessages)
      .innerJoin(notifications, eq(notifications.id, mailMessages.notificationId))
      .where(eq(notifications.dedupeKey, dedupeKey));
    expect(rows.map((r) => r.to).sort()).toEqual([org.people.manager.email, org.people.regional.email].sort());
    // Both are Chinese readers (factory locales): the Chinese text with the Chinese branch name.
    for (const row of rows) {
      expect(row.subject).toBe("王府井店有新的报告");
      expect(row.body).toContain("得分 80");
    }

    const plain = withMail(db(), mailSettings({}));
    const none = await recipientsOf({ kind: "branch_managers", branchId: org.branchIds.north1 }, plain);
    const unmailed = await db()
      .select()
      .from(mailMessages)
      .innerJoin(notifications, eq(notifications.id, mailMessages.notificationId))
      .where(eq(notifications.dedupeKey, none.dedupeKey));
    expect(none.users).toHaveLength(2);
    expect(unmailed).toEqual([]);
  });

  it("an English reader gets English", async () => {
    const mailing = withMail(db(), mailSettings({ MAIL_MODE: "local" }));
    const { dedupeKey } = await recipientsOf({ kind: "users", userIds: [org.people.shopper.id] }, mailing, {
      kind: "report_returned",
    });
    const [row] = await db()
      .select({ subject: mailMessages.subject })
      .from(mailMessages)
      .innerJoin(notifications, eq(notifications.id, mailMessages.notificationId))
      .where(eq(notifications.dedupeKey, dedupeKey));
    expect(row?.subject).toBe("Your report for Wangfujing has questions");
  });

  it("an HTTP sender gets each pending email once, and a failure is counted with its error", async () => {
    const database = db();
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const past = Date.now() - 10 * 365 * DAY; // older than anything else pending in this file
    await database.insert(mailMessages).values(
      ids.map((id, i) => ({
        id,
        organizationId: org.id,
        toAddress: i === 0 ? "ok@example.test" : "bounce@example.test",
        subject: "S",
        body: "B",
        createdAt: past + i,
      })),
    );
    const posted: string[] = [];
    const fake = (async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { to: string };
      posted.push(body.to);
      return new Response(body.to.startsWith("ok") ? "{}" : "no such mailbox", {
        status: body.to.startsWith("ok") ? 202 : 422,
      });
    }) as typeof fetch;
    const sender = mailSender(
      mailSettings({ MAIL_MODE: "http", MAIL_API_URL: "https://mail.example.test/send", MAIL_API_TOKEN: "t" }),
      fake,
    );
    await deliverPendingMail(database, sender, Date.now(), 2);
    expect(posted.sort()).toEqual(["bounce@example.test", "ok@example.test"]);
    const rows = await database.select().from(mailMessages).where(eq(mailMessages.organizationId, org.id));
    const ok = rows.find((r) => r.id === ids[0]);
    const bounced = rows.find((r) => r.id === ids[1]);
    expect(ok).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(bounced).toMatchObject({ status: "pending", attempts: 1 });
    expect(bounced?.lastError).toContain("422");
  });

  it("GET /organization/mail-status: admins only, and says what is configured", async () => {
    expect(await expectOk(await org.as.admin.api.v1.organization["mail-status"].$get(), 200)).toEqual({
      configured: true,
      mode: "local",
    });
    await expectProblem(await org.as.manager.api.v1.organization["mail-status"].$get(), 403, "forbidden");
    expect(mailSettings({ MAIL_MODE: "http", MAIL_API_URL: "https://x.test" })).toMatchObject({
      mode: "http",
      configured: false,
    });
    expect(mailSettings({ MAIL_MODE: "" })).toMatchObject({ mode: "none", configured: false });
  });
});

describe("the bell", () => {
  it("a publication notifies the branch's managers, in words with the branch and never the shopper", async () => {
    const assignment = await planVisit(published, published.versionIds.store);
    const doc = (await readVersion(published.as.admin, published.versionIds.store)).document;
    const audit = await expectOk(
      await submitReport(published.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(doc))),
      201,
    );
    const page = await expectOk(await published.as.manager.api.v1.notifications.$get({ query: {} }), 200);
    const item = page.items.find((i) => i.subject.id === audit.id);
    expect(item).toMatchObject({ kind: "report_published", subject: { type: "audit", id: audit.id }, readAt: null });
    expect(item?.payload).toMatchObject({ branch: { name: { en: "Wangfujing", zh: "王府井店" } } });
    expect(page.unread).toBeGreaterThanOrEqual(1);
    const shopper = published.people.shopper;
    const everything = JSON.stringify(page);
    for (const secret of [shopper.id, shopper.displayName, shopper.email, assignment.id]) {
      expect(everything).not.toContain(secret);
    }
    // And the email the branch receives says nothing of the shopper either.
    const mail = await db().select().from(mailMessages).where(eq(mailMessages.organizationId, published.id));
    expect(mail.length).toBeGreaterThanOrEqual(2);
    for (const m of mail)
      for (const secret of [shopper.displayName, shopper.email]) expect(m.body).not.toContain(secret);
    // The regional manager heard too; the shopper, the admin and the reviewer did not.
    const regional = await expectOk(await published.as.regional.api.v1.notifications.$get({ query: {} }), 200);
    expect(regional.items.some((i) => i.subject.id === audit.id)).toBe(true);
    for (const person of ["shopper", "admin", "reviewer"] as const) {
      const other = await expectOk(await published.as[person].api.v1.notifications.$get({ query: {} }), 200);
      expect(other.items).toEqual([]);
    }
  });

  it("a report returned with questions notifies its shopper (the branch's name included)", async () => {
    const assignment = await planVisit(org, org.versionIds.store);
    const audit = await expectOk(
      await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(store.document))),
      201,
    );
    const claimed = await expectOk(
      await org.as.reviewer.api.v1.audits[":id"].claim.$post({
        param: { id: audit.id },
        json: { version: audit.version },
      }),
      200,
    );
    await expectOk(
      await org.as.reviewer.api.v1.audits[":id"].return.$post({
        param: { id: audit.id },
        json: { version: claimed.version, questions: [{ text: "Which counter was it?" }] },
      }),
      200,
    );
    const page = await expectOk(await org.as.shopper.api.v1.notifications.$get({ query: { unread: "true" } }), 200);
    const item = page.items.find((i) => i.kind === "report_returned");
    expect(item?.subject).toEqual({ type: "audit", id: audit.id });
    expect(item?.payload).toMatchObject({ auditId: audit.id, branch: { name: { en: "Wangfujing" } } });
  });

  it("own only: newest first with a cursor; another person's id in `read` changes nothing; all marks every one", async () => {
    const database = db();
    const base = Date.now() - 60_000;
    for (let i = 0; i < 3; i++) {
      await run(
        database,
        notifyStatements(database, {
          organizationId: org.id,
          kind: "action_returned",
          subject: { type: "action", id: `a-${i}` },
          payload: { branchId: org.branchIds.north1, title: `Fix ${i}` },
          dedupeKey: `own-${i}`,
          recipients: { kind: "users", userIds: [org.people.analyst.id, org.people.admin.id] },
          now: base + i,
        }),
      );
    }
    const first = await expectOk(await org.as.analyst.api.v1.notifications.$get({ query: { limit: "2" } }), 200);
    expect(first.items.map((i) => i.payload.title)).toEqual(["Fix 2", "Fix 1"]);
    expect(first.unread).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await expectOk(
      await org.as.analyst.api.v1.notifications.$get({ query: { limit: "2", cursor: first.nextCursor ?? "" } }),
      200,
    );
    expect(second.items.map((i) => i.payload.title)).toEqual(["Fix 0"]);
    expect(second.nextCursor).toBeNull();

    const admins = await expectOk(await org.as.admin.api.v1.notifications.$get({ query: {} }), 200);
    const adminsId = admins.items[0]?.id ?? "";
    const notMine = await expectOk(
      await org.as.analyst.api.v1.notifications.read.$post({ json: { ids: [adminsId] } }),
      200,
    );
    expect(notMine.unread).toBe(3);
    const adminsAfter = await expectOk(await org.as.admin.api.v1.notifications.$get({ query: {} }), 200);
    expect(adminsAfter.items[0]).toMatchObject({ id: adminsId, readAt: null });

    const one = await expectOk(
      await org.as.analyst.api.v1.notifications.read.$post({ json: { ids: [first.items[0]?.id ?? ""] } }),
      200,
    );
    expect(one.unread).toBe(2);
    const all = await expectOk(await org.as.analyst.api.v1.notifications.read.$post({ json: { all: true } }), 200);
    expect(all.unread).toBe(0);
    const after = await expectOk(await org.as.analyst.api.v1.notifications.$get({ query: {} }), 200);
    expect(after.items.every((i) => i.readAt !== null)).toBe(true);
    expect((await expectOk(await org.as.admin.api.v1.notifications.$get({ query: {} }), 200)).unread).toBe(3);
  });

  it("bad input is a problem and changes nothing", async () => {
    const cookie = org.people.analyst.cookie;
    await expectProblem(await api("/api/v1/notifications/read", { cookie, body: {} }), 400, "validation_failed");
    await expectProblem(
      await api("/api/v1/notifications/read", { cookie, body: { ids: ["x"], all: true } }),
      400,
      "validation_failed",
    );
    await expectProblem(await api("/api/v1/notifications?cursor=nope", { cookie }), 400, "validation_failed");
    await expectProblem(await api("/api/v1/notifications"), 401, "unauthenticated");
  });

  it("older than 90 days is never shown nor counted, and the scheduled job deletes it", async () => {
    const database = db();
    const old = retentionCutoff(Date.now()) - DAY;
    await run(
      database,
      notifyStatements(withMail(database, mailSettings({ MAIL_MODE: "local" })), {
        organizationId: org.id,
        kind: "dispute_decided",
        subject: { type: "dispute", id: "old" },
        payload: { branchId: org.branchIds.north1 },
        dedupeKey: "old-one",
        recipients: { kind: "users", userIds: [org.people.regional.id] },
        now: old,
      }),
    );
    const page = await expectOk(await org.as.regional.api.v1.notifications.$get({ query: {} }), 200);
    expect(page.items.some((i) => i.subject.id === "old")).toBe(false);
    await org.as.regional.api.v1.notifications.read.$post({ json: { all: true } });
    expect((await expectOk(await org.as.regional.api.v1.notifications.$get({ query: {} }), 200)).unread).toBe(0);

    await runScheduledJob(env, Date.now());
    const left = await database.select().from(notifications).where(eq(notifications.dedupeKey, "old-one"));
    expect(left).toEqual([]);
  });
});

describe("the scheduled job", () => {
  /** An open action of north1 due `dueInDays` from today, owned by the manager, created by the regional manager. */
  async function openAction(dueInDays: number) {
    const auditId = (await db().select({ id: audits.id }).from(audits).where(eq(audits.organizationId, org.id)))[0]?.id;
    if (!auditId) throw new Error("no report to hang an action on");
    const id = crypto.randomUUID();
    await db()
      .insert(actions)
      .values({
        id,
        organizationId: org.id,
        branchId: org.branchIds.north1,
        auditId,
        checklistId: org.checklistIds.store,
        title: "Greet within 10 seconds",
        ownerUserId: org.people.manager.id,
        dueDate: addDays(isoDay(0), dueInDays),
        watchFrom: Date.now(),
        createdBy: org.people.regional.id,
      });
    return id;
  }

  async function runHandler() {
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
  }

  it("escalates once per level: two runs are one notification and one event each", async () => {
    const overdue = await openAction(-4); // past due + 3: both levels owed
    const dueToday = await openAction(0);
    const later = await openAction(5);
    await runHandler();
    await runHandler();

    const rows = await db().select().from(actions).where(eq(actions.organizationId, org.id));
    const count = (id: string) => rows.find((r) => r.id === id)?.escalations;
    expect([count(overdue), count(dueToday), count(later)]).toEqual([2, 1, 0]);

    const notes = await db()
      .select({
        userId: notifications.userId,
        kind: notifications.kind,
        subjectId: notifications.subjectId,
        payload: notifications.payload,
      })
      .from(notifications)
      .where(and(eq(notifications.organizationId, org.id), eq(notifications.subjectType, "action")));
    const about = (id: string) =>
      notes
        .filter((n) => n.subjectId === id)
        .map((n) => `${n.kind}:${n.userId}`)
        .sort();
    // The owner (manager) and the creator (regional) hear it is due; regional managers that it is overdue, once.
    expect(about(overdue)).toEqual(
      [
        `action_due:${org.people.manager.id}`,
        `action_due:${org.people.regional.id}`,
        `action_overdue:${org.people.regional.id}`,
      ].sort(),
    );
    expect(notes.find((n) => n.subjectId === overdue && n.kind === "action_overdue")?.payload).toMatchObject({
      level: 2,
      title: "Greet within 10 seconds",
    });
    expect(about(dueToday)).toHaveLength(3);
    expect(about(later)).toEqual([]);

    const escalated = await db()
      .select()
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.type, "action.escalated")));
    expect(escalated.filter((e) => e.subjectId === overdue)).toMatchObject([
      { actorId: null, payload: { from: 0, to: 2 } },
    ]);
    expect(escalated.filter((e) => e.subjectId === dueToday)).toHaveLength(1);
  });

  it("tells reviewers of a report past the review SLA once, however many runs", async () => {
    const assignment = await planVisit(org, org.versionIds.store);
    const audit = await expectOk(
      await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(store.document))),
      201,
    );
    await db()
      .update(audits)
      .set({ submittedAt: Date.now() - 100 * 3_600_000 })
      .where(eq(audits.id, audit.id));
    await runHandler();
    await runScheduledJob(env, Date.now());
    const notes = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.kind, "review_sla_breached"), eq(notifications.subjectId, audit.id)));
    expect(notes).toEqual([{ userId: org.people.reviewer.id }]);
  });

  it("delivers the development mailbox's pending email", async () => {
    await runHandler();
    const pending = await db().select().from(mailMessages).where(eq(mailMessages.status, "pending"));
    expect(pending).toEqual([]);
  });
});
