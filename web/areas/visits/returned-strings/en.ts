/**
 * English strings of the shopper's side of review: reports returned with a reviewer's questions,
 * the answers waiting to be sent, and where each sent report is in review. Loaded with the
 * list's lazy review part (returned.tsx), never in the phone's first download.
 * `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const returnedEn = {
  title: "Returned to you",
  intro: "Head office has questions about these reports. Answer them to send the report back for review.",
  status: {
    waiting: "Waiting for review",
    claimed: "In review",
    returned: "Returned to you",
    published: "Published",
    rejected: "Rejected",
    voided: "Voided",
  },
  late: "Late visit",
  rejectedBecause: "Rejected: {{ reason }}",
  about: "About: {{ item }}",
  general: "About the whole report",
  answer: "Your answer",
  yourReply: "Your answer: {{ text }}",
  send: "Send answers",
  required: "Write an answer to every question.",
  reply: {
    waiting: "Answers kept on this phone, sent when there's a connection",
    sending: "Sending answers…",
    failed: "Couldn't send the answers: {{ reason }}",
    sent: "Answers sent",
  },
  retry: "Try again",
  loading: "Loading the questions…",
  offline: "The questions can be read when there's a connection.",
  failed: "Couldn't load the questions. Try again later.",
};

/** The shape every language's dictionary of the review's phone side has. */
export type ReturnedDictionary = Widen<typeof returnedEn>;
