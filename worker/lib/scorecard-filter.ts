import type { Channel } from "../../schema/enums";
import { type BranchRow, getBranch } from "../data/branches";
import type { Db } from "../data/db";
import { type ChecklistRef, resolveFilterReferences, type ScorecardFilter } from "../data/scorecards";
import type { SessionActor } from "../data/sessions";
import { type Period, resolvePeriod } from "../domain/periods";
import { branchScope, regionScope } from "../domain/policy";
import { authorize } from "./authorize";
import { ApiError } from "./errors";

export interface ResolvedFilter {
  filter: ScorecardFilter;
  period: Period;
  checklists: ChecklistRef[];
}

/**
 * Turns a validated scorecard query into the data layer's filter: the period in whole months,
 * the caller's branch and region scope, and the checklist and region references checked against
 * the organisation (an unknown or out-of-scope one is a 400 naming the field). One D1 round trip.
 */
export async function resolveScorecardFilter(
  db: Db,
  actor: SessionActor,
  query: {
    from?: string;
    to?: string;
    checklistId?: string;
    channel?: Channel;
    regionId?: string;
    branchId?: string;
  },
  now = Date.now(),
): Promise<ResolvedFilter> {
  const period = resolvePeriod(query, new Date(now).toISOString().slice(0, 10));
  const regions = regionScope(actor);
  const branches = branchScope(actor);
  // Branch managers reach no region directly, but may narrow to the region of one of their
  // branches; any other region is as unknown to them as one that does not exist.
  const regionVisible = (region: { id: string; holdsBranchOf: boolean }) =>
    regions.kind === "all" ||
    (regions.kind === "regions" && regions.regionIds.includes(region.id)) ||
    (branches.kind === "branches" && region.holdsBranchOf);
  const managed = branches.kind === "branches" ? branches.branchIds : [];
  const refs = await resolveFilterReferences(db, actor.organizationId, query, regionVisible, managed);
  return {
    period,
    checklists: refs.checklists,
    filter: {
      organizationId: actor.organizationId,
      fromMonth: period.fromMonth,
      toMonth: period.toMonth,
      checklistIds: refs.checklistIds,
      regionId: query.regionId,
      branchId: query.branchId,
      branches,
      regions,
    },
  };
}

/**
 * A branch a scorecard or export is narrowed to: 403 for roles that see no branches, 404 for
 * one that does not exist or lies outside the caller's scope (its existence stays secret).
 */
export async function requireVisibleBranch(db: Db, actor: SessionActor, id: string): Promise<BranchRow> {
  authorize(actor, "list", { type: "branch" });
  const branch = await getBranch(db, actor.organizationId, id);
  if (!branch) throw new ApiError("not_found");
  authorize(actor, "read", { type: "branch", id: branch.id, regionId: branch.regionId });
  return branch;
}
