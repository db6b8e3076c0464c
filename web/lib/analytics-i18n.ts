/**
 * The head-office dashboard's translator (`tx`): league, regions, heatmap and trends.
 * Only the (lazy) /scorecards page imports this.
 */
import type { AnalyticsDictionary } from "../i18n/analytics/en";
import { defineDictionary } from "./i18n";

const dictionary = defineDictionary<AnalyticsDictionary>({
  en: () => import("../i18n/analytics/en").then((m) => m.analyticsEn),
  zh: () => import("../i18n/analytics/zh").then((m) => m.analyticsZh),
});
await dictionary.ready;

/** `tx("league.title")`, `tx("heatmap.cell", { item, column, rate, passes, fails, nas })`. */
export const tx = dictionary.t;
