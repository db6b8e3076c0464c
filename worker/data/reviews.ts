/**
 * Reads and writes of the review workflow (routes/review.ts). A review action costs three D1
 * round trips, session included: `readReviewContext` (the report, its answers, photos, review
 * messages, checklist and the chain's head in ONE batch), then one batch of writes: the guarded
 * UPDATE of the report (`reviewUpdateStatement`), its events, then the rest (answers, messages,
 * roll-ups).
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import {
  answers,
  audits,
  branches,
  checklists,
  checklistVersions,
  evidence,
  organizations,
  reviewMessages,
  rollupScores,
  users,
} from "../../schema";
import type { AuditStatus } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import type { QualityFlagCode } from "../domain/quality-flags";
import type { AuditRow, FullAudit, ReviewMessageRow } from "./audits";
import { DEFAULT_DISPUTE_WINDOW_DAYS, reviewMessagesQuery } from "./audits";
import { type Db, inJsonList, parseJsonColumn } from "./db";
import { auditDisputesQuery, disputeRecordOf } from "./disputes";
import { publicationEarningOf, publicationEarningQuery } from "./earnings";
import { chainHeadOf, chainHeadQuery } from "./events";
import { watchedActionsQuery } from "./publication";

/** Everything a review action needs, read in one round trip. */
export async function readReviewContext(db: Db, organizationId: string, auditId: string) {
  const visitOf = sql`(select ${audits.assignmentId} from ${audits} where ${audits.organizationId} = ${organizationId} and ${audits.id} = ${auditId})`;
  const [
    rows,
    answerRows,
    evidenceRows,
    messageRows,
    refRows,
    headRows,
    settingRows,
    watchedRows,
    disputeRows,
    earningRows,
  ] = await db.batch([
    db
      .select()
      .from(audits)
      .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId)))
      .limit(1),
    db.select().from(answers).where(eq(answers.auditId, auditId)),
    db.select().from(evidence).where(eq(evidence.auditId, auditId)),
    reviewMessagesQuery(db, organizationId, auditId),
    db
      .select({
        regionId: branches.regionId,
        timezone: branches.timezone,
        checklistId: checklistVersions.checklistId,
        document: checklistVersions.document,
      })
      .from(audits)
      .innerJoin(branches, eq(branches.id, audits.branchId))
      .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
      .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId))),
    chainHeadQuery(db, organizationId),
    db
      .select({
        actionsOnCritical: organizations.actionsOnCritical,
        disputeWindowDays: organizations.disputeWindowDays,
        staffNames: organizations.staffNames,
      })
      .from(organizations)
      .where(eq(organizations.id, organizationId)),
    // What a publication judges (data/publication.ts), read with the rest.
    watchedActionsQuery(
      db,
      organizationId,
      sql`(select ${audits.branchId} from ${audits} where ${audits.organizationId} = ${organizationId} and ${audits.id} = ${auditId})`,
    ),
    // The report's disputes, for its body (data/disputes.ts).
    auditDisputesQuery(db, organizationId, auditId),
    // The visit's fee and whether it already earned (a publication makes the earning once).
    publicationEarningQuery(db, organizationId, visitOf),
  ]);
  const row = rows[0];
  const ref = refRows[0];
  if (!row || !ref) return null;
  const settings = settingRows[0] ?? {
    actionsOnCritical: false,
    disputeWindowDays: DEFAULT_DISPUTE_WINDOW_DAYS,
    staffNames: "role_only" as const,
  };
  const full: FullAudit = {
    audit: row,
    answers: answerRows,
    evidence: evidenceRows,
    regionId: ref.regionId,
    messages: messageRows as ReviewMessageRow[],
    disputes: disputeRows.map(disputeRecordOf),
    disputeWindowDays: settings.disputeWindowDays,
    staffNames: settings.staffNames,
  };
  return {
    full,
    timezone: ref.timezone,
    settings,
    watched: watchedRows,
    checklistId: ref.checklistId,
    document: parseJsonColumn<ChecklistDocument>(ref.document),
    head: chainHeadOf(headRows),
    earning: publicationEarningOf(earningRows),
  };
}

