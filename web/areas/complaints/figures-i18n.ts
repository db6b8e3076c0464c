/**
 * The translator of the complaint figures page (`tf`): only that (lazy) page imports it.
 */
import { defineDictionary } from "../../lib/i18n";
import type { ComplaintFiguresDictionary } from "./figures-strings/en";

const dictionary = defineDictionary<ComplaintFiguresDictionary>({
  en: () => import("./figures-strings/en").then((m) => m.complaintFiguresEn),
  zh: () => import("./figures-strings/zh").then((m) => m.complaintFiguresZh),
});
await dictionary.ready;

/** `tf("columns.complaints")`, `tf("hours", { value })`. */
export const tf = dictionary.t;
