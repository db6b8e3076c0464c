/**
 * The lists that replace native date inputs on head office's screens (a native input shows the
 * browser's language, not the app's): the scorecard's custom range as months, and the days a
 * planned visit's window may start or end on.
 */
import { describe, expect, it } from "vitest";
import { addDays, WINDOW_DAYS_AHEAD, windowDayChoices } from "../../web/areas/planning/window-days";
import { monthRange, RANGE_MONTHS, recentMonths } from "../../web/areas/scorecards/components/month-range";
import { exceedsMaxRange, resolvePeriod } from "../../worker/domain/periods";

describe("the scorecard's custom range in months", () => {
  it("offers the months up to this one, newest first, across a new year", () => {
    expect(recentMonths("2026-02", 4)).toEqual(["2026-02", "2026-01", "2025-12", "2025-11"]);
    expect(RANGE_MONTHS).toBe(60);
    const five = recentMonths("2026-10", RANGE_MONTHS);
    expect(five).toHaveLength(60);
    expect(five.at(-1)).toBe("2021-11");
  });

  it("keeps the months of a bookmarked range even when they are older than the list", () => {
    expect(recentMonths("2026-10", 3, ["2019-04", undefined, "2026-09"])).toEqual([
      "2026-10",
      "2026-09",
      "2026-08",
      "2019-04",
    ]);
  });

  it("sends the first day of the from-month and the last day of the to-month", () => {
    expect(monthRange("2026-04", "2026-06")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(monthRange("2028-02", "2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthRange("2026-12", "2026-01")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    // The resolved period covers exactly the months chosen.
    expect(resolvePeriod(monthRange("2026-04", "2026-06"), "2026-12-02").months).toEqual([
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
  });

  it("never offers a range longer than the API allows", () => {
    const months = recentMonths("2026-10", RANGE_MONTHS);
    const widest = monthRange(months.at(-1) as string, months[0] as string);
    expect(widest).toEqual({ from: "2021-11-01", to: "2026-10-31" });
    expect(exceedsMaxRange(widest.from, widest.to)).toBe(false);
  });
});

describe("the days of a visit window", () => {
  it("offers today and the days ahead, oldest first, across a new year", () => {
    const days = windowDayChoices("2026-12-30");
    expect(days).toHaveLength(WINDOW_DAYS_AHEAD + 1);
    expect(days.slice(0, 4)).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(days.at(-1)).toBe(addDays("2026-12-30", WINDOW_DAYS_AHEAD));
    expect(windowDayChoices("2028-02-28").slice(0, 3)).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
  });

  it("always offers the day already chosen, and ignores one that is no date", () => {
    expect(windowDayChoices("2026-12-04", "2026-12-03")[0]).toBe("2026-12-03");
    expect(windowDayChoices("2026-12-04", "2027-06-01").at(-1)).toBe("2027-06-01");
    expect(windowDayChoices("2026-12-04", "2026-12-10")).toHaveLength(WINDOW_DAYS_AHEAD + 1);
    expect(windowDayChoices("2026-12-04", "soon")).toHaveLength(WINDOW_DAYS_AHEAD + 1);
  });
});