export type ReviewContext = NonNullable<Awaited<ReturnType<typeof readReviewContext>>>;

/** The columns a review action may change (`version` moves by itself). */
export type ReviewSet = Partial<
  Pick<
    AuditRow,
    | "status"
    | "claimedBy"
    | "claimedAt"
    | "reviewedBy"
    | "rejectionReason"
    | "publishedAt"
    | "receipt"
    | "score"
    | "criticalFailed"
    | "scoreResult"
  >
>;

/**
 * The guarded UPDATE of a report under review: it changes the row only while it is still at
 * `version`, and moves the version on. Put it FIRST in the batch, before its guarded events.
 */
export function reviewUpdateStatement(db: Db, audit: AuditRow, version: number, set: ReviewSet) {
  return db
    .update(audits)
    .set({ ...set, version: sql`${audits.version} + 1` })
    .where(and(eq(audits.organizationId, audit.organizationId), eq(audits.id, audit.id), eq(audits.version, version)));
}

/** A report's current version (after a guarded write found it moved). */
export async function auditVersion(db: Db, organizationId: string, auditId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: audits.version })
    .from(audits)
    .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId)));
  return row?.version ?? null;
}

/** Writes one answer (a reviewer's edit), replacing the stored one. */
export function upsertAnswerStatement(db: Db, row: typeof answers.$inferInsert) {
  return db
    .insert(answers)
    .values(row)
    .onConflictDoUpdate({
      target: [answers.auditId, answers.itemKey],
      set: { value: row.value ?? null, na: row.na ?? false, comment: row.comment ?? "", ruling: row.ruling ?? null },
    });
}

/** Stores review messages (questions or replies). */
export function insertMessagesStatement(db: Db, rows: ReviewMessageRow[]) {
  return db.insert(reviewMessages).values(rows);
}

// ---------------------------------------------------------------------------------------------
// The review queue

/** The states the queue shows. */
export const QUEUE_STATUSES = ["waiting", "claimed", "returned"] as const satisfies readonly AuditStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueFilter {
  statuses: readonly QueueStatus[];
  branchId?: string;
  regionId?: string;
  checklistId?: string;
  /** Only reports claimed by this reviewer. */
  claimedBy?: string;
  /** Only reports with at least one of these flags (`too_fast` also finds an older `short_visit`). */
  flags?: readonly QualityFlagCode[];
}

export interface QueueCursor {
  submittedAt: number;
  id: string;
  /** Sorted by flags: the number of flags of the last row. */
  flagCount?: number;
}

/** The number of flags a report has (its `flags` JSON array). */
const flagCount = sql<number>`json_array_length(${audits.flags})`;

/** The conditions every queue read shares, past the organisation and state. */
function queueFilterConditions(organizationId: string, filter: QueueFilter): (SQL | undefined)[] {
  const codes = filter.flags?.length
    ? [...filter.flags, ...(filter.flags.includes("too_fast") ? ["short_visit"] : [])]
    : null;
  return [
    filter.branchId ? eq(audits.branchId, filter.branchId) : undefined,
    filter.regionId
      ? sql`${audits.branchId} in (select ${branches.id} from ${branches} where ${branches.organizationId} = ${organizationId} and ${branches.regionId} = ${filter.regionId})`
      : undefined,
    filter.checklistId
      ? sql`${audits.checklistVersionId} in (select ${checklistVersions.id} from ${checklistVersions} where ${checklistVersions.checklistId} = ${filter.checklistId})`
      : undefined,
    filter.claimedBy ? eq(audits.claimedBy, filter.claimedBy) : undefined,
    codes
      ? sql`exists (select 1 from json_each(${audits.flags}) f where json_extract(f.value, '$.code') in (select value from json_each(${JSON.stringify(codes)})))`
      : undefined,
  ];
}

