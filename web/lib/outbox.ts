/**
 * The outbox: reports and photos waiting to reach the server. The one rule it keeps is that
 * nothing the shopper entered is dropped before the server has acknowledged it, and that a
 * report is sent under its own id, so sending twice can never make two reports.
 *
 * Pure logic over two ports: a store (IndexedDB in the app, a Map in tests) and a transport
 * (the typed API client in the app, a fake server in tests). Model-based tests drive it
 * through random edits, reloads, network drops, lost responses and server errors.
 */
import type { Submission } from "../../worker/domain/audits";
import { newOutboxEntry } from "./outbox-queue";

/** A new entry for a finished report, and the photos a report references (outbox-queue.ts: the pages' part). */
export { newOutboxEntry, photosOf } from "./outbox-queue";

/** A position the phone took: where, how sure (metres) and when. */
export type Fix = NonNullable<Submission["location"]>;

/** What the phone says about a photo it took, measured before re-encoding (`preparePhoto`). */
export interface PhotoFact {
  sha256: string;
  /** The dHash of the drawn picture (16 hex); null when the phone could not compute it. */
  dHash: string | null;
  /** The camera's original capture time (EXIF), as an ISO instant; null when the photo has none. */
  capturedAt: string | null;
}

/**
 * The phone's facts for the quality flags (issue 16), sent with the report when known (older
 * phones send none): seconds from first opening the form to pressing Send, the positions taken
 * during the visit (oldest first, at most 30; `location` stays the check-in), and the facts of
 * the photos the answers list as evidence (at most 50).
 */
export interface PhoneFacts {
  formSeconds?: number;
  fixes?: Fix[];
  photos?: PhotoFact[];
}

/** What the phone sends as `PUT /api/v1/audits/:id`. */
export type ReportBody = Submission & PhoneFacts;

export interface PhotoRecord {
  sha256: string;
  contentType: string;
  /** The downscaled image (a Blob in the browser; anything the transport can send in tests). */
  data: Blob | Uint8Array;
  /** Set once the server answered the upload with success. */
  uploaded: boolean;
  /** Measured before re-encoding (photos taken before issue 16 have neither). */
  dHash?: string | null;
  capturedAt?: string | null;
}

export type OutboxState = "waiting" | "sending" | "sent" | "failed";

export interface OutboxError {
  code: string;
  message: string;
  /** Permanent errors wait for the shopper (retry button); the others retry by themselves. */
  permanent: boolean;
}

export interface OutboxEntry {
  auditId: string;
  body: ReportBody;
  /** SHA-256 of every photo the report refers to. */
  photos: string[];
  state: OutboxState;
  attempts: number;
  lastError: OutboxError | null;
  queuedAt: number;
  sentAt: number | null;
  /** The server's answer once sent (the stored report with its score). */
  result: unknown;
}

export interface OutboxStore {
  listEntries(): Promise<OutboxEntry[]>;
  getEntry(auditId: string): Promise<OutboxEntry | undefined>;
  putEntry(entry: OutboxEntry): Promise<void>;
  getPhoto(sha256: string): Promise<PhotoRecord | undefined>;
  putPhoto(photo: PhotoRecord): Promise<void>;
  deletePhoto(sha256: string): Promise<void>;
}

/** What a request came to: a status and, for errors, the problem's code and message. Status 0: no answer. */
export type SendResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; code: string; message: string };

export interface Transport {
  putEvidence(photo: PhotoRecord): Promise<SendResult>;
  putAudit(auditId: string, body: ReportBody): Promise<SendResult>;
}

/** Errors worth retrying without asking anyone: no answer, server trouble, a lost session, rate limits. */
function isTransient(result: { status: number }): boolean {
  return (
    result.status === 0 ||
    result.status >= 500 ||
    result.status === 401 ||
    result.status === 408 ||
    result.status === 429
  );
}

