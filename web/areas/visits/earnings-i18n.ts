/**
 * The earnings page's translator (`te`): its dictionary loads with the page (a lazy route), so
 * the phone's first download carries none of its wording.
 */
import { defineDictionary } from "../../lib/i18n";
import type { EarningsDictionary } from "./earnings-strings/en";

const dictionary = defineDictionary<EarningsDictionary>({
  en: () => import("./earnings-strings/en").then((m) => m.earningsEn),
  zh: () => import("./earnings-strings/zh").then((m) => m.earningsZh),
});
await dictionary.ready;

/** `te("title")`, `te("fee", { amount: "¥80.00" })`. */
export const te = dictionary.t;
