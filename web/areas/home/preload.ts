/**
 * The home page's preload (main.tsx): its strings and the figures it opens with for the role,
 * started while the page's chunk downloads.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getActions } from "../actions/action-queries";
import { getReviewQueue } from "../review/review-queries";
import { getBranchScorecard, getLeague } from "../scorecards/scorecard-queries";
import { getOpenDisputes } from "./home-queries";

export const home: PagePreload = {
  strings: () => Promise.all([import("./home-i18n"), import("../actions/actions-i18n")]),
  data: guarded((_, can, me) => {
    // As home.tsx chooses: a manager's one branch or their branches, else the office's league.
    const [only, ...others] = me.scope.branchIds;
    const actions = can.actions && !can.review && getActions({ status: "open" });
    if (can.ownBranches) return [actions, only && (others.length ? getLeague({}) : getBranchScorecard(only, {}))];
    if (can.review) return [getReviewQueue({}), can.disputes && getOpenDisputes()];
    return can.analytics && [actions, can.verifyActions && getActions({ status: "done" }), getLeague({})];
  }),
};
