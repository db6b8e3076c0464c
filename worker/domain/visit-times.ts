/**
 * When a report's visit times are acceptable, and what a reviewer should be told about them:
 * the visit starts inside its window (by the branch's calendar, `windowPosition`), nothing is in
 * the future, a visit lasts at most 12 hours, and one shorter than the checklist's plausible
 * minimum is kept but flagged. Pure; the server judges with it and the shopper's review shows
 * the same problems before sending (docs/REPORTS.md).
 */
import type { Channel } from "../../schema/enums";
import {
  type AuditFlag,
  CLOCK_SKEW_MS,
  type Submission,
  type SubmissionProblem,
  type VisitWindow,
  windowPosition,
} from "./audits";
import { type ChecklistDocument, isScored } from "./checklists";
import { visitTooShort } from "./quality-flags";

/** The longest visit or call a report may describe: anything longer is a mistyped time. */
export const MAX_VISIT_MINUTES = 12 * 60;

/**
 * What is wrong with a report's visit times, given its window and the server's clock: a start
 * outside the window (`outside_window`), a start or an end later than now beyond the clock skew
 * (`in_future`), a visit longer than `MAX_VISIT_MINUTES` (`too_big`, limit in minutes). An end
 * before the start is `checkSubmission`'s; a missing or unparseable time is the shape check's (a start is
 * still judged without an end, as on the phone before "Finish").
 * @example checkVisitTimes({ visitStartedAt: "2099-01-01T10:00:00Z", visitEndedAt: "2099-01-01T10:30:00Z" }, window, Date.now()) // [visitStartedAt in_future, visitEndedAt in_future]
 */
export function checkVisitTimes(
  visit: Pick<Submission, "visitStartedAt" | "visitEndedAt">,
  window: VisitWindow,
  now: number,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const started = Date.parse(visit.visitStartedAt);
  const ended = Date.parse(visit.visitEndedAt);
  // Each time is judged once it exists: the phone's review shows a start outside the window
  // before the visit's end is stamped.
  if (!Number.isFinite(started)) return problems;
  if (started > now + CLOCK_SKEW_MS) {
    problems.push({ path: "visitStartedAt", code: "in_future", message: "The visit cannot start in the future" });
  } else if (windowPosition(window, started) !== "inside") {
    problems.push({
      path: "visitStartedAt",
      code: "outside_window",
      message: `The visit must start between ${window.start} and ${window.end} (${window.timeZone})`,
    });
  }
  if (!Number.isFinite(ended)) return problems;
  if (ended > now + CLOCK_SKEW_MS) {
    problems.push({ path: "visitEndedAt", code: "in_future", message: "The visit cannot end in the future" });
  } else if (ended - started > MAX_VISIT_MINUTES * 60_000) {
    problems.push({
      path: "visitEndedAt",
      code: "too_big",
      limit: MAX_VISIT_MINUTES,
      message: `A visit lasts at most ${MAX_VISIT_MINUTES / 60} hours`,
    });
  }
  return problems;
}

/** Seconds of a plausible visit per scored item, and the floor in minutes, by checklist channel. */
const PLAUSIBLE_PACE: Record<Channel, { secondsPerItem: number; floorMinutes: number }> = {
  // Watching 30 things in a store takes a walk round and a conversation: 10 minutes at least.
  store: { secondsPerItem: 20, floorMinutes: 5 },
  // Most of a call's items are heard in passing (rings, greeting, name): 26 items, 3 minutes.
  call_centre: { secondsPerItem: 6, floorMinutes: 2 },
};

/**
 * The shortest plausible visit for a checklist, in whole minutes: the checklist's own
 * `minimumVisitMinutes` when it sets one, else a pace per scored item for its channel
 * (stores 20 s an item, at least 5 minutes; calls 6 s an item, at least 2).
 * @example minimumVisitMinutes(storeVisitTemplate) // 10 (30 scored items)
 */
export function minimumVisitMinutes(doc: ChecklistDocument): number {
  if (doc.minimumVisitMinutes !== undefined) return doc.minimumVisitMinutes;
  const scored = doc.sections.reduce((n, s) => n + s.items.filter(isScored).length, 0);
  const pace = PLAUSIBLE_PACE[doc.channel];
  return Math.max(pace.floorMinutes, Math.ceil((scored * pace.secondsPerItem) / 60));
}

/**
 * What the visit's length tells a reviewer: a visit shorter than the checklist's minimum is
 * stored (a shopper's report is never lost) but flagged `too_fast` by the visit, with the
 * visit's minutes (rounded down to one decimal, so always below the minimum) and the minimum.
 * The other flags come from `reportFlags` (domain/report-flags.ts), which starts with this one.
 * @example auditFlags(storeDoc, { visitStartedAt: "2026-12-03T10:00:00Z", visitEndedAt: "2026-12-03T10:00:06Z" }) // [{ code: "too_fast", basis: "visit", minutes: 0.1, minimumMinutes: 10 }]
 */
export function auditFlags(
  doc: ChecklistDocument,
  visit: Pick<Submission, "visitStartedAt" | "visitEndedAt">,
): AuditFlag[] {
  const flag = visitTooShort(
    Date.parse(visit.visitStartedAt),
    Date.parse(visit.visitEndedAt),
    minimumVisitMinutes(doc),
  );
  return flag ? [flag] : [];
}
