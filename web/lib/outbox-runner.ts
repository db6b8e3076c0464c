/**
 * Runs the outbox in the app: on start (after sign-in), whenever the network comes back or
 * the app returns to the foreground, every 30 s while something is due, and on demand (submit,
 * the outbox page's buttons). Keeps reactive copies of the entries for the pages and the badge.
 *
 * "The network comes back" is the `online` event, or, when the last request got no answer, the
 * server answering a small probe (every 3 s while something waits): a browser may never fire
 * `online` when it never noticed the network was gone, and the report must not wait for the
 * next 30 s round then.
 */
import { createSignal } from "solid-js";
import { outboxStore } from "./local-store";
import { noteReached, online } from "./network";
import { createOutbox, isDue, type OutboxStore, type Transport } from "./outbox";
import { entries, refreshOutbox as refresh, repliesDue } from "./outbox-queue";
import { createTransport } from "./outbox-transport";

const RETRY_EVERY_MS = 30_000;
const PROBE_EVERY_MS = 3_000;

/** SHA-256 of the photo being uploaded right now. */
const [uploading, setUploading] = createSignal<string | null>(null);
/** Why the last upload of a photo failed, by SHA-256 (cleared when it succeeds). */
const [photoErrors, setPhotoErrors] = createSignal<Record<string, string>>({});
/** Bumped whenever a photo's record changes (uploaded), so pages re-read it. */
const [photoVersion, setPhotoVersion] = createSignal(0);

export { photoErrors, photoVersion, uploading };

/** The store, telling the pages about every change as the outbox writes it. */
const observedStore: OutboxStore = {
  ...outboxStore,
  putEntry: async (entry) => {
    await outboxStore.putEntry(entry);
    await refresh();
  },
  putPhoto: async (photo) => {
    await outboxStore.putPhoto(photo);
    setPhotoVersion((v) => v + 1);
  },
  deletePhoto: async (sha) => {
    await outboxStore.deletePhoto(sha);
    setPhotoVersion((v) => v + 1);
  },
};

function observedTransport(base: Transport): Transport {
  return {
    ...base,
    putEvidence: async (photo) => {
      setUploading(photo.sha256);
      try {
        const result = await base.putEvidence(photo);
        setPhotoErrors((all) => {
          const next = { ...all };
          if (result.ok) delete next[photo.sha256];
          else next[photo.sha256] = result.code;
          return next;
        });
        return result;
      } finally {
        setUploading(null);
      }
    },
  };
}

const outbox = createOutbox(observedStore, observedTransport(createTransport()));

let running: Promise<void> | null = null;
let again = false;

/**
 * Tries every due report now. A call while a run is under way makes that run go round once
 * more, so a report queued a moment ago is never skipped.
 */
export function drain(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await outbox.drain();
        // Replies to reviewers go after the reports, with their own runner (not in the first download).
        await import("./reply-runner").then((m) => m.sendReplies()).catch(() => undefined);
      } while (again);
    } finally {
      await refresh().catch(() => undefined);
      running = null;
    }
  })();
  return running;
}

/** Makes a failed report due again and tries it. */
export async function retry(auditId: string): Promise<void> {
  await outbox.retry(auditId);
  await refresh();
  await drain();
}

/** Whether something waits that the outbox would try by itself. */
function hasDue(): boolean {
  return repliesDue() || entries().some(isDue);
}

/** Asks the server for its health; an answer means the network is back, and the outbox goes at once. */
async function probe(): Promise<void> {
  try {
    const response = await fetch("/api/v1/health", { cache: "no-store", signal: AbortSignal.timeout(PROBE_EVERY_MS) });
    if (!response.ok) return;
  } catch {
    return;
  }
  noteReached(true);
  await drain();
}

let started = false;

/** Starts the outbox for the signed-in shopper. Safe to call more than once. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener("online", () => void drain());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void drain();
  });
  setInterval(() => {
    if (hasDue() && online()) void drain();
  }, RETRY_EVERY_MS);
  setInterval(() => {
    if (hasDue() && !online() && !running) void probe();
  }, PROBE_EVERY_MS);
  void refresh().then(() => drain());
}
