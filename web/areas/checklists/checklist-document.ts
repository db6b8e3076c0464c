/**
 * Helpers for checklist documents in the builder: new sections and items, unique keys, the
 * limits the API holds even a draft to (shown at their fields as the user types), stable
 * comparison, paths and export. The publishing rules themselves are the
 * shared `checkChecklist` (worker/domain/checklists.ts): never re-implemented here.
 */
import {
  type ChecklistDocument,
  type ChecklistItem,
  type ChecklistSection,
  CRITICAL_LEVELS,
  EVIDENCE_ON_FAIL,
  ITEM_KINDS,
  type ItemKind,
  NUMBER_UNITS,
  SCORED_KINDS,
} from "../../../worker/domain/checklists";
import { formatPath } from "../../../worker/domain/paths";
import type { FieldProblem } from "../../lib/api";
import type { Channel } from "../../lib/types";

export type { ChecklistDocument, ChecklistItem, ChecklistSection, ItemKind };

/** Limits of worker/validation/checklists.ts (the API refuses a draft outside them). */
export const LIMITS = {
  name: 120,
  title: 200,
  prompt: 300,
  guidance: 1000,
  label: 200,
  key: 64,
  weight: 1000,
  bound: 1_000_000,
  scale: 100,
  points: 1000,
  options: 20,
  sections: 50,
  items: 200,
} as const;

/** Every key in the document (sections and items share no namespace, but a fresh key avoids both). */
function usedKeys(doc: ChecklistDocument): Set<string> {
  const keys = new Set<string>();
  for (const section of doc.sections) {
    keys.add(section.key);
    for (const item of section.items) keys.add(item.key);
  }
  return keys;
}

