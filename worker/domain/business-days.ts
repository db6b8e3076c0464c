/**
 * Business days in a branch's time zone (docs/COMPLAINTS.md, "Business days"). Pure: no clock,
 * no database. A business day is Monday to Friday, unless the organisation's calendar says
 * otherwise for that date: a `holiday` is a weekday off (a public holiday), a `workday` is a
 * weekend day worked (China's adjusted working days, 调休).
 *
 * Dates are calendar dates (`YYYY-MM-DD`) in the branch's zone; instants are milliseconds since
 * the epoch. `zonedInstant` turns a local date and time back into an instant, across DST.
 */
import type { CalendarDayKind } from "../../schema/enums";

/** The organisation's exceptions, by date. */
export type Calendar = ReadonlyMap<string, CalendarDayKind>;

const DAY = 86_400_000;
/** No run of days off is longer than this; a loop that finds none is a broken calendar. */
const MAX_SCAN_DAYS = 3660;

/**
 * A calendar from stored rows.
 * @example calendarOf([{ date: "2026-10-01", kind: "holiday" }]).get("2026-10-01") // "holiday"
 */
export function calendarOf(rows: readonly { date: string; kind: CalendarDayKind }[]): Calendar {
  return new Map(rows.map((row) => [row.date, row.kind]));
}

/** `date` plus `days` calendar days. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Whether `date` is a business day under `calendar`.
 * @example isBusinessDay("2026-10-01", calendarOf([{ date: "2026-10-01", kind: "holiday" }])) // false
 * @example isBusinessDay("2026-10-10", calendarOf([{ date: "2026-10-10", kind: "workday" }])) // true (a Saturday)
 */
export function isBusinessDay(date: string, calendar: Calendar): boolean {
  const kind = calendar.get(date);
  if (kind === "workday") return true;
  if (kind === "holiday") return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/**
 * The `n`th business day after `date` (the day itself never counts); `n` = 0 is `date` when it
 * is a business day, else the next one.
 * @example addBusinessDays("2026-12-04", 1, new Map()) // "2026-12-07" (Friday → Monday)
 */
export function addBusinessDays(date: string, n: number, calendar: Calendar): string {
  let current = date;
  let left = n;
  if (left === 0) {
    for (let i = 0; i < MAX_SCAN_DAYS && !isBusinessDay(current, calendar); i++) current = plusDays(current, 1);
    return current;
  }
  for (let i = 0; i < MAX_SCAN_DAYS * Math.max(1, n); i++) {
    current = plusDays(current, 1);
    if (isBusinessDay(current, calendar)) left--;
    if (left === 0) return current;
  }
  throw new Error("No business day found: the calendar has no working days");
}

/** The last business day on or before `date`. */
export function businessDayOnOrBefore(date: string, calendar: Calendar): string {
  let current = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (isBusinessDay(current, calendar)) return current;
    current = plusDays(current, -1);
  }
  throw new Error("No business day found: the calendar has no working days");
}

/** The calendar date of an instant in a time zone. */
export function dateIn(instant: number, timeZone: string): string {
  const parts = partsIn(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function partsIn(instant: number, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the wall clock in `timeZone` shows `date` at `minutes` after midnight. A time
 * that does not exist (skipped by a DST change) moves on by the gap (01:30 becomes 02:30, as
 * Temporal's "compatible" does); a time that exists twice is the earlier one.
 * @example zonedInstant("2026-03-29", 600, "Europe/London") // 2026-03-29T09:00:00Z (BST)
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // Two offsets around the wall time: the earlier reading that maps back to it wins.
  const candidates = [offsetAt(wall - DAY / 2, timeZone), offsetAt(wall + DAY / 2, timeZone)]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const exact = candidates[0];
  if (exact !== undefined) return exact;
  // In a gap the wall time never shows: read with the offset before the change, it lands as
  // far after the gap's start as it was meant to be.
  return wall - offsetAt(wall - DAY / 2, timeZone);
}

/**
 * The last millisecond of `date` in `timeZone` (the instant before the next day starts).
 * @example endOfDay("2026-12-07", "Asia/Shanghai") // 2026-12-07T15:59:59.999Z
 */
export function endOfDay(date: string, timeZone: string): number {
  return zonedInstant(plusDays(date, 1), 0, timeZone) - 1;
}
