/**
 * The scorecards' translator (`ts`): filters, figures, the branch scorecard and the report view.
 * Only the (lazy) scorecard pages import this.
 */

import { defineDictionary } from "../../lib/i18n";
import type { ScorecardsDictionary } from "./strings/en";

const dictionary = defineDictionary<ScorecardsDictionary>({
  en: () => import("./strings/en").then((m) => m.scorecardsEn),
  zh: () => import("./strings/zh").then((m) => m.scorecardsZh),
});
await dictionary.ready;

/** `ts("figures.insufficient")`, `ts("figures.audits", 3)`. */
export const ts = dictionary.t;
