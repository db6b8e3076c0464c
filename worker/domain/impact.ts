/**
 * What publishing a report does to its branch's period: the branch's mean and its rank among
 * the organisation's branches for that month and checklist, before and after. Pure: it works
 * on roll-up sums (scores in `SCORE_UNITS`), never on answers.
 */
import { SCORE_UNITS, toUnits } from "./rollups";

export interface BranchSums {
  branchId: string;
  /** Reports with a score. */
  scored: number;
  /** Σ score in SCORE_UNITS. */
  scoreSum: number;
}

export interface PeriodStanding {
  /** The branch's mean score (0..100), null when nothing is scored. */
  mean: number | null;
  /** 1 = best; null when the branch has no score. Ties share a rank. */
  rank: number | null;
  /** Branches with a score in the period. */
  branches: number;
  scored: number;
}

function standing(rows: readonly BranchSums[], branchId: string): PeriodStanding {
  const means = rows.filter((r) => r.scored > 0).map((r) => ({ id: r.branchId, mean: r.scoreSum / r.scored }));
  const own = means.find((m) => m.id === branchId);
  return {
    mean: own ? own.mean / SCORE_UNITS : null,
    rank: own ? 1 + means.filter((m) => m.mean > own.mean).length : null,
    branches: means.length,
    scored: rows.find((r) => r.branchId === branchId)?.scored ?? 0,
  };
}

/**
 * The branch's standing now and once the report counts with `score` (when `counted`, the
 * report is already in the sums with `countedScore` and is replaced).
 * @example periodImpact([{ branchId: "b", scored: 1, scoreSum: 800000 }], "b", 60, null).after.mean // 70
 */
export function periodImpact(
  rows: readonly BranchSums[],
  branchId: string,
  score: number | null,
  countedScore: number | null,
): { before: PeriodStanding; after: PeriodStanding } {
  const own = rows.find((r) => r.branchId === branchId) ?? { branchId, scored: 0, scoreSum: 0 };
  const without =
    countedScore === null ? own : { ...own, scored: own.scored - 1, scoreSum: own.scoreSum - toUnits(countedScore) };
  const after =
    score === null ? without : { ...without, scored: without.scored + 1, scoreSum: without.scoreSum + toUnits(score) };
  const others = rows.filter((r) => r.branchId !== branchId);
  return { before: standing(rows, branchId), after: standing([...others, after], branchId) };
}
