/**
 * The branch and member lists' filters as their URLs carry them: read by the pages and by their
 * preloads (preload.ts), so both ask for the same cached list.
 */
import type { SearchParams } from "@solidjs/router";
import type { BranchFilter, UserFilter } from "../../lib/queries";
import { firstParam, paramIn } from "../../lib/search-params";
import { CHANNELS, MEMBERSHIP_STATUSES, ROLES } from "../../lib/types";

/** `?q=&regionId=&channel=`, unknown values left out. */
export const branchFilter = (params: SearchParams): BranchFilter => ({
  q: firstParam(params.q) || undefined,
  regionId: firstParam(params.regionId) || undefined,
  channel: paramIn(params.channel, CHANNELS),
});

/** `?q=&role=&status=`, unknown values left out. */
export const userFilter = (params: SearchParams): UserFilter => ({
  q: firstParam(params.q) || undefined,
  role: paramIn(params.role, ROLES),
  status: paramIn(params.status, MEMBERSHIP_STATUSES),
});
