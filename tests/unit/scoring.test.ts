/**
 * The scoring rule (worker/domain/scoring.ts) and the checklist rules (worker/domain/checklists.ts).
 *
 * 1. The worked examples of docs/SCORING.md, built exactly as printed there, every number asserted.
 * 2. Properties over random valid checklists and answer sets (fast-check).
 * 3. `checkChecklist` and `checkAnswers`: each rule broken once, with its exact path and code.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkChecklist } from "../../worker/domain/checklist-rules";
import {
  type ChecklistDocument,
  type ChecklistItem,
  type ChecklistSection,
  type CriticalLevel,
  type EvidenceOnFail,
  isScored,
  type Localized,
  NUMBER_UNITS,
  type NumberPassRule,
  type NumberUnit,
} from "../../worker/domain/checklists";
import { applyRulings, countsAfterDecision, disputableItems } from "../../worker/domain/disputes";
import { itemCase } from "../../worker/domain/item-outcome";
import { rollupDelta } from "../../worker/domain/rollups";
import {
  type Answer,
  answerOfRow,
  checkAnswers,
  type ScoreResult,
  scoreAudit,
  scoreItem,
} from "../../worker/domain/scoring";
import { checklistDocument } from "../../worker/validation/checklists";

// ---------------------------------------------------------------------------------------------
// Builders: the tables of docs/SCORING.md as code.
// ---------------------------------------------------------------------------------------------

const L = (en: string): Localized => ({ en, zh: en });

interface Common {
  weight?: number;
  critical?: CriticalLevel;
  naAllowed?: boolean;
  evidenceOnFail?: EvidenceOnFail;
}

function base(key: string, o: Common = {}) {
  return {
    key,
    prompt: L(key),
    guidance: L(""),
    weight: o.weight ?? 1,
    critical: o.critical ?? "none",
    naAllowed: o.naAllowed ?? false,
    evidenceOnFail: o.evidenceOnFail ?? "none",
  };
}

const yesNo = (key: string, o?: Common): ChecklistItem => ({ ...base(key, o), kind: "yes_no" });
const num = (key: string, unit: NumberUnit, pass: NumberPassRule, o?: Common): ChecklistItem => ({
  ...base(key, o),
  kind: "number",
  unit,
  pass,
});
const scale = (key: string, min: number, max: number, o?: Common): ChecklistItem => ({
  ...base(key, o),
  kind: "scale",
  min,
  max,
});
const choice = (key: string, options: Array<[string, number]>, o?: Common): ChecklistItem => ({
  ...base(key, o),
  kind: "choice",
  options: options.map(([k, points]) => ({ key: k, label: L(k), points })),
});
const text = (key: string, o?: Common): ChecklistItem => ({ ...base(key, o), kind: "text" });
const photo = (key: string, o?: Common): ChecklistItem => ({ ...base(key, o), kind: "photo" });
const section = (key: string, weight: number, items: ChecklistItem[]): ChecklistSection => ({
  key,
  title: L(key),
  weight,
  items,
});
const checklist = (...sections: ChecklistSection[]): ChecklistDocument => ({
  name: L("Example"),
  channel: "store",
  sections,
});

/** How a score is shown: one decimal; null is "no score", never 0. */
const display = (score: number | null) => (score === null ? null : score.toFixed(1));

