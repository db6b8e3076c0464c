/**
 * Calibration results (docs/CALIBRATION.md): several raters scored the same visit blind; how far
 * do they agree, item by item and overall, and how far is each rater from the consensus?
 *
 * - Items are the units. Each scored item has the level of measurement its kind fits: yes/no and
 *   choice items are nominal, scales ordinal, numbers interval. Alpha is computed per level over
 *   the items of that level (one alpha per level, each with a bootstrap interval).
 * - The consensus of an item is the expert's answer when the admin marked an expert, else the
 *   most given answer (nominal; a tie has no consensus), the median (ordinal) or the mean
 *   (interval) of the raters' answers. N/A counts as an answer of its own on nominal items and
 *   as missing on the others.
 * - A rater's deviation on an item is 0 or 1 for nominal items (differs from the consensus or
 *   not), and |answer − consensus| over the item's range for the others: always 0..1, so a rater's
 *   mean deviation reads the same whatever the items.
 */
import { type AlphaInterval, alphaInterval, krippendorffAlpha, type MeasurementLevel, type Rating } from "./agreement";
import type { ChecklistDocument, ChecklistItem } from "./checklists";

/** One rater's answer to one item: a value, or N/A. Absent from the map: not answered. */
export type CalibrationAnswer = { value: boolean | number | string } | { na: true };

export interface RaterSheet {
  raterId: string;
  answers: ReadonlyMap<string, CalibrationAnswer> | Readonly<Record<string, CalibrationAnswer>>;
}

/** The level of measurement an item's answers have; null for items that are not scored. */
export function levelOfItem(item: ChecklistItem): Exclude<MeasurementLevel, "ratio"> | null {
  switch (item.kind) {
    case "yes_no":
    case "choice":
      return "nominal";
    case "scale":
      return "ordinal";
    case "number":
      return "interval";
    default:
      return null;
  }
}

const NA = "n/a";

function answerOf(sheet: RaterSheet, key: string): CalibrationAnswer | undefined {
  const answers = sheet.answers;
  return answers instanceof Map ? answers.get(key) : (answers as Record<string, CalibrationAnswer>)[key];
}

/** The rating an answer gives at a level (N/A: a category of its own when nominal, else missing). */
function ratingOf(answer: CalibrationAnswer | undefined, level: MeasurementLevel): Rating {
  if (!answer) return null;
  if ("na" in answer) return level === "nominal" ? NA : null;
  if (level === "nominal") return answer.value;
  return typeof answer.value === "number" ? answer.value : null;
}

export interface ItemAgreement {
  key: string;
  level: Exclude<MeasurementLevel, "ratio">;
  /** Each distinct answer and how many raters gave it ("n/a" for N/A), most given first. */
  distribution: Array<{ value: boolean | number | string; count: number }>;
  /** The consensus answer; null when there is none (a tie on a nominal item, or no answers). */
  consensus: boolean | number | string | null;
  /** Share of the raters who answered that gave the consensus (within half a step for numbers). */
  agreeing: number | null;
  answered: number;
}

export interface RaterDeviation {
  raterId: string;
  /** Per item key: 0..1, null when the rater or the consensus has no answer. */
  items: Record<string, number | null>;
  /** Mean over the items with a deviation; null when none. */
  mean: number | null;
}

