import { z } from "zod";
import { CRITICAL_LEVELS, EVIDENCE_ON_FAIL, NUMBER_UNITS } from "../domain/checklists";
import { MAX_VISIT_MINUTES } from "../domain/visit-times";
import { answerValue } from "./audits";
import { channel, id, multilineText, optionalMultilineText, text } from "./common";

/** Item, section and option keys: stable identifiers, written by people, kept readable. */
const key = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "Use letters, digits, - and _ only");

/** Names, titles and labels: one line in each language. */
const localized = (max: number) => z.strictObject({ en: text(max), zh: text(max) });
/** Prompts: may span lines (the editor's field is a text area). */
const localizedMultiline = (max: number) => z.strictObject({ en: multilineText(max), zh: multilineText(max) });
const optionalLocalizedMultiline = (max: number) =>
  z.strictObject({ en: optionalMultilineText(max), zh: optionalMultilineText(max) }).default({ en: "", zh: "" });

const weight = z.number().min(0).max(1000).default(1);

const itemBase = {
  key,
  prompt: localizedMultiline(300),
  guidance: optionalLocalizedMultiline(1000),
  weight,
  critical: z.enum(CRITICAL_LEVELS).default("none"),
  naAllowed: z.boolean().default(false),
  evidenceOnFail: z.enum(EVIDENCE_ON_FAIL).default("none"),
};

/** Rings, seconds, minutes and counts are never negative: neither are answers nor the pass bounds. */
const bound = z.number().min(0).max(1_000_000);

const item = z.discriminatedUnion("kind", [
  z.strictObject({ ...itemBase, kind: z.literal("yes_no") }),
  z.strictObject({
    ...itemBase,
    kind: z.literal("number"),
    unit: z.enum(NUMBER_UNITS),
    pass: z.strictObject({ min: bound.optional(), max: bound.optional() }),
  }),
  z.strictObject({
    ...itemBase,
    kind: z.literal("scale"),
    min: z.number().int().min(-100).max(100),
    max: z.number().int().min(-100).max(100),
  }),
  z.strictObject({
    ...itemBase,
    kind: z.literal("choice"),
    options: z
      .array(z.strictObject({ key, label: localized(200), points: z.number().min(0).max(1000) }))
      .min(1)
      .max(20),
  }),
  z.strictObject({ ...itemBase, kind: z.literal("text") }),
  z.strictObject({ ...itemBase, kind: z.literal("photo") }),
]);

const section = z.strictObject({
  key,
  title: localized(200),
  weight,
  items: z.array(item).max(200),
});

/**
 * The shape of a checklist document (import, export, drafts). The rules that span fields
 * (unique keys, critical only on pass/fail items, ranges) are `checkChecklist` in the domain.
 */
export const checklistDocument = z.strictObject({
  name: localized(120),
  channel,
  sections: z.array(section).max(50),
  /** At most the longest visit a report may describe. */
  minimumVisitMinutes: z.number().int().min(1).max(MAX_VISIT_MINUTES).optional(),
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
