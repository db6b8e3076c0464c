/**
 * The phone's own copy of everything a shopper works on, in IndexedDB (through `idb`):
 * drafts (saved on every change), the outbox, photos waiting to upload, and the assignments
 * and checklist versions needed to open a form with no network. Survives reloads, killed tabs
 * and restarts; the app asks the browser to keep it (persistent storage).
 */
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { Fix, OutboxEntry, OutboxStore, PhotoRecord, ReportBody } from "./outbox";
import type { ReplyEntry, ReplyStore } from "./reply-outbox";

/** A report being filled in: the body that will be sent, plus where the shopper was in the form. */
export interface DraftRecord {
  auditId: string;
  assignmentId: string;
  body: ReportBody;
  /** Section index the shopper was on, to reopen where they left off. */
  section: number;
  updatedAt: number;
  /** Hold stopwatches running now: item key → start (epoch ms), so they survive a reload. */
  timers?: Record<string, number>;
  /** What the phone notes during the visit for the quality flags (areas/visits/visit-facts.ts). */
  phone?: PhoneRecord;
}

/** The visit's facts kept with its draft, so a reload or the app closing loses none. */
export interface PhoneRecord {
  /** The shopper agreed to share their location at "Start visit": fixes are taken during the visit. */
  locate?: boolean;
  /** When the form was first opened (epoch ms, wall time): `formSeconds` counts from here. */
  formOpenedAt?: number;
  /** Positions taken while the form was open, oldest first. */
  fixes?: Fix[];
}

interface CourtesyDb extends DBSchema {
  drafts: { key: string; value: DraftRecord; indexes: { byAssignment: string } };
  outbox: { key: string; value: OutboxEntry };
  /** Replies to a reviewer's questions waiting to be sent (version 2), by client id. */
  replies: { key: string; value: ReplyEntry };
  photos: { key: string; value: PhotoRecord };
  /** Last known server data (assignments list, checklist versions) for offline use. */
  cache: { key: string; value: { key: string; value: unknown; savedAt: number } };
}

let opened: Promise<IDBPDatabase<CourtesyDb>> | null = null;

function db(): Promise<IDBPDatabase<CourtesyDb>> {
  opened ??= openDB<CourtesyDb>("courtesy", 2, {
    upgrade(database, from) {
      if (from < 1) {
        database.createObjectStore("drafts", { keyPath: "auditId" }).createIndex("byAssignment", "assignmentId");
        database.createObjectStore("outbox", { keyPath: "auditId" });
        database.createObjectStore("photos", { keyPath: "sha256" });
        database.createObjectStore("cache", { keyPath: "key" });
      }
      // Only ever called below version 2: the replies' store is new.
      database.createObjectStore("replies", { keyPath: "clientId" });
    },
  }).then((database) => {
    performance.mark("courtesy:store-open");
    return database;
  });
  return opened;
}

/** Asks the browser not to evict our data under storage pressure. Best effort: some browsers say no. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (await navigator.storage?.persisted?.()) return true;
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export const outboxStore: OutboxStore = {
  listEntries: async () => (await db()).getAll("outbox"),
  getEntry: async (auditId) => (await db()).get("outbox", auditId),
  putEntry: async (entry) => void (await (await db()).put("outbox", entry)),
  getPhoto: async (sha) => (await db()).get("photos", sha),
  putPhoto: async (photo) => void (await (await db()).put("photos", photo)),
  deletePhoto: async (sha) => void (await (await db()).delete("photos", sha)),
};

export const replyStore: ReplyStore = {
  listReplies: async () => (await db()).getAll("replies"),
  putReply: async (entry) => void (await (await db()).put("replies", entry)),
};

export async function saveDraft(draft: DraftRecord): Promise<void> {
  await (await db()).put("drafts", draft);
}

export async function getDraft(auditId: string): Promise<DraftRecord | undefined> {
  return (await db()).get("drafts", auditId);
}

/** The draft for an assignment, if the shopper has started one. */
export async function findDraftForAssignment(assignmentId: string): Promise<DraftRecord | undefined> {
  return (await db()).getFromIndex("drafts", "byAssignment", assignmentId);
}

export async function listDrafts(): Promise<DraftRecord[]> {
  return (await db()).getAll("drafts");
}

/**
 * Moves a finished draft into the outbox in ONE IndexedDB transaction: the report is never
 * in neither place, whatever happens to the tab.
 */
export async function moveDraftToOutbox(entry: OutboxEntry): Promise<void> {
  const tx = (await db()).transaction(["drafts", "outbox"], "readwrite");
  await Promise.all([tx.objectStore("outbox").put(entry), tx.objectStore("drafts").delete(entry.auditId), tx.done]);
}

export async function savePhoto(photo: PhotoRecord): Promise<void> {
  await (await db()).put("photos", photo);
}

export async function getPhoto(sha: string): Promise<PhotoRecord | undefined> {
  return (await db()).get("photos", sha);
}

export async function cachePut(key: string, value: unknown): Promise<void> {
  await (await db()).put("cache", { key, value, savedAt: Date.now() });
}

export async function cacheGet<T>(key: string): Promise<{ value: T; savedAt: number } | undefined> {
  const row = await (await db()).get("cache", key);
  return row ? { value: row.value as T, savedAt: row.savedAt } : undefined;
}
