/**
 * Writing in-app notifications (docs/NOTIFICATIONS.md). A notification is written in the SAME
 * batch as the change it tells about, as one INSERT … SELECT over the recipients' active
 * memberships, whatever their number. `dedupe_key` (unique per person) makes a retried write or
 * a scheduled job's second run one row. Never put a shopper's identity or an upcoming visit in
 * a payload that branch staff receive.
 */
import { and, desc, eq, gte, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  actions,
  audits,
  branches,
  disputes,
  mailMessages,
  membershipBranches,
  membershipRegions,
  memberships,
  notifications,
  users,
} from "../../schema";
import type { NotificationKind } from "../../schema/enums";
import { BRANCH_PLACEHOLDER, mailText } from "../domain/notifications";
import type { MailSettings } from "../lib/mail";
import { type Db, inJsonList } from "./db";

/**
 * Which database handles write email with their notifications: set once per request (and per
 * scheduled run) from the Worker's mail settings, so `notifyStatements` needs no extra argument
 * at its call sites. A handle that was never marked writes no email.
 */
const mailing = new WeakMap<Db, { queued: boolean }>();

/**
 * Marks `db` as writing email (when the settings say email is configured) and returns it.
 * @example c.set("db", withMail(getDb(c.env.DB), mailSettings(c.env)))
 */
export function withMail(db: Db, settings: Pick<MailSettings, "configured">): Db {
  if (settings.configured) mailing.set(db, { queued: false });
  else mailing.delete(db);
  return db;
}

/** Whether a statement built with this handle queued email (the request then delivers it). */
export function mailQueued(db: Db): boolean {
  return mailing.get(db)?.queued ?? false;
}

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
 * The branch a notification is about, as SQL: the payload's `branchId`, else its subject's
 * (a report, a dispute or an action all name their branch).
 */
function subjectBranchId(draft: NotificationDraft): SQL | null {
  const { organizationId, subject, payload } = draft;
  if (typeof payload.branchId === "string") return sql`${payload.branchId}`;
  const table = { audit: audits, dispute: disputes, action: actions }[subject.type];
  if (!table) return null;
  return sql`(select ${table.branchId} from ${table} where ${table.organizationId} = ${organizationId} and ${table.id} = ${subject.id})`;
}

/**
 * The payload as stored: the draft's, plus `branch: {id, code, name: {en, zh}}` (as named at
 * the time) unless the draft gave one, so the bell and the email can say where.
 */
function storedPayload(draft: NotificationDraft): SQL {
  const payload = JSON.stringify(draft.payload);
  const branchId = "branch" in draft.payload ? null : subjectBranchId(draft);
  if (!branchId) return sql`${payload}`;
  return sql`json_set(${payload}, '$.branch', json((select json_object('id', ${branches.id}, 'code', ${branches.code}, 'name', json_object('en', ${branches.nameEn}, 'zh', ${branches.nameZh})) from ${branches} where ${branches.organizationId} = ${draft.organizationId} and ${branches.id} = ${branchId})))`;
}

/**
 * One email per notification just written by `draft` (its recipients' whose `emailMode` is
 * `each`, in each one's language, to their address): INSERT … SELECT over the rows of this draft (`dedupe_key`, `created_at`),
 * skipping any that already has its email (a replay at the same instant).
 */
function mailStatement(db: Db, draft: NotificationDraft): BatchItem<"sqlite"> {
  const en = mailText(draft.kind, draft.payload, "en");
  const zh = mailText(draft.kind, draft.payload, "zh");
  const zhReader = sql`${users.locale} = 'zh'`;
  const branchName = sql`coalesce(json_extract(${notifications.payload}, case when ${zhReader} then '$.branch.name.zh' else '$.branch.name.en' end), '')`;
  const localised = (enText: string, zhText: string) =>
    sql`replace(case when ${zhReader} then ${zhText} else ${enText} end, ${BRANCH_PLACEHOLDER}, ${branchName})`;
  const select = db
    .select({
      id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
      organizationId: notifications.organizationId,
      notificationId: sql<string>`${notifications.id}`.as("notification_id"),
      toAddress: users.email,
      subject: sql<string>`${localised(en.subject, zh.subject)}`.as("subject"),
      body: sql<string>`${localised(en.body, zh.body)}`.as("body"),
      status: sql<"pending">`'pending'`.as("status"),
      attempts: sql<number>`0`.as("attempts"),
      lastError: sql<string | null>`null`.as("last_error"),
      createdAt: sql<number>`${draft.now}`.as("created_at"),
      sentAt: sql<number | null>`null`.as("sent_at"),
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        // notifications_created_idx: the rows of this instant only.
        eq(notifications.createdAt, draft.now),
        eq(notifications.organizationId, draft.organizationId),
        eq(notifications.dedupeKey, draft.dedupeKey),
        // A person on the daily digest (or with email off) gets no email per notification.
        eq(users.emailMode, "each"),
        // mail_messages_org_idx (organisation, created_at): the same instant's mail only.
        sql`not exists (select 1 from ${mailMessages} where ${mailMessages.organizationId} = ${draft.organizationId} and ${mailMessages.createdAt} = ${draft.now} and ${mailMessages.notificationId} = ${notifications.id})`,
      ),
    );
  return db.insert(mailMessages).select(select);
}

