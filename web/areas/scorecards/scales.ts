/**
 * Pure helpers for how scorecard figures are laid out: an axis zoomed to the data, and items
 * ordered worst first. No DOM, no strings: unit-tested in tests/unit/scorecard-scales.test.ts.
 */

export interface Axis {
  min: number;
  max: number;
}

/**
 * A points axis (within 0–100) around the values, on round steps with a little room either
 * side, at least `minSpan` wide: intervals of a few points stay readable instead of shrinking
 * to pixels on a full 0–100 axis. Nulls are ignored; no values gives the whole scale.
 * @example zoomAxis([78.6, 88.3, 84.4]) // { min: 75, max: 95 }
 */
export function zoomAxis(values: Iterable<number | null | undefined>, step = 5, minSpan = 10): Axis {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low > high) return { min: 0, max: 100 };
  let min = Math.max(0, Math.floor((low - step / 2) / step) * step);
  let max = Math.min(100, Math.ceil((high + step / 2) / step) * step);
  while (max - min < minSpan) {
    if (max < 100) max = Math.min(100, max + step);
    if (max - min < minSpan && min > 0) min = Math.max(0, min - step);
  }
  return { min, max };
}

/** Where `value` falls on `axis`, from 0 (its minimum) to 100 (its maximum), clamped. */
export function onAxis(axis: Axis, value: number): number {
  const span = axis.max - axis.min;
  if (span <= 0) return 0;
  return Math.min(100, Math.max(0, ((value - axis.min) / span) * 100));
}

export interface RankableItem {
  critical: boolean;
  branch: { rate: number | null; fails: number };
}

/**
 * Items worst first: the lowest pass rate first, then more failures, then critical items;
 * items never judged (only N/A) last; otherwise the checklist's own order is kept.
 * @example worstFirst([{ rate: 0.92 }, { rate: 0.5 }, { rate: null }]) // rates 0.5, 0.92, null
 */
export function worstFirst<T extends RankableItem>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const ra = a.item.branch.rate;
      const rb = b.item.branch.rate;
      if (ra === null || rb === null) return ra === rb ? a.index - b.index : ra === null ? 1 : -1;
      return (
        ra - rb ||
        b.item.branch.fails - a.item.branch.fails ||
        Number(b.item.critical) - Number(a.item.critical) ||
        a.index - b.index
      );
    })
    .map(({ item }) => item);
}
