/**
 * Every area's route preloads in one small chunk (main.tsx imports it on the first navigation or
 * link hover): one import in the app's first download instead of one per area.
 */
import { startPreloads } from "../lib/page-preloads";
import { account, invite } from "./account/preload";
import { builder, checklist, checklistNew, checklists, version } from "./checklists/preload";
import { dispute, disputeFigures, disputes } from "./disputes/preload";
import { home } from "./home/preload";
import { branch, branches, form, region, regions, user, users } from "./organisation/preload";
import { assignment, assignmentNew, assignments } from "./planning/preload";
import { reviewQueue, reviewReport, reviewSettings } from "./review/preload";
import { audits, branch as branchScorecard, report, scorecards } from "./scorecards/preload";

export const start = startPreloads({
  account,
  invite,
  home,
  regions,
  region,
  branches,
  branch,
  form,
  users,
  user,
  checklists,
  checklistNew,
  checklist,
  version,
  builder,
  assignments,
  assignmentNew,
  assignment,
  scorecards,
  branchScorecard,
  audits,
  report,
  reviewQueue,
  reviewReport,
  reviewSettings,
  disputes,
  dispute,
  disputeFigures,
});
