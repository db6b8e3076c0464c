/** A refusal of a review action as a sentence (the review's own codes first, then the app's). */
import { isProblem } from "../../lib/api";
import { problemMessage, t } from "../../lib/i18n";
import { tr } from "./review-i18n";

const OWN = ["claim_required", "already_claimed", "invalid_state", "forbidden"] as const;

export function reviewProblemText(error: unknown): string {
  if (!isProblem(error)) return t("problems.internal");
  const code = OWN.find((c) => c === error.code);
  return code ? tr(`errors.${code}`) : problemMessage(error);
}

/** Whether the API refused because the report changed since it was loaded. */
export const isStale = (error: unknown) => isProblem(error) && error.code === "stale_version";
