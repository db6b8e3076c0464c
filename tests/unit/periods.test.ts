import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  exceedsMaxRange,
  isCalendarDate,
  lastDayOf,
  monthsBetween,
  partialMonthOf,
  periodRange,
  quarterOf,
  resolvePeriod,
} from "../../worker/domain/periods";

const monthArb = fc
  .tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);

describe("periods", () => {
  it("moves months across years", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-05", -14)).toBe("2025-03");
  });

  it("adding then subtracting months is the identity, and order follows string order", () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -120, max: 120 }), (month, delta) => {
        expect(addMonths(addMonths(month, delta), -delta)).toBe(month);
        const moved = addMonths(month, delta);
        expect(Math.sign(moved.localeCompare(month))).toBe(Math.sign(delta));
      }),
    );
  });

  it("lists months inclusively", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    fc.assert(
      fc.property(monthArb, fc.integer({ min: 0, max: 59 }), (from, extra) => {
        expect(monthsBetween(from, addMonths(from, extra))).toHaveLength(extra + 1);
      }),
    );
  });

  it("knows calendar dates and month ends, leap years included", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
    // The ends of what a month parameter can name (the month after 9999-12 is no Date).
    expect(lastDayOf("9999-12")).toBe("9999-12-31");
    expect(lastDayOf("0000-02")).toBe("0000-02-29");
    expect(lastDayOf("1900-02")).toBe("1900-02-28");
    fc.assert(
      fc.property(monthArb, (month) => {
        const last = lastDayOf(month);
        expect(isCalendarDate(last)).toBe(true);
        expect(isCalendarDate(`${month}-${Number(last.slice(8)) + 1}`)).toBe(false);
      }),
    );
  });

  it("resolves a range in whole months with the previous period of the same length", () => {
    const period = resolvePeriod({ from: "2026-04-10", to: "2026-06-02" }, "2026-12-02");
    expect(period.months).toEqual(["2026-04", "2026-05", "2026-06"]);
    expect(period.previous).toEqual({ fromMonth: "2026-01", toMonth: "2026-03" });
    // Without dates: the current month and the two before.
    expect(resolvePeriod({}, "2026-01-15").months).toEqual(["2025-11", "2025-12", "2026-01"]);
  });

  it("marks the month still under way as partial, and only that one", () => {
    const current = resolvePeriod({}, "2026-12-14");
    expect(current.partialMonth).toBe("2026-12");
    expect(current.asOf).toBe("2026-12-14");
    // Even on its last day the month is not over.
    expect(resolvePeriod({}, "2026-12-31").partialMonth).toBe("2026-12");
    // A past range has no partial month; neither does one that ends before today's month.
    expect(resolvePeriod({ from: "2026-04-01", to: "2026-06-30" }, "2026-12-14").partialMonth).toBeNull();
    expect(resolvePeriod({ from: "2026-11-01", to: "2026-11-30" }, "2026-12-01").partialMonth).toBeNull();
    // A range running past today: the current month is partial (later months simply have no audits).
    expect(resolvePeriod({ from: "2026-01-01", to: "2027-03-31" }, "2026-12-14").partialMonth).toBe("2026-12");
    expect(partialMonthOf(["2026-10", "2026-11"], "2026-12-01")).toBeNull();
  });

  it("turns a month, quarter or year into its dates", () => {
    expect(periodRange("month", "2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodRange("quarter", "2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(periodRange("year", "2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(quarterOf("2026-12")).toBe("2026-Q4");
    fc.assert(
      fc.property(monthArb, (month) => {
        const { from, to } = periodRange("quarter", quarterOf(month));
        expect(from.slice(0, 7) <= month && month <= to.slice(0, 7)).toBe(true);
      }),
    );
  });

  it("allows five years exactly, not a day more", () => {
    expect(exceedsMaxRange("2021-06-30", "2026-06-30")).toBe(false);
    expect(exceedsMaxRange("2021-06-30", "2026-07-01")).toBe(true);
  });
});
