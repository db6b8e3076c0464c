/**
 * Former members (docs/PRIVACY.md, "Account deletion"): a deleted account keeps its user id as a
 * pseudonymous id, and every place that names people shows it as "Former member 3f9a1c", the
 * six hex digits being the start of the SHA-256 of the id. The name is stored as the account's
 * display name at deletion, so every presenter that joins users shows it without knowing; the
 * web recognises it (`formerMemberPseudonym`) and writes it in the reader's language
 * ("已删除的成员 3f9a1c").
 */

const PREFIX = "Former member ";
const PATTERN = /^Former member ([0-9a-f]{6})$/;

/** The pseudonym of a deleted account: the first six hex digits of the SHA-256 of its id (`sha256Hex(id)`). */
export function pseudonymOf(idSha256Hex: string): string {
  return idSha256Hex.slice(0, 6);
}

/**
 * The name a deleted account is shown by.
 * @example formerMemberName("3f9a1c") // "Former member 3f9a1c"
 */
export function formerMemberName(pseudonym: string): string {
  return `${PREFIX}${pseudonym}`;
}

/**
 * The pseudonym in a presented name, or null when the name is a person's.
 * @example formerMemberPseudonym("Former member 3f9a1c") // "3f9a1c"
 */
export function formerMemberPseudonym(name: string): string | null {
  return PATTERN.exec(name)?.[1] ?? null;
}
