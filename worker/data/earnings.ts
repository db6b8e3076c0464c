/**
 * Earnings (docs/PAYOUTS.md): the fee (and capped reimbursement) a visit earns when its report
 * is published, written in the publication's batch; withdrawn by a void or reshop decision in the
 * decision's batch; and the shopper's own list.
 */
import { and, desc, eq, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { assignments, audits, branches, earnings, expenses, payouts } from "../../schema";
import type { EarningStatus } from "../../schema/enums";
import { earnsOnPublication } from "../domain/payouts";
import type { EventDraft } from "../domain/trail";
import type { Db } from "./db";

/**
 * The visit behind a report as a publication reads it (with the request's other reads): its fee
 * and cap, its shopper, and whether its earning already exists (a re-publication after a reopen).
 */
export function publicationEarningQuery(db: Db, organizationId: string, assignmentId: string | SQL) {
  return db
    .select({
      earningVisitId: sql<string>`${assignments.id}`.as("earning_visit_id"),
      earningShopperId: sql<string>`${assignments.shopperId}`.as("earning_shopper_id"),
      earningFeeCents: sql<number>`${assignments.feeCents}`.as("earning_fee_cents"),
      earningCapCents: sql<number>`${assignments.reimbursementCapCents}`.as("earning_cap_cents"),
      earningExists:
        sql<number>`exists (select 1 from ${earnings} where ${earnings.assignmentId} = ${assignments.id})`.as(
          "earning_exists",
        ),
    })
    .from(assignments)
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, assignmentId)))
    .limit(1);
}

/** What a publication needs to know to make the visit's earning. */
export interface PublicationEarning {
  assignmentId: string;
  shopperId: string;
  feeCents: number;
  reimbursementCapCents: number;
  /** The earning was already made (by an earlier publication of this report). */
  exists: boolean;
}

/** The earning part of `publicationEarningQuery`'s row (null: no such visit). */
export function publicationEarningOf(
  rows: ReadonlyArray<Awaited<ReturnType<typeof publicationEarningQuery>>[number]>,
): PublicationEarning | null {
  const row = rows[0];
  if (!row) return null;
  return {
    assignmentId: row.earningVisitId,
    shopperId: row.earningShopperId,
    feeCents: Number(row.earningFeeCents),
    reimbursementCapCents: Number(row.earningCapCents),
    exists: Boolean(Number(row.earningExists)),
  };
}

/**
 * The earning a publication makes, for its batch: `INSERT … ON CONFLICT DO NOTHING` (a second
 * publication of the report changes nothing) and `earning.payable` only when the earning did
 * not exist when the request read it. That read stays true inside the batch: the only writer
 * of a visit's earning is a publication of its one report, and every publication is guarded by
 * the report's version (a review publish) or is the report's own insert (policy `none`), so
 * no other request can make the earning between the read and this batch without failing it.
 */
export function earningEffects(
  db: Db,
  input: { earning: PublicationEarning | null; auditId: string; organizationId: string; now: number },
): { drafts: EventDraft[]; statements: BatchItem<"sqlite">[] } {
  const { earning } = input;
  if (!earning || !earnsOnPublication(earning)) return { drafts: [], statements: [] };
  const statements: BatchItem<"sqlite">[] = [
    db
      .insert(earnings)
      .values({
        assignmentId: earning.assignmentId,
        organizationId: input.organizationId,
        shopperId: earning.shopperId,
        auditId: input.auditId,
        feeCents: earning.feeCents,
        reimbursementCapCents: earning.reimbursementCapCents,
        reimbursementCents: null,
        status: "payable",
        payoutId: null,
        payableAt: input.now,
        version: 1,
      })
      .onConflictDoNothing(),
  ];
  const drafts: EventDraft[] = earning.exists
    ? []
    : [
        {
          type: "earning.payable",
          subject: { type: "earning", id: earning.assignmentId },
          payload: {
            auditId: input.auditId,
            shopperId: earning.shopperId,
            feeCents: earning.feeCents,
            reimbursementCapCents: earning.reimbursementCapCents,
          },
        },
      ];
  return { drafts, statements };
}

