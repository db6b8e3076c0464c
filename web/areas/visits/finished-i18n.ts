/**
 * The translator of the shopper's finished work (`tfin`): "show more" on the list and the report
 * they sent. Its dictionary loads with those lazy parts, not with the first download.
 */
import { defineDictionary } from "../../lib/i18n";
import type { FinishedDictionary } from "./finished-strings/en";

const dictionary = defineDictionary<FinishedDictionary>({
  en: () => import("./finished-strings/en").then((m) => m.finishedEn),
  zh: () => import("./finished-strings/zh").then((m) => m.finishedZh),
});
await dictionary.ready;

/** `tfin("more")`, `tfin("report.title")`. */
export const tfin = dictionary.t;
