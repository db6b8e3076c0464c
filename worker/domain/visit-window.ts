/**
 * Visit windows in the branch's own calendar: the day an instant falls on there, lateness, and
 * where an instant stands against a window. Part of the report rules (audits.ts re-exports them),
 * in a module of its own so that the phone's visit list and briefing carry these and not the
 * whole submission check.
 */

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone.
 * @example localDate(Date.parse("2026-03-01T17:00:00Z"), "Asia/Shanghai") // "2026-03-02"
 */
export function localDate(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * Whether a visit ended after its window: the window's last day had passed in the branch's own
 * time zone when the visit ended (a visit ending at 23:30 Shanghai time on the last day is on
 * time). Judged from the visit's end, never from when the server received the report: a shopper
 * without signal who sends it two days later was not late.
 * @example isLate("2026-03-01", "Asia/Shanghai", Date.parse("2026-03-01T16:10:00Z")) // true: 00:10 on 2 March there
 */
export function isLate(windowEnd: string, timeZone: string, visitEndedAt: number): boolean {
  return localDate(visitEndedAt, timeZone) > windowEnd;
}

/**
 * How far a phone's clock may be ahead of (or behind) the server's. Visit times are judged with
 * this much slack at the window's edges and against "now", so a visit timed by a phone a few
 * minutes off is not refused.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** An assignment's visit window: calendar dates (YYYY-MM-DD, both included) in the branch's zone. */
export interface VisitWindow {
  start: string;
  end: string;
  timeZone: string;
}

/**
 * Where an instant falls against a visit window, by the branch's calendar, with `CLOCK_SKEW_MS`
 * of slack on both sides: `before` the first day, `inside`, or `after` the last day. The phone
 * uses it to say whether a visit is due (and refuses to start one `before`); the server, to
 * accept a visit's start.
 * @example windowPosition({ start: "2026-12-03", end: "2026-12-11", timeZone: "Asia/Shanghai" }, Date.parse("2026-12-02T16:00:00Z")) // "inside": 00:00 on 3 Dec there
 */
export function windowPosition(window: VisitWindow, instant: number): "before" | "inside" | "after" {
  if (localDate(instant + CLOCK_SKEW_MS, window.timeZone) < window.start) return "before";
  if (localDate(instant - CLOCK_SKEW_MS, window.timeZone) > window.end) return "after";
  return "inside";
}
