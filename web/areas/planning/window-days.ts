/**
 * The days a visit window can be chosen from, as YYYY-MM-DD calendar dates in the branch's time
 * zone. Pure (no strings, no Solid), so it is unit-tested on its own; the labels are made in the
 * app's language by `formatChoiceDay` (assignment-i18n.ts).
 */

/** How far ahead a window may be planned from the form, in days after today. */
export const WINDOW_DAYS_AHEAD = 120;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as the instant of its midnight in UTC (formatted in UTC, it stays that day). */
export function utcDay(day: string): Date | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A YYYY-MM-DD date moved by whole days. @example addDays("2026-12-30", 3) // "2027-01-02" */
export function addDays(day: string, days: number): string {
  const date = utcDay(day);
  if (!date) return day;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The days to choose from, oldest first: today to WINDOW_DAYS_AHEAD days ahead, and always the
 * day already chosen (a window set from another time zone's today, or further ahead).
 * @example windowDayChoices("2026-12-04").slice(0, 2) // ["2026-12-04", "2026-12-05"]
 * @example windowDayChoices("2026-12-04", "2026-12-03")[0] // "2026-12-03"
 */
export function windowDayChoices(today: string, chosen?: string): string[] {
  const days: string[] = [];
  for (let i = 0; i <= WINDOW_DAYS_AHEAD; i++) days.push(addDays(today, i));
  if (chosen && utcDay(chosen) && !days.includes(chosen)) days.push(chosen);
  return days.sort();
}
