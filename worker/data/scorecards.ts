/**
 * Scorecard reads. Every figure comes from the roll-up tables (worker/data/rollups.ts), never
 * from raw answers: branch views read branch × month rows, organisation and region figures read
 * region × month rows. Each function is one statement so a handler can batch them into one
 * D1 round trip; inside a batch drizzle maps columns by position from rows keyed by name, so
 * every selected column name in a statement is unique.
 */
import { and, asc, between, desc, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  audits,
  branches,
  checklists,
  checklistVersions,
  regions,
  rollupItems,
  rollupOrgItems,
  rollupOrgScores,
  rollupOrgSections,
  rollupRegionItems,
  rollupRegionScores,
  type rollupRegionSections,
  rollupScores,
  rollupSections,
} from "../../schema";
import type { Channel } from "../../schema/enums";
import type { BranchScope, RegionScope } from "../domain/policy";
import { ApiError, type FieldError } from "../lib/errors";
import { type Db, inJsonList } from "./db";

/** What a scorecard query is about, resolved and checked against the organisation. */
export interface ScorecardFilter {
  organizationId: string;
  fromMonth: string;
  toMonth: string;
  /** Only these checklists (a checklist or a channel was asked for); undefined = all. */
  checklistIds?: readonly string[];
  regionId?: string;
  branchId?: string;
  /** Which branches the caller may see. */
  branches: BranchScope;
  /** Which regions the caller may see (region-level tables). */
  regions: RegionScope;
}

export interface ChecklistRef {
  id: string;
  channel: Channel;
  name: { en: string; zh: string };
}

/**
 * The organisation's checklists and, when asked, the region: one round trip that both checks
 * the filters (an unknown checklist or region is a 400 naming the field) and turns a channel
 * into the checklists of that channel.
 */
export async function resolveFilterReferences(
  db: Db,
  organizationId: string,
  query: { checklistId?: string; channel?: Channel; regionId?: string },
  regionVisible: (region: { id: string; holdsBranchOf: boolean }) => boolean,
  /** A branch manager's branches: their region counts as in scope (`holdsBranchOf`). */
  managedBranchIds: readonly string[] = [],
): Promise<{ checklists: ChecklistRef[]; checklistIds?: string[] }> {
  const [checklistRows, regionRows] = await db.batch([
    db
      .select({ id: checklists.id, channel: checklists.channel, nameEn: checklists.nameEn, nameZh: checklists.nameZh })
      .from(checklists)
      .where(eq(checklists.organizationId, organizationId))
      .orderBy(asc(checklists.nameEn)),
    db
      .select({
        id: regions.id,
        // Spelled out: drizzle leaves column names unqualified in a one-table select list.
        holdsBranchOf: sql<number>`exists (select 1 from branches b where b.region_id = regions.id
          and b.id in (select value from json_each(${JSON.stringify(managedBranchIds)})))`,
      })
      .from(regions)
      .where(and(eq(regions.organizationId, organizationId), eq(regions.id, query.regionId ?? "")))
      .limit(1),
  ]);
  const errors: FieldError[] = [];
  if (query.checklistId && !checklistRows.some((c) => c.id === query.checklistId)) {
    errors.push({ path: "checklistId", code: "unknown_reference", message: "No such checklist in this organisation" });
  }
  // A region outside the caller's scope is as unknown as one that does not exist.
  const region = regionRows[0];
  if (query.regionId && (!region || !regionVisible({ id: region.id, holdsBranchOf: Boolean(region.holdsBranchOf) }))) {
    errors.push({ path: "regionId", code: "unknown_reference", message: "No such region in your scope" });
  }
  if (errors.length) throw new ApiError("validation_failed", "Some filters are not valid", { errors });
  const refs = checklistRows.map((c) => ({ id: c.id, channel: c.channel, name: { en: c.nameEn, zh: c.nameZh } }));
  const picked = refs.filter(
    (c) => (!query.checklistId || c.id === query.checklistId) && (!query.channel || c.channel === query.channel),
  );
  const filtered = Boolean(query.checklistId || query.channel);
  return { checklists: refs, checklistIds: filtered ? picked.map((c) => c.id) : undefined };
}

const NOTHING = sql`0`;

export function checklistCondition(column: SQLiteColumn, ids: readonly string[] | undefined): SQL | undefined {
  if (!ids) return undefined;
  return inJsonList(column, ids);
}

/**
 * Which branch-level rows the filter admits. A region (asked for, or the caller's scope) is
 * resolved through a sub-query on branches, so the roll-up's primary key (organisation, branch,
 * month) drives the read and only the branches in scope are touched.
 */
