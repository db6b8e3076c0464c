/**
 * The statistics behind scorecards (docs/SCORING.md, "Roll-ups and confidence"): a mean with
 * its t-based 95 % interval from running sums, and a pass rate with its Wilson 95 % interval.
 * Pure functions over counts, so roll-up rows (n, Σx, Σx²) and raw data give the same answer.
 */

/** Fewer audits than this: shown as "insufficient data" and never ranked. */
export const MIN_AUDITS = 3;

/** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.959963984540054;

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom: a table to 30, then the
 * Cornish–Fisher expansion around the normal quantile (error below 1e-4 there).
 * @example tQuantile975(9) // 2.262
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError("degrees of freedom must be at least 1");
  const whole = Math.floor(df);
  if (whole <= T_975.length) return T_975[whole - 1] as number;
  const z = Z_975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * whole) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * whole ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * whole ** 3)
  );
}

/** Running sums of scores: what a roll-up row keeps. */
export interface ScoreSums {
  /** Scored audits (an audit with nothing applicable has no score and is not counted). */
  n: number;
  sum: number;
  sumSquares: number;
}

export interface ScoreSummary {
  n: number;
  /** Mean score 0..100; null without audits. */
  mean: number | null;
  /** Sample standard deviation; null below 2 audits. */
  sd: number | null;
  /** 95 % t interval of the mean, clamped to 0..100; null below 2 audits. */
  low: number | null;
  high: number | null;
  /** Fewer than MIN_AUDITS audits: show, but never rank as if certain. */
  insufficient: boolean;
}

/**
 * Mean, standard deviation and 95 % confidence interval from n, Σx and Σx².
 * @example summarizeScores({ n: 3, sum: 240, sumSquares: 19400 }) // mean 80, sd 10, ci 55.2..104.8 → clamped to 100
 */
export function summarizeScores(sums: ScoreSums): ScoreSummary {
  const { n, sum, sumSquares } = sums;
  if (n <= 0) return { n: 0, mean: null, sd: null, low: null, high: null, insufficient: true };
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, low: null, high: null, insufficient: true };
  // Rounding in Σx² can leave a tiny negative variance for identical scores.
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const half = tQuantile975(n - 1) * (sd / Math.sqrt(n));
  return {
    n,
    mean,
    sd,
    low: Math.max(0, mean - half),
    high: Math.min(100, mean + half),
    insufficient: n < MIN_AUDITS,
  };
}

export interface RateSummary {
  passes: number;
  fails: number;
  /** passes / (passes + fails); null when nothing was judged. */
  rate: number | null;
  /** Wilson 95 % interval; null when nothing was judged. */
  low: number | null;
  high: number | null;
}

/**
 * An item's pass rate with its Wilson score interval (95 %); N/A answers are not counted.
 * @example passRate(8, 2) // rate 0.8, low ≈ 0.49, high ≈ 0.94
 */
export function passRate(passes: number, fails: number): RateSummary {
  const total = passes + fails;
  if (total <= 0) return { passes, fails, rate: null, low: null, high: null };
  const p = passes / total;
  const z2 = Z_975 * Z_975;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (Z_975 * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  return { passes, fails, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Adds sums (roll-up rows of several months or branches pooled). */
export function addSums(a: ScoreSums, b: ScoreSums): ScoreSums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares };
}
