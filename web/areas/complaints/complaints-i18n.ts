/** The complaint log's translator (`tc`). Only the lazy complaints pages import this. */
import { defineDictionary } from "../../lib/i18n";
import type { ComplaintsDictionary } from "./strings/en";

const dictionary = defineDictionary<ComplaintsDictionary>({
  en: () => import("./strings/en").then((m) => m.complaintsEn),
  zh: () => import("./strings/zh").then((m) => m.complaintsZh),
});
await dictionary.ready;

/** `tc("status.new")`, `tc("span.hours", 3)`. */
export const tc = dictionary.t;
