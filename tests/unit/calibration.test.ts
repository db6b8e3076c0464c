/**
 * Calibration results (worker/domain/calibration.ts) and the shopper reliability rating
 * (worker/domain/reliability.ts), by hand-computed examples and a few properties.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "../../worker/domain/agreement";
import {
  type CalibrationAnswer,
  calibrationResults,
  itemAlphaAcrossRounds,
  levelOfItem,
  type RaterSheet,
} from "../../worker/domain/calibration";
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";
import { passesRatingFloor, RELIABILITY_WEIGHTS, reliabilityOf } from "../../worker/domain/reliability";

const base = {
  guidance: { en: "", zh: "" },
  weight: 1,
  critical: "none" as const,
  naAllowed: true,
  evidenceOnFail: "none" as const,
};
const prompt = (en: string) => ({ en, zh: en });
const greets: ChecklistItem = { ...base, key: "greets", prompt: prompt("Greets"), kind: "yes_no" };
const name: ChecklistItem = { ...base, key: "name", prompt: prompt("Uses name"), kind: "yes_no" };
const tone: ChecklistItem = { ...base, key: "tone", prompt: prompt("Tone"), kind: "scale", min: 1, max: 5 };
const rings: ChecklistItem = {
  ...base,
  key: "rings",
  prompt: prompt("Rings"),
  kind: "number",
  unit: "rings",
  pass: { max: 3 },
};
const note: ChecklistItem = { ...base, key: "note", prompt: prompt("Note"), kind: "text" };
const doc: ChecklistDocument = {
  name: prompt("Calls"),
  channel: "call_centre",
  sections: [{ key: "s", title: prompt("S"), weight: 1, items: [greets, name, tone, rings, note] }],
};

const v = (value: boolean | number | string): CalibrationAnswer => ({ value });
const sheet = (raterId: string, answers: Record<string, CalibrationAnswer>): RaterSheet => ({ raterId, answers });

const sheets = [
  sheet("a", { greets: v(true), name: v(true), tone: v(4), rings: v(2), note: v("fine") }),
  sheet("b", { greets: v(true), name: v(false), tone: v(4), rings: v(3) }),
  sheet("c", { greets: v(true), name: { na: true }, tone: v(2), rings: v(2) }),
];

describe("levelOfItem", () => {
  it("fits the level to the kind", () => {
    expect([greets, tone, rings, note].map(levelOfItem)).toEqual(["nominal", "ordinal", "interval", null]);
  });
});

describe("calibrationResults", () => {
  const results = calibrationResults(doc, sheets, { seed: 3 });
  const item = (key: string) => results.items.find((i) => i.key === key);

  it("per item: the distribution, the consensus and the share agreeing", () => {
    expect(results.items.map((i) => i.key)).toEqual(["greets", "name", "tone", "rings"]);
    expect(item("greets")).toEqual({
      key: "greets",
      level: "nominal",
      distribution: [{ value: true, count: 3 }],
      consensus: true,
      agreeing: 1,
      answered: 3,
    });
    // true, false, N/A: a three-way tie has no consensus.
    expect(item("name")).toMatchObject({ consensus: null, agreeing: null, answered: 3 });
    // Median of 4, 4, 2; two of three agree.
    expect(item("tone")).toMatchObject({ consensus: 4, agreeing: 2 / 3 });
    // Mean of 2, 3, 2 = 2.33; 2 and 2 are within half a ring, 3 is not.
    expect(item("rings")?.consensus).toBeCloseTo(7 / 3, 12);
    expect(item("rings")?.agreeing).toBeCloseTo(2 / 3, 12);
  });

  it("one alpha per level, equal to alpha over those items", () => {
    expect(Object.keys(results.alphas).sort()).toEqual(["interval", "nominal", "ordinal"]);
    expect(results.alphas.nominal?.alpha).toBe(
      krippendorffAlpha(
        [
          [true, true],
          [true, false],
          [true, "n/a"],
        ],
        "nominal",
      ),
    );
  });

  it("each rater's deviation, 0..1 per item", () => {
    const c = results.raters.find((r) => r.raterId === "c");
    // tone: |2 − 4| / (5 − 1) = 0.5; rings: |2 − 7/3| / max(1, spread 1, bound 3) = 1/9; name has no consensus.
    expect(c?.items.greets).toBe(0);
    expect(c?.items.name).toBeNull();
    expect(c?.items.tone).toBe(0.5);
    expect(c?.items.rings).toBeCloseTo(1 / 9, 12);
    expect(c?.mean).toBeCloseTo((0 + 0.5 + 1 / 9) / 3, 12);
  });

  it("an expert's answers are the consensus when the admin names one", () => {
    const withExpert = calibrationResults(doc, sheets, { expertId: "b", seed: 3 });
    expect(withExpert.items.find((i) => i.key === "name")?.consensus).toBe(false);
    expect(withExpert.items.find((i) => i.key === "tone")?.consensus).toBe(4);
    const a = withExpert.raters.find((r) => r.raterId === "a");
    expect(a?.items.name).toBe(1);
    expect(withExpert.raters.find((r) => r.raterId === "b")?.mean).toBe(0);
  });

  it("identical sheets agree perfectly and deviate by nothing", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 9 }), (g, t, r) => {
        const same = ["x", "y", "z"].map((id) => sheet(id, { greets: v(g), name: v(!g), tone: v(t), rings: v(r) }));
        const out = calibrationResults(doc, same, { samples: 50 });
        return out.raters.every((x) => x.mean === 0) && out.items.every((i) => i.agreeing === 1);
      }),
    );
  });
});

describe("itemAlphaAcrossRounds", () => {
  it("takes the rounds as units, a rater absent from a round missing there", () => {
    const rounds = [
      [sheet("a", { tone: v(4) }), sheet("b", { tone: v(4) })],
      [sheet("a", { tone: v(2) }), sheet("b", { tone: v(2) }), sheet("c", { tone: v(2) })],
      [sheet("b", { tone: v(5) }), sheet("c", { tone: v(5) })],
    ];
    expect(itemAlphaAcrossRounds(tone, rounds)).toBe(1);
    expect(
      itemAlphaAcrossRounds(
        tone,
        rounds.map((r) => r.map((s, i) => (i === 0 ? sheet(s.raterId, { tone: v(1) }) : s))),
      ),
    ).toBeLessThan(1);
    expect(itemAlphaAcrossRounds(note, rounds)).toBeNull();
  });
});

describe("reliabilityOf", () => {
  const clean = {
    reports: 10,
    returned: 0,
    answers: 200,
    editedAnswers: 0,
    overturned: 0,
    flagged: 0,
    late: 0,
    calibrationDeviation: null,
  };

  it("explains every point lost, scaling the weights over what was measured", () => {
    const r = reliabilityOf({ ...clean, returned: 1, editedAnswers: 4, flagged: 2 });
    expect(r.rating).toBe(93.4);
    expect(r.provisional).toBe(false);
    expect(r.lines.map((l) => l.component)).toEqual(["returned", "edited", "overturned", "flagged", "late"]);
    expect(r.lines.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(100, 12);
    expect(r.lines.find((l) => l.component === "returned")).toMatchObject({ count: 1, of: 10, rate: 0.1 });
  });

  it("with calibration, the weights are as documented", () => {
    const r = reliabilityOf({ ...clean, calibrationDeviation: 0.5 });
    expect(r.lines.map((l) => l.weight)).toEqual(Object.values(RELIABILITY_WEIGHTS));
    expect(r.rating).toBe(95);
  });

  it("no report: no rating; a few: provisional", () => {
    expect(reliabilityOf({ ...clean, reports: 0 })).toEqual({ rating: null, provisional: true, lines: [] });
    expect(reliabilityOf({ ...clean, reports: 4 }).provisional).toBe(true);
  });

  it("stays within 0..100 whatever the counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (reports, returned, answers, edited, overturned, flagged, late, calibrationDeviation) => {
          const r = reliabilityOf({
            reports,
            returned: returned % (reports + 1),
            answers,
            editedAnswers: answers ? edited % (answers + 1) : 0,
            overturned: overturned % (reports + 1),
            flagged: flagged % (reports + 1),
            late: late % (reports + 1),
            calibrationDeviation,
          });
          return r.rating !== null && r.rating >= 0 && r.rating <= 100;
        },
      ),
    );
  });

  it("the floor keeps out only an established rating below it", () => {
    expect(passesRatingFloor({ rating: 71.5, provisional: false }, 75)).toBe(false);
    expect(passesRatingFloor({ rating: 75, provisional: false }, 75)).toBe(true);
    expect(passesRatingFloor({ rating: 40, provisional: true }, 75)).toBe(true);
    expect(passesRatingFloor({ rating: null, provisional: true }, 75)).toBe(true);
    expect(passesRatingFloor({ rating: 10, provisional: false }, null)).toBe(true);
  });
});
