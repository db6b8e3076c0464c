/**
 * What one published audit adds to the roll-ups (docs/SCORING.md): its score into branch ×
 * month × version sums, each judged item into pass / fail / N/A counts, each section's ratio.
 * The same rule as the SQL rebuild in worker/data/rollups.ts; a property test keeps them equal.
 */
import type { ScoreResult } from "./scoring";

/** Scores and ratios are summed as integers in these units, so sums are exact. */
export const SCORE_UNITS = 10_000;

/** 74.35 points → 743500 units. */
export function toUnits(value: number): number {
  return Math.round(value * SCORE_UNITS);
}

/** An item outcome as a pass-rate counts it: partial credit is not a pass; missing and unscored are not judged. */
export function judgeOutcome(outcome: string): "pass" | "fail" | "na" | null {
  if (outcome === "pass") return "pass";
  if (outcome === "fail" || outcome === "partial") return "fail";
  if (outcome === "na") return "na";
  return null;
}

export interface RollupDelta {
  audits: number;
  scored: number;
  scoreSum: number;
  scoreSquares: number;
  criticalFailed: number;
  items: Array<{ itemKey: string; passes: number; fails: number; nas: number }>;
  sections: Array<{ sectionKey: string; scored: number; ratioSum: number }>;
}

/**
 * The change one audit makes to its roll-up rows: `sign` 1 when it is published, -1 when it is
 * withdrawn or replaced (an edit or a dispute outcome is -1 of the old result, +1 of the new).
 * @example rollupDelta({ score: 80, criticalFailed: false, sections: [] ... }, 1).scoreSum // 800000
 */
export function rollupDelta(
  result: Pick<ScoreResult, "score" | "criticalFailed" | "sections">,
  sign: 1 | -1,
): RollupDelta {
  const units = result.score === null ? null : toUnits(result.score);
  const items: RollupDelta["items"] = [];
  const sections: RollupDelta["sections"] = [];
  for (const section of result.sections) {
    if (section.ratio !== null)
      sections.push({ sectionKey: section.key, scored: sign, ratioSum: sign * toUnits(section.ratio) });
    for (const item of section.items) {
      const judged = judgeOutcome(item.outcome);
      if (!judged) continue;
      items.push({
        itemKey: item.key,
        passes: judged === "pass" ? sign : 0,
        fails: judged === "fail" ? sign : 0,
        nas: judged === "na" ? sign : 0,
      });
    }
  }
  return {
    audits: sign,
    scored: units === null ? 0 : sign,
    scoreSum: units === null ? 0 : sign * units,
    scoreSquares: units === null ? 0 : sign * units * units,
    criticalFailed: result.criticalFailed ? sign : 0,
    items,
    sections,
  };
}
