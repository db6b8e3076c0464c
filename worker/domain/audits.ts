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

export { CLOCK_SKEW_MS, isLate, localDate, type VisitWindow, windowPosition } from "./visit-window";

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
