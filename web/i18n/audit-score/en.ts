/**
 * English strings of a report's score: outcomes, the score and how it is worked out, the rule
 * behind each item's result (reports, reviews, disputes, the builder's preview). Kept apart from
 * the audit form's (../audit-form) so the shopper's phone does not download them with the form.
 * `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const auditScoreEn = {
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
};

/** The shape every language's score dictionary has. */
export type AuditScoreDictionary = Widen<typeof auditScoreEn>;
