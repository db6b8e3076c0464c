import { describe, expect, it } from "vitest";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { answerOfRow, scoreAudit } from "../../worker/domain/scoring";
import { branchId, DEMO } from "../../worker/seed/demo";
import { disputeDemoHistory } from "../../worker/seed/dispute-history";
import { type AuditInsert, generateDemoHistory } from "../../worker/seed/history";
import { reviewDemoHistory } from "../../worker/seed/review-history";
import { CALL_CENTRE_TEMPLATE, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

const NOW = Date.parse("2026-06-15T04:00:00Z");
const documents: Record<string, ChecklistDocument> = {
  "version-store": STORE_VISIT_TEMPLATE,
  "version-call": CALL_CENTRE_TEMPLATE,
};
const history = generateDemoHistory({
  now: NOW,
  versions: {
    store: { id: "version-store", document: STORE_VISIT_TEMPLATE },
    call_centre: { id: "version-call", document: CALL_CENTRE_TEMPLATE },
  },
});
const audits = history.audits.map((a) => ({ ...a, contentHash: "x" })) as AuditInsert[];
const user = (email: string) => DEMO.users[email] ?? "";
reviewDemoHistory({
  audits,
  answers: history.answers,
  documents,
  reviewerId: user("reviewer@demo.test"),
  shopperForReturns: user("shopper@demo.test"),
  now: NOW,
});
const trust = disputeDemoHistory({
  audits,
  answers: history.answers,
  documents,
  checklistOf: { "version-store": "checklist-store", "version-call": "checklist-call" },
  organizationId: DEMO.organizationId,
  branchId: branchId("BJ-001"),
  otherBranchId: branchId("BJ-002"),
  managerId: user("manager@demo.test"),
  regionalId: user("regional@demo.test"),
  adminId: user("admin@demo.test"),
  reviewerId: user("reviewer@demo.test"),
  branchNames: {
    [branchId("BJ-001")]: { id: branchId("BJ-001"), code: "BJ-001", name: { en: "Wangfujing", zh: "王府井" } },
  },
  now: NOW,
});

describe("disputeDemoHistory", () => {
  it("decides disputes each way, voids one report and leaves one open", () => {
    const outcomes = trust.disputeItems.map((i) => i.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(["overturned", "upheld", "not_applicable"]));
    expect(trust.disputes.filter((d) => d.status === "open")).toHaveLength(1);
    const voided = trust.disputes.find((d) => d.reportOutcome === "void");
    expect(audits.find((a) => a.id === voided?.auditId)?.status).toBe("voided");
  });

  it("rescored every ruled report with the one scoring rule", () => {
    for (const dispute of trust.disputes.filter((d) => d.status === "decided")) {
      const audit = audits.find((a) => a.id === dispute.auditId);
      const rows = history.answers.filter((a) => a.auditId === dispute.auditId);
      const result = scoreAudit(
        documents[audit?.checklistVersionId ?? ""] as ChecklistDocument,
        rows.map((r) => answerOfRow({ itemKey: r.itemKey, value: r.value, na: r.na ?? false, ruling: r.ruling })),
      );
      expect(audit?.score).toBe(result.score);
      if (dispute.reportOutcome !== "void") expect(dispute.scoreAfter).toBe(result.score);
    }
    const overturned = trust.disputeItems.find((i) => i.outcome === "overturned");
    const dispute = trust.disputes.find((d) => d.id === overturned?.disputeId);
    expect(Number(dispute?.scoreAfter)).toBeGreaterThan(Number(dispute?.scoreBefore));
  });

  it("keeps the two newest reports of the branch undecided (one waits for an arbiter); notifications name the branch", () => {
    const decidedAudits = new Set(trust.disputes.filter((d) => d.status === "decided").map((d) => d.auditId));
    const newest = audits
      .filter((a) => a.branchId === branchId("BJ-001") && (a.status === "published" || a.status === "voided"))
      .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))
      .slice(0, 2);
    expect(newest.some((a) => decidedAudits.has(a.id))).toBe(false);
    const mine = trust.notifications.filter(
      (n) => (n.payload as { branchId?: string }).branchId === branchId("BJ-001"),
    );
    expect(mine.length).toBeGreaterThan(0);
    for (const n of mine) expect((n.payload as { branch?: { code: string } }).branch?.code).toBe("BJ-001");
  });

  it("has actions in every state, one overdue and one recurrence, and events in time order", () => {
    const statuses = new Set(trust.actions.map((a) => a.status));
    expect([...statuses].sort()).toEqual(["done", "open", "verified", "verified_by_visit"]);
    const today = new Date(NOW + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(trust.actions.some((a) => a.status === "open" && String(a.dueDate) < today)).toBe(true);
    expect(trust.actions.some((a) => a.recurrences === 1 && a.status === "open")).toBe(true);
    const times = trust.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t <= NOW)).toBe(true);
  });
});
