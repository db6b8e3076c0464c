import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../domain/memberships";

/** A code as typed (from the app, or a recovery code): its shape is checked with the code itself (`invalid_code`). */
const code = z.string().trim().min(1).max(32);
const currentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/** `POST /me/two-factor/setup`: the password again, so a session left open cannot add a factor. */
export const twoFactorSetupBody = z.strictObject({ currentPassword });

/** `POST /me/two-factor/confirm`: a code from the app for the secret just offered. */
export const twoFactorConfirmBody = z.strictObject({ code });

/** `POST /me/two-factor/recovery-codes`: a code from the app (or a recovery code). */
export const recoveryCodesBody = z.strictObject({ code });

/** `DELETE /me/two-factor`: the password and a code from the app (or a recovery code). */
export const twoFactorDisableBody = z.strictObject({ currentPassword, code });

/** `POST /auth/two-factor`: the second step of signing in; exactly one of the two. */
export const twoFactorSignInBody = z.strictObject({ code: code.optional(), recoveryCode: code.optional() });
