/**
 * The demo history as if it had gone through review: `reviewDemoHistory` is a pure pass over
 * `generateDemoHistory`'s rows that gives every report the review it would have had, and the
 * trail those steps would have written.
 *
 * - Almost every report was claimed by the demo reviewer within a day and published; about one
 *   in twenty had an answer corrected first, with a reason (the score is recomputed with the
 *   real `scoreAudit`; `submittedScore` keeps the shopper's).
 * - The most recent few are still in flight: some waiting, one claimed by the reviewer, one
 *   returned to shopper@demo.test with a question, one rejected with a reason.
 *
 * Events come out in time order with their actor; `seedDemoHistory` chains, hashes and signs.
 */
import type { AuditStatus } from "../../schema/enums";
import { unreviewedColumns } from "../data/audits";
import type { ChecklistDocument } from "../domain/checklists";
import { type Answer, scoreAudit } from "../domain/scoring";
import type { EventType } from "../domain/trail";
import type { AnswerInsert, AuditInsert } from "./history";

export interface SeedEvent {
  at: number;
  /** Null for the system (a scheduled job). */
  actor: { userId: string; role: string } | null;
  type: EventType;
  subject: { type: string; id: string };
  payload: Record<string, unknown>;
}

export interface SeedQuestion {
  id: string;
  auditId: string;
  itemKey: string | null;
  text: string;
  authorId: string;
  createdAt: number;
}

export interface ReviewedHistory {
  events: SeedEvent[];
  questions: SeedQuestion[];
}

const MINUTE = 60_000;

/** Corrections a reviewer makes, by what the shopper's comment or photo showed. */
const EDIT_REASONS = [
  "The shopper's own comment says this did happen; corrected to met.",
  "Checked against the call recording: the agent did this.",
  "The photo shows this was done; the shopper ticked the wrong box.",
];

/** The statuses of the newest reports (besides the returned and rejected ones), newest first. */
const IN_FLIGHT: AuditStatus[] = ["waiting", "waiting", "claimed", "waiting", "waiting"];

/**
 * The reports `reviewDemoHistory` leaves waiting first in the queue, newest first: the newest of
 * everyone but `shopperForReturns` (whose two newest are returned and rejected).
 */
export function queueHeads<T extends Pick<AuditInsert, "id" | "shopperId" | "submittedAt">>(
  audits: readonly T[],
  shopperForReturns: string,
): T[] {
  const newestFirst = [...audits].sort((a, b) => b.submittedAt - a.submittedAt);
  const own = newestFirst.filter((a) => a.shopperId === shopperForReturns).slice(0, 2);
  return newestFirst.filter((a) => !own.includes(a));
}

/**
 * Two of the reports waiting in the review queue carry quality flags (docs/QUALITY.md), so the
 * queue's flag filter shows something: the newest was sent too fast (the phone's form timing
 * says so: its `formSeconds` goes into the submission before it is hashed), the next reuses a
 * photo of an older report of the same shopper. Deterministic; mutates `audits` and `submissions`.
 */
export function flagDemoReports(input: {
  audits: Array<Omit<AuditInsert, "contentHash">>;
  submissions: Record<string, { formSeconds?: number }>;
  /** Scored items of the checklist version of each report. */
  scoredItems: (versionId: string) => number;
  shopperForReturns: string;
  formSecondsPerItem: number;
}): void {
  const [fast, reused] = queueHeads(input.audits, input.shopperForReturns);
  if (fast) {
    const minimumSeconds = input.scoredItems(fast.checklistVersionId) * input.formSecondsPerItem;
    const seconds = Math.max(1, Math.floor(minimumSeconds / 3));
    fast.formSeconds = seconds;
    const submission = input.submissions[fast.id];
    if (submission) submission.formSeconds = seconds;
    fast.flags = [...(fast.flags ?? []), { code: "too_fast", basis: "form", seconds, minimumSeconds }];
  }
  if (reused) {
    const earlier = input.audits
      .filter((a) => a.shopperId === reused.shopperId && a.submittedAt < reused.submittedAt)
      .sort((a, b) => b.submittedAt - a.submittedAt)[0];
    if (earlier)
      reused.flags = [
        ...(reused.flags ?? []),
        {
          code: "photo_reused",
          // A stand-in for the picture's SHA-256 (the demo's reports carry no photo files).
          sha256: `${reused.id.replace(/[^0-9a-f]/g, "").padEnd(64, "0")}`.slice(0, 64),
          otherAuditId: earlier.id,
          distance: 0,
        },
      ];
  }
}

/**
 * Gives each audit its review (mutating `audits` and `answers` in place: status, reviewer,
 * times, corrected answers and scores) and returns the events and questions of those steps.
 *
 * @example
 * const { events } = reviewDemoHistory({ audits, answers, documents, reviewerId, shopperForReturns, now })
 * events[0].type // "audit.submitted"
 */