/** The columns of a queue row. */
const queueColumns = {
  id: audits.id,
  status: audits.status,
  version: audits.version,
  branchId: audits.branchId,
  checklistVersionId: audits.checklistVersionId,
  submittedAt: audits.submittedAt,
  claimedBy: audits.claimedBy,
  claimedAt: audits.claimedAt,
  score: audits.score,
  late: audits.late,
  flags: audits.flags,
  flagCount: flagCount.as("flag_count"),
};

/**
 * One state's range of `audits_org_status_idx` (organisation, status, submitted_at, id), from
 * the cursor on, oldest first.
 */
function queueRange(
  db: Db,
  organizationId: string,
  status: QueueStatus,
  filter: QueueFilter,
  after: QueueCursor | null,
) {
  const conditions: (SQL | undefined)[] = [
    eq(audits.organizationId, organizationId),
    eq(audits.status, status),
    after ? sql`(${audits.submittedAt}, ${audits.id}) > (${after.submittedAt}, ${after.id})` : undefined,
    ...queueFilterConditions(organizationId, filter),
  ];
  return db
    .select(queueColumns)
    .from(audits)
    .where(and(...conditions));
}

/**
 * A page of the queue with the most flagged reports first (then oldest first), `limit + 1` rows.
 * No index orders by the number of flags: this reads the states' whole ranges of
 * `audits_org_status_idx` and sorts them (the queue is what waits for review, not the archive).
 */
export function queueByFlagsPageQuery(
  db: Db,
  organizationId: string,
  filter: QueueFilter,
  after: QueueCursor | null,
  limit: number,
) {
  const statuses = filter.statuses.length ? filter.statuses : (["claimed"] as const);
  return db
    .select(queueColumns)
    .from(audits)
    .where(
      and(
        eq(audits.organizationId, organizationId),
        inJsonList(audits.status, statuses),
        after
          ? sql`(-${flagCount}, ${audits.submittedAt}, ${audits.id}) > (${-(after.flagCount ?? 0)}, ${after.submittedAt}, ${after.id})`
          : undefined,
        ...queueFilterConditions(organizationId, filter),
      ),
    )
    .orderBy(sql`${flagCount} desc`, audits.submittedAt, audits.id)
    .limit(filter.statuses.length ? limit + 1 : 0);
}

/**
 * A page of the review queue, oldest first by (submitted_at, id), `limit + 1` rows to tell
 * whether another page follows.
 *
 * Index choice: `status IN (…) ORDER BY submitted_at` would read every row of the three states
 * and sort them. Instead each state is its own range of `audits_org_status_idx` (equality on
 * organisation and status, then already in (submitted_at, id) order, the cursor a seek into it),
 * and the ranges are joined with UNION ALL under one ORDER BY … LIMIT: SQLite merges ordered
 * compound arms as co-routines, pulling one row at a time from whichever arm is next, and stops
 * at the LIMIT. A page reads at most limit + 1 rows plus one look-ahead row per state, within
 * 2 × page size for any page of 3 or more. (Filters are checked on the rows of the range: with a
 * filter the range is read until the page fills.)
 */
export function queuePageQuery(
  db: Db,
  organizationId: string,
  filter: QueueFilter,
  after: QueueCursor | null,
  limit: number,
) {
  // No state asked for (claimed by me, in another state): an empty range, still one statement.
  const statuses = filter.statuses.length ? filter.statuses : (["claimed"] as const);
  const fetch = filter.statuses.length ? limit + 1 : 0;
  const [first, ...rest] = statuses.map((status) => queueRange(db, organizationId, status, filter, after));
  if (!first) throw new Error("queuePageQuery: no status");
  return rest.length
    ? unionAll(first, ...(rest as [typeof first]))
        .orderBy(sql`submitted_at`, sql`id`)
        .limit(fetch)
    : first.orderBy(audits.submittedAt, audits.id).limit(fetch);
}

