/**
 * A report's item as a dispute shows it: its label, the shopper's answer and why it lost points,
 * in the current language.
 */
import type { ChecklistDocument, ChecklistItem } from "../../../../worker/domain/checklists";
import type { Answer, ItemResult } from "../../../../worker/domain/scoring";
import { tf, withUnit } from "../../../lib/form-i18n";
import { formatNumber, localName } from "../../../lib/formats";
import { ts } from "../../../lib/score-i18n";
import { td } from "../disputes-i18n";

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
  if (!answer || answer.na) return ts("outcomes.na");
  const value = answer.value;
  if (value === undefined || value === null || value === "") return ts("outcomes.missing");
  if (typeof value === "boolean") return value ? tf("form.yes") : tf("form.no");
  if (item?.kind === "choice") {
    const option = item.options.find((o) => o.key === value);
    return option ? localName(option.label) || String(value) : String(value);
  }
  if (item?.kind === "number" && typeof value === "number") return withUnit(value, item.unit);
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/**
 * Why the item lost points, in words that add to the answer shown above it: the rule that passes
 * it and what it scored of its weight ("Only “Yes” passes, so it scored 0 of its weight 2."), then, for a
 * critical item, what failing it does to the section or the report.
 */
export function lostPointsText(item: ChecklistItem | undefined, result: ItemResult | undefined): string {
  if (!item || !result || result.ratio === null) return "";
  const weight = formatNumber(result.weight);
  const earned = formatNumber(result.weight * result.ratio);
  const rule = (() => {
    switch (item.kind) {
      case "yes_no":
        return td("why.yesNo", { weight });
      case "number": {
        const { min, max } = item.pass;
        const shown = (n: number) => withUnit(n, item.unit);
        if (min !== undefined && max !== undefined)
          return td("why.between", { min: shown(min), max: shown(max), weight });
        if (min !== undefined) return td("why.atLeast", { min: shown(min), weight });
        if (max !== undefined) return td("why.atMost", { max: shown(max), weight });
        return "";
      }
      case "scale":
        return td("why.scale", { max: formatNumber(item.max), earned, weight });
      case "choice": {
        const best = [...item.options].sort((a, b) => b.points - a.points)[0];
        return td("why.choice", { best: best ? localName(best.label) || best.key : "", earned, weight });
      }
      default:
        return "";
    }
  })();
  const critical =
    result.outcome === "fail" && item.critical !== "none"
      ? td(item.critical === "audit" ? "why.criticalAudit" : "why.criticalSection")
      : "";
  return [rule, critical].filter(Boolean).join(" ");
}
