/**
 * English strings of the shopper's pages: my visits, the briefing, the form's frame, the
 * review and the outbox. They load with those (lazy) pages; the core dictionary (../en.ts)
 * has only the menu entries. `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const visitsEn = {
  list: {
    title: "My visits",
    groups: {
      due: "Due now",
      overdue: "Overdue",
      upcoming: "Upcoming",
      submitted: "Submitted",
    },
    empty: "No visits are assigned to you yet. New ones will appear here.",
    window: "{{ start }} – {{ end }}",
    call: "Call {{ phone }}",
    noAddress: "No address given",
    inProgress: "In progress",
    jobs: "Find more visits",
  },
  offline: {
    banner: "Offline — showing what this phone saved at {{ time }}.",
  },
  briefing: {
    window: "Visit window",
    windowCall: "When to call",
    address: "Address",
    phone: "Number to call",
    scenario: "Your scenario",
    recheck: "Pay particular attention to:",
    noScenario: "No particular scenario: behave like an ordinary customer.",
    watchFor: "What to watch for",
    watchForIntro: "Read these before you go in: you'll answer them right after.",
    watchForIntroCall: "Read these before you dial: you'll answer them right after the call.",
    questions: plural("1 question", "# questions"),
    checklistMissing: "This phone hasn't saved this visit's checklist yet. Open this page once with a connection.",
    location: "Record my location when I start",
    locationHint:
      "Optional. Your position is taken once, only if you tick this, and is sent with the report to show where the visit took place.",
    start: "Start visit",
    startCall: "Start call",
    starting: "Starting…",
    locating: "Finding your location…",
    startFailed: "Couldn't save on this phone. Check that it has free storage, then try again.",
    continue: "Continue the visit",
    startedAt: "You started at {{ time }}.",
    queuedNote: "Your report is in the outbox: it sends by itself when there's a connection.",
    sentNote: "The server has your report.",
    goOutbox: "Open the outbox",
    cancelled: "This visit was cancelled: nothing to do.",
    submittedOn: "Report received {{ time }}.",
    readReport: "Read what you sent",
    early: "Not due yet: you can start once the window opens.",
    overdue: "Overdue: only a visit made within the window counts.",
    overdueCall: "Overdue: only a call made within the window counts.",
  },
  form: {
    briefing: "Briefing",
    saved: "Saved on this phone",
    saving: "Saving…",
    saveFailed: "Couldn't save on this phone ({{ reason }}). Keep this page open and free some storage.",
    toDo: plural("1 thing left to do", "# things left to do"),
    skipped: plural("1 thing skipped in earlier sections", "# things skipped in earlier sections"),
    allDone: "Everything is answered.",
    nextToDo: "Go to it",
    finish: "Finish visit",
    finishCall: "Finish call",
  },
  problems: {
    question: "Question {{ number }}",
    missing: "No answer yet",
    comment: "Needs a comment: it failed",
    photo: "Needs a photo: it failed",
    noPhotos: "This question takes no photos",
    invalid: "This answer isn't valid",
    startedAt: "Give the time the visit started",
    endedAt: "Give the time the visit ended",
    endBeforeStart: "The visit can't end before it started",
  },
  outbox: {
    states: {
      waiting: "Waiting for network",
      retrying: "Will retry",
      sending: "Sending",
      sent: "Sent",
      failed: "Failed",
    },
  },
};

/** The shape every language's dictionary for the shopper's pages has. */
export type VisitsDictionary = Widen<typeof visitsEn>;
