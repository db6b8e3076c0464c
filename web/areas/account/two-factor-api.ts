/**
 * Two-step sign-in calls (docs/SIGN-IN.md): setting up, confirming, new recovery codes, turning
 * off, and the sign-in's second step. One function per endpoint; loaded with the account pages
 * and the sign-in's second step only.
 */
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

const twoFactor = api.me["two-factor"];

/** What the set-up answers: the secret (base32) and the `otpauth://` link the QR code carries. */
export type TwoFactorSecret = InferResponseType<(typeof twoFactor)["setup"]["$post"], 200>;

/** Starts setting up (needs the password): a new secret, pending until a code confirms it. */
export const startSetup = (currentPassword: string) => call(twoFactor.setup.$post({ json: { currentPassword } }));

/** Confirms the set-up with a code from the app: two-step sign-in is on; the 10 recovery codes, shown once. */
export const confirmSetup = (code: string) => call(twoFactor.confirm.$post({ json: { code } }));

/** A new set of recovery codes (the old ones stop working). */
export const renewRecoveryCodes = (code: string) => call(twoFactor["recovery-codes"].$post({ json: { code } }));

/** Turns two-step sign-in off (409 `two_factor_required` when an organisation requires it for the role). */
export const turnOff = (currentPassword: string, code: string) =>
  call(twoFactor.$delete({ json: { currentPassword, code } }));

/** The sign-in's second step: a code from the app, or one recovery code. */
export const verifySignIn = (answer: { code: string } | { recoveryCode: string }) =>
  call(api.auth["two-factor"].$post({ json: answer }));

/** A code as typed: digits only, at most 6 (spaces and dashes from a copy dropped). */
export const digitsOf = (value: string) => value.replace(/\D/g, "").slice(0, 6);

/** The secret in groups of 4, for typing by hand. */
export const groupsOf = (secret: string) =>
  secret
    .replace(/\s/g, "")
    .match(/.{1,4}/g)
    ?.join(" ") ?? secret;
