/**
 * Reads for the CSV exports: published audits in keyset pages, with the names a spreadsheet
 * needs, and per page the answers, photo counts and checklist documents of those audits.
 *
 * Pages follow (visit_month, visit_started_at, id): the visit's local month first, so the
 * `audits_org_month_idx` index (organisation, visit_month) carries both the period filter and
 * the page start, and a page sorts about one month of audits rather than the whole period.
 * Within a month audits come in visit order; the id breaks ties, so every audit comes exactly
 * once however many share a start time.
 *
 * The shopper is never selected: no id, name, email or location leaves these functions.
 * Lists of audit or version ids are bound as one JSON parameter (`json_each`), so a page of
 * 200 audits stays far under D1's 100 bound parameters.
 */
import { and, asc, between, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  answers,
  audits,
  branches,
  checklists,
  checklistVersions,
  evidence,
  organizations,
  regions,
} from "../../schema";
import type { StaffNamePolicy } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import { type Db, inJsonList, parseJsonColumn } from "./db";
import { branchRowsCondition, checklistCondition, type ScorecardFilter } from "./scorecards";

/** Where the next page starts: just after this audit. */
export interface ExportCursor {
  visitMonth: string;
  visitStartedAt: number;
  id: string;
}

/** The cursor after a full page, or null when the page was the last. */
export function nextCursor(rows: readonly ExportCursor[], limit: number): ExportCursor | null {
  const last = rows.at(-1);
  return rows.length === limit && last
    ? { visitMonth: last.visitMonth, visitStartedAt: last.visitStartedAt, id: last.id }
    : null;
}

/** The filter's published audits after `after`, in page order. */
function pageCondition(filter: ScorecardFilter, after: ExportCursor | null): SQL | undefined {
  return and(
    eq(audits.organizationId, filter.organizationId),
    eq(audits.status, "published"),
    // The page start narrows the month range too, so the index seeks straight to it.
    between(audits.visitMonth, after ? after.visitMonth : filter.fromMonth, filter.toMonth),
    after
      ? sql`(${audits.visitMonth}, ${audits.visitStartedAt}, ${audits.id}) > (${after.visitMonth}, ${after.visitStartedAt}, ${after.id})`
      : undefined,
    checklistCondition(checklistVersions.checklistId, filter.checklistIds),
    branchRowsCondition(filter, audits.branchId),
  );
}

const pageOrder = [asc(audits.visitMonth), asc(audits.visitStartedAt), asc(audits.id)];

/** A text column under its own name, so no two selected columns share one (batch-safe). */
const named = (column: SQLiteColumn, name: string) => sql<string>`${column}`.as(name);

/** One page of published audits for `audits.csv`, with branch, region and checklist names. */
export function selectAuditExportPage(db: Db, filter: ScorecardFilter, after: ExportCursor | null, limit: number) {
  return db
    .select({
      id: audits.id,
      visitStartedAt: audits.visitStartedAt,
      visitMonth: audits.visitMonth,
      branchCode: named(branches.code, "branch_code"),
      branchNameEn: named(branches.nameEn, "branch_name_en"),
      branchNameZh: named(branches.nameZh, "branch_name_zh"),
      regionCode: named(regions.code, "region_code"),
      regionNameEn: named(regions.nameEn, "region_name_en"),
      regionNameZh: named(regions.nameZh, "region_name_zh"),
      checklistNameEn: named(checklists.nameEn, "checklist_name_en"),
      checklistNameZh: named(checklists.nameZh, "checklist_name_zh"),
      versionNumber: checklistVersions.number,
      contact: audits.contact,
      score: audits.score,
      criticalFailed: audits.criticalFailed,
      late: audits.late,
      overallComment: audits.overallComment,
      staffDescription: audits.staffDescription,
      staffName: audits.staffName,
      // The organisation's staff-name policy today: the CSV shows `staffName` by it.
      staffNames: sql<StaffNamePolicy>`${organizations.staffNames}`.as("staff_names_policy"),
    })
    .from(audits)
    .innerJoin(organizations, eq(organizations.id, audits.organizationId))
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(regions, eq(regions.id, branches.regionId))
    .where(pageCondition(filter, after))
    .orderBy(...pageOrder)
    .limit(limit);
}

