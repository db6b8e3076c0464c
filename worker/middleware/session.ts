import { createMiddleware } from "hono/factory";
import { findSessionActor, needsTouch, touchSession } from "../data/sessions";
import type { AppEnv } from "../lib/app-env";
import { clearSessionCookie, readSessionCookie } from "../lib/session-cookie";

/**
 * Resolves the session cookie to an actor (user, organisation, role, scope) for every API
 * request. Unknown or dead sessions leave `actor` null and clear the cookie; handlers that
 * need a user call `requireActor`.
 */
export function loadSession() {
  return createMiddleware<AppEnv>(async function loadSessionMiddleware(c, next) {
    const token = readSessionCookie(c);
    c.set("sessionToken", token);
    c.set("actor", null);
    if (token) {
      const now = Date.now();
      const found = await findSessionActor(c.var.db, token, now);
      if (!found) {
        clearSessionCookie(c);
      } else {
        c.set("actor", found.actor);
        if (needsTouch(found.lastSeenAt, now)) {
          const touch = touchSession(c.var.db, found.actor.sessionId, now);
          try {
            c.executionCtx.waitUntil(touch);
          } catch {
            await touch; // no execution context (unit use): just wait
          }
        }
      }
    }
    await next();
  });
}
