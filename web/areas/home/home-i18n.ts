/**
 * The role homes' translator (`th`). Only the (lazy) home and not-found pages import this.
 */
import { defineDictionary } from "../../lib/i18n";
import type { HomeDictionary } from "./strings/en";

const dictionary = defineDictionary<HomeDictionary>({
  en: () => import("./strings/en").then((m) => m.homeEn),
  zh: () => import("./strings/zh").then((m) => m.homeZh),
});
await dictionary.ready;

/** `th("office.below")`, `th("office.dueCount", 3)`. */
export const th = dictionary.t;
