/**
 * One item's score from its answer alone, explained: the case, outcome and ratio of
 * item-outcome.ts with the words of the rule that produced them (docs/SCORING.md). `scoreAudit`
 * (scoring.ts) calls it for every item.
 */
import type { ChecklistItem } from "./checklists";
import { itemCase } from "./item-outcome";
import type { Answer, ItemResult } from "./scoring";

/** The rule that produced an answered item's ratio, in words: `yes_no: yes passes`, `number: 4 rings > max 3`. */
function ruleOf(item: ChecklistItem, value: Answer["value"]): string {
  switch (item.kind) {
    case "yes_no":
      return value === true ? "yes_no: yes passes" : "yes_no: no fails";
    case "number": {
      const { min, max } = item.pass;
      const unit = item.unit;
      if (min !== undefined && (value as number) < min) return `number: ${value} ${unit} < min ${min}`;
      if (max !== undefined && (value as number) > max) return `number: ${value} ${unit} > max ${max}`;
      const bounds = [min !== undefined ? `min ${min}` : null, max !== undefined ? `max ${max}` : null]
        .filter(Boolean)
        .join(", ");
      return `number: ${value} ${unit} within ${bounds}`;
    }
    case "scale":
      return `scale: (${value} − ${item.min}) / (${item.max} − ${item.min})`;
    case "choice": {
      const best = Math.max(...item.options.map((o) => o.points));
      const points = item.options.find((o) => o.key === value)?.points ?? 0;
      return `choice: ${String(value)} = ${points} of ${best} points`;
    }
    default:
      return "unscored";
  }
}

/**
 * One item's result from its answer alone (no other item changes it): what `scoreAudit` does
 * for each item, for a form that needs one item's outcome without scoring the whole audit.
 */
export function scoreItem(item: ChecklistItem, answer: Answer | undefined): ItemResult {
  const base = { key: item.key, kind: item.kind, weight: item.weight };
  const found = itemCase(item, answer);
  switch (found.case) {
    case "unscored":
      return { ...base, outcome: "unscored", ratio: null, counted: false, rule: "unscored: notes and evidence" };
    case "ruled_na":
      return {
        ...base,
        outcome: "na",
        ratio: null,
        counted: false,
        rule: "dispute: ruled not applicable, removed from earned and possible",
        ruling: "not_applicable",
      };
    case "ruled_met":
      return {
        ...base,
        outcome: "pass",
        ratio: 1,
        counted: item.weight > 0,
        rule: "dispute: overturned, scored as met",
        ruling: "met",
      };
    case "na":
      return { ...base, outcome: "na", ratio: null, counted: false, rule: "na: removed from earned and possible" };
    case "missing":
      return { ...base, outcome: "missing", ratio: null, counted: false, rule: "missing: not answered" };
    case "answered":
      return {
        ...base,
        outcome: found.outcome,
        ratio: found.ratio,
        counted: item.weight > 0,
        rule: ruleOf(item, answer?.value),
      };
  }
}
