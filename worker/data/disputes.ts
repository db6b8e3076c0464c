/**
 * Reads and writes of disputes (routes/disputes.ts, docs/DISPUTES.md). Raising and deciding
 * each cost three D1 round trips, session included: one read batch (`readRaiseContext`,
 * `readDecideContext`), then one write batch with the events (`commitChained`).
 *
 * A dispute as the API shows it is one row of `disputeRecords`: the dispute, its items (as
 * one JSON array), the branch's and checklist's labels, the names of who raised and decided
 * it, and what its window needs (the report's publication, the organisation's window), so a
 * list, one dispute and a report's disputes are each ONE statement. Every column name in it is
 * unique (inside db.batch drizzle maps columns by name: docs/ARCHITECTURE.md).
 */
import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  answers,
  assignments,
  audits,
  branches,
  checklists,
  checklistVersions,
  disputeItems,
  disputes,
  evidence,
  memberships,
  organizations,
  uploads,
  users,
} from "../../schema";
import type { AnswerRuling, DisputeStatus, ItemOutcomeDecision, ReportOutcome } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import type { BranchScope } from "../domain/policy";
import { type Db, parseJsonColumn } from "./db";
import { auditEarningQuery } from "./earnings";
import { chainHeadOf, chainHeadQuery } from "./events";
import { scopedBranchCondition } from "./scope";
import { ownUploadsQuery } from "./uploads";

const raiser = alias(users, "raiser");
const decider = alias(users, "decider");

/** A column under its own name, so no two selected columns share one (batch-safe). */
const named = <T>(column: SQLiteColumn | SQL, name: string) => sql<T>`${column}`.as(name);

/** One disputed item as stored (the arbiter's outcome and reason are null until decided). */
export interface DisputeItemRecord {
  itemKey: string;
  reason: string;
  evidence: string | null;
  outcome: ItemOutcomeDecision | null;
  decisionReason: string | null;
}

/** The items of the dispute in the outer query, as one JSON array ordered by item key. */
const itemsJson = sql<string>`(select json_group_array(json_object('itemKey', i.item_key, 'reason', i.reason, 'evidence', i.evidence_sha256, 'outcome', i.outcome, 'decisionReason', i.decision_reason)) from (select * from ${disputeItems} where ${disputeItems.disputeId} = ${disputes.id} order by ${disputeItems.itemKey}) i)`;

/**
 * Disputes with everything their API body shows, filtered by `where` (always include the
 * organisation). The caller orders and limits.
 */
export function disputeRecords(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: disputes.id,
      organizationId: named<string>(disputes.organizationId, "dispute_organization_id"),
      auditId: disputes.auditId,
      branchId: named<string>(disputes.branchId, "dispute_branch_id"),
      shopperId: named<string>(disputes.shopperId, "dispute_shopper_id"),
      status: named<DisputeStatus>(disputes.status, "dispute_status"),
      raisedBy: disputes.raisedBy,
      raisedAt: disputes.raisedAt,
      decidedBy: disputes.decidedBy,
      decidedAt: disputes.decidedAt,
      reportOutcome: disputes.reportOutcome,
      reshopAssignmentId: disputes.reshopAssignmentId,
      scoreBefore: disputes.scoreBefore,
      scoreAfter: disputes.scoreAfter,
      version: named<number>(disputes.version, "dispute_version"),
      regionId: named<string>(branches.regionId, "branch_region_id"),
      branchCode: named<string>(branches.code, "branch_code"),
      branchNameEn: named<string>(branches.nameEn, "branch_name_en"),
      branchNameZh: named<string>(branches.nameZh, "branch_name_zh"),
      branchTimezone: named<string>(branches.timezone, "branch_timezone"),
      checklistId: named<string>(checklists.id, "checklist_id"),
      checklistNameEn: named<string>(checklists.nameEn, "checklist_name_en"),
      checklistNameZh: named<string>(checklists.nameZh, "checklist_name_zh"),
      publishedAt: named<number | null>(audits.publishedAt, "report_published_at"),
      visitStartedAt: named<number>(audits.visitStartedAt, "report_visit_started_at"),
      reviewedBy: named<string | null>(audits.reviewedBy, "report_reviewed_by"),
      windowDays: named<number>(organizations.disputeWindowDays, "window_days"),
      raiserName: named<string>(raiser.displayName, "raiser_name"),
      deciderName: named<string | null>(decider.displayName, "decider_name"),
      items: itemsJson.as("dispute_items_json"),
    })
    .from(disputes)
    .innerJoin(audits, eq(audits.id, disputes.auditId))
    .innerJoin(branches, eq(branches.id, disputes.branchId))
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .innerJoin(organizations, eq(organizations.id, disputes.organizationId))
    .innerJoin(raiser, eq(raiser.id, disputes.raisedBy))
    .leftJoin(decider, eq(decider.id, disputes.decidedBy))
    .where(where);
}

