/**
 * The reliability pages' translator (`tl`) and the rating's explanation in words: one line per
 * kind of trouble, "−2.8: 1 of 10 reports returned by review". Only those (lazy) pages import this.
 */
import { formatNumber } from "../../lib/formats";
import { defineDictionary } from "../../lib/i18n";
import { formatPercent } from "../../lib/office-formats";
import type { ReliabilityLine } from "./reliability-queries";
import type { ReliabilityDictionary } from "./strings/reliability-en";

const dictionary = defineDictionary<ReliabilityDictionary>({
  en: () => import("./strings/reliability-en").then((m) => m.reliabilityEn),
  zh: () => import("./strings/reliability-zh").then((m) => m.reliabilityZh),
});
await dictionary.ready;

/** `tl("table.title")`. */
export const tl = dictionary.t;

/** The points a line costs, signed: "−2.8", "−0.03" for less than a tenth (nothing lost: "0"). */
export function pointsText(line: Pick<ReliabilityLine, "pointsLost">): string {
  if (line.pointsLost <= 0) return "0";
  // A cost too small to show still shows as one (−0.01), never as "−0".
  return `−${formatNumber(Math.max(0.01, line.pointsLost), line.pointsLost < 0.1 ? 2 : 1)}`;
}

/**
 * What a line counts, in the app's language.
 * @example lineText({ component: "returned", count: 1, of: 10, … }) // "1 of 10 reports returned by review"
 */
export function lineText(line: ReliabilityLine): string {
  if (line.component === "calibration") return tl("lines.calibration", { percent: formatPercent(line.count) });
  return tl(`lines.${line.component}`, { count: line.count, of: line.of });
}

/** A rating for people: one decimal, or "No rating". */
export function ratingText(rating: number | null): string {
  return rating === null ? tl("rating.none") : formatNumber(rating, 1);
}
