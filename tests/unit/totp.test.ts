/**
 * TOTP (RFC 6238) through the code sign-in uses (`lib/totp.ts` over `otpauth`), run in workerd
 * like every unit test here: the RFC's Appendix B vectors, the drift window, and the pure rules
 * of two-factor sign-in (domain/two-factor.ts).
 */
import { describe, expect, it } from "vitest";
import { ROLES } from "../../schema/enums";
import {
  normalizeRecoveryCode,
  pendingMayCall,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  recoveryCodeFromBytes,
  sessionPending,
  twoFactorRequired,
} from "../../worker/domain/two-factor";
import { newRecoveryCodes, newTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from "../../worker/lib/totp";

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", here in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** Appendix B, SHA-1 column: time (seconds), T (hex), the 8-digit TOTP. */
const RFC_VECTORS: Array<[number, string, string]> = [
  [59, "0000000000000001", "94287082"],
  [1111111109, "00000000023523EC", "07081804"],
  [1111111111, "00000000023523ED", "14050471"],
  [1234567890, "000000000273EF07", "89005924"],
  [2000000000, "0000000003F940AA", "69279037"],
  [20000000000, "0000000027BC86AA", "65353130"],
];

describe("RFC 6238 Appendix B (SHA-1, 8 digits)", () => {
  it("the seed is the RFC's", () => {
    expect(new TextDecoder().decode(base32Decode(RFC_SECRET))).toBe("12345678901234567890");
  });

  it.each(RFC_VECTORS)("at %i s (T = %s) the code is %s, and verifying it answers T", (seconds, stepHex, code) => {
    const now = seconds * 1000;
    expect(totpStep(now)).toBe(Number.parseInt(stepHex, 16));
    expect(totpCode(RFC_SECRET, now, 8)).toBe(code);
    expect(verifyTotp(RFC_SECRET, code, now, 8)).toBe(Number.parseInt(stepHex, 16));
  });

  it("a vector's code is refused at the other vectors' times", () => {
    const [, , code] = RFC_VECTORS[3] ?? [0, "", ""];
    expect(verifyTotp(RFC_SECRET, code, 2000000000 * 1000, 8)).toBeNull();
  });
});

describe("the drift window (±1 step of 30 s)", () => {
  const secret = newTotpSecret();
  const now = 1_765_000_000_000;
  const step = totpStep(now);

  it("accepts the previous, current and next step's codes, answering their step", () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
  });

  it("refuses codes two steps away", () => {
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    const code = totpCode(secret, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifyTotp(secret, `${code} `, now)).toBeNull();
    expect(verifyTotp(secret, code.slice(1), now)).toBeNull();
    expect(verifyTotp(secret, "abcdef", now)).toBeNull();
  });
});

describe("secrets and the enrolment URI", () => {
  it("draws 160-bit base32 secrets and a URI authenticator apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const text = totpUri(secret, "lin@example.test");
    expect(text.startsWith("otpauth://totp/Courtesy:lin%40example.test?")).toBe(true);
    const uri = new URL(text);
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Courtesy");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("draws ten distinct codes of two groups of four from the unambiguous alphabet", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[01ilo]/);
  });

  it("maps bytes uniformly: bytes past the last whole alphabet are skipped", () => {
    expect(recoveryCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toBe("2345-6789");
    // 248 = 8 × 31 is the first byte that would favour the first letters: skipped.
    expect(recoveryCodeFromBytes(new Uint8Array([248, 255, 31, 1, 2, 3, 4, 5, 6, 7]))).toBe("2345-6789");
    expect(recoveryCodeFromBytes(new Uint8Array([0, 1, 2, 250]))).toBeNull();
  });

  it("reads codes as people type them", () => {
    expect(normalizeRecoveryCode(" 7K3M-Q9XA ")).toBe("7k3mq9xa");
    expect(normalizeRecoveryCode("7k3m q9xa")).toBe("7k3mq9xa");
    expect(normalizeRecoveryCode("7k3m-q9x")).toBeNull();
    expect(normalizeRecoveryCode("7k3m-q9x0")).toBeNull();
  });
});

describe("who owes a second factor", () => {
  it("the organisation's setting covers admins and analysts only", () => {
    expect(ROLES.filter((role) => twoFactorRequired(true, role))).toEqual(["admin", "analyst"]);
    expect(ROLES.filter((role) => twoFactorRequired(false, role))).toEqual([]);
  });

  it("a stored code owed wins; enrolment is derived from the setting, the role and the factor", () => {
    const base = { stored: null, requireTwoFactor: true, role: "admin" as const, twoFactorEnabled: false };
    expect(sessionPending(base)).toBe("enroll_two_factor");
    expect(sessionPending({ ...base, twoFactorEnabled: true })).toBeNull();
    expect(sessionPending({ ...base, role: "shopper" })).toBeNull();
    expect(sessionPending({ ...base, requireTwoFactor: false })).toBeNull();
    expect(sessionPending({ ...base, stored: "two_factor", twoFactorEnabled: true })).toBe("two_factor");
  });

  it("a pending session may call only its few routes", () => {
    expect(pendingMayCall("two_factor", "get", "/api/v1/me")).toBe(true);
    expect(pendingMayCall("two_factor", "POST", "/api/v1/auth/two-factor")).toBe(true);
    expect(pendingMayCall("two_factor", "POST", "/api/v1/me/two-factor/setup")).toBe(false);
    expect(pendingMayCall("two_factor", "PUT", "/api/v1/me/organization")).toBe(false);
    expect(pendingMayCall("enroll_two_factor", "POST", "/api/v1/me/two-factor/confirm")).toBe(true);
    expect(pendingMayCall("enroll_two_factor", "POST", "/api/v1/auth/two-factor")).toBe(false);
    expect(pendingMayCall("two_factor", "PATCH", "/api/v1/me")).toBe(false);
    expect(pendingMayCall("two_factor", "GET", "/api/v1/me/")).toBe(false);
  });
});

function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of text) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const bytes = bits.match(/.{8}/g) ?? [];
  return new Uint8Array(bytes.map((b) => Number.parseInt(b, 2)));
}
