/**
 * A report's item as a dispute shows it: its label, the shopper's answer and why it lost points,
 * in the current language (the audit form's rule wording, `ruleText`).
 */
import type { ChecklistDocument, ChecklistItem } from "../../../../worker/domain/checklists";
import type { Answer, ItemResult } from "../../../../worker/domain/scoring";
import { ruleText, tf, withUnit } from "../../../lib/form-i18n";
import { formatNumber, localName } from "../../../lib/formats";

export { resultOf, scoringAnswers } from "../impact";

/** The longest reason the API takes (a branch's or an arbiter's), in characters. */
export const REASON_MAX = 2000;

/** The item of `key` in the report's checklist version (undefined for an unknown key). */
export function itemOf(document: ChecklistDocument | undefined, key: string): ChecklistItem | undefined {
  for (const section of document?.sections ?? []) {
    const item = section.items.find((i) => i.key === key);
    if (item) return item;
  }
  return undefined;
}

/** The item's label in the current language, else its key. */
export function itemLabel(document: ChecklistDocument | undefined, key: string): string {
  const item = itemOf(document, key);
  return (item && localName(item.prompt)) || key;
}

/** What the shopper answered, in words: "No", "5 rings", the option's label, N/A. */
export function answerValue(item: ChecklistItem | undefined, answer: Answer | undefined): string {
  if (!answer || answer.na) return tf("outcomes.na");
  const value = answer.value;
  if (value === undefined || value === null || value === "") return tf("outcomes.missing");
  if (typeof value === "boolean") return value ? tf("form.yes") : tf("form.no");
  if (item?.kind === "choice") {
    const option = item.options.find((o) => o.key === value);
    return option ? localName(option.label) || String(value) : String(value);
  }
  if (item?.kind === "number" && typeof value === "number") return withUnit(value, item.unit);
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/** Why the item lost points: the rule that scored the shopper's answer ("No fails."). */
export function lostPointsText(
  item: ChecklistItem | undefined,
  result: ItemResult | undefined,
  answer: Answer | undefined,
) {
  if (!item || !result) return "";
  return ruleText(item, result, answer);
}
