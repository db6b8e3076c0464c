/**
 * English strings of the shopper's review, its visit times and its "sent" screen, loaded with the
 * review (review-i18n.ts) rather than with the phone's first download. `zh.ts` next to this file
 * must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const reviewEn = {
  /** The visit times: their fields, and the server's rules for them. */
  times: {
    outsideWindow:
      "The visit must start between {{ start }} and {{ end }} (the branch's dates). If you visited then, correct the start time; a visit outside these dates can't be reported.",
    inFuture: "A visit can't be in the future: check the time.",
    tooLong: "A visit lasts at most 12 hours: check the end time.",
    day: "Day",
    hour: "Hour",
    minute: "Minute",
  },
  title: "Review and send",
  back: "Back to the form",
  problemsTitle: plural("1 thing to fix before sending", "# things to fix before sending"),
  score: "Score",
  visit: "The visit",
  call: "The call",
  started: "Started",
  ended: "Ended",
  now: "Now",
  nowFor: "Set “{{ field }}” to now",
  location: "Location:",
  locationNone: "not recorded",
  locationTaken: "recorded {{ time }}, accurate to about {{ metres }} m",
  staff: "Who served you",
  staffHint: "Name badge, role, appearance: enough for the branch to know who it was.",
  staffCall: "Who took your call",
  staffHintCall:
    "The name they gave, their team or extension, their voice: enough for the call centre to know who it was.",
  staffName: "Name of the person who served you (as on the badge)",
  staffNameCall: "Name the person who took your call gave",
  staffInitials: "Initials",
  staffInitialsHint: "Initials only, e.g. “J. S.” or “王某”.",
  staffNoNames: "Describe their role and appearance only, no names: your organisation does not record staff names.",
  staffNoNamesCall: "Describe their team and voice only, no names: your organisation does not record staff names.",
  staffNoNamesAsked:
    "Who served you: describe their role and appearance only, no names. Your organisation does not record staff names.",
  overall: "Overall comment",
  overallHint: "Anything the questions didn't cover.",
  answers: "Your answers",
  change: "Change",
  changeQuestion: "Change question {{ number }}",
  noAnswer: "No answer",
  na: "Not applicable",
  photos: plural("1 photo", "# photos"),
  fixFirst: plural("Fix the problem above to send.", "Fix the # problems above to send."),
  submit: "Send report",
  submitting: "Sending…",
  storageFailed: "Couldn't move the report to the outbox. Nothing is lost: try again.",
  sentTitle: "Sent",
  sentBody: "The server has your report. Thank you!",
  waitingTitle: "Waiting for network",
  waitingBody: "Your report is safe on this phone and will send by itself when there's a connection.",
  failedTitle: "Not sent",
  failedBody: "Your report stays in the outbox. You can try again from there.",
  backToVisits: "Back to my visits",
  openOutbox: "Open the outbox",
};

/** The shape every language's review dictionary has. */
export type ReviewDictionary = Widen<typeof reviewEn>;
