/**
 * Checklists as documents: the shape head office designs, exports and imports, and the
 * rules a version must satisfy before it can be published. Pure: the builder in the web
 * app runs the same checks as the server while the user types.
 */
import type { Channel } from "../../schema/enums";
import { formatPath } from "./paths";

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

/** Section, item and option keys: letters, digits, - and _, starting with a letter or digit. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

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

export interface DocumentProblem {
  /** `sections[2].items[4].critical` */
  path: string;
  /** Same vocabulary as API field errors: taken | not_allowed | invalid_value | invalid_format | required. */
  code: "taken" | "not_allowed" | "invalid_value" | "invalid_format" | "required";
  message: string;
}

export function isScored(item: ChecklistItem): boolean {
  return SCORED_KINDS.includes(item.kind);
}

/**
 * The rules a version must meet to be published, beyond its shape: everything filled in (a
 * draft may hold empty texts and keys and `null` numbers while it is being written), keys well
 * formed and unique, critical only on pass/fail items, sensible ranges and options. An empty
 * list means the version can be published.
 * @example checkChecklist(doc) // [{ path: "sections[0].items[3].critical", code: "not_allowed", ... }]
 */
export function checkChecklist(doc: ChecklistDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const problem = (path: PropertyKey[], code: DocumentProblem["code"], message: string) =>
    problems.push({ path: formatPath(path), code, message });
  const filled = (value: unknown) => typeof value === "string" && value.trim() !== "";
  const needText = (path: PropertyKey[], pair: Localized) => {
    if (!filled(pair.en)) problem([...path, "en"], "required", "Fill this in");
    if (!filled(pair.zh)) problem([...path, "zh"], "required", "Fill this in");
  };
  /** Whether the key is usable (then its uniqueness is checked). */
  const needKey = (path: PropertyKey[], key: string) => {
    if (!filled(key)) problem([...path, "key"], "required", "Give a key");
    else if (!KEY_PATTERN.test(key.trim()))
      problem([...path, "key"], "invalid_format", "Use letters, digits, - and _ only");
    else return true;
    return false;
  };
  const needNumber = (path: PropertyKey[], value: number) => {
    if (!Number.isFinite(value)) problem(path, "required", "Enter a number");
  };

  needText(["name"], doc.name);
  if (doc.sections.length === 0) problem(["sections"], "required", "Add at least one section");
  const sectionKeys = new Set<string>();
  const itemKeys = new Set<string>();
  let scoredItems = 0;

  doc.sections.forEach((section, s) => {
    if (needKey(["sections", s], section.key) && sectionKeys.has(section.key))
      problem(["sections", s, "key"], "taken", `Another section already uses the key "${section.key}"`);
    sectionKeys.add(section.key);
    needText(["sections", s, "title"], section.title);
    needNumber(["sections", s, "weight"], section.weight);
    if (section.items.length === 0)
      problem(["sections", s, "items"], "required", "Add at least one item to this section");

    section.items.forEach((item, i) => {
      const at = (...rest: PropertyKey[]) => ["sections", s, "items", i, ...rest];
      if (needKey(at(), item.key) && itemKeys.has(item.key))
        problem(at("key"), "taken", `Another item already uses the key "${item.key}"`);
      itemKeys.add(item.key);
      needText(at("prompt"), item.prompt);
      needNumber(at("weight"), item.weight);
      if (isScored(item)) scoredItems++;

      if (item.critical !== "none" && !PASS_FAIL_KINDS.includes(item.kind)) {
        problem(at("critical"), "not_allowed", "Only yes/no and number items can be critical");
      }
      if (!isScored(item) && item.evidenceOnFail !== "none") {
        problem(
          at("evidenceOnFail"),
          "not_allowed",
          "Text and photo items never fail, so they cannot require evidence on failure",
        );
      }
      switch (item.kind) {
        case "number":
          if (item.pass.min === undefined && item.pass.max === undefined) {
            problem(at("pass"), "required", "Give a minimum, a maximum or both");
          } else if (item.pass.min !== undefined && item.pass.max !== undefined && item.pass.min > item.pass.max) {
            problem(at("pass", "min"), "invalid_value", "The minimum is above the maximum");
          }
          break;
        case "scale":
          needNumber(at("min"), item.min);
          needNumber(at("max"), item.max);
          if (Number.isFinite(item.min) && Number.isFinite(item.max) && !(item.min < item.max))
            problem(at("max"), "invalid_value", "The top of the scale must be above the bottom");
          break;
        case "choice": {
          if (item.options.length < 2) problem(at("options"), "required", "Give at least two options");
          const optionKeys = new Set<string>();
          item.options.forEach((option, o) => {
            if (needKey(at("options", o), option.key) && optionKeys.has(option.key))
              problem(at("options", o, "key"), "taken", `Another option already uses the key "${option.key}"`);
            optionKeys.add(option.key);
            needText(at("options", o, "label"), option.label);
            needNumber(at("options", o, "points"), option.points);
          });
          if (
            item.options.length > 0 &&
            Math.max(...item.options.map((o) => (Number.isFinite(o.points) ? o.points : 0))) <= 0
          ) {
            problem(at("options"), "invalid_value", "At least one option must be worth more than 0 points");
          }
          break;
        }
        default:
          break;
      }
    });
  });
  if (doc.sections.length > 0 && scoredItems === 0) problem(["sections"], "required", "Add at least one scored item");
  return problems;
}

/** Every item of a document with its section, in order. */
export function listItems(doc: ChecklistDocument): Array<{ section: ChecklistSection; item: ChecklistItem }> {
  return doc.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}
