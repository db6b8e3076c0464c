/**
 * The bell in the shell's top bar (every signed-in role): the unread count, linking to the
 * notification centre. A lazy chunk the shell renders after its first screen (main.tsx passes
 * it in), so it costs the shopper's first download only its import() call. The count is asked
 * for gently: on each page change, every 2 minutes while the page is visible, and on return
 * to the tab; never while offline.
 */
import "./notifications.css";
import { useLocation } from "@solidjs/router";
import { createEffect, on, onCleanup, onMount, Show } from "solid-js";
import { A } from "../../components/link";
import { refreshUnread, unread } from "./notification-queries";
import { tn } from "./notifications-i18n";

const POLL_MS = 120_000;

export default function NotificationBell() {
  const location = useLocation();
  const poll = () => {
    if (document.visibilityState === "visible" && navigator.onLine !== false) void refreshUnread();
  };
  createEffect(on(() => location.pathname, poll));
  onMount(() => {
    const timer = setInterval(poll, POLL_MS);
    document.addEventListener("visibilitychange", poll);
    onCleanup(() => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", poll);
    });
  });
  const count = () => unread() ?? 0;
  return (
    <A href="/notifications" class="bell" activeClass="bell--active" aria-label={tn("bell.unread", count())}>
      <svg class="bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <path
          d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9M10 19a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
      <Show when={count() > 0}>
        <span class="bell__count" aria-hidden="true">
          {count() > 99 ? "99+" : count()}
        </span>
      </Show>
    </A>
  );
}
