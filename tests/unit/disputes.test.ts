/** The pure rules of disputes (worker/domain/disputes.ts): window, items, arbiters, rulings, reshop, figures. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "../../schema/enums";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import {
  applyRulings,
  arbiterStanding,
  checkDecisions,
  checkDisputeItems,
  countsAfterDecision,
  disputableItems,
  disputeStanding,
  disputeView,
  disputeWindowEnd,
  disputeWindowOpen,
  median,
  reshopShopper,
  rulingOf,
  shownAsPublished,
} from "../../worker/domain/disputes";
import type { Actor } from "../../worker/domain/policy";
import { answerOfRow, scoreAudit } from "../../worker/domain/scoring";

const DAY = 86_400_000;
const T = Date.parse("2026-03-01T02:00:00Z");

function yesNo(key: string, weight: number, naAllowed = false) {
  return {
    key,
    kind: "yes_no" as const,
    prompt: { en: key, zh: key },
    guidance: { en: "", zh: "" },
    weight,
    critical: "none" as const,
    naAllowed,
    evidenceOnFail: "none" as const,
  };
}

/** A: a1 (w1), a2 (w1), a3 (w2, N/A allowed), z (w0); B: b1, b2 (w1); a note item. */
const doc: ChecklistDocument = {
  name: { en: "Disputes", zh: "申诉" },
  channel: "store",
  sections: [
    {
      key: "A",
      title: { en: "A", zh: "甲" },
      weight: 1,
      items: [yesNo("a1", 1), yesNo("a2", 1), yesNo("a3", 2, true), yesNo("z", 0)],
    },
    {
      key: "B",
      title: { en: "B", zh: "乙" },
      weight: 1,
      items: [
        yesNo("b1", 1),
        yesNo("b2", 1),
        {
          key: "note",
          kind: "text",
          prompt: { en: "Note", zh: "备注" },
          guidance: { en: "", zh: "" },
          weight: 0,
          critical: "none",
          naAllowed: false,
          evidenceOnFail: "none",
        },
      ],
    },
  ],
};

const rows = [
  { itemKey: "a1", value: true, na: false, ruling: null },
  { itemKey: "a2", value: false, na: false, ruling: null },
  { itemKey: "a3", value: false, na: false, ruling: null },
  { itemKey: "z", value: false, na: false, ruling: null },
  { itemKey: "b1", value: true, na: false, ruling: null },
  { itemKey: "b2", value: false, na: false, ruling: null },
  { itemKey: "note", value: "ok", na: false, ruling: null },
] as const;

const result = scoreAudit(doc, rows.map(answerOfRow));

function actor(role: Role, userId = "u1"): Actor {
  return { userId, organizationId: "o", role, regionIds: [], branchIds: [] };
}

describe("the window", () => {
  it("is windowDays whole days from publication, its last millisecond included", () => {
    expect(disputeWindowEnd(T, 7)).toBe(T + 7 * DAY);
    expect(disputeWindowOpen(T, 7, T)).toBe(true);
    expect(disputeWindowOpen(T, 7, T + 7 * DAY)).toBe(true);
    expect(disputeWindowOpen(T, 7, T + 7 * DAY + 1)).toBe(false);
    expect(disputeWindowOpen(T, 0, T)).toBe(true);
    expect(disputeWindowOpen(T, 0, T + 1)).toBe(false);
  });

  it("a report never published has no window", () => {
    expect(disputeWindowOpen(null, 7, T)).toBe(false);
  });

  it("open exactly until the end, for any window and moment", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 }), fc.integer({ min: -DAY, max: 400 * DAY }), (days, offset) => {
        expect(disputeWindowOpen(T, days, T + offset)).toBe(offset <= days * DAY);
      }),
    );
  });
});

describe("which items may be disputed", () => {
  it("only items that lost points and carry no ruling (weight-0, unscored and passed items never)", () => {
    expect(disputableItems(result)).toEqual(["a2", "a3", "b2"]);
    const ruled = scoreAudit(doc, applyRulings(rows, [{ itemKey: "a2", outcome: "overturned" }]).map(answerOfRow));
    expect(disputableItems(ruled)).toEqual(["a3", "b2"]);
  });

  it("names each problem at its index: unknown, twice, decided before, did not lose points", () => {
    const problems = checkDisputeItems(
      result,
      [{ itemKey: "a2" }, { itemKey: "nope" }, { itemKey: "a2" }, { itemKey: "b2" }, { itemKey: "a1" }],
      new Set(["b2"]),
    );
    expect(problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      "items[1].itemKey:unknown_reference",
      "items[2].itemKey:taken",
      "items[3].itemKey:not_allowed",
      "items[4].itemKey:not_allowed",
    ]);
    expect(checkDisputeItems(result, [{ itemKey: "a2" }, { itemKey: "a3" }], new Set())).toEqual([]);
  });

  it("the report's standing: disputable items less those an earlier or open dispute names", () => {
    const report = { status: "published" as const, publishedAt: T, scoreResult: result };
    expect(disputeStanding(report, [], 7, T + DAY)).toEqual({
      open: true,
      windowEndsAt: T + 7 * DAY,
      disputable: ["a2", "a3", "b2"],
    });
    const decided = [{ status: "decided" as const, items: [{ itemKey: "b2" }] }];
    expect(disputeStanding(report, decided, 7, T + DAY)).toMatchObject({ open: true, disputable: ["a2", "a3"] });
    const open = [{ status: "open" as const, items: [{ itemKey: "a2" }] }];
    expect(disputeStanding(report, open, 7, T + DAY)).toMatchObject({ open: false, disputable: ["a3", "b2"] });
    expect(disputeStanding(report, [], 7, T + 8 * DAY)).toMatchObject({ open: false });
    expect(disputeStanding({ ...report, status: "voided" }, [], 7, T)).toEqual({
      open: false,
      windowEndsAt: T + 7 * DAY,
      disputable: [],
    });
  });
});