function sectionOf(result: ScoreResult, key: string) {
  const found = result.sections.find((s) => s.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

function itemOf(result: ScoreResult, key: string) {
  const found = result.sections.flatMap((s) => s.items).find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}

/** Outcome and ratio of each item, as in the example tables. */
function expectItems(result: ScoreResult, rows: Array<[key: string, outcome: string, ratio: number | null]>) {
  for (const [key, outcome, ratio] of rows) {
    const item = itemOf(result, key);
    expect(item.outcome, key).toBe(outcome);
    if (ratio === null) expect(item.ratio, key).toBeNull();
    else expect(item.ratio, key).toBeCloseTo(ratio, 12);
  }
}

function expectSection(
  result: ScoreResult,
  key: string,
  want: { earned: number; possible: number; ratio: number | null; included: boolean; zeroedBy?: string | null },
) {
  const s = sectionOf(result, key);
  expect(s.earned, `${key}.earned`).toBeCloseTo(want.earned, 12);
  expect(s.possible, `${key}.possible`).toBeCloseTo(want.possible, 12);
  if (want.ratio === null) expect(s.ratio, `${key}.ratio`).toBeNull();
  else expect(s.ratio, `${key}.ratio`).toBeCloseTo(want.ratio, 12);
  expect(s.included, `${key}.included`).toBe(want.included);
  expect(s.zeroedBy, `${key}.zeroedBy`).toBe(want.zeroedBy ?? null);
}

/** The two sums of the overall score, from the included sections of the result. */
function expectOverallSums(result: ScoreResult, weighted: number, weights: number) {
  const included = result.sections.filter((s) => s.included);
  expect(included.reduce((sum, s) => sum + s.weight * (s.ratio ?? 0), 0)).toBeCloseTo(weighted, 12);
  expect(included.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(weights, 12);
}

/** Every example is a publishable checklist with valid answers. */
function expectValid(doc: ChecklistDocument, answers: Answer[]) {
  expect(checklistDocument.safeParse(doc).success).toBe(true);
  expect(checkChecklist(doc)).toEqual([]);
  expect(checkAnswers(doc, answers)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// 1. The worked examples of docs/SCORING.md
// ---------------------------------------------------------------------------------------------

describe("docs/SCORING.md worked examples", () => {
  it("Example 1 — A plain mixed audit", () => {
    const doc = checklist(
      section("welcome", 2, [
        yesNo("greeted", { weight: 2 }),
        num("queue_minutes", "minutes", { max: 5 }, { weight: 1 }),
        scale("friendliness", 1, 5, { weight: 2 }),
      ]),
      section("checkout", 1, [
        yesNo("bag_offered", { weight: 1 }),
        choice(
          "farewell",
          [
            ["warm", 4],
            ["polite", 3],
            ["none", 0],
          ],
          { weight: 2 },
        ),
      ]),
    );
    const answers: Answer[] = [
      { item: "greeted", value: true },
      { item: "queue_minutes", value: 7 },
      { item: "friendliness", value: 4 },
      { item: "bag_offered", value: true },
      { item: "farewell", value: "polite" },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["greeted", "pass", 1],
      ["queue_minutes", "fail", 0],
      ["friendliness", "partial", 0.75],
      ["bag_offered", "pass", 1],
      ["farewell", "partial", 0.75],
    ]);
    expect(itemOf(r, "queue_minutes").rule).toBe("number: 7 minutes > max 5");
    expect(itemOf(r, "farewell").rule).toBe("choice: polite = 3 of 4 points");
    expectSection(r, "welcome", { earned: 3.5, possible: 5, ratio: 0.7, included: true });
    expectSection(r, "checkout", { earned: 2.5, possible: 3, ratio: 2.5 / 3, included: true });
    expectOverallSums(r, 1.4 + 2.5 / 3, 3);
    expect(1.4 + 2.5 / 3).toBeCloseTo(2.233333333333, 12);
    expect(r.score).toBeCloseTo(100 * ((2 * 0.7 + 1 * (2.5 / 3)) / 3), 12);
    expect(r.score).toBeCloseTo(74.444444444444, 9);
    expect(display(r.score)).toBe("74.4");
    expect(r).toMatchObject({ criticalFailed: false, criticalItem: null, complete: true, missing: [] });
  });

  it("Example 2 — N/A and a missing answer", () => {
    const doc = checklist(
      section("call", 1, [
        num("rings", "rings", { max: 3 }, { weight: 2 }),
        num("hold_seconds", "seconds", { max: 60 }, { weight: 1, naAllowed: true }),
        yesNo("callback_offered", { weight: 1, naAllowed: true }),
        yesNo("name_given", { weight: 1 }),
        scale("knowledge", 0, 10, { weight: 2 }),
        text("notes", { weight: 1 }),
      ]),
    );
    const answers: Answer[] = [
      { item: "rings", value: 2 },
      { item: "hold_seconds", na: true },
      { item: "callback_offered", na: true },
      { item: "knowledge", value: 6 },
      { item: "notes", value: "Agent sounded rushed" },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["rings", "pass", 1],
      ["hold_seconds", "na", null],
      ["callback_offered", "na", null],
      ["name_given", "missing", null],
      ["knowledge", "partial", 0.6],
      ["notes", "unscored", null],
    ]);
    expectSection(r, "call", { earned: 3.2, possible: 4, ratio: 0.8, included: true });
    expectOverallSums(r, 0.8, 1);
    expect(r.score).toBeCloseTo(80, 12);
    expect(display(r.score)).toBe("80.0");
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(["name_given"]);

    // Once answered "no", the audit is complete: 3.2 / 5 = 0.64.
    const done = scoreAudit(doc, [...answers, { item: "name_given", value: false }]);
    expect(done.complete).toBe(true);
    expect(done.missing).toEqual([]);
    expectSection(done, "call", { earned: 3.2, possible: 5, ratio: 0.64, included: true });
    expect(display(done.score)).toBe("64.0");
  });

  it("Example 3 — Weight 0: an item and a section that do not count", () => {
    const doc = checklist(
      section("service", 3, [
        yesNo("greeted", { weight: 1 }),
        yesNo("upsell", { weight: 0 }),
        scale("tidiness", 1, 5, { weight: 1 }),
      ]),
      section("facilities", 1, [yesNo("clean_floor", { weight: 1 })]),
      section("pilot", 0, [yesNo("new_greeting", { weight: 1 })]),
    );
    const answers: Answer[] = [
      { item: "greeted", value: true },
      { item: "upsell", value: false },
      { item: "tidiness", value: 4 },
      { item: "clean_floor", value: true },
      { item: "new_greeting", value: false },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["greeted", "pass", 1],
      ["upsell", "fail", 0],
      ["tidiness", "partial", 0.75],
      ["clean_floor", "pass", 1],
      ["new_greeting", "fail", 0],
    ]);
    expect(itemOf(r, "upsell").counted).toBe(false);
    expect(itemOf(r, "greeted").counted).toBe(true);
    expectSection(r, "service", { earned: 1.75, possible: 2, ratio: 0.875, included: true });
    expectSection(r, "facilities", { earned: 1, possible: 1, ratio: 1, included: true });
    expectSection(r, "pilot", { earned: 0, possible: 1, ratio: 0, included: false });
    expectOverallSums(r, 3.625, 4);
    expect(r.score).toBe(90.625);
    expect(display(r.score)).toBe("90.6");
  });

  it("Example 4 — A critical: section failure", () => {
    const doc = checklist(
      section("hygiene", 1, [
        yesNo("gloves_worn", { weight: 1, critical: "section", evidenceOnFail: "photo" }),
        yesNo("counter_clean", { weight: 1 }),
        scale("tidiness", 1, 5, { weight: 2 }),
      ]),
      section("service", 1, [
        yesNo("greeted", { weight: 1 }),
        num("wait_minutes", "minutes", { max: 5 }, { weight: 1 }),
      ]),
    );
    const answers: Answer[] = [
      { item: "gloves_worn", value: false },
      { item: "counter_clean", value: true },
      { item: "tidiness", value: 5 },
      { item: "greeted", value: true },
      { item: "wait_minutes", value: 3 },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["gloves_worn", "fail", 0],
      ["counter_clean", "pass", 1],
      ["tidiness", "pass", 1],
      ["greeted", "pass", 1],
      ["wait_minutes", "pass", 1],
    ]);
    expectSection(r, "hygiene", { earned: 0, possible: 4, ratio: 0, included: true, zeroedBy: "gloves_worn" });
    expectSection(r, "service", { earned: 2, possible: 2, ratio: 1, included: true });
    expectOverallSums(r, 1, 2);
    expect(r.score).toBe(50);
    expect(display(r.score)).toBe("50.0");
    expect(r).toMatchObject({ criticalFailed: false, criticalItem: null });

    // Without the critical flag the same answers give hygiene 3 / 4 = 0.75 and 87.5 overall.
    const relaxed = structuredClone(doc);
    const gloves = relaxed.sections[0]?.items[0];
    if (gloves) gloves.critical = "none";
    const plain = scoreAudit(relaxed, answers);
    expectSection(plain, "hygiene", { earned: 3, possible: 4, ratio: 0.75, included: true });
    expect(plain.score).toBe(87.5);
    expect(display(plain.score)).toBe("87.5");
  });

  it("Example 5 — A critical: audit failure", () => {
    const doc = checklist(
      section("compliance", 1, [
        yesNo("id_checked", { weight: 1, critical: "audit", evidenceOnFail: "comment" }),
        yesNo("receipt_given", { weight: 1 }),
      ]),
      section("service", 2, [yesNo("greeted", { weight: 1 }), scale("friendliness", 1, 5, { weight: 1 })]),
    );
    const answers: Answer[] = [
      { item: "id_checked", value: false },
      { item: "receipt_given", value: true },
      { item: "greeted", value: true },
      { item: "friendliness", value: 5 },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["id_checked", "fail", 0],
      ["receipt_given", "pass", 1],
      ["greeted", "pass", 1],
      ["friendliness", "pass", 1],
    ]);
    expectSection(r, "compliance", { earned: 1, possible: 2, ratio: 0.5, included: true });
    expectSection(r, "service", { earned: 2, possible: 2, ratio: 1, included: true });
    expect(r.score).toBe(0);
    expect(display(r.score)).toBe("0.0");
    expect(r).toMatchObject({ criticalFailed: true, criticalItem: "id_checked", complete: true });

    // What it would have been: 100 × (1 × 0.5 + 2 × 1) / 3 = 83.3.
    const passed = scoreAudit(doc, [{ item: "id_checked", value: true }, ...answers.slice(1)]);
    expect(passed.criticalFailed).toBe(false);
    expectSection(passed, "compliance", { earned: 2, possible: 2, ratio: 1, included: true });
    const withoutFlag = structuredClone(doc);
    const idChecked = withoutFlag.sections[0]?.items[0];
    if (idChecked) idChecked.critical = "none";
    const uncritical = scoreAudit(withoutFlag, answers);
    expectOverallSums(uncritical, 2.5, 3);
    expect(uncritical.score).toBeCloseTo(250 / 3, 12);
    expect(display(uncritical.score)).toBe("83.3");
  });

  it("Example 6 — Nothing applicable: no score", () => {
    const doc = checklist(
      section("delivery", 1, [
        yesNo("on_time", { weight: 1, naAllowed: true }),
        scale("driver_polite", 1, 5, { weight: 1, naAllowed: true }),
        photo("parcel_photo", { weight: 1 }),
        text("comments", { weight: 1 }),
      ]),
      section("extras", 1, [yesNo("survey_offered", { weight: 0 })]),
    );
    const answers: Answer[] = [
      { item: "on_time", na: true },
      { item: "driver_polite", na: true },
      { item: "comments", value: "No delivery was ordered" },
      { item: "survey_offered", value: true },
    ];
    expectValid(doc, answers);
    const r = scoreAudit(doc, answers);

    expectItems(r, [
      ["on_time", "na", null],
      ["driver_polite", "na", null],
      ["parcel_photo", "unscored", null],
      ["comments", "unscored", null],
      ["survey_offered", "pass", 1],
    ]);
    expectSection(r, "delivery", { earned: 0, possible: 0, ratio: null, included: false });
    expectSection(r, "extras", { earned: 0, possible: 0, ratio: null, included: false });
    expectOverallSums(r, 0, 0);
    expect(r.score).toBeNull();
    expect(display(r.score)).toBeNull();
    expect(r).toMatchObject({ criticalFailed: false, complete: true, missing: [] });
  });

  it("Example 7 — A dispute of Example 1", () => {
    const doc = checklist(
      section("welcome", 2, [
        yesNo("greeted", { weight: 2 }),
        num("queue_minutes", "minutes", { max: 5 }, { weight: 1 }),
        scale("friendliness", 1, 5, { weight: 2 }),
      ]),
      section("checkout", 1, [
        yesNo("bag_offered", { weight: 1 }),
        choice(
          "farewell",
          [
            ["warm", 4],
            ["polite", 3],
            ["none", 0],
          ],
          { weight: 2 },
        ),
      ]),
    );
    // The stored answers of Example 1, as rows (no ruling yet).
    const rows = [
      { itemKey: "greeted", value: true, na: false, ruling: null },
      { itemKey: "queue_minutes", value: 7, na: false, ruling: null },
      { itemKey: "friendliness", value: 4, na: false, ruling: null },
      { itemKey: "bag_offered", value: true, na: false, ruling: null },
      { itemKey: "farewell", value: "polite", na: false, ruling: null },
    ];
    const before = scoreAudit(doc, rows.map(answerOfRow));
    expect(before.score).toBeCloseTo(74.444444444444, 9);
    expect(disputableItems(before)).toEqual(["queue_minutes", "friendliness", "farewell"]);

    const decided = applyRulings(rows, [
      { itemKey: "queue_minutes", outcome: "overturned" },
      { itemKey: "friendliness", outcome: "upheld" },
      { itemKey: "farewell", outcome: "not_applicable" },
    ]);
    const r = scoreAudit(doc, decided.map(answerOfRow));
    expectItems(r, [
      ["queue_minutes", "pass", 1],
      ["friendliness", "partial", 0.75],
      ["farewell", "na", null],
    ]);
    expect(itemOf(r, "queue_minutes")).toMatchObject({ ruling: "met", rule: "dispute: overturned, scored as met" });
    expect(itemOf(r, "farewell")).toMatchObject({ ruling: "not_applicable", counted: false });
    expect(itemOf(r, "friendliness").ruling).toBeUndefined();
    expectSection(r, "welcome", { earned: 4.5, possible: 5, ratio: 0.9, included: true });
    expectSection(r, "checkout", { earned: 1, possible: 1, ratio: 1, included: true });
    expectOverallSums(r, 2.8, 3);
    expect(r.score).toBeCloseTo(93.333333333333, 9);
    expect(display(r.score)).toBe("93.3");

    // Only queue_minutes ruled N/A instead.
    const na = scoreAudit(
      doc,
      applyRulings(rows, [{ itemKey: "queue_minutes", outcome: "not_applicable" }]).map(answerOfRow),
    );
    expectSection(na, "welcome", { earned: 3.5, possible: 4, ratio: 0.875, included: true });
    expect(na.score).toBeCloseTo(86.111111111111, 9);
    expect(display(na.score)).toBe("86.1");

    // All upheld (and the report voided): the score is unchanged; the report leaves every score.
    const upheld = scoreAudit(
      doc,
      applyRulings(
        rows,
        ["queue_minutes", "friendliness", "farewell"].map((itemKey) => ({ itemKey, outcome: "upheld" as const })),
      ).map(answerOfRow),
    );
    expect(upheld).toEqual(before);
    expect(countsAfterDecision("void")).toBe(false);
    expect(rollupDelta(before, -1)).toMatchObject({ audits: -1, scored: -1 });
  });
});

