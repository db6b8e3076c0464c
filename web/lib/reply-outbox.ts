/**
 * The shopper's replies to a reviewer's questions, waiting to reach the server: the second kind
 * of outbox job, next to reports (outbox.ts), with the same rule: nothing the shopper wrote is
 * dropped before the server has acknowledged it. Each reply is sent as
 * `POST /audits/:id/replies {clientId, replies}` under a client id made once, when the shopper
 * sends: every retry carries the same id and content, so the server answers a replay 200 and
 * changes nothing (and 409 `conflict` only for other content under that id, which this code
 * never sends).
 *
 * Pure logic over two ports, like the report outbox: a store (IndexedDB's `replies` in the app,
 * a Map in tests) and a transport (the typed API client, a fake server in tests).
 */
import { afterFailure, isDue, type OutboxError, type OutboxState, type SendResult } from "./outbox";

export interface ReplyText {
  questionId: string;
  text: string;
}

export interface ReplyEntry {
  /** The idempotency key, made once when the shopper sends (the store's key). */
  clientId: string;
  auditId: string;
  /** The visit the report belongs to (the list finds the entry by it). */
  assignmentId: string;
  replies: ReplyText[];
  state: OutboxState;
  attempts: number;
  lastError: OutboxError | null;
  queuedAt: number;
  sentAt: number | null;
  /** The report as the server answered (status back to `waiting`). */
  result: unknown;
}

export interface ReplyStore {
  listReplies(): Promise<ReplyEntry[]>;
  putReply(entry: ReplyEntry): Promise<void>;
}

export interface ReplyTransport {
  postReplies(auditId: string, body: { clientId: string; replies: ReplyText[] }): Promise<SendResult>;
}

/** A fresh entry for replies the shopper just sent (copied: frozen from now on). */
export function newReplyEntry(
  input: { clientId: string; auditId: string; assignmentId: string; replies: readonly ReplyText[] },
  now: number,
): ReplyEntry {
  return {
    clientId: input.clientId,
    auditId: input.auditId,
    assignmentId: input.assignmentId,
    replies: input.replies.map((r) => ({ questionId: r.questionId, text: r.text })),
    state: "waiting",
    attempts: 0,
    lastError: null,
    queuedAt: now,
    sentAt: null,
    result: null,
  };
}

/**
 * Tries every due reply once, oldest first, writing each state change before the next request.
 * Returns the entries after the run.
 */
export async function drainReplies(
  store: ReplyStore,
  transport: ReplyTransport,
  now: () => number = Date.now,
): Promise<ReplyEntry[]> {
  const entries = (await store.listReplies()).sort((a, b) => a.queuedAt - b.queuedAt);
  for (const entry of entries) {
    if (!isDue(entry)) continue;
    const sending: ReplyEntry = { ...entry, state: "sending", attempts: entry.attempts + 1 };
    await store.putReply(sending);
    const sent = await transport.postReplies(entry.auditId, { clientId: entry.clientId, replies: entry.replies });
    await store.putReply(
      sent.ok
        ? { ...sending, state: "sent", sentAt: now(), lastError: null, result: sent.body }
        : { ...sending, ...afterFailure(sent) },
    );
  }
  return store.listReplies();
}

/** Makes a failed entry due again (the shopper's "Try again"). */
export async function retryReply(store: ReplyStore, clientId: string): Promise<void> {
  const entry = (await store.listReplies()).find((e) => e.clientId === clientId);
  if (entry?.state === "failed") await store.putReply({ ...entry, state: "waiting", lastError: null });
}
