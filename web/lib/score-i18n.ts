/**
 * A report's score in words (`ts`): outcomes, the score and how it is worked out, the rule behind
 * each item's result. Reports, reviews, disputes and the builder's preview use these; the
 * shopper's form does not, so its phone downloads them only with those pages (web/i18n/audit-score).
 * Follows the app's language.
 */

import type { ChecklistItem } from "../../worker/domain/checklists";
import type { Answer, ItemResult } from "../../worker/domain/scoring";
import type { AuditScoreDictionary } from "../i18n/audit-score/en";
import { withUnit } from "./form-i18n";
import { formatNumber, localName } from "./formats";
import { defineDictionary, locale } from "./i18n";

const dictionary = defineDictionary<AuditScoreDictionary>({
  en: () => import("../i18n/audit-score/en").then((m) => m.auditScoreEn),
  zh: () => import("../i18n/audit-score/zh").then((m) => m.auditScoreZh),
});
await dictionary.ready;

/** `ts("score.title")`, `ts("outcomes.pass")`, `ts("rules.yes")`. */
export const ts = dictionary.t;

/**
 * The rule behind an item's result in words, in the user's language (the `rule` that
 * `scoreAudit` returns is the same statement in English, for logs and the API).
 */
export function ruleText(item: ChecklistItem, result: ItemResult, answer: Answer | undefined): string {
  switch (result.outcome) {
    case "na":
      return ts("rules.na");
    case "missing":
      return ts("rules.missing");
    case "unscored":
      return ts("rules.unscored");
    default:
      break;
  }
  const value = answer?.value;
  switch (item.kind) {
    case "yes_no":
      return value === true ? ts("rules.yes") : ts("rules.no");
    case "number": {
      const n = Number(value);
      const shown = withUnit(n, item.unit);
      const { min, max } = item.pass;
      if (min !== undefined && n < min) return ts("rules.below", { value: shown, min: formatNumber(min) });
      if (max !== undefined && n > max) return ts("rules.above", { value: shown, max: formatNumber(max) });
      const range = [
        min !== undefined ? ts("rules.atLeast", { min: formatNumber(min) }) : "",
        max !== undefined ? ts("rules.atMost", { max: formatNumber(max) }) : "",
      ]
        .filter(Boolean)
        .join(locale() === "zh" ? "，" : ", ");
      return ts("rules.within", { value: shown, range });
    }
    case "scale":
      return ts("rules.scale", {
        value: formatNumber(Number(value)),
        min: formatNumber(item.min),
        max: formatNumber(item.max),
        ratio: formatNumber(result.ratio ?? 0, 3),
      });
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      const chosen = item.options.find((o) => o.key === value);
      return ts("rules.choice", {
        option: chosen ? localName(chosen.label) || chosen.key : String(value),
        points: formatNumber(chosen?.points ?? 0),
        best: formatNumber(best),
      });
    }
    default:
      return ts("rules.unscored");
  }
}
