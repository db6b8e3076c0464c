/**
 * Reads behind complaints next to audits (docs/COMPLAINTS.md): the complaints of a period and
 * scope, and the audits' side from the roll-ups only (worker/data/rollups.ts), never from raw
 * answers. Each function is one statement, so a handler batches them into one round trip; column
 * aliases are unique per statement (drizzle maps batch rows by position).
 */
import { and, asc, between, eq, sql } from "drizzle-orm";
import { branches, checklists, checklistVersions, complaints, regions, rollupItems, rollupScores } from "../../schema";
import type { ComplaintStatus } from "../../schema/enums";
import type { Db } from "./db";
import { branchRowsCondition, checklistCondition, type ScorecardFilter } from "./scorecards";

type Months = { fromMonth: string; toMonth: string };

/** The branches in scope with what the figures need: region, footfall, time zone. */
export function selectFigureBranches(db: Db, filter: ScorecardFilter) {
  return db
    .select({
      id: branches.id,
      code: branches.code,
      nameEn: branches.nameEn,
      nameZh: branches.nameZh,
      regionId: branches.regionId,
      channel: branches.channel,
      timezone: branches.timezone,
      footfallPerMonth: branches.footfallPerMonth,
    })
    .from(branches)
    .where(and(eq(branches.organizationId, filter.organizationId), branchRowsCondition(filter, branches.id)))
    .orderBy(asc(branches.code));
}

/** Every region's names (labels only). */
export function selectFigureRegions(db: Db, organizationId: string) {
  return db
    .select({ id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh })
    .from(regions)
    .where(eq(regions.organizationId, organizationId))
    .orderBy(asc(regions.code));
}

/** The complaint columns the figures read. */
const factColumns = {
  id: complaints.id,
  branchId: complaints.branchId,
  receivedAt: complaints.receivedAt,
  status: complaints.status,
  acknowledgeBy: complaints.acknowledgeBy,
  remedyBy: complaints.remedyBy,
  resolveBy: complaints.resolveBy,
  acknowledgedAt: complaints.acknowledgedAt,
  remedyProposedAt: complaints.remedyProposedAt,
  resolvedAt: complaints.resolvedAt,
  closedAt: complaints.closedAt,
  satisfaction: complaints.satisfaction,
  categories: complaints.categories,
};

/**
 * The complaints of the filter's branches received between two instants (callers widen the
 * period's months by the time zones and keep those whose local month is in it).
 */
export function selectComplaintFacts(db: Db, filter: ScorecardFilter, window: { from: number; to: number }) {
  return db
    .select(factColumns)
    .from(complaints)
    .where(
      and(
        eq(complaints.organizationId, filter.organizationId),
        branchRowsCondition(filter, complaints.branchId),
        between(complaints.receivedAt, window.from, window.to),
      ),
    );
}

/** Published audits per branch over the months, from the branch roll-ups (every checklist in the filter). */
export function selectPublishedAudits(db: Db, filter: ScorecardFilter, months: Months) {
  const t = rollupScores;
  return db
    .select({ branchId: t.branchId, audits: sql<number>`sum(${t.audits})`.mapWith(Number).as("f_audits") })
    .from(t)
    .where(
      and(
        eq(t.organizationId, filter.organizationId),
        between(t.month, months.fromMonth, months.toMonth),
        checklistCondition(t.checklistId, filter.checklistIds),
        branchRowsCondition(filter, t.branchId),
      ),
    )
    .groupBy(t.branchId);
}

/** Item pass and fail counts per branch and item of one checklist over the months, from the roll-ups. */
export function selectChecklistItemCounts(db: Db, filter: ScorecardFilter, checklistId: string, months: Months) {
  const t = rollupItems;
  return db
    .select({
      branchId: t.branchId,
      itemKey: t.itemKey,
      passes: sql<number>`sum(${t.passes})`.mapWith(Number).as("f_passes"),
      fails: sql<number>`sum(${t.fails})`.mapWith(Number).as("f_fails"),
    })
    .from(t)
    .where(
      and(
        eq(t.organizationId, filter.organizationId),
        between(t.month, months.fromMonth, months.toMonth),
        eq(t.checklistId, checklistId),
        branchRowsCondition(filter, t.branchId),
      ),
    )
    .groupBy(t.branchId, t.itemKey);
}

/** The published versions of one checklist, newest first (their documents map items to sections). */
export function selectChecklistVersions(db: Db, organizationId: string, checklistId: string) {
  return db
    .select({
      checklistId: checklistVersions.checklistId,
      number: checklistVersions.number,
      document: checklistVersions.document,
    })
    .from(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.checklistId, checklistId),
        eq(checklistVersions.status, "published"),
      ),
    )
    .orderBy(sql`${checklistVersions.number} desc`);
}

/** The organisation's checklists with a published version (the comparison's picker), store visits first. */
export function selectPublishedChecklists(db: Db, organizationId: string) {
  return db
    .select({ id: checklists.id, channel: checklists.channel, nameEn: checklists.nameEn, nameZh: checklists.nameZh })
    .from(checklists)
    .where(
      and(
        eq(checklists.organizationId, organizationId),
        sql`exists (select 1 from ${checklistVersions} v where v.checklist_id = ${checklists.id} and v.status = 'published')`,
      ),
    )
    .orderBy(sql`${checklists.channel} = 'store' desc`, asc(checklists.nameEn));
}

export interface ExportFilter {
  filter: ScorecardFilter;
  window: { from: number; to: number };
  status?: ComplaintStatus;
}

export type ExportCursor = { receivedAt: number; id: string };

/** One page of complaints for the CSV export, oldest first, with the branch's labels. */
export function selectComplaintExportPage(db: Db, input: ExportFilter, after: ExportCursor | null, limit: number) {
  const { filter, window } = input;
  return db
    .select({
      complaint: complaints,
      branchCode: branches.code,
      branchNameEn: branches.nameEn,
      branchNameZh: branches.nameZh,
      timezone: branches.timezone,
      regionCode: regions.code,
    })
    .from(complaints)
    .innerJoin(branches, eq(branches.id, complaints.branchId))
    .innerJoin(regions, eq(regions.id, branches.regionId))
    .where(
      and(
        eq(complaints.organizationId, filter.organizationId),
        branchRowsCondition(filter, complaints.branchId),
        between(complaints.receivedAt, window.from, window.to),
        input.status ? eq(complaints.status, input.status) : undefined,
        after ? sql`(${complaints.receivedAt}, ${complaints.id}) > (${after.receivedAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(limit);
}
