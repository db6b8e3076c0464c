/**
 * A visit time as a day, an hour and a minute on this phone's clock, for the review's time
 * lists (visit-time-field.tsx). Apart from the visit draft, so only the review downloads it.
 */

const pad2 = (n: number) => String(n).padStart(2, "0");
/** Days offered before today (more when the window opened earlier), and at most in all. */
const DAYS_BACK = 7;
const MAX_DAYS = 62;

/** This phone's calendar date of an instant: `2026-12-04`. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The days to choose from, oldest first: from the day before the window opens (or a week ago)
 * to today, and always the day already chosen.
 * @example dayChoices("2026-12-04", "2026-12-05", "2026-12-03") // 2026-11-28 … 2026-12-05
 */
export function dayChoices(chosen: string | undefined, today: string, windowStart?: string): string[] {
  let from = addDays(today, -DAYS_BACK);
  if (windowStart && addDays(windowStart, -1) < from) from = addDays(windowStart, -1);
  if (chosen && chosen < from) from = chosen;
  const to = chosen && chosen > today ? chosen : today;
  const days: string[] = [];
  for (let day = to; day >= from && days.length < MAX_DAYS; day = addDays(day, -1)) days.push(day);
  if (chosen && !days.includes(chosen)) days.push(chosen);
  return days.sort();
}

/** `{ day, hour, minute }` of an ISO instant on this phone's clock; empty parts when there is none. */
export function timeParts(iso: string): { day: string; hour: string; minute: string } {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) return { day: "", hour: "", minute: "" };
  const d = new Date(ms);
  return { day: localDay(ms), hour: pad2(d.getHours()), minute: pad2(d.getMinutes()) };
}

/** The instant of a local day, hour and minute, as ISO. */
export function fromParts(parts: { day: string; hour: string; minute: string }): string {
  const [y, m, d] = parts.day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d, Number(parts.hour), Number(parts.minute)).toISOString();
}
