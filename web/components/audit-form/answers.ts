/**
 * The answers of one audit while it is being filled in: a reactive record keyed by item key.
 * `list()` gives them in the shape `scoreAudit`, `checkAnswers` and the API take.
 *
 * One signal holding an immutable record (an edit replaces one entry, the others keep their
 * identity) rather than a deep store: a form has tens of items, and the shopper's first
 * download stays without solid-js/store.
 */
import { createSignal } from "solid-js";
import type { Answer } from "../../../worker/domain/scoring";

export interface AnswerEntry {
  value?: boolean | number | string;
  na?: boolean;
  /** What the shopper noted; evidence when an item fails. */
  comment?: string;
  /** SHA-256 of photos attached to the item (the phone keeps the photos themselves). */
  evidence?: string[];
}

export interface AnswerStore {
  /** The entries, by item key (reactive). */
  readonly entries: Readonly<Record<string, AnswerEntry>>;
  setValue(key: string, value: AnswerEntry["value"] | undefined): void;
  setNa(key: string, na: boolean): void;
  setComment(key: string, comment: string): void;
  setEvidence(key: string, evidence: string[]): void;
  clear(): void;
  /** Answers for scoring: a value, or N/A; items with neither are left out (missing). */
  list(): Answer[];
}

export function createAnswerStore(initial: Record<string, AnswerEntry> = {}): AnswerStore {
  const [entries, setEntries] = createSignal<Readonly<Record<string, AnswerEntry>>>(structuredClone(initial));
  const edit = (key: string, change: (entry: AnswerEntry) => void) =>
    setEntries((all) => {
      const entry = { ...all[key] };
      change(entry);
      return { ...all, [key]: entry };
    });

  return {
    get entries() {
      return entries();
    },
    setValue: (key, value) =>
      edit(key, (entry) => {
        if (value === undefined || value === "") delete entry.value;
        else entry.value = value;
        delete entry.na;
      }),
    setNa: (key, na) =>
      edit(key, (entry) => {
        if (na) {
          entry.na = true;
          delete entry.value;
        } else delete entry.na;
      }),
    setComment: (key, comment) =>
      edit(key, (entry) => {
        if (comment) entry.comment = comment;
        else delete entry.comment;
      }),
    setEvidence: (key, evidence) =>
      edit(key, (entry) => {
        if (evidence.length) entry.evidence = [...evidence];
        else delete entry.evidence;
      }),
    clear: () => setEntries({}),
    list: () =>
      Object.entries(entries()).flatMap(([item, entry]): Answer[] => {
        if (entry.na) return [{ item, na: true }];
        if (entry.value === undefined) return [];
        return [{ item, value: entry.value }];
      }),
  };
}
