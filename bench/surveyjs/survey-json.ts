/**
 * The benchmark checklist (bench/form-open.ts `formOpenChecklist()`) as a SurveyJS survey JSON,
 * in English: yes_no → boolean, number → text with inputType number (the unit as placeholder),
 * scale → rating min..max, choice → radiogroup, text → comment (photo → file, unused by the
 * benchmark); guidance → description. Each section is a page, so SurveyJS shows section 1
 * alone, as Courtesy's form does (one section at a time). Not converted: weights and critical
 * flags (scoring, not display), evidence-on-fail (Courtesy shows it only after a failing
 * answer) and N/A (a checkbox on 1 item in 4 in Courtesy; SurveyJS's boolean and rating have
 * none): SurveyJS renders no more than Courtesy does, if anything a little less.
 */
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";

type SurveyElement = Record<string, unknown> & { type: string; name: string; title: string };

function element(item: ChecklistItem): SurveyElement {
  const base = {
    name: item.key,
    title: item.prompt.en,
    ...(item.guidance.en ? { description: item.guidance.en } : {}),
  };
  switch (item.kind) {
    case "yes_no":
      return { ...base, type: "boolean" };
    case "number":
      return { ...base, type: "text", inputType: "number", ...(item.unit ? { placeholder: item.unit } : {}) };
    case "scale":
      return { ...base, type: "rating", rateMin: item.min, rateMax: item.max };
    case "choice":
      return {
        ...base,
        type: "radiogroup",
        choices: item.options.map((option) => ({ value: option.key, text: option.label.en })),
      };
    case "text":
      return { ...base, type: "comment" };
    case "photo":
      return { ...base, type: "file", acceptedTypes: "image/*" };
  }
}

/** The survey JSON SurveyJS's page embeds: one page per section, its items in order. */
export function toSurveyJson(doc: ChecklistDocument): Record<string, unknown> {
  return {
    title: doc.name.en,
    pages: doc.sections.map((section) => ({
      name: section.key,
      title: section.title.en,
      elements: section.items.map(element),
    })),
  };
}
