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

/**
 * Payload keys that name or reach a person (an invitation's `email` and `label`, a label change's
 * `displayLabel`/`label`, a `displayName`): what the audit log stops showing once the person the
 * event is about deleted their account. The stored event keeps them (the chain is append-only and
 * its hashes are over the stored payload); only the answer is redacted.
 */
const PERSONAL_KEYS = new Set(["email", "label", "displayLabel", "displayName", "name"]);

/**
 * A trail payload with every personal key (at any depth) replaced by null, for an event about a
 * deleted account.
 * @example withoutPersonalDetails({ email: "a@b.c", role: "shopper" }) // { email: null, role: "shopper" }
 * @example withoutPersonalDetails({ changes: { label: { from: "A", to: "B" } } }) // { changes: { label: null } }
 */
export function withoutPersonalDetails<T>(payload: T): T {
  return redact(payload) as T;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, PERSONAL_KEYS.has(key) ? null : redact(v)]));
}
