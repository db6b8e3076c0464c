/**
 * Agreement between raters (docs/CALIBRATION.md): Krippendorff's alpha over a reliability data
 * matrix, a bootstrap interval for it, and the reading Krippendorff recommends.
 *
 * Alpha = 1 − D_o / D_e: the disagreement observed within units over the disagreement expected
 * by chance from all the values given. It accepts any number of raters, missing ratings, and a
 * distance that fits the level of measurement, which is why it (and not "% within ±10 points")
 * is the statistic: 1 is perfect agreement, 0 is what chance alone gives, below 0 systematic
 * disagreement. Computed through the coincidence matrix as in Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability".
 */
import { mulberry32 } from "./rounds";

/** How the values compare: categories, ordered categories, or numbers with a meaningful difference (or ratio). */
export type MeasurementLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** One rating: a category or number; null or undefined when the rater did not rate the unit. */
export type Rating = string | number | boolean | null | undefined;

/**
 * Reliability data: one row per rater, one column per unit (here: a checklist item), as in
 * Krippendorff's tables. Rows may be shorter than the longest one: the rest is missing.
 */
export type ReliabilityData = readonly (readonly Rating[])[];

/** The values that can be paired, per unit: units with fewer than two ratings pair nothing and drop out. */
function pairableUnits(data: ReliabilityData): Rating[][] {
  const width = data.reduce((max, row) => Math.max(max, row.length), 0);
  const units: Rating[][] = [];
  for (let u = 0; u < width; u++) {
    const values = data.map((row) => row[u]).filter((v) => v !== null && v !== undefined);
    if (values.length >= 2) units.push(values);
  }
  return units;
}

/** A value's key in the coincidence matrix: the type is kept so `1` and `"1"` stay apart. */
function keyOf(value: Rating): string {
  return `${typeof value}:${String(value)}`;
}

/** A square matrix of numbers, kept flat (row-major) so indexing stays simple and typed. */
class Square {
  readonly cells: Float64Array;
  constructor(readonly size: number) {
    this.cells = new Float64Array(size * size);
  }
  get(i: number, j: number): number {
    return this.cells[i * this.size + j] ?? 0;
  }
  set(i: number, j: number, value: number): void {
    this.cells[i * this.size + j] = value;
  }
}

interface Coincidences {
  values: Rating[];
  /** o(c, k): how often value c was paired with value k within a unit (each pair weighted 1/(m_u − 1)). */
  o: Square;
  /** n_c: how often value c was paired at all. */
  n: number[];
  total: number;
}

function coincidences(units: readonly Rating[][]): Coincidences {
  const index = new Map<string, number>();
  const values: Rating[] = [];
  for (const unit of units) {
    for (const v of unit) {
      const key = keyOf(v);
      if (!index.has(key)) {
        index.set(key, values.length);
        values.push(v);
      }
    }
  }
  const o = new Square(values.length);
  for (const unit of units) {
    const weight = 1 / (unit.length - 1);
    const idx = unit.map((v) => index.get(keyOf(v)) ?? 0);
    idx.forEach((c, i) => {
      idx.forEach((k, j) => {
        if (i !== j) o.set(c, k, o.get(c, k) + weight);
      });
    });
  }
  const n = values.map((_value, c) => {
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += o.get(c, k);
    return sum;
  });
  return { values, o, n, total: n.reduce((a, b) => a + b, 0) };
}

