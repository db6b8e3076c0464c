/**
 * The SurveyJS side of the form-open benchmark gets the same items as Courtesy's form
 * (bench/surveyjs/survey-json.ts), and the floor the same first section as static HTML (bench/surveyjs/floor.ts).
 */
import { describe, expect, it } from "vitest";
import { BLANK_HTML, FLOOR_QUESTION, floorHtml } from "../../bench/surveyjs/floor";
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

describe("floorHtml", () => {
  const withNa: ChecklistDocument = {
    ...doc,
    sections: doc.sections.map((section, s) => ({
      ...section,
      items: section.items.map((item, j) =>
        j === 0 ? { ...item, naAllowed: true, prompt: L(s === 0 ? "Tables <clean> & laid?" : "Second section") } : item,
      ),
    })),
  };
  const page = floorHtml(withNa);
  const fieldsets = page.split('<fieldset class="q">').slice(1);

  it("shows the first section's questions only, one fieldset each, as FLOOR_QUESTION selects", () => {
    expect(FLOOR_QUESTION).toBe("fieldset.q");
    expect(fieldsets).toHaveLength(5);
    expect(page).toContain("<h2>Section 0</h2>");
    expect(page).not.toContain("Section 1");
    expect(page).not.toContain("Second section");
  });

  it("gives each kind its plain control, the last (text) a textarea, N/A where allowed, text escaped", () => {
    expect(fieldsets[0]).toContain("<legend>Tables &lt;clean&gt; &amp; laid?</legend>");
    expect(fieldsets[0]).toContain("<p>Only unprompted</p>");
    expect(fieldsets[0]?.match(/type="radio"/g)).toHaveLength(2);
    expect(fieldsets[0]).toContain('type="checkbox" name="a_na"');
    expect(fieldsets[1]).toContain('<input type="number" name="b" inputmode="decimal" placeholder="rings">');
    expect(fieldsets[2]?.match(/type="radio"/g)).toHaveLength(5);
    expect(fieldsets[3]).toContain("Yes, clearly");
    expect(fieldsets[4]).toContain('<textarea name="e"');
    expect(fieldsets.slice(1).join("")).not.toContain("checkbox");
  });

  it("has no script and no style sheet, only the viewport meta the other pages have", () => {
    for (const html of [page, BLANK_HTML]) {
      expect(html).not.toMatch(/<script|<style|rel="stylesheet"/);
      expect(html).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
      );
    }
    expect(BLANK_HTML).toContain('<p id="blank">');
  });
});