type RawDisputeRecord = Awaited<ReturnType<typeof disputeRecords>>[number];

/** A dispute with its items, its labels and what its window needs. */
export type DisputeRecord = Omit<RawDisputeRecord, "items"> & { items: DisputeItemRecord[] };

/** A row of `disputeRecords` with its items parsed (null members of the JSON stay null). */
export function disputeRecordOf(row: RawDisputeRecord): DisputeRecord {
  return { ...row, items: parseJsonColumn<DisputeItemRecord[]>(row.items) };
}

/** A report's disputes, oldest first (for the report's body). */
export function auditDisputesQuery(db: Db, organizationId: string, auditId: string) {
  return disputeRecords(db, and(eq(disputes.organizationId, organizationId), eq(disputes.auditId, auditId))).orderBy(
    asc(disputes.raisedAt),
    asc(disputes.id),
  );
}

/** One dispute of the organisation. */
export function disputeRecordQuery(db: Db, organizationId: string, id: string) {
  return disputeRecords(db, and(eq(disputes.organizationId, organizationId), eq(disputes.id, id))).limit(1);
}

export interface DisputeFilter {
  status?: DisputeStatus;
  branchId?: string;
  regionId?: string;
}

/**
 * A page of disputes in the actor's branch scope, `limit + 1` rows: newest first, or oldest
 * first for `status=open` (the arbiters' queue). With a status, `disputes_org_status_idx`
 * (organisation, status, raised_at, id) gives the order and the cursor's seek.
 */
export function disputePageQuery(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: DisputeFilter,
  after: { raisedAt: number; id: string } | null,
  limit: number,
) {
  const oldestFirst = filter.status === "open";
  const cursor = after
    ? oldestFirst
      ? sql`(${disputes.raisedAt}, ${disputes.id}) > (${after.raisedAt}, ${after.id})`
      : sql`(${disputes.raisedAt}, ${disputes.id}) < (${after.raisedAt}, ${after.id})`
    : undefined;
  const where = and(
    eq(disputes.organizationId, organizationId),
    filter.status ? eq(disputes.status, filter.status) : undefined,
    scopedBranchCondition(scope, filter, disputes.branchId),
    cursor,
  );
  const order = oldestFirst ? [asc(disputes.raisedAt), asc(disputes.id)] : [desc(disputes.raisedAt), desc(disputes.id)];
  return disputeRecords(db, where)
    .orderBy(...order)
    .limit(limit + 1);
}

// ---------------------------------------------------------------------------------------------
// Raising

/** The report as raising a dispute needs it: where it is, whether and when it was published. */
function reportRefQuery(db: Db, organizationId: string, auditId: string | SQL) {
  return db
    .select({
      id: audits.id,
      status: audits.status,
      branchId: audits.branchId,
      shopperId: audits.shopperId,
      publishedAt: audits.publishedAt,
      scoreResult: audits.scoreResult,
      regionId: named<string>(branches.regionId, "region_id"),
      windowDays: named<number>(organizations.disputeWindowDays, "window_days"),
    })
    .from(audits)
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(organizations, eq(organizations.id, audits.organizationId))
    .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId)))
    .limit(1);
}

