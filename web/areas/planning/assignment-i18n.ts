/**
 * The planned-visit pages' translator (`ta`), following the app's language, and the dates
 * they show. Only those (lazy) pages import this, so none of it is in the first download.
 *
 * A visit window is two calendar dates in the branch's time zone (YYYY-MM-DD): they are
 * shown as dates, never shifted through the viewer's own time zone.
 */

import type { AssignmentStatus } from "../../../schema/enums";
import type { FieldProblem } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import { defineDictionary, fieldOf, intlLocale } from "../../lib/i18n";
import type { Channel } from "../../lib/types";
import type { AssignmentDictionary } from "./strings/en";
import { utcDay } from "./window-days";

const dictionary = defineDictionary<AssignmentDictionary>({
  en: () => import("./strings/en").then((m) => m.assignmentsEn),
  zh: () => import("./strings/zh").then((m) => m.assignmentsZh),
});
await dictionary.ready;

/** `ta("list.title")`, `ta("create.windowHint", { zone })`, `ta("report.photos", 3)`. */
export const ta = dictionary.t;

/** Badge tones of the assignment statuses (the badge's text says the status too). */
export const STATUS_TONES: Record<AssignmentStatus, "accent" | "success" | "neutral"> = {
  open: "accent",
  submitted: "success",
  cancelled: "neutral",
};

/** Example scenarios to tap, in the current language, for a branch of this channel. */
export function scenarioSuggestions(channel: Channel): readonly string[] {
  return Object.values(dictionary.plain().suggestions[channel]);
}

const dayFormat = () => new Intl.DateTimeFormat(intlLocale(), { dateStyle: "medium", timeZone: "UTC" });

/** "23 Nov 2026" / "2026年11月23日" for a YYYY-MM-DD date. */
export function formatDay(day: string): string {
  const date = utcDay(day);
  return date ? dayFormat().format(date) : day;
}

/** A day in the window's day lists, with its weekday: "Fri, 4 Dec 2026" / "2026年12月4日周五". */
export function formatChoiceDay(day: string): string {
  const date = utcDay(day);
  if (!date) return day;
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** A visit window: "23–30 Nov 2026", or one date when it starts and ends on the same day. */
export function formatWindow(start: string, end: string): string {
  const from = utcDay(start);
  const to = utcDay(end);
  if (!from || !to) return `${start} – ${end}`;
  return from.getTime() === to.getTime() ? dayFormat().format(from) : dayFormat().formatRange(from, to);
}

/** Today's date (YYYY-MM-DD) in a time zone; the device's own when the zone is unknown. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whether an open visit's window has ended, judged by the date in the branch's time zone. */
export function isOverdue(assignment: { status: string; windowEnd: string; branch: { timezone: string } }): boolean {
  return assignment.status === "open" && todayIn(assignment.branch.timezone) > assignment.windowEnd;
}

/** When a visit took place, in the branch's time zone: "23 Nov 2026, 14:05 – 14:38". */
export function formatVisitTimes(startIso: string, endIso: string, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone }).formatRange(start, end);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), options).formatRange(start, end);
  }
}

/** An instant as the branch's clock read it: "23 Nov 2026, 18:41". */
export function formatInstantIn(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), options).format(new Date(iso));
  }
}

/** Minutes between two instants, rounded, never below 0. */
export function minutesBetween(startIso: string, endIso: string): number {
  return Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000));
}

/** A problem with one field of the "plan a visit" form, worded for that form. */
export function assignmentFieldError(error: FieldProblem): string {
  const field = fieldOf(error.path);
  const missing = error.code === "required" || error.code === "too_small";
  switch (field) {
    case "branchId":
      if (missing) return ta("fieldErrors.branchRequired");
      if (error.code === "unknown_reference") return ta("fieldErrors.branchGone");
      if (error.code === "not_allowed") return ta("fieldErrors.branchInactive");
      break;
    case "checklistVersionId":
      if (missing) return ta("fieldErrors.checklistRequired");
      if (error.code === "unknown_reference") return ta("fieldErrors.checklistGone");
      if (error.code === "not_allowed") return ta("fieldErrors.checklistNotAllowed");
      break;
    case "shopperId":
      if (missing) return ta("fieldErrors.shopperRequired");
      if (error.code === "unknown_reference") return ta("fieldErrors.shopperGone");
      break;
    case "windowStart":
    case "windowEnd":
      if (missing) return ta("fieldErrors.dateRequired");
      if (error.code === "invalid_format") return ta("fieldErrors.dateFormat");
      if (field === "windowEnd" && error.code === "invalid_value") return ta("fieldErrors.windowEnd");
      break;
  }
  return fieldErrorMessage(error);
}
