/**
 * A shopper's reliability rating (docs/QUALITY.md, "Reliability"), explained like the score:
 * 100 points less what each kind of trouble costs over the rolling 12 months.
 *
 *   rating = 100 − Σ weight × rate
 *
 * where each rate is 0..1 over the shopper's own reports (or answers, or calibration items):
 *
 * | component     | rate                                                     | weight |
 * |---------------|----------------------------------------------------------|--------|
 * | returned      | reports a reviewer returned for changes / reports         | 25     |
 * | edited        | answers a reviewer changed / answers                      | 20     |
 * | overturned    | reports with a dispute item overturned / reports          | 20     |
 * | flagged       | reports with a quality flag / reports                     | 15     |
 * | late          | reports sent after their window / reports                 | 10     |
 * | calibration   | mean deviation from the consensus in calibrations (0..1)  | 10     |
 *
 * A component without data (no calibration yet) is left out and the others are scaled up to 100,
 * so nobody is marked down for what was never measured. With fewer than `MIN_REPORTS` reports the
 * rating is `provisional`: shown, but never used to keep a shopper off a round (a newcomer must
 * be able to start).
 */

export const RELIABILITY_WEIGHTS = {
  returned: 25,
  edited: 20,
  overturned: 20,
  flagged: 15,
  late: 10,
  calibration: 10,
} as const;

export type ReliabilityComponent = keyof typeof RELIABILITY_WEIGHTS;

/** Fewer reports than this: the rating is provisional. */
export const MIN_REPORTS = 5;

/** What the rating is computed from (the rolling 12 months). */
export interface ReliabilityFacts {
  reports: number;
  returned: number;
  answers: number;
  editedAnswers: number;
  overturned: number;
  flagged: number;
  late: number;
  /** Mean deviation from the consensus over calibration items (0..1); null when never calibrated. */
  calibrationDeviation: number | null;
}

export interface ReliabilityLine {
  component: ReliabilityComponent;
  /** The counts behind the rate (calibration: the mean deviation itself). */
  count: number;
  of: number;
  rate: number;
  /** The weight after scaling for the components left out. */
  weight: number;
  /** weight × rate, the points this component costs. */
  pointsLost: number;
}

export interface Reliability {
  /** 0..100, one decimal; null with no report at all. */
  rating: number | null;
  provisional: boolean;
  lines: ReliabilityLine[];
}

/**
 * The rating and the lines that explain it.
 * @example
 * reliabilityOf({ reports: 10, returned: 1, answers: 200, editedAnswers: 4, overturned: 0, flagged: 2, late: 0, calibrationDeviation: null })
 * // { rating: 93.4, provisional: false, lines: [...] }: 27.8 × 0.1 + 22.2 × 0.02 + 16.7 × 0.2 points lost
 */
export function reliabilityOf(facts: ReliabilityFacts): Reliability {
  if (facts.reports <= 0) return { rating: null, provisional: true, lines: [] };
  const measured: Array<{ component: ReliabilityComponent; count: number; of: number; rate: number }> = [
    { component: "returned", count: facts.returned, of: facts.reports, rate: facts.returned / facts.reports },
    {
      component: "edited",
      count: facts.editedAnswers,
      of: facts.answers,
      rate: facts.answers > 0 ? facts.editedAnswers / facts.answers : 0,
    },
    { component: "overturned", count: facts.overturned, of: facts.reports, rate: facts.overturned / facts.reports },
    { component: "flagged", count: facts.flagged, of: facts.reports, rate: facts.flagged / facts.reports },
    { component: "late", count: facts.late, of: facts.reports, rate: facts.late / facts.reports },
  ];
  if (facts.calibrationDeviation !== null) {
    measured.push({
      component: "calibration",
      count: facts.calibrationDeviation,
      of: 1,
      rate: facts.calibrationDeviation,
    });
  }
  const totalWeight = measured.reduce((sum, m) => sum + RELIABILITY_WEIGHTS[m.component], 0);
  const lines = measured.map((m) => {
    const rate = Math.min(1, Math.max(0, m.rate));
    const weight = (RELIABILITY_WEIGHTS[m.component] * 100) / totalWeight;
    return { ...m, rate, weight, pointsLost: weight * rate };
  });
  const lost = lines.reduce((sum, l) => sum + l.pointsLost, 0);
  return {
    rating: Math.round((100 - lost) * 10) / 10,
    provisional: facts.reports < MIN_REPORTS,
    lines,
  };
}

/**
 * Whether a shopper passes a round's rating floor: no floor, no rating yet, or a provisional
 * rating all pass (a newcomer must be able to start); otherwise the rating must reach the floor.
 * @example passesRatingFloor({ rating: 71.5, provisional: false }, 75) // false
 */
export function passesRatingFloor(
  reliability: Pick<Reliability, "rating" | "provisional">,
  floor: number | null | undefined,
): boolean {
  if (floor === null || floor === undefined) return true;
  if (reliability.rating === null || reliability.provisional) return true;
  return reliability.rating >= floor;
}
