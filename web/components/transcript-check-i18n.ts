/**
 * The transcript checker's translator (`tt`), for the checker itself, the call audit's panel
 * and the phrase list page: its dictionary loads with whichever of them opens first (all lazy).
 */
import { defineDictionary } from "../lib/i18n";
import type { TranscriptCheckDictionary } from "./transcript-check-strings/en";

const dictionary = defineDictionary<TranscriptCheckDictionary>({
  en: () => import("./transcript-check-strings/en").then((m) => m.transcriptCheckEn),
  zh: () => import("./transcript-check-strings/zh").then((m) => m.transcriptCheckZh),
});
await dictionary.ready;

/** `tt("check")`, `tt("found", 3)`, `tt("panel.comment", { quotes })`. */
export const tt = dictionary.t;