export type AuditExportRow = Awaited<ReturnType<typeof selectAuditExportPage>>[number];

/** One page of published audits for `items.csv`: what each item row repeats, and the stored result. */
export function selectItemExportAudits(db: Db, filter: ScorecardFilter, after: ExportCursor | null, limit: number) {
  return db
    .select({
      id: audits.id,
      visitStartedAt: audits.visitStartedAt,
      visitMonth: audits.visitMonth,
      branchCode: named(branches.code, "branch_code"),
      regionCode: named(regions.code, "region_code"),
      checklistNameEn: named(checklists.nameEn, "checklist_name_en"),
      checklistVersionId: audits.checklistVersionId,
      scoreResult: sql<string>`${audits.scoreResult}`.as("score_result_json"),
    })
    .from(audits)
    .innerJoin(checklistVersions, eq(checklistVersions.id, audits.checklistVersionId))
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(regions, eq(regions.id, branches.regionId))
    .where(pageCondition(filter, after))
    .orderBy(...pageOrder)
    .limit(limit);
}

export interface ExportAnswer {
  auditId: string;
  itemKey: string;
  /** The stored value (true/false, a number, an option key or text); undefined when none. */
  value: boolean | number | string | undefined;
  na: boolean;
  comment: string;
}

export interface ItemExportDetails {
  /** Answers by audit id, then item key. */
  answers: Map<string, Map<string, ExportAnswer>>;
  /** Photo counts by `auditId itemKey`. */
  photos: Map<string, number>;
  /** The documents of the versions asked for. */
  documents: Map<string, ChecklistDocument>;
}

/**
 * The answers and photo counts of `auditIds`, and the documents of `versionIds` (pass only the
 * versions not already read). One D1 round trip.
 */
export async function readItemExportDetails(
  db: Db,
  organizationId: string,
  auditIds: readonly string[],
  versionIds: readonly string[],
): Promise<ItemExportDetails> {
  const [answerRows, photoRows, versionRows] = await db.batch([
    db
      .select({
        auditId: named(answers.auditId, "answer_audit_id"),
        itemKey: named(answers.itemKey, "answer_item_key"),
        valueJson: sql<string | null>`${answers.value}`.as("answer_value_json"),
        na: sql<number>`${answers.na}`.mapWith(Number).as("answer_na"),
        comment: named(answers.comment, "answer_comment"),
      })
      .from(answers)
      .where(inJsonList(answers.auditId, auditIds)),
    db
      .select({
        auditId: named(evidence.auditId, "photo_audit_id"),
        itemKey: named(evidence.itemKey, "photo_item_key"),
        photos: sql<number>`count(*)`.mapWith(Number).as("photo_count"),
      })
      .from(evidence)
      .where(inJsonList(evidence.auditId, auditIds))
      .groupBy(evidence.auditId, evidence.itemKey),
    db
      .select({ id: named(checklistVersions.id, "version_id"), document: checklistVersions.document })
      .from(checklistVersions)
      .where(and(eq(checklistVersions.organizationId, organizationId), inJsonList(checklistVersions.id, versionIds))),
  ]);
  const byAudit = new Map<string, Map<string, ExportAnswer>>();
  for (const row of answerRows) {
    const answer: ExportAnswer = {
      auditId: row.auditId,
      itemKey: row.itemKey,
      value: row.valueJson === null ? undefined : parseJsonColumn<ExportAnswer["value"]>(row.valueJson),
      na: row.na === 1,
      comment: row.comment,
    };
    const forAudit = byAudit.get(row.auditId) ?? new Map<string, ExportAnswer>();
    forAudit.set(row.itemKey, answer);
    byAudit.set(row.auditId, forAudit);
  }
  return {
    answers: byAudit,
    photos: new Map(photoRows.map((r) => [`${r.auditId} ${r.itemKey}`, r.photos])),
    documents: new Map(versionRows.map((r) => [r.id, parseJsonColumn<ChecklistDocument>(r.document)])),
  };
}
