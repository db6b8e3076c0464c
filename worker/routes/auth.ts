import { Hono } from "hono";
import { clearLoginAttempts, reserveLoginAttempt } from "../data/login-attempts";
import { createSession, deleteSessionByToken } from "../data/sessions";
import { findUserByEmail, listActiveMemberships } from "../data/users";
import type { AppEnv } from "../lib/app-env";
import { clientAddress } from "../lib/client-address";
import { verifyPassword } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { clearSessionCookie, writeSessionCookie } from "../lib/session-cookie";
import { validate } from "../lib/validate";
import { loginBody } from "../validation/auth";

/** Sign-in and sign-out. */
export const authRoutes = new Hono<AppEnv>()
  .post("/login", validate("json", loginBody), async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const now = Date.now();

    const reservation = await reserveLoginAttempt(db, email, clientAddress(c.req), now);
    if (!reservation.ok) {
      const detail =
        reservation.reason === "client"
          ? "Too many failed sign-in attempts from this network. Try again later."
          : "Too many failed attempts for this account. Try again later.";
      throw new ApiError("too_many_attempts", detail, {
        headers: { "Retry-After": String(reservation.retryAfterSeconds) },
      });
    }

    const user = await findUserByEmail(db, email);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
    const organizations = user && passwordOk ? await listActiveMemberships(db, user.id) : [];
    const home = organizations[0];
    if (!user || !passwordOk || !home) throw new ApiError("invalid_credentials");

    await clearLoginAttempts(db, email);
    // Rotate: whatever session the browser had is dropped, a fresh token is issued.
    const previous = c.var.sessionToken;
    if (previous) await deleteSessionByToken(db, previous);
    const session = await createSession(db, { userId: user.id, organizationId: home.organizationId, now });
    writeSessionCookie(c, session.token);
    return c.json({ ok: true as const, locale: user.locale });
  })
  .post("/logout", async (c) => {
    const token = c.var.sessionToken;
    if (token) await deleteSessionByToken(c.var.db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