/**
 * Everything raising a dispute needs, in ONE round trip: the report, its earlier disputes
 * (whose decided items cannot be disputed again), which of the photos the caller uploaded,
 * and the chain's head.
 */
export async function readRaiseContext(
  db: Db,
  input: { organizationId: string; auditId: string; userId: string; shas: readonly string[] },
) {
  const [reportRows, disputeRows, uploadRows, headRows] = await db.batch([
    reportRefQuery(db, input.organizationId, input.auditId),
    auditDisputesQuery(db, input.organizationId, input.auditId),
    ownUploadsQuery(db, input.organizationId, input.userId, input.shas),
    chainHeadQuery(db, input.organizationId),
  ]);
  const report = reportRows[0];
  return {
    report: report
      ? { ...report, scoreResult: parseJsonColumn<(typeof report)["scoreResult"]>(report.scoreResult) }
      : null,
    disputes: disputeRows.map(disputeRecordOf),
    uploaded: new Set(uploadRows.map((u) => u.sha256)),
    head: chainHeadOf(headRows),
  };
}

/** The statements that store a new dispute and its items. */
export function insertDisputeStatements(
  db: Db,
  dispute: typeof disputes.$inferInsert,
  items: ReadonlyArray<{ itemKey: string; reason: string; evidence?: string }>,
): BatchItem<"sqlite">[] {
  return [
    db.insert(disputes).values(dispute),
    db.insert(disputeItems).values(
      items.map((i) => ({
        disputeId: dispute.id,
        itemKey: i.itemKey,
        reason: i.reason,
        evidenceSha256: i.evidence ?? null,
      })),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Deciding

/**
 * Everything a decision needs, in ONE round trip: the dispute, the report with its answers,
 * branch calendar and checklist document, the checklist's latest published version and the
 * active shoppers with their open visits (for a `reshop`), and the chain's head.
 */
export async function readDecideContext(db: Db, organizationId: string, disputeId: string) {
  const auditOf = sql`(select ${disputes.auditId} from ${disputes} where ${disputes.organizationId} = ${organizationId} and ${disputes.id} = ${disputeId})`;
  const checklistOf = sql`(select ${checklistVersions.checklistId} from ${checklistVersions} where ${checklistVersions.id} = (select ${audits.checklistVersionId} from ${audits} where ${audits.id} = ${auditOf}))`;
  const [disputeRows, auditRows, answerRows, evidenceRows, refRows, latestRows, shopperRows, headRows, earningRows] =
    await db.batch([
      disputeRecordQuery(db, organizationId, disputeId),
      db
        .select()
        .from(audits)
        .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditOf)))
        .limit(1),
      db.select().from(answers).where(eq(answers.auditId, auditOf)),
      db.select().from(evidence).where(eq(evidence.auditId, auditOf)),
      db
        .select({
          timezone: branches.timezone,
          checklistId: checklistVersions.checklistId,
          document: checklistVersions.document,
        })
        .from(audits)
        .innerJoin(branches, eq(branches.id, audits.branchId))
        .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
        .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditOf))),
      db
        .select({ id: checklistVersions.id })
        .from(checklistVersions)
        .where(
          and(
            eq(checklistVersions.organizationId, organizationId),
            eq(checklistVersions.checklistId, checklistOf),
            eq(checklistVersions.status, "published"),
          ),
        )
        .orderBy(desc(checklistVersions.number))
        .limit(1),
      reshopCandidatesQuery(db, organizationId),
      chainHeadQuery(db, organizationId),
      // The report's earning: a void or reshop withdraws it while it is still payable (data/earnings.ts).
      auditEarningQuery(db, organizationId, auditOf),
    ]);
  const record = disputeRows[0];
  const audit = auditRows[0];
  const ref = refRows[0];
  if (!record || !audit || !ref) return null;
  return {
    dispute: disputeRecordOf(record),
    audit,
    answers: answerRows,
    evidence: evidenceRows,
    timezone: ref.timezone,
    checklistId: ref.checklistId,
    document: parseJsonColumn<ChecklistDocument>(ref.document),
    latestVersionId: latestRows[0]?.id ?? null,
    shoppers: shopperRows.map((s) => ({ id: s.id, openVisits: Number(s.openVisits) })),
    head: chainHeadOf(headRows),
    earning: earningRows[0] ?? null,
  };
}