/**
 * The statements that notify every recipient once (ids made by SQLite: random, 128 bits), and,
 * when the handle writes email (`withMail`), one email per new notification.
 * @example db.batch([change, ...notifyStatements(db, { kind: "report_published", recipients: { kind: "branch_managers", branchId }, ... })])
 */
export function notifyStatements(db: Db, draft: NotificationDraft): BatchItem<"sqlite">[] {
  const payload = storedPayload(draft);
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
  const insert = db.insert(notifications).select(select).onConflictDoNothing();
  const mail = mailing.get(db);
  if (!mail) return [insert];
  mail.queued = true;
  return [insert, mailStatement(db, draft)];
}

/** Where the next page of a person's notifications starts: just after (older than) this one. */
export interface NotificationCursor {
  createdAt: number;
  id: string;
}

/** The person's own notifications kept at `cutoff` (retention), whether only unread ones. */
function ownCondition(organizationId: string, userId: string, cutoff: number, unreadOnly: boolean) {
  return and(
    eq(notifications.organizationId, organizationId),
    eq(notifications.userId, userId),
    gte(notifications.createdAt, cutoff),
    unreadOnly ? isNull(notifications.readAt) : undefined,
  );
}

/**
 * A page of the person's notifications, newest first, from `after` on (one row more than
 * `limit`, to know whether there is a next page). `notifications_user_idx` (organisation,
 * user, created_at) carries the filter, the retention cut and the order.
 */
export function notificationPageQuery(
  db: Db,
  input: {
    organizationId: string;
    userId: string;
    cutoff: number;
    unreadOnly: boolean;
    after: NotificationCursor | null;
    limit: number;
  },
) {
  const { after } = input;
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(
        ownCondition(input.organizationId, input.userId, input.cutoff, input.unreadOnly),
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
}

export type NotificationRow = Awaited<ReturnType<typeof notificationPageQuery>>[number];

/** How many of the person's kept notifications are unread (a range of `notifications_user_idx`). */
export function unreadCountQuery(db: Db, organizationId: string, userId: string, cutoff: number) {
  return db
    .select({ unread: sql<number>`count(*)`.as("unread") })
    .from(notifications)
    .where(ownCondition(organizationId, userId, cutoff, true));
}

/**
 * Marks the person's own notifications read: `ids` (anyone else's id changes nothing), or all.
 * Already read ones keep their first reading time.
 */
export function markReadStatement(
  db: Db,
  input: { organizationId: string; userId: string; ids: readonly string[] | "all"; now: number },
) {
  return db
    .update(notifications)
    .set({ readAt: input.now })
    .where(
      and(
        eq(notifications.organizationId, input.organizationId),
        eq(notifications.userId, input.userId),
        isNull(notifications.readAt),
        input.ids === "all" ? undefined : inJsonList(notifications.id, input.ids),
      ),
    );
}

/**
 * Deletes up to `limit` emails and up to `limit` notifications older than `cutoff` (every
 * organisation; an email is as old as its notification and names it, so emails go first and a
 * notification still named by one waits for the next pass). Run passes until both delete fewer
 * than `limit` (the `changes` of each statement). `mail_messages_status_idx` and
 * `notifications_created_idx` find the rows; the check uses `mail_messages_org_idx`.
 */
export function purgeStatements(db: Db, cutoff: number, limit: number) {
  const oldMail = sql`(select ${mailMessages.id} from ${mailMessages} where ${mailMessages.status} in ('pending', 'sent', 'failed') and ${mailMessages.createdAt} < ${cutoff} limit ${limit})`;
  const oldNotifications = sql`(select n.id from ${notifications} n where n.created_at < ${cutoff} and not exists (select 1 from ${mailMessages} m where m.organization_id = n.organization_id and m.created_at = n.created_at and m.notification_id = n.id) limit ${limit})`;
  return [
    db.delete(mailMessages).where(sql`${mailMessages.id} in ${oldMail}`),
    db.delete(notifications).where(sql`${notifications.id} in ${oldNotifications}`),
  ] as const;
}
