/**
 * The actions pages' preloads (main.tsx): their strings and opening reads, started while the
 * page's chunk downloads, with the pages' own arguments.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getRegions } from "../organisation/queries";
import { actionFilter, getAction, getActionFigures, getActions } from "./action-queries";

const strings = () => import("./actions-i18n");

/** The board: the filtered first page, and head office's regions and figures per region. */
export const actions: PagePreload = {
  strings,
  data: guarded(({ query }, can) => {
    if (!can.actions) return undefined;
    const office = !can.ownBranches && can.regions;
    return Promise.all([
      getActions(actionFilter(query)),
      office && getRegions(),
      office && getActionFigures("region", {}),
    ]);
  }),
};

export const action: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.actions && getAction(params.id ?? "")),
};
