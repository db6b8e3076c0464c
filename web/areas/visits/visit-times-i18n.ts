/**
 * The wording of the review's check of visit times against the assignment's window (the
 * server's own rule, `checkVisitTimes`) in the shopper's language, from the review's dictionary.
 */
import type { SubmissionProblem, VisitWindow } from "../../../worker/domain/audits";
import { tr } from "./review-i18n";
import { formatDay } from "./visits-i18n";

/** One problem from `checkVisitTimes` in the shopper's language. */
export function visitTimeText(problem: SubmissionProblem, window: VisitWindow): string {
  if (problem.code === "outside_window")
    return tr("times.outsideWindow", { start: formatDay(window.start), end: formatDay(window.end) });
  if (problem.code === "in_future") return tr("times.inFuture");
  return tr("times.tooLong");
}
