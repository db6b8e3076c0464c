/**
 * Reads and actions of the notifications area (docs/NOTIFICATIONS.md): the unread count the bell
 * shows, pages of the centre, marking read, and whether email goes out (admins). Nothing here is
 * in the app's first download: the bell is a lazy chunk.
 */
import { query, revalidate } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { createSignal } from "solid-js";
import { api, call } from "../../lib/api";

export type NotificationPage = InferResponseType<typeof api.notifications.$get, 200>;
export type NotificationItem = NotificationPage["items"][number];
export type MailStatus = InferResponseType<(typeof api.organization)["mail-status"]["$get"], 200>;

/**
 * The unread count, shared by the bell and the centre: a signal rather than a router query, so a
 * poll never sends the bell back into Suspense (it keeps showing the last count meanwhile).
 */
const [unread, setUnread] = createSignal<number>();

export { unread };

let inFlight: Promise<void> | undefined;

/** Asks the API for the unread count (one index range; the page is one row at most). Quiet when offline. */
export function refreshUnread(): Promise<void> {
  inFlight ??= call(api.notifications.$get({ query: { limit: "1", unread: "true" } }))
    .then((page) => void setUnread(page.unread))
    .catch(() => undefined)
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

/** One page of the centre, newest first (`cursor`: the previous page's `nextCursor`). */
export const getNotifications = query(
  (cursor?: string) => call(api.notifications.$get({ query: { cursor } })),
  "notifications.page",
);

/** Marks one's own notifications read (these, or all) and updates the bell and the centre. */
export async function markRead(input: { ids: string[] } | { all: true }): Promise<void> {
  const answer = await call(api.notifications.read.$post({ json: input }));
  setUnread(answer.unread);
  await revalidate(getNotifications.key);
}

/** Whether email goes out (admins): shown on the settings page, never a silent no-op. */
export const getMailStatus = query(() => call(api.organization["mail-status"].$get()), "organization.mailStatus");
