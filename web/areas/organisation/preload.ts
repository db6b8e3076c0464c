/**
 * The organisation pages' preloads (main.tsx): their strings and the reads they open with,
 * started while the page's chunk downloads, each behind the page's own ability guard.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { branchFilter, getBranch, getBranches, getRegion, getRegions, getUser, getUsers, userFilter } from "./queries";

const strings = () => import("./organisation-i18n");

export const regions: PagePreload = { strings, data: guarded((_, can) => can.regions && getRegions()) };

export const region: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.regions && getRegion(params.id ?? "")),
};

export const branches: PagePreload = {
  strings,
  data: guarded(({ query }, can) =>
    Promise.all([can.branches && getBranches(branchFilter(query)), can.regions && getRegions()]),
  ),
};

export const branch: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.branches && getBranch(params.id ?? "")),
};

/** Forms (a new branch, an invitation): their strings; what they read depends on what is filled in. */
export const form: PagePreload = { strings };

export const users: PagePreload = {
  strings,
  data: guarded(({ query }, can) => can.users && getUsers(userFilter(query))),
};

export const user: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.users && getUser(params.id ?? "")),
};