describe("decisions taken in the code (docs/SCORING.md)", () => {
  it("a critical item triggers on fail regardless of its weight", () => {
    const doc = checklist(
      section("hygiene", 1, [yesNo("gloves", { weight: 0, critical: "section" }), yesNo("clean")]),
      section("service", 1, [yesNo("greeted"), yesNo("id", { weight: 0, critical: "audit" })]),
    );
    const answers: Answer[] = [
      { item: "gloves", value: false },
      { item: "clean", value: true },
      { item: "greeted", value: true },
    ];
    const r = scoreAudit(doc, answers);
    expect(itemOf(r, "gloves")).toMatchObject({ outcome: "fail", counted: false });
    expectSection(r, "hygiene", { earned: 0, possible: 1, ratio: 0, included: true, zeroedBy: "gloves" });
    expect(r.score).toBe(50);
    const audit = scoreAudit(doc, [...answers, { item: "id", value: false }]);
    expect(audit).toMatchObject({ score: 0, criticalFailed: true, criticalItem: "id" });
  });

  it("a partial or N/A critical item does not trigger; only outcome fail does", () => {
    const doc = checklist(
      section("s", 1, [num("rings", "rings", { max: 3 }, { critical: "audit", naAllowed: true }), yesNo("ok")]),
    );
    expect(
      scoreAudit(doc, [
        { item: "rings", na: true },
        { item: "ok", value: true },
      ]).score,
    ).toBe(100);
    expect(
      scoreAudit(doc, [
        { item: "rings", value: 3 },
        { item: "ok", value: false },
      ]),
    ).toMatchObject({
      score: 50,
      criticalFailed: false,
    });
  });

  it("the first failed critical item in document order is the one reported", () => {
    const doc = checklist(
      section("s", 1, [
        yesNo("b_sec", { critical: "section" }),
        yesNo("a_sec", { critical: "section" }),
        yesNo("z_aud", { critical: "audit" }),
        yesNo("y_aud", { critical: "audit" }),
      ]),
    );
    const r = scoreAudit(
      doc,
      ["b_sec", "a_sec", "z_aud", "y_aud"].map((item) => ({ item, value: false })),
    );
    expect(sectionOf(r, "s").zeroedBy).toBe("b_sec");
    expect(r.criticalItem).toBe("z_aud");
  });

  it("a failed audit-critical item gives 0, not null, even when nothing else is applicable", () => {
    const doc = checklist(
      section("s", 1, [yesNo("id", { weight: 0, critical: "audit" }), yesNo("x", { naAllowed: true })]),
    );
    const r = scoreAudit(doc, [
      { item: "id", value: false },
      { item: "x", na: true },
    ]);
    expect(r).toMatchObject({ score: 0, criticalFailed: true });
    expect(sectionOf(r, "s").included).toBe(false);
  });

  it("N/A on an item that does not allow it counts as missing; unknown answers are ignored", () => {
    const doc = checklist(section("s", 1, [yesNo("a"), yesNo("b")]));
    const r = scoreAudit(doc, [
      { item: "a", na: true },
      { item: "b", value: true },
      { item: "ghost", value: false },
    ]);
    expect(itemOf(r, "a").outcome).toBe("missing");
    expect(r).toMatchObject({ score: 100, complete: false, missing: ["a"] });
  });

  it("a weight-0 item still has to be answered", () => {
    const doc = checklist(section("s", 1, [yesNo("a"), yesNo("b", { weight: 0 })]));
    expect(scoreAudit(doc, [{ item: "a", value: true }])).toMatchObject({ complete: false, missing: ["b"] });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Properties over random valid checklists and complete answer sets
// ---------------------------------------------------------------------------------------------

const RUNS = { numRuns: 200 };

/** 0, whole numbers and hundredths: the weights people type. */
const weightArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 10 }),
  fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
);
const keyArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,7}$/);
const pointsArb = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
);
const boundArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 200 }).map((n) => n / 10),
);

