/**
 * Runs the replies' outbox (reply-outbox.ts) in the app. Loaded on demand, never in the phone's
 * first download: the report outbox's runner (outbox-runner.ts) calls `sendReplies` at the end of
 * each of its runs (start, network back, foreground, every 30 s while something waits, the
 * outbox's buttons), so replies go whenever reports would. Keeps a reactive copy of the entries
 * for the returned reports on the list.
 */
import { createSignal } from "solid-js";
import { api } from "./api";
import { replyStore } from "./local-store";
import { isDue } from "./outbox";
import { setRepliesDue } from "./outbox-queue";
import { drain } from "./outbox-runner";
import { send } from "./outbox-transport";
import {
  drainReplies,
  newReplyEntry,
  type ReplyEntry,
  type ReplyStore,
  type ReplyText,
  type ReplyTransport,
  retryReply,
} from "./reply-outbox";

const REPLY_TIMEOUT_MS = 30_000;

const [replies, setReplies] = createSignal<ReplyEntry[]>([]);

export { replies };

async function refresh(): Promise<void> {
  const all = await replyStore.listReplies();
  setReplies(all);
  setRepliesDue(all.filter((e) => e.state !== "sent").length, all.some(isDue));
}

const observedStore: ReplyStore = {
  listReplies: () => replyStore.listReplies(),
  putReply: async (entry) => {
    await replyStore.putReply(entry);
    await refresh();
  },
};

const transport: ReplyTransport = {
  postReplies: (auditId, body) =>
    send(() =>
      api.audits[":id"].replies.$post(
        { param: { id: auditId }, json: body },
        { init: { signal: AbortSignal.timeout(REPLY_TIMEOUT_MS) } },
      ),
    ),
};

/** Tries every due reply once (called by the report outbox's runner; runs never overlap there). */
export async function sendReplies(): Promise<void> {
  try {
    await drainReplies(observedStore, transport);
  } finally {
    await refresh().catch(() => undefined);
  }
}

/** A client id for new replies: random, made once, kept with them in IndexedDB. */
export const newClientId = () => crypto.randomUUID();

/**
 * Keeps the shopper's replies on the phone (IndexedDB) before anything is sent, then asks the
 * outbox to try: offline, they wait there, through reloads, until the network is back.
 */
export async function queueReplies(input: {
  auditId: string;
  assignmentId: string;
  replies: readonly ReplyText[];
}): Promise<ReplyEntry> {
  const entry = newReplyEntry({ ...input, clientId: newClientId() }, Date.now());
  await observedStore.putReply(entry);
  void drain();
  return entry;
}

/** Makes a failed reply due again and tries it. */
export async function retryReplies(clientId: string): Promise<void> {
  await retryReply(observedStore, clientId);
  await refresh();
  await drain();
}

/** Reads the stored replies (the list shows the pending ones after a reload). */
export const refreshReplies = refresh;
