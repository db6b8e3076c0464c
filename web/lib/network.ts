/** Whether the browser thinks it is online, as a signal that follows `online` / `offline` events. */
import { createSignal } from "solid-js";

const [online, setOnline] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine !== false);

if (typeof window !== "undefined") {
  window.addEventListener("online", () => setOnline(true));
  window.addEventListener("offline", () => setOnline(false));
}

export { online };
