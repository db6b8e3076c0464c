/**
 * Which characters free text may hold. People type names, comments and checklist texts;
 * none of them needs a control character, and control characters do harm downstream: a NUL
 * hides what follows from some readers and lets `\0=1+1` slip past a spreadsheet's formula
 * check; C1 controls and unpaired UTF-16 halves garble exports and logs.
 */

/** A line of text (names, titles, labels, addresses) or text with line breaks (comments, prompts). */
export type TextKind = "line" | "multiline";

/**
 * Control characters (Unicode `Cc`: C0, DEL and C1) except tab, LF and CR, or either half of a
 * surrogate pair standing alone (not text, and replaced by U+FFFD on the way to UTF-8).
 */
const CONTROL_OR_LONE_SURROGATE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ALL_CONTROL_OR_LONE_SURROGATE = new RegExp(CONTROL_OR_LONE_SURROGATE.source, "g");
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/**
 * Whether `text` holds only characters that text of its kind may: never control characters
 * or lone surrogates; tab, LF and CR only in multi-line text (so CRLF from Windows is fine).
 * @example
 * hasAllowedCharacters("Wangfujing 王府井", "line") // true
 * hasAllowedCharacters("Line 1\r\nLine 2\tend", "multiline") // true
 * hasAllowedCharacters("Line 1\nLine 2", "line") // false
 * hasAllowedCharacters("\u0000=1+1", "multiline") // false
 */
export function hasAllowedCharacters(text: string, kind: TextKind): boolean {
  if (CONTROL_OR_LONE_SURROGATE.test(text)) return false;
  return kind === "multiline" || !LINE_BREAK_OR_TAB.test(text);
}

/**
 * Removes what `hasAllowedCharacters` refuses in any text, keeping tab, LF and CR: for text
 * stored before the rule, on its way out (exports).
 * @example
 * stripControlCharacters("\u0000=1+1") // "=1+1"
 * stripControlCharacters("a\r\nb\tc") // "a\r\nb\tc"
 */
export function stripControlCharacters(text: string): string {
  return text.replace(ALL_CONTROL_OR_LONE_SURROGATE, "");
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible,
 * they reorder what follows, so a name can read as another ("Jane \u202EhtimS" shows as
 * "Jane Smith"). A right-to-left name needs none of them (the marks U+200E/U+200F stay allowed).
 * @example hasBidiControls("Jane \u202EhtimS") // true
 * @example hasBidiControls("דוד לוי") // false
 */
export function hasBidiControls(text: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(text);
}
