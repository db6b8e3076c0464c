/**
 * The scheduled job (wrangler.toml `[triggers] crons`, every 15 minutes; docs/JOBS.md).
 * Each run, organisation by organisation (each job of each organisation on its own: one that
 * fails is logged and the others go on):
 * 1. corrective-action escalations: at the due date the owner and creator hear the action is due
 *    (`action_due`) and the regional managers that it is (`action_overdue`, level 1); three days
 *    later the regional managers again (level 2). `escalations` counts what was sent, guarded,
 *    with an `action.escalated` event (system actor) in the same batch;
 * 2. review SLA breaches: reviewers hear once per report (`review_sla_breached`, deduplicated);
 * 3. complaint contact erasure: the customer's name, phone and email of complaints followed up or
 *    closed more than `contactRetentionDays` ago are blanked, each with a `complaint.contact_erased`
 *    event (system actor, no erased data) in the same guarded batch (docs/COMPLAINTS.md);
 * 4. retention (jobs/retention.ts): reports de-identified, their photos and location fixes
 *    erased by the organisation's settings, each with its event in the same guarded batch;
 * then, for everyone: the clean-up (expired sessions, old sign-in attempts and rate-limit hits),
 * notifications older than 90 days deleted, the daily digests, and pending email delivered.
 *
 * Idempotent: a second run finds nothing owed (counts, dedupe keys, erasure marks). Chunked: at
 * most `CHUNK` rows of a kind per batch or statement, under D1's 100 bound parameters.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { eraseContactStatement, erasureCandidatesQuery } from "./data/complaints";
import { chunk, type Db, getDb } from "./data/db";
import { appendEventStatements, chainHeadOf, chainHeadQuery, commitChained, StaleWrite } from "./data/events";
import {
  type EscalationCandidate,
  escalationCandidatesQuery,
  escalationUpdateStatement,
  organizationsQuery,
  slaBreachesQuery,
  slaDedupeKey,
} from "./data/jobs";
import { type DeliveryReport, deliverPendingMail } from "./data/mail";
import { notifyStatements, purgeStatements, withMail } from "./data/notifications";
import { addDays } from "./domain/actions";
import { localDate } from "./domain/audits";
import { erasureCutoff } from "./domain/complaints";
import { type EscalationStep, escalationStep, retentionCutoff } from "./domain/notifications";
import { chainEvents } from "./domain/trail";
import { type CleanupReport, cleanUp } from "./jobs/cleanup";
import { type DigestReport, sendDigests } from "./jobs/digest";
import { applyRetention, emptyRetentionReport, type RetentionReport } from "./jobs/retention";
import { mailSender, mailSettings } from "./lib/mail";

/** Rows of one kind per batch (escalated actions, breached reports, deleted notifications). */
export const CHUNK = 100;
/** Escalated actions per batch: each writes up to six statements (update, event, two notifications, two mails). */
const ESCALATIONS_PER_BATCH = 16;
/** Breached reports per batch: each writes a notification and its mail. */
const BREACHES_PER_BATCH = 50;
/** Rows read per organisation and kind in one run; the next run takes the rest. */
const READ_LIMIT = 500;
/** Most passes of deletion and of delivery per run. */
const MAX_PASSES = 20;

/** What one run did (logged, and returned for tests). */
export interface JobReport {
  escalated: number;
  slaBreaches: number;
  /** Complaints whose customer contact details were erased. */
  contactsErased: number;
  deleted: { notifications: number; mail: number };
  retention: RetentionReport;
  cleanup: CleanupReport;
  digests: DigestReport;
  mail: DeliveryReport;
  /** `<organisation id>:<job>` (or `<job>`) of each part that failed, logged. */
  failures: string[];
}

interface Escalation {
  action: EscalationCandidate;
  step: EscalationStep;
}

/** The notifications one escalation sends (statements after its event). */
function escalationNotices(db: Db, organizationId: string, e: Escalation, now: number): BatchItem<"sqlite">[] {
  const { action, step } = e;
  const subject = { type: "action", id: action.id };
  const payload = { branchId: action.branchId, title: action.title, dueDate: action.dueDate };
  const people = [action.ownerUserId, action.createdBy].filter((id): id is string => Boolean(id));
  return [
    ...(step.due && people.length
      ? notifyStatements(db, {
          organizationId,
          kind: "action_due",
          subject,
          payload,
          dedupeKey: `action_due:${action.id}:${action.dueDate}`,
          recipients: { kind: "users", userIds: [...new Set(people)] },
          now,
        })
      : []),
    ...(step.overdueLevel
      ? notifyStatements(db, {
          organizationId,
          kind: "action_overdue",
          subject,
          payload: { ...payload, level: step.overdueLevel },
          dedupeKey: `action_overdue:${action.id}:${action.dueDate}:${step.overdueLevel}`,
          recipients: { kind: "regional_managers", branchId: action.branchId },
          now,
        })
      : []),
  ];
}

