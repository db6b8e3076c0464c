/**
 * English strings of the outbox page, loaded with it (outbox-i18n.ts) rather than with the
 * phone's first download; the state badges the list shows stay in the visits dictionary.
 * `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const outboxEn = {
  title: "Outbox",
  intro: "Reports and photos wait here until the server has them.",
  online: "Online: reports send as soon as they're ready.",
  offline: "Offline: everything waits here and sends by itself when the network is back.",
  pending: "Waiting to be sent",
  nothingPending: "Nothing waiting: the server has every report.",
  sendNow: "Send now",
  sending: "Sending…",
  retry: "Try again",
  report: "Report",
  queuedAt: "Submitted {{ time }}",
  sentAt: "Sent {{ time }}",
  attempts: plural("1 attempt", "# attempts"),
  score: "score {{ score }}",
  photos: "Photos",
  photo: "Photo {{ number }}",
  drafts: "Started, not submitted",
  draftsHint: "Saved on this phone. Finish and send them from the visit.",
  draftStarted: "Started {{ time }}",
  continue: "Continue",
  sent: "Sent",
};

/** The shape every language's outbox dictionary has. */
export type OutboxDictionary = Widen<typeof outboxEn>;
