/**
 * The decision page's impact (web/areas/disputes/impact.ts): the score a report would have
 * after the arbiter's outcomes, worked out with the one scoring rule, rulings already decided
 * included (the API's answers carry the shopper's values; rulings come back from `result`).
 */
import { describe, expect, it } from "vitest";
import { type ScoredReport, scoreAfter, scoringAnswers } from "../../web/areas/disputes/impact";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";

const yesNo = (key: string) => ({
  key,
  kind: "yes_no" as const,
  prompt: { en: key, zh: key },
  guidance: { en: "", zh: "" },
  weight: 1,
  critical: "none" as const,
  naAllowed: false,
  evidenceOnFail: "none" as const,
});

const doc: ChecklistDocument = {
  name: { en: "Store", zh: "门店" },
  channel: "store",
  sections: [
    { key: "welcome", title: { en: "Welcome", zh: "迎接" }, weight: 1, items: [yesNo("greets"), yesNo("price")] },
    {
      key: "closing",
      title: { en: "Closing", zh: "结束" },
      weight: 1,
      items: [
        {
          key: "rings",
          kind: "number",
          unit: "rings",
          pass: { max: 3 },
          prompt: { en: "Rings?", zh: "响铃？" },
          guidance: { en: "", zh: "" },
          weight: 1,
          critical: "none",
          naAllowed: false,
          evidenceOnFail: "none",
        },
      ],
    },
  ],
};

/** A report as the API sends it: the shopper's values, and the result (with any rulings) stored. */
function report(rulings: Answer[] = []): ScoredReport {
  const values: Answer[] = [
    { item: "greets", value: false },
    { item: "price", value: true },
    { item: "rings", value: 5 },
  ];
  const scored = values.map((v) => ({ ...v, ...rulings.find((r) => r.item === v.item) }));
  return {
    result: scoreAudit(doc, scored),
    answers: values.map((v) => ({ item: v.item, value: v.value ?? null })),
  };
}

describe("scoreAfter", () => {
  // welcome 1 of 2 = 0.5, closing 0 of 1 = 0: (0.5 + 0) / 2 = 25.
  it("leaves the score as it is when every item is upheld", () => {
    expect(scoreAfter(report(), doc, [{ itemKey: "greets", outcome: "upheld" }])).toBe(25);
  });

  it("scores an overturned item as met", () => {
    // welcome 2 of 2 = 1, closing 0: 50.
    expect(scoreAfter(report(), doc, [{ itemKey: "greets", outcome: "overturned" }])).toBe(50);
    // welcome 0.5, closing 1: 75; both: 100.
    expect(scoreAfter(report(), doc, [{ itemKey: "rings", outcome: "overturned" }])).toBe(75);
    expect(
      scoreAfter(report(), doc, [
        { itemKey: "greets", outcome: "overturned" },
        { itemKey: "rings", outcome: "overturned" },
      ]),
    ).toBe(100);
  });

  it("takes a not-applicable item out of earned and possible", () => {
    // welcome: price alone, 1 of 1 = 1; closing 0: 50.
    expect(scoreAfter(report(), doc, [{ itemKey: "greets", outcome: "not_applicable" }])).toBe(50);
    // closing has nothing left and leaves the score: welcome's 0.5 alone = 50.
    expect(scoreAfter(report(), doc, [{ itemKey: "rings", outcome: "not_applicable" }])).toBe(50);
  });

  it("keeps the rulings an earlier dispute decided, read back from the stored result", () => {
    const earlier = report([{ item: "rings", ruling: "met" }]);
    expect(scoringAnswers(earlier).find((a) => a.item === "rings")?.ruling).toBe("met");
    expect(scoreAudit(doc, scoringAnswers(earlier)).score).toBe(75);
    expect(scoreAfter(earlier, doc, [{ itemKey: "greets", outcome: "overturned" }])).toBe(100);
    expect(scoreAfter(earlier, doc, [{ itemKey: "greets", outcome: "upheld" }])).toBe(75);
  });
});
