/**
 * How the app writes names, dates, months and numbers, in the current language: the one place
 * for them (the shopper's form, the builder, reports, scorecards and the shell all use these).
 * A missing figure (`null`) reads as "–".
 */
import { intlLocale, locale } from "./i18n";
import type { LocalizedName } from "./types";

/** A bilingual name or text in the current language, falling back to the other one. */
export function localName(name: LocalizedName | undefined): string {
  if (!name) return "";
  return (locale() === "zh" ? name.zh || name.en : name.en || name.zh).trim();
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(intlLocale(), { dateStyle: "medium" });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(intlLocale(), { dateStyle: "medium", timeStyle: "short" });
}

/**
 * A month (`2026-10`) in the current language: `long` for sentences (`October 2026`,
 * `2026年10月`), `short` for chart ticks and column headings (`Oct 26`, `26年10月`).
 */
export function monthLabel(month: string, width: "long" | "short" = "long"): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(intlLocale(), {
    year: width === "long" ? "numeric" : "2-digit",
    month: width,
    timeZone: "UTC",
  });
}

/** A number with `min` to `max` decimals, in the current language's style; "–" when missing. */
function decimals(value: number | null | undefined, min: number, max: number, style?: "percent"): string {
  return value == null
    ? "–"
    : value.toLocaleString(intlLocale(), { style, minimumFractionDigits: min, maximumFractionDigits: max });
}

/** Up to two decimals, in the current language's style: 1, 0.5, 0.75. */
export function formatNumber(value: number, digits = 2): string {
  return decimals(value, 0, digits);
}

/** A score or a points figure: one decimal, always (74.4, 50.0, 100.0). */
export function formatScore(score: number | null | undefined): string {
  return decimals(score, 1, 1);
}

/** A ratio as a percentage: 0.8333 → "83.3%" (one decimal), "83%" with `digits` 0. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return decimals(ratio, digits, digits, "percent");
}
