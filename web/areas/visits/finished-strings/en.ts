/**
 * English strings of the shopper's finished work: earlier visits on the list ("show more") and
 * the report they sent. Loaded with those (lazy) parts, never in the phone's first download.
 * `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const finishedEn = {
  more: "Show earlier visits",
  loading: "Loading…",
  moreFailed: "Couldn't load earlier visits. Check the connection and try again.",
  report: {
    title: "Your report",
    back: "Visit",
    loading: "Loading your report…",
    offline: "Your report can be read when there's a connection: the phone keeps only visits still to do.",
    failed: "Couldn't load your report. Try again later.",
    scoreLater: "The score appears here once head office publishes the report.",
  },
};

/** The shape every language's dictionary of finished work has. */
export type FinishedDictionary = Widen<typeof finishedEn>;
