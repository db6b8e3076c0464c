/**
 * Reads and writes of the scheduled job (worker/scheduled.ts), one organisation at a time so
 * every read is a range of an organisation-first index.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import {
  actions,
  audits,
  branches,
  loginAttempts,
  mailMessages,
  memberships,
  notifications,
  organizations,
  rateLimitHits,
  sessions,
  users,
} from "../../schema";
import type { NotificationKind } from "../../schema/enums";
import type { CleanupCutoffs } from "../domain/jobs";
import type { Db } from "./db";

/** Every organisation, with its review SLA. */
export function organizationsQuery(db: Db) {
  return db
    .select({
      id: organizations.id,
      reviewSlaHours: organizations.reviewSlaHours,
      contactRetentionDays: organizations.contactRetentionDays,
      fixRetentionDays: organizations.fixRetentionDays,
      photoRetentionDays: organizations.photoRetentionDays,
      reportRetentionDays: organizations.reportRetentionDays,
    })
    .from(organizations)
    .orderBy(asc(organizations.id));
}

/**
 * Open actions that may be owed an escalation: fewer than two sent, due by `latestDueDate`
 * (the latest calendar date anywhere now: the branch's own "today" is decided per action).
 * `actions_org_status_idx` (organisation, status, due_date, id).
 */
export function escalationCandidatesQuery(db: Db, organizationId: string, latestDueDate: string, limit: number) {
  return db
    .select({
      id: actions.id,
      branchId: actions.branchId,
      title: actions.title,
      status: actions.status,
      dueDate: actions.dueDate,
      escalations: actions.escalations,
      ownerUserId: actions.ownerUserId,
      createdBy: actions.createdBy,
      timezone: branches.timezone,
    })
    .from(actions)
    .innerJoin(branches, eq(branches.id, actions.branchId))
    .where(
      and(
        eq(actions.organizationId, organizationId),
        eq(actions.status, "open"),
        lte(actions.dueDate, latestDueDate),
        lt(actions.escalations, 2),
      ),
    )
    .orderBy(asc(actions.dueDate), asc(actions.id))
    .limit(limit);
}

export type EscalationCandidate = Awaited<ReturnType<typeof escalationCandidatesQuery>>[number];

/**
 * Records escalations sent, guarded: only while the action is still open with the count read
 * (the event after it fits only when this changed the row). The version stays: an escalation
 * is not an edit, and must not make a manager's open form stale.
 */
export function escalationUpdateStatement(db: Db, organizationId: string, id: string, from: number, to: number) {
  return db
    .update(actions)
    .set({ escalations: to })
    .where(
      and(
        eq(actions.organizationId, organizationId),
        eq(actions.id, id),
        eq(actions.status, "open"),
        eq(actions.escalations, from),
      ),
    );
}

/** The dedupe key of a report's review SLA breach: once per report, ever. */
export const slaDedupeKey = (auditId: string) => `review_sla_breached:${auditId}`;

/**
 * Reports waiting or claimed past the organisation's review SLA whose breach no reviewer has
 * been told of yet (the notifications' unique (organisation, user, dedupe_key) index answers
 * per reviewer), oldest first. `audits_org_status_idx` (organisation, status, submitted_at).
 */
export function slaBreachesQuery(db: Db, organizationId: string, slaHours: number, now: number, limit: number) {
  const told = sql`exists (select 1 from ${memberships} inner join ${notifications} on ${notifications.organizationId} = ${memberships.organizationId} and ${notifications.userId} = ${memberships.userId} and ${notifications.dedupeKey} = ('review_sla_breached:' || ${audits.id}) where ${memberships.organizationId} = ${organizationId} and ${memberships.role} = 'reviewer')`;
  return db
    .select({ id: audits.id, branchId: audits.branchId, submittedAt: audits.submittedAt })
    .from(audits)
    .where(
      and(
        eq(audits.organizationId, organizationId),
        inArray(audits.status, ["waiting", "claimed"]),
        lt(audits.submittedAt, now - slaHours * 3_600_000),
        sql`not ${told}`,
      ),
    )
    .orderBy(asc(audits.submittedAt), asc(audits.id))
    .limit(limit);
}

/**
 * The clean-up's deletes, at most `limit` rows each (every organisation; run passes until each
 * deletes fewer): expired sessions (`sessions_expires_idx`), idle or stale pending (two-factor)
 * sessions (a scan of the sessions table, which only holds live sessions once this runs), sign-in
 * attempts and rate-limit hits that left their window (`login_attempts_at_idx`,
 * `rate_limit_hits_at_idx`). Nothing deleted here is counted by anything any more.
 */
