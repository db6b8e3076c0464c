/**
 * Registers the service worker that keeps the app's files on the phone, so the app opens and
 * the form works with no network after one online visit. /api/* is never cached by it. The
 * registration and what happens when a new version takes over are pwa-register.ts.
 */
/**
 * Registers once the first screen is up: after the page's load event, at the main thread's first
 * quiet moment (at most 3 s later). A first install downloads every file of the app; started at
 * boot, it competed with the first screen's own files and reads. The registration (pwa-register.ts,
 * with the plugin's helper) is a chunk of its own, not in the shopper's first download.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () =>
    void import("./pwa-register").then(
      (m) => m.register(),
      // Offline before the worker had this chunk: nothing to register with until the next start.
      () => undefined,
    );
  const whenQuiet = () =>
    "requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000);
  if (document.readyState === "complete") whenQuiet();
  else addEventListener("load", whenQuiet, { once: true });
}
