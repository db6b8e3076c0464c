/**
 * The shopper's side of review on the list, loaded after it (never in the first download):
 * reports a reviewer returned with questions, at the top, each question tied to its item, with
 * the answers the shopper writes going through the replies' outbox (kept on the phone, sent when
 * there is a network); and where each sent report is in review (a rejected one says why).
 * The questions and the reason come from `GET /audits/:id` and are kept on the phone, so a
 * returned report can be answered offline once it has been seen online.
 */
import "../../styles/later.css";
import "./visits-after.css";
import { createEffect, createMemo, createResource, createSignal, For, on, onMount, Show } from "solid-js";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { Badge, type BadgeTone } from "../../components/badge";
import { A } from "../../components/link";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { cacheGet, cachePut } from "../../lib/local-store";
import type { ReplyEntry } from "../../lib/reply-outbox";
import { queueReplies, refreshReplies, replies, retryReplies } from "../../lib/reply-runner";
import { sendErrorText } from "./outbox-i18n";
import { trr } from "./returned-i18n";
import { type Assignment, isNetworkError, loadVersion } from "./visits-data";
import { formatWindow } from "./visits-i18n";

type Review = Pick<Audit, "status" | "questions" | "replies" | "rejectionReason">;
type Audit = import("../planning/assignment-queries").Audit;
type Loaded = { review: Review } | { problem: "offline" | "failed" };

/** The report's review part, from the server when it answers, else this phone's copy. */
async function loadReview(auditId: string): Promise<Loaded> {
  const key = `review:${auditId}`;
  try {
    const audit = await call(api.audits[":id"].$get({ param: { id: auditId } }));
    const review: Review = {
      status: audit.status,
      questions: audit.questions,
      replies: audit.replies,
      rejectionReason: audit.rejectionReason,
    };
    await cachePut(key, review).catch(() => undefined);
    return { review };
  } catch (error) {
    const saved = await cacheGet<Review>(key).catch(() => undefined);
    if (saved) return { review: saved.value };
    return { problem: isNetworkError(error) ? "offline" : "failed" };
  }
}

/** An item's prompt by key, in the current language (the question is tied to it). */
function itemLabel(doc: ChecklistDocument | null | undefined, key: string | null): string | undefined {
  if (!doc || !key) return undefined;
  for (const section of doc.sections) {
    const item = section.items.find((i) => i.key === key);
    if (item) return localName(item.prompt);
  }
  return undefined;
}

const STATUS_TONES: Record<Audit["status"], BadgeTone> = {
  waiting: "accent",
  claimed: "accent",
  returned: "warning",
  published: "success",
  rejected: "danger",
  voided: "neutral",
};

/**
 * Where a sent report is in review, for a card of the list; a late visit says so too, and a
 * rejected report says why (its reason read from the server, or this phone's copy).
 */
export function ReviewStatus(props: { assignment: Assignment }) {
  const audit = () => props.assignment.audit;
  const [review] = createResource(() => (audit()?.status === "rejected" ? audit()?.id : undefined), loadReview);
  const reason = () => {
    const r = review();
    return r && "review" in r ? r.review.rejectionReason : undefined;
  };
  return (
    <Show when={audit()}>
      {(a) => (
        <>
          <Show when={a().late}>
            <Badge tone="warning">{trr("late")}</Badge>
          </Show>
          <Badge tone={STATUS_TONES[a().status]}>{trr(`status.${a().status}`)}</Badge>
          <Show when={reason()}>
            {(why) => <p class="review-status__reason">{trr("rejectedBecause", { reason: why() })}</p>}
          </Show>
        </>
      )}
    </Show>
  );
}

const REPLY_TONES: Record<ReplyEntry["state"], BadgeTone> = {
  waiting: "warning",
  sending: "accent",
  sent: "success",
  failed: "danger",
};

function ReplyState(props: { entry: ReplyEntry }) {
  const [busy, setBusy] = createSignal(false);
  const state = () =>
    props.entry.state === "failed" && !props.entry.lastError?.permanent ? "waiting" : props.entry.state;
  const text = () =>
    state() === "failed"
      ? trr("reply.failed", { reason: sendErrorText(props.entry.lastError?.code ?? "") })
      : trr(`reply.${state() as "waiting" | "sending" | "sent"}`);
  const tone = (): BadgeTone => REPLY_TONES[state()];
  return (
    <div class="returned-card__reply-state" role="status">
      <Badge tone={tone()}>{text()}</Badge>
      <Show when={props.entry.state === "failed"}>
        <button
          type="button"
          class="button button--secondary"
          disabled={busy()}
          onClick={async () => {
            setBusy(true);
            try {
              await retryReplies(props.entry.clientId);
            } finally {
              setBusy(false);
            }
          }}
        >
          {trr("retry")}
        </button>
      </Show>
    </div>
  );
}