export interface CalibrationResults {
  items: ItemAgreement[];
  /** One alpha per level present among the items, with its 95 % bootstrap interval. */
  alphas: Partial<Record<Exclude<MeasurementLevel, "ratio">, AlphaInterval>>;
  raters: RaterDeviation[];
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The item's range, for scaling a numeric deviation to 0..1. */
function rangeOf(item: ChecklistItem, values: number[]): number {
  if (item.kind === "scale") return Math.max(1, item.max - item.min);
  const spread = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const bounds = item.kind === "number" ? [item.pass.min, item.pass.max].filter((b) => b !== undefined) : [];
  return Math.max(1, spread, ...bounds.map((b) => Math.abs(b as number)));
}

/**
 * Per-item agreement, alpha per level and each rater's deviation from the consensus (or from the
 * expert's answers when `expertId` names one of the raters; the expert then has no deviation
 * of their own worth reading, and is listed with zeros).
 * @example calibrationResults(doc, [{ raterId: "a", answers: { greets: { value: true } } }, …], { seed: 1 })
 */
export function calibrationResults(
  doc: ChecklistDocument,
  sheets: readonly RaterSheet[],
  options: { expertId?: string | null; seed?: number; samples?: number } = {},
): CalibrationResults {
  const items = doc.sections
    .flatMap((s) => s.items)
    .flatMap((item) => {
      const level = levelOfItem(item);
      return level ? [{ item, level }] : [];
    });
  const expert = sheets.find((s) => s.raterId === options.expertId);
  const agreements: ItemAgreement[] = [];
  const consensusOf = new Map<string, Rating>();
  for (const { item, level } of items) {
    const ratings = sheets
      .map((s) => ratingOf(answerOf(s, item.key), level))
      .filter((r) => r !== null && r !== undefined);
    const counts = new Map<string, { value: boolean | number | string; count: number }>();
    for (const r of ratings) {
      const k = `${typeof r}:${String(r)}`;
      const entry = counts.get(k) ?? { value: r as boolean | number | string, count: 0 };
      entry.count++;
      counts.set(k, entry);
    }
    const distribution = [...counts.values()].sort((a, b) => b.count - a.count);
    let consensus: Rating = null;
    if (expert) consensus = ratingOf(answerOf(expert, item.key), level);
    else if (level === "nominal") {
      const [first, second] = distribution;
      consensus = first && (!second || second.count < first.count) ? first.value : null;
    } else {
      const xs = ratings as number[];
      consensus = level === "ordinal" ? median(xs) : xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    }
    consensusOf.set(item.key, consensus);
    const agree = (r: Rating) =>
      consensus !== null &&
      (level === "nominal" ? r === consensus : Math.abs((r as number) - (consensus as number)) <= 0.5);
    agreements.push({
      key: item.key,
      level,
      distribution,
      consensus: consensus ?? null,
      agreeing: ratings.length && consensus !== null ? ratings.filter(agree).length / ratings.length : null,
      answered: ratings.length,
    });
  }

  const alphas: CalibrationResults["alphas"] = {};
  for (const level of ["nominal", "ordinal", "interval"] as const) {
    const keys = items.filter((i) => i.level === level).map((i) => i.item.key);
    if (keys.length === 0) continue;
    const data = sheets.map((s) => keys.map((k) => ratingOf(answerOf(s, k), level)));
    alphas[level] = alphaInterval(data, level, { seed: options.seed ?? 1, samples: options.samples });
  }

  const raters = sheets.map((sheet) => {
    const deviations: Record<string, number | null> = {};
    for (const { item, level } of items) {
      const mine = ratingOf(answerOf(sheet, item.key), level);
      const consensus = consensusOf.get(item.key) ?? null;
      if (mine === null || mine === undefined || consensus === null || consensus === undefined) {
        deviations[item.key] = null;
      } else if (level === "nominal") {
        deviations[item.key] = mine === consensus ? 0 : 1;
      } else {
        const values = sheets
          .map((s) => ratingOf(answerOf(s, item.key), level))
          .filter((r): r is number => typeof r === "number");
        deviations[item.key] = Math.min(1, Math.abs((mine as number) - (consensus as number)) / rangeOf(item, values));
      }
    }
    const defined = Object.values(deviations).filter((d): d is number => d !== null);
    return {
      raterId: sheet.raterId,
      items: deviations,
      mean: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null,
    };
  });
  return { items: agreements, alphas, raters };
}

/**
 * Alpha of one item across several calibration rounds on the same checklist, the rounds as the
 * units and each rater a row (a rater absent from a round is missing there): which items raters
 * keep reading differently. Null when undefined (fewer than two pairable answers, no variation).
 * @example itemAlphaAcrossRounds(item, [roundA.sheets, roundB.sheets, roundC.sheets])
 */
export function itemAlphaAcrossRounds(item: ChecklistItem, rounds: readonly (readonly RaterSheet[])[]): number | null {
  const level = levelOfItem(item);
  if (!level) return null;
  const raterIds = [...new Set(rounds.flatMap((r) => r.map((s) => s.raterId)))];
  const data = raterIds.map((id) =>
    rounds.map((sheets) => {
      const sheet = sheets.find((s) => s.raterId === id);
      return sheet ? ratingOf(answerOf(sheet, item.key), level) : null;
    }),
  );
  return krippendorffAlpha(data, level);
}