const commonArb = (pastFail: boolean) =>
  fc.record({
    weight: weightArb,
    critical: pastFail
      ? fc.constantFrom<CriticalLevel>("none", "none", "none", "none", "section", "audit")
      : fc.constant<CriticalLevel>("none"),
    naAllowed: fc.boolean(),
    evidenceOnFail: fc.constantFrom<EvidenceOnFail>("none", "comment", "photo"),
  });

/** An item without its key (keys are dealt out per document, so they are unique). */
const itemArb: fc.Arbitrary<ChecklistItem> = fc.oneof(
  commonArb(true).map((c) => yesNo("", c)),
  fc
    .tuple(commonArb(true), fc.constantFrom(...NUMBER_UNITS), boundArb, boundArb, fc.constantFrom("min", "max", "both"))
    .map(([c, unit, a, b, which]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const pass = which === "min" ? { min: lo } : which === "max" ? { max: hi } : { min: lo, max: hi };
      return num("", unit, pass, c);
    }),
  fc
    .tuple(commonArb(false), fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 10 }))
    .map(([c, min, span]) => scale("", min, min + span, c)),
  fc
    .tuple(
      commonArb(false),
      fc.uniqueArray(fc.tuple(keyArb, pointsArb), { minLength: 2, maxLength: 5, selector: ([k]) => k }),
    )
    .filter(([, options]) => options.some(([, points]) => points > 0))
    .map(([c, options]) => choice("", options, c)),
  commonArb(false).map((c) => text("", { ...c, evidenceOnFail: "none" })),
  commonArb(false).map((c) => photo("", { ...c, evidenceOnFail: "none" })),
);

