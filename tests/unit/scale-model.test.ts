/**
 * The scale simulation's arithmetic (bench/scale-model.ts, docs/SCALING.md) on one case worked
 * out by hand.
 */
import { describe, expect, it } from "vitest";
import {
  BYTES_PER_ANSWER,
  bytesPerReport,
  DEFAULTS,
  monthGrowth,
  organisationSizes,
  simulate,
} from "../../bench/scale-model";

describe("scale model", () => {
  it("takes bytes per answer from the scale benchmark: 1.45 GiB / 8,064,000 answers", () => {
    expect(BYTES_PER_ANSWER).toBeCloseTo((1.45 * 1073741824) / 8064000, 6);
    expect(Math.round(BYTES_PER_ANSWER)).toBe(193);
  });

  it("adds one month of a 100-branch organisation as computed by hand", () => {
    const a = {
      ...DEFAULTS,
      answersPerVisit: 10,
      eventsPerReport: 2,
      bytesPerEvent: 500,
      photosPerReport: 1,
      bytesPerPhotoRow: 100,
      photoBytes: 1000,
      complaintsPerBranchMonth: 0.5,
      bytesPerComplaint: 2000,
    };
    // per report: 10 × 193.07… + 2 × 500 + 1 × 100
    expect(bytesPerReport(a)).toBeCloseTo(10 * BYTES_PER_ANSWER + 1100, 6);
    // month 12 = year 2: visits 2 + 0.5 = 2.5, share 0.6 + 0.2 = 0.8 → 80 live branches, 200 reports
    const g = monthGrowth(a, 100, 12);
    expect(g.reports).toBe(200);
    expect(g.r2).toBe(200 * 1 * 1000);
    expect(g.d1).toBeCloseTo(200 * (10 * BYTES_PER_ANSWER + 1100) + 80 * 0.5 * 2000, 3);
  });

  it("shares 50,000 branches among 100 organisations, largest first, and accumulates a year", () => {
    const sizes = organisationSizes();
    expect(sizes).toHaveLength(100);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(50000);
    expect(sizes[0]).toBeGreaterThan(2000);
    const one = simulate(DEFAULTS, [10], 1);
    // year 1: 12 months × 6 live branches × 2 visits = 144 reports
    expect(one.rows[0]?.reportsPerMonth).toBe(12);
    expect(one.rows[0]?.largestD1).toBeCloseTo(144 * bytesPerReport(DEFAULTS) + 12 * 6 * 0.3 * 2500, 3);
  });
});
