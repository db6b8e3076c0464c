/**
 * The disputes area's translator (`td`). Only the (lazy) disputes pages and the report views
 * (the report page, the shopper's sent report, the branch scorecard) import this.
 */
import { isProblem } from "../../lib/api";
import { defineDictionary, problemMessage, t } from "../../lib/i18n";
import type { DisputesDictionary } from "./strings/en";

const dictionary = defineDictionary<DisputesDictionary>({
  en: () => import("./strings/en").then((m) => m.disputesEn),
  zh: () => import("./strings/zh").then((m) => m.disputesZh),
});
await dictionary.ready;

/** `td("report.raise")`, `td("list.items", 3)`. */
export const td = dictionary.t;

const OWN = [
  "dispute_window_closed",
  "dispute_open",
  "conflict_of_interest",
  "stale_version",
  "invalid_state",
  "no_other_shopper",
  "forbidden",
] as const;

/** A refusal of a dispute action as a sentence (the disputes' own codes first, then the app's). */
export function disputeProblemText(error: unknown): string {
  if (!isProblem(error)) return t("problems.internal");
  const code = OWN.find((c) => c === error.code);
  return code ? td(`errors.${code}`) : problemMessage(error);
}
