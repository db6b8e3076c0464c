import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addScoreRows,
  buildCatalog,
  changeSince,
  EMPTY_SCORES,
  poolItems,
  rankByScore,
  scoreFigure,
  weakestItems,
} from "../../worker/domain/scorecards";
import { summarizeScores } from "../../worker/domain/stats";
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
