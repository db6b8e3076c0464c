/**
 * Every area's route preloads in one small chunk (main.tsx imports it on the first navigation or
 * link hover): one import in the app's first download instead of one per area.
 */
export { account, invite } from "./account/preload";
export { builder, checklist, checklistNew, checklists, version } from "./checklists/preload";
export { home } from "./home/preload";
export { branch, branches, form, region, regions, user, users } from "./organisation/preload";
export { assignment, assignmentNew, assignments } from "./planning/preload";
export { audits, branch as branchScorecard, report, scorecards } from "./scorecards/preload";
