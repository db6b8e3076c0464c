/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker that keeps the app's files on the phone, so the app opens and
 * the form works with no network after one online visit. /api/* is never cached by it.
 *
 * When a new version has taken over, the page reloads to run it, but never under a shopper's
 * thumb in the middle of a form: then the reload waits until they leave the page (a link, or
 * the app going to the background). Everything they entered is saved on the phone anyway.
 */
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

/**
 * Registers once the first screen is up: after the page's load event, at the main thread's first
 * quiet moment (at most 3 s later). A first install downloads every file of the app; started at
 * boot, it competed with the first screen's own files and reads. The registration helper is a
 * chunk of its own, not in the shopper's first download.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () =>
    void import("virtual:pwa-register").then(
      ({ registerSW }) => registerSW({ immediate: true, onNeedReload: reloadWhenIdle }),
      // Offline before the worker had this chunk: nothing to register with until the next start.
      () => undefined,
    );
  const whenQuiet = () =>
    "requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000);
  if (document.readyState === "complete") whenQuiet();
  else addEventListener("load", whenQuiet, { once: true });
}
