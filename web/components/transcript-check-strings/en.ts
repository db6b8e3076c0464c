/**
 * English strings of the transcript checker (../transcript-check.tsx), loaded with it: the
 * phone's first download carries none of them. `zh.ts` next to this file has the same shape.
 */
import type { Widen } from "../../i18n/widen";

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const transcriptCheckEn = {
  label: "Call transcript",
  hint: "Paste the transcript (English, Chinese or both). Nothing is stored: it is only checked.",
  language: "Language",
  languages: { auto: "Both", en: "English", zh: "Chinese" },
  check: "Check for forbidden phrases",
  checking: "Checking…",
  found: plural("1 forbidden phrase found", "# forbidden phrases found"),
  none: "No forbidden phrase from the list was found. A phrase list cannot hear tone, or a new way of saying the same thing: listen too.",
  highlighted: "Transcript with the phrases marked",
  heard: "Heard",
  better: "Better",
  // The call audit's suggestions (web/areas/visits/transcript-panel.tsx).
  panel: {
    open: "Check a call transcript",
    close: "Hide the transcript check",
    intro: "The phrases found point at questions of this form. Nothing is answered for you: confirm each one.",
    suggestions: "Suggested answers",
    times: plural("heard once", "heard # times"),
    confirm: "Mark as not done",
    confirmed: "Marked as not done",
    show: "Show the question",
    comment: "Heard in the transcript: {{ quotes }}",
    noneForForm: "None of the phrases found belongs to a question of this form.",
  },
  // The phrase list page (web/areas/checklists/phrases.tsx).
  back: "Checklists",
  list: {
    title: "Forbidden phrases",
    intro:
      "What the transcript check looks for in calls and complaints, in each language, with the question a match fails and a better wording. Start a pattern with ^ to find it only at the start of a sentence; end it with ! to find it only as a whole utterance (a flat “No!”).",
    readOnly: "Head office admins edit this list.",
    add: "Add a phrase",
    adding: "Adding…",
    added: "Phrase added.",
    saved: "Saved.",
    save: "Save",
    saving: "Saving…",
    edit: "Edit",
    cancel: "Cancel",
    pattern: "Phrase",
    itemKey: "Checklist question (key)",
    noItem: "None",
    better: "Better wording",
    active: "In use",
    inactive: "Not in use",
    locale: "Language",
    empty: "No phrases in this language yet.",
    count: plural("1 phrase", "# phrases"),
  },
};

/** The shape every language's transcript-check dictionary has. */
export type TranscriptCheckDictionary = Widen<typeof transcriptCheckEn>;