export function reviewDemoHistory(input: {
  audits: AuditInsert[];
  answers: AnswerInsert[];
  /** The checklist document of each version id. */
  documents: Record<string, ChecklistDocument>;
  reviewerId: string;
  /** The shopper whose report is returned and rejected (the one the demo signs in as). */
  shopperForReturns: string;
  now: number;
}): ReviewedHistory {
  const { audits, reviewerId, now } = input;
  const answersByAudit = new Map<string, AnswerInsert[]>();
  for (const a of input.answers) {
    const list = answersByAudit.get(a.auditId) ?? [];
    list.push(a);
    answersByAudit.set(a.auditId, list);
  }
  const events: SeedEvent[] = [];
  const questions: SeedQuestion[] = [];
  const reviewer = { userId: reviewerId, role: "reviewer" };

  // The newest reports are still in flight; the returned and rejected ones belong to the shopper
  // the demo signs in as, so the phone shows them.
  const newestFirst = [...audits].sort((a, b) => b.submittedAt - a.submittedAt);
  const inFlight = new Map<string, AuditStatus>();
  const own = newestFirst.filter((a) => a.shopperId === input.shopperForReturns);
  if (own[0]) inFlight.set(own[0].id, "returned");
  if (own[1]) inFlight.set(own[1].id, "rejected");
  const others = newestFirst.filter((a) => !inFlight.has(a.id));
  IN_FLIGHT.forEach((status, i) => {
    const audit = others[i];
    if (audit) inFlight.set(audit.id, status);
  });

  audits.forEach((audit, index) => {
    const shopper = { userId: audit.shopperId, role: "shopper" };
    const subject = { type: "audit" as const, id: audit.id };
    const status = inFlight.get(audit.id) ?? "published";
    const submittedScore = audit.score ?? null;
    events.push({
      at: audit.submittedAt,
      actor: shopper,
      type: "audit.submitted",
      subject,
      payload: { branchId: audit.branchId, assignmentId: audit.assignmentId, score: submittedScore, status: "waiting" },
    });
    // Every column is written by the bulk insert: start from a report nobody has touched.
    Object.assign(audit, { status, publishedAt: null, ...unreviewedColumns(submittedScore) });
    if (status === "waiting") return;

    // Claimed within a day of arrival (never in the future).
    const claimedAt = Math.min(audit.submittedAt + (30 + ((index * 37) % 1400)) * MINUTE, now - 20 * MINUTE);
    events.push({ at: claimedAt, actor: reviewer, type: "audit.claimed", subject, payload: {} });
    audit.claimedBy = reviewerId;
    audit.claimedAt = claimedAt;
    audit.reviewedBy = reviewerId;
    audit.version = 2;
    if (status === "claimed") return;
    audit.claimedBy = null;
    audit.claimedAt = null;
    const decidedAt = claimedAt + (5 + (index % 20)) * MINUTE;

    if (status === "returned") {
      const answerRows = answersByAudit.get(audit.id) ?? [];
      const asked = answerRows.find((a) => a.comment) ?? answerRows[0];
      const question: SeedQuestion = {
        id: `${audit.id}-q1`,
        auditId: audit.id,
        itemKey: asked?.itemKey ?? null,
        text: "Your comment here is short: what exactly did the staff member say?",
        authorId: reviewerId,
        createdAt: decidedAt,
      };
      questions.push(question);
      events.push({
        at: decidedAt,
        actor: reviewer,
        type: "audit.returned",
        subject,
        payload: { questions: [{ id: question.id, itemKey: question.itemKey, text: question.text }] },
      });
      audit.version = 3;
      return;
    }
    if (status === "rejected") {
      const reason = "The visit times overlap another report of yours at a different branch; please contact us.";
      audit.rejectionReason = reason;
      events.push({ at: decidedAt, actor: reviewer, type: "audit.rejected", subject, payload: { reason } });
      audit.version = 3;
      return;
    }

    // Published; about one report in twenty corrected first.
    let version = 2;
    const document = input.documents[audit.checklistVersionId];
    if (document && index % 20 === 7) {
      const edit = correctOneAnswer(document, answersByAudit.get(audit.id) ?? []);
      if (edit) {
        const reason = EDIT_REASONS[index % EDIT_REASONS.length] ?? "";
        const before = audit.score ?? null;
        audit.scoreResult = edit.result;
        audit.score = edit.result.score;
        audit.criticalFailed = edit.result.criticalFailed;
        version += 1;
        events.push({
          at: claimedAt + 3 * MINUTE,
          actor: reviewer,
          type: "audit.answer_edited",
          subject,
          payload: {
            item: edit.itemKey,
            from: edit.from,
            to: edit.to,
            reason,
            score: { before, after: edit.result.score },
          },
        });
      }
    }
    audit.publishedAt = decidedAt;
    audit.version = version + 1;
    events.push({
      at: decidedAt,
      actor: reviewer,
      type: "audit.published",
      subject,
      payload: { score: audit.score ?? null },
    });
  });
  events.sort((a, b) => a.at - b.at);
  return { events, questions };
}

/**
 * Turns the first failed yes/no item into a pass (what a reviewer does when the shopper's
 * comment or photo contradicts the tick), rescoring with the one scoring rule.
 */
function correctOneAnswer(document: ChecklistDocument, rows: AnswerInsert[]) {
  const current: Answer[] = rows.map((r) => ({
    item: r.itemKey,
    ...(r.na ? { na: true } : r.value === null || r.value === undefined ? {} : { value: r.value }),
  }));
  const result = scoreAudit(document, current);
  const failed = result.sections.flatMap((s) => s.items).find((i) => i.kind === "yes_no" && i.outcome === "fail");
  const row = failed && rows.find((r) => r.itemKey === failed.key);
  if (!failed || !row) return null;
  const from = { value: row.value ?? null, na: row.na ?? false, comment: row.comment ?? "" };
  row.value = true;
  const next = scoreAudit(
    document,
    current.map((a) => (a.item === failed.key ? { item: a.item, value: true } : a)),
  );
  return { itemKey: failed.key, from, to: { value: true, na: false, comment: from.comment }, result: next };
}