/** Sends one organisation's owed escalations, a chunk per batch; a chunk that lost a guard is read again once. */
async function escalate(db: Db, organizationId: string, now: number): Promise<number> {
  // The latest calendar date anywhere on Earth now (UTC+14): no branch's today is later.
  const latest = addDays(new Date(now).toISOString().slice(0, 10), 1);
  let sent = 0;
  for (let round = 0; round < 2; round++) {
    const candidates = await escalationCandidatesQuery(db, organizationId, latest, READ_LIMIT);
    const owed = candidates.flatMap((action): Escalation[] => {
      const step = escalationStep(action, localDate(now, action.timezone));
      return step ? [{ action, step }] : [];
    });
    let stale = false;
    for (const group of chunk(owed, ESCALATIONS_PER_BATCH)) {
      try {
        await commitChained(async () => {
          const head = chainHeadOf(await chainHeadQuery(db, organizationId));
          const chained = await chainEvents(
            head,
            group.map(({ action, step }) => ({
              type: "action.escalated",
              subject: { type: "action", id: action.id },
              payload: { from: action.escalations, to: step.to, dueDate: action.dueDate },
            })),
            { organizationId, at: now, actor: null },
          );
          const statements = group.flatMap((e, index) => {
            const event = chained[index];
            if (!event) return [];
            return [
              escalationUpdateStatement(db, organizationId, e.action.id, e.action.escalations, e.step.to),
              // Fits only when the guarded UPDATE just before it changed the action.
              ...appendEventStatements(db, [event], { guarded: true }),
              ...escalationNotices(db, organizationId, e, now),
            ];
          });
          const [first, ...rest] = statements;
          if (first) await db.batch([first, ...rest]);
        });
        sent += group.length;
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        stale = true; // someone closed or escalated one meanwhile: read again
      }
    }
    if (!stale) break;
  }
  return sent;
}

/** Tells reviewers of each newly breached report, once per report. */
async function reportSlaBreaches(db: Db, organizationId: string, slaHours: number, now: number): Promise<number> {
  const breached = await slaBreachesQuery(db, organizationId, slaHours, now, READ_LIMIT);
  for (const group of chunk(breached, BREACHES_PER_BATCH)) {
    const statements = group.flatMap((audit) =>
      notifyStatements(db, {
        organizationId,
        kind: "review_sla_breached",
        subject: { type: "audit", id: audit.id },
        payload: { branchId: audit.branchId, submittedAt: audit.submittedAt, slaHours },
        dedupeKey: slaDedupeKey(audit.id),
        recipients: { kind: "reviewers" },
        now,
      }),
    );
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
  return breached.length;
}

/** Complaints erased per batch: each is a guarded UPDATE and its event. */
const ERASURES_PER_BATCH = 40;

/**
 * Erases the contact details of one organisation's complaints finished more than
 * `retentionDays` ago, a chunk per batch. Idempotent: an erased complaint has no details left
 * and is not read again; a complaint changed meanwhile fails its chunk's guard and waits for
 * the next run.
 */
async function eraseContacts(db: Db, organizationId: string, retentionDays: number, now: number): Promise<number> {
  const due = await erasureCandidatesQuery(db, organizationId, erasureCutoff(now, retentionDays), READ_LIMIT);
  let erased = 0;
  for (const group of chunk(due, ERASURES_PER_BATCH)) {
    try {
      await commitChained(async () => {
        const head = chainHeadOf(await chainHeadQuery(db, organizationId));
        const chained = await chainEvents(
          head,
          group.map((complaint) => ({
            type: "complaint.contact_erased",
            subject: { type: "complaint", id: complaint.id },
            payload: { retentionDays },
          })),
          { organizationId, at: now, actor: null },
        );
        const statements = group.flatMap((complaint, index) => {
          const event = chained[index];
          if (!event) return [];
          return [
            eraseContactStatement(db, organizationId, complaint.id, complaint.version, now),
            ...appendEventStatements(db, [event], { guarded: true }),
          ];
        });
        const [first, ...rest] = statements;
        if (first) await db.batch([first, ...rest]);
      });
      erased += group.length;
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
    }
  }
  return erased;
}

/** Deletes notifications (and their email) past the 90 days, `CHUNK` of each per pass. */
async function purge(db: Db, now: number): Promise<JobReport["deleted"]> {
  const deleted = { notifications: 0, mail: 0 };
  const cutoff = retentionCutoff(now);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const [mail, notes] = await db.batch(purgeStatements(db, cutoff, CHUNK));
    const mailCount = mail.meta.changes ?? 0;
    const noteCount = notes.meta.changes ?? 0;
    deleted.mail += mailCount;
    deleted.notifications += noteCount;
    if (mailCount < CHUNK && noteCount < CHUNK) break;
  }
  return deleted;
}