/** A report's earning (for a dispute's decision): its status and version. */
export function auditEarningQuery(db: Db, organizationId: string, auditId: string | SQL) {
  return db
    .select({
      earningVisitId: sql<string>`${earnings.assignmentId}`.as("earning_visit_id"),
      earningStatus: sql<EarningStatus>`${earnings.status}`.as("earning_status"),
      earningVersion: sql<number>`${earnings.version}`.as("earning_version"),
    })
    .from(earnings)
    .where(and(eq(earnings.organizationId, organizationId), eq(earnings.auditId, auditId)))
    .limit(1);
}

export type AuditEarningRow = Awaited<ReturnType<typeof auditEarningQuery>>[number];

/**
 * Withdrawing a payable earning (a void or reshop decision): the UPDATE, guarded by the status
 * and version read. Put it right before its `earning.withdrawn` event appended with `guarded`:
 * a payout that took the earning meanwhile makes the UPDATE change nothing, the guarded event
 * does not fit, and the whole decision fails as stale (retried, it leaves the approved earning).
 */
export function withdrawEarningStatement(db: Db, organizationId: string, earning: AuditEarningRow) {
  return db
    .update(earnings)
    .set({ status: "withdrawn", version: sql`${earnings.version} + 1` })
    .where(
      and(
        eq(earnings.organizationId, organizationId),
        eq(earnings.assignmentId, earning.earningVisitId),
        eq(earnings.status, "payable"),
        eq(earnings.version, earning.earningVersion),
      ),
    );
}

/**
 * A shopper's submitted visits with a fee or a cap, newest visit first: the earning (if the
 * report was published), the expense, the payout's paid time. Only what the shopper's own
 * reports earned; at most `limit` rows.
 */
export function shopperEarningsQuery(db: Db, organizationId: string, shopperId: string, limit: number) {
  return db
    .select({
      assignmentId: assignments.id,
      auditId: sql<string>`${audits.id}`.as("audit_id"),
      auditStatus: sql<string>`${audits.status}`.as("audit_status"),
      branchNameEn: branches.nameEn,
      branchNameZh: branches.nameZh,
      visitStartedAt: audits.visitStartedAt,
      timezone: branches.timezone,
      feeCents: sql<number>`coalesce(${earnings.feeCents}, ${assignments.feeCents})`.as("fee"),
      capCents: sql<number>`coalesce(${earnings.reimbursementCapCents}, ${assignments.reimbursementCapCents})`.as(
        "cap",
      ),
      expenseCents: sql<number | null>`${expenses.amountCents}`.as("expense_cents"),
      reimbursementCents: sql<number | null>`${earnings.reimbursementCents}`.as("reimbursed_cents"),
      earningStatus: sql<EarningStatus | null>`${earnings.status}`.as("earning_status"),
      payoutId: sql<string | null>`${earnings.payoutId}`.as("payout_id"),
      paidAt: sql<number | null>`${payouts.paidAt}`.as("paid_at"),
    })
    .from(assignments)
    .innerJoin(audits, eq(audits.assignmentId, assignments.id))
    .innerJoin(branches, eq(branches.id, assignments.branchId))
    .leftJoin(earnings, eq(earnings.assignmentId, assignments.id))
    .leftJoin(expenses, eq(expenses.assignmentId, assignments.id))
    .leftJoin(payouts, and(eq(payouts.id, earnings.payoutId), eq(payouts.status, "paid")))
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.shopperId, shopperId),
        eq(audits.shopperId, shopperId),
        or(
          isNotNull(earnings.assignmentId),
          sql`${assignments.feeCents} > 0 or ${assignments.reimbursementCapCents} > 0`,
        ),
      ),
    )
    .orderBy(desc(audits.visitStartedAt), desc(assignments.id))
    .limit(limit);
}
