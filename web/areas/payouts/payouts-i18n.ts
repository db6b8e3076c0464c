/**
 * The payout pages' translator (`tr`): its dictionary loads with the pages (a lazy route), so no
 * shopper downloads any of its wording.
 */
import { defineDictionary } from "../../lib/i18n";
import type { PayoutsDictionary } from "./strings/en";

const dictionary = defineDictionary<PayoutsDictionary>({
  en: () => import("./strings/en").then((m) => m.payoutsEn),
  zh: () => import("./strings/zh").then((m) => m.payoutsZh),
});
await dictionary.ready;

/** `tr("title")`, `tr("payable.selected", 3)`. */
export const tr = dictionary.t;
