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
 * The audit-round pages' one chunk (`/rounds/*page`): reached through here, so the shopper's
 * first download holds one short route and not the chunk's list of files.
 */
export const roundsChunk = () => import("./planning/rounds");

/** Head office's complaint figures (`/complaints/figures`), reached the same way. */
export const complaintFiguresChunk = () => import("./complaints/figures");

/** The reliability pages' chunk (`/shoppers/reliability`, `/me/reliability`), reached the same way. */
export const reliabilityChunk = () => import("./planning/reliability-pages");

/** The payout pages' one chunk (`/payouts/*page`, admins), reached through here like the rounds'. */
export const payoutsChunk = () => import("./payouts/payouts");

/**
 * The shopper's job board (`/jobs`) and earnings (`/earnings`, reached from /jobs): lazy pages
 * whose files are named here, not in the phone's first download.
 */
export const jobsChunk = () => import("./visits/jobs");
export const earningsChunk = () => import("./visits/earnings");
/** A sent report as the shopper sent it (online only, seldom opened): named here for the same reason. */
export const sentReportChunk = () => import("./visits/sent-report");

/**
 * The screen of a half-signed-in session (two-step sign-in still due: the enrolment, or back to
 * the code), which the shell shows instead of any page: named here, not in the first download.
 */
export const pendingChunk = () => import("./account/pending");

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
