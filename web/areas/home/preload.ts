/**
 * The home page's preload (main.tsx): its strings and the figures it opens with for the role,
 * started while the page's chunk downloads.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getBranchScorecard, getLeague } from "../scorecards/scorecard-queries";

export const home: PagePreload = {
  strings: () => import("./home-i18n"),
  data: guarded((_, can, me) => {
    // As home.tsx chooses: a manager's one branch or their branches, else the office's league.
    const [only, ...others] = me.scope.branchIds;
    if (can.ownBranches) return only && (others.length ? getLeague({}) : getBranchScorecard(only, {}));
    return !can.review && can.analytics && getLeague({});
  }),
};