export function branchRowsCondition(filter: ScorecardFilter, branchColumn: SQLiteColumn): SQL | undefined {
  const { organizationId: org, branches: scope } = filter;
  const inRegions = (regionIds: readonly string[]) =>
    regionIds.length
      ? sql`${branchColumn} in (select ${branches.id} from ${branches} where ${branches.organizationId} = ${org} and ${inJsonList(branches.regionId, regionIds)})`
      : NOTHING;
  const conditions: Array<SQL | undefined> = [];
  if (filter.branchId) conditions.push(eq(branchColumn, filter.branchId));
  if (filter.regionId) conditions.push(inRegions([filter.regionId]));
  if (scope.kind === "none") conditions.push(NOTHING);
  if (scope.kind === "branches") conditions.push(inJsonList(branchColumn, scope.branchIds));
  if (scope.kind === "regions") conditions.push(inRegions(scope.regionIds));
  return and(...conditions);
}

function regionRowsCondition(filter: ScorecardFilter, regionColumn: SQLiteColumn): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (filter.regionId) conditions.push(eq(regionColumn, filter.regionId));
  if (filter.regions.kind === "none") conditions.push(NOTHING);
  if (filter.regions.kind === "regions") conditions.push(inJsonList(regionColumn, filter.regions.regionIds));
  return and(...conditions);
}

type Months = { fromMonth: string; toMonth: string };

const scoreSums = (t: typeof rollupScores | typeof rollupRegionScores | typeof rollupOrgScores) => ({
  audits: sql<number>`sum(${t.audits})`.mapWith(Number).as("s_audits"),
  scored: sql<number>`sum(${t.scored})`.mapWith(Number).as("s_scored"),
  scoreSum: sql<number>`sum(${t.scoreSum})`.mapWith(Number).as("s_score_sum"),
  scoreSquares: sql<number>`sum(${t.scoreSquares})`.mapWith(Number).as("s_score_squares"),
  criticalFailed: sql<number>`sum(${t.criticalFailed})`.mapWith(Number).as("s_critical"),
});
const itemSums = (t: typeof rollupItems | typeof rollupRegionItems | typeof rollupOrgItems) => ({
  passes: sql<number>`sum(${t.passes})`.mapWith(Number).as("s_passes"),
  fails: sql<number>`sum(${t.fails})`.mapWith(Number).as("s_fails"),
  nas: sql<number>`sum(${t.nas})`.mapWith(Number).as("s_nas"),
});
const sectionSums = (t: typeof rollupSections | typeof rollupRegionSections | typeof rollupOrgSections) => ({
  scored: sql<number>`sum(${t.scored})`.mapWith(Number).as("s_sec_scored"),
  ratioSum: sql<number>`sum(${t.ratioSum})`.mapWith(Number).as("s_ratio_sum"),
});

/**
 * Whether a filter names its branches (one branch, a region, a manager's scope): then the
 * branch-first primary key should drive the read, not the organisation × month index.
 */
function isBranchDriven(filter: ScorecardFilter): boolean {
  return Boolean(filter.branchId || filter.regionId) || filter.branches.kind !== "all";
}

/** The rows of a roll-up table in the filter's organisation, months and checklists. */
function inPeriod(
  t: { organizationId: SQLiteColumn; month: SQLiteColumn; checklistId: SQLiteColumn },
  filter: ScorecardFilter,
  months: Months,
): SQL | undefined {
  return and(
    eq(t.organizationId, filter.organizationId),
    between(t.month, months.fromMonth, months.toMonth),
    checklistCondition(t.checklistId, filter.checklistIds),
  );
}

/*
 * Every roll-up read below returns one row per month (× branch or region, × item or section),
 * grouped in the order of the index that serves it, so SQLite streams the index without a
 * sorter (a GROUP BY against the index order would read every row twice). The routes pool the
 * months they show (worker/domain/scorecards.ts `poolScores`, `poolItems`).
 */

/** Branch-level score sums per branch and month over `months`. */
export function selectBranchScores(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupScores;
  const query = db
    .select({ branchId: t.branchId, month: t.month, ...scoreSums(t) })
    .from(t)
    .where(and(inPeriod(t, filter, months), branchRowsCondition(filter, t.branchId)));
  // Named branches are read through the branch-first index, everything through the month-first one.
  return isBranchDriven(filter) ? query.groupBy(t.branchId, t.month) : query.groupBy(t.month, t.branchId);
}

/**
 * The league's sums, per branch, for the period and the one before it in one pass over the
 * branch-first covering index: every branch (of the scope) is visited in key order, so the
 * grouping needs no sorter and the answer is one row per branch.
 */
