/**
 * How office pages write dates, months, scores and percentages, in the current language (names and
 * plain numbers: formats.ts, which the shopper's first screen uses). A missing figure (`null`) reads as "–".
 */
import { decimals } from "./formats";
import { intlLocale } from "./i18n";

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

/** A score or a points figure: one decimal, always (74.4, 50.0, 100.0). */
export function formatScore(score: number | null | undefined): string {
  return decimals(score, 1, 1);
}

/** A ratio as a percentage: 0.8333 → "83.3%" (one decimal), "83%" with `digits` 0. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return decimals(ratio, digits, digits, "percent");
}
