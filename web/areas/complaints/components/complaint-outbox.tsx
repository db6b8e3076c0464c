/**
 * The complaint form's copy on the phone: the draft (every keystroke, with the id made once per
 * form, so a double tap or a retry after a lost answer makes one complaint) and the complaints
 * that could not be sent (no network): kept in `localStorage`, sent again with their own ids as
 * soon as the server answers. The API answers a repeat of the same id and body with the same
 * complaint, so sending twice is harmless.
 */
import { revalidate } from "@solidjs/router";
import { createEffect, createSignal, on, Show } from "solid-js";
import { isProblem } from "../../../lib/api";
import { online } from "../../../lib/network";
import { complaintChanges, complaintKeys, type NewComplaint } from "../complaint-queries";
import { tc } from "../complaints-i18n";

const DRAFT_KEY = "courtesy.complaint.draft";
const QUEUE_KEY = "courtesy.complaint.queue";

/** What the form holds while it is being filled in. */
export interface ComplaintDraft {
  id: string;
  savedAt: string;
  branchId: string;
  channel: NewComplaint["channel"] | "";
  receivedAt: string;
  product: string;
  problem: string;
  wants: string;
  consent: boolean;
  name: string;
  phone: string;
  email: string;
  purchaseDate: string;
  purchasePlace: string;
  categories: NonNullable<NewComplaint["categories"]>;
  tags: string;
  /** The call's text, sent only for a phone complaint (absent from drafts kept before it existed). */
  transcript?: string;
}

function read<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the form still works, it just is not kept.
  }
}

export const loadDraft = () => read<ComplaintDraft>(DRAFT_KEY);
export const saveDraft = (draft: ComplaintDraft) => write(DRAFT_KEY, draft);
export const dropDraft = () => write(DRAFT_KEY, undefined);

const [queue, setQueue] = createSignal<NewComplaint[]>(read<NewComplaint[]>(QUEUE_KEY) ?? []);

/** Keeps a complaint that could not be sent (replacing one with the same id). */
export function enqueue(body: NewComplaint): void {
  const next = [...queue().filter((q) => q.id !== body.id), body];
  write(QUEUE_KEY, next);
  setQueue(next);
}

const [sending, setSending] = createSignal(false);
const [sent, setSent] = createSignal(0);

/** Sends what waits on the phone, oldest first; stops at the first network failure. */
export async function sendQueued(): Promise<void> {
  if (sending() || queue().length === 0) return;
  setSending(true);
  let done = 0;
  try {
    for (const body of [...queue()]) {
      try {
        await complaintChanges.create(body);
      } catch (error) {
        if (isProblem(error) && error.status === 0) break;
        // Refused for good (the branch left the scope, a field the server rejects): the
        // complaint is not lost, it goes back to the form as the draft to correct.
        if (!loadDraft()) saveDraft(draftOf(body));
      }
      const next = queue().filter((q) => q.id !== body.id);
      write(QUEUE_KEY, next);
      setQueue(next);
      done += 1;
    }
  } finally {
    setSending(false);
    if (done) {
      setSent(done);
      await revalidate(complaintKeys);
    }
  }
}

function draftOf(body: NewComplaint): ComplaintDraft {
  return {
    id: body.id,
    savedAt: new Date().toISOString(),
    branchId: body.branchId,
    channel: body.channel,
    receivedAt: body.receivedAt,
    product: body.product ?? "",
    problem: body.problem,
    wants: body.wants ?? "",
    consent: body.customer?.consent ?? false,
    name: body.customer?.name ?? "",
    phone: body.customer?.phone ?? "",
    email: body.customer?.email ?? "",
    purchaseDate: body.purchaseDate ?? "",
    purchasePlace: body.purchasePlace ?? "",
    categories: body.categories ?? [],
    tags: (body.tags ?? []).join(", "),
  };
}

/** "2 complaints waiting on this phone", sent again whenever the server can be reached. */
export function WaitingOnPhone() {
  createEffect(
    on(online, (up) => {
      if (up) void sendQueued();
    }),
  );
  return (
    <div role="status" class="complaints-outbox">
      <Show when={queue().length}>
        <div class="notice notice--warning" data-testid="complaints-waiting">
          <p>{sending() ? tc("form.queuedNow") : tc("form.waiting", queue().length)}</p>
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={sending()}
            onClick={() => void sendQueued()}
          >
            {tc("form.sendNow")}
          </button>
        </div>
      </Show>
      <Show when={!queue().length && sent()}>
        <p class="notice notice--success">{tc("form.sentQueued", sent())}</p>
      </Show>
    </div>
  );
}
