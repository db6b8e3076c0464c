/**
 * The scorecards' translator (`ts`): filters, figures, the branch scorecard and the report view.
 * Only the (lazy) scorecard pages import this.
 */
import type { ScorecardsDictionary } from "../i18n/scorecards/en";
import { defineDictionary } from "./i18n";

const dictionary = defineDictionary<ScorecardsDictionary>({
  en: () => import("../i18n/scorecards/en").then((m) => m.scorecardsEn),
  zh: () => import("../i18n/scorecards/zh").then((m) => m.scorecardsZh),
});
await dictionary.ready;

/** `ts("figures.insufficient")`, `ts("figures.audits", 3)`. */
export const ts = dictionary.t;
