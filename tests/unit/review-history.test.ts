import { describe, expect, it } from "vitest";
import type { AuditStatus } from "../../schema/enums";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";
import { chainEvents, createChainVerifier } from "../../worker/domain/trail";
import { DEMO } from "../../worker/seed/demo";
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
const originalScores = new Map(audits.map((a) => [a.id, a.score]));
const reviewerId = DEMO.users["reviewer@demo.test"] ?? "";
const shopperId = DEMO.users["shopper@demo.test"] ?? "";
const reviewed = reviewDemoHistory({
  audits,
  answers: history.answers,
  documents,
  reviewerId,
  shopperForReturns: shopperId,
  now: NOW,
});

describe("reviewDemoHistory", () => {
  it("publishes almost everything after review and leaves a few reports in each state of the queue", () => {
    const byStatus = new Map<AuditStatus, number>();
    for (const a of audits) byStatus.set(a.status as AuditStatus, (byStatus.get(a.status as AuditStatus) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({
      published: audits.length - 7,
      waiting: 4,
      claimed: 1,
      returned: 1,
      rejected: 1,
    });
    const mine = audits.filter((a) => a.status === "returned" || a.status === "rejected");
    expect(mine.every((a) => a.shopperId === shopperId)).toBe(true);
    expect(audits.find((a) => a.status === "rejected")?.rejectionReason).not.toBe("");
    expect(audits.find((a) => a.status === "claimed")?.claimedBy).toBe(reviewerId);
    expect(reviewed.questions).toHaveLength(1);
  });

  it("corrects about one report in twenty, with a reason, and its score is what the answers give", () => {
    const edits = reviewed.events.filter((e) => e.type === "audit.answer_edited");
    expect(edits.length).toBeGreaterThan(audits.length / 40);
    expect(edits.length).toBeLessThan(audits.length / 10);
    for (const edit of edits) {
      const audit = audits.find((a) => a.id === edit.subject.id);
      expect(audit?.status).toBe("published");
      expect(String(edit.payload.reason)).not.toBe("");
      expect(audit?.submittedScore).toBe(originalScores.get(edit.subject.id));
      const answers: Answer[] = history.answers
        .filter((r) => r.auditId === audit?.id)
        .map((r) => (r.na ? { item: r.itemKey, na: true } : { item: r.itemKey, value: r.value as boolean }));
      const result = scoreAudit(documents[audit?.checklistVersionId ?? ""] as ChecklistDocument, answers);
      expect(audit?.score).toBe(result.score);
      expect(audit?.score).toBeGreaterThan(audit?.submittedScore ?? 100);
    }
  });

  it("writes the trail in time order, every published report with its publication, and the chain verifies", async () => {
    const times = reviewed.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(NOW);
    const published = new Set(reviewed.events.filter((e) => e.type === "audit.published").map((e) => e.subject.id));
    expect(published).toEqual(new Set(audits.filter((a) => a.status === "published").map((a) => a.id)));
    const submitted = reviewed.events.filter((e) => e.type === "audit.submitted");
    expect(submitted).toHaveLength(audits.length);

    const chained = [];
    let head = null;
    for (const event of reviewed.events.slice(0, 500)) {
      const [next] = await chainEvents(head, [event], { organizationId: "o", at: event.at, actor: event.actor });
      if (next) {
        chained.push(next);
        head = next;
      }
    }
    const verifier = createChainVerifier();
    await verifier.push(chained);
    expect(verifier.verdict()).toMatchObject({ ok: true, events: 500, firstBrokenSeq: null });
  });
});