export type DecideContext = NonNullable<Awaited<ReturnType<typeof readDecideContext>>>;

/** Active shoppers of the organisation with how many open visits each has (who may shop again). */
export function reshopCandidatesQuery(db: Db, organizationId: string) {
  return db
    .select({
      id: memberships.userId,
      openVisits:
        sql<number>`(select count(*) from ${assignments} where ${assignments.organizationId} = ${organizationId} and ${assignments.shopperId} = ${memberships.userId} and ${assignments.status} = 'open')`.as(
          "open_visits",
        ),
    })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "shopper"),
        eq(memberships.status, "active"),
      ),
    );
}

/** What a decision sets on the dispute. */
export interface DecisionSet {
  decidedBy: string;
  decidedAt: number;
  reportOutcome: ReportOutcome | null;
  reshopAssignmentId: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
}

/**
 * The guarded UPDATE that decides an open dispute still at `version`: put it FIRST in the batch.
 */
export function decideDisputeStatement(db: Db, organizationId: string, id: string, version: number, set: DecisionSet) {
  return db
    .update(disputes)
    .set({ ...set, status: "decided", version: sql`${disputes.version} + 1` })
    .where(
      and(
        eq(disputes.organizationId, organizationId),
        eq(disputes.id, id),
        eq(disputes.version, version),
        eq(disputes.status, "open"),
      ),
    );
}

/**
 * The UPDATE of the report a decision rescored (and voided): it applies only while the report
 * is still published at `version` AND the statement before it (the dispute's guarded UPDATE)
 * changed its row, so the events after it (guarded on this statement) fit only when both held.
 */
export function ruleReportStatement(
  db: Db,
  audit: { organizationId: string; id: string; version: number },
  set: Partial<typeof audits.$inferInsert>,
) {
  return db
    .update(audits)
    .set({ ...set, version: sql`${audits.version} + 1` })
    .where(
      and(
        sql`changes() = 1`,
        eq(audits.organizationId, audit.organizationId),
        eq(audits.id, audit.id),
        eq(audits.version, audit.version),
        eq(audits.status, "published"),
      ),
    );
}

/** Writes each decided item's outcome and reason. */
export function decideItemStatements(
  db: Db,
  disputeId: string,
  decisions: ReadonlyArray<{ itemKey: string; outcome: ItemOutcomeDecision; reason: string }>,
): BatchItem<"sqlite">[] {
  return decisions.map((d) =>
    db
      .update(disputeItems)
      .set({ outcome: d.outcome, decisionReason: d.reason })
      .where(and(eq(disputeItems.disputeId, disputeId), eq(disputeItems.itemKey, d.itemKey))),
  );
}

/** Sets a ruling on answers (the shopper's value and comment stay as given). */
export function ruleAnswerStatements(
  db: Db,
  auditId: string,
  rulings: ReadonlyArray<{ itemKey: string; ruling: AnswerRuling | null }>,
): BatchItem<"sqlite">[] {
  return rulings.map((r) =>
    db
      .update(answers)
      .set({ ruling: r.ruling })
      .where(and(eq(answers.auditId, auditId), eq(answers.itemKey, r.itemKey))),
  );
}

/** A dispute's current version (after a guarded write found it moved). */
export async function disputeVersion(db: Db, organizationId: string, id: string): Promise<number | null> {
  const [row] = await db
    .select({ version: disputes.version })
    .from(disputes)
    .where(and(eq(disputes.organizationId, organizationId), eq(disputes.id, id)));
  return row?.version ?? null;
}

