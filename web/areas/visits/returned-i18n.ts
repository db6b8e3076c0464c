/**
 * The translator of the shopper's side of review (`trr`): returned reports and review states on
 * the list. Its dictionary loads with that lazy part, not with the first download.
 */
import { defineDictionary } from "../../lib/i18n";
import type { ReturnedDictionary } from "./returned-strings/en";

const dictionary = defineDictionary<ReturnedDictionary>({
  en: () => import("./returned-strings/en").then((m) => m.returnedEn),
  zh: () => import("./returned-strings/zh").then((m) => m.returnedZh),
});
await dictionary.ready;

/** `trr("title")`, `trr("status.waiting")`. */
export const trr = dictionary.t;
