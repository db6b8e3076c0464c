/**
 * The head-office dashboard's translator (`tx`): league, regions, heatmap and trends.
 * Only the (lazy) /scorecards page imports this.
 */

import { defineDictionary } from "../../lib/i18n";
import type { AnalyticsDictionary } from "./analytics-strings/en";

const dictionary = defineDictionary<AnalyticsDictionary>({
  en: () => import("./analytics-strings/en").then((m) => m.analyticsEn),
  zh: () => import("./analytics-strings/zh").then((m) => m.analyticsZh),
});
await dictionary.ready;

/** `tx("league.title")`, `tx("heatmap.cell", { item, column, rate, passes, fails, nas })`. */
export const tx = dictionary.t;
