import { describe, expect, it } from "vitest";
import { flagDemoReports, queueHeads } from "../../worker/seed/review-history";

type Row = Parameters<typeof flagDemoReports>[0]["audits"][number];
const row = (id: string, shopperId: string, submittedAt: number) =>
  ({ id, shopperId, submittedAt, checklistVersionId: "v1", flags: [], formSeconds: null }) as unknown as Row;

describe("flagDemoReports", () => {
  it("flags the two reports first in the queue: one too fast (its submission too), one reusing an older photo", () => {
    const audits = [
      row("a0", "sam", 1),
      row("a1", "zhao", 2),
      row("a2", "sam", 3),
      row("a3", "zhao", 4),
      row("a4", "sam", 5),
      row("a5", "sun", 6),
      row("a6", "sam", 7),
    ];
    const submissions: Record<string, { formSeconds?: number }> = Object.fromEntries(audits.map((a) => [a.id, {}]));
    expect(queueHeads(audits, "sam").map((a) => a.id)).toEqual(["a5", "a3", "a2", "a1", "a0"]);
    flagDemoReports({ audits, submissions, scoredItems: () => 30, shopperForReturns: "sam", formSecondsPerItem: 3 });
    const byId = (id: string) => audits.find((a) => a.id === id);
    expect(byId("a5")?.flags).toEqual([{ code: "too_fast", basis: "form", seconds: 30, minimumSeconds: 90 }]);
    expect(byId("a5")?.formSeconds).toBe(30);
    expect(submissions.a5?.formSeconds).toBe(30);
    expect(byId("a3")?.flags).toMatchObject([{ code: "photo_reused", otherAuditId: "a1", distance: 0 }]);
    expect(audits.filter((a) => (a.flags ?? []).length > 0)).toHaveLength(2);
  });
});
