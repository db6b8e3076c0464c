/**
 * Whether the server can be reached: one signal for every page, so the outbox's status and its
 * entries never disagree. False after the browser's `offline` event or a request that got no
 * answer at all (`noteReached(false)`); true after the `online` event or any answer from the
 * server. The browser's own flag alone can say "online" with no way through (a phone on Wi-Fi
 * without internet, a captive portal).
 */
import { createSignal } from "solid-js";

const [online, noteReached] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine !== false);

if (typeof window !== "undefined") {
  window.addEventListener("online", () => noteReached(true));
  window.addEventListener("offline", () => noteReached(false));
}

export { noteReached, online };