const docArb: fc.Arbitrary<ChecklistDocument> = fc
  .array(fc.tuple(weightArb, fc.array(itemArb, { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 5 })
  .chain((shape) => {
    const count = shape.length + shape.reduce((n, [, items]) => n + items.length, 0);
    return fc.uniqueArray(keyArb, { minLength: count, maxLength: count }).map((keys) => {
      let next = 0;
      const take = () => keys[next++] ?? "";
      return checklist(
        ...shape.map(([weight, items]) =>
          section(
            take(),
            weight,
            items.map((item) => {
              const key = take();
              return { ...item, key, prompt: L(key) };
            }),
          ),
        ),
      );
    });
  })
  .filter((doc) => checkChecklist(doc).length === 0);

/** Values of the item's kind, chosen to land on both sides of number rules. */
function valueArb(item: ChecklistItem): fc.Arbitrary<Answer["value"]> {
  switch (item.kind) {
    case "yes_no":
      return fc.boolean();
    case "number": {
      const { min, max } = item.pass;
      const edges = [0, min, max, max === undefined ? undefined : max + 1, min === undefined ? undefined : min - 0.5];
      const near = edges.filter((v): v is number => v !== undefined && v >= 0);
      return fc.oneof(
        fc.constantFrom(...near),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 300 }).map((n) => n / 10),
      );
    }
    case "scale":
      return fc.integer({ min: item.min, max: item.max });
    case "choice":
      return fc.constantFrom(...item.options.map((o) => o.key));
    case "text":
      return fc.string({ maxLength: 20 });
    case "photo":
      return fc.constant(undefined);
  }
}

/** One answer per scored item (N/A now and then where allowed); text answered or not; photos never. */
function answerArb(item: ChecklistItem): fc.Arbitrary<Answer | null> {
  if (item.kind === "photo") return fc.constant(null);
  if (item.kind === "text") return fc.option(valueArb(item).map((value) => ({ item: item.key, value })));
  const value = valueArb(item).map((v): Answer => ({ item: item.key, value: v }));
  return item.naAllowed ? fc.oneof(value, value, fc.constant<Answer>({ item: item.key, na: true })) : value;
}

interface Scenario {
  doc: ChecklistDocument;
  answers: Answer[];
}

const scenarioArb: fc.Arbitrary<Scenario> = docArb.chain((doc) =>
  fc
    .tuple(...doc.sections.flatMap((s) => s.items.map(answerArb)))
    .map((answers) => ({ doc, answers: answers.filter((a): a is Answer => a !== null) })),
);

const allItems = (doc: ChecklistDocument) => doc.sections.flatMap((s) => s.items);

/** A value that passes (ratio 1), or undefined when no valid answer can. */
function passValue(item: ChecklistItem): Answer["value"] {
  switch (item.kind) {
    case "yes_no":
      return true;
    case "number":
      return item.pass.min ?? 0;
    case "scale":
      return item.max;
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      return item.options.find((o) => o.points === best)?.key;
    }
    default:
      return undefined;
  }
}

/** A value that fails (ratio 0), or undefined when no valid answer can (e.g. `min: 0` alone). */
function failValue(item: ChecklistItem): Answer["value"] {
  switch (item.kind) {
    case "yes_no":
      return false;
    case "number":
      if (item.pass.max !== undefined) return item.pass.max + 1;
      return item.pass.min !== undefined && item.pass.min > 0 ? 0 : undefined;
    case "scale":
      return item.min;
    case "choice":
      return item.options.find((o) => o.points === 0)?.key;
    default:
      return undefined;
  }
}

const withAnswer = (answers: readonly Answer[], answer: Answer) =>
  answers.map((a) => (a.item === answer.item ? answer : a));

