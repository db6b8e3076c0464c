import { z } from "zod";
import { KEY_PATTERN } from "../domain/checklist-rules";
import { CRITICAL_LEVELS, EVIDENCE_ON_FAIL, NUMBER_UNITS } from "../domain/checklists";
import { MAX_VISIT_MINUTES } from "../domain/visit-times";
import { answerValue } from "./audits";
import { channel, id, multilineText, optionalMultilineText, optionalText, text } from "./common";

/** Item, section and option keys: stable identifiers, written by people, kept readable. */
const key = z.string().trim().min(1).max(64).regex(KEY_PATTERN, "Use letters, digits, - and _ only");

/**
 * The two shapes of a checklist document. `complete` is what an import or a new checklist must
 * be. `draft` is work in progress: every text may still be empty (a key too, or written wrongly),
 * a number the user cleared is `null`, a choice may have no options yet; wrong types, unknown
 * fields, control characters and over-long values are still refused. Whatever a draft lacks,
 * `checkChecklist` lists, and publishing refuses.
 */
type Mode = "complete" | "draft";

function documentSchema(mode: Mode) {
  const draft = mode === "draft";
  const line = (max: number) => (draft ? optionalText(max) : text(max));
  const lines = (max: number) => (draft ? optionalMultilineText(max) : multilineText(max));
  /**
   * A number field; in a draft, `null` while the user has not filled it in. Typed as the number
   * it will be: the rules of `checkChecklist` treat a non-finite number as missing.
   */
  const number = <T extends z.ZodNumber>(schema: T): T => (draft ? schema.nullable() : schema) as T;

  /** Names, titles and labels: one line in each language. */
  const localized = (max: number) => z.strictObject({ en: line(max), zh: line(max) });
  /** Prompts: may span lines (the editor's field is a text area). */
  const localizedMultiline = (max: number) => z.strictObject({ en: lines(max), zh: lines(max) });
  const optionalLocalizedMultiline = (max: number) =>
    z.strictObject({ en: optionalMultilineText(max), zh: optionalMultilineText(max) }).default({ en: "", zh: "" });
  const itemKey = draft ? optionalText(64) : key;

  const weight = number(z.number().min(0).max(1000)).default(1);

  const itemBase = {
    key: itemKey,
    prompt: localizedMultiline(300),
    guidance: optionalLocalizedMultiline(1000),
    weight,
    critical: z.enum(CRITICAL_LEVELS).default("none"),
    naAllowed: z.boolean().default(false),
    evidenceOnFail: z.enum(EVIDENCE_ON_FAIL).default("none"),
  };

  /** Rings, seconds, minutes and counts are never negative: neither are answers nor the pass bounds. */
  const bound = z.number().min(0).max(1_000_000);
  const scaleEnd = number(z.number().int().min(-100).max(100));

  const item = z.discriminatedUnion("kind", [
    z.strictObject({ ...itemBase, kind: z.literal("yes_no") }),
    z.strictObject({
      ...itemBase,
      kind: z.literal("number"),
      unit: z.enum(NUMBER_UNITS),
      pass: z.strictObject({ min: bound.optional(), max: bound.optional() }),
    }),
    z.strictObject({ ...itemBase, kind: z.literal("scale"), min: scaleEnd, max: scaleEnd }),
    z.strictObject({
      ...itemBase,
      kind: z.literal("choice"),
      options: z
        .array(z.strictObject({ key: itemKey, label: localized(200), points: number(z.number().min(0).max(1000)) }))
        .min(draft ? 0 : 1)
        .max(20),
    }),
    z.strictObject({ ...itemBase, kind: z.literal("text") }),
    z.strictObject({ ...itemBase, kind: z.literal("photo") }),
  ]);

  const section = z.strictObject({
    key: itemKey,
    title: localized(200),
    weight,
    items: z.array(item).max(200),
  });

  return z.strictObject({
    name: localized(120),
    channel,
    sections: z.array(section).max(50),
    /** At most the longest visit a report may describe. */
    minimumVisitMinutes: z.number().int().min(1).max(MAX_VISIT_MINUTES).optional(),
  });
}

/**
 * The shape of a complete checklist document (import, export, a new checklist). The rules that
 * span fields (unique keys, critical only on pass/fail items, ranges) are `checkChecklist`.
 */
export const checklistDocument = documentSchema("complete");

/**
 * A draft save: the revision it was edited from (the last one the editor loaded or saved) and
 * the document in whatever state it is.
 */
export const saveDraftBody = z.strictObject({
  revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  document: documentSchema("draft"),
});

export const updateChecklistBody = z.strictObject({ status: z.enum(["active", "archived"]) });

export const startDraftBody = z.strictObject({ fromVersionId: id.optional() }).default({});

export const scoreBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(64),
        value: answerValue.optional(),
        na: z.boolean().optional(),
      }),
    )
    .max(2000),
});
