/** Bits the shopper's pages share: the offline note, the visit's contact line, state badges, the save status. */
import { Show } from "solid-js";
import { Badge, type BadgeTone } from "../../components/badge";
import type { OutboxEntry } from "../../lib/outbox";
import type { VisitSession } from "./session";
import type { Assignment } from "./visits-data";
import { formatMoment, tv } from "./visits-i18n";

/** "Offline — showing what this phone saved at 14:05." */
export function OfflineBanner(props: { savedAt: number }) {
  return (
    <p class="offline-banner" role="status">
      <span class="offline-banner__dot" aria-hidden="true" />
      {tv("offline.banner", { time: formatMoment(props.savedAt) })}
    </p>
  );
}

/** The address of a store, or the number to call (a tel: link) for a call centre. */
export function ContactLine(props: { assignment: Assignment }) {
  const branch = () => props.assignment.branch;
  return (
    <Show
      when={branch().channel === "call_centre" || (!branch().address && branch().phone)}
      fallback={<span class="visit-contact__address">{branch().address || tv("list.noAddress")}</span>}
    >
      <a class="visit-contact__call" href={`tel:${branch().phone.replace(/[^\d+]/g, "")}`}>
        <svg class="visit-contact__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6.6 3.5h3l1.5 4-2 1.3a11 11 0 0 0 6.1 6.1l1.3-2 4 1.5v3a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.6 5.7a2 2 0 0 1 2-2.2Z" />
        </svg>
        {tv("list.call", { phone: branch().phone })}
      </a>
    </Show>
  );
}

export type OutboxLabel = "waiting" | "retrying" | "sending" | "sent" | "failed";

/** What an outbox entry's state means for the shopper. */
export function outboxLabel(entry: OutboxEntry): OutboxLabel {
  if (entry.state === "sent") return "sent";
  if (entry.state === "sending") return "sending";
  if (entry.state === "failed") return entry.lastError?.permanent ? "failed" : "retrying";
  const code = entry.lastError?.code;
  return !code || code === "network_error" || code === "timeout" ? "waiting" : "retrying";
}

const TONES: Record<OutboxLabel, BadgeTone> = {
  waiting: "warning",
  retrying: "warning",
  sending: "accent",
  sent: "success",
  failed: "danger",
};

export function OutboxBadge(props: { entry: OutboxEntry }) {
  const label = () => outboxLabel(props.entry);
  return <Badge tone={TONES[label()]}>{tv(`outbox.states.${label()}`)}</Badge>;
}

/** "Saved on this phone" (polite live region), or why it could not be saved. */
export function SaveStatus(props: { session: VisitSession }) {
  return (
    <p
      class="save-status"
      classList={{
        "save-status--failed": props.session.saveState() === "failed",
        "save-status--saving": props.session.saveState() === "saving",
      }}
      role="status"
      aria-live="polite"
    >
      <span class="save-status__dot" aria-hidden="true" />
      {props.session.saveState() === "failed"
        ? tv("form.saveFailed", { reason: props.session.saveError() ?? "" })
        : props.session.saveState() === "saving"
          ? tv("form.saving")
          : tv("form.saved")}
    </p>
  );
}
