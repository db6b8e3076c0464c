/** The SurveyJS side of the form-open benchmark gets the same items as Courtesy's form (bench/surveyjs/survey-json.ts). */
import { describe, expect, it } from "vitest";
import { toSurveyJson } from "../../bench/surveyjs/survey-json";
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";

const L = (en: string) => ({ en, zh: `中文 ${en}` });
const base = (key: string, guidance = "") => ({
  key,
  prompt: L(`Prompt ${key}`),
  guidance: L(guidance),
  weight: 1,
  critical: "none" as const,
  naAllowed: false,
  evidenceOnFail: "none" as const,
});
const items: ChecklistItem[] = [
  { ...base("a", "Only unprompted"), kind: "yes_no" },
  { ...base("b"), kind: "number", unit: "rings", pass: { max: 3 } },
  { ...base("c"), kind: "scale", min: 1, max: 5 },
  {
    ...base("d"),
    kind: "choice",
    options: [
      { key: "yes", label: L("Yes, clearly"), points: 2 },
      { key: "no", label: L("No"), points: 0 },
    ],
  },
  { ...base("e"), kind: "text" },
];
const doc: ChecklistDocument = {
  name: L("Bench"),
  channel: "store",
  sections: [0, 1].map((s) => ({ key: `s${s}`, title: L(`Section ${s}`), weight: 1, items })),
};

describe("toSurveyJson", () => {
  it("makes one page per section with its items in order, in English", () => {
    const json = toSurveyJson(doc) as {
      title: string;
      pages: Array<{ name: string; title: string; elements: unknown[] }>;
    };
    expect(json.title).toBe("Bench");
    expect(json.pages.map((p) => [p.name, p.title, p.elements.length])).toEqual([
      ["s0", "Section 0", 5],
      ["s1", "Section 1", 5],
    ]);
  });

  it("converts each kind to its SurveyJS question, guidance to description", () => {
    const [page] = (toSurveyJson(doc) as { pages: Array<{ elements: unknown[] }> }).pages;
    expect(page?.elements).toEqual([
      { name: "a", title: "Prompt a", description: "Only unprompted", type: "boolean" },
      { name: "b", title: "Prompt b", type: "text", inputType: "number", placeholder: "rings" },
      { name: "c", title: "Prompt c", type: "rating", rateMin: 1, rateMax: 5 },
      {
        name: "d",
        title: "Prompt d",
        type: "radiogroup",
        choices: [
          { value: "yes", text: "Yes, clearly" },
          { value: "no", text: "No" },
        ],
      },
      { name: "e", title: "Prompt e", type: "comment" },
    ]);
  });
});
