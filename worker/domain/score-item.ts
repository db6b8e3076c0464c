/**
 * One item's score from its answer alone: the part of the scoring rule (scoring.ts, docs/SCORING.md)
 * that the phone's form runs on each answer, in a module of its own so that the form does not
 * carry the whole rule. `scoreAudit` calls it for every item.
 */
import { type ChecklistItem, isScored } from "./checklists";
import type { Answer, ItemOutcome, ItemResult } from "./scoring";

function describeNumber(
  value: number,
  item: Extract<ChecklistItem, { kind: "number" }>,
): { ratio: number; rule: string } {
  const { min, max } = item.pass;
  const unit = item.unit;
  if (min !== undefined && value < min) return { ratio: 0, rule: `number: ${value} ${unit} < min ${min}` };
  if (max !== undefined && value > max) return { ratio: 0, rule: `number: ${value} ${unit} > max ${max}` };
  const bounds = [min !== undefined ? `min ${min}` : null, max !== undefined ? `max ${max}` : null]
    .filter(Boolean)
    .join(", ");
  return { ratio: 1, rule: `number: ${value} ${unit} within ${bounds}` };
}

/** The ratio of one answered, scored item, with the rule that produced it. */
function rateItem(item: ChecklistItem, value: Answer["value"]): { ratio: number; rule: string } {
  switch (item.kind) {
    case "yes_no":
      return value === true ? { ratio: 1, rule: "yes_no: yes passes" } : { ratio: 0, rule: "yes_no: no fails" };
    case "number":
      return describeNumber(value as number, item);
    case "scale": {
      const ratio = ((value as number) - item.min) / (item.max - item.min);
      return { ratio, rule: `scale: (${value} − ${item.min}) / (${item.max} − ${item.min})` };
    }
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      const chosen = item.options.find((o) => o.key === value);
      const points = chosen?.points ?? 0;
      return { ratio: points / best, rule: `choice: ${String(value)} = ${points} of ${best} points` };
    }
    default:
      return { ratio: 0, rule: "unscored" };
  }
}

function outcomeOf(ratio: number): ItemOutcome {
  if (ratio >= 1) return "pass";
  if (ratio <= 0) return "fail";
  return "partial";
}

/**
 * One item's result from its answer alone (no other item changes it): what `scoreAudit` does
 * for each item, for a form that needs one item's outcome without scoring the whole audit.
 */
export function scoreItem(item: ChecklistItem, answer: Answer | undefined): ItemResult {
  const base = { key: item.key, kind: item.kind, weight: item.weight };
  if (!isScored(item))
    return { ...base, outcome: "unscored", ratio: null, counted: false, rule: "unscored: notes and evidence" };
  // A dispute's ruling comes before the answer: the arbiter decided what the item counts as.
  if (answer?.ruling === "not_applicable")
    return {
      ...base,
      outcome: "na",
      ratio: null,
      counted: false,
      rule: "dispute: ruled not applicable, removed from earned and possible",
      ruling: "not_applicable",
    };
  if (answer?.ruling === "met")
    return {
      ...base,
      outcome: "pass",
      ratio: 1,
      counted: item.weight > 0,
      rule: "dispute: overturned, scored as met",
      ruling: "met",
    };
  if (answer?.na && item.naAllowed)
    return { ...base, outcome: "na", ratio: null, counted: false, rule: "na: removed from earned and possible" };
  if (answer === undefined || answer.value === undefined || answer.value === null)
    return { ...base, outcome: "missing", ratio: null, counted: false, rule: "missing: not answered" };
  const { ratio, rule } = rateItem(item, answer.value);
  return { ...base, outcome: outcomeOf(ratio), ratio, counted: item.weight > 0, rule };
}
