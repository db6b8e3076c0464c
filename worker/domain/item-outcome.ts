/**
 * Where one item's answer stands under the scoring rule (docs/SCORING.md), without the words that
 * explain it: which case of the rule decided, the outcome, and the ratio of a scored item. The
 * phone's form runs this on each answer (is the item failed?); score-item.ts adds the explanation
 * and scoring.ts the sums, from this same function.
 */
import { type ChecklistItem, isScored } from "./checklists";
import type { Answer, ItemOutcome } from "./scoring";

/** The case of the rule an answer falls in, in the order the rule tries them. */
export type ItemCase =
  | { case: "unscored" | "ruled_na" | "na" | "missing"; outcome: ItemOutcome; ratio: null }
  | { case: "ruled_met" | "answered"; outcome: ItemOutcome; ratio: number };

/**
 * The ratio (0..1) of an answered, scored item: yes passes; a number within its bounds passes;
 * a scale by position; a choice by its points over the best option's.
 * @example ratioOf({ kind: "scale", min: 1, max: 5, ... }, 4) // 0.75
 */
export function ratioOf(item: ChecklistItem, value: NonNullable<Answer["value"]>): number {
  switch (item.kind) {
    case "yes_no":
      return value === true ? 1 : 0;
    case "number": {
      const { min, max } = item.pass;
      return (min !== undefined && (value as number) < min) || (max !== undefined && (value as number) > max) ? 0 : 1;
    }
    case "scale":
      return ((value as number) - item.min) / (item.max - item.min);
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      return (item.options.find((o) => o.key === value)?.points ?? 0) / best;
    }
    default:
      return 0;
  }
}

/**
 * One item's case from its answer alone. A dispute's ruling comes before the answer (the arbiter
 * decided what the item counts as), then N/A where allowed, then a missing answer.
 * @example itemCase(yesNoItem, { item: "greets", value: false }) // { case: "answered", outcome: "fail", ratio: 0 }
 */
export function itemCase(item: ChecklistItem, answer: Answer | undefined): ItemCase {
  if (!isScored(item)) return { case: "unscored", outcome: "unscored", ratio: null };
  if (answer?.ruling === "not_applicable") return { case: "ruled_na", outcome: "na", ratio: null };
  if (answer?.ruling === "met") return { case: "ruled_met", outcome: "pass", ratio: 1 };
  if (answer?.na && item.naAllowed) return { case: "na", outcome: "na", ratio: null };
  if (answer === undefined || answer.value === undefined || answer.value === null)
    return { case: "missing", outcome: "missing", ratio: null };
  const ratio = ratioOf(item, answer.value);
  return { case: "answered", outcome: ratio >= 1 ? "pass" : ratio <= 0 ? "fail" : "partial", ratio };
}
