/**
 * Preloaded data behind an ability: the same guard a page puts around its own reads, so a
 * preload never asks for what the signed-in role may not see. Kept out of route-preload.ts
 * (first download): only the areas' preload modules use it.
 */
import { getMe } from "./queries";
import type { PreloadRoute } from "./route-preload";
import type { Me } from "./types";

/**
 * `read` gets the signed-in user's abilities (the shell's cached `GET /me`, kept on the phone
 * offline) and the user; signed out, nothing is read.
 * @example data: guarded((route, can) => can.regions && getRegion(route.params.id ?? ""))
 */
export const guarded =
  (read: (route: PreloadRoute, can: Me["abilities"], me: Me) => unknown) =>
  async (route: PreloadRoute): Promise<unknown> => {
    const me = await getMe();
    return me ? read(route, me.abilities, me) : undefined;
  };
