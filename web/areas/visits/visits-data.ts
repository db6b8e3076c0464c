/**
 * The shopper's server data, kept on the phone: the assignments list and the checklist
 * versions they need are written to IndexedDB whenever they are fetched, and read from there
 * when there is no network, so a visit can be prepared and filled in offline.
 */
import type { InferResponseType } from "hono/client";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { api, call, isProblem } from "../../lib/api";
import { cacheGet, cachePut } from "../../lib/local-store";

export type Assignment = InferResponseType<typeof api.assignments.$get, 200>["items"][number];
export type VisitVersion = InferResponseType<(typeof api)["checklist-versions"][":id"]["$get"], 200>;

/** Data and where it came from: the server just now, or this phone's copy saved at `savedAt`. */
export interface Saved<T> {
  value: T;
  savedAt: number;
  offline: boolean;
}

/** Whether a failure means "no network" (as opposed to an answer from the server). */
export const isNetworkError = (error: unknown) => isProblem(error) && error.status === 0;

const keys = {
  assignments: (userId: string) => `assignments:${userId}`,
  assignment: (id: string) => `assignment:${id}`,
  version: (id: string) => `checklist-version:${id}`,
};

/** Saving a copy is best effort: a full disk must not hide what the server just sent. */
async function keep(key: string, value: unknown): Promise<void> {
  try {
    await cachePut(key, value);
  } catch {
    // Nothing to do: the data is shown anyway, just not kept for later.
  }
}

/** How many finished visits come with the list; "show more" (earlier.tsx) pages on from there. */
export const FINISHED_PAGE = 5;

/**
 * The shopper's assignments: open work and the latest finished visits, from the server when it
 * answers, else this phone's last copy. `more` is where earlier visits start (online only).
 */
export async function loadAssignments(userId: string): Promise<Saved<Assignment[]> & { more: string | null }> {
  try {
    const { items, nextCursor } = await call(api.assignments.$get({ query: { limit: String(FINISHED_PAGE) } }));
    await keep(keys.assignments(userId), items);
    await Promise.all(items.map((item) => keep(keys.assignment(item.id), item)));
    return { value: items, savedAt: Date.now(), offline: false, more: nextCursor };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const saved = await cacheGet<Assignment[]>(keys.assignments(userId));
    if (!saved) throw error;
    return { value: saved.value, savedAt: saved.savedAt, offline: true, more: null };
  }
}

/** One assignment: from the server when it answers, else this phone's copy. */
export async function loadAssignment(id: string): Promise<Saved<Assignment>> {
  try {
    const item = await call(api.assignments[":id"].$get({ param: { id } }));
    await keep(keys.assignment(id), item);
    return { value: item, savedAt: Date.now(), offline: false };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const saved = await cacheGet<Assignment>(keys.assignment(id));
    if (!saved) throw error;
    return { ...saved, offline: true };
  }
}

/** This phone's copy of an assignment, without asking the server (for the outbox's labels). */
export async function savedAssignment(id: string): Promise<Assignment | undefined> {
  return (await cacheGet<Assignment>(keys.assignment(id)))?.value;
}

/**
 * A checklist version's document. Published versions never change, so the phone's copy is
 * used when it has one, and the server is asked only the first time.
 */
export async function loadVersion(id: string): Promise<ChecklistDocument> {
  const saved = await cacheGet<VisitVersion>(keys.version(id)).catch(() => undefined);
  if (saved) return saved.value.document;
  const version = await call(api["checklist-versions"][":id"].$get({ param: { id } }));
  await keep(keys.version(id), version);
  return version.document;
}

/**
 * Fetches and keeps the checklist of every open assignment in the background, so each of
 * them can be started later with no network. Failures are ignored: it runs again next time.
 */
export async function keepChecklistsFor(assignments: readonly Assignment[]): Promise<void> {
  const ids = new Set(assignments.filter((a) => a.status === "open").map((a) => a.checklist.versionId));
  for (const id of ids) {
    try {
      await loadVersion(id);
    } catch {
      // Offline or refused: try again when the list loads next.
    }
  }
}