/** `item_7`: the first `prefix_n` no section or item uses yet. */
export function freshKey(doc: ChecklistDocument, prefix: string): string {
  const keys = usedKeys(doc);
  let n = 1;
  for (const section of doc.sections) n += prefix === "section" ? 1 : section.items.length;
  while (keys.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

const blank = () => ({ en: "", zh: "" });

/** A new item of a kind, with the defaults of the default templates (weight 1, comment on failure). */
export function newItem(kind: ItemKind, key: string): ChecklistItem {
  const scored = SCORED_KINDS.includes(kind);
  const base = {
    key,
    prompt: blank(),
    guidance: blank(),
    weight: scored ? 1 : 0,
    critical: "none" as const,
    naAllowed: false,
    evidenceOnFail: scored ? ("comment" as const) : ("none" as const),
  };
  switch (kind) {
    case "number":
      return { ...base, kind, unit: "count", pass: {} };
    case "scale":
      return { ...base, kind, min: 1, max: 5 };
    case "choice":
      return {
        ...base,
        kind,
        options: [
          { key: "option_1", label: blank(), points: 1 },
          { key: "option_2", label: blank(), points: 0 },
        ],
      };
    default:
      return { ...base, kind };
  }
}

/**
 * The same item as another kind: prompt, guidance, key, weight and flags stay; the kind's own
 * fields start from defaults. Critical and evidence are kept as they were: if the new kind
 * does not allow them, the rules say so where the user can see it.
 */
export function changeKind(item: ChecklistItem, kind: ItemKind): ChecklistItem {
  const fresh = newItem(kind, item.key);
  const { key, prompt, guidance, weight, critical, naAllowed, evidenceOnFail } = item;
  return { ...fresh, key, prompt, guidance, weight, critical, naAllowed, evidenceOnFail } as ChecklistItem;
}

export function newSection(key: string): ChecklistSection {
  return { key, title: blank(), weight: 1, items: [] };
}

/** A minimal valid checklist: one section with one yes/no question. */
export function starterDocument(name: { en: string; zh: string }, channel: Channel): ChecklistDocument {
  const item = newItem("yes_no", "greets");
  item.prompt = { en: "Did the staff member greet you?", zh: "工作人员是否向您问候？" };
  item.guidance = {
    en: "Pass if they said hello or welcomed you before anything else.",
    zh: "对方先向您问好或表示欢迎，即为通过。",
  };
  return {
    name,
    channel,
    sections: [{ key: "welcome", title: { en: "Welcome", zh: "迎接" }, weight: 1, items: [item] }],
  };
}

// ---------------------------------------------------------------------------------------------
// Shape: what the API refuses to store even in a draft (over-long text, numbers out of range),
// as field problems with the API's codes. Empty fields, keys and numbers are not shape problems:
// a draft may hold them, and `checkChecklist` lists them as things to do before publishing.

type Problem = FieldProblem;

function checkText(problems: Problem[], path: PropertyKey[], value: unknown, max: number): void {
  if (typeof value === "string" && value.trim().length > max)
    problems.push({ path: formatPath(path), code: "too_big", message: "Too long", limit: max });
}

function checkLocalized(problems: Problem[], path: PropertyKey[], value: unknown, max: number) {
  const pair = (value ?? {}) as Record<string, unknown>;
  checkText(problems, [...path, "en"], pair.en, max);
  checkText(problems, [...path, "zh"], pair.zh, max);
}

function checkKey(problems: Problem[], path: PropertyKey[], value: unknown): void {
  checkText(problems, path, value, LIMITS.key);
}

function checkNumber(
  problems: Problem[],
  path: PropertyKey[],
  value: unknown,
  range: { min: number; max: number; integer?: boolean },
): void {
  // Not filled in yet: a publishing problem (`checkChecklist`), not one of shape.
  if (typeof value !== "number" || !Number.isFinite(value)) return;
  const at = formatPath(path);
  if (range.integer && !Number.isInteger(value)) {
    problems.push({ path: at, code: "invalid_type", message: "Enter a whole number" });
  } else if (value < range.min) {
    problems.push({ path: at, code: "too_small", message: "Too small", limit: range.min });
  } else if (value > range.max) {
    problems.push({ path: at, code: "too_big", message: "Too big", limit: range.max });
  }
}

/**
 * What the API would refuse to store even in a draft (over-long text, number ranges), with the
 * API's codes and paths. Only shapes the builder can produce are checked; anything else the
 * API reports when it refuses a save.
 */
export function checkShape(doc: ChecklistDocument): FieldProblem[] {
  const problems: Problem[] = [];
  checkLocalized(problems, ["name"], doc.name, LIMITS.name);
  doc.sections.forEach((section, s) => {
    const sp = ["sections", s];
    checkKey(problems, [...sp, "key"], section.key);
    checkLocalized(problems, [...sp, "title"], section.title, LIMITS.title);
    checkNumber(problems, [...sp, "weight"], section.weight, { min: 0, max: LIMITS.weight });
    section.items.forEach((item, i) => {
      const ip = [...sp, "items", i];
      checkKey(problems, [...ip, "key"], item.key);
      checkLocalized(problems, [...ip, "prompt"], item.prompt, LIMITS.prompt);
      checkLocalized(problems, [...ip, "guidance"], item.guidance, LIMITS.guidance);
      checkNumber(problems, [...ip, "weight"], item.weight, { min: 0, max: LIMITS.weight });
      if (!(ITEM_KINDS as readonly string[]).includes(item.kind))
        problems.push({ path: formatPath([...ip, "kind"]), code: "invalid_value", message: "Unknown kind" });
      if (!(CRITICAL_LEVELS as readonly string[]).includes(item.critical))
        problems.push({ path: formatPath([...ip, "critical"]), code: "invalid_value", message: "Invalid" });
      if (!(EVIDENCE_ON_FAIL as readonly string[]).includes(item.evidenceOnFail))
        problems.push({ path: formatPath([...ip, "evidenceOnFail"]), code: "invalid_value", message: "Invalid" });
      switch (item.kind) {
        case "number":
          if (!(NUMBER_UNITS as readonly string[]).includes(item.unit))
            problems.push({ path: formatPath([...ip, "unit"]), code: "invalid_value", message: "Invalid" });
          for (const end of ["min", "max"] as const) {
            if (item.pass[end] !== undefined)
              checkNumber(problems, [...ip, "pass", end], item.pass[end], { min: 0, max: LIMITS.bound });
          }
          break;
        case "scale":
          checkNumber(problems, [...ip, "min"], item.min, { min: -LIMITS.scale, max: LIMITS.scale, integer: true });
          checkNumber(problems, [...ip, "max"], item.max, { min: -LIMITS.scale, max: LIMITS.scale, integer: true });
          break;
        case "choice":
          if (item.options.length > LIMITS.options)
            problems.push({
              path: formatPath([...ip, "options"]),
              code: "too_big",
              message: "Too many",
              limit: LIMITS.options,
            });
          item.options.forEach((option, o) => {
            const op = [...ip, "options", o];
            checkKey(problems, [...op, "key"], option.key);
            checkLocalized(problems, [...op, "label"], option.label, LIMITS.label);
            checkNumber(problems, [...op, "points"], option.points, { min: 0, max: LIMITS.points });
          });
          break;
        default:
          break;
      }
    });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Comparing documents.

function normalizeValue(value: unknown): unknown {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalizeValue(v);
    }
    return out;
  }
  return value;
}

/**
 * A document as the API stores it (text trimmed), serialized with sorted keys: two documents
 * that would be stored the same compare equal whatever order their fields were written in.
 */
export function documentFingerprint(doc: unknown): string {
  return JSON.stringify(normalizeValue(doc));
}

/** A deep copy without store proxies. */
export function cloneDocument(doc: ChecklistDocument): ChecklistDocument {
  return JSON.parse(JSON.stringify(doc));
}

/**
 * A parsed JSON file as a checklist document, or undefined when it is not shaped like one (a
 * name and a list of sections). The one place where data from outside the typed API client
 * becomes a `ChecklistDocument` (the API's own answers are typed by the client); the API checks
 * every field when it is sent.
 */
export function importedDocument(value: unknown): ChecklistDocument | undefined {
  const doc = value as Partial<ChecklistDocument> | null;
  return doc && typeof doc === "object" && doc.name && Array.isArray(doc.sections)
    ? (doc as ChecklistDocument)
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Paths.

/** `sections[1].items[0].critical` → ["sections", 1, "items", 0, "critical"]. */
export function parsePath(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

/** The DOM id of the control for a document path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
}

/** Where a path points: its section and item indexes, and the field inside the item. */
export function locate(path: string): { section?: number; item?: number; option?: number; field: string[] } {
  const parts = parsePath(path);
  const out: { section?: number; item?: number; option?: number; field: string[] } = { field: [] };
  let i = 0;
  if (parts[0] === "sections" && typeof parts[1] === "number") {
    out.section = parts[1];
    i = 2;
    if (parts[2] === "items" && typeof parts[3] === "number") {
      out.item = parts[3];
      i = 4;
      if (parts[4] === "options" && typeof parts[5] === "number") {
        out.option = parts[5];
        i = 6;
      }
    }
  }
  out.field = parts.slice(i).map(String);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export.

/** `store-visit-v3.json`: the name in ASCII, or "checklist" when the name has none. */
export function exportFileName(name: string, versionNumber: number): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "checklist"}-v${versionNumber}.json`;
}

/** The document exactly as the API reads it for import: `{name, channel, sections}`, pretty-printed. */
export function exportJson(doc: ChecklistDocument): string {
  const { name, channel, sections } = doc;
  return `${JSON.stringify({ name, channel, sections }, null, 2)}\n`;
}

/** Saves text as a file through a temporary link (no inline script, CSP-safe). */
export function downloadText(text: string, fileName: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
