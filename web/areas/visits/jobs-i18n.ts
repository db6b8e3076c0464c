/**
 * The job board page's translator (`tj`): its dictionary loads with the page (a lazy route), so
 * the phone's first download carries none of its wording.
 */
import { defineDictionary } from "../../lib/i18n";
import type { JobsDictionary } from "./jobs-strings/en";

const dictionary = defineDictionary<JobsDictionary>({
  en: () => import("./jobs-strings/en").then((m) => m.jobsEn),
  zh: () => import("./jobs-strings/zh").then((m) => m.jobsZh),
});
await dictionary.ready;

/** `tj("title")`, `tj("claims", { open: 1, limit: 3 })`. */
export const tj = dictionary.t;
