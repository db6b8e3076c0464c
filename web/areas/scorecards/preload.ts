/**
 * The scorecard pages' preloads (main.tsx): their strings and the reads they open with, started
 * while the page's chunk downloads. Each read is the page's own, with the page's own arguments.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getChecklists } from "../checklists/checklist-queries";
import { getBranches, getRegions } from "../organisation/queries";
import { preloadReport } from "../planning/assignment-queries";
import { auditsBehind, getAuditsBehind, getBranchScorecard, scorecardFilter } from "./scorecard-queries";
import { viewOf, viewPeriod } from "./views/shared";

const strings = () => import("./scorecard-i18n");

/** Head office's dashboard (its view, regions and checklists), or a manager's choice of branches. */
export const scorecards: PagePreload = {
  strings: () => Promise.all([strings(), import("./analytics-i18n")]),
  data: guarded(({ query }, can, me) => {
    if (can.analytics) {
      return Promise.all([
        viewPeriod(viewOf(query), scorecardFilter(query), query),
        getRegions(),
        can.checklists && getChecklists(),
      ]);
    }
    return can.scorecards && me.scope.branchIds.length > 1 && getBranches({});
  }),
};

export const branch: PagePreload = {
  strings,
  data: guarded(
    ({ params, query }, can) => can.scorecards && getBranchScorecard(params.id ?? "", scorecardFilter(query)),
  ),
};

export const audits: PagePreload = {
  strings,
  data: guarded(({ query }, can) => can.scorecards && getAuditsBehind(scorecardFilter(query), auditsBehind(query))),
};

/** One report: the audit, then its checklist version and branch, as the page reads them. */
export const report: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.scorecards && preloadReport(params.id ?? "")),
};
