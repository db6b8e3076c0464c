import { createMiddleware } from "hono/factory";
import { findSessionActor, needsTouch, touchSession } from "../data/sessions";
import { pendingMayCall } from "../domain/two-factor";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";
import { clearSessionCookie, readSessionCookie } from "../lib/session-cookie";

/**
 * Resolves the session cookie to an actor (user, organisation, role, scope) for every API
 * request. Unknown or dead sessions leave `actor` null and clear the cookie; handlers that
 * need a user call `requireActor`.
 *
 * A session that still owes a second factor (`actor.pending`) may make only the few requests
 * `pendingMayCall` lists; every other route, known or not, answers 403 `two_factor_pending`
 * here, before any handler runs, so no route can forget it.
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
        if (found.actor.pending && !pendingMayCall(found.actor.pending, c.req.method, c.req.path)) {
          throw new ApiError("two_factor_pending");
        }
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
