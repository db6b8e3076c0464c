/**
 * The signed-in user, a router query (cached, deduplicated; `revalidate(getMe.key)` after a
 * change). The app shell needs it first; every other read lives with its area
 * (`areas/<area>/*queries.ts`), outside the app's first download.
 */
import { query } from "@solidjs/router";
import { answered, api, call, isProblem } from "./api";

const ME_KEY = "courtesy.me";
type MeBody = Awaited<ReturnType<typeof askMe>>;
const askMe = () => call(api.me.$get());

/**
 * `GET /me`: the first time, the answer to the request index.html's boot script (web/boot.js) sent
 * as the page arrived (`window.courtesyMe`), while the app's code downloaded; then a new request.
 */
const fetchMe = (): ReturnType<typeof askMe> => {
  const early = takeEarlyMe();
  return early ? call(answered(early) as unknown as ReturnType<typeof api.me.$get>) : askMe();
};

/** The boot script's `GET /me`, once (undefined after, or when it sent none). */
function takeEarlyMe(): Promise<Response> | undefined {
  const page = window as { courtesyMe?: Promise<Response> };
  const early = page.courtesyMe;
  page.courtesyMe = undefined;
  return early;
}

/** Forgets who last signed in on this device (on sign-out, and before a sign-in). */
export function forgetMe(): void {
  // Whatever the boot script's GET /me says is about the session before: not the answer to keep.
  takeEarlyMe();
  try {
    localStorage.removeItem(ME_KEY);
  } catch {
    // Storage blocked: nothing was kept.
  }
}

/**
 * The copy of a full session's `GET /me` kept on this device (not a half-signed-in one), or
 * undefined: what the shopper's pages show until the live answer comes. It only decides what the
 * phone shows; the server still authorises every call.
 */
export function keptMe(): MeBody | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(ME_KEY) ?? "null") as MeBody | null;
    if (saved?.abilities && !saved.pending) return saved;
  } catch {
    // Storage blocked or unreadable: nothing kept.
  }
  return undefined;
}

/**
 * The signed-in user, or null when signed out. With no network, the user last signed in on
 * this device: a shopper's app must open offline (their work is on the phone; the API still
 * checks the session whenever the network is back).
 */
export const getMe = query(async () => {
  try {
    const me = await fetchMe();
    performance.mark("courtesy:session");
    try {
      localStorage.setItem(ME_KEY, JSON.stringify(me));
    } catch {
      // Storage blocked: the app just won't open offline.
    }
    return me;
  } catch (error) {
    if (isProblem(error) && error.status === 401) {
      forgetMe();
      return null;
    }
    if (isProblem(error) && error.status === 0) {
      try {
        const saved = JSON.parse(localStorage.getItem(ME_KEY) ?? "null") as MeBody | null;
        // One kept by an app from before abilities came with the profile cannot say what the user may do.
        if (saved?.abilities) return saved;
      } catch {
        // Fall through to the network error.
      }
    }
    throw error;
  }
}, "me");