export function selectLeagueScores(db: Db, filter: ScorecardFilter, period: Months & { previous: Months }) {
  const t = rollupScores;
  const current = sql`${t.month} >= ${period.fromMonth}`;
  const sum = (column: SQLiteColumn, alias: string, when: SQL) =>
    sql<number>`coalesce(sum(case when ${when} then ${column} end), 0)`.mapWith(Number).as(alias);
  const sums = (prefix: string, when: SQL) => ({
    audits: sum(t.audits, `${prefix}_audits`, when),
    scored: sum(t.scored, `${prefix}_scored`, when),
    scoreSum: sum(t.scoreSum, `${prefix}_score_sum`, when),
    scoreSquares: sum(t.scoreSquares, `${prefix}_score_squares`, when),
    criticalFailed: sum(t.criticalFailed, `${prefix}_critical`, when),
  });
  const org = filter.organizationId;
  const everyBranch = sql`${t.branchId} in (select ${branches.id} from ${branches} where ${branches.organizationId} = ${org})`;
  return db
    .select({ branchId: t.branchId, current: sums("c", current), previous: sums("p", sql`not (${current})`) })
    .from(t)
    .where(
      and(
        eq(t.organizationId, org),
        isBranchDriven(filter) ? branchRowsCondition(filter, t.branchId) : everyBranch,
        between(t.month, period.previous.fromMonth, period.toMonth),
        checklistCondition(t.checklistId, filter.checklistIds),
      ),
    )
    .groupBy(t.branchId);
}

/** Region-level score sums per region and month of the regions in scope. */
export function selectRegionScores(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupRegionScores;
  return db
    .select({ regionId: t.regionId, month: t.month, ...scoreSums(t) })
    .from(t)
    .where(and(inPeriod(t, filter, months), regionRowsCondition(filter, t.regionId)))
    .groupBy(t.month, t.regionId);
}

/**
 * The whole organisation's score sums per month, whatever the caller's scope: the benchmark
 * shown beside every branch and region.
 */
export function selectOrgScores(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupOrgScores;
  return db
    .select({ month: t.month, ...scoreSums(t) })
    .from(t)
    .where(inPeriod(t, filter, months))
    .groupBy(t.month);
}

/** The whole organisation's item counts per month, checklist and item. */
export function selectOrgItems(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupOrgItems;
  return db
    .select({ month: t.month, checklistId: t.checklistId, itemKey: t.itemKey, ...itemSums(t) })
    .from(t)
    .where(inPeriod(t, filter, months))
    .groupBy(t.month, t.checklistId, t.itemKey);
}

/** Branch-level item counts per branch, month, checklist and item of the filter's branches. */
export function selectBranchItems(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupItems;
  return db
    .select({ branchId: t.branchId, month: t.month, checklistId: t.checklistId, itemKey: t.itemKey, ...itemSums(t) })
    .from(t)
    .where(and(inPeriod(t, filter, months), branchRowsCondition(filter, t.branchId)))
    .groupBy(t.branchId, t.month, t.checklistId, t.itemKey);
}

/** Region-level item counts per month, region, checklist and item of the regions in scope. */
export function selectRegionItems(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupRegionItems;
  return db
    .select({ regionId: t.regionId, month: t.month, checklistId: t.checklistId, itemKey: t.itemKey, ...itemSums(t) })
    .from(t)
    .where(and(inPeriod(t, filter, months), regionRowsCondition(filter, t.regionId)))
    .groupBy(t.month, t.regionId, t.checklistId, t.itemKey);
}

/** Section sums per month of the filtered branches (`level: "branch"`) or the whole organisation. */
export function selectSections(db: Db, filter: ScorecardFilter, months: Months, level: "branch" | "organization") {
  const t = level === "branch" ? rollupSections : rollupOrgSections;
  return db
    .select({ month: t.month, checklistId: t.checklistId, sectionKey: t.sectionKey, ...sectionSums(t) })
    .from(t)
    .where(
      and(
        inPeriod(t, filter, months),
        level === "branch" ? branchRowsCondition(filter, rollupSections.branchId) : undefined,
      ),
    )
    .groupBy(t.month, t.checklistId, t.sectionKey);
}

/** The branches the filter admits, with their region (names for the league and the heatmap). */
export function selectBranchesInScope(db: Db, filter: ScorecardFilter) {
  return db
    .select({
      id: branches.id,
      code: branches.code,
      nameEn: branches.nameEn,
      nameZh: branches.nameZh,
      regionId: branches.regionId,
      active: branches.active,
    })
    .from(branches)
    .where(and(eq(branches.organizationId, filter.organizationId), branchRowsCondition(filter, branches.id)))
    .orderBy(asc(branches.code));
}

