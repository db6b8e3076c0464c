import { Hono } from "hono";
import { createSession, deleteSessionByToken } from "../data/sessions";
import { findUserByEmail, listActiveMemberships } from "../data/users";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";
import { attemptPassword } from "../lib/password-attempt";
import { clearSessionCookie, writeSessionCookie } from "../lib/session-cookie";
import { validate } from "../lib/validate";
import { loginBody } from "../validation/auth";

/** Sign-in and sign-out. */
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
