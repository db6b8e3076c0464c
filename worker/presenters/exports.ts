/**
 * Rows of the CSV exports (docs/SCORING.md, "Exports"). Column names are stable snake_case
 * so spreadsheets and scripts can rely on them. Nothing here names the shopper.
 */

import { parseJsonColumn } from "../data/db";
import type { AuditExportRow, ItemExportDetails, selectItemExportAudits } from "../data/exports";
import { type ChecklistDocument, listItems } from "../domain/checklists";
import type { ItemOutcome, ScoreResult } from "../domain/scoring";
import { staffNameShown } from "../domain/staff-names";
import { type CsvCell, decimal } from "../lib/csv";

const iso = (ms: number) => new Date(ms).toISOString();

export const AUDIT_COLUMNS = [
  "audit_id",
  "visit_started_at",
  "visit_month",
  "branch_code",
  "branch_name_en",
  "branch_name_zh",
  "region_code",
  "region_name_en",
  "region_name_zh",
  "checklist_name_en",
  "checklist_name_zh",
  "checklist_version",
  "contact",
  "score",
  "critical_failed",
  "late",
  "overall_comment",
  "staff_description",
  "staff_name",
] as const;

/** One `audits.csv` row. */
export function auditCells(row: AuditExportRow): CsvCell[] {
  return [
    row.id,
    iso(row.visitStartedAt),
    row.visitMonth,
    row.branchCode,
    row.branchNameEn,
    row.branchNameZh,
    row.regionCode,
    row.regionNameEn,
    row.regionNameZh,
    row.checklistNameEn,
    row.checklistNameZh,
    row.versionNumber,
    row.contact,
    decimal(row.score, 2),
    row.criticalFailed,
    row.late,
    row.overallComment,
    row.staffDescription,
    staffNameShown(row.staffName, row.staffNames) ?? "",
  ];
}

export const ITEM_COLUMNS = [
  "audit_id",
  "visit_started_at",
  "branch_code",
  "region_code",
  "checklist_name_en",
  "section_key",
  "section_title_en",
  "item_key",
  "item_title_en",
  "item_title_zh",
  "outcome",
  "answer_value",
  "na",
  "comment",
  "photos",
] as const;

type ItemExportAudit = Awaited<ReturnType<typeof selectItemExportAudits>>[number];

/**
 * The `items.csv` rows of one audit: one per item of its checklist version, in document
 * order. The outcome is the stored score result's (`missing` when the result lacks the item).
 */
export function itemCells(audit: ItemExportAudit, doc: ChecklistDocument, details: ItemExportDetails): CsvCell[][] {
  const outcomes = new Map<string, ItemOutcome>();
  for (const section of parseJsonColumn<ScoreResult>(audit.scoreResult).sections) {
    for (const item of section.items) outcomes.set(item.key, item.outcome);
  }
  const answers = details.answers.get(audit.id);
  return listItems(doc).map(({ section, item }) => {
    const answer = answers?.get(item.key);
    return [
      audit.id,
      iso(audit.visitStartedAt),
      audit.branchCode,
      audit.regionCode,
      audit.checklistNameEn,
      section.key,
      section.title.en,
      item.key,
      item.prompt.en,
      item.prompt.zh,
      outcomes.get(item.key) ?? "missing",
      answer?.value,
      answer?.na ?? false,
      answer?.comment ?? "",
      details.photos.get(`${audit.id} ${item.key}`) ?? 0,
    ];
  });
}
