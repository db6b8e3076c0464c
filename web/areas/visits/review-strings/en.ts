/**
 * English wording of the visit-time rules on the shopper's review (docs/REPORTS.md). A dictionary
 * of its own, loaded with the review, so the phone's first screen does not carry it. `zh.ts` next
 * to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const visitTimesEn = {
  outsideWindow:
    "The visit must start between {{ start }} and {{ end }} (the branch's dates). If you visited then, correct the start time; a visit outside these dates can't be reported.",
  inFuture: "A visit can't be in the future: check the time.",
  tooLong: "A visit lasts at most 12 hours: check the end time.",
  day: "Day",
  hour: "Hour",
  minute: "Minute",
};

/** The shape every language's visit-time dictionary has. */
export type VisitTimesDictionary = Widen<typeof visitTimesEn>;
