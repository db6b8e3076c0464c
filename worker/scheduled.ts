/**
 * The scheduled job (wrangler.toml `[triggers] crons`, every 15 minutes; docs/NOTIFICATIONS.md).
 * Each run, organisation by organisation:
 * 1. corrective-action escalations: at the due date the owner and creator hear the action is due
 *    (`action_due`) and the regional managers that it is (`action_overdue`, level 1); three days
 *    later the regional managers again (level 2). `escalations` counts what was sent, guarded,
 *    with an `action.escalated` event (system actor) in the same batch;
 * 2. review SLA breaches: reviewers hear once per report (`review_sla_breached`, deduplicated);
 * 3. complaint contact erasure: the customer's name, phone and email of complaints followed up or
 *    closed more than `contactRetentionDays` ago are blanked, each with a `complaint.contact_erased`
 *    event (system actor, no erased data) in the same guarded batch (docs/COMPLAINTS.md);
 * then, for everyone: notifications older than 90 days are deleted, and pending email delivered.
 *
 * Idempotent: a second run finds nothing owed (counts, dedupe keys). Chunked: at most
 * `CHUNK` rows of a kind per batch. A failing organisation is logged and the others go on.
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
  mail: DeliveryReport;
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

/**
 * One run of the job against `env`'s database at `now`.
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
    mail: { sent: 0, retrying: 0, failed: 0 },
    failures: [],
  };
  for (const org of await organizationsQuery(db)) {
    try {
      report.escalated += await escalate(db, org.id, now);
      report.slaBreaches += await reportSlaBreaches(db, org.id, org.reviewSlaHours, now);
      report.contactsErased += await eraseContacts(db, org.id, org.contactRetentionDays, now);
    } catch (error) {
      report.failures.push(org.id);
      console.error(JSON.stringify({ level: "error", job: "scheduled", organizationId: org.id, error: String(error) }));
    }
  }
  report.deleted = await purge(db, now);
  const sender = mailSender(settings);
  for (let pass = 0; pass < MAX_PASSES && sender; pass++) {
    const delivered = await deliverPendingMail(db, sender, now, CHUNK / 2);
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
