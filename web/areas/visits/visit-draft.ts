/**
 * A visit's report while it is being filled in: created by "Start visit", saved to IndexedDB
 * on every change, checked with the server's own rules (`checkSubmission`) before it may go
 * to the outbox. Pure helpers here; storage is in local-store.ts.
 */
import { checkSubmission, type SubmissionProblem, type SubmittedAnswer } from "../../../worker/domain/audits";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import type { AnswerEntry } from "../../components/audit-form";
import type { DraftRecord } from "../../lib/local-store";
import type { ReportBody } from "../../lib/outbox";
import type { Assignment } from "./visits-data";

/** The report a "Start visit" begins: a fresh id (the report's id for good), the start time, no answers. */
export function newDraft(assignment: Assignment, now = Date.now()): DraftRecord {
  return {
    auditId: crypto.randomUUID(),
    assignmentId: assignment.id,
    body: {
      assignmentId: assignment.id,
      checklistVersionId: assignment.checklist.versionId,
      contact: assignment.branch.channel === "call_centre" ? "phone_call" : "visit",
      visitStartedAt: new Date(now).toISOString(),
      visitEndedAt: "",
      location: null,
      staffDescription: "",
      overallComment: "",
      answers: [],
    },
    section: 0,
    updatedAt: now,
  };
}

/** The form's answer entries from a report's answers. */
export function entriesOf(answers: readonly SubmittedAnswer[]): Record<string, AnswerEntry> {
  const entries: Record<string, AnswerEntry> = {};
  for (const a of answers) {
    const entry: AnswerEntry = {};
    if (a.na) entry.na = true;
    else if (a.value !== undefined) entry.value = a.value;
    if (a.comment) entry.comment = a.comment;
    if (a.evidence?.length) entry.evidence = [...a.evidence];
    entries[a.item] = entry;
  }
  return entries;
}

/**
 * The report's answers from the form's entries, in the checklist's order, as plain objects
 * (IndexedDB and structured clone take no reactive proxies). Items with nothing on them are left out.
 */
export function answersOf(doc: ChecklistDocument, entries: Readonly<Record<string, AnswerEntry>>): SubmittedAnswer[] {
  const answers: SubmittedAnswer[] = [];
  for (const section of doc.sections) {
    for (const item of section.items) {
      const entry = entries[item.key];
      if (!entry) continue;
      const answer: SubmittedAnswer = { item: item.key };
      if (entry.na) answer.na = true;
      else if (entry.value !== undefined) answer.value = entry.value;
      const comment = entry.comment?.trim();
      if (comment) answer.comment = comment;
      if (entry.evidence?.length) answer.evidence = [...entry.evidence];
      if (Object.keys(answer).length > 1) answers.push(answer);
    }
  }
  return answers;
}

const isInstant = (value: string) => value !== "" && Number.isFinite(Date.parse(value));

/**
 * Everything that stops a report from being sent: the server's own rules, plus visit times
 * that are missing (the server would refuse them as malformed).
 */
export function checkReport(doc: ChecklistDocument, body: ReportBody): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (!isInstant(body.visitStartedAt))
    problems.push({ path: "visitStartedAt", code: "required", message: "When did the visit start?" });
  if (!isInstant(body.visitEndedAt))
    problems.push({ path: "visitEndedAt", code: "required", message: "When did the visit end?" });
  return [...problems, ...checkSubmission(doc, body)];
}

/** The item a problem is about (`items.greets`, `answers[3].comment`), if it is about one. */
export function itemOfProblem(problem: { path: string }, body: ReportBody): string | undefined {
  const direct = /^items\.(.+)$/.exec(problem.path);
  if (direct) return direct[1];
  const indexed = /^answers\[(\d+)\]/.exec(problem.path);
  return indexed ? body.answers[Number(indexed[1])]?.item : undefined;
}

/** Where an item sits in the checklist: its section index and its number (1-based, across the checklist). */
export function locateItem(doc: ChecklistDocument, key: string): { section: number; number: number } | undefined {
  let number = 0;
  for (const [s, section] of doc.sections.entries()) {
    for (const item of section.items) {
      number++;
      if (item.key === key) return { section: s, number };
    }
  }
  return undefined;
}

// Visit times on the review (visit-time-field.tsx): a day, an hour and a minute on this phone's clock.

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
