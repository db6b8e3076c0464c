/**
 * The audit form's translator (`tf`) and its unit wording: the shopper's form, the builder's preview and
 * reports use these, with a dictionary of their own (web/i18n/audit-form) so that a shopper's
 * phone never downloads the checklist builder's strings, nor the score's (lib/score-i18n.ts).
 * Follows the app's language.
 */

import type { AuditFormDictionary } from "../i18n/audit-form/en";
import { formatNumber } from "./formats";
import { defineDictionary, locale } from "./i18n";

const dictionary = defineDictionary<AuditFormDictionary>({
  en: () => import("../i18n/phone/en").then((m) => m.auditFormEn),
  zh: () => import("../i18n/phone/zh").then((m) => m.auditFormZh),
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
