/**
 * Krippendorff's alpha (worker/domain/agreement.ts).
 *
 * 1. Published worked examples, to 3 decimals: Krippendorff (2011) "Computing Krippendorff's
 *    Alpha-Reliability": A. two observers, binary data (0.095); C. four observers, 12 units,
 *    missing values, at every level (nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797).
 * 2. Properties (fast-check): perfect agreement gives 1, alpha never exceeds 1, and it does not
 *    change with the order of raters or units, a relabelling of nominal categories, a linear
 *    rescaling of interval data or a monotone one of ordinal data; missing ratings change nothing
 *    when they only remove units nobody could pair.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alphaInterval,
  krippendorffAlpha,
  type MeasurementLevel,
  type Rating,
  readAlpha,
} from "../../worker/domain/agreement";

const _ = null;

/** Krippendorff (2011), section C: observers A–D × units 1–12, "." as missing. */
const SECTION_C: Rating[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("krippendorffAlpha: published examples", () => {
  it("A. two observers, binary data: 0.095", () => {
    const data = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(data, "nominal")).toBeCloseTo(0.095, 3);
  });

  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("C. four observers with missing values, %s: %s", (level, expected) => {
    expect(krippendorffAlpha(SECTION_C, level)).toBeCloseTo(expected, 3);
  });

  it("undefined without two pairable values or without any variation", () => {
    expect(krippendorffAlpha([], "nominal")).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [1, 2, 3],
          [_, _, _],
        ],
        "nominal",
      ),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [4, 4],
          [4, 4],
        ],
        "interval",
      ),
    ).toBeNull();
  });

  it("keeps 1 and '1' apart on the nominal level, and refuses text on a numeric one", () => {
    expect(
      krippendorffAlpha(
        [
          [1, "1"],
          [1, "1"],
        ],
        "nominal",
      ),
    ).toBe(1);
    expect(() =>
      krippendorffAlpha(
        [
          ["yes", "no"],
          ["yes", "no"],
        ],
        "interval",
      ),
    ).toThrow(RangeError);
  });

  it("booleans rate like categories (yes/no items)", () => {
    expect(
      krippendorffAlpha(
        [
          [true, false, true],
          [true, false, false],
        ],
        "nominal",
      ),
    ).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 0, 1],
          [1, 0, 0],
        ],
        "nominal",
      ) as number,
      12,
    );
  });
});

describe("alphaInterval and readAlpha", () => {
  it("brackets alpha, is the same for the same seed, and counts its units", () => {
    const a = alphaInterval(SECTION_C, "nominal", { seed: 42 });
    const b = alphaInterval(SECTION_C, "nominal", { seed: 42 });
    expect(a).toEqual(b);
    expect(a.units).toBe(11);
    expect(a.samples).toBeGreaterThan(900);
    expect(a.low).not.toBeNull();
    expect(a.low as number).toBeLessThanOrEqual(a.alpha as number);
    expect(a.high as number).toBeGreaterThanOrEqual(a.alpha as number);
    expect(a.high as number).toBeLessThanOrEqual(1);
  });

  it("has no interval when alpha is undefined", () => {
    expect(
      alphaInterval(
        [
          [2, 2],
          [2, 2],
        ],
        "ordinal",
      ),
    ).toEqual({
      alpha: null,
      low: null,
      high: null,
      units: 2,
      samples: 0,
    });
  });

  it("reads alpha by Krippendorff's thresholds", () => {
    expect(readAlpha(null)).toBe("undefined");
    expect(readAlpha(0.6669)).toBe("not_reliable");
    expect(readAlpha(0.667)).toBe("tentative");
    expect(readAlpha(0.7999)).toBe("tentative");
    expect(readAlpha(0.8)).toBe("reliable");
  });
});

/** A raters × units matrix of small integers with some missing ratings. */
const matrix = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 12 })).chain(([raters, units]) =>
  fc.array(
    fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 5, nil: null }), {
      minLength: units,
      maxLength: units,
    }),
    { minLength: raters, maxLength: raters },
  ),
);

const LEVELS: MeasurementLevel[] = ["nominal", "ordinal", "interval", "ratio"];

function close(a: number | null, b: number | null) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}

describe("krippendorffAlpha: properties", () => {
  it("perfect agreement with some variation gives 1 at every level", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 2, max: 6 }),
        (values, raters) => {
          fc.pre(new Set(values).size > 1);
          const data = Array.from({ length: raters }, () => values);
          return LEVELS.every((level) => krippendorffAlpha(data, level) === 1);
        },
      ),
    );
  });

  it("never exceeds 1", () => {
    fc.assert(
      fc.property(matrix, (data) =>
        LEVELS.every((level) => {
          const a = krippendorffAlpha(data, level);
          return a === null || a <= 1 + 1e-12;
        }),
      ),
    );
  });

  it("does not depend on the order of raters or of units", () => {
    fc.assert(
      fc.property(matrix, fc.integer(), (data, seed) => {
        const raters = [...data].reverse();
        const width = data[0]?.length ?? 0;
        const perm = Array.from({ length: width }, (_, i) => i).sort(
          (a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b,
        );
        const units = data.map((row) => perm.map((i) => row[i]));
        return LEVELS.every(
          (level) =>
            close(krippendorffAlpha(data, level), krippendorffAlpha(raters, level)) &&
            close(krippendorffAlpha(data, level), krippendorffAlpha(units, level)),
        );
      }),
    );
  });

  it("nominal: relabelling the categories changes nothing", () => {
    fc.assert(
      fc.property(matrix, (data) => {
        const relabelled = data.map((row) => row.map((v) => (v === null ? null : `c${10 - (v as number)}`)));
        return close(krippendorffAlpha(data, "nominal"), krippendorffAlpha(relabelled, "nominal"));
      }),
    );
  });

  it("interval: a linear rescaling changes nothing; ordinal: a monotone one changes nothing", () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 1, max: 10 }), fc.integer({ min: -50, max: 50 }), (data, a, b) => {
        const linear = data.map((row) => row.map((v) => (v === null ? null : a * (v as number) + b)));
        const monotone = data.map((row) => row.map((v) => (v === null ? null : (v as number) ** 3 + 100)));
        return (
          close(krippendorffAlpha(data, "interval"), krippendorffAlpha(linear, "interval")) &&
          close(krippendorffAlpha(data, "ordinal"), krippendorffAlpha(monotone, "ordinal"))
        );
      }),
    );
  });

  it("a unit only one rater rated changes nothing", () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 1, max: 5 }), (data, value) => {
        const extended = data.map((row, r) => [...row, r === 0 ? value : null]);
        return LEVELS.every((level) => close(krippendorffAlpha(data, level), krippendorffAlpha(extended, level)));
      }),
    );
  });
});