export function cleanupStatements(db: Db, cutoffs: CleanupCutoffs, limit: number) {
  return [
    db
      .delete(sessions)
      .where(
        sql`${sessions.id} in (select ${sessions.id} from ${sessions} where ${sessions.expiresAt} <= ${cutoffs.expiredAt} limit ${limit})`,
      ),
    db
      .delete(sessions)
      .where(
        sql`${sessions.id} in (select ${sessions.id} from ${sessions} where ${sessions.lastSeenAt} <= ${cutoffs.idleSince} or (${sessions.pending} = 'two_factor' and ${sessions.createdAt} <= ${cutoffs.pendingSince}) limit ${limit})`,
      ),
    db
      .delete(loginAttempts)
      .where(
        sql`${loginAttempts.id} in (select ${loginAttempts.id} from ${loginAttempts} where ${loginAttempts.attemptedAt} <= ${cutoffs.loginAttemptsBefore} limit ${limit})`,
      ),
    db
      .delete(rateLimitHits)
      .where(
        sql`${rateLimitHits.id} in (select ${rateLimitHits.id} from ${rateLimitHits} where ${rateLimitHits.at} <= ${cutoffs.rateLimitHitsBefore} limit ${limit})`,
      ),
  ] as const;
}

/**
 * People on the daily digest who may be owed one: no digest handled in the last 12 hours (their
 * next 08:00 is at least 23 hours after the last). The exact rule is `digestDue`, per person.
 * A scan of `users` once a run (there is no index on the mode: the table is small next to
 * what a run reads otherwise); keyset pages by id.
 */
export function digestCandidatesQuery(db: Db, now: number, afterId: string, limit: number) {
  return db
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      timeZone: users.timeZone,
      digestSentAt: users.digestSentAt,
    })
    .from(users)
    .where(
      and(
        eq(users.emailMode, "daily"),
        isNull(users.deletedAt),
        sql`(${users.digestSentAt} is null or ${users.digestSentAt} <= ${now - 12 * 3_600_000})`,
        sql`${users.id} > ${afterId}`,
      ),
    )
    .orderBy(asc(users.id))
    .limit(limit);
}

export type DigestCandidate = Awaited<ReturnType<typeof digestCandidatesQuery>>[number];

/**
 * A person's unread notifications created after `since` and still kept (`cutoff`), in the
 * organisations they are an active member of, newest first: the first `limit`, each with the
 * total. `notifications_user_idx` (organisation, user, created_at) once per membership.
 */
export function digestEntriesQuery(db: Db, userId: string, since: number, cutoff: number, limit: number) {
  return db
    .select({
      organizationId: notifications.organizationId,
      kind: sql<NotificationKind>`${notifications.kind}`.as("kind"),
      payload: notifications.payload,
      total: sql<number>`count(*) over ()`.as("total"),
    })
    .from(notifications)
    .where(
      and(
        sql`${notifications.organizationId} in (select ${memberships.organizationId} from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.status} = 'active')`,
        eq(notifications.userId, userId),
        sql`${notifications.createdAt} > ${since}`,
        sql`${notifications.createdAt} >= ${cutoff}`,
        isNull(notifications.readAt),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/**
 * Marks a person's digest handled at `now`, guarded by the value read (two runs at once: one
 * wins); the digest's email, when there is one, comes right after it (`digestMailStatement`).
 */
export function digestMarkStatement(db: Db, userId: string, old: number | null, now: number) {
  return db
    .update(users)
    .set({ digestSentAt: now })
    .where(and(eq(users.id, userId), sql`${users.digestSentAt} is ${old}`));
}

/**
 * The digest's email to the person's address, written only when the statement just before it
 * (the guarded mark) changed their row: `changes() = 1`. No notification names it (it lists many).
 */
export function digestMailStatement(
  db: Db,
  mail: { userId: string; organizationId: string; subject: string; body: string; now: number },
) {
  const select = db
    .select({
      id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
      organizationId: sql<string>`${mail.organizationId}`.as("organization_id"),
      notificationId: sql<string | null>`null`.as("notification_id"),
      toAddress: users.email,
      subject: sql<string>`${mail.subject}`.as("subject"),
      body: sql<string>`${mail.body}`.as("body"),
      status: sql<"pending">`'pending'`.as("status"),
      attempts: sql<number>`0`.as("attempts"),
      lastError: sql<string | null>`null`.as("last_error"),
      createdAt: sql<number>`${mail.now}`.as("created_at"),
      sentAt: sql<number | null>`null`.as("sent_at"),
    })
    .from(users)
    .where(and(eq(users.id, mail.userId), sql`changes() = 1`));
  return db.insert(mailMessages).select(select);
}
