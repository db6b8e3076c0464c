/**
 * The shopper's pages' translator (`tv`) and formats. The dictionaries load with those (lazy)
 * pages, not with the app's first download.
 */

import type { SubmissionProblem } from "../../../worker/domain/audits";
import { defineDictionary, intlLocale, locale } from "../../lib/i18n";
import type { VisitsDictionary } from "./strings/en";

const dictionary = defineDictionary<VisitsDictionary>({
  en: () => import("./strings/en").then((m) => m.visitsEn),
  zh: () => import("./strings/zh").then((m) => m.visitsZh),
});
await dictionary.ready;
performance.mark("courtesy:strings-visits");

/** `tv("list.title")`, `tv("form.toDo", 3)`. */
export const tv = dictionary.t;

/** A calendar date (`2026-11-23`) as people write it, never shifted by the phone's time zone. */
export function formatDay(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) return date;
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: "UTC", day: "numeric", month: "short" }).format(ms);
}

/** A visit window: `23 Nov – 30 Nov`, or one day. */
export function formatWindow(start: string, end: string): string {
  return start === end ? formatDay(start) : tv("list.window", { start: formatDay(start), end: formatDay(end) });
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** A moment for people: `14:05` today, `23 Nov, 14:05` on another day (this phone's time). */
export function formatMoment(ms: number): string {
  const time = new Intl.DateTimeFormat(intlLocale(), { hour: "2-digit", minute: "2-digit" }).format(ms);
  if (sameDay(ms, Date.now())) return time;
  const day = new Intl.DateTimeFormat(intlLocale(), { day: "numeric", month: "short" }).format(ms);
  return locale() === "zh" ? `${day} ${time}` : `${day}, ${time}`;
}

/** `240 KB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A problem with a report, in words, for the item or field it is on. */
export function reportProblemText(problem: SubmissionProblem): string {
  if (problem.path === "visitStartedAt") return tv("problems.startedAt");
  if (problem.path === "visitEndedAt")
    return problem.code === "invalid_value" ? tv("problems.endBeforeStart") : tv("problems.endedAt");
  if (problem.path.startsWith("items.")) return tv("problems.missing");
  if (problem.path.endsWith(".comment")) return tv("problems.comment");
  if (problem.path.endsWith(".evidence"))
    return problem.code === "not_allowed" ? tv("problems.noPhotos") : tv("problems.photo");
  return tv("problems.invalid");
}
