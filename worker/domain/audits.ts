/**
 * Rules for a submitted report that need no database: completeness, required evidence, visit
 * times against the assignment's window in the branch's own calendar, lateness, flags for a
 * reviewer, and the canonical form that makes submission idempotent. Pure; the phone runs the
 * same checks before it lets the shopper submit (and before it lets a visit start).
 */
import { type ChecklistDocument, isScored } from "./checklists";
import { formatPath } from "./paths";
import type { QualityFlag } from "./quality-flags";
import { type Answer, checkAnswers, scoreAudit } from "./scoring";

export interface SubmittedAnswer extends Answer {
  comment?: string;
  /** SHA-256 (hex) of photos attached to this item. */
  evidence?: string[];
}

export interface Submission {
  assignmentId: string;
  checklistVersionId: string;
  contact: "visit" | "phone_call";
  visitStartedAt: string;
  visitEndedAt: string;
  location?: { lat: number; lng: number; accuracy: number; takenAt: string } | null;
  staffDescription: string;
  /** The name of who served, kept by the organisation's `staffNames` policy on arrival (docs/PRIVACY.md). */
  staffName?: string;
  overallComment: string;
  answers: SubmittedAnswer[];
  /** Seconds from first opening the form to pressing Send, as the phone measured them. */
  formSeconds?: number;
  /** Every location fix of the visit, oldest first (`location` stays the check-in). */
  fixes?: Array<{ lat: number; lng: number; accuracy: number; takenAt: string }>;
  /** What the phone knew about the photos of `evidence` before upload (docs/QUALITY.md). */
  photos?: Array<{ sha256: string; dHash: string | null; capturedAt: string | null }>;
}

/**
 * Something the server noticed about a report that does not make it wrong (it is still stored:
 * nothing a shopper sends is lost) but that a reviewer should see, with the numbers behind it:
 * the shopper-quality flags of docs/QUALITY.md.
 */
export type AuditFlag = QualityFlag;

/** A flag as reports stored it before issue 16: a visit shorter than the checklist's minimum. */
export type LegacyShortVisitFlag = { code: "short_visit"; minutes: number; minimumMinutes: number };

/** What `audits.flags` may hold: today's flags, and `short_visit` on older reports. */
export type StoredFlag = AuditFlag | LegacyShortVisitFlag;

/**
 * A stored flag as today's code: an older report's `short_visit` is `too_fast` by the visit.
 * @example currentFlag({ code: "short_visit", minutes: 3, minimumMinutes: 10 }) // { code: "too_fast", basis: "visit", minutes: 3, minimumMinutes: 10 }
 */
export function currentFlag(flag: StoredFlag): AuditFlag {
  return flag.code === "short_visit"
    ? { code: "too_fast", basis: "visit", minutes: flag.minutes, minimumMinutes: flag.minimumMinutes }
    : flag;
}

export interface SubmissionProblem {
  path: string;
  code:
    | "required"
    | "not_allowed"
    | "invalid_value"
    | "invalid_type"
    | "unknown_reference"
    | "taken"
    | "too_big"
    | "outside_window"
    | "in_future";
  message: string;
  /** The bound for `too_big`. */
  limit?: number;
}

/**
 * Everything wrong with a report against its checklist version, each problem by path:
 * bad answers (`answers[3].value`), unanswered scored items (`items.greets_promptly`),
 * a failed item without the comment or photo it demands (`answers[5].comment`,
 * `answers[5].evidence`), evidence on an item that takes none, visit times out of order.
 * @example checkSubmission(doc, report) // [] when the report can be accepted
 */
export function checkSubmission(doc: ChecklistDocument, submission: Submission): SubmissionProblem[] {
  const answerProblems = checkAnswers(doc, submission.answers);
  const problems: SubmissionProblem[] = [...answerProblems];
  // An answer that is already wrong (bad value, N/A not allowed, duplicate) is reported once,
  // not judged as a failure or a missing answer too: "yes" on a yes/no item needs fixing, not a comment.
  const invalid = new Set(answerProblems.map((p) => Number(/^answers\[(\d+)\]/.exec(p.path)?.[1])));
  const byKey = new Map(submission.answers.map((a, index) => [a.item, { answer: a, index }]));
  const result = scoreAudit(doc, submission.answers);

  for (const key of result.missing) {
    const found = byKey.get(key);
    if (found && invalid.has(found.index)) continue;
    problems.push({ path: formatPath(["items", key]), code: "required", message: `Item "${key}" has no answer` });
  }
  for (const section of doc.sections) {
    for (const item of section.items) {
      const found = byKey.get(item.key);
      if (!found) continue;
      const at = (field: string) => formatPath(["answers", found.index, field]);
      const photos = found.answer.evidence ?? [];
      if (photos.length > 0 && item.kind !== "photo" && item.evidenceOnFail !== "photo") {
        problems.push({ path: at("evidence"), code: "not_allowed", message: "This item takes no photos" });
      }
      if (!isScored(item) || invalid.has(found.index)) continue;
      const outcome = result.sections.flatMap((s) => s.items).find((i) => i.key === item.key)?.outcome;
      if (outcome !== "fail") continue;
      if (item.evidenceOnFail === "comment" && !found.answer.comment?.trim()) {
        problems.push({
          path: at("comment"),
          code: "required",
          message: "Say what happened: this item needs a comment when it fails",
        });
      }
      if (item.evidenceOnFail === "photo" && photos.length === 0) {
        problems.push({
          path: at("evidence"),
          code: "required",
          message: "Attach a photo: this item needs one when it fails",
        });
      }
    }
  }
  if (Date.parse(submission.visitEndedAt) < Date.parse(submission.visitStartedAt)) {
    problems.push({ path: "visitEndedAt", code: "invalid_value", message: "The visit cannot end before it started" });
  }
  return problems;
}

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

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
