/**
 * Every area's route preloads in one small chunk (main.tsx imports it on the first navigation or
 * link hover): one import in the app's first download instead of one per area.
 *
 * Also the way to the notifications chunk (the bell and the centre) and the audit-round pages'
 * chunk: main.tsx reaches them through this module, so the shopper's first download names no
 * file of their own.
 */
import { startPreloads } from "../lib/page-preloads";
import { account, invite } from "./account/preload";
import { action, actions } from "./actions/preload";
import { calibration } from "./calibration/preload";
import { builder, checklist, checklistNew, checklists, version } from "./checklists/preload";
import { dispute, disputeFigures, disputes } from "./disputes/preload";
import { home } from "./home/preload";
import { notifications } from "./notifications/preload";
import { branch, branches, form, region, regions, user, users } from "./organisation/preload";
import { assignment, assignmentNew, assignments } from "./planning/preload";
import { reviewQueue, reviewReport, reviewSettings } from "./review/preload";
import { audits, branch as branchScorecard, report, scorecards } from "./scorecards/preload";

/** The notifications area's one chunk: the bell, the centre, the admins' email notice. */
export const notificationsChunk = () => import("./notifications/notifications");

/**
 * The audit-round pages' one chunk (`/rounds/*page`): reached through here, so the shopper's
 * first download holds one short route and not the chunk's list of files.
 */
export const roundsChunk = () => import("./planning/rounds");

/** The calibration pages' one chunk (`/calibrations/*page`, docs/CALIBRATION.md), reached the same way. */
export const calibrationChunk = () => import("./calibration/calibration");

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
  notifications,
  actions,
  action,
  disputes,
  dispute,
  disputeFigures,
  calibration,
});
