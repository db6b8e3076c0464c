/**
 * Checklists as documents: the shape head office designs, exports and imports. The rules a
 * version must satisfy before it can be published are `checkChecklist` in checklist-rules.ts
 * (apart, so the shopper's phone, which needs only these types, never downloads them).
 */
import type { Channel } from "../../schema/enums";

export const ITEM_KINDS = ["yes_no", "number", "scale", "choice", "text", "photo"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Kinds that produce a ratio. `text` and `photo` are notes and evidence, never scored. */
export const SCORED_KINDS: readonly ItemKind[] = ["yes_no", "number", "scale", "choice"];
/** Kinds with a plain pass/fail outcome: the only ones that may be critical. */
export const PASS_FAIL_KINDS: readonly ItemKind[] = ["yes_no", "number"];

export const CRITICAL_LEVELS = ["none", "section", "audit"] as const;
export type CriticalLevel = (typeof CRITICAL_LEVELS)[number];

export const EVIDENCE_ON_FAIL = ["none", "comment", "photo"] as const;
export type EvidenceOnFail = (typeof EVIDENCE_ON_FAIL)[number];

export const NUMBER_UNITS = ["rings", "seconds", "minutes", "count"] as const;
export type NumberUnit = (typeof NUMBER_UNITS)[number];

export interface Localized {
  en: string;
  zh: string;
}

interface ItemBase {
  /** Stable across versions: answers, roll-ups and diffs follow it. */
  key: string;
  prompt: Localized;
  /** What counts as a pass, shown to the shopper. */
  guidance: Localized;
  weight: number;
  critical: CriticalLevel;
  naAllowed: boolean;
  evidenceOnFail: EvidenceOnFail;
}

export interface NumberPassRule {
  min?: number;
  max?: number;
}

export interface ChoiceOption {
  key: string;
  label: Localized;
  points: number;
}

export type ChecklistItem =
  | (ItemBase & { kind: "yes_no" })
  | (ItemBase & { kind: "number"; unit: NumberUnit; pass: NumberPassRule })
  | (ItemBase & { kind: "scale"; min: number; max: number })
  | (ItemBase & { kind: "choice"; options: ChoiceOption[] })
  | (ItemBase & { kind: "text" })
  | (ItemBase & { kind: "photo" });

export interface ChecklistSection {
  key: string;
  title: Localized;
  weight: number;
  items: ChecklistItem[];
}

export interface ChecklistDocument {
  name: Localized;
  channel: Channel;
  sections: ChecklistSection[];
  /**
   * The shortest plausible visit or call, in whole minutes: a shorter one is accepted but
   * flagged for review. Absent: a default from the number of scored items and the channel
   * (`minimumVisitMinutes` in audits.ts).
   */
  minimumVisitMinutes?: number;
}

export function isScored(item: ChecklistItem): boolean {
  return SCORED_KINDS.includes(item.kind);
}

/** Every item of a document with its section, in order. */
export function listItems(doc: ChecklistDocument): Array<{ section: ChecklistSection; item: ChecklistItem }> {
  return doc.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}
