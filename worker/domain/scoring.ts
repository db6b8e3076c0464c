/**
 * The scoring rule: one exact, explainable function from a checklist version and a set of
 * answers to a score. The server stores what this returns; the phone and the builder preview
 * run the very same code, so they always agree. Documented with worked examples in
 * docs/SCORING.md; keep the two in step.
 */
import type { ChecklistDocument, ChecklistItem } from "./checklists";
import { formatPath } from "./paths";
import { scoreItem } from "./score-item";

export { scoreItem };

/**
 * One answer: a value of the item's kind, or N/A. `choice` values are option keys.
 * `ruling` is a decided dispute's outcome on top of the shopper's answer (docs/SCORING.md,
 * "Disputes"): `met` scores the item as met, `not_applicable` takes it out of the denominator.
 */
export interface Answer {
  item: string;
  value?: boolean | number | string;
  na?: boolean;
  ruling?: "met" | "not_applicable" | null;
}

export type ItemOutcome = "pass" | "fail" | "partial" | "na" | "unscored" | "missing";

export interface ItemResult {
  key: string;
  kind: ChecklistItem["kind"];
  outcome: ItemOutcome;
  /** 0..1 for answered scored items; null for N/A, unscored and missing items. */
  ratio: number | null;
  weight: number;
  /** Whether the item takes part in its section's sums (answered, scored, weight > 0). */
  counted: boolean;
  /** The rule that produced the ratio, in words: `yes_no: true passes`, `number: 4 rings > max 3`. */
  rule: string;
  /** A decided dispute's ruling that set the outcome (absent when none). */
  ruling?: "met" | "not_applicable";
}

export interface SectionResult {
  key: string;
  weight: number;
  /** Σ(item weight × item ratio) over counted items (0 when zeroed by a critical item). */
  earned: number;
  /** Σ(item weight) over counted items. */
  possible: number;
  /** earned / possible; null when nothing in the section is applicable. */
  ratio: number | null;
  /** Whether the section takes part in the overall score (possible > 0 and weight > 0). */
  included: boolean;
  /** Key of the failed `critical: section` item that set the ratio to 0. */
  zeroedBy: string | null;
  items: ItemResult[];
}

export interface ScoreResult {
  /** 0..100 at full precision; null when nothing is applicable. Round only for display. */
  score: number | null;
  criticalFailed: boolean;
  /** Key of the failed `critical: audit` item (the first in document order). */
  criticalItem: string | null;
  /** Every scored item is answered or N/A. */
  complete: boolean;
  /** Keys of scored items with neither a value nor N/A, in document order. */
  missing: string[];
  sections: SectionResult[];
}

/** A problem with one answer, addressed by its index in the answers list. */
export interface AnswerProblem {
  path: string;
  code: "unknown_reference" | "invalid_type" | "invalid_value" | "not_allowed" | "taken" | "required";
  message: string;
}

/**
 * A stored answer (one row of `answers`) as scoring reads it, its dispute ruling included.
 * @example answerOfRow({ itemKey: "greets", value: false, na: false, ruling: "met" }) // { item: "greets", value: false, ruling: "met" }
 */
export function answerOfRow(row: {
  itemKey: string;
  value: unknown;
  na: boolean;
  ruling?: "met" | "not_applicable" | null;
}): Answer {
  const base: Answer = row.na
    ? { item: row.itemKey, na: true }
    : { item: row.itemKey, value: row.value as Answer["value"] };
  return row.ruling ? { ...base, ruling: row.ruling } : base;
}

/**
 * Sums in a fixed order (by key), so the result does not depend on how sections or items
 * are ordered in the document: floating-point addition is not associative.
 */
function sumBy<T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => number): number {
  return [...rows]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .reduce((sum, row) => sum + value(row), 0);
}

/**
 * Scores a set of answers against a checklist version, explaining every step.
 * Answers are assumed valid (see `checkAnswers`); unknown keys are ignored.
 *
 * @example
 * scoreAudit(doc, [{ item: "greets", value: true }, { item: "smiles", na: true }])
 * // { score: 100, criticalFailed: false, complete: true, sections: [...] }
 */
