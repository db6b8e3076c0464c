/** The pure rules of fees and payouts (docs/PAYOUTS.md) and the demo's payout history. */
import { describe, expect, it } from "vitest";
import {
  expenseRefusal,
  majorUnits,
  payoutCsvRecords,
  payoutTotals,
  reimbursable,
  shopperEarningStatus,
} from "../../worker/domain/payouts";
import type { AssignmentInsert, AuditInsert } from "../../worker/seed/history";
import { DEMO_FEES, DEMO_PAYOUT_ID, payoutDemoHistory } from "../../worker/seed/payout-history";

describe("payout rules", () => {
  it("reimburses the expense up to the cap, nothing without one", () => {
    expect(reimbursable(4500, 3000)).toBe(3000);
    expect(reimbursable(1200, 3000)).toBe(1200);
    expect(reimbursable(null, 3000)).toBe(0);
    expect(reimbursable(500, 0)).toBe(0);
  });

  it("refuses an expense without a cap, and once the earning left payable", () => {
    expect(expenseRefusal({ capCents: 0, earningStatus: null })).toBe("no_reimbursement");
    expect(expenseRefusal({ capCents: 100, earningStatus: null })).toBeNull();
    expect(expenseRefusal({ capCents: 100, earningStatus: "payable" })).toBeNull();
    for (const status of ["approved", "paid", "withdrawn"] as const) {
      expect(expenseRefusal({ capCents: 100, earningStatus: status })).toBe("expense_locked");
    }
  });

  it("the shopper's status: the earning's, else awaiting review while in review, else nothing", () => {
    expect(shopperEarningStatus("paid", "voided")).toBe("paid");
    for (const status of ["waiting", "claimed", "returned"])
      expect(shopperEarningStatus(null, status)).toBe("awaiting_review");
    expect(shopperEarningStatus(null, "rejected")).toBeNull();
    expect(shopperEarningStatus(null, "voided")).toBeNull();
  });

  it("major units with two decimals, without floating point", () => {
    expect(majorUnits(0)).toBe("0.00");
    expect(majorUnits(5)).toBe("0.05");
    expect(majorUnits(7550)).toBe("75.50");
    expect(majorUnits(123_456_789)).toBe("1234567.89");
    expect(majorUnits(-5)).toBe("-0.05");
  });

  it("the CSV's lines and its totals row", () => {
    const lines = [
      { shopperId: "a", name: "=A", email: "a@x", visits: 2, feeCents: 100, reimbursementCents: 50, totalCents: 150 },
      { shopperId: "b", name: "B", email: "b@x", visits: 1, feeCents: 1, reimbursementCents: 0, totalCents: 1 },
    ];
    expect(payoutTotals(lines)).toEqual({
      shoppers: 2,
      visits: 3,
      feeCents: 101,
      reimbursementCents: 50,
      totalCents: 151,
    });
    expect(payoutCsvRecords(lines, "HKD")).toEqual([
      ["=A", "a@x", 2, "1.00", "0.50", "1.50", "HKD"],
      ["B", "b@x", 1, "0.01", "0.00", "0.01", "HKD"],
      ["TOTAL", "", 3, "1.01", "0.50", "1.51", "HKD"],
    ]);
  });
});

describe("payoutDemoHistory", () => {
  const DAY = 86_400_000;
  const now = Date.parse("2026-06-30T00:00:00Z");
  const assignments: AssignmentInsert[] = [];
  const audits: AuditInsert[] = [];
  for (const shopperId of ["s1", "s2"]) {
    for (let i = 0; i < 9; i++) {
      const id = `${shopperId}-${i}`;
      assignments.push({
        id,
        organizationId: "o",
        branchId: "b",
        checklistVersionId: i === 0 ? "call" : "store",
        shopperId,
        windowStart: "",
        windowEnd: "",
      });
      const at = now - (i + 1) * 5 * DAY;
      audits.push({
        id: `audit-${id}`,
        organizationId: "o",
        assignmentId: id,
        branchId: "b",
        checklistVersionId: i === 0 ? "call" : "store",
        shopperId,
        status: i === 8 ? "waiting" : shopperId === "s2" && i === 1 ? "voided" : "published",
        contact: "visit",
        visitStartedAt: at,
        visitEndedAt: at + 1000,
        submittedAt: at,
        publishedAt: i === 8 ? null : at,
        contentHash: "",
        criticalFailed: false,
        late: false,
        scoreResult: { score: null, criticalFailed: false, sections: [] } as unknown as AuditInsert["scoreResult"],
      });
    }
  }
  const history = payoutDemoHistory({
    audits,
    assignments,
    organizationId: "o",
    adminId: "admin",
    callVersionId: "call",
    now,
  });

  it("six earnings per shopper: three approved in one batch, the rest payable, a voided one withdrawn", () => {
    const of = (shopperId: string, status: string) =>
      history.earnings.filter((e) => e.shopperId === shopperId && e.status === status).length;
    expect(of("s1", "approved")).toBe(3);
    expect(of("s1", "payable")).toBe(3);
    expect(of("s2", "withdrawn")).toBe(1);
    expect(of("s2", "approved")).toBe(3);
    expect(of("s2", "payable")).toBe(2);
    expect(history.payouts).toEqual([
      expect.objectContaining({
        id: DEMO_PAYOUT_ID,
        status: "approved",
        shopperCount: 2,
        visitCount: 6,
        feeCents: 6 * DEMO_FEES.store.feeCents,
      }),
    ]);
    // The call visit has the call's fee and no cap; the waiting visit has a fee but no earning.
    expect(assignments.find((a) => a.id === "s1-0")).toMatchObject(DEMO_FEES.call);
    expect(assignments.find((a) => a.id === "s1-8")).toMatchObject(DEMO_FEES.store);
    expect(history.earnings.some((e) => e.assignmentId === "s1-8")).toBe(false);
    // One earning.payable per earning, one withdrawal, one approval.
    const types = history.events.map((e) => e.type);
    expect(types.filter((t) => t === "earning.payable")).toHaveLength(12);
    expect(types.filter((t) => t === "earning.withdrawn")).toHaveLength(1);
    expect(types.filter((t) => t === "payout.approved")).toHaveLength(1);
    expect(history.events.every((e) => e.at <= now)).toBe(true);
  });
});
