/**
 * Every area's route preloads in one small chunk (main.tsx imports it on the first navigation or
 * link hover): one import in the app's first download instead of one per area.
 *
 * Also the way to the notifications chunk (the bell and the centre): main.tsx reaches it through
 * this module, so the shopper's first download names no file of its own. The pages themselves
 * are reached through areas/pages.ts, so a preload that fails never keeps a page from loading.
 */
// The notifications chunk (the bell, the centre) uses the styles past the first screen.
import "../styles/later.css";
import { startPreloads } from "../lib/page-preloads";
import { account, invite } from "./account/preload";
import { action, actions } from "./actions/preload";
import { calibration } from "./calibration/preload";
import { builder, checklist, checklistNew, checklists, version } from "./checklists/preload";
import { complaintFigures } from "./complaints/figures-preload";
import { complaint, complaintNew, complaints } from "./complaints/preload";
import { dispute, disputeFigures, disputes } from "./disputes/preload";
import { home } from "./home/preload";
import { notifications } from "./notifications/preload";
import { branch, branches, form, region, regions, user, users } from "./organisation/preload";
import { payouts } from "./payouts/preload";
import { assignment, assignmentNew, assignments, reliability, rounds } from "./planning/preload";
import { reviewQueue, reviewReport, reviewSettings } from "./review/preload";
import { audits, branch as branchScorecard, report, scorecards } from "./scorecards/preload";

/** The notifications area's one chunk: the bell, the centre, the admins' email notice. */
export const notificationsChunk = () => import("./notifications/notifications");

/**
 * The screen of a half-signed-in session (two-step sign-in still due: the enrolment, or back to
 * the code), which the shell shows instead of any page: named here, not in the first download.
 */
export const pendingChunk = () => import("./account/pending");

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
  rounds,
  reliability,
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
  complaintFigures,
  payouts,
  calibration,
  complaints,
  complaintNew,
  complaint,
});
