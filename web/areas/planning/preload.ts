/**
 * The planned-visit and audit-round pages' preloads (main.tsx): their strings and the reads they
 * open with, started while the page's chunk downloads, each behind the page's own ability guard.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getChecklists } from "../checklists/checklist-queries";
import { getRegions, getUsers } from "../organisation/queries";
import { assignmentFilter, getAssignment, getAssignments } from "./assignment-queries";
import { getMyReliability, getReliabilityTable, RELIABILITY_SORTS } from "./reliability-queries";
import { getRound, getRoundCoverage, getRounds } from "./round-queries";

const strings = () => import("./assignment-i18n");

export const assignments: PagePreload = {
  strings,
  data: guarded(({ query }, can) =>
    Promise.all([
      can.assignments && getAssignments(assignmentFilter(query)),
      can.users && getUsers({ role: "shopper" }),
    ]),
  ),
};

export const assignmentNew: PagePreload = {
  strings,
  data: guarded(
    (_, can) =>
      can.manage && can.assignments && Promise.all([getChecklists(), getUsers({ role: "shopper", status: "active" })]),
  ),
};

export const assignment: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.assignments && getAssignment(params.id ?? "")),
};

/**
 * `/rounds/*page` (one route, one chunk for the three pages): the list, the plan form (admins)
 * or one round with its coverage, told apart by the rest of the path as `rounds.tsx` does.
 */
export const rounds: PagePreload = {
  strings: () => import("./round-i18n"),
  data: guarded(({ params }, can) => {
    const page = params.page ?? "";
    if (!can.rounds) return undefined;
    if (page === "") return Promise.all([getRounds(), getChecklists()]);
    if (page === "new") return can.manage && Promise.all([getChecklists(), getRegions()]);
    return Promise.all([getRound(page), getRoundCoverage(page), getChecklists()]);
  }),
};

/**
 * The reliability pages (one route for both): head office's table in the order the address
 * names, or a shopper's own figures. The two audiences never overlap (a shopper reads no rounds).
 */
export const reliability: PagePreload = {
  strings: () => import("./reliability-i18n"),
  data: guarded(({ query }, can) => {
    const sort = RELIABILITY_SORTS.find((s) => s === query.sort) ?? "rating";
    return can.rounds ? getReliabilityTable(sort) : can.visits && getMyReliability();
  }),
};
