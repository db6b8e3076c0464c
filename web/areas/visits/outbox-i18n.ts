/**
 * The outbox page's translator (`to`): its dictionary loads with the page (a lazy route), so the
 * phone's first download carries none of its wording. Why something could not be sent
 * (`sendErrorText`) is here too: the outbox, the form's review and the returned reports say it,
 * never the visit list or the briefing.
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

/** Why the outbox could not send something, from the error's code. */
export function sendErrorText(code: string): string {
  switch (code) {
    case "network_error":
    case "timeout":
      return to("reasons.network");
    case "unauthenticated":
      return to("reasons.signIn");
    case "too_many_attempts":
    case "internal_error":
    case "busy":
      return to("reasons.server");
    case "validation_failed":
      return to("reasons.invalid");
    case "audit_conflict":
      return to("reasons.auditConflict");
    case "conflict":
      return to("reasons.conflict");
    case "forbidden":
      return to("reasons.forbidden");
    case "evidence_missing":
      return to("reasons.evidenceMissing");
    case "photo_lost":
      return to("reasons.photoLost");
    case "unsupported_media_type":
    case "checksum_mismatch":
    case "payload_too_large":
      return to("reasons.photoRefused");
    default:
      return to("reasons.other");
  }
}
