/**
 * Rows of `complaints.csv` (docs/COMPLAINTS.md, "Complaints next to audits"). Stable snake_case
 * columns; the customer's contact details only when an admin asked for them (`contact=true`),
 * as the last columns. The phone transcript is never exported.
 */
import type { complaints } from "../../schema";
import { parseJsonColumn } from "../data/db";
import { type ComplaintCategory, pastAnyDeadline } from "../domain/complaint-figures";
import { type CsvCell, decimal } from "../lib/csv";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const COMPLAINT_BASE_COLUMNS = [
  "complaint_id",
  "received_at",
  "branch_code",
  "branch_name_en",
  "branch_name_zh",
  "region_code",
  "channel",
  "product",
  "problem",
  "wants",
  "purchase_date",
  "purchase_place",
  "categories",
  "tags",
  "status",
  "acknowledge_by",
  "acknowledged_at",
  "remedy_by",
  "remedy_proposed_at",
  "remedy_kind",
  "remedy_amount",
  "resolve_by",
  "resolved_at",
  "summary_resolution",
  "past_deadline",
  "follow_up_due",
  "followed_up_at",
  "satisfaction",
  "follow_up_comment",
  "closed_at",
  "close_reason",
] as const;

export const COMPLAINT_CONTACT_COLUMNS = [
  "customer_name",
  "customer_phone",
  "customer_email",
  "contact_consent",
  "contact_erased_at",
] as const;

export interface ComplaintExportRow {
  complaint: typeof complaints.$inferSelect;
  branchCode: string;
  branchNameEn: string;
  branchNameZh: string;
  regionCode: string;
}

/** A category as `checklistId/section` or `checklistId/section/item`. */
const categoryText = (c: ComplaintCategory) => [c.checklistId, c.sectionKey, c.itemKey].filter(Boolean).join("/");

/** One `complaints.csv` row; `now` judges deadlines still running. */
export function complaintCells(row: ComplaintExportRow, withContact: boolean, now: number): CsvCell[] {
  const c = row.complaint;
  const categories = parseJsonColumn<ComplaintCategory[]>(c.categories) ?? [];
  const tags = parseJsonColumn<string[]>(c.tags) ?? [];
  const cells: CsvCell[] = [
    c.id,
    iso(c.receivedAt),
    row.branchCode,
    row.branchNameEn,
    row.branchNameZh,
    row.regionCode,
    c.channel,
    c.product,
    c.problem,
    c.wants,
    c.purchaseDate,
    c.purchasePlace,
    categories.map(categoryText).join("; "),
    tags.join("; "),
    c.status,
    iso(c.acknowledgeBy),
    iso(c.acknowledgedAt),
    iso(c.remedyBy),
    iso(c.remedyProposedAt),
    c.remedyKind,
    c.remedyAmountCents === null ? null : decimal(c.remedyAmountCents / 100, 2),
    iso(c.resolveBy),
    iso(c.resolvedAt),
    c.summaryResolution,
    pastAnyDeadline(c, now),
    iso(c.followUpDue),
    iso(c.followedUpAt),
    c.satisfaction,
    c.followUpComment,
    iso(c.closedAt),
    c.closeReason,
  ];
  if (withContact) {
    cells.push(c.customerName, c.customerPhone, c.customerEmail, c.contactConsent, iso(c.contactErasedAt));
  }
  return cells;
}
