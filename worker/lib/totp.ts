/**
 * TOTP (RFC 6238) through `otpauth`, which computes HMAC in plain JavaScript (`@noble/hashes`),
 * so the same code runs in workerd, Node and the tests. One constructor (`totpOf`) serves
 * generating, verifying and the enrolment URI, so the RFC's own test vectors (SHA-1, 8 digits)
 * go through the code path sign-in uses. Recovery codes are drawn here too (random bytes).
 */
import { Secret, TOTP } from "otpauth";
import {
  RECOVERY_CODE_COUNT,
  recoveryCodeFromBytes,
  TOTP_DIGITS,
  TOTP_DRIFT_STEPS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
} from "../domain/two-factor";

/** 160 bits, the HMAC-SHA-1 key size RFC 4226 §4 recommends. */
const SECRET_BYTES = 20;

function totpOf(secretBase32: string, digits: number, label = "") {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1",
    digits,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret, base32 (what authenticator apps take when typed in). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/Courtesy:<email>?secret=…&issuer=Courtesy…` URI a QR code carries. */
export function totpUri(secretBase32: string, email: string): string {
  return totpOf(secretBase32, TOTP_DIGITS, email).toString();
}

/** The time step (RFC 6238 T) at `now` (milliseconds). */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for `now` (tests and the RFC vectors; sign-in only verifies). */
export function totpCode(secretBase32: string, now: number, digits = TOTP_DIGITS): string {
  return totpOf(secretBase32, digits).generate({ timestamp: now });
}

/**
 * The time step whose code `code` is, within ±`TOTP_DRIFT_STEPS` of now, or null. The caller
 * accepts it only if the step is later than the last one accepted (a code works once).
 * @example verifyTotp(secret, totpCode(secret, now), now) // totpStep(now)
 */
export function verifyTotp(secretBase32: string, code: string, now: number, digits = TOTP_DIGITS): number | null {
  if (code.length !== digits || !/^\d+$/.test(code)) return null;
  const delta = totpOf(secretBase32, digits).validate({ token: code, timestamp: now, window: TOTP_DRIFT_STEPS });
  return delta === null ? null : totpStep(now) + delta;
}

/** A fresh set of recovery codes, as shown once to the person (`7k3m-q9xa`). */
export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const code = recoveryCodeFromBytes(crypto.getRandomValues(new Uint8Array(16)));
    if (code) codes.add(code);
  }
  return [...codes];
}
