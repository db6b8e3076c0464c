import { z } from "zod";
import { KEY_PATTERN } from "../domain/checklist-rules";
import { PHRASE_LOCALES, preparePattern } from "../domain/phrases";
import { allowedCharacters, id, text, version } from "./common";

/** A pattern (domain/phrases.ts: plain text, `^` in front for an opener, `!` at the end for a whole utterance). */
const pattern = text(200);
const itemKey = z.string().trim().min(1).max(64).regex(KEY_PATTERN, "Use letters, digits, - and _ only").nullable();
const better = text(500);

/** A pattern must leave something to look for once its marks and punctuation are gone. */
export function emptyPattern(pattern: string, locale: "en" | "zh"): boolean {
  return preparePattern(pattern, locale).needle.length === 0;
}

function refinePattern(body: { locale: "en" | "zh"; pattern: string }, ctx: z.RefinementCtx) {
  if (emptyPattern(body.pattern, body.locale)) {
    ctx.addIssue({
      code: "custom",
      path: ["pattern"],
      message: "The pattern needs words, not only punctuation",
      params: { code: "empty_pattern" },
    });
  }
}

export const createPhraseBody = z
  .strictObject({ locale: z.enum(PHRASE_LOCALES), pattern, itemKey: itemKey.optional(), better })
  .superRefine(refinePattern);

/** A change names the `version` it was based on; the language of a phrase stays (add another instead). */
export const updatePhraseBody = z.strictObject({
  version,
  pattern: pattern.optional(),
  itemKey: itemKey.optional(),
  better: better.optional(),
  active: z.boolean().optional(),
});

/**
 * Up to 50,000 characters of transcript, in English, Chinese or both (`auto`). Not trimmed:
 * the matches' offsets point into the text as sent.
 */
export const checkTranscriptBody = z.strictObject({
  text: z
    .string()
    .max(50_000)
    .refine((value) => value.trim().length > 0, { message: "Paste a transcript", params: { code: "too_small" } })
    .refine(...allowedCharacters("multiline")),
  locale: z.enum([...PHRASE_LOCALES, "auto"]).default("auto"),
  checklistVersionId: id.optional(),
});
