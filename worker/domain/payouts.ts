/**
 * Fees, expenses and payout batches (docs/PAYOUTS.md): the pure rules. Amounts are integers in
 * the organisation's currency's minor unit ("cents"); nothing here rounds.
 */
import type { EarningStatus } from "../../schema/enums";

/**
 * What a payout reimburses for an expense: the amount spent, at most the visit's cap (no
 * expense: nothing).
 * @example reimbursable(4500, 3000) // 3000
 * @example reimbursable(null, 3000) // 0
 */
export function reimbursable(amountCents: number | null, capCents: number): number {
  if (amountCents === null) return 0;
  return Math.max(0, Math.min(amountCents, capCents));
}

/** Whether a visit earns anything when its report is published: a fee, or expenses to reimburse. */
export function earnsOnPublication(visit: { feeCents: number; reimbursementCapCents: number }): boolean {
  return visit.feeCents > 0 || visit.reimbursementCapCents > 0;
}

/**
 * Why an expense may not be claimed (or changed) now, or null when it may: a visit without a
 * reimbursement cap has nothing to reimburse; once a payout took the earning (approved, paid) or
 * its report was voided (withdrawn) the amount is fixed.
 * @example expenseRefusal({ capCents: 0, earningStatus: null }) // "no_reimbursement"
 */
export function expenseRefusal(input: {
  capCents: number;
  earningStatus: EarningStatus | null;
}): "no_reimbursement" | "expense_locked" | null {
  if (input.capCents <= 0) return "no_reimbursement";
  if (input.earningStatus !== null && input.earningStatus !== "payable") return "expense_locked";
  return null;
}

/** What a shopper sees of one visit's money. */
export type ShopperEarningStatus = "awaiting_review" | EarningStatus;

/**
 * A visit's money as its shopper sees it: the earning's status once the report was published,
 * `awaiting_review` while a submitted report waits for review, null when it earns nothing (a
 * rejected report, or a voided one that never earned).
 * @example shopperEarningStatus(null, "claimed") // "awaiting_review"
 */
export function shopperEarningStatus(
  earningStatus: EarningStatus | null,
  auditStatus: string | null,
): ShopperEarningStatus | null {
  if (earningStatus) return earningStatus;
  if (auditStatus === "waiting" || auditStatus === "claimed" || auditStatus === "returned") return "awaiting_review";
  return null;
}

/**
 * An amount in minor units as major units with two decimals (the payout CSV), without floating
 * point: 123456 → "1234.56", -5 → "-0.05".
 * @example majorUnits(123456) // "1234.56"
 */
export function majorUnits(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** One shopper's line of a payout (or of what is payable now). */
export interface PayoutLine {
  shopperId: string;
  name: string;
  email: string;
  visits: number;
  feeCents: number;
  reimbursementCents: number;
  totalCents: number;
}

/**
 * The totals of some lines.
 * @example payoutTotals([{ visits: 2, feeCents: 100, reimbursementCents: 50, totalCents: 150, … }])
 * // { shoppers: 1, visits: 2, feeCents: 100, reimbursementCents: 50, totalCents: 150 }
 */
export function payoutTotals(lines: readonly PayoutLine[]) {
  return {
    shoppers: lines.length,
    visits: lines.reduce((n, l) => n + l.visits, 0),
    feeCents: lines.reduce((n, l) => n + l.feeCents, 0),
    reimbursementCents: lines.reduce((n, l) => n + l.reimbursementCents, 0),
    totalCents: lines.reduce((n, l) => n + l.totalCents, 0),
  };
}

/** The payout CSV's columns (docs/PAYOUTS.md). */
export const PAYOUT_CSV_HEADER = ["shopper", "email", "visits", "fees", "reimbursements", "total", "currency"] as const;

/**
 * The payout CSV's records after the header: one per shopper, then the totals row (`TOTAL` in
 * the shopper column, the email empty). Text cells are neutralised by the CSV writer.
 * @example payoutCsvRecords([line], "CNY") // [["Li Na", "li@x", 2, "100.00", "30.00", "130.00", "CNY"], ["TOTAL", "", 2, …]]
 */
export function payoutCsvRecords(lines: readonly PayoutLine[], currency: string) {
  const totals = payoutTotals(lines);
  return [
    ...lines.map((l) => [
      l.name,
      l.email,
      l.visits,
      majorUnits(l.feeCents),
      majorUnits(l.reimbursementCents),
      majorUnits(l.totalCents),
      currency,
    ]),
    [
      "TOTAL",
      "",
      totals.visits,
      majorUnits(totals.feeCents),
      majorUnits(totals.reimbursementCents),
      majorUnits(totals.totalCents),
      currency,
    ],
  ];
}
