import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { onAxis, worstFirst, zoomAxis } from "../../web/areas/scorecards/scales";

describe("an interval axis zoomed to the data", () => {
  it("frames the demo regions (78.6–88.3) on 75–95 instead of 0–100", () => {
    const axis = zoomAxis([78.6, 88.3, 84.1, 86.2, null, 84.4]);
    expect(axis).toEqual({ min: 75, max: 95 });
    // A 4-point interval now takes a fifth of the bar, not 4 % of it.
    expect(onAxis(axis, 88.3) - onAxis(axis, 84.1)).toBeCloseTo(21, 0);
  });

  it("stays within 0–100, at least 10 points wide, and falls back to the whole scale", () => {
    expect(zoomAxis([])).toEqual({ min: 0, max: 100 });
    expect(zoomAxis([null, undefined])).toEqual({ min: 0, max: 100 });
    expect(zoomAxis([99.5, 100])).toEqual({ min: 90, max: 100 });
    expect(zoomAxis([0, 1])).toEqual({ min: 0, max: 10 });
    expect(zoomAxis([50, 50])).toEqual({ min: 45, max: 55 });
  });

  it("always holds every value, on round steps", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1 }), (values) => {
        const axis = zoomAxis(values);
        expect(axis.min).toBeGreaterThanOrEqual(0);
        expect(axis.max).toBeLessThanOrEqual(100);
        expect(axis.max - axis.min).toBeGreaterThanOrEqual(10);
        expect(axis.min % 5).toBe(0);
        expect(axis.max % 5).toBe(0);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(axis.min);
          expect(v).toBeLessThanOrEqual(axis.max);
          expect(onAxis(axis, v)).toBeGreaterThanOrEqual(0);
          expect(onAxis(axis, v)).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe("items worst first", () => {
  const item = (key: string, rate: number | null, fails = 0, critical = false) => ({
    key,
    critical,
    branch: { rate, fails },
  });

  it("puts the lowest pass rate first and an item that passed 11 of 12 near the end", () => {
    const ordered = worstFirst([
      item("greeting", 11 / 12, 1),
      item("queue", 0.5, 6),
      item("toilets", null),
      item("farewell", 1),
      item("uniform", 0.75, 3),
    ]);
    expect(ordered.map((i) => i.key)).toEqual(["queue", "uniform", "greeting", "farewell", "toilets"]);
  });

  it("breaks ties by failures, then critical items, then the checklist's order", () => {
    const ordered = worstFirst([
      item("a", 0.5, 2),
      item("b", 0.5, 4),
      item("c", 0.5, 2, true),
      item("d", 0.5, 2),
      item("e", null),
      item("f", null),
    ]);
    expect(ordered.map((i) => i.key)).toEqual(["b", "c", "a", "d", "e", "f"]);
  });
});
