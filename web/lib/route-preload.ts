/**
 * Route preloads (the router's `preload`, as in solid-start's `export const route = { preload }`):
 * on navigation and on link hover the router starts a lazy page's chunk (`lazy().preload()`) and
 * calls its preload, which starts the page's strings and its data at the same time, so the page
 * renders from a warm cache instead of fetching chunk → strings → data one after another.
 *
 * Each area keeps its pages' preloads in `areas/<area>/preload.ts`, gathered in one small chunk
 * (`areas/preloads.ts`: the areas' queries, no pages); the first download holds only `preloadFrom`.
 */
import type { Params, RoutePreloadFunc, SearchParams } from "@solidjs/router";

/** The route a preload is for: its params and search, copied when the router asks. */
export interface PreloadRoute {
  params: Params;
  query: SearchParams;
}

/** What one page starts before its chunk has arrived. */
export interface PagePreload {
  /** The page's dictionaries: importing one starts its strings in the current language. */
  strings?: () => Promise<unknown>;
  /** The page's opening reads (router queries with the page's own arguments, so `createAsync` finds them). */
  data?: (route: PreloadRoute) => unknown;
}

/**
 * Route preloads from a lazy module of page preloads (`start`: lib/page-preloads.ts): the returned
 * function gives one page's. A preload never fails loudly: whatever goes wrong, the page fetches
 * for itself.
 * @example const preload = preloadFrom(() => import("./areas/preloads"));
 * const region = { path: "/regions/:id", component: lazy(() => import("./areas/organisation/region")), preload: preload("region") };
 */
export function preloadFrom<K extends string>(
  pages: () => Promise<{ start: (page: K, route: PreloadRoute) => void }>,
): (page: K) => RoutePreloadFunc {
  return (page) =>
    ({ params, location }) => {
      // Read now: later, the router's params may already be the next page's.
      const route = { params: { ...params }, query: { ...location.query } };
      pages().then(
        (all) => all.start(page, route),
        () => undefined,
      );
    };
}