/**
 * The reviewer's home figures: waiting, overdue (waiting or claimed past the SLA), claimed by
 * `userId`, returned. Each count is one range of `audits_org_status_idx` (the overdue ones a
 * prefix of it), read from the index alone.
 */
export function queueCountsQuery(db: Db, organizationId: string, userId: string, now: number, enabled = true) {
  const sla = sql`(select ${organizations.reviewSlaHours} from ${organizations} where ${organizations.id} = ${organizationId}) * 3600000`;
  // Named columns: inside db.batch drizzle maps result columns by name.
  const count = (name: string, status: QueueStatus, extra?: SQL) =>
    sql<number>`(select count(*) from ${audits} where ${audits.organizationId} = ${organizationId} and ${audits.status} = ${status}${extra ? sql` and ${extra}` : sql``})`.as(
      name,
    );
  return db
    .select({
      waiting: count("waiting_count", "waiting"),
      overdueWaiting: count("overdue_waiting_count", "waiting", sql`${audits.submittedAt} < ${now} - ${sla}`),
      overdueClaimed: count("overdue_claimed_count", "claimed", sql`${audits.submittedAt} < ${now} - ${sla}`),
      claimedByMe: count("claimed_by_me_count", "claimed", eq(audits.claimedBy, userId)),
      returned: count("returned_count", "returned"),
    })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), enabled ? undefined : sql`0`));
}

/** Names for a queue page: branches, checklists (by version) and claimers, each one statement. */
export async function queueNames(
  db: Db,
  organizationId: string,
  ids: { branchIds: string[]; versionIds: string[]; userIds: string[] },
) {
  const [branchRows, checklistRows, userRows] = await db.batch([
    db
      .select({ id: branches.id, code: branches.code, nameEn: branches.nameEn, nameZh: branches.nameZh })
      .from(branches)
      .where(and(eq(branches.organizationId, organizationId), inJsonList(branches.id, ids.branchIds))),
    db
      .select({
        // Both tables have an `id`: inside db.batch one must be aliased (docs/ARCHITECTURE.md).
        versionId: sql<string>`${checklistVersions.id}`.as("version_id"),
        checklistId: checklists.id,
        nameEn: checklists.nameEn,
        nameZh: checklists.nameZh,
      })
      .from(checklistVersions)
      .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
      .where(
        and(eq(checklistVersions.organizationId, organizationId), inJsonList(checklistVersions.id, ids.versionIds)),
      ),
    userNamesQuery(db, ids.userIds),
  ]);
  return {
    branches: new Map(branchRows.map((b) => [b.id, b])),
    checklists: new Map(checklistRows.map((c) => [c.versionId, c])),
    users: new Map(userRows.map((u) => [u.id, u.displayName])),
  };
}

/** Users' display names by id (actors of a timeline). */
export function userNamesQuery(db: Db, userIds: readonly string[]) {
  return db.select({ id: users.id, displayName: users.displayName }).from(users).where(inJsonList(users.id, userIds));
}

/**
 * Every branch's score sums for one month and checklist (all its versions), from the roll-ups
 * only: what the impact preview ranks.
 */
export function periodBranchScoresQuery(db: Db, organizationId: string, month: string, checklistId: string) {
  return db
    .select({
      branchId: rollupScores.branchId,
      scored: sql<number>`sum(${rollupScores.scored})`,
      scoreSum: sql<number>`sum(${rollupScores.scoreSum})`,
    })
    .from(rollupScores)
    .where(
      and(
        eq(rollupScores.organizationId, organizationId),
        eq(rollupScores.month, month),
        eq(rollupScores.checklistId, checklistId),
      ),
    )
    .groupBy(rollupScores.branchId);
}
