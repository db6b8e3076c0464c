/**
 * English strings of the outbox page, loaded with it (outbox-i18n.ts) rather than with the
 * phone's first download (with why a send failed: `reasons`); the state badges the list shows stay in the visits dictionary.
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
  reasons: {
    network: "No connection to the server.",
    signIn: "Your session ended: sign in again to send.",
    server: "The server had a problem. It will try again.",
    invalid: "The server didn't accept the report.",
    auditConflict: "A different report was already sent under this report's id.",
    conflict: "This visit can't take this report (already reported or cancelled).",
    forbidden: "This report belongs to another account.",
    evidenceMissing: "The server is missing a photo: it will be sent again.",
    photoLost: "A photo of this report is missing on this phone.",
    photoRefused: "The server refused a photo.",
    other: "Something went wrong.",
  },
};

/** The shape every language's outbox dictionary has. */
export type OutboxDictionary = Widen<typeof outboxEn>;
