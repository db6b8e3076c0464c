/**
 * What a route preload does once its (lazy) module of page preloads is in: starts the page's
 * strings and its reads, each read behind the same ability guard as the page's own. Only the
 * areas' preload modules use this: none of it is in the app's first download.
 */
import { getMe } from "./queries";
import type { PagePreload, PreloadRoute } from "./route-preload";
import type { Me } from "./types";

const ignore = () => undefined;

/**
 * Starts `page`'s preload for `route`. Failures stay silent (offline, gone, not allowed): the
 * page asks again for itself and shows its own state.
 * @example export const start = startPreloads({ region, regions });
 */
export const startPreloads =
  <K extends string>(pages: Record<K, PagePreload>) =>
  (page: K, route: PreloadRoute): void => {
    const { strings, data } = pages[page];
    strings?.().catch(ignore);
    Promise.resolve(route).then(data).catch(ignore);
  };

/**
 * Reads behind an ability: `read` gets the signed-in user's abilities (the shell's cached
 * `GET /me`, kept on the phone offline) and the user; signed out or half signed in, nothing is read.
 * @example data: guarded((route, can) => can.regions && getRegion(route.params.id ?? ""))
 */
export const guarded =
  (read: (route: PreloadRoute, can: Me["abilities"], me: Me) => unknown) =>
  async (route: PreloadRoute): Promise<unknown> => {
    const me = await getMe();
    // Half signed in (two-step sign-in still due): the shell shows no page, so nothing is read.
    return me && !me.pending ? read(route, me.abilities, me) : undefined;
  };