function numberOf(value: Rating, level: MeasurementLevel): number {
  const x = typeof value === "boolean" ? Number(value) : value;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${level} alpha needs numbers; got ${JSON.stringify(value)}`);
  }
  return x;
}

/** δ²(c, k) for every pair of values, by the level's metric (Krippendorff 2011, section C). */
function distances(c: Coincidences, level: MeasurementLevel): Square {
  const size = c.values.length;
  const d = new Square(size);
  const fill = (metric: (i: number, j: number) => number) => {
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) d.set(i, j, i === j ? 0 : metric(i, j));
    return d;
  };
  if (level === "nominal") return fill(() => 1);
  const x = c.values.map((v) => numberOf(v, level));
  const xs = (i: number) => x[i] ?? 0;
  if (level === "interval") return fill((i, j) => (xs(i) - xs(j)) ** 2);
  if (level === "ratio") {
    return fill((i, j) => {
      const sum = xs(i) + xs(j);
      return sum === 0 ? 0 : ((xs(i) - xs(j)) / sum) ** 2;
    });
  }
  // Ordinal: the distance is how many pairable values lie between c and k (the ranks' mass), so
  // only the order of the values matters, not their spacing.
  const ns = (i: number) => c.n[i] ?? 0;
  const order = x.map((_, i) => i).sort((a, b) => xs(a) - xs(b));
  const rank = new Array<number>(size).fill(0);
  order.forEach((valueIndex, r) => {
    rank[valueIndex] = r;
  });
  const cumulative = [0];
  for (const valueIndex of order) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + ns(valueIndex));
  return fill((i, j) => {
    const lo = Math.min(rank[i] ?? 0, rank[j] ?? 0);
    const hi = Math.max(rank[i] ?? 0, rank[j] ?? 0);
    const between = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0);
    return (between - (ns(i) + ns(j)) / 2) ** 2;
  });
}

function alphaOfUnits(units: readonly Rating[][], level: MeasurementLevel): number | null {
  const c = coincidences(units);
  if (c.total <= 1) return null;
  const d = distances(c, level);
  let observed = 0;
  let expected = 0;
  c.n.forEach((nc, i) => {
    c.n.forEach((nk, j) => {
      observed += c.o.get(i, j) * d.get(i, j);
      expected += nc * nk * d.get(i, j);
    });
  });
  // No variation at all among the values: chance cannot be told from agreement, alpha is undefined.
  if (expected === 0) return null;
  return 1 - ((c.total - 1) * observed) / expected;
}

/**
 * Krippendorff's alpha of reliability data (raters × units) at a level of measurement. Missing
 * ratings (null/undefined) are allowed; units rated by fewer than two raters drop out.
 * Returns null when alpha is undefined: fewer than two pairable values, or no variation at all.
 * Throws a RangeError when a non-nominal level is given something that is not a number.
 * @example
 * krippendorffAlpha([[1, 2, 3], [1, 2, 3]], "interval") // 1
 * krippendorffAlpha([[1, 2, null], [1, 3, 3]], "nominal")
 */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel): number | null {
  return alphaOfUnits(pairableUnits(data), level);
}

/** A bootstrap interval of alpha. */
export interface AlphaInterval {
  alpha: number | null;
  /** 2.5th and 97.5th percentiles of the resampled alphas (null when alpha is undefined). */
  low: number | null;
  high: number | null;
  /** How many units were pairable, and how many resamples gave a defined alpha. */
  units: number;
  samples: number;
}

/**
 * Alpha with a 95 % bootstrap interval: the pairable units are resampled with replacement
 * `samples` times (seeded, so the same data give the same interval) and alpha is recomputed;
 * the interval is the 2.5th–97.5th percentile of those alphas. Resampling units (not single
 * ratings) keeps each unit's ratings together, which is what the raters agreed or disagreed on.
 * @example alphaInterval([[1, 2, 3, 1], [1, 2, 3, 2]], "nominal", { seed: 7 }).alpha
 */
export function alphaInterval(
  data: ReliabilityData,
  level: MeasurementLevel,
  options: { samples?: number; seed?: number } = {},
): AlphaInterval {
  const units = pairableUnits(data);
  const alpha = alphaOfUnits(units, level);
  const samples = options.samples ?? 1000;
  if (alpha === null) return { alpha, low: null, high: null, units: units.length, samples: 0 };
  const random = mulberry32(options.seed ?? 1);
  const alphas: number[] = [];
  for (let s = 0; s < samples; s++) {
    const resample = units.map(() => units[Math.floor(random() * units.length)] ?? []);
    const a = alphaOfUnits(resample, level);
    if (a !== null) alphas.push(a);
  }
  alphas.sort((a, b) => a - b);
  const at = (q: number) => alphas[Math.min(alphas.length - 1, Math.floor(q * alphas.length))] ?? null;
  return { alpha, low: at(0.025), high: at(0.975), units: units.length, samples: alphas.length };
}

/** Krippendorff's reading of alpha: below 0.667 not reliable, from 0.8 reliable, between: tentative. */
export type AlphaReading = "not_reliable" | "tentative" | "reliable" | "undefined";

/**
 * What an alpha lets one conclude (Krippendorff 2004: rely on data with alpha ≥ 0.800, draw only
 * tentative conclusions from 0.667 up, none below).
 * @example readAlpha(0.743) // "tentative"
 */
export function readAlpha(alpha: number | null): AlphaReading {
  if (alpha === null) return "undefined";
  if (alpha >= 0.8) return "reliable";
  if (alpha >= 0.667) return "tentative";
  return "not_reliable";
}