/** A dispute's photo, if that dispute holds it: where it is stored. */
export function disputePhotoQuery(db: Db, organizationId: string, disputeId: string, sha256: string) {
  return db
    .select(getTableColumns(uploads))
    .from(uploads)
    .where(
      and(
        eq(uploads.organizationId, organizationId),
        eq(uploads.sha256, sha256),
        sql`exists (select 1 from ${disputeItems} where ${disputeItems.disputeId} = ${disputeId} and ${disputeItems.evidenceSha256} = ${sha256})`,
      ),
    )
    .limit(1);
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface FiguresFilter {
  organizationId: string;
  fromMonth: string;
  toMonth: string;
  scope: BranchScope;
  branchId?: string;
}

/**
 * Dispute figures per branch or per shopper over the reports of a period (by the visit's month):
 * reports (published or voided), disputes of those reports, decided items, upheld and
 * overturned items, and the decided disputes' durations (for the median). Plain aggregates,
 * one statement; every group of the scope is a row (zeros included) for branches, and every
 * shopper with a report in the period for shoppers.
 */
export function disputeFiguresQuery(db: Db, groupBy: "branch" | "shopper", filter: FiguresFilter) {
  const org = filter.organizationId;
  const key = groupBy === "branch" ? sql.raw("branch_id") : sql.raw("shopper_id");
  const groupId = groupBy === "branch" ? branches.id : users.id;
  // A report of the period: published or voided (both were seen by the branch), in the branch asked for.
  const period = (alias: string) =>
    sql`${sql.raw(alias)}.organization_id = ${org} and ${sql.raw(alias)}.visit_month between ${filter.fromMonth} and ${filter.toMonth} and ${sql.raw(alias)}.status in ('published', 'voided')${
      filter.branchId ? sql` and ${sql.raw(alias)}.branch_id = ${filter.branchId}` : sql``
    }`;
  const ofGroup = (alias: string) => sql`${sql.raw(alias)}.${key} = ${groupId}`;
  const disputesOf = sql`from ${disputes} d join ${audits} a on a.id = d.audit_id where d.organization_id = ${org} and ${ofGroup("d")} and ${period("a")}`;
  const itemsOf = sql`from ${disputeItems} i join ${disputes} d on d.id = i.dispute_id join ${audits} a on a.id = d.audit_id where d.organization_id = ${org} and ${ofGroup("d")} and ${period("a")}`;
  const figures = {
    reports: sql<number>`(select count(*) from ${audits} a where ${ofGroup("a")} and ${period("a")})`.as("reports"),
    disputes: sql<number>`(select count(*) ${disputesOf})`.as("disputes"),
    items: sql<number>`(select count(*) ${itemsOf} and i.outcome is not null)`.as("items"),
    upheld: sql<number>`(select count(*) ${itemsOf} and i.outcome = 'upheld')`.as("upheld"),
    overturned: sql<number>`(select count(*) ${itemsOf} and i.outcome = 'overturned')`.as("overturned"),
    durations:
      sql<string>`(select json_group_array(d.decided_at - d.raised_at) ${disputesOf} and d.status = 'decided')`.as(
        "durations",
      ),
  };
  if (groupBy === "branch") {
    return db
      .select({
        id: branches.id,
        nameEn: branches.nameEn,
        nameZh: branches.nameZh,
        name: sql<string>`''`.as("person_name"),
        ...figures,
      })
      .from(branches)
      .where(and(eq(branches.organizationId, org), scopedBranchCondition(filter.scope, filter, branches.id)))
      .orderBy(branches.code);
  }
  return db
    .select({
      id: users.id,
      nameEn: sql<string>`''`.as("name_en"),
      nameZh: sql<string>`''`.as("name_zh"),
      name: users.displayName,
      ...figures,
    })
    .from(users)
    .where(sql`${users.id} in (select a.shopper_id from ${audits} a where ${period("a")})`)
    .orderBy(users.displayName, users.id);
}

export type DisputeFiguresRow = Awaited<ReturnType<typeof disputeFiguresQuery>>[number];
