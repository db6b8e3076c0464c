/**
 * The complaints pages' preloads (main.tsx): their strings and opening reads, started while the
 * pages' chunk downloads, with the pages' own arguments.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getBranches } from "../organisation/queries";
import { complaintFilter, getComplaint, getComplaints, getFollowUps, getTaxonomy } from "./complaint-queries";

const strings = () => import("./complaints-i18n");

/** The log: the filtered first page, the follow-ups due and the branches (names, time zones). */
export const complaints: PagePreload = {
  strings,
  data: guarded(({ query }, can) => {
    if (!can.complaints) return undefined;
    const filter = complaintFilter(query);
    return Promise.all([
      getComplaints(filter),
      getFollowUps(filter.branchId),
      can.branches && getBranches({ limit: 200 }),
    ]);
  }),
};

/** The form: the branches to pick from and the checklists' categories. */
export const complaintNew: PagePreload = {
  strings,
  data: guarded((_route, can) => can.writeComplaints && Promise.all([getBranches({ limit: 200 }), getTaxonomy()])),
};

export const complaint: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.complaints && getComplaint(params.id ?? "")),
};
