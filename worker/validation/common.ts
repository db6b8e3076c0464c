import { z } from "zod";
import { CHANNELS, LOCALES, ROLES } from "../../schema/enums";
import { hasAllowedCharacters, type TextKind } from "../domain/text";

/**
 * The check every free-text field gets, as `.refine(...allowedCharacters(kind))`: a line may
 * not hold line breaks, tabs or control characters, multi-line text no control characters but
 * tab, LF and CR. Failures carry the field code `invalid_characters`.
 */
export function allowedCharacters(kind: TextKind) {
  return [
    (value: string) => hasAllowedCharacters(value, kind),
    {
      message:
        kind === "line"
          ? "Line breaks, tabs and control characters are not allowed here"
          : "Control characters are not allowed",
      params: { code: "invalid_characters" },
    },
  ] as const;
}

/** A trimmed, required line of text with a length cap. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(...allowedCharacters("line"));

/** An optional line of text (may be empty), trimmed and capped. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(...allowedCharacters("line"));

/** Required text that may span lines (checklist prompts), trimmed and capped. */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(...allowedCharacters("multiline"));

/** Optional text that may span lines (comments, scenarios, guidance), trimmed and capped. */
export const optionalMultilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(...allowedCharacters("multiline"));

export const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "Use letters, digits, - and _ only");

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const locale = z.enum(LOCALES);
export const role = z.enum(ROLES);
export const channel = z.enum(CHANNELS);
export const id = z.string().min(1).max(64);
/** `:id` of a row in a path (`validateRowParam`: an id that cannot name a row is 404 like one that names none). */
export const idParam = z.object({ id });

/**
 * A keyset page's cursor, `<instant, ms>.<id>` of the last row of the previous page as its
 * `nextCursor` gives it, read as `{ [key]: instant, id }`. `refuseControls`: an id with control
 * characters is refused too (else only dots and white space are).
 *
 * @example instantCursor("createdAt").parse("1767225600000.n1") // { createdAt: 1767225600000, id: "n1" }
 */
export function instantCursor<K extends string>(key: K, options: { refuseControls?: boolean } = {}) {
  const pattern = options.refuseControls ? /^\d{1,15}\.[^.\s\p{Cc}]{1,64}$/u : /^\d{1,15}\.[^.\s]{1,64}$/;
  return z
    .string()
    .max(100)
    .regex(pattern, "Use the nextCursor of the previous page")
    .transform((cursor) => {
      const dot = cursor.indexOf(".");
      return { [key]: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) } as Record<K, number> & { id: string };
    });
}

/** "true" / "false" in a query string. */
export const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timezone = z.string().trim().min(1).max(64).refine(isTimeZone, "Unknown IANA time zone");

export const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()-]*$/, "Use digits, spaces, +, ( ) and - only");

/**
 * The most regions or branches one member's scope lists (a product limit: queries bind any scope
 * list as one parameter with `inJsonList`, so D1's 100-parameter limit no longer sets it).
 */
export const MAX_SCOPE_ITEMS = 40;
export const idList = z.array(id).max(MAX_SCOPE_ITEMS);

/** The `version` of a row an edit was based on (regions, branches, memberships). */
export const version = z.number().int().min(1).max(2_147_483_647);
