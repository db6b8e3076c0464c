/**
 * The notification centre's preload (main.tsx): its chunk (with its strings) and first page,
 * started together. Imported lazily, so the area stays one chunk (see ./notifications.tsx).
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";

const centre = () => import("./notifications");

export const notifications: PagePreload = {
  strings: centre,
  data: guarded(() => centre().then((m) => m.preloadCentre())),
};