/** Runs `job`, recording a failure as `name` (logged) instead of stopping the run. */
async function isolated<T>(report: JobReport, name: string, job: () => Promise<T>): Promise<T | null> {
  try {
    return await job();
  } catch (error) {
    report.failures.push(name);
    console.error(JSON.stringify({ level: "error", job: "scheduled", part: name, error: String(error) }));
    return null;
  }
}

/**
 * One run of the job against `env`'s database (and evidence bucket) at `now`.
 * @example await runScheduledJob(env, Date.now())
 */
export async function runScheduledJob(env: Cloudflare.Env, now: number): Promise<JobReport> {
  const settings = mailSettings(env);
  const db = withMail(getDb(env.DB), settings);
  const report: JobReport = {
    escalated: 0,
    slaBreaches: 0,
    contactsErased: 0,
    deleted: { notifications: 0, mail: 0 },
    retention: emptyRetentionReport(),
    cleanup: { sessions: 0, loginAttempts: 0, rateLimitHits: 0 },
    digests: { sent: 0, empty: 0 },
    mail: { sent: 0, retrying: 0, failed: 0 },
    failures: [],
  };
  for (const org of await organizationsQuery(db)) {
    report.escalated += (await isolated(report, `${org.id}:escalations`, () => escalate(db, org.id, now))) ?? 0;
    report.slaBreaches +=
      (await isolated(report, `${org.id}:sla`, () => reportSlaBreaches(db, org.id, org.reviewSlaHours, now))) ?? 0;
    report.contactsErased +=
      (await isolated(report, `${org.id}:contacts`, () => eraseContacts(db, org.id, org.contactRetentionDays, now))) ??
      0;
    const retained = await isolated(report, `${org.id}:retention`, () =>
      applyRetention(db, env.EVIDENCE, org, now, READ_LIMIT),
    );
    for (const key of Object.keys(report.retention) as Array<keyof RetentionReport>) {
      report.retention[key] += retained?.[key] ?? 0;
    }
  }
  report.cleanup = (await isolated(report, "cleanup", () => cleanUp(db, now, CHUNK * 5, MAX_PASSES))) ?? report.cleanup;
  report.deleted = (await isolated(report, "purge", () => purge(db, now))) ?? report.deleted;
  // Without email configured there is nothing to digest (and nothing to mark).
  if (settings.configured) {
    report.digests =
      (await isolated(report, "digests", () => sendDigests(db, now, MAX_PASSES, report.failures))) ?? report.digests;
  }
  const sender = mailSender(settings);
  for (let pass = 0; pass < MAX_PASSES && sender; pass++) {
    const delivered = await isolated(report, "delivery", () => deliverPendingMail(db, sender, now, CHUNK / 2));
    if (!delivered) break;
    report.mail.sent += delivered.sent;
    report.mail.retrying += delivered.retrying;
    report.mail.failed += delivered.failed;
    // A failure waits for the next run (the API may be down): no burning of attempts in one run.
    if (delivered.retrying + delivered.failed > 0 || delivered.sent < CHUNK / 2) break;
  }
  console.log(JSON.stringify({ level: "info", job: "scheduled", ...report }));
  return report;
}

/** The Worker's `scheduled` handler: the run outlives the event through `waitUntil`. */
export const scheduled: ExportedHandlerScheduledHandler<Cloudflare.Env> = (controller, env, ctx) => {
  ctx.waitUntil(runScheduledJob(env, controller.scheduledTime));
};
