/**
 * Payout batches (docs/PAYOUTS.md). Approving is ONE guarded batch: the UPDATE takes the payable
 * earnings read (still payable), fixing each one's reimbursement (the expense, capped); the
 * payout row is an INSERT … SELECT over the rows it took, inserted only when they are exactly
 * the ones read (count and sums), and the `payout.approved` event is guarded on that insert.
 * Two approvals at once can never take one fee twice: the second finds the rows gone, inserts
 * no payout, its event does not fit and nothing of it is kept.
 */
import { and, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { earnings, expenses, memberships, organizations, payouts, users } from "../../schema";
import type { Db } from "./db";
import { inJsonList } from "./db";
import { memberName } from "./users";

/** The organisation's currency (ISO 4217). */
export function currencyQuery(db: Db, organizationId: string) {
  return db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
}

/**
 * What a payout reimburses for an earning: its expense, capped (no expense: 0). Qualified by
 * hand: inside an UPDATE drizzle names columns without their table, and the subquery's own
 * `assignment_id` would win.
 */
const reimbursedSql = sql<number>`min(coalesce((select x.amount_cents from ${expenses} x where x.assignment_id = "earnings"."assignment_id"), 0), "earnings"."reimbursement_cap_cents")`;

/**
 * The payable earnings, one row each with its reimbursement as it would be paid now, and the
 * shopper's name and email in the organisation (optionally only `shopperIds`').
 */
export function payableEarningsQuery(db: Db, organizationId: string, shopperIds?: readonly string[]) {
  return db
    .select({
      assignmentId: earnings.assignmentId,
      shopperId: earnings.shopperId,
      name: memberName.as("member_name"),
      email: users.email,
      feeCents: earnings.feeCents,
      reimbursementCents: reimbursedSql.as("reimbursed"),
    })
    .from(earnings)
    .innerJoin(users, eq(users.id, earnings.shopperId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, earnings.shopperId), eq(memberships.organizationId, earnings.organizationId)),
    )
    .where(
      and(
        eq(earnings.organizationId, organizationId),
        eq(earnings.status, "payable"),
        shopperIds ? inJsonList(earnings.shopperId, shopperIds) : undefined,
      ),
    )
    .orderBy(earnings.shopperId, earnings.assignmentId);
}

export type PayableEarningRow = Awaited<ReturnType<typeof payableEarningsQuery>>[number];

/** The organisation's payouts, newest first, with the approver's and payer's names (or one payout). */
export function payoutQuery(db: Db, organizationId: string, payoutId?: string) {
  const approver = alias(users, "approver");
  const payer = alias(users, "payer");
  const approverMembership = alias(memberships, "approver_membership");
  const payerMembership = alias(memberships, "payer_membership");
  const nameOf = (m: SQLiteColumn, u: SQLiteColumn) => sql<string | null>`coalesce(${m}, ${u})`;
  return db
    .select({
      ...getTableColumns(payouts),
      approvedByName: nameOf(approverMembership.displayLabel, approver.displayName).as("approved_by_name"),
      paidByName: nameOf(payerMembership.displayLabel, payer.displayName).as("paid_by_name"),
    })
    .from(payouts)
    .leftJoin(approver, eq(approver.id, payouts.approvedBy))
    .leftJoin(
      approverMembership,
      and(eq(approverMembership.userId, payouts.approvedBy), eq(approverMembership.organizationId, organizationId)),
    )
    .leftJoin(payer, eq(payer.id, payouts.paidBy))
    .leftJoin(
      payerMembership,
      and(eq(payerMembership.userId, payouts.paidBy), eq(payerMembership.organizationId, organizationId)),
    )
    .where(
      and(eq(payouts.organizationId, organizationId), payoutId === undefined ? undefined : eq(payouts.id, payoutId)),
    )
    .orderBy(desc(payouts.approvedAt), desc(payouts.id));
}

export type PayoutRow = Awaited<ReturnType<typeof payoutQuery>>[number];

/** The organisation's payouts, newest first (at most `limit`). */
export function payoutListQuery(db: Db, organizationId: string, limit: number) {
  return payoutQuery(db, organizationId).limit(limit);
}

/** Whether a payout id is taken in ANY organisation (the id is the client's, the key is global). */
export function payoutIdTakenQuery(db: Db, payoutId: string) {
  return db.select({ organizationId: payouts.organizationId }).from(payouts).where(eq(payouts.id, payoutId)).limit(1);
}

