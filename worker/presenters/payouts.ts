/** Fees, expenses and payouts as the API shows them (docs/PAYOUTS.md). */
import type { Expense } from "../data/expenses";
import type { PayableEarningRow, PayoutRow } from "../data/payouts";
import { type PayoutLine, reimbursable } from "../domain/payouts";

const iso = (ms: number) => new Date(ms).toISOString();

/** An expense: what was spent, the cap, what a payout would reimburse, the receipt. */
export function presentExpense(expense: Expense) {
  return {
    assignmentId: expense.assignmentId,
    amountCents: expense.amountCents,
    capCents: expense.capCents,
    reimbursableCents: reimbursable(expense.amountCents, expense.capCents),
    receiptSha256: expense.receiptSha256,
    note: expense.note,
    version: expense.version,
    updatedAt: iso(expense.updatedAt),
  };
}

/** A payout batch with who approved and paid it (the organisation's names for them). */
export function presentPayout(row: PayoutRow) {
  return {
    id: row.id,
    status: row.status,
    shopperCount: row.shopperCount,
    visitCount: row.visitCount,
    feeCents: row.feeCents,
    reimbursementCents: row.reimbursementCents,
    totalCents: row.totalCents,
    note: row.note,
    approvedAt: iso(row.approvedAt),
    approvedByName: row.approvedByName ?? null,
    paidAt: row.paidAt === null ? null : iso(row.paidAt),
    paidByName: row.paidByName ?? null,
    version: row.version,
  };
}

/** Payable earnings, one line per shopper (in the order read: by shopper). */
export function payableLines(rows: readonly PayableEarningRow[]): PayoutLine[] {
  const lines = new Map<string, PayoutLine>();
  for (const row of rows) {
    const line = lines.get(row.shopperId) ?? {
      shopperId: row.shopperId,
      name: row.name,
      email: row.email,
      visits: 0,
      feeCents: 0,
      reimbursementCents: 0,
      totalCents: 0,
    };
    const reimbursement = Number(row.reimbursementCents);
    line.visits += 1;
    line.feeCents += row.feeCents;
    line.reimbursementCents += reimbursement;
    line.totalCents += row.feeCents + reimbursement;
    lines.set(row.shopperId, line);
  }
  return [...lines.values()].sort((a, b) => a.name.localeCompare(b.name) || a.shopperId.localeCompare(b.shopperId));
}

/** A payout's lines from `payoutLinesQuery`. */
export function presentPayoutLines(
  rows: ReadonlyArray<{
    shopperId: string;
    name: string;
    email: string;
    visits: number;
    feeCents: number;
    reimbursementCents: number;
  }>,
): PayoutLine[] {
  return rows.map((row) => {
    const feeCents = Number(row.feeCents);
    const reimbursementCents = Number(row.reimbursementCents);
    return {
      shopperId: row.shopperId,
      name: row.name,
      email: row.email,
      visits: Number(row.visits),
      feeCents,
      reimbursementCents,
      totalCents: feeCents + reimbursementCents,
    };
  });
}
