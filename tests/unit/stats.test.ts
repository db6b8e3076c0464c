/** The statistics behind scorecards: worked values and properties (docs/SCORING.md). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passRate, summarizeScores, tQuantile975 } from "../../worker/domain/stats";

const sumsOf = (scores: number[]) => ({
  n: scores.length,
  sum: scores.reduce((a, b) => a + b, 0),
  sumSquares: scores.reduce((a, b) => a + b * b, 0),
});

describe("summarizeScores", () => {
  it("computes mean, sample sd and the t interval (hand-computed)", () => {
    // 70, 80, 90: mean 80, sd 10, t(2) = 4.303, half-width 4.303 × 10 / √3 = 24.84.
    const s = summarizeScores(sumsOf([70, 80, 90]));
    expect(s.mean).toBe(80);
    expect(s.sd).toBeCloseTo(10, 12);
    expect(s.low).toBeCloseTo(80 - 24.8434, 3);
    expect(s.high).toBe(100); // 104.84 clamped
    expect(s.insufficient).toBe(false);
  });

  it("marks fewer than 3 audits as insufficient, with no interval for one", () => {
    expect(summarizeScores(sumsOf([])).mean).toBeNull();
    expect(summarizeScores(sumsOf([60]))).toMatchObject({ n: 1, mean: 60, sd: null, low: null, insufficient: true });
    expect(summarizeScores(sumsOf([60, 70])).insufficient).toBe(true);
  });

  it("keeps the mean inside its interval, and the interval inside 0..100", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 }), (scores) => {
        const s = summarizeScores(sumsOf(scores));
        expect(s.low).not.toBeNull();
        expect(s.low as number).toBeLessThanOrEqual((s.mean as number) + 1e-9);
        expect(s.high as number).toBeGreaterThanOrEqual((s.mean as number) - 1e-9);
        expect(s.low as number).toBeGreaterThanOrEqual(0);
        expect(s.high as number).toBeLessThanOrEqual(100);
        expect(s.sd as number).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("tQuantile975", () => {
  it("matches the table and approaches the normal quantile", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
  });

  it("never grows with more degrees of freedom", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), (df) => tQuantile975(df + 1) <= tQuantile975(df)));
  });
});

describe("passRate (Wilson)", () => {
  it("matches a hand-computed interval", () => {
    // 8 of 10: Wilson 95 % is 0.4902 .. 0.9433.
    const r = passRate(8, 2);
    expect(r.rate).toBe(0.8);
    expect(r.low).toBeCloseTo(0.4902, 3);
    expect(r.high).toBeCloseTo(0.9433, 3);
  });

  it("has no rate when nothing was judged (N/A only)", () => {
    expect(passRate(0, 0)).toMatchObject({ rate: null, low: null, high: null });
  });

  it("holds the rate inside 0..1 bounds that contain it", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (passes, fails) => {
        fc.pre(passes + fails > 0);
        const r = passRate(passes, fails);
        expect(r.low as number).toBeGreaterThanOrEqual(0);
        expect(r.high as number).toBeLessThanOrEqual(1);
        expect(r.low as number).toBeLessThanOrEqual((r.rate as number) + 1e-12);
        expect(r.high as number).toBeGreaterThanOrEqual((r.rate as number) - 1e-12);
      }),
    );
  });
});
