/**
 * The outbox: every report and photo on this phone that the server does not have yet, with
 * its state (waiting for network, sending, sent, failed and why) and a way to try again;
 * reports already sent; and visits started but not submitted.
 */
import "../../styles/later.css";
import "./visits.css";
import "./visits-after.css";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { getPhoto, listDrafts, outboxStore } from "../../lib/local-store";
import { online } from "../../lib/network";
import { formatScore } from "../../lib/office-formats";
import type { OutboxEntry } from "../../lib/outbox";
import { entries } from "../../lib/outbox-queue";
import { drain, photoErrors, photoVersion, retry, uploading } from "../../lib/outbox-runner";
import { sendErrorText, to } from "./outbox-i18n";
import { OutboxBadge, outboxLabel } from "./shared";
import { savedAssignment } from "./visits-data";
import { formatMoment, formatSize, tv } from "./visits-i18n";

const NO_NETWORK = ["network_error", "timeout"];

/** A branch's name for an assignment, from this phone's copy. */
function useBranchName(assignmentId: () => string) {
  const [assignment] = createResource(assignmentId, (id) => savedAssignment(id).catch(() => undefined));
  return () => {
    const found = assignment();
    return found ? localName(found.branch.name) : to("report");
  };
}

function PhotoRow(props: { entry: OutboxEntry; sha: string; number: number }) {
  const [record] = createResource(
    () => ({ sha: props.sha, version: photoVersion() }),
    ({ sha }) => getPhoto(sha).catch(() => undefined),
  );
  const state = (): { label: string; tone: "success" | "accent" | "warning" | "danger" } => {
    if (props.entry.state === "sent" || record()?.uploaded) return { label: tv("outbox.states.sent"), tone: "success" };
    if (uploading() === props.sha) return { label: tv("outbox.states.sending"), tone: "accent" };
    const error = photoErrors()[props.sha];
    if (error && !NO_NETWORK.includes(error))
      return { label: sendErrorText(error), tone: props.entry.state === "failed" ? "danger" : "warning" };
    return { label: tv("outbox.states.waiting"), tone: "warning" };
  };
  const size = () => {
    const data = record()?.data;
    return data instanceof Blob ? formatSize(data.size) : undefined;
  };
  return (
    <li class="outbox-photo">
      <span class="outbox-photo__name">
        {to("photo", { number: props.number })}
        <Show when={size()}>{(s) => <span class="outbox-photo__size"> · {s()}</span>}</Show>
      </span>
      <Badge tone={state().tone}>{state().label}</Badge>
    </li>
  );
}