function ReturnedCard(props: { assignment: Assignment }) {
  const a = () => props.assignment;
  const [review] = createResource(() => a().audit?.id, loadReview);
  const [doc] = createResource(
    () => a().checklist.versionId,
    (id) => loadVersion(id).catch(() => null),
  );
  /** This phone's latest answers to the report (pending or sent). */
  const entry = createMemo(() =>
    replies()
      .filter((e) => e.auditId === a().audit?.id)
      .sort((x, y) => y.queuedAt - x.queuedAt)
      .at(0),
  );
  const loaded = () => {
    const r = review();
    return r && "review" in r ? r.review : undefined;
  };
  const problem = () => {
    const r = review();
    return r && "problem" in r ? r.problem : undefined;
  };
  /** Answers already given, by question: the server's, then this phone's. */
  const answered = createMemo(() => {
    const map = new Map<string, string>();
    for (const r of loaded()?.replies ?? []) map.set(r.questionId, r.text);
    for (const e of replies().filter((e) => e.auditId === a().audit?.id))
      for (const r of e.replies) map.set(r.questionId, r.text);
    return map;
  });
  const open = () => (loaded()?.questions ?? []).filter((q) => !answered().has(q.id));
  /** Every question answered and the answers at the server: back in the reviewer's queue. */
  const waiting = () => entry()?.state === "sent" && open().length === 0;
  const [drafts, setDrafts] = createSignal<Record<string, string>>({});
  const [missing, setMissing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  async function send(event: SubmitEvent) {
    event.preventDefault();
    const auditId = a().audit?.id;
    const texts = open().map((q) => ({ questionId: q.id, text: (drafts()[q.id] ?? "").trim() }));
    if (!auditId || texts.length === 0) return;
    if (texts.some((t) => !t.text)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await queueReplies({ auditId, assignmentId: a().id, replies: texts });
      setDrafts({});
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="visit-card returned-card" aria-label={localName(a().branch.name)}>
      <div class="visit-card__head">
        <A class="visit-card__link" href={`/visits/${a().id}`}>
          {localName(a().branch.name)}
        </A>
        <Badge tone={waiting() ? "accent" : "warning"}>
          {waiting() ? trr("status.waiting") : trr("status.returned")}
        </Badge>
      </div>
      <p class="visit-card__meta">{formatWindow(a().windowStart, a().windowEnd)}</p>
      <Show when={problem()}>
        {(which) => (
          <p class="notice" role="status">
            {which() === "offline" ? trr("offline") : trr("failed")}
          </p>
        )}
      </Show>
      <Show when={!review.loading || loaded()} fallback={<p class="empty">{trr("loading")}</p>}>
        <ul class="returned-questions">
          <For each={loaded()?.questions ?? []}>
            {(q) => (
              <li class="returned-question">
                <p class="returned-question__item">
                  {((label) => (label ? trr("about", { item: label }) : trr("general")))(itemLabel(doc(), q.itemKey))}
                </p>
                <p class="returned-question__text">{q.text}</p>
                <Show
                  when={answered().get(q.id)}
                  fallback={
                    <label class="field returned-question__answer">
                      <span class="field__label">{trr("answer")}</span>
                      <textarea
                        rows={3}
                        maxLength={2000}
                        value={drafts()[q.id] ?? ""}
                        onInput={(e) => {
                          const text = e.currentTarget.value;
                          setDrafts((all) => ({ ...all, [q.id]: text }));
                        }}
                      />
                    </label>
                  }
                >
                  {(text) => <p class="returned-question__reply">{trr("yourReply", { text: text() })}</p>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={entry()}>{(e) => <ReplyState entry={e()} />}</Show>
      <Show when={open().length > 0}>
        <form class="returned-card__send" onSubmit={send} novalidate>
          <Show when={missing()}>
            <p class="notice notice--error" role="alert">
              {trr("required")}
            </p>
          </Show>
          <button type="submit" class="button button--primary button--block" disabled={busy()}>
            {trr("send")}
          </button>
        </form>
      </Show>
    </li>
  );
}

/**
 * The reports returned to the shopper, first on the list. `onSettled` runs when answers reach
 * the server, so the list reloads and the report moves back among the sent ones, waiting for review.
 */
export function ReturnedReports(props: { assignments: Assignment[]; onSettled: () => void }) {
  const mountedAt = Date.now();
  onMount(() => void refreshReplies().catch(() => undefined));
  const sent = () => replies().filter((e) => e.state === "sent" && (e.sentAt ?? 0) >= mountedAt).length;
  createEffect(on(sent, () => props.onSettled(), { defer: true }));
  return (
    <section class="visit-group returned" aria-labelledby="visits-returned">
      <h2 class="visit-group__title" id="visits-returned">
        {trr("title")}
        <span class="visit-group__count">{props.assignments.length}</span>
      </h2>
      <p class="returned__intro">{trr("intro")}</p>
      <ul class="visit-cards" aria-labelledby="visits-returned">
        <For each={props.assignments}>{(assignment) => <ReturnedCard assignment={assignment} />}</For>
      </ul>
    </section>
  );
}
