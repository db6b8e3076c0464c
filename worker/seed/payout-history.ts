/**
 * The demo's fees and payouts (docs/PAYOUTS.md): `payoutDemoHistory` is a pure pass over the
 * reviewed history that gives each demo shopper's latest visits a fee (and the store visits a
 * reimbursement cap), so that on `npm start` the pages are not empty:
 * - each shopper's six latest published visits earned their fee: the older three are in ONE
 *   approved payout batch (approved three days ago by the admin, not yet paid), the newer three
 *   are payable; a voided report's earning is withdrawn;
 * - visits still waiting for review carry their fee too (the shopper sees "awaiting review").
 * No expenses: a receipt is a stored photo, which the seed does not write.
 *
 * Mutates `assignments` in place (fees) and returns the rows and events; `seedDemoHistory`
 * writes them in its one batch and chains the events in time order.
 */
import type { EventDraft } from "../domain/trail";
import type { AssignmentInsert, AuditInsert } from "./history";
import type { SeedEvent } from "./review-history";

const DAY = 86_400_000;

/** The demo's fee per visit and cap on reimbursed expenses, in fen. */
export const DEMO_FEES = {
  store: { feeCents: 8000, reimbursementCapCents: 5000 },
  call: { feeCents: 3000, reimbursementCapCents: 0 },
} as const;

/** The id of the demo's approved payout batch. */
export const DEMO_PAYOUT_ID = "00000000-0000-4000-8000-00000000d0e1";

const EARNED_PER_SHOPPER = 6;
const APPROVED_PER_SHOPPER = 3;

export interface PayoutHistoryInput {
  audits: readonly AuditInsert[];
  assignments: AssignmentInsert[];
  organizationId: string;
  adminId: string;
  /** The call-centre checklist's version (its visits are calls: a fee, no cap). */
  callVersionId: string;
  now: number;
}

type Row = Record<string, unknown>;

export interface PayoutHistory {
  events: SeedEvent[];
  earnings: Row[];
  payouts: Row[];
}

const WAITING = new Set(["waiting", "claimed", "returned"]);

export function payoutDemoHistory(input: PayoutHistoryInput): PayoutHistory {
  const { organizationId, adminId, now } = input;
  const assignmentById = new Map(input.assignments.map((a) => [a.id, a]));
  const byShopper = new Map<string, AuditInsert[]>();
  for (const audit of input.audits) byShopper.set(audit.shopperId, [...(byShopper.get(audit.shopperId) ?? []), audit]);
  const events: SeedEvent[] = [];
  const earnings: Row[] = [];
  const approvedAt = now - 3 * DAY;
  const admin = { userId: adminId, role: "admin" };
  const system = (audit: AuditInsert) => ({ userId: audit.shopperId, role: "shopper" });
  const event = (at: number, actor: SeedEvent["actor"], draft: EventDraft): SeedEvent => ({ at, actor, ...draft });
  const taken: Row[] = [];

  for (const audits of byShopper.values()) {
    const newestFirst = [...audits].sort((a, b) => b.visitStartedAt - a.visitStartedAt);
    const fees = (audit: AuditInsert) => {
      const fee = audit.checklistVersionId === input.callVersionId ? DEMO_FEES.call : DEMO_FEES.store;
      const assignment = assignmentById.get(audit.assignmentId);
      if (assignment) Object.assign(assignment, fee);
      return fee;
    };
    for (const audit of newestFirst.filter((a) => WAITING.has(a.status ?? ""))) fees(audit);
    const earned = newestFirst
      .filter((a) => (a.status === "published" || a.status === "voided") && a.publishedAt)
      .slice(0, EARNED_PER_SHOPPER);
    earned.forEach((audit, index) => {
      const fee = fees(audit);
      const publishedAt = audit.publishedAt ?? now;
      const voided = audit.status === "voided";
      const approved = !voided && index >= EARNED_PER_SHOPPER - APPROVED_PER_SHOPPER && publishedAt < approvedAt;
      const row: Row = {
        assignmentId: audit.assignmentId,
        organizationId,
        shopperId: audit.shopperId,
        auditId: audit.id,
        feeCents: fee.feeCents,
        reimbursementCapCents: fee.reimbursementCapCents,
        reimbursementCents: approved ? 0 : null,
        status: voided ? "withdrawn" : approved ? "approved" : "payable",
        payoutId: approved ? DEMO_PAYOUT_ID : null,
        payableAt: publishedAt,
        version: voided || approved ? 2 : 1,
      };
      earnings.push(row);
      if (approved) taken.push(row);
      events.push(
        event(publishedAt, system(audit), {
          type: "earning.payable",
          subject: { type: "earning", id: audit.assignmentId },
          payload: {
            auditId: audit.id,
            shopperId: audit.shopperId,
            feeCents: fee.feeCents,
            reimbursementCapCents: fee.reimbursementCapCents,
          },
        }),
      );
      if (voided) {
        events.push(
          event(Math.min(now, publishedAt + 2 * DAY), admin, {
            type: "earning.withdrawn",
            subject: { type: "earning", id: audit.assignmentId },
            payload: { auditId: audit.id, report: "void" },
          }),
        );
      }
    });
  }

  const payouts: Row[] = [];
  if (taken.length) {
    const shopperIds = [...new Set(taken.map((r) => r.shopperId as string))].sort();
    const feeCents = taken.reduce((n, r) => n + (r.feeCents as number), 0);
    const totals = {
      shopperCount: shopperIds.length,
      visitCount: taken.length,
      feeCents,
      reimbursementCents: 0,
      totalCents: feeCents,
    };
    const note = "Demo: the first batch of the quarter";
    payouts.push({
      id: DEMO_PAYOUT_ID,
      organizationId,
      status: "approved",
      ...totals,
      note,
      approvedBy: adminId,
      approvedAt,
      paidBy: null,
      paidAt: null,
      version: 1,
    });
    events.push(
      event(approvedAt, admin, {
        type: "payout.approved",
        subject: { type: "payout", id: DEMO_PAYOUT_ID },
        payload: { ...totals, shopperIds, note },
      }),
    );
  }
  return { events, earnings, payouts };
}
