/**
 * Two-factor sign-in, the rules (docs/SIGN-IN.md): who owes a second factor, what a session that
 * still owes one may call, and the shape of recovery codes. The TOTP arithmetic itself is in
 * `lib/totp.ts` (RFC 6238 through `otpauth`).
 */
import type { Role, SessionPending } from "../../schema/enums";

/** RFC 6238 as every authenticator app reads it by default: SHA-1, 6 digits, 30-second steps. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps of clock drift accepted either side of now (RFC 6238 §5.2 recommends one). */
export const TOTP_DRIFT_STEPS = 1;
/** The issuer an authenticator app shows next to the account. */
export const TOTP_ISSUER = "Courtesy";

/** How long a password-only session may wait for its code before it is dead. */
export const PENDING_SESSION_MS = 10 * 60 * 1000;

/** Roles an organisation's `requireTwoFactor` setting covers: those who see everything. */
export const TWO_FACTOR_ROLES: readonly Role[] = ["admin", "analyst"];

export const RECOVERY_CODE_COUNT = 10;
/** Lower-case letters and digits without 0/o, 1/l/i: nothing to misread from paper. */
export const RECOVERY_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
/** Two groups of four: `7k3m-q9xa` (31^8 ≈ 8.5·10^11 codes). */
export const RECOVERY_CODE_GROUP = 4;

/**
 * Whether an organisation's setting obliges someone in `role` to have a second factor.
 * @example twoFactorRequired(true, "analyst") // true
 * @example twoFactorRequired(true, "shopper") // false
 */
export function twoFactorRequired(requireTwoFactor: boolean, role: Role): boolean {
  return requireTwoFactor && TWO_FACTOR_ROLES.includes(role);
}

/**
 * What a session still owes. `stored` is the session row's `pending` (only `two_factor` is ever
 * stored: the password was right, the code is not yet given); "enroll" is derived on every
 * request from the organisation's setting, the role and whether the person has a second factor,
 * so turning the setting on, changing role or switching organisation takes effect at once and
 * enrolling ends it everywhere.
 * @example sessionPending({ stored: null, requireTwoFactor: true, role: "admin", twoFactorEnabled: false }) // "enroll_two_factor"
 */
export function sessionPending(input: {
  stored: SessionPending | null;
  requireTwoFactor: boolean;
  role: Role;
  twoFactorEnabled: boolean;
}): SessionPending | null {
  if (input.stored === "two_factor") return "two_factor";
  if (!input.twoFactorEnabled && twoFactorRequired(input.requireTwoFactor, input.role)) return "enroll_two_factor";
  return null;
}

/** Requests a session that owes a code may make: read who it is, give the code, leave. */
const WHILE_TWO_FACTOR: readonly string[] = [
  "GET /api/v1/health",
  "GET /api/v1/me",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "POST /api/v1/auth/two-factor",
];

/** A session that must enrol may also set up and confirm, or switch to an organisation that does not require it. */
const WHILE_ENROLLING: readonly string[] = [
  ...WHILE_TWO_FACTOR.filter((r) => r !== "POST /api/v1/auth/two-factor"),
  "POST /api/v1/me/two-factor/setup",
  "POST /api/v1/me/two-factor/confirm",
  "PUT /api/v1/me/organization",
];

const ANONYMOUS_PREFIX = "/api/v1/invitations/";

/**
 * Whether a pending session may make this request; everything else answers 403
 * `two_factor_pending` (enforced once, in the session middleware, for every route).
 * @example pendingMayCall("two_factor", "GET", "/api/v1/me") // true
 * @example pendingMayCall("two_factor", "GET", "/api/v1/branches") // false
 */
export function pendingMayCall(pending: SessionPending, method: string, path: string): boolean {
  // Invitation links answer anyone alike and never read the session (accepting one starts a new one).
  if (path.startsWith(ANONYMOUS_PREFIX)) return true;
  const allowed = pending === "two_factor" ? WHILE_TWO_FACTOR : WHILE_ENROLLING;
  return allowed.includes(`${method.toUpperCase()} ${path}`);
}

/**
 * A recovery code as typed, reduced to what is hashed: lower case, no spaces or hyphens; null
 * when it cannot be one of ours (wrong length or a letter outside the alphabet).
 * @example normalizeRecoveryCode(" 7K3M-Q9XA ") // "7k3mq9xa"
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== RECOVERY_CODE_GROUP * 2) return null;
  for (const ch of compact) if (!RECOVERY_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/**
 * Formats random bytes as a recovery code, one byte per character by rejection (bytes at or
 * above the largest multiple of the alphabet's length are skipped, so every character is
 * equally likely); null when the bytes ran out first (draw more).
 * @example recoveryCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7])) // "2345-6789"
 */
export function recoveryCodeFromBytes(bytes: Uint8Array): string | null {
  const n = RECOVERY_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = "";
  for (const b of bytes) {
    if (b >= limit) continue;
    code += RECOVERY_CODE_ALPHABET[b % n];
    if (code.length === RECOVERY_CODE_GROUP * 2) {
      return `${code.slice(0, RECOVERY_CODE_GROUP)}-${code.slice(RECOVERY_CODE_GROUP)}`;
    }
  }
  return null;
}
