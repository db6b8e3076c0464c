/**
 * The audit form's translator (`tf`) and its unit and rule wording: the shopper's form, the builder's preview and
 * reports use these, with a dictionary of their own (web/i18n/audit-form) so that a shopper's
 * phone never downloads the checklist builder's strings. Follows the app's language.
 */

import type { ChecklistItem } from "../../worker/domain/checklists";
import type { Answer, ItemResult } from "../../worker/domain/scoring";
import type { AuditFormDictionary } from "../i18n/audit-form/en";
import { formatNumber, localName } from "./formats";
import { defineDictionary, locale } from "./i18n";

const dictionary = defineDictionary<AuditFormDictionary>({
  en: () => import("../i18n/audit-form/en").then((m) => m.auditFormEn),
  zh: () => import("../i18n/audit-form/zh").then((m) => m.auditFormZh),
});
await dictionary.ready;
performance.mark("courtesy:strings-form");

/** `tf("form.next")`, `tf("score.incomplete", 3)`. */
export const tf = dictionary.t;

/** The word after a number of this unit: `rings`, `声`; none for a plain count in English. */
export function unitSuffix(unit: string): string | undefined {
  if (unit === "count" && locale() === "en") return undefined;
  return tf(`units.${unit as "rings"}`) ?? unit;
}

/** `5 rings`, `5 声`; a plain count is just the number in English (`5`, `5 次`). */
export function withUnit(value: number, unit: string): string {
  if (unit === "count" && locale() === "en") return formatNumber(value);
  return `${formatNumber(value)} ${tf(`units.${unit as "rings"}`) ?? unit}`;
}

/**
 * The rule behind an item's result in words, in the user's language (the `rule` that
 * `scoreAudit` returns is the same statement in English, for logs and the API).
 */
export function ruleText(item: ChecklistItem, result: ItemResult, answer: Answer | undefined): string {
  switch (result.outcome) {
    case "na":
      return tf("rules.na");
    case "missing":
      return tf("rules.missing");
    case "unscored":
      return tf("rules.unscored");
    default:
      break;
  }
  const value = answer?.value;
  switch (item.kind) {
    case "yes_no":
      return value === true ? tf("rules.yes") : tf("rules.no");
    case "number": {
      const n = Number(value);
      const shown = withUnit(n, item.unit);
      const { min, max } = item.pass;
      if (min !== undefined && n < min) return tf("rules.below", { value: shown, min: formatNumber(min) });
      if (max !== undefined && n > max) return tf("rules.above", { value: shown, max: formatNumber(max) });
      const range = [
        min !== undefined ? tf("rules.atLeast", { min: formatNumber(min) }) : "",
        max !== undefined ? tf("rules.atMost", { max: formatNumber(max) }) : "",
      ]
        .filter(Boolean)
        .join(locale() === "zh" ? "，" : ", ");
      return tf("rules.within", { value: shown, range });
    }
    case "scale":
      return tf("rules.scale", {
        value: formatNumber(Number(value)),
        min: formatNumber(item.min),
        max: formatNumber(item.max),
        ratio: formatNumber(result.ratio ?? 0, 3),
      });
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      const chosen = item.options.find((o) => o.key === value);
      return tf("rules.choice", {
        option: chosen ? localName(chosen.label) || chosen.key : String(value),
        points: formatNumber(chosen?.points ?? 0),
        best: formatNumber(best),
      });
    }
    default:
      return tf("rules.unscored");
  }
}
