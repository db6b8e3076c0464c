/**
 * A visit's report while it is being filled in: created by "Start visit", saved to IndexedDB
 * on every change, checked with the server's own rules (report-check.ts) before it may go
 * to the outbox. Pure helpers here; storage is in local-store.ts.
 */
import type { SubmittedAnswer } from "../../../worker/domain/audits";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import type { AnswerEntry } from "../../components/audit-form";
import type { DraftRecord, PhoneRecord } from "../../lib/local-store";
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

/**
 * The checklist's own "who served you?" question: a text item with this key (the store
 * checklist has one). When the checklist asks it, the review does not ask again.
 */
export const STAFF_ITEM = "staff_description";

export const asksStaff = (doc: ChecklistDocument) =>
  doc.sections.some((s) => s.items.some((i) => i.key === STAFF_ITEM && i.kind === "text"));

/**
 * The report's `staffDescription`: the answer to the checklist's own question when it has one
 * (cut to the API's 2,000 characters), else what the shopper typed on the review. A description
 * typed on the review before the question was dropped from it still counts: nothing typed is lost.
 */
export function staffDescriptionOf(doc: ChecklistDocument, answers: readonly SubmittedAnswer[], typed: string): string {
  if (!asksStaff(doc)) return typed;
  const value = answers.find((a) => a.item === STAFF_ITEM)?.value;
  return (typeof value === "string" ? value.trim().slice(0, 2000) : "") || typed;
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

/**
 * The draft to open: the phone's journal copy (localStorage, written as the page was hidden with
 * an IndexedDB write still on its way) when it is the same report and newer than IndexedDB's,
 * else IndexedDB's. A journal with no draft in IndexedDB is a leftover (the report was sent).
 */
export function newerDraft(stored: DraftRecord | undefined, journal: unknown): DraftRecord | undefined {
  const j = journal as Partial<DraftRecord> | null;
  // The same report (the journal's key is the assignment's), newer, and whole enough to open.
  return stored &&
    j?.auditId === stored.auditId &&
    Array.isArray(j.body?.answers) &&
    (j.updatedAt as number) > stored.updatedAt
    ? (j as DraftRecord)
    : stored;
}

/**
 * Whether opening the form now starts its clock (`formOpenedAt`, the start of formSeconds): not
 * when it already has one, nor for a draft answered before the phone timed forms (a late start
 * would make it look fast). Decided as the form mounts, before any answer can arrive.
 */
export function startsFormClock(phone: PhoneRecord, answered: () => boolean): boolean {
  return phone.formOpenedAt === undefined && !answered();
}
