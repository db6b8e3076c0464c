/**
 * Reads and writes of the scheduled job (worker/scheduled.ts), one organisation at a time so
 * every read is a range of an organisation-first index.
 */
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import { actions, audits, branches, memberships, notifications, organizations } from "../../schema";
import type { Db } from "./db";

/** Every organisation, with its review SLA. */
export function organizationsQuery(db: Db) {
  return db
    .select({
      id: organizations.id,
      reviewSlaHours: organizations.reviewSlaHours,
      contactRetentionDays: organizations.contactRetentionDays,
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
