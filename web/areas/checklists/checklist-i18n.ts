/**
 * The checklist pages' translator (`tc`), following the app's language, and the wording of
 * checklist problems and paths in that language. The audit form's own strings and formats
 * (scoring rules too) are in form-i18n.ts; `tc` knows their keys as well.
 */

import type { ChecklistDocument } from "../../../worker/domain/checklists";
import type { FieldProblem } from "../../lib/api";
import { formatNumber, localName } from "../../lib/formats";
import { defineDictionary } from "../../lib/i18n";
import type { LocalizedName } from "../../lib/types";
import { locate } from "./checklist-document";
import type { ChecklistDictionary } from "./strings/en";

const dictionary = defineDictionary<ChecklistDictionary>({
  en: () => import("./strings/en").then((m) => m.checklistsEn),
  zh: () => import("./strings/zh").then((m) => m.checklistsZh),
});
await dictionary.ready;

// The audit form's formats live with its own dictionary; the checklist pages use them from here too.
export { unitSuffix, withUnit } from "../../lib/form-i18n";
export { ruleText } from "../../lib/score-i18n";

/** `tc("editor.addItem")`, `tc("detail.version", { number: 3 })`, `tc("list.items", 4)`. */
export const tc = dictionary.t;

const last = (parts: string[]) => parts[parts.length - 1] ?? "";

const NUMERIC_FIELDS = ["weight", "points", "min", "max"];

function requiredMessage(where: ReturnType<typeof locate>, doc?: ChecklistDocument): string {
  const field = where.field;
  const leaf = last(field);
  const parent = field[field.length - 2] ?? "";
  if (field.length === 1 && leaf === "sections" && where.section === undefined) {
    return doc && doc.sections.length > 0 ? tc("problems.noScoredItems") : tc("problems.noSections");
  }
  if (leaf === "items" && where.section !== undefined && where.item === undefined) return tc("problems.emptySection");
  if (leaf === "pass") return tc("problems.passRequired");
  if (leaf === "options") return tc("problems.twoOptions");
  if (leaf === "key") return tc("problems.key");
  if (NUMERIC_FIELDS.includes(leaf)) return tc("problems.numberRequired");
  if (leaf === "en" || leaf === "zh") {
    const language = leaf === "en" ? "En" : "Zh";
    if (parent === "name") return tc(`problems.name${language}`);
    if (parent === "title") return tc(`problems.title${language}`);
    if (parent === "prompt") return tc(`problems.prompt${language}`);
    if (parent === "label") return tc(`problems.label${language}`);
  }
  return tc("problems.required");
}

/**
 * A checklist problem (from `checkChecklist`, the builder's shape check or the API) in the
 * user's language, worded for the field it is on. `doc` tells "no sections" from "nothing scored".
 */
export function checklistProblemMessage(problem: FieldProblem, doc?: ChecklistDocument): string {
  const where = locate(problem.path);
  const field = where.field;
  const leaf = last(field);
  const parent = field[field.length - 2] ?? "";
  const inOption = where.option !== undefined;
  const inItem = where.item !== undefined;
  const inSection = where.section !== undefined;

  switch (problem.code) {
    case "taken":
      if (leaf === "key") {
        if (inOption) return tc("problems.optionKeyTaken");
        if (inItem) return tc("problems.itemKeyTaken");
        if (inSection) return tc("problems.sectionKeyTaken");
      }
      return tc("problems.keyTaken");
    case "too_small":
      if (NUMERIC_FIELDS.includes(leaf)) return tc("problems.tooSmall", { limit: formatNumber(problem.limit ?? 0) });
      return requiredMessage(where, doc);
    case "required":
      return requiredMessage(where, doc);
    case "too_big":
      if (leaf === "options" || leaf === "sections" || leaf === "items")
        return tc("problems.tooMany", { limit: problem.limit ?? 0 });
      if (leaf === "en" || leaf === "zh") return tc("problems.tooLong", { limit: problem.limit ?? 0 });
      return tc("problems.tooBig", { limit: formatNumber(problem.limit ?? 0) });
    case "not_allowed":
      if (leaf === "critical") return tc("problems.criticalNotAllowed");
      if (leaf === "evidenceOnFail") return tc("problems.evidenceNotAllowed");
      if (leaf === "channel") return tc("problems.channelKept");
      return tc("problems.other");
    case "invalid_value":
      if (leaf === "min" && parent === "pass") return tc("problems.minAboveMax");
      if (leaf === "max" && inItem && parent !== "pass") return tc("problems.scaleRange");
      if (leaf === "options") return tc("problems.optionPoints");
      return tc("problems.invalidValue");
    case "invalid_format":
      if (leaf === "key") return tc("problems.keyFormat");
      return tc("problems.other");
    case "invalid_type":
      if (problem.message === "Enter a whole number") return tc("problems.wholeNumber");
      if (NUMERIC_FIELDS.includes(leaf)) return tc("problems.numberRequired");
      return tc("problems.invalidType");
    case "unknown_field":
      return tc("problems.unknownField");
    default:
      return tc("problems.other");
  }
}

