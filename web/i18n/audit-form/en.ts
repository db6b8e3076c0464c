/**
 * English strings of the audit form and its score (the shopper's form, the builder's preview,
 * reports): kept apart from the checklist pages' dictionary (../checklists) so the shopper's
 * phone downloads only these. The checklist pages' dictionary includes them, same keys.
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
  outcomes: {
    pass: "Pass",
    fail: "Fail",
    partial: "Partial",
    na: "N/A",
    unscored: "Not scored",
    missing: "Not answered",
  },
  score: {
    title: "Score",
    none: "No score yet",
    noneHint: "Answer a scored item to see a score.",
    incomplete: plural(
      "1 question isn't answered yet: the score may still change.",
      "# questions aren't answered yet: the score may still change.",
    ),
    complete: "Every scored item is answered.",
    critical: "Critical failure: “{{ item }}” failed, so the whole audit scores 0.",
    explain: "How the score is worked out",
    formula: "Score = 100 × Σ(section weight × section ratio) ÷ Σ(section weights), over the sections that count.",
    sectionLine: "Earned {{ earned }} of {{ possible }} · {{ percent }} · weight {{ weight }}",
    sectionLeftOut: "Left out: nothing in it counts yet.",
    sectionWeightZero: "Left out: its weight is 0.",
    zeroedBy: "Set to 0 by the critical item “{{ item }}”.",
    itemWeight: "weight {{ weight }}",
    notCounted: "not counted",
  },
  rules: {
    yes: "Yes passes.",
    no: "No fails.",
    below: "{{ value }} is below the minimum of {{ min }}.",
    above: "{{ value }} is above the maximum of {{ max }}.",
    within: "{{ value }} is within the pass range ({{ range }}).",
    atLeast: "at least {{ min }}",
    atMost: "at most {{ max }}",
    scale: "({{ value }} − {{ min }}) ÷ ({{ max }} − {{ min }}) = {{ ratio }}",
    choice: "“{{ option }}” is worth {{ points }} of {{ best }} points.",
    na: "N/A: left out of what was earned and what was possible.",
    missing: "Not answered: left out until it is.",
    unscored: "Notes and evidence are never scored.",
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
