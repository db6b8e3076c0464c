import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addScoreRows,
  branchCard,
  buildCatalog,
  changeSince,
  EMPTY_SCORES,
  poolItems,
  rankByScore,
  scoreFigure,
  weakestItems,
} from "../../worker/domain/scorecards";
import { summarizeScores } from "../../worker/domain/stats";
import { presentAuditRow, presentBranchCard } from "../../worker/presenters/scorecards";
import { STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

const units = (score: number) => Math.round(score * 10_000);
const rowOf = (scores: number[], critical = 0) => ({
  audits: scores.length,
  scored: scores.length,
  scoreSum: scores.reduce((s, x) => s + units(x), 0),
  scoreSquares: scores.reduce((s, x) => s + units(x) ** 2, 0),
  criticalFailed: critical,
});

describe("score figures from roll-up units", () => {
  it("matches the hand-worked example: 70, 80, 90", () => {
    const figure = scoreFigure(rowOf([70, 80, 90], 1));
    expect(figure.mean).toBe(80);
    expect(figure.sd).toBeCloseTo(10, 9);
    expect(figure.low).toBeCloseTo(80 - 4.303 * (10 / Math.sqrt(3)), 9);
    expect(figure.high).toBe(100);
    expect(figure.criticalRate).toBeCloseTo(1 / 3, 12);
  });

  it("pooling rows equals summarising all the scores at once", () => {
    const scores = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 30 });
    fc.assert(
      fc.property(scores, scores, (a, b) => {
        const pooled = scoreFigure(addScoreRows(rowOf(a), rowOf(b)));
        const all = [...a, ...b].map((x) => units(x) / 10_000);
        const direct = summarizeScores({
          n: all.length,
          sum: all.reduce((s, x) => s + x, 0),
          sumSquares: all.reduce((s, x) => s + x * x, 0),
        });
        expect(pooled.n).toBe(direct.n);
        if (direct.mean !== null) expect(pooled.mean).toBeCloseTo(direct.mean, 6);
        if (direct.sd !== null) expect(pooled.sd).toBeCloseTo(direct.sd, 3);
      }),
    );
  });

  it("has no figure and no rate without audits", () => {
    expect(scoreFigure(EMPTY_SCORES)).toMatchObject({ n: 0, mean: null, criticalRate: null, insufficient: true });
    expect(changeSince(scoreFigure(rowOf([80, 80, 80])), scoreFigure(EMPTY_SCORES))).toBeNull();
  });
});

describe("ranking", () => {
  const rowsArb = fc.array(
    fc.record({
      id: fc.uuid(),
      score: fc.record({
        mean: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        insufficient: fc.boolean(),
      }),
    }),
    { maxLength: 40 },
  );

  it("ranks only sufficient rows, best first, with shared ranks for ties; the rest sink apart", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const { ranked, insufficient } = rankByScore(rows);
        expect(ranked.length + insufficient.length).toBe(rows.length);
        for (const row of ranked) expect(row.score.insufficient).toBe(false);
        for (let i = 1; i < ranked.length; i++) {
          const [prev, cur] = [ranked[i - 1], ranked[i]] as [(typeof ranked)[0], (typeof ranked)[0]];
          expect(prev.score.mean as number).toBeGreaterThanOrEqual(cur.score.mean as number);
          // Competition ranking: a tie shares the rank, the next rank skips.
          expect(cur.rank).toBe(prev.score.mean === cur.score.mean ? prev.rank : i + 1);
        }
        if (ranked[0]) expect(ranked[0].rank).toBe(1);
      }),
    );
  });

  it("ranks 1, 2, 2, 4", () => {
    const rows = [90, 80, 80, 70].map((mean, i) => ({ id: String(i), score: { mean, insufficient: false } }));
    expect(rankByScore(rows).ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });
});

