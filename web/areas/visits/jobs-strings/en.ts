/**
 * English strings of the job board page (/jobs), loaded with it (jobs-i18n.ts), never in the
 * phone's first download. `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const jobsEn = {
  title: "Job board",
  intro: "Visits you can take. The first to claim one gets it.",
  claims: "You hold {{ open }} of {{ limit }} visits from the board.",
  loading: "Loading the board…",
  failed: "Couldn't load the board. Check the connection and try again.",
  empty: "No visits for you on the board right now.",
  fee: "Fee {{ fee }}",
  cap: "expenses up to {{ cap }}",
  earnings: "My earnings",
  claim: "Claim",
  claiming: "Claiming…",
  claimed: "It's yours: the visit is in your list.",
  open: "Open the visit",
  boardTitle: "On the board",
  mine: {
    title: "Your visits",
    accepted: "Accepted",
    accept: "Accept",
    decline: "Decline",
    release: "Release",
    declining: "Declining…",
    confirmTitle: "Decline this visit?",
    confirmBody: "It goes back to the planner and is counted as a decline.",
    confirmBoard: "It goes back on the job board for other shoppers and is counted as a decline.",
    reason: "Why? (optional)",
    confirm: "Decline the visit",
    keep: "Keep it",
    declined: "Declined. It is no longer in your list.",
    released: "Released: it is back on the board.",
    releaseClosed: "Too late to release: the visit starts within 24 hours. You can still decline it.",
    failed: "That didn't work. Check the connection and try again.",
  },
  errors: {
    already_taken: "Someone else took this visit first.",
    not_eligible: "You can't take this visit: {{ reason }}",
    claim_limit_reached: "You already hold as many visits from the board as you may. Do or release one first.",
    other: "Couldn't claim the visit. Try again.",
  },
  reasons: {
    inactive: "your membership is not active.",
    noChannel: "you don't do this kind of visit.",
    noRegion: "you don't cover this area.",
    excluded: "you may not visit this branch.",
    belowRating: "your rating is below this round's floor.",
    sameRound: "you already have a visit to this branch in this round.",
    lockedOut: "you visited this branch too recently.",
    dailyMax: "you already have the most visits allowed on one of these days.",
    weeklyMax: "you already have the most visits allowed in that week.",
    windowPassed: "its dates have passed.",
    declined: "you declined it.",
  },
};

/** The shape every language's job board dictionary has. */
export type JobsDictionary = Widen<typeof jobsEn>;
