/**
 * The review's translator (`tr`): its dictionary loads with the review (a lazy route), so the
 * phone's first download carries none of the review's wording.
 */
import { defineDictionary } from "../../lib/i18n";
import type { ReviewDictionary } from "./review-strings/en";

const dictionary = defineDictionary<ReviewDictionary>({
  en: () => import("./review-strings/en").then((m) => m.reviewEn),
  zh: () => import("./review-strings/zh").then((m) => m.reviewZh),
});
await dictionary.ready;

/** `tr("title")`, `tr("photos", 2)`. */
export const tr = dictionary.t;