/** The field a path ends at, named as the builder labels it (for lists of problems). */
function fieldName(field: string[]): string {
  const leaf = last(field);
  const parent = field[field.length - 2] ?? "";
  const language = leaf === "en" ? "En" : leaf === "zh" ? "Zh" : "";
  if (language && parent === "name") return tc(`fields.name${language}`);
  if (language && parent === "title") return tc(`fields.title${language}`);
  if (language && parent === "prompt") return tc(`fields.prompt${language}`);
  if (language && parent === "guidance") return tc(`fields.guidance${language}`);
  if (language && parent === "label") return tc(`fields.label${language}`);
  switch (leaf) {
    case "key":
      return tc("fields.key");
    case "weight":
      return tc("fields.weight");
    case "kind":
      return tc("fields.kind");
    case "critical":
      return tc("fields.critical");
    case "naAllowed":
      return tc("fields.naAllowed");
    case "evidenceOnFail":
      return tc("fields.evidenceOnFail");
    case "unit":
      return tc("fields.unit");
    case "pass":
      return tc("fields.passRange");
    case "items":
      return "";
    case "min":
      return parent === "pass" ? tc("fields.passMin") : tc("fields.scaleMin");
    case "max":
      return parent === "pass" ? tc("fields.passMax") : tc("fields.scaleMax");
    case "options":
      return tc("fields.options");
    case "points":
      return tc("fields.points");
    case "channel":
      return tc("fields.channel");
    case "name":
      return tc("problems.where.name");
    case "sections":
      return tc("problems.where.sections");
    default:
      return leaf;
  }
}

const clip = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Where a path points, for people: `Section 2 “Welcome” › Question 1 “Did the…” › Critical`.
 * Works on any document, even a half-valid imported one.
 */
export function describePath(path: string, doc?: unknown): string {
  const where = locate(path);
  const parts: string[] = [];
  const sections = (doc as { sections?: unknown } | undefined)?.sections;
  const sectionAt = Array.isArray(sections) && where.section !== undefined ? sections[where.section] : undefined;
  const titled = (label: string, text: unknown) => {
    const name = text && typeof text === "object" ? localName(text as LocalizedName) : "";
    return name ? `${label} “${clip(name)}”` : label;
  };
  if (where.section !== undefined) {
    parts.push(titled(tc("problems.where.section", { number: where.section + 1 }), sectionAt?.title));
  }
  if (where.item !== undefined) {
    const items = sectionAt && Array.isArray(sectionAt.items) ? sectionAt.items : [];
    parts.push(titled(tc("problems.where.item", { number: where.item + 1 }), items[where.item]?.prompt));
  }
  if (where.option !== undefined) parts.push(tc("problems.where.option", { number: where.option + 1 }));
  const field = where.field.length > 0 ? fieldName(where.field) : "";
  if (field) parts.push(field);
  return parts.length ? parts.join(" › ") : tc("problems.checklist");
}