describe("arbitration", () => {
  it("reviewers and admins decide, never the report's own reviewer", () => {
    expect(arbiterStanding(actor("reviewer", "r1"), { reviewedBy: "r2" })).toBe("allow");
    expect(arbiterStanding(actor("admin", "a1"), { reviewedBy: null })).toBe("allow");
    expect(arbiterStanding(actor("reviewer", "r1"), { reviewedBy: "r1" })).toBe("conflict_of_interest");
    expect(arbiterStanding(actor("admin", "r1"), { reviewedBy: "r1" })).toBe("conflict_of_interest");
    for (const role of ["analyst", "regional_manager", "branch_manager", "shopper"] as const) {
      expect(arbiterStanding(actor(role), { reviewedBy: null })).toBe("forbidden");
    }
  });

  it("every disputed item gets exactly one outcome", () => {
    expect(checkDecisions(["a2", "b2"], [{ itemKey: "b2" }, { itemKey: "a2" }])).toEqual([]);
    const problems = checkDecisions(["a2", "b2"], [{ itemKey: "a2" }, { itemKey: "a2" }, { itemKey: "x" }]);
    expect(problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      "items[1].itemKey:taken",
      "items[2].itemKey:unknown_reference",
      "items:required",
    ]);
  });

  it("outcomes become rulings: upheld none, not_applicable N/A, overturned met", () => {
    expect(rulingOf("upheld")).toBeNull();
    expect(rulingOf("not_applicable")).toBe("not_applicable");
    expect(rulingOf("overturned")).toBe("met");
  });

  it("applyRulings changes only decided items' rulings, never values", () => {
    const next = applyRulings(rows, [
      { itemKey: "a2", outcome: "overturned" },
      { itemKey: "a3", outcome: "not_applicable" },
      { itemKey: "b2", outcome: "upheld" },
    ]);
    expect(next.map((r) => [r.itemKey, r.value, r.ruling])).toEqual([
      ["a1", true, null],
      ["a2", false, "met"],
      ["a3", false, "not_applicable"],
      ["z", false, null],
      ["b1", true, null],
      ["b2", false, null],
      ["note", "ok", null],
    ]);
  });

  it("void and reshop take the report out of every score", () => {
    expect(countsAfterDecision(undefined)).toBe(true);
    expect(countsAfterDecision(null)).toBe(true);
    expect(countsAfterDecision("void")).toBe(false);
    expect(countsAfterDecision("reshop")).toBe(false);
  });
});

describe("reshop", () => {
  it("another shopper, the fewest open visits first, then by id; null when nobody else", () => {
    expect(
      reshopShopper(
        [
          { id: "s1", openVisits: 0 },
          { id: "s3", openVisits: 1 },
          { id: "s2", openVisits: 1 },
        ],
        "s1",
      ),
    ).toBe("s2");
    expect(reshopShopper([{ id: "s1", openVisits: 0 }], "s1")).toBeNull();
    expect(reshopShopper([], "s1")).toBeNull();
  });

  it("never the original, always one with the fewest open visits among the others", () => {
    const candidate = fc.record({ id: fc.constantFrom("s1", "s2", "s3", "s4", "s5"), openVisits: fc.nat(9) });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.id }),
        fc.constantFrom("s1", "s2"),
        (list, original) => {
          const chosen = reshopShopper(list, original);
          const others = list.filter((c) => c.id !== original);
          if (!others.length) {
            expect(chosen).toBeNull();
            return;
          }
          expect(chosen).not.toBe(original);
          const fewest = Math.min(...others.map((c) => c.openVisits));
          expect(others.find((c) => c.id === chosen)?.openVisits).toBe(fewest);
        },
      ),
    );
  });
});

describe("views and figures", () => {
  it("arbiters are blind to the raiser; head office sees the arbiter; managers raise", () => {
    const roles: Role[] = ["admin", "analyst", "reviewer", "regional_manager", "branch_manager", "shopper"];
    expect(Object.fromEntries(roles.map((role) => [role, disputeView(actor(role))]))).toEqual({
      // Arbiters (reviewers, admins) carry their id: a dispute tells them whether they may decide it.
      admin: { raiser: false, decider: true, evidence: true, raise: false, arbiter: "u1" },
      analyst: { raiser: true, decider: true, evidence: true, raise: false, arbiter: null },
      reviewer: { raiser: false, decider: true, evidence: true, raise: false, arbiter: "u1" },
      regional_manager: { raiser: true, decider: false, evidence: true, raise: true, arbiter: null },
      branch_manager: { raiser: true, decider: false, evidence: true, raise: true, arbiter: null },
      shopper: { raiser: false, decider: false, evidence: false, raise: false, arbiter: null },
    });
  });

  it("a voided report is shown like a published one; nothing else is", () => {
    expect(shownAsPublished("published")).toBe(true);
    expect(shownAsPublished("voided")).toBe(true);
    for (const status of ["waiting", "claimed", "returned", "rejected"] as const) {
      expect(shownAsPublished(status)).toBe(false);
    }
  });

  it("median: the middle value, or the mean of the two middle ones; null for none", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }), (values) => {
        const m = median(values) as number;
        const below = values.filter((v) => v < m).length;
        const above = values.filter((v) => v > m).length;
        expect(below).toBeLessThanOrEqual(values.length / 2);
        expect(above).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });
});
