/**
 * Every lazy page but sign-in, invitations and the shopper's visit pages (list, briefing, form,
 * review, outbox), by route: main.tsx reaches each through this small chunk, so the shopper's
 * first download carries one short key per route instead of each page's import and its list of
 * files to preload (−1.6 KB gzip). A page waits for this chunk first (one file, no imports of its
 * own, fetched alongside the route's preloads, not after them).
 *
 * The styles past the first screen (styles/later.css) come with it: every page here uses them.
 */
import "../styles/later.css";

/** Every such page's module, by route key (main.tsx: `page("regions")`). */
export const pages = {
  home: () => import("./home/home"),
  notFound: () => import("./home/not-found"),
  account: () => import("./account/account"),
  regions: () => import("./organisation/regions"),
  region: () => import("./organisation/region"),
  branches: () => import("./organisation/branches"),
  branchNew: () => import("./organisation/branch-new"),
  imports: () => import("./organisation/imports"),
  branch: () => import("./organisation/branch"),
  users: () => import("./organisation/users"),
  userInvite: () => import("./organisation/user-invite"),
  user: () => import("./organisation/user"),
  checklists: () => import("./checklists/checklists"),
  checklistNew: () => import("./checklists/checklist-new"),
  phrases: () => import("./checklists/phrases"),
  checklist: () => import("./checklists/checklist"),
  version: () => import("./checklists/checklist-version"),
  builder: () => import("./checklists/checklist-version-edit"),
  assignments: () => import("./planning/assignments"),
  assignmentNew: () => import("./planning/assignment-new"),
  assignment: () => import("./planning/assignment"),
  scorecards: () => import("./scorecards/scorecards"),
  branchScorecard: () => import("./scorecards/scorecard-branch"),
  audits: () => import("./scorecards/scorecard-audits"),
  report: () => import("./scorecards/report"),
  reviewQueue: () => import("./review/queue"),
  reviewReport: () => import("./review/review"),
  reviewSettings: () => import("./review/settings"),
  /** The action board and one action: one chunk for the two. */
  actions: () => import("./actions/pages").then((m) => ({ default: m.ActionBoard })),
  action: () => import("./actions/pages").then((m) => ({ default: m.ActionPage })),
  /** The complaint log, the phone form and one complaint: one chunk for the three. */
  complaints: () => import("./complaints/pages").then((m) => ({ default: m.ComplaintList })),
  complaintNew: () => import("./complaints/pages").then((m) => ({ default: m.NewComplaintPage })),
  complaint: () => import("./complaints/pages").then((m) => ({ default: m.ComplaintPage })),
  /** The disputes list, one dispute and the figures: one chunk for the three. */
  disputes: () => import("./disputes/pages").then((m) => ({ default: m.DisputesPage })),
  disputeFigures: () => import("./disputes/pages").then((m) => ({ default: m.DisputeFiguresPage })),
  dispute: () => import("./disputes/pages").then((m) => ({ default: m.DisputePage })),
  /** The audit-round pages (`/rounds/*page`): one chunk. */
  rounds: () => import("./planning/rounds"),
  /** `/shoppers/reliability` and `/me/reliability`. */
  reliability: () => import("./planning/reliability-pages"),
  /** The payout pages (`/payouts/*page`, admins): one chunk. */
  payouts: () => import("./payouts/payouts"),
  /** The calibration pages (`/calibrations/*page`, docs/CALIBRATION.md): one chunk. */
  calibration: () => import("./calibration/calibration"),
  complaintFigures: () => import("./complaints/figures"),
  /** The shopper's job board (`/jobs`), earnings (reached from /jobs) and a sent report (online only, seldom opened). */
  jobs: () => import("./visits/jobs"),
  earnings: () => import("./visits/earnings"),
  sentReport: () => import("./visits/sent-report"),
};
