/**
 * English strings of the role homes (what to do next, with the figures behind it). They load
 * with the (lazy) home page only. `zh.ts` has the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const homeEn = {
  /** The greeting and the shortcuts (moved out of the core strings: only this page shows them). */
  intro: {
    morning: "Good morning, {{ name }}",
    afternoon: "Good afternoon, {{ name }}",
    evening: "Good evening, {{ name }}",
    signedInAs: "You're in {{ org }} as {{ role }}.",
    regionsManage: "Create regions and keep their names up to date.",
    regionsView: "See the regions and how many branches each has.",
    branchesManage: "Add stores and call centres, edit their details.",
    branchesView: "Look up stores and call centres.",
    branchesMine: "See your branch's details.",
    usersManage: "Invite people and choose what they can see.",
    usersView: "See who works in your organisation.",
    shopperTitle: "Your visits",
    shopperNote: "Mystery-shopping visits assigned to you will appear here. Nothing to do yet: enjoy your day!",
  },
  loading: "Loading your figures…",
  period: "Last 3 months, {{ from }} to {{ to }}",
  openScorecard: "Open the scorecard",
  seeAll: "See all",
  criticalFailed: "Critical failure",
  none: "Nothing here.",
  manager: {
    score: "This period's score",
    change: "{{ change }} since the previous 3 months",
    noChange: "No earlier period to compare with",
    organization: "Organisation average {{ mean }}",
    worst: "Items to work on",
    worstHint: "Worst first, by this branch's pass rate.",
    passed: "{{ passes }} of {{ judged }} passed",
    noItems: "No items were judged in this period.",
    reports: "Latest published reports",
    noReports: "No published reports in this period yet.",
    branches: "Your branches",
  },
  office: {
    below: "Branches below target",
    belowHint: "Mean under {{ target }} points in the last 3 months (branches with fewer than 3 audits left out).",
    noneBelow: "Every branch with enough audits is at or above {{ target }} points.",
    drops: "Biggest drops",
    dropsHint: "Change against the 3 months before.",
    noDrops: "No branch fell since the previous period.",
    due: "Visits due this week",
    dueHint: "Open mystery visits whose window opens by Sunday, overdue ones first.",
    noDue: "No open visits are due this week.",
    dueCount: (n: number) => (n === 1 ? "1 open visit" : `${n} open visits`),
    overdue: "Overdue",
    planVisits: "Visits planned",
  },
  reviewer: {
    queue: "Reports waiting for review",
    queueHint: "Oldest first in the queue; overdue ones are past the review target.",
    waiting: "Waiting",
    overdue: "Overdue",
    claimedByMe: "Claimed by me",
    openQueue: "Open the review queue",
    latest: "Latest published reports",
    noReports: "No published reports in this period yet.",
  },
  notFound: "There's nothing at this address.",
  shortcuts: "Shortcuts",
  disputes: {
    title: "Disputes in progress",
    hint: "Waiting for head office's decision, oldest first.",
    none: "No disputes waiting for a decision.",
    items: (n: number) => (n === 1 ? "1 item disputed" : `${n} items disputed`),
    raised: "Raised {{ when }}",
    decideTitle: "Disputes to decide",
    decideHint: "Open disputes of reports you did not review.",
    toDecide: "for you to decide",
    openList: "Open the disputes",
  },
};

export type HomeDictionary = Widen<typeof homeEn>;
