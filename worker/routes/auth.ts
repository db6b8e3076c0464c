import { Hono } from "hono";
import { completeSession, createSession, deleteSessionByToken } from "../data/sessions";
import { findUserByEmail, listActiveMemberships } from "../data/users";
import { sessionPending } from "../domain/two-factor";
import type { AppEnv } from "../lib/app-env";
import { requireActor, signedIn } from "../lib/authorize";
import { ApiError, fieldError } from "../lib/errors";
import { attemptPassword } from "../lib/password-attempt";
import { attemptSecondFactor, recordRecoveryCodeUsed, type SecondFactor } from "../lib/second-factor";
import { clearSessionCookie, writeSessionCookie } from "../lib/session-cookie";
import { validate } from "../lib/validate";
import { loginBody } from "../validation/auth";
import { twoFactorSignInBody } from "../validation/two-factor";

/**
 * Sign-in and sign-out. With two-factor sign-in on, a right password earns a session that still
 * owes the code (`pending: "two_factor"`); `POST /two-factor` completes it under a new token.
 * `pending: "enroll_two_factor"`: the organisation requires a second factor for the role and the
 * person has none yet (docs/SIGN-IN.md).
 */
export const authRoutes = new Hono<AppEnv>()
  .post("/login", validate("json", loginBody), async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const now = Date.now();

    const user = await findUserByEmail(db, email);
    const passwordOk = await attemptPassword(c, email, password, user?.passwordHash ?? null);
    const organizations = user && passwordOk ? await listActiveMemberships(db, user.id) : [];
    const home = organizations[0];
    if (!user || !passwordOk || !home) throw new ApiError("invalid_credentials");

    // Rotate: whatever session the browser had is dropped, a fresh token is issued.
    const previous = c.var.sessionToken;
    if (previous) await deleteSessionByToken(db, previous);
    const pending = sessionPending({
      stored: user.totpEnabledAt !== null ? "two_factor" : null,
      requireTwoFactor: home.requireTwoFactor,
      role: home.role,
      twoFactorEnabled: user.totpEnabledAt !== null,
    });
    const session = await createSession(db, {
      userId: user.id,
      organizationId: home.organizationId,
      now,
      pending: pending === "two_factor" ? pending : null,
    });
    writeSessionCookie(c, session.token);
    return c.json({ ok: true as const, locale: user.locale, pending });
  })
  .post("/two-factor", signedIn(), validate("json", twoFactorSignInBody), async (c) => {
    const actor = requireActor(c);
    if (actor.pending !== "two_factor") throw new ApiError("invalid_state", "This session is not waiting for a code.");
    const { code, recoveryCode } = c.req.valid("json");
    const given: SecondFactor | null =
      code !== undefined ? { code } : recoveryCode !== undefined ? { recoveryCode } : null;
    if (!given || (code !== undefined && recoveryCode !== undefined)) {
      throw fieldError("code", "required", "Enter the code from your app, or one recovery code");
    }
    const used = await attemptSecondFactor(c, actor.userId, given);
    // Rotate: the token a password alone earned is void; the full session gets a new one.
    const token = await completeSession(c.var.db, actor.sessionId, Date.now());
    if (!token) throw new ApiError("unauthenticated");
    writeSessionCookie(c, token);
    if (used === "recovery") await recordRecoveryCodeUsed(c, actor.userId, actor.organizationId);
    return c.json({ ok: true as const, locale: actor.locale });
  })
  .post("/logout", async (c) => {
    const token = c.var.sessionToken;
    if (token) await deleteSessionByToken(c.var.db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
