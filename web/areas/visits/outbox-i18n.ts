/**
 * The outbox page's translator (`to`): its dictionary loads with the page (a lazy route), so the
 * phone's first download carries none of its wording.
 */
import { defineDictionary } from "../../lib/i18n";
import type { OutboxDictionary } from "./outbox-strings/en";

const dictionary = defineDictionary<OutboxDictionary>({
  en: () => import("./outbox-strings/en").then((m) => m.outboxEn),
  zh: () => import("./outbox-strings/zh").then((m) => m.outboxZh),
});
await dictionary.ready;

/** `to("title")`, `to("attempts", 2)`. */
export const to = dictionary.t;
