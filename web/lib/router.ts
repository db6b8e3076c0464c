/**
 * The app's router: @solidjs/router's browser `Router` with its default options (history, back
 * and forward, `useBeforeLeave`) and its link handling (a click on a same-origin `<a href>`
 * navigates in the app, hovering a link runs its route's preload), built from the router's own
 * parts without what the app never uses: forms posted to router `action()`s and the opt-in
 * scroll restoration, whose code the stock `Router` brings into the shopper's first download.
 * Browser only: no server rendering here.
 */
import { createBeforeLeave, createRouter, keepDepth, notifyIfNotBlocked, saveCurrentDepth } from "@solidjs/router";
import { type JSX, onCleanup } from "solid-js";
import { delegateEvents } from "solid-js/web";

type RouterContext = Parameters<NonNullable<Parameters<typeof createRouter>[0]["create"]>>[0];
type RouterProps = Parameters<ReturnType<typeof createRouter>>[0];

/** The element an id names, scrolled to; else the top of the page when asked. */
function scrollToHash(hash: string, fallbackTop?: boolean): void {
  const element = hash && document.getElementById(hash);
  if (element) element.scrollIntoView();
  else if (fallbackTop) window.scrollTo(0, 0);
}

/** An HTML or SVG link. */
type Link = Element & { href: string | SVGAnimatedString; target: string | SVGAnimatedString };

/**
 * A plain click or hover on an in-app link: the link and its URL (none for modified clicks,
 * other windows, downloads, `rel="external"`, other origins), as the stock router decides.
 */
function inAppLink(event: MouseEvent): [Element, URL] | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey)
    return undefined;
  const a = event.composedPath().find((el): el is Link => el instanceof Node && el.nodeName.toUpperCase() === "A");
  if (!a) return undefined;
  const svg = a.namespaceURI === "http://www.w3.org/2000/svg";
  const value = (v: string | SVGAnimatedString) => (typeof v === "string" ? v : v.baseVal);
  const href = value(a.href);
  if (value(a.target) || (!href && !a.hasAttribute("state"))) return undefined;
  const rel = (a.getAttribute("rel") ?? "").split(/\s+/);
  if (a.hasAttribute("download") || rel.includes("external")) return undefined;
  const url = svg ? new URL(href, document.baseURI) : new URL(href);
  return url.origin === window.location.origin ? [a, url] : undefined;
}

/** The router's delegated link handling (its `setupNativeEvents`, links only). */
function linkEvents(router: RouterContext): void {
  const navigate = router.navigatorFactory(router.base);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: Element | null | undefined;

  function click(event: MouseEvent) {
    const found = inAppLink(event);
    if (!found) return;
    const [a, url] = found;
    const state = a.getAttribute("state");
    event.preventDefault();
    navigate(router.parsePath(url.pathname + url.search + url.hash), {
      resolve: false,
      replace: a.hasAttribute("replace"),
      scroll: !a.hasAttribute("noscroll"),
      state: state ? JSON.parse(state) : undefined,
    });
  }
  function move(event: MouseEvent) {
    clearTimeout(timer);
    const found = inAppLink(event);
    if (!found) {
      last = null;
      return;
    }
    const [a, url] = found;
    if (last === a) return;
    timer = setTimeout(() => {
      router.preloadRoute(url, a.getAttribute("preload") !== "false");
      last = a;
    }, 20);
  }

  // Solid's delegated handlers (a link's own onClick) run first, and may prevent the navigation.
  delegateEvents(["click", "submit"]);
  document.addEventListener("click", click);
  // The stock router also listens to focusin and touchstart, but its check asks them for a mouse
  // button they do not have: they never preload there either.
  document.addEventListener("mousemove", move, { passive: true });
  onCleanup(() => {
    document.removeEventListener("click", click);
    document.removeEventListener("mousemove", move);
  });
}

/** Where the browser is: path, query and hash, with the app's history state (not the router's own depth stamp alone). */
function source() {
  const state = window.history.state;
  return {
    value: window.location.pathname + window.location.search + window.location.hash,
    state: state?._depth && Object.keys(state).length === 1 ? undefined : state,
  };
}

/** The browser router, as @solidjs/router's `<Router>` with its default options. */
export function Router(props: RouterProps): JSX.Element {
  const beforeLeave = createBeforeLeave();
  return createRouter({
    get: source,
    set({ value, replace, scroll, state }) {
      if (replace) window.history.replaceState(keepDepth(state), "", value);
      else window.history.pushState(state, "", value);
      scrollToHash(decodeURIComponent(window.location.hash.slice(1)), scroll);
      saveCurrentDepth();
    },
    init: (notify) => {
      const handler = notifyIfNotBlocked(notify, (delta) => {
        if (delta) return !beforeLeave.confirm(delta);
        const s = source();
        return !beforeLeave.confirm(s.value, { state: s.state });
      });
      window.addEventListener("popstate", handler);
      return () => window.removeEventListener("popstate", handler);
    },
    create: linkEvents,
    utils: { go: (delta) => window.history.go(delta), beforeLeave },
  })(props);
}