export function scoreAudit(doc: ChecklistDocument, answers: readonly Answer[]): ScoreResult {
  const byKey = new Map(answers.map((a) => [a.item, a]));
  const missing: string[] = [];
  let criticalItem: string | null = null;

  const sections: SectionResult[] = doc.sections.map((section) => {
    let zeroedBy: string | null = null;
    const items: ItemResult[] = section.items.map((item) => {
      const result = scoreItem(item, byKey.get(item.key));
      if (result.outcome === "missing") missing.push(item.key);
      if (result.outcome === "fail" && item.critical === "section" && zeroedBy === null) zeroedBy = item.key;
      if (result.outcome === "fail" && item.critical === "audit" && criticalItem === null) criticalItem = item.key;
      return result;
    });
    const counted = items.filter((i) => i.counted);
    const possible = sumBy(
      counted,
      (i) => i.key,
      (i) => i.weight,
    );
    const earned = zeroedBy
      ? 0
      : sumBy(
          counted,
          (i) => i.key,
          (i) => i.weight * (i.ratio ?? 0),
        );
    const ratio = possible > 0 ? earned / possible : null;
    return {
      key: section.key,
      weight: section.weight,
      earned,
      possible,
      ratio,
      included: possible > 0 && section.weight > 0,
      zeroedBy,
      items,
    };
  });

  const included = sections.filter((s) => s.included);
  const totalWeight = sumBy(
    included,
    (s) => s.key,
    (s) => s.weight,
  );
  const weighted = sumBy(
    included,
    (s) => s.key,
    (s) => s.weight * (s.ratio ?? 0),
  );
  const criticalFailed = criticalItem !== null;
  // Ratio first, then × 100: (100 × w) / w is not always exactly 100 in floating point
  // (section weights 0.1 and 0.7, all passed, gave 100.00000000000001).
  const score = criticalFailed ? 0 : totalWeight > 0 ? 100 * (weighted / totalWeight) : null;

  return { score, criticalFailed, criticalItem, complete: missing.length === 0, missing, sections };
}

/**
 * Checks answers against a checklist version: known item keys, one answer per item, N/A only
 * where allowed, values of the item's kind and within its range. Missing answers are not a
 * problem here (drafts are incomplete); `scoreAudit` reports them.
 * @example checkAnswers(doc, [{ item: "rings", value: -1 }]) // [{ path: "answers[0].value", code: "invalid_value", ... }]
 */
export function checkAnswers(doc: ChecklistDocument, answers: readonly Answer[]): AnswerProblem[] {
  const items = new Map(doc.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  const seen = new Set<string>();
  const problems: AnswerProblem[] = [];
  const problem = (index: number, field: string, code: AnswerProblem["code"], message: string): void => {
    problems.push({ path: formatPath(["answers", index, field]), code, message });
  };

  for (const [index, answer] of answers.entries()) {
    const item = items.get(answer.item);
    if (!item) {
      problem(index, "item", "unknown_reference", `No item "${answer.item}" in this checklist version`);
      continue;
    }
    if (seen.has(answer.item)) {
      problem(index, "item", "taken", `Item "${answer.item}" is answered twice`);
      continue;
    }
    seen.add(answer.item);
    if (answer.na) {
      if (!item.naAllowed) problem(index, "na", "not_allowed", "This item cannot be marked N/A");
      if (answer.value !== undefined) problem(index, "value", "not_allowed", "An N/A answer has no value");
      continue;
    }
    const value = answer.value;
    if (value === undefined) continue;
    switch (item.kind) {
      case "yes_no":
        if (typeof value !== "boolean") problem(index, "value", "invalid_type", "Answer yes (true) or no (false)");
        break;
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value))
          problem(index, "value", "invalid_type", "Answer with a number");
        else if (value < 0) problem(index, "value", "invalid_value", "A count or duration cannot be negative");
        break;
      case "scale":
        if (typeof value !== "number" || !Number.isInteger(value))
          problem(index, "value", "invalid_type", "Answer with a whole number on the scale");
        else if (value < item.min || value > item.max)
          problem(index, "value", "invalid_value", `Answer between ${item.min} and ${item.max}`);
        break;
      case "choice":
        if (typeof value !== "string") problem(index, "value", "invalid_type", "Answer with the key of an option");
        else if (!item.options.some((o) => o.key === value))
          problem(index, "value", "invalid_value", `"${value}" is not an option of this item`);
        break;
      case "text":
        if (typeof value !== "string") problem(index, "value", "invalid_type", "Answer with text");
        break;
      case "photo":
        problem(index, "value", "not_allowed", "Photos are attached as evidence, not given as a value");
        break;
    }
  }
  return problems;
}
