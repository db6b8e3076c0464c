/**
 * A shopper's expense on a visit (docs/PAYOUTS.md): one per visit, with a receipt photo of
 * theirs, changed with its version until a payout takes the visit's earning.
 */
import { and, eq, sql } from "drizzle-orm";
import { assignments, earnings, expenses, uploads } from "../../schema";
import type { EarningStatus } from "../../schema/enums";
import type { Db } from "./db";

/** A visit as its expense needs it: whose, its status, cap, the expense and the earning's status. */
export function expenseContextQuery(db: Db, organizationId: string, assignmentId: string) {
  return db
    .select({
      assignmentId: assignments.id,
      shopperId: assignments.shopperId,
      assignmentStatus: sql<string>`${assignments.status}`.as("assignment_status"),
      capCents: assignments.reimbursementCapCents,
      amountCents: sql<number | null>`${expenses.amountCents}`.as("amount_cents"),
      receiptSha256: sql<string | null>`${expenses.receiptSha256}`.as("receipt_sha256"),
      note: sql<string | null>`${expenses.note}`.as("note"),
      version: sql<number | null>`${expenses.version}`.as("expense_version"),
      updatedAt: sql<number | null>`${expenses.updatedAt}`.as("expense_updated_at"),
      earningStatus: sql<EarningStatus | null>`${earnings.status}`.as("earning_status"),
    })
    .from(assignments)
    .leftJoin(expenses, eq(expenses.assignmentId, assignments.id))
    .leftJoin(earnings, eq(earnings.assignmentId, assignments.id))
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, assignmentId)))
    .limit(1);
}

export type ExpenseContextRow = Awaited<ReturnType<typeof expenseContextQuery>>[number];

/** The expense of `expenseContextQuery`'s row, or null when none was claimed. */
export function expenseOf(row: ExpenseContextRow) {
  if (row.amountCents === null || row.version === null) return null;
  return {
    assignmentId: row.assignmentId,
    amountCents: Number(row.amountCents),
    capCents: Number(row.capCents),
    receiptSha256: row.receiptSha256 ?? "",
    note: row.note ?? "",
    version: Number(row.version),
    updatedAt: Number(row.updatedAt),
  };
}

export type Expense = NonNullable<ReturnType<typeof expenseOf>>;

/** The visit's earning is no longer payable (a payout took it, or it was withdrawn): the expense is fixed. */
const earningLocked = (assignmentId: string) =>
  sql`exists (select 1 from ${earnings} where ${earnings.assignmentId} = ${assignmentId} and ${earnings.status} <> 'payable')`;

/**
 * The first expense of a visit: inserted only while the visit's earning is not locked and no
 * expense exists (a concurrent first claim inserts nothing). Guard its event on `changes() = 1`.
 */
export function insertExpenseStatement(
  db: Db,
  row: {
    assignmentId: string;
    organizationId: string;
    shopperId: string;
    amountCents: number;
    receiptSha256: string;
    note: string;
    now: number;
  },
) {
  return db
    .insert(expenses)
    .select(
      sql`select ${row.assignmentId}, ${row.organizationId}, ${row.shopperId}, ${row.amountCents}, ${row.receiptSha256}, ${row.note}, ${row.now}, ${row.now}, 1 where not ${earningLocked(row.assignmentId)}`,
    )
    .onConflictDoNothing();
}

/**
 * A change of an expense: only at `version` and while the visit's earning is not locked (so a
 * payout approved meanwhile keeps the amount it took). Guard its event on `changes() = 1`.
 */
export function updateExpenseStatement(
  db: Db,
  row: {
    assignmentId: string;
    organizationId: string;
    amountCents: number;
    receiptSha256: string;
    note: string;
    now: number;
  },
  version: number,
) {
  return db
    .update(expenses)
    .set({
      amountCents: row.amountCents,
      receiptSha256: row.receiptSha256,
      note: row.note,
      updatedAt: row.now,
      version: sql`${expenses.version} + 1`,
    })
    .where(
      and(
        eq(expenses.organizationId, row.organizationId),
        eq(expenses.assignmentId, row.assignmentId),
        eq(expenses.version, version),
        sql`not ${earningLocked(row.assignmentId)}`,
      ),
    );
}

/** The receipt photo of a visit's expense (its stored upload). */
export function receiptUploadQuery(db: Db, organizationId: string, assignmentId: string) {
  return db
    .select({ objectKey: uploads.objectKey, contentType: uploads.contentType, byteSize: uploads.byteSize })
    .from(expenses)
    .innerJoin(
      uploads,
      and(eq(uploads.organizationId, expenses.organizationId), eq(uploads.sha256, expenses.receiptSha256)),
    )
    .where(and(eq(expenses.organizationId, organizationId), eq(expenses.assignmentId, assignmentId)))
    .limit(1);
}
