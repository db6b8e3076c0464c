/**
 * The calibration pages' translator (`tc`) and their number wording. Only those (lazy) pages
 * import this.
 */
import { defineDictionary, intlLocale } from "../../lib/i18n";
import type { CalibrationDictionary } from "./strings/en";

const dictionary = defineDictionary<CalibrationDictionary>({
  en: () => import("./strings/en").then((m) => m.calibrationEn),
  zh: () => import("./strings/zh").then((m) => m.calibrationZh),
});
await dictionary.ready;

/** `tc("list.title")`, `tc("rate.missing", 3)`. */
export const tc = dictionary.t;

/** An alpha or a deviation with three decimals ("0.743", "−0.120"); "–" when undefined. */
export function formatAlpha(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
}

/** "67 %" for 0.667. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(intlLocale(), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** A deviation 0..1 with two decimals ("0.25"); "–" when there is none. */
export function formatDeviation(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}
