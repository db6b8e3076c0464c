/**
 * The months the scorecard filters offer. Figures count whole months (docs/SCORING.md), so a
 * custom range is a "from" month and a "to" month, sent as the `from`/`to` dates the API takes:
 * the first day of the one and the last day of the other. Pure, so it is unit-tested on its own.
 */
import { addMonths, lastDayOf, MAX_RANGE_YEARS } from "../../../../worker/domain/periods";

/**
 * `count` months up to `thisMonth`, newest first, and any of `keep` not among them (a range
 * bookmarked from further back), in order.
 * @example recentMonths("2026-02", 3) // ["2026-02", "2026-01", "2025-12"]
 */
export function recentMonths(thisMonth: string, count: number, keep: readonly (string | undefined)[] = []): string[] {
  const months = Array.from({ length: count }, (_, i) => addMonths(thisMonth, -i));
  for (const month of keep) if (month && !months.includes(month)) months.push(month);
  return months.sort().reverse();
}

/** Months a custom range can start or end on: the last MAX_RANGE_YEARS years up to this month. */
export const RANGE_MONTHS = MAX_RANGE_YEARS * 12;

/**
 * The `from`/`to` dates of a range of whole months, the earlier month first whichever way round
 * they come.
 * @example monthRange("2026-04", "2026-06") // { from: "2026-04-01", to: "2026-06-30" }
 */
export function monthRange(fromMonth: string, toMonth: string): { from: string; to: string } {
  const [first, last] = fromMonth <= toMonth ? [fromMonth, toMonth] : [toMonth, fromMonth];
  return { from: `${first}-01`, to: lastDayOf(last) };
}
