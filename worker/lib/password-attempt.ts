import type { Context } from "hono";
import { recordAccountLocked } from "../data/account-lock";
import { clearLoginAttempts, reserveLoginAttempt } from "../data/login-attempts";
import { LOGIN_MAX_FAILURES } from "../domain/memberships";
import type { AppEnv } from "./app-env";
import { clientAddress } from "./client-address";
import { verifyPassword } from "./crypto";
import { ApiError } from "./errors";

/**
 * Checks a password for the account `email` under the sign-in limit. The attempt is counted
 * first (a locked account or client gets 429 `too_many_attempts` with `Retry-After`), and a right
 * password clears the account's failures. Signing in, accepting an invitation with an existing
 * account and changing one's password all go through here, so none of them is a password oracle.
 * An email with no account (`passwordHash` null) costs the same and fails like a wrong password.
 * @example if (!(await attemptPassword(c, email, password, user?.passwordHash ?? null))) throw new ApiError("invalid_credentials");
 */
export async function attemptPassword(
  c: Context<AppEnv>,
  email: string,
  password: string,
  passwordHash: string | null,
): Promise<boolean> {
  const reservation = await reserveLoginAttempt(c.var.db, email, clientAddress(c.req), Date.now());
  if (!reservation.ok) {
    const detail =
      reservation.reason === "client"
        ? "Too many failed sign-in attempts from this network. Try again later."
        : "Too many failed attempts for this account. Try again later.";
    throw new ApiError("too_many_attempts", detail, {
      headers: { "Retry-After": String(reservation.retryAfterSeconds) },
    });
  }
  if (!(await verifyPassword(password, passwordHash))) {
    // This failure is the one that locks the account: the trail of each organisation it works in says so.
    if (reservation.accountFailures === LOGIN_MAX_FAILURES) await recordAccountLocked(c.var.db, email, Date.now());
    return false;
  }
  await clearLoginAttempts(c.var.db, email);
  return true;
}
