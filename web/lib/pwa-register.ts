/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The service worker's registration (pwa.ts starts it once the first screen is up). When a new
 * version has taken over, the page reloads to run it, but never under a shopper's thumb in the
 * middle of a form: then the reload waits until they leave the page (a link, or the app going to
 * the background). Everything they entered is saved on the phone anyway.
 */
import { registerSW } from "virtual:pwa-register";

const BUSY = /^\/visits\/[^/]+\/(form|review)$/;

let reloadPending = false;

function reloadWhenIdle(): void {
  if (!BUSY.test(location.pathname)) {
    location.reload();
    return;
  }
  if (reloadPending) return;
  reloadPending = true;
  // Leaving the page by a link: load the target afresh instead of from the old version's code.
  document.addEventListener(
    "click",
    (event) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.origin !== location.origin || link.target) return;
      event.preventDefault();
      location.assign(link.href);
    },
    { capture: true },
  );
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") location.reload();
  });
}

/** Registers the service worker now. */
export function register(): void {
  registerSW({ immediate: true, onNeedReload: reloadWhenIdle });
}