function EntryCard(props: { entry: OutboxEntry }) {
  const name = useBranchName(() => props.entry.body.assignmentId);
  const [busy, setBusy] = createSignal(false);
  const label = () => outboxLabel(props.entry);
  const score = () => {
    const result = props.entry.result as { score?: number | null } | null;
    return typeof result?.score === "number" ? formatScore(result.score) : undefined;
  };

  async function again() {
    setBusy(true);
    try {
      if (props.entry.state === "failed") await retry(props.entry.auditId);
      else await drain();
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="outbox-entry" aria-label={name()}>
      <div class="outbox-entry__head">
        <h3 class="outbox-entry__title">{name()}</h3>
        <OutboxBadge entry={props.entry} />
      </div>
      <p class="outbox-entry__meta">
        <Show
          when={props.entry.state === "sent" && props.entry.sentAt}
          fallback={to("queuedAt", { time: formatMoment(props.entry.queuedAt) })}
        >
          {(sentAt) => to("sentAt", { time: formatMoment(sentAt()) })}
        </Show>
        <Show when={props.entry.attempts > 0 && props.entry.state !== "sent"}>
          {` · ${to("attempts", props.entry.attempts)}`}
        </Show>
        <Show when={score()}>{(s) => ` · ${to("score", { score: s() })}`}</Show>
      </p>
      <Show
        when={
          props.entry.state !== "sent" &&
          !NO_NETWORK.includes(props.entry.lastError?.code ?? "") &&
          props.entry.lastError
        }
      >
        {(error) => (
          <p class="outbox-entry__reason" classList={{ "outbox-entry__reason--failed": label() === "failed" }}>
            {sendErrorText(error().code)}
            <Show when={label() === "failed" && error().message}>
              <span class="outbox-entry__detail">{error().message}</span>
            </Show>
          </p>
        )}
      </Show>
      <Show when={props.entry.photos.length > 0}>
        <ul class="outbox-photos" aria-label={to("photos")}>
          <For each={props.entry.photos}>{(sha, i) => <PhotoRow entry={props.entry} sha={sha} number={i() + 1} />}</For>
        </ul>
      </Show>
      <Show when={props.entry.state !== "sent"}>
        <button
          type="button"
          class="button button--secondary button--block outbox-entry__retry"
          disabled={busy() || props.entry.state === "sending"}
          onClick={again}
        >
          {busy() || props.entry.state === "sending" ? to("sending") : to("retry")}
        </button>
      </Show>
    </li>
  );
}

function DraftRow(props: { assignmentId: string; startedAt: string }) {
  const name = useBranchName(() => props.assignmentId);
  return (
    <li class="outbox-draft">
      <span class="outbox-draft__text">
        <span class="outbox-draft__name">{name()}</span>
        <span class="outbox-draft__meta">
          {to("draftStarted", { time: formatMoment(Date.parse(props.startedAt)) })}
        </span>
      </span>
      <A class="button button--secondary" href={`/visits/${props.assignmentId}/form`}>
        {to("continue")}
      </A>
    </li>
  );
}

export default function Outbox() {
  const [busy, setBusy] = createSignal(false);
  const pending = createMemo(() => entries().filter((e) => e.state !== "sent"));
  /** Reports the outbox would try (a permanent failure waits for its own "Try again"). */
  const due = () => pending().some((e) => !(e.state === "failed" && e.lastError?.permanent));
  const sent = createMemo(() => entries().filter((e) => e.state === "sent"));
  const [drafts] = createResource(async () => {
    const [all, queued] = await Promise.all([listDrafts(), outboxStore.listEntries()]);
    const ids = new Set(queued.map((e) => e.auditId));
    return all.filter((d) => !ids.has(d.auditId)).sort((a, b) => b.updatedAt - a.updatedAt);
  });

  async function sendNow() {
    setBusy(true);
    try {
      await drain();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="visits outbox">
      <PageHeader title={to("title")} subtitle={to("intro")} />
      <p class="network-status" classList={{ "network-status--offline": !online() }} role="status">
        <span class="network-status__dot" aria-hidden="true" />
        {online() ? to("online") : to("offline")}
      </p>

      <section class="outbox__group" aria-labelledby="pending-title">
        <div class="outbox__group-head">
          <h2 class="section-title" id="pending-title">
            {to("pending")}
          </h2>
          <Show when={due()}>
            <button type="button" class="button button--primary" disabled={busy()} onClick={sendNow}>
              {busy() ? to("sending") : to("sendNow")}
            </button>
          </Show>
        </div>
        <Show when={pending().length > 0} fallback={<p class="empty">{to("nothingPending")}</p>}>
          <ul class="outbox-entries" aria-labelledby="pending-title">
            <For each={pending()}>{(entry) => <EntryCard entry={entry} />}</For>
          </ul>
        </Show>
      </section>

      <Show when={(drafts() ?? []).length > 0}>
        <section class="outbox__group" aria-labelledby="drafts-title">
          <h2 class="section-title" id="drafts-title">
            {to("drafts")}
          </h2>
          <p class="outbox__hint">{to("draftsHint")}</p>
          <ul class="outbox-drafts">
            <For each={drafts()}>
              {(draft) => <DraftRow assignmentId={draft.assignmentId} startedAt={draft.body.visitStartedAt} />}
            </For>
          </ul>
        </section>
      </Show>

      <Show when={sent().length > 0}>
        <section class="outbox__group" aria-labelledby="sent-title">
          <h2 class="section-title" id="sent-title">
            {to("sent")}
          </h2>
          <ul class="outbox-entries" aria-labelledby="sent-title">
            <For each={sent().slice(0, 20)}>{(entry) => <EntryCard entry={entry} />}</For>
          </ul>
        </section>
      </Show>
    </div>
  );
}
