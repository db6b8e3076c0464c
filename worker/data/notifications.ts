/**
 * Writing in-app notifications (docs/NOTIFICATIONS.md). A notification is written in the SAME
 * batch as the change it tells about, as one INSERT … SELECT over the recipients' active
 * memberships, whatever their number. `dedupe_key` (unique per person) makes a retried write or
 * a scheduled job's second run one row. Never put a shopper's identity or an upcoming visit in
 * a payload that branch staff receive.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { branches, membershipBranches, membershipRegions, memberships, notifications } from "../../schema";
import type { NotificationKind } from "../../schema/enums";
import { type Db, inJsonList } from "./db";

/** Who receives a notification, as the SQL that finds them. */
export type Recipients =
  /** These people (if they are active members of the organisation). */
  | { kind: "users"; userIds: readonly string[] }
  /** The branch's managers and the regional managers of its region. */
  | { kind: "branch_managers"; branchId: string }
  /** The regional managers of the branch's region (escalations). */
  | { kind: "regional_managers"; branchId: string }
  /** Every active reviewer (review SLA breaches). */
  | { kind: "reviewers" };

export interface NotificationDraft {
  organizationId: string;
  kind: NotificationKind;
  subject: { type: string; id: string };
  /** What the bell shows: names and figures, never the shopper's identity to branch staff. */
  payload: Record<string, unknown>;
  /** Unique per person: the same key twice is one notification. */
  dedupeKey: string;
  recipients: Recipients;
  now: number;
}

function recipientCondition(organizationId: string, recipients: Recipients): SQL | undefined {
  const regionOfBranch = (branchId: string) =>
    sql`(select ${branches.regionId} from ${branches} where ${branches.organizationId} = ${organizationId} and ${branches.id} = ${branchId})`;
  const regionalOf = (branchId: string) =>
    and(
      eq(memberships.role, "regional_manager"),
      sql`exists (select 1 from ${membershipRegions} where ${membershipRegions.membershipId} = ${memberships.id} and ${membershipRegions.regionId} = ${regionOfBranch(branchId)})`,
    );
  switch (recipients.kind) {
    case "users":
      return inJsonList(memberships.userId, recipients.userIds);
    case "branch_managers":
      return sql`((${memberships.role} = 'branch_manager' and exists (select 1 from ${membershipBranches} where ${membershipBranches.membershipId} = ${memberships.id} and ${membershipBranches.branchId} = ${recipients.branchId})) or ${regionalOf(recipients.branchId)})`;
    case "regional_managers":
      return regionalOf(recipients.branchId);
    case "reviewers":
      return eq(memberships.role, "reviewer");
  }
}

/**
 * The statement that notifies every recipient once (ids made by SQLite: random, 128 bits).
 * @example db.batch([change, ...notifyStatements(db, { kind: "report_published", recipients: { kind: "branch_managers", branchId }, ... })])
 */
export function notifyStatements(db: Db, draft: NotificationDraft): BatchItem<"sqlite">[] {
  const payload = JSON.stringify(draft.payload);
  const select = db
    .select({
      id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
      organizationId: memberships.organizationId,
      userId: memberships.userId,
      kind: sql<NotificationKind>`${draft.kind}`.as("kind"),
      subjectType: sql<string>`${draft.subject.type}`.as("subject_type"),
      subjectId: sql<string>`${draft.subject.id}`.as("subject_id"),
      payload: sql<Record<string, unknown>>`${payload}`.as("payload"),
      dedupeKey: sql<string>`${draft.dedupeKey}`.as("dedupe_key"),
      createdAt: sql<number>`${draft.now}`.as("created_at"),
      readAt: sql<number | null>`null`.as("read_at"),
    })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, draft.organizationId),
        eq(memberships.status, "active"),
        recipientCondition(draft.organizationId, draft.recipients),
      ),
    );
  return [db.insert(notifications).select(select).onConflictDoNothing()];
}
