/**
 * The corrective actions' translator (`tx`). Only lazy pages import this: the board, one
 * action, the report page's "Create action", the branch scorecard's figures and the home.
 */
import { defineDictionary } from "../../lib/i18n";
import type { ActionsDictionary } from "./strings/en";

const dictionary = defineDictionary<ActionsDictionary>({
  en: () => import("./strings/en").then((m) => m.actionsEn),
  zh: () => import("./strings/zh").then((m) => m.actionsZh),
});
await dictionary.ready;

/** `tx("status.open")`, `tx("items", 3)`. */
export const tx = dictionary.t;
