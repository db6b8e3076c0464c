/**
 * How the app writes names and numbers, in the current language: what the shell and the shopper's
 * first screen use. Dates, months, scores and percentages: office-formats.ts (not in the shopper's
 * first download). A missing figure (`null`) reads as "–".
 */
import { intlLocale, locale } from "./i18n";
import type { LocalizedName } from "./types";

/** A bilingual name or text in the current language, falling back to the other one. */
export function localName(name: LocalizedName | undefined): string {
  if (!name) return "";
  return (locale() === "zh" ? name.zh || name.en : name.en || name.zh).trim();
}

/** A number with `min` to `max` decimals, in the current language's style; "–" when missing. */
export function decimals(value: number | null | undefined, min: number, max: number, style?: "percent"): string {
  return value == null
    ? "–"
    : value.toLocaleString(intlLocale(), { style, minimumFractionDigits: min, maximumFractionDigits: max });
}

/** Up to two decimals, in the current language's style: 1, 0.5, 0.75. */
export function formatNumber(value: number, digits = 2): string {
  return decimals(value, 0, digits);
}