/** Where a refused or unanswered request leaves an entry: waiting to retry by itself, or failed until the shopper retries. */
export function afterFailure(result: Extract<SendResult, { ok: false }>): {
  state: OutboxState;
  lastError: OutboxError;
} {
  const permanent = !isTransient(result);
  return {
    state: permanent ? "failed" : "waiting",
    lastError: { code: result.code, message: result.message, permanent },
  };
}

/**
 * Puts a finished report in the outbox. Its photos must already be in the store. Queuing the
 * same id again keeps the entry as it is: the report is frozen once submitted.
 */
export async function queueReport(
  store: OutboxStore,
  auditId: string,
  body: ReportBody,
  now: number,
): Promise<OutboxEntry> {
  const existing = await store.getEntry(auditId);
  if (existing) return existing;
  const entry = newOutboxEntry(auditId, body, now);
  await store.putEntry(entry);
  return entry;
}

/** Whether the outbox should try an entry (a report or replies) now. `sending` means a previous run died mid-way. */
export function isDue(entry: { state: OutboxState; lastError: OutboxError | null }): boolean {
  return (
    entry.state === "waiting" || entry.state === "sending" || (entry.state === "failed" && !entry.lastError?.permanent)
  );
}

/**
 * Sends one entry: its photos first (each at most once successfully), then the report.
 * Every state change is written to the store before the next request.
 */
async function sendEntry(
  store: OutboxStore,
  transport: Transport,
  entry: OutboxEntry,
  now: () => number,
): Promise<OutboxEntry> {
  let current: OutboxEntry = { ...entry, state: "sending", attempts: entry.attempts + 1 };
  await store.putEntry(current);
  const settle = async (patch: Partial<OutboxEntry>) => {
    current = { ...current, ...patch };
    await store.putEntry(current);
    return current;
  };

  for (const sha of current.photos) {
    const photo = await store.getPhoto(sha);
    if (!photo) {
      return settle({
        state: "failed",
        lastError: {
          code: "photo_lost",
          message: `Photo ${sha.slice(0, 8)} is missing on this phone`,
          permanent: true,
        },
      });
    }
    if (photo.uploaded) continue;
    const uploaded = await transport.putEvidence(photo);
    if (!uploaded.ok) return settle(afterFailure(uploaded));
    await store.putPhoto({ ...photo, uploaded: true });
  }

  const sent = await transport.putAudit(current.auditId, current.body);
  if (sent.ok) {
    const done = await settle({ state: "sent", sentAt: now(), lastError: null, result: sent.body });
    // Acknowledged: the server has the report and its photos, so the local copies may go.
    for (const sha of done.photos) await store.deletePhoto(sha);
    return done;
  }
  if (sent.code === "evidence_missing") {
    // The server lost or never kept a photo we thought uploaded: send them all again next time.
    for (const sha of current.photos) {
      const photo = await store.getPhoto(sha);
      if (photo) await store.putPhoto({ ...photo, uploaded: false });
    }
    return settle({ state: "waiting", lastError: { code: sent.code, message: sent.message, permanent: false } });
  }
  return settle(afterFailure(sent));
}

/**
 * Tries every due entry once, oldest first. Returns the entries after the run. Safe to call
 * at any time (app start, `online` event, retry button); calls never overlap.
 */
export function createOutbox(store: OutboxStore, transport: Transport, now: () => number = Date.now) {
  let running: Promise<OutboxEntry[]> | null = null;

  async function run(): Promise<OutboxEntry[]> {
    const entries = (await store.listEntries()).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const entry of entries) {
      if (isDue(entry)) await sendEntry(store, transport, entry, now);
    }
    return store.listEntries();
  }

  return {
    drain(): Promise<OutboxEntry[]> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    /** Makes a permanently failed entry due again (after the shopper fixed what was wrong, or to try anyway). */
    async retry(auditId: string): Promise<void> {
      const entry = await store.getEntry(auditId);
      if (entry && entry.state === "failed") await store.putEntry({ ...entry, state: "waiting", lastError: null });
    },
  };
}