describe("items", () => {
  it("names every item of the newest version, in document order", () => {
    const catalog = buildCatalog([{ checklistId: "c", number: 1, document: STORE_VISIT_TEMPLATE }]);
    const first = STORE_VISIT_TEMPLATE.sections[0]?.items[0];
    expect(catalog.items.get(`c:${first?.key}`)?.prompt).toEqual(first?.prompt);
    const orders = [...catalog.items.values()].map((i) => i.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it("pools counts per checklist and item, and finds the weakest judged often enough", () => {
    const pooled = poolItems([
      { checklistId: "c", itemKey: "a", passes: 1, fails: 3, nas: 0 },
      { checklistId: "c", itemKey: "a", passes: 1, fails: 1, nas: 2 },
      { checklistId: "c", itemKey: "b", passes: 9, fails: 1, nas: 0 },
      { checklistId: "c", itemKey: "c", passes: 0, fails: 2, nas: 0 },
    ]);
    expect(pooled.get("c:a")).toEqual({ group: "", checklistId: "c", itemKey: "a", passes: 2, fails: 4, nas: 2 });
    // "c" failed every time but was judged twice only: below the 5 needed.
    expect(weakestItems(pooled.values(), 5).map((i) => i.itemKey)).toEqual(["a", "b"]);
  });
});

describe("a branch's card", () => {
  const section = STORE_VISIT_TEMPLATE.sections[0];
  const item = section?.items[0];
  if (!section || !item) throw new Error("the template has a first item");
  const month = (m: string, scores: number[]) => ({ month: m, ...rowOf(scores, m === "2026-06" ? 1 : 0) });
  const counts = (itemKey: string, passes: number, fails: number, nas: number) => ({
    checklistId: "c1",
    itemKey,
    passes,
    fails,
    nas,
  });
  const sums = (scored: number, percent: number) => ({
    checklistId: "c1",
    sectionKey: section.key,
    scored,
    ratioSum: Math.round(scored * percent * 100),
  });
  const latest = {
    id: "a9",
    checklistVersionId: "v2",
    contact: "visit" as const,
    visitStartedAt: Date.UTC(2026, 5, 21, 2),
    score: 89.996,
    criticalFailed: 1,
  };
  const input = {
    period: { fromMonth: "2026-05", toMonth: "2026-06", months: ["2026-05", "2026-06"] },
    // April is the previous period; May and June the period.
    branchMonths: [month("2026-04", [60]), month("2026-05", [70, 80]), month("2026-06", [90])],
    orgMonths: [month("2026-05", [70, 80, 60, 60, 60, 90]), month("2026-06", [90, 50, 100])],
    // Months of the same item add up: pass, then fail and N/A.
    branchItems: [counts(item.key, 1, 0, 0), counts(item.key, 0, 1, 1), counts("dropped", 2, 0, 0)],
    orgItems: [counts(item.key, 5, 3, 1)],
    branchSections: [sums(2, 75), sums(1, 90)],
    orgSections: [sums(9, 73.33)],
    latest,
    versions: [
      { id: "v1", checklistId: "c1", number: 1, document: STORE_VISIT_TEMPLATE },
      { id: "v2", checklistId: "c1", number: 2, document: STORE_VISIT_TEMPLATE },
    ],
    checklists: [
      { id: "c1", name: { en: "Store visit", zh: "门店到访" } },
      { id: "c2", name: { en: "Unpublished", zh: "未发布" } },
    ],
  };

  it("matches the hand-worked figures", () => {
    const card = branchCard(input);
    // 70, 80, 90 → 80; the previous period's one 60; the organisation's 660 / 9.
    expect(card.score.mean).toBe(80);
    expect(card.score.criticalFailed).toBe(1);
    expect(card.prior).toMatchObject({ n: 1, mean: 60 });
    expect(card.organization.n).toBe(9);
    expect(card.organization.mean).toBeCloseTo(660 / 9, 9);
    expect(card.trend.map((p) => [p.month, p.branch.mean, p.organization.mean])).toEqual([
      ["2026-05", 75, 70],
      ["2026-06", 90, 80],
    ]);
    // (2 × 75 + 90) / 3 = 80 %.
    expect(card.sections).toEqual([
      {
        id: `c1:${section.key}`,
        checklistId: "c1",
        key: section.key,
        title: section.title,
        n: 3,
        mean: 80,
        organization: expect.closeTo(73.33, 9),
      },
    ]);
    // Pass + fail → 50 %, below the organisation's 5 / 8; a key no version names sinks to the end.
    expect(card.items.map((i) => [i.item.key, i.item.known, i.branch.rate, i.failed, i.belowOrganization])).toEqual([
      [item.key, true, 0.5, true, true],
      ["dropped", false, 1, false, false],
    ]);
    expect(card.items[0]?.organization.rate).toBe(0.625);
    // Only checklists with a published version; the latest audit named by its version's checklist.
    expect(card.checklists.map((c) => c.id)).toEqual(["c1"]);
    expect(card.latestAudit).toEqual({ audit: latest, checklist: { en: "Store visit", zh: "门店到访" } });
  });

  it("has no figures without rows, and no checklist name for a version it was not given", () => {
    const card = branchCard({
      ...input,
      branchMonths: [],
      orgMonths: [],
      branchItems: [],
      branchSections: [],
      latest: { ...latest, checklistVersionId: "elsewhere" },
    });
    expect(card.score).toMatchObject({ audits: 0, n: 0, mean: null });
    expect(card.trend.map((p) => p.branch.n)).toEqual([0, 0]);
    expect(card.sections).toEqual([]);
    expect(card.items).toEqual([]);
    expect(card.latestAudit?.checklist).toBeNull();
  });

  it("is presented rounded, with the one audit-row shape", () => {
    const card = branchCard(input);
    const branch = {
      id: "b1",
      code: "A",
      nameEn: "Alpha",
      nameZh: "甲",
      channel: "store" as const,
      region: { id: "r1", code: "N", nameEn: "North", nameZh: "北" },
    };
    const period = {
      from: "2026-05-01",
      to: "2026-06-30",
      fromMonth: "2026-05",
      toMonth: "2026-06",
      months: ["2026-05", "2026-06"],
      previous: { fromMonth: "2026-03", toMonth: "2026-04" },
      asOf: "2026-07-01",
      partialMonth: null,
    };
    const wire = presentBranchCard(period, branch, card);
    expect(wire.branch).toEqual({
      id: "b1",
      code: "A",
      name: { en: "Alpha", zh: "甲" },
      channel: "store",
      region: { id: "r1", code: "N", name: { en: "North", zh: "北" } },
    });
    expect(wire.latestAudit).toEqual({
      id: "a9",
      contact: "visit",
      visitStartedAt: "2026-06-21T02:00:00.000Z",
      score: 90,
      criticalFailed: true,
      checklist: { en: "Store visit", zh: "门店到访" },
    });
    expect(wire.previous).toEqual({ n: 1, mean: 60 });
    expect(wire.change).toBe(20);
    expect(wire.organization.mean).toBe(73.33);
    expect(wire.sections[0]?.organization).toBe(73.33);
    expect(wire.trend[1]).toEqual({
      month: "2026-06",
      branch: { n: 1, mean: 90, low: null, high: null },
      organization: { n: 3, mean: 80 },
    });
    expect(wire.items[1]?.section).toBeNull();
    expect(presentAuditRow({ ...latest, score: null, criticalFailed: false })).toEqual({
      id: "a9",
      contact: "visit",
      visitStartedAt: "2026-06-21T02:00:00.000Z",
      score: null,
      criticalFailed: false,
    });
  });
});
