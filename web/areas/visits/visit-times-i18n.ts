/**
 * The wording of the review's check of visit times against the assignment's window (the
 * server's own rule, `checkVisitTimes`) in the shopper's language. Only the review imports this, so the
 * phone's first download carries neither the rule's messages nor these strings.
 */
import type { SubmissionProblem, VisitWindow } from "../../../worker/domain/audits";
import { defineDictionary } from "../../lib/i18n";
import type { VisitTimesDictionary } from "./review-strings/en";
import { formatDay } from "./visits-i18n";

const dictionary = defineDictionary<VisitTimesDictionary>({
  en: () => import("./review-strings/en").then((m) => m.visitTimesEn),
  zh: () => import("./review-strings/zh").then((m) => m.visitTimesZh),
});
await dictionary.ready;

/** `tt("inFuture")`, `tt("hour")`. */
export const tt = dictionary.t;

/** One problem from `checkVisitTimes` in the shopper's language. */
export function visitTimeText(problem: SubmissionProblem, window: VisitWindow): string {
  if (problem.code === "outside_window")
    return tt("outsideWindow", { start: formatDay(window.start), end: formatDay(window.end) });
  if (problem.code === "in_future") return tt("inFuture");
  return tt("tooLong");
}
