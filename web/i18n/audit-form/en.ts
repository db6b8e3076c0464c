/**
 * English strings of the audit form (the shopper's form, the builder's preview, reports): kept
 * apart from the checklist pages' dictionary (../checklists) and from the score's (../audit-score)
 * so the shopper's phone downloads only these with the form. The checklist pages' dictionary
 * includes both, same keys.
 * `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const auditFormEn = {
  units: {
    rings: "rings",
    seconds: "seconds",
    minutes: "minutes",
    count: "count",
  },
  form: {
    progress: "Section {{ number }} of {{ total }}",
    answered: "{{ done }} of {{ total }} answered",
    sections: "Sections",
    previous: "Previous",
    next: "Next",
    question: "Question {{ number }}",
    yes: "Yes",
    no: "No",
    na: "Not applicable",
    comment: "Comment",
    addComment: "Add a comment",
    commentRequired: "A comment is needed because this failed.",
    photoRequired: "A photo is needed because this failed.",
    photo: "Photo",
    photoPlaceholder: "Photos are taken with the phone's camera during a real audit.",
    addPhoto: "Add photo",
    decrease: "Decrease",
    increase: "Increase",
    answer: "Answer",
    textPlaceholder: "What did you notice?",
    empty: "This checklist has no questions yet.",
    emptySection: "No questions in this section yet.",
    optional: "Optional",
    photos: "Photos",
    takePhoto: "Take a photo",
    addAnotherPhoto: "Take another photo",
    preparingPhoto: "Preparing the photo…",
    photoFailed: "Couldn't read that photo. Try taking it again.",
    photosKept: "Photos stay on this phone until they're sent.",
    photoAlt: "Photo {{ number }}",
    removePhoto: "Remove photo {{ number }}",
    photoLimit: "An item takes at most 10 photos.",
    ringTap: "Tap at each ring",
    ringCount: plural("1 ring counted", "# rings counted"),
    ringReset: "Reset the count",
    holdStart: "On hold: start the stopwatch",
    holdStop: "Agent is back: stop",
    holdHint: "Keeps your longest single hold",
    holdLongest: "Longest hold {{ time }} ({{ seconds }} s)",
    markRestNa: plural("Mark the last question N/A", "Mark the # unanswered questions N/A"),
    markRestNaHint:
      "When this part didn't come up in the visit, such as complaint handling when there was no complaint.",
  },
  untitled: {
    section: "Untitled section",
    item: "Untitled item",
  },
};

/** The shape every language's audit-form dictionary has. */
export type AuditFormDictionary = Widen<typeof auditFormEn>;
