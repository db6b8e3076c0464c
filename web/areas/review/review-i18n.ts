/**
 * The review area's translator (`tr`). Only the (lazy) review pages, the report page's history
 * and the reviewer's home import this.
 */
import { defineDictionary } from "../../lib/i18n";
import type { ReviewDictionary } from "./strings/en";

const dictionary = defineDictionary<ReviewDictionary>({
  en: () => import("./strings/en").then((m) => m.reviewEn),
  zh: () => import("./strings/zh").then((m) => m.reviewZh),
});
await dictionary.ready;

/** `tr("queue.title")`, `tr("queue.age", 3)`. */
export const tr = dictionary.t;