function shuffled<T>(rows: readonly T[], order: readonly number[]): T[] {
  return rows
    .map((row, i) => ({ row, rank: order[i % order.length] ?? 0, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((r) => r.row);
}

describe("scoreAudit properties", () => {
  it("generated checklists and answers are valid (shape, checkChecklist, checkAnswers)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, answers }) => {
        expect(checklistDocument.safeParse(doc).success).toBe(true);
        expect(checkChecklist(doc)).toEqual([]);
        expect(checkAnswers(doc, answers)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("scoreItem gives each item's result from its own answer, as scoreAudit does (some answers dropped)", () => {
    // The phone's form asks one item's outcome at a time (which failures need evidence).
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.boolean(), { minLength: 1 }), ({ doc, answers }, keep) => {
        const some = answers.filter((_, i) => keep[i % keep.length]);
        const byKey = new Map(some.map((a) => [a.item, a]));
        const whole = scoreAudit(doc, some);
        for (const [s, section] of doc.sections.entries())
          for (const [i, item] of section.items.entries())
            expect(scoreItem(item, byKey.get(item.key))).toEqual(whole.sections[s]?.items[i]);
      }),
      RUNS,
    );
  });

  it("itemCase (the form's rule, no words: item-outcome.ts) gives scoreItem's outcome and ratio, rulings included", () => {
    const ruling = fc.constantFrom<Answer["ruling"]>(undefined, null, "met", "not_applicable");
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.array(ruling, { minLength: 1 }),
        ({ doc, answers }, keep, rulings) => {
          const some = answers
            .filter((_, i) => keep[i % keep.length])
            .map((a, i) => ({ ...a, ruling: rulings[i % rulings.length] }));
          const byKey = new Map(some.map((a) => [a.item, a]));
          for (const item of doc.sections.flatMap((section) => section.items)) {
            const result = scoreItem(item, byKey.get(item.key));
            expect(itemCase(item, byKey.get(item.key))).toMatchObject({ outcome: result.outcome, ratio: result.ratio });
          }
        },
      ),
      RUNS,
    );
  });

  it("the score is within [0, 100] or null; a complete answer set is complete", () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, answers }) => {
        const r = scoreAudit(doc, answers);
        expect(r.complete).toBe(true);
        expect(r.missing).toEqual([]);
        if (r.score !== null) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
        }
        const anyIncluded = r.sections.some((s) => s.included);
        expect(r.score === null).toBe(!anyIncluded && !r.criticalFailed);
        for (const s of r.sections) {
          if (s.ratio !== null) {
            expect(s.ratio).toBeGreaterThanOrEqual(0);
            expect(s.ratio).toBeLessThanOrEqual(1);
          }
        }
      }),
      RUNS,
    );
  });

  it("marking an naAllowed item N/A equals deleting the item and its answer", () => {
    const arb = scenarioArb
      .filter(({ doc }) => allItems(doc).some((i) => i.naAllowed && isScored(i)))
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          item: fc.constantFrom(...allItems(s.doc).filter((i) => i.naAllowed && isScored(i))),
        }),
      );
    fc.assert(
      fc.property(arb, ({ s: { doc, answers }, item }) => {
        const na = scoreAudit(doc, [...answers.filter((a) => a.item !== item.key), { item: item.key, na: true }]);
        const deleted = scoreAudit(
          {
            ...doc,
            sections: doc.sections.map((sec) => ({ ...sec, items: sec.items.filter((i) => i.key !== item.key) })),
          },
          answers.filter((a) => a.item !== item.key),
        );
        expect(na.score).toBe(deleted.score);
        expect(na.criticalFailed).toBe(deleted.criticalFailed);
        expect(na.complete).toBe(deleted.complete);
      }),
      RUNS,
    );
  });

  it("reordering sections or items changes nothing (exact)", () => {
    const order = fc.array(fc.integer(), { minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(scenarioArb, order, order, ({ doc, answers }, sectionOrder, itemOrder) => {
        const reordered: ChecklistDocument = {
          ...doc,
          sections: shuffled(doc.sections, sectionOrder).map((s) => ({ ...s, items: shuffled(s.items, itemOrder) })),
        };
        const a = scoreAudit(doc, answers);
        const b = scoreAudit(reordered, shuffled(answers, itemOrder));
        expect(b.score).toBe(a.score);
        expect(b.criticalFailed).toBe(a.criticalFailed);
        expect(b.complete).toBe(a.complete);
        for (const s of a.sections) {
          const t = sectionOf(b, s.key);
          expect([t.earned, t.possible, t.ratio, t.included]).toEqual([s.earned, s.possible, s.ratio, s.included]);
        }
      }),
      RUNS,
    );
  });

  const factorArb = fc.oneof(
    fc.constantFrom(0.1, 0.5, 2, 3, 10, 1000),
    fc.double({ min: 1 / 64, max: 64, noNaN: true, noDefaultInfinity: true }),
  );

  it("multiplying every item weight of one section by k > 0 changes nothing (1e-9)", () => {
    const arb = scenarioArb.chain((s) =>
      fc.record({ s: fc.constant(s), at: fc.nat({ max: s.doc.sections.length - 1 }), k: factorArb }),
    );
    fc.assert(
      fc.property(arb, ({ s: { doc, answers }, at, k }) => {
        const scaled: ChecklistDocument = {
          ...doc,
          sections: doc.sections.map((sec, i) =>
            i === at ? { ...sec, items: sec.items.map((item) => ({ ...item, weight: item.weight * k })) } : sec,
          ),
        };
        const a = scoreAudit(doc, answers);
        const b = scoreAudit(scaled, answers);
        expect(b.criticalFailed).toBe(a.criticalFailed);
        if (a.score === null) expect(b.score).toBeNull();
        else expect(Math.abs((b.score ?? Number.NaN) - a.score)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  it("multiplying every section weight by k > 0 changes nothing (1e-9)", () => {
    fc.assert(
      fc.property(scenarioArb, factorArb, ({ doc, answers }, k) => {
        const scaled: ChecklistDocument = {
          ...doc,
          sections: doc.sections.map((sec) => ({ ...sec, weight: sec.weight * k })),
        };
        const a = scoreAudit(doc, answers);
        const b = scoreAudit(scaled, answers);
        if (a.score === null) expect(b.score).toBeNull();
        else expect(Math.abs((b.score ?? Number.NaN) - a.score)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  it("turning a failed item into a pass never lowers the score", () => {
    const arb = scenarioArb
      .map(({ doc, answers }) => {
        const r = scoreAudit(doc, answers);
        const failed = allItems(doc).filter((i) =>
          r.sections.some((s) => s.items.some((x) => x.key === i.key && x.outcome === "fail")),
        );
        return { doc, answers, failed };
      })
      .filter(({ failed }) => failed.length > 0)
      .chain((s) => fc.record({ s: fc.constant(s), item: fc.constantFrom(...s.failed) }));
    fc.assert(
      fc.property(arb, ({ s: { doc, answers }, item }) => {
        const before = scoreAudit(doc, answers);
        const after = scoreAudit(doc, withAnswer(answers, { item: item.key, value: passValue(item) }));
        expect(itemOf(after, item.key).outcome).toBe("pass");
        if (after.score === null) {
          // Nothing applicable: before was no score either, or 0 from a failed audit-critical item.
          if (before.score !== null) expect(before).toMatchObject({ score: 0, criticalFailed: true });
        } else {
          expect(before.score).not.toBeNull();
          expect(after.score).toBeGreaterThanOrEqual(before.score ?? Number.POSITIVE_INFINITY);
        }
      }),
      RUNS,
    );
  });

  it("a failed critical: audit item gives 0 and criticalFailed", () => {
    const arb = scenarioArb
      .filter(({ doc }) =>
        allItems(doc).some((i) => failValue(i) !== undefined && (i.kind === "yes_no" || i.kind === "number")),
      )
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          item: fc.constantFrom(
            ...allItems(s.doc).filter(
              (i) => failValue(i) !== undefined && (i.kind === "yes_no" || i.kind === "number"),
            ),
          ),
        }),
      );
    fc.assert(
      fc.property(arb, ({ s: { doc, answers }, item }) => {
        const critical: ChecklistDocument = {
          ...doc,
          sections: doc.sections.map((sec) => ({
            ...sec,
            items: sec.items.map((i) => (i.key === item.key ? { ...i, critical: "audit" } : i)),
          })),
        };
        const failing = withAnswer(answers, { item: item.key, value: failValue(item) });
        expect(checkAnswers(critical, failing)).toEqual([]);
        const r = scoreAudit(critical, failing);
        expect(r.score).toBe(0);
        expect(r.criticalFailed).toBe(true);
        expect(r.criticalItem).not.toBeNull();
      }),
      RUNS,
    );
  });

  it("all passed with section weights 0.1 and 0.7 gives exactly 100 (ratio first, then × 100)", () => {
    const doc = checklist(section("a", 0.1, [yesNo("x")]), section("b", 0.7, [yesNo("y")]));
    const r = scoreAudit(doc, [
      { item: "x", value: true },
      { item: "y", value: true },
    ]);
    expect(r.score).toBe(100);
  });

  it("all applicable items passed gives exactly 100", () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, answers }) => {
        const passing = answers.map((a) => {
          const item = allItems(doc).find((i) => i.key === a.item);
          return item && isScored(item) && !a.na ? { item: a.item, value: passValue(item) } : a;
        });
        const r = scoreAudit(doc, passing);
        expect(r.criticalFailed).toBe(false);
        if (r.sections.some((s) => s.included)) expect(r.score).toBe(100);
        else expect(r.score).toBeNull();
      }),
      RUNS,
    );
  });

  it("missing answers make the audit incomplete and are listed exactly, in document order", () => {
    const arb = scenarioArb.chain((s) =>
      fc.record({
        s: fc.constant(s),
        drop: fc.subarray(
          allItems(s.doc)
            .filter(isScored)
            .map((i) => i.key),
        ),
      }),
    );
    fc.assert(
      fc.property(arb, ({ s: { doc, answers }, drop }) => {
        const r = scoreAudit(
          doc,
          answers.filter((a) => !drop.includes(a.item)),
        );
        const expected = allItems(doc)
          .map((i) => i.key)
          .filter((k) => drop.includes(k));
        expect(r.missing).toEqual(expected);
        expect(r.complete).toBe(drop.length === 0);
        for (const key of drop)
          expect(itemOf(r, key)).toMatchObject({ outcome: "missing", ratio: null, counted: false });
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. checkChecklist and checkAnswers
// ---------------------------------------------------------------------------------------------

/** A valid two-section document; each test breaks one rule in a copy. */
function validDoc(): ChecklistDocument {
  return checklist(
    section("front", 1, [yesNo("greeted"), num("queue", "minutes", { max: 5 }), scale("smile", 1, 5)]),
    section("back", 2, [
      yesNo("clean", { critical: "section", evidenceOnFail: "photo" }),
      choice("farewell", [
        ["warm", 2],
        ["none", 0],
      ]),
      text("notes"),
      photo("shelf"),
    ]),
  );
}

const codes = (doc: ChecklistDocument) => checkChecklist(doc).map((p) => [p.path, p.code]);

function edit(change: (doc: ChecklistDocument) => void): ChecklistDocument {
  const doc = validDoc();
  change(doc);
  return doc;
}

function itemAt(doc: ChecklistDocument, s: number, i: number): ChecklistItem {
  const item = doc.sections[s]?.items[i];
  if (!item) throw new Error(`no item at sections[${s}].items[${i}]`);
  return item;
}

function setItem(doc: ChecklistDocument, s: number, i: number, item: ChecklistItem) {
  const sec = doc.sections[s];
  if (!sec) throw new Error(`no section ${s}`);
  sec.items[i] = item;
}

describe("checkChecklist", () => {
  it("accepts the valid document", () => {
    expect(checkChecklist(validDoc())).toEqual([]);
  });

  it("duplicate section key → sections[1].key taken", () => {
    const doc = edit((d) => {
      const s = d.sections[1];
      if (s) s.key = "front";
    });
    expect(codes(doc)).toEqual([["sections[1].key", "taken"]]);
  });

  it("duplicate item key, also across sections → sections[1].items[1].key taken", () => {
    const doc = edit((d) => {
      itemAt(d, 1, 1).key = "greeted";
    });
    expect(codes(doc)).toEqual([["sections[1].items[1].key", "taken"]]);
  });

  it.each([
    ["scale", (d: ChecklistDocument) => setItem(d, 1, 0, scale("clean", 1, 5, { critical: "section" }))],
    [
      "choice",
      (d: ChecklistDocument) =>
        setItem(
          d,
          1,
          0,
          choice(
            "clean",
            [
              ["y", 1],
              ["n", 0],
            ],
            { critical: "audit" },
          ),
        ),
    ],
    ["text", (d: ChecklistDocument) => setItem(d, 1, 0, text("clean", { critical: "audit" }))],
    ["photo", (d: ChecklistDocument) => setItem(d, 1, 0, photo("clean", { critical: "section" }))],
  ])("critical on a %s item → sections[1].items[0].critical not_allowed", (_kind, change) => {
    expect(codes(edit(change))).toEqual([["sections[1].items[0].critical", "not_allowed"]]);
  });

  it("critical on yes_no and number items is allowed at both levels", () => {
    const doc = edit((d) => {
      setItem(d, 0, 0, yesNo("greeted", { critical: "audit" }));
      setItem(d, 0, 1, num("queue", "minutes", { max: 5 }, { critical: "section" }));
    });
    expect(codes(doc)).toEqual([]);
  });

  it.each([
    ["text", (d: ChecklistDocument) => setItem(d, 1, 2, text("notes", { evidenceOnFail: "comment" })), 2],
    ["photo", (d: ChecklistDocument) => setItem(d, 1, 3, photo("shelf", { evidenceOnFail: "photo" })), 3],
  ])("evidenceOnFail on a %s item → not_allowed", (_kind, change, index) => {
    expect(codes(edit(change))).toEqual([[`sections[1].items[${index}].evidenceOnFail`, "not_allowed"]]);
  });

  it("number without min and max → sections[0].items[1].pass required", () => {
    const doc = edit((d) => setItem(d, 0, 1, num("queue", "minutes", {})));
    expect(codes(doc)).toEqual([["sections[0].items[1].pass", "required"]]);
  });

  it("number with min > max → sections[0].items[1].pass.min invalid_value; min = max is fine", () => {
    expect(codes(edit((d) => setItem(d, 0, 1, num("queue", "minutes", { min: 6, max: 5 }))))).toEqual([
      ["sections[0].items[1].pass.min", "invalid_value"],
    ]);
    expect(codes(edit((d) => setItem(d, 0, 1, num("queue", "minutes", { min: 5, max: 5 }))))).toEqual([]);
  });

  it.each([
    [5, 5],
    [5, 1],
  ])("scale %i..%i → sections[0].items[2].max invalid_value", (min, max) => {
    expect(codes(edit((d) => setItem(d, 0, 2, scale("smile", min, max))))).toEqual([
      ["sections[0].items[2].max", "invalid_value"],
    ]);
  });

  it("choice with fewer than two options → sections[1].items[1].options required", () => {
    expect(codes(edit((d) => setItem(d, 1, 1, choice("farewell", [["warm", 2]]))))).toEqual([
      ["sections[1].items[1].options", "required"],
    ]);
  });

  it("duplicate option key → sections[1].items[1].options[2].key taken", () => {
    const doc = edit((d) =>
      setItem(
        d,
        1,
        1,
        choice("farewell", [
          ["warm", 2],
          ["none", 0],
          ["warm", 1],
        ]),
      ),
    );
    expect(codes(doc)).toEqual([["sections[1].items[1].options[2].key", "taken"]]);
  });

  it("all options worth 0 points → sections[1].items[1].options invalid_value", () => {
    const doc = edit((d) =>
      setItem(
        d,
        1,
        1,
        choice("farewell", [
          ["warm", 0],
          ["none", 0],
        ]),
      ),
    );
    expect(codes(doc)).toEqual([["sections[1].items[1].options", "invalid_value"]]);
  });

  it("no sections → sections required (once)", () => {
    expect(codes(edit((d) => d.sections.splice(0)))).toEqual([["sections", "required"]]);
  });

  it("a section without items → sections[1].items required", () => {
    const doc = edit((d) => {
      const s = d.sections[1];
      if (s) s.items = [];
    });
    expect(codes(doc)).toEqual([["sections[1].items", "required"]]);
  });

  it("no scored items (only text and photo) → sections required", () => {
    const doc = checklist(section("notes", 1, [text("remarks")]), section("pictures", 1, [photo("front")]));
    expect(codes(doc)).toEqual([["sections", "required"]]);
  });

  it("reports several problems at once, in document order", () => {
    const doc = edit((d) => {
      setItem(d, 0, 2, scale("smile", 3, 3, { critical: "section" }));
      itemAt(d, 1, 2).key = "greeted";
    });
    expect(codes(doc)).toEqual([
      ["sections[0].items[2].critical", "not_allowed"],
      ["sections[0].items[2].max", "invalid_value"],
      ["sections[1].items[2].key", "taken"],
    ]);
  });
});

describe("checkAnswers", () => {
  const doc = checklist(
    section("front", 1, [
      yesNo("greeted"),
      num("queue", "minutes", { max: 5 }, { naAllowed: true }),
      scale("smile", 1, 5),
    ]),
    section("back", 1, [
      choice("farewell", [
        ["warm", 2],
        ["none", 0],
      ]),
      text("notes"),
      photo("shelf"),
    ]),
  );
  /** Two good answers, then the one under test at index 2. */
  const third = (answer: Answer) =>
    checkAnswers(doc, [{ item: "greeted", value: true }, { item: "smile", value: 3 }, answer]).map((p) => [
      p.path,
      p.code,
    ]);

  it("accepts valid answers, N/A where allowed, and leaves missing answers to scoreAudit", () => {
    const answers: Answer[] = [
      { item: "greeted", value: false },
      { item: "queue", na: true },
      { item: "smile", value: 5 },
      { item: "farewell", value: "none" },
      { item: "notes", value: "" },
      { item: "shelf" },
    ];
    expect(checkAnswers(doc, answers)).toEqual([]);
    expect(checkAnswers(doc, [])).toEqual([]);
  });

  it("unknown item → answers[2].item unknown_reference", () => {
    expect(third({ item: "ghost", value: true })).toEqual([["answers[2].item", "unknown_reference"]]);
  });

  it("duplicate answer → answers[2].item taken", () => {
    expect(third({ item: "greeted", value: false })).toEqual([["answers[2].item", "taken"]]);
  });

  it("N/A where not allowed → answers[2].na not_allowed", () => {
    expect(third({ item: "farewell", na: true })).toEqual([["answers[2].na", "not_allowed"]]);
  });

  it("N/A with a value → answers[2].value not_allowed", () => {
    expect(third({ item: "queue", na: true, value: 3 })).toEqual([["answers[2].value", "not_allowed"]]);
  });

  it("N/A with a value where N/A is not allowed → both problems", () => {
    expect(third({ item: "farewell", na: true, value: "warm" })).toEqual([
      ["answers[2].na", "not_allowed"],
      ["answers[2].value", "not_allowed"],
    ]);
  });

  it.each<[string, Answer["value"]]>([
    ["farewell", true],
    ["farewell", 1],
    ["queue", "3"],
    ["queue", true],
    ["queue", Number.NaN],
    ["queue", Number.POSITIVE_INFINITY],
    ["notes", 5],
    ["notes", false],
  ])("wrong type: %s = %s → answers[2].value invalid_type", (item, value) => {
    expect(third({ item, value })).toEqual([["answers[2].value", "invalid_type"]]);
  });

  it.each<[string, Answer["value"]]>([
    ["greeted", "yes"],
    ["greeted", 1],
    ["smile", 2.5],
    ["smile", "3"],
  ])("wrong type at index 0/1: %s = %j → invalid_type", (item, value) => {
    const problems = checkAnswers(doc, [{ item, value }]).map((p) => [p.path, p.code]);
    expect(problems).toEqual([["answers[0].value", "invalid_type"]]);
  });

  it.each([0, 6, -1])("scale value %i outside 1..5 → answers[0].value invalid_value", (value) => {
    expect(checkAnswers(doc, [{ item: "smile", value }]).map((p) => [p.path, p.code])).toEqual([
      ["answers[0].value", "invalid_value"],
    ]);
  });

  it("unknown choice option → answers[2].value invalid_value", () => {
    expect(third({ item: "farewell", value: "lukewarm" })).toEqual([["answers[2].value", "invalid_value"]]);
  });

  it("negative number → answers[2].value invalid_value; 0 and decimals are fine", () => {
    expect(third({ item: "queue", value: -1 })).toEqual([["answers[2].value", "invalid_value"]]);
    expect(third({ item: "queue", value: 0 })).toEqual([]);
    expect(third({ item: "queue", value: 2.5 })).toEqual([]);
  });

  it("a value for a photo item → answers[2].value not_allowed", () => {
    expect(third({ item: "shelf", value: "photo.jpg" })).toEqual([["answers[2].value", "not_allowed"]]);
  });

  it("reports every bad answer, each at its own index", () => {
    const problems = checkAnswers(doc, [
      { item: "ghost", value: 1 },
      { item: "greeted", value: true },
      { item: "smile", value: 9 },
      { item: "greeted", value: false },
    ]).map((p) => p.path);
    expect(problems).toEqual(["answers[0].item", "answers[2].value", "answers[3].item"]);
  });
});