/** A payout's lines: one per shopper, from the earnings it took (reimbursements as fixed then). */
export function payoutLinesQuery(db: Db, organizationId: string, payoutId: string) {
  return db
    .select({
      shopperId: earnings.shopperId,
      name: sql<string>`max(${memberName})`.as("member_name"),
      email: sql<string>`max(${users.email})`.as("email"),
      visits: sql<number>`count(*)`.as("visits"),
      feeCents: sql<number>`sum(${earnings.feeCents})`.as("fees"),
      reimbursementCents: sql<number>`sum(coalesce(${earnings.reimbursementCents}, 0))`.as("reimbursements"),
    })
    .from(earnings)
    .innerJoin(users, eq(users.id, earnings.shopperId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, earnings.shopperId), eq(memberships.organizationId, earnings.organizationId)),
    )
    .where(and(eq(earnings.organizationId, organizationId), eq(earnings.payoutId, payoutId)))
    .groupBy(earnings.shopperId)
    .orderBy(sql`max(${memberName})`, earnings.shopperId);
}

/** What an approval expects to take (read first; the batch is refused when it takes anything else). */
export interface ApprovalPlan {
  payoutId: string;
  organizationId: string;
  assignmentIds: readonly string[];
  shopperCount: number;
  visitCount: number;
  feeCents: number;
  reimbursementCents: number;
  note: string;
  approvedBy: string;
  now: number;
}

/**
 * The approval's two statements, in order: the UPDATE taking the planned earnings that are still
 * payable (each one's reimbursement fixed now), then the payout as an INSERT … SELECT of the rows
 * it took, inserted only when they are exactly the plan (so the guarded `payout.approved` after
 * it, with the plan's figures, is true). Put the event right after, appended with `guarded`.
 */
export function approvePayoutStatements(db: Db, plan: ApprovalPlan) {
  const taken: SQL = sql`${earnings.organizationId} = ${plan.organizationId} and ${earnings.payoutId} = ${plan.payoutId}`;
  return [
    db
      .update(earnings)
      .set({
        status: "approved",
        payoutId: plan.payoutId,
        reimbursementCents: reimbursedSql,
        version: sql`${earnings.version} + 1`,
      })
      .where(
        and(
          eq(earnings.organizationId, plan.organizationId),
          eq(earnings.status, "payable"),
          inJsonList(earnings.assignmentId, plan.assignmentIds),
        ),
      ),
    db.insert(payouts).select(
      sql`select ${plan.payoutId}, ${plan.organizationId}, 'approved', count(distinct ${earnings.shopperId}), count(*),
        sum(${earnings.feeCents}), sum(${earnings.reimbursementCents}), sum(${earnings.feeCents}) + sum(${earnings.reimbursementCents}),
        ${plan.note}, ${plan.approvedBy}, ${plan.now}, null, null, 1
        from ${earnings} where ${taken}
        having count(*) = ${plan.visitCount} and count(distinct ${earnings.shopperId}) = ${plan.shopperCount}
          and sum(${earnings.feeCents}) = ${plan.feeCents} and sum(${earnings.reimbursementCents}) = ${plan.reimbursementCents}`,
    ),
  ];
}

/** Marking a payout paid: the guarded UPDATE (only at `version`, only while approved). */
export function markPayoutPaidStatement(
  db: Db,
  organizationId: string,
  payoutId: string,
  version: number,
  by: { userId: string; now: number },
) {
  return db
    .update(payouts)
    .set({ status: "paid", paidBy: by.userId, paidAt: by.now, version: sql`${payouts.version} + 1` })
    .where(
      and(
        eq(payouts.organizationId, organizationId),
        eq(payouts.id, payoutId),
        eq(payouts.version, version),
        eq(payouts.status, "approved"),
      ),
    );
}

/** The payout's earnings become paid (after the guarded UPDATE of the payout, in its batch). */
export function payEarningsStatement(db: Db, organizationId: string, payoutId: string) {
  return db
    .update(earnings)
    .set({ status: "paid", version: sql`${earnings.version} + 1` })
    .where(
      and(
        eq(earnings.organizationId, organizationId),
        eq(earnings.payoutId, payoutId),
        eq(earnings.status, "approved"),
      ),
    );
}

/** The shoppers a payout paid (to notify them). */
export function payoutShopperIdsQuery(db: Db, organizationId: string, payoutId: string) {
  return db
    .selectDistinct({ shopperId: earnings.shopperId })
    .from(earnings)
    .where(and(eq(earnings.organizationId, organizationId), eq(earnings.payoutId, payoutId)));
}
