/**
 * Reporting periods. Scorecards read roll-ups by calendar month (docs/SCORING.md), so a date
 * range is taken in whole months: from the month of `from` to the month of `to`, both included.
 * The period before it (for "change since the previous period") has the same number of months.
 */

/** At most this many years between `from` and `to`. */
export const MAX_RANGE_YEARS = 5;

/** Months shown when no range is given: the current month and the two before it. */
export const DEFAULT_MONTHS = 3;

export interface Period {
  from: string;
  to: string;
  /** YYYY-MM of `from` and `to`. */
  fromMonth: string;
  toMonth: string;
  /** Every month of the period, oldest first. */
  months: string[];
  /** The period just before, of the same length. */
  previous: { fromMonth: string; toMonth: string };
  /** The day the figures were read (YYYY-MM-DD, UTC). */
  asOf: string;
  /** The month of `months` that is still under way on `asOf` (its figures are so far), or null. */
  partialMonth: string | null;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A YYYY-MM month moved by `delta` months. @example addMonths("2026-01", -1) // "2025-12" */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Months from `fromMonth` to `toMonth`, both included. */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const months: string[] = [];
  for (let m = fromMonth; m <= toMonth && months.length <= MAX_RANGE_YEARS * 12 + 1; m = addMonths(m, 1)) {
    months.push(m);
  }
  return months;
}

/**
 * The last day of a YYYY-MM month, as YYYY-MM-DD (any year 0000–9999: no Date, which cannot
 * parse the month after 9999-12).
 * @example lastDayOf("2024-02") // "2024-02-29"
 */
export function lastDayOf(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return `${month}-${days}`;
}

/**
 * The month of `months` still under way on `today`: its roll-ups hold only the audits so far,
 * so charts and tables mark it instead of showing it as a finished month.
 * @example partialMonthOf(["2026-10", "2026-11", "2026-12"], "2026-12-14") // "2026-12"
 * @example partialMonthOf(["2026-01", "2026-02"], "2026-12-14") // null
 */
export function partialMonthOf(months: readonly string[], today: string): string | null {
  const current = today.slice(0, 7);
  return months.includes(current) ? current : null;
}

/**
 * The period a request asks for; without dates, the last three months up to `today`.
 * @example resolvePeriod({ from: "2026-04-10", to: "2026-06-02" }, "2026-12-02").months // ["2026-04", "2026-05", "2026-06"]
 */
export function resolvePeriod(range: { from?: string; to?: string }, today: string): Period {
  const to = range.to ?? (range.from && range.from > today ? lastDayOf(range.from.slice(0, 7)) : today);
  const from = range.from ?? `${addMonths(to.slice(0, 7), -(DEFAULT_MONTHS - 1))}-01`;
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const months = monthsBetween(fromMonth, toMonth);
  return {
    from,
    to,
    fromMonth,
    toMonth,
    months,
    previous: { fromMonth: addMonths(fromMonth, -months.length), toMonth: addMonths(fromMonth, -1) },
    asOf: today,
    partialMonth: partialMonthOf(months, today),
  };
}

/** Whether `to` is more than MAX_RANGE_YEARS after `from` (both YYYY-MM-DD). */
export function exceedsMaxRange(from: string, to: string): boolean {
  const limit = `${String(Number(from.slice(0, 4)) + MAX_RANGE_YEARS).padStart(4, "0")}${from.slice(4)}`;
  return to > limit;
}

/** The kinds of period a person picks; `custom` is any from–to range. */
export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * The date range of a calendar month, quarter (YYYY-Qn) or year (YYYY).
 * @example periodRange("quarter", "2026-Q3") // { from: "2026-07-01", to: "2026-09-30" }
 */
export function periodRange(kind: Exclude<PeriodKind, "custom">, value: string): { from: string; to: string } {
  if (kind === "month") return { from: `${value}-01`, to: lastDayOf(value) };
  if (kind === "quarter") {
    const [year, q] = value.split("-Q");
    const first = `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, "0")}`;
    return { from: `${first}-01`, to: lastDayOf(addMonths(first, 2)) };
  }
  return { from: `${value}-01-01`, to: `${value}-12-31` };
}

/** The quarter (YYYY-Qn) a YYYY-MM month falls in. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}
