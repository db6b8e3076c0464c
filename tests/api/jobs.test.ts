/**
 * The scheduled job's issue-18 work (docs/JOBS.md), in workerd through the Worker's own
 * `scheduled` handler and `runScheduledJob`: retention (fixes, photos, de-identification, each
 * with its event, guarded, idempotent, roll-ups untouched, shared photos kept), the clean-up
 * (sessions, sign-in attempts, rate-limit hits by their own windows), the daily digest (no
 * email per notification, one a day after 08:00 local, one even when two runs race), and one
 * organisation failing while the others go on.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  answers,
  audits,
  calibrations,
  events,
  evidence,
  loginAttempts,
  mailMessages,
  organizations,
  photoBands,
  photoPrints,
  rateLimitHits,
  reviewMessages,
  sessions,
  uploadOwners,
  uploads,
  users,
} from "../../schema";
import { rebuildRollups } from "../../worker/data/rollups";
import { INVITATIONS_PER_HOUR, LOGIN_WINDOW_MS, SESSION_IDLE_MS } from "../../worker/domain/memberships";
import { PENDING_SESSION_MS } from "../../worker/domain/two-factor";
import worker from "../../worker/index";
import { applyRetention } from "../../worker/jobs/retention";
import { runScheduledJob } from "../../worker/scheduled";
import { createOrganization, type TestOrganization } from "./factory";
import { completeAnswers, db, expectOk, uniqueJpeg, uploadEvidence } from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";
import { readRollups } from "./rollup-helpers";

const DAY = 86_400_000;
const PHOTO_ITEM = "storefront_photo";

let org: TestOrganization;
let store: Version;

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
  store = await readVersion(org.as.admin, org.versionIds.store);
});

/** The Worker's scheduled handler, as the Cron Trigger calls it. */
async function runHandler(now = Date.now()) {
  const controller = createScheduledController({ scheduledTime: now, cron: "*/15 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Uploads a new photo as `o`'s shopper. */
async function newPhoto(o: TestOrganization): Promise<string> {
  const { res, sha256 } = await uploadEvidence(o.people.shopper.cookie, uniqueJpeg());
  expect(res.status).toBeLessThan(300);
  return sha256;
}

/**
 * A published report of `o` with a photo, a comment, a check-in, two fixes and staff text, its
 * visit moved `ageDays` back (the month kept: the roll-ups count it where they did).
 */
async function agedReport(o: TestOrganization, ageDays: number, photo?: string): Promise<string> {
  const sha = photo ?? (await newPhoto(o));
  const assignment = await planVisit(o, o.versionIds.store);
  const version = o === org ? store : await readVersion(o.as.admin, o.versionIds.store);
  const list = completeAnswers(version.document).map((a, i) => (i === 0 ? { ...a, comment: "Anna at the till" } : a));
  list.push({ item: PHOTO_ITEM, evidence: [sha] });
  const start = Date.now() - 3_600_000;
  const fix = (minutes: number) => ({
    lat: 39.91,
    lng: 116.41,
    accuracy: 20,
    takenAt: new Date(start + minutes * 60_000).toISOString(),
  });
  const audit = await expectOk(
    await submitReport(o.as.shopper, crypto.randomUUID(), report(assignment, list, { fixes: [fix(1), fix(10)] })),
    201,
  );
  expect(audit.status).toBe("published");
  await db()
    .update(audits)
    .set({
      visitStartedAt: start - ageDays * DAY,
      visitEndedAt: start - ageDays * DAY + 20 * 60_000,
      staffName: "A. B.",
    })
    .where(eq(audits.id, audit.id));
  return audit.id;
}

async function auditRow(id: string) {
  const [row] = await db().select().from(audits).where(eq(audits.id, id));
  if (!row) throw new Error(`no report ${id}`);
  return row;
}

async function eventsOf(organizationId: string, subjectIds: string[]) {
  return db()
    .select({ type: events.type, subjectId: events.subjectId, actorId: events.actorId, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        inArray(events.subjectId, subjectIds),
        inArray(events.type, ["audit.fixes_erased", "audit.photos_erased", "audit.deidentified"]),
      ),
    )
    .orderBy(events.seq);
}

const objectKey = (organizationId: string, sha: string) => `org/${organizationId}/evidence/${sha}`;

describe("retention", () => {
  it("erases a report's location fixes after fixRetentionDays, once, with its event", async () => {
    const old = await agedReport(org, 91);
    const recent = await agedReport(org, 30);
    await runHandler();
    await runHandler();

    const row = await auditRow(old);
    expect(row).toMatchObject({ locationLat: null, locationLng: null, locationAccuracy: null, locationTakenAt: null });
    expect(row.fixes).toEqual([]);
    expect(row.fixesErasedAt).not.toBeNull();
    expect(row).toMatchObject({ photosErasedAt: null, deidentifiedAt: null, staffDescription: expect.any(String) });
    expect(row.staffDescription).not.toBe("");
    expect(await db().select().from(evidence).where(eq(evidence.auditId, old))).toHaveLength(1);

    const kept = await auditRow(recent);
    expect(kept.fixes).toHaveLength(2);
    expect(kept.locationLat).not.toBeNull();

    expect(await eventsOf(org.id, [old, recent])).toEqual([
      {
        type: "audit.fixes_erased",
        subjectId: old,
        actorId: null,
        payload: { retentionDays: 90, fixes: 2, checkIns: 1 },
      },
    ]);
  });

  it("erases photos after photoRetentionDays, keeping any photo something else still shows", async () => {
    const shared = await newPhoto(org);
    const calibrated = await newPhoto(org);
    const own = await newPhoto(org);
    const oldShared = await agedReport(org, 800, shared);
    const youngShared = await agedReport(org, 10, shared);
    const oldCalibrated = await agedReport(org, 800, calibrated);
    const oldOwn = await agedReport(org, 800, own);
    await db()
      .insert(calibrations)
      .values({
        id: crypto.randomUUID(),
        organizationId: org.id,
        title: "Photo check",
        checklistVersionId: org.versionIds.store,
        photoShas: [calibrated],
      });
    const printsBefore = await db().select().from(photoPrints).where(eq(photoPrints.auditId, oldOwn));
    expect(printsBefore.length).toBeGreaterThan(0);
    expect(await env.EVIDENCE.head(objectKey(org.id, own))).not.toBeNull();

    await runHandler();
    const report = await runScheduledJob(env, Date.now());
    expect(report.retention.photosErased).toBe(0);

    for (const id of [oldShared, oldCalibrated, oldOwn]) {
      expect(await db().select().from(evidence).where(eq(evidence.auditId, id))).toEqual([]);
      expect(await db().select().from(photoPrints).where(eq(photoPrints.auditId, id))).toEqual([]);
      expect(
        await db()
          .select()
          .from(photoBands)
          .where(and(eq(photoBands.organizationId, org.id), eq(photoBands.auditId, id))),
      ).toEqual([]);
      expect((await auditRow(id)).photosErasedAt).not.toBeNull();
    }
    // The younger report still shows the shared photo.
    expect(await db().select().from(evidence).where(eq(evidence.auditId, youngShared))).toHaveLength(1);
    const stored = async (sha: string) =>
      db()
        .select({ sha256: uploads.sha256 })
        .from(uploads)
        .where(and(eq(uploads.organizationId, org.id), eq(uploads.sha256, sha)));
    expect(await stored(shared)).toHaveLength(1);
    expect(await stored(calibrated)).toHaveLength(1);
    expect(await stored(own)).toEqual([]);
    expect(
      await db()
        .select()
        .from(uploadOwners)
        .where(and(eq(uploadOwners.organizationId, org.id), eq(uploadOwners.sha256, own))),
    ).toEqual([]);
    expect(await env.EVIDENCE.head(objectKey(org.id, shared))).not.toBeNull();
    expect(await env.EVIDENCE.head(objectKey(org.id, calibrated))).not.toBeNull();
    expect(await env.EVIDENCE.head(objectKey(org.id, own))).toBeNull();

    const trail = await eventsOf(org.id, [oldOwn]);
    expect(trail).toContainEqual({
      type: "audit.photos_erased",
      subjectId: oldOwn,
      actorId: null,
      payload: { retentionDays: 730, photos: 1 },
    });
    expect(trail.filter((e) => e.type === "audit.photos_erased")).toHaveLength(1);
  });

  it("de-identifies a report after reportRetentionDays, keeping answers, score and roll-ups exact", async () => {
    const id = await agedReport(org, 1900);
    await db().insert(reviewMessages).values({
      id: crypto.randomUUID(),
      organizationId: org.id,
      auditId: id,
      kind: "question",
      text: "Who was Anna?",
      authorId: org.people.reviewer.id,
    });
    const before = await auditRow(id);
    const answersBefore = await db().select().from(answers).where(eq(answers.auditId, id));
    const rollupsBefore = await readRollups(org.id);

    await runHandler();
    await runHandler();

    const after = await auditRow(id);
    expect(after).toMatchObject({
      staffDescription: "",
      staffName: null,
      overallComment: "",
      locationLat: null,
      score: before.score,
      status: before.status,
      branchId: before.branchId,
      visitMonth: before.visitMonth,
      criticalFailed: before.criticalFailed,
      scoreResult: before.scoreResult,
      version: before.version + 1,
    });
    expect(after.fixes).toEqual([]);
    for (const mark of [after.deidentifiedAt, after.fixesErasedAt, after.photosErasedAt]) expect(mark).not.toBeNull();
    const answersAfter = await db().select().from(answers).where(eq(answers.auditId, id));
    expect(answersAfter.map((a) => a.comment).filter(Boolean)).toEqual([]);
    expect(answersAfter.map(({ comment: _, ...rest }) => rest)).toEqual(
      answersBefore.map(({ comment: _, ...rest }) => rest),
    );
    expect((await db().select().from(reviewMessages).where(eq(reviewMessages.auditId, id))).map((m) => m.text)).toEqual(
      [""],
    );
    expect(await db().select().from(evidence).where(eq(evidence.auditId, id))).toEqual([]);

    // One event for the lot, counts only; the oldest reports get no separate fixes or photos event.
    const trail = await eventsOf(org.id, [id]);
    expect(trail).toEqual([
      {
        type: "audit.deidentified",
        subjectId: id,
        actorId: null,
        payload: { retentionDays: 1825, comments: 1, messages: 1, fixes: 2, checkIns: 1, photos: 1 },
      },
    ]);
    expect(JSON.stringify(trail)).not.toContain("Anna");

    // Scorecards did not move, and equal a rebuild from the raw reports.
    expect(await readRollups(org.id)).toEqual(rollupsBefore);
    await rebuildRollups(db(), org.id);
    expect(await readRollups(org.id)).toEqual(rollupsBefore);
  });

  it("deletes R2 objects only after the batch commits: an R2 failure leaves an orphan object, never a dangling row", async () => {
    const own = await newPhoto(org);
    const id = await agedReport(org, 800, own);
    const failing = {
      delete: async () => {
        throw new Error("R2 is down");
      },
    } as unknown as R2Bucket;
    const settings = { fixRetentionDays: 90, photoRetentionDays: 730, reportRetentionDays: 1825 };
    const done = await applyRetention(db(), failing, { id: org.id, ...settings }, Date.now(), 500);
    expect(done).toMatchObject({ photosErased: 1, objectsDeleted: 0, objectsOrphaned: 1 });
    // The rows are gone (no reference to a missing object); the bytes stay, unreachable.
    expect(await db().select().from(evidence).where(eq(evidence.auditId, id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(uploads)
        .where(and(eq(uploads.organizationId, org.id), eq(uploads.sha256, own))),
    ).toEqual([]);
    expect(await env.EVIDENCE.head(objectKey(org.id, own))).not.toBeNull();
    // Nothing is owed any more: the next run does not try again.
    expect((await runScheduledJob(env, Date.now())).retention.objectsOrphaned).toBe(0);
  });

  it("follows each organisation's own settings", async () => {
    const strict = await createOrganization({ reviewPolicy: "none" });
    await db().update(organizations).set({ fixRetentionDays: 7 }).where(eq(organizations.id, strict.id));
    const strictReport = await agedReport(strict, 10);
    const lenientReport = await agedReport(org, 10);
    await runScheduledJob(env, Date.now());
    expect((await auditRow(strictReport)).fixesErasedAt).not.toBeNull();
    expect((await auditRow(lenientReport)).fixesErasedAt).toBeNull();
  });

  it("two runs at once erase each report once: one event each", async () => {
    const ids = [await agedReport(org, 95), await agedReport(org, 96), await agedReport(org, 97)];
    await Promise.all([runScheduledJob(env, Date.now()), runScheduledJob(env, Date.now())]);
    await runScheduledJob(env, Date.now());
    const trail = await eventsOf(org.id, ids);
    expect(trail.map((e) => e.subjectId).sort()).toEqual([...ids].sort());
  });

  it("an organisation that fails does not stop the others", async () => {
    const broken = await createOrganization({ reviewPolicy: "none" });
    const brokenReport = await agedReport(broken, 100);
    // A report whose fixes are not JSON: the organisation's retention read fails.
    await db().update(audits).set({ fixes: sql`'not json'` }).where(eq(audits.id, brokenReport));
    const fine = await agedReport(org, 100);
    try {
      const report = await runScheduledJob(env, Date.now());
      expect(report.failures).toEqual([`${broken.id}:retention`]);
      expect((await auditRow(fine)).fixesErasedAt).not.toBeNull();
    } finally {
      await db().update(audits).set({ fixes: [] }).where(eq(audits.id, brokenReport));
    }
    expect((await auditRow(brokenReport)).fixesErasedAt).toBeNull();
    expect((await runScheduledJob(env, Date.now())).failures).toEqual([]);
    expect((await auditRow(brokenReport)).fixesErasedAt).not.toBeNull();
  });
});

describe("clean-up", () => {
  it("deletes dead sessions, stale pending ones, and attempts and hits past their windows; keeps the rest", async () => {
    const now = Date.now();
    const userId = org.people.analyst.id;
    const session = (
      name: string,
      values: { createdAt?: number; lastSeenAt?: number; expiresAt?: number; pending?: "two_factor" },
    ) => ({
      id: `${org.id}-${name}`,
      tokenHash: `${org.id}-${name}-hash`,
      userId,
      organizationId: org.id,
      createdAt: values.createdAt ?? now - 60_000,
      lastSeenAt: values.lastSeenAt ?? now - 60_000,
      expiresAt: values.expiresAt ?? now + DAY,
      pending: values.pending ?? null,
    });
    await db()
      .insert(sessions)
      .values([
        session("expired", { expiresAt: now - 1 }),
        session("idle", { lastSeenAt: now - SESSION_IDLE_MS - 60_000 }),
        session("pending-old", { pending: "two_factor", createdAt: now - PENDING_SESSION_MS - 60_000 }),
        session("pending-new", { pending: "two_factor", createdAt: now - 60_000 }),
        session("live", {}),
      ]);
    const key = `test:${org.id}`;
    await db()
      .insert(loginAttempts)
      .values([
        { id: `${org.id}-a-old`, email: `${key}@x.test`, client: key, attemptedAt: now - LOGIN_WINDOW_MS - 1000 },
        { id: `${org.id}-a-new`, email: `${key}@x.test`, client: key, attemptedAt: now - 60_000 },
      ]);
    await db()
      .insert(rateLimitHits)
      .values([
        { id: `${org.id}-h-old`, key, at: now - INVITATIONS_PER_HOUR.windowMs - 1000 },
        { id: `${org.id}-h-new`, key, at: now - 60_000 },
      ]);

    await runHandler(now);

    const left = await db()
      .select({ id: sessions.id })
      .from(sessions)
      .where(like(sessions.id, `${org.id}-%`));
    expect(left.map((s) => s.id).sort()).toEqual([`${org.id}-live`, `${org.id}-pending-new`]);
    const attempts = await db()
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(eq(loginAttempts.client, key));
    expect(attempts.map((a) => a.id)).toEqual([`${org.id}-a-new`]);
    const hits = await db().select({ id: rateLimitHits.id }).from(rateLimitHits).where(eq(rateLimitHits.key, key));
    expect(hits.map((h) => h.id)).toEqual([`${org.id}-h-new`]);
    // The factory's own sessions are live: still signed in.
    await expectOk(await org.as.admin.api.v1.me.$get(), 200);
  });
});

describe("the daily digest", () => {
  let digestOrg: TestOrganization;
  /** An IANA zone whose wall clock now shows `hour` o'clock (an Etc/GMT zone: no DST). */
  function zoneAt(hour: number): string {
    const offset = ((hour - new Date().getUTCHours() + 36) % 24) - 12;
    return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  }
  const mailTo = async (email: string) =>
    db()
      .select({ subject: mailMessages.subject, body: mailMessages.body, notificationId: mailMessages.notificationId })
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, email));

  beforeAll(async () => {
    digestOrg = await createOrganization({ reviewPolicy: "none" });
  });

  it("sends no email per notification to daily or off people, then one digest after 08:00 local, once", async () => {
    const { manager, regional } = digestOrg.people;
    await expectOk(
      await digestOrg.as.manager.api.v1.me.$patch({ json: { emailMode: "daily", timeZone: zoneAt(10) } }),
      200,
    );
    await expectOk(await digestOrg.as.regional.api.v1.me.$patch({ json: { emailMode: "off" } }), 200);
    // Two reports of north1 published: the manager and the regional manager are told.
    await agedReport(digestOrg, 0);
    await agedReport(digestOrg, 0);
    expect(await mailTo(manager.email)).toEqual([]);
    expect(await mailTo(regional.email)).toEqual([]);

    await runHandler();
    await runHandler();
    const mail = await mailTo(manager.email);
    expect(mail).toHaveLength(1);
    // In the manager's language (the factory's manager reads Chinese), one line each.
    expect(mail[0]?.subject).toBe("Courtesy 每日摘要：2 条未读通知");
    expect(mail[0]?.notificationId).toBeNull();
    expect(mail[0]?.body).toContain("自上次摘要以来，您有 2 条未读通知：");
    expect(mail[0]?.body.match(/^- 王府井店有新的报告/gm)).toHaveLength(2);
    expect(await mailTo(regional.email)).toEqual([]);
    const [row] = await db().select({ at: users.digestSentAt }).from(users).where(eq(users.id, manager.id));
    expect(row?.at).not.toBeNull();
  });

  it("two runs at once send one digest; read notifications and quiet days send none", async () => {
    const { reviewer, shopper } = digestOrg.people;
    // Neither was told anything here: marked, no email.
    for (const as of [digestOrg.as.reviewer, digestOrg.as.shopper]) {
      await expectOk(await as.api.v1.me.$patch({ json: { emailMode: "daily", timeZone: zoneAt(9) } }), 200);
    }
    await runHandler();
    for (const person of [reviewer, shopper]) {
      expect(await mailTo(person.email)).toEqual([]);
      const [row] = await db().select({ at: users.digestSentAt }).from(users).where(eq(users.id, person.id));
      expect(row?.at).not.toBeNull();
    }

    // The manager's digest is due again (as if yesterday's): two runs race, one digest.
    const manager = digestOrg.people.manager;
    await db()
      .update(users)
      .set({ digestSentAt: Date.now() - 2 * DAY })
      .where(eq(users.id, manager.id));
    await Promise.all([runScheduledJob(env, Date.now()), runScheduledJob(env, Date.now())]);
    expect(await mailTo(manager.email)).toHaveLength(2);
  });

  it("waits for 08:00 in the person's own time zone", async () => {
    const { analyst } = digestOrg.people;
    await expectOk(
      await digestOrg.as.analyst.api.v1.me.$patch({ json: { emailMode: "daily", timeZone: zoneAt(5) } }),
      200,
    );
    await db().update(users).set({ digestSentAt: null }).where(eq(users.id, analyst.id));
    await runHandler();
    const [row] = await db().select({ at: users.digestSentAt }).from(users).where(eq(users.id, analyst.id));
    expect(row?.at).toBeNull();
  });
});
