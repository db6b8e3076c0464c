/**
 * The decision page's impact, worked out on the client with the one scoring rule: the report's
 * answers with the rulings already decided (read back from `result`, since the API's answers
 * carry the shopper's values only), the new outcomes' rulings on top (`applyRulings`), scored by
 * `scoreAudit`. Pure: no Solid, no strings.
 */
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { applyRulings } from "../../../worker/domain/disputes";
import { type Answer, type ItemResult, type ScoreResult, scoreAudit } from "../../../worker/domain/scoring";
import type { ItemDecision } from "./disputes-queries";

/** The part of a report (`GET /audits/:id`) the impact reads. */
export interface ScoredReport {
  result: unknown;
  answers: ReadonlyArray<{ item: string } & ({ na: true } | { value: boolean | number | string | null })>;
}

/** The result of `key` in a scored report. */
export function resultOf(result: ScoreResult, key: string): ItemResult | undefined {
  for (const section of result.sections) {
    const item = section.items.find((i) => i.key === key);
    if (item) return item;
  }
  return undefined;
}

/** The report's answers as the scoring rule reads them, with the rulings already decided. */
export function scoringAnswers(audit: ScoredReport): Answer[] {
  const result = audit.result as ScoreResult;
  return audit.answers.map((a) => {
    const base: Answer = "na" in a ? { item: a.item, na: true } : { item: a.item, value: a.value ?? undefined };
    const ruling = resultOf(result, a.item)?.ruling;
    return ruling ? { ...base, ruling } : base;
  });
}

/**
 * The score the report would have after these outcomes: the report's answers with their rulings,
 * the decided items' rulings on top (`applyRulings`), scored by the one rule; null when
 * nothing is applicable (whether the report still counts is `countsAfterDecision`'s).
 */
export function scoreAfter(
  audit: ScoredReport,
  document: ChecklistDocument,
  outcomes: ReadonlyArray<{ itemKey: string; outcome: ItemDecision }>,
): number | null {
  const rows = scoringAnswers(audit).map((answer) => ({ itemKey: answer.item, ruling: answer.ruling ?? null, answer }));
  const answers = applyRulings(rows, outcomes).map(({ answer, ruling }): Answer => {
    const { ruling: _, ...rest } = answer;
    return ruling ? { ...rest, ruling } : rest;
  });
  return scoreAudit(document, answers).score;
}