/** The regions the filter admits. */
export function selectRegionsInScope(db: Db, filter: ScorecardFilter) {
  return db
    .select({ id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh })
    .from(regions)
    .where(and(eq(regions.organizationId, filter.organizationId), regionRowsCondition(filter, regions.id)))
    .orderBy(asc(regions.code));
}

/**
 * The published versions of the filtered checklists, newest first: their documents name the
 * items and sections the roll-ups count by key.
 */
export function selectVersionDocuments(db: Db, filter: ScorecardFilter) {
  return db
    .select({
      id: checklistVersions.id,
      checklistId: checklistVersions.checklistId,
      number: checklistVersions.number,
      document: checklistVersions.document,
    })
    .from(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, filter.organizationId),
        eq(checklistVersions.status, "published"),
        checklistCondition(checklistVersions.checklistId, filter.checklistIds),
      ),
    )
    .orderBy(desc(checklistVersions.number));
}

/** Audits whose visit month (YYYY-MM, the branch's calendar) lies in the range, both ends included. */
const inMonths = (months: Months) => between(audits.visitMonth, months.fromMonth, months.toMonth);

/**
 * The published audits behind a figure, newest first: of one branch or the filter's branches,
 * optionally only those where `itemKey` had `outcome`. Reads the audits of the branches in
 * scope and the range (a drill-down, not a dashboard). Never returns who the shopper was.
 */
export function selectAuditsBehind(
  db: Db,
  filter: ScorecardFilter,
  months: Months,
  options: { itemKey?: string; outcome?: "pass" | "fail" | "na"; limit: number },
) {
  const outcomes = options.outcome === "fail" ? ["fail", "partial"] : options.outcome ? [options.outcome] : undefined;
  const itemOutcome = options.itemKey
    ? sql<string | null>`(select i.value ->> '$.outcome' from json_each(${audits.scoreResult}, '$.sections') s,
        json_each(s.value, '$.items') i where i.value ->> '$.key' = ${options.itemKey} limit 1)`
    : sql<string | null>`null`;
  return db
    .select({
      id: audits.id,
      branchId: audits.branchId,
      checklistVersionId: audits.checklistVersionId,
      contact: audits.contact,
      visitStartedAt: audits.visitStartedAt,
      visitMonth: audits.visitMonth,
      score: audits.score,
      criticalFailed: audits.criticalFailed,
      itemOutcome: itemOutcome.as("item_outcome"),
      checklistId: checklistVersions.checklistId,
      branchCode: sql<string>`${branches.code}`.as("branch_code"),
      branchNameEn: sql<string>`${branches.nameEn}`.as("branch_name_en"),
      branchNameZh: sql<string>`${branches.nameZh}`.as("branch_name_zh"),
    })
    .from(audits)
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .where(
      and(
        eq(audits.organizationId, filter.organizationId),
        eq(audits.status, "published"),
        inMonths(months),
        checklistCondition(checklistVersions.checklistId, filter.checklistIds),
        branchRowsCondition(filter, audits.branchId),
        outcomes ? inJsonList(itemOutcome, outcomes) : undefined,
      ),
    )
    .orderBy(desc(audits.visitStartedAt), asc(audits.id))
    .limit(options.limit);
}

/** The branch's latest published audit up to the end of the range (any checklist in the filter). */
export function selectLatestAudit(db: Db, filter: ScorecardFilter, toMonth: string) {
  return db
    .select({
      id: audits.id,
      checklistVersionId: audits.checklistVersionId,
      contact: audits.contact,
      visitStartedAt: audits.visitStartedAt,
      score: audits.score,
      criticalFailed: audits.criticalFailed,
    })
    .from(audits)
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .where(
      and(
        eq(audits.organizationId, filter.organizationId),
        eq(audits.branchId, filter.branchId ?? ""),
        eq(audits.status, "published"),
        // The unary + keeps SQLite off the (organisation, month) index, which would walk every
        // audit of the organisation: the (organisation, branch, visit time) index finds the newest at once.
        sql`+${audits.visitMonth} <= ${toMonth}`,
        checklistCondition(checklistVersions.checklistId, filter.checklistIds),
      ),
    )
    .orderBy(desc(audits.visitStartedAt))
    .limit(1);
}

/** Every region's code and names (labels only: what a caller may see is decided by the rows it gets). */
export function selectRegionNames(db: Db, organizationId: string) {
  return db
    .select({ id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh })
    .from(regions)
    .where(eq(regions.organizationId, organizationId));
}
