import { Hono } from "hono";
import {
  allMembershipsQuery,
  deleteAccount,
  isAccountDeleted,
  soleAdminOrganizationsQuery,
} from "../data/account-deletion";
import { recordChange } from "../data/changes";
import type { Db } from "../data/db";
import { StaleWrite } from "../data/events";
import { MY_DATA_LISTS, MY_DATA_PAGE, myMembershipsQuery, myProfileQuery, mySessionsQuery } from "../data/my-data";
import { type RateLimit, rateLimitHitStatements, rateLimitRefusal } from "../data/rate-limits";
import type { SessionActor } from "../data/sessions";
import { findUserByEmail } from "../data/users";
import { pseudonymOf } from "../domain/former-members";
import type { AppEnv } from "../lib/app-env";
import { requireActor, signedIn } from "../lib/authorize";
import { sha256Hex } from "../lib/crypto";
import { ApiError, fieldError } from "../lib/errors";
import { attemptPassword } from "../lib/password-attempt";
import { checkSecondFactor } from "../lib/second-factor";
import { clearSessionCookie } from "../lib/session-cookie";
import { validate } from "../lib/validate";
import { presentMyData } from "../presenters/my-data";
import { deleteMeBody } from "../validation/my-data";

/** At most this many exports per person per hour: each reads everything they ever did. */
export const EXPORT_LIMIT: RateLimit = { limit: 5, windowMs: 60 * 60 * 1000 };

function lastAdmin(organizationId: string | null): ApiError {
  return new ApiError(
    "last_admin",
    "You are the only admin of an organisation that has other members: make someone else admin first",
    organizationId ? { extensions: { organizationId } } : {},
  );
}

/** Counts the export against the limit and records `user.data_exported` in the same batch. */
async function countExport(db: Db, actor: SessionActor, now: number): Promise<void> {
  const key = `export:${actor.userId}`;
  try {
    await recordChange(db, {
      organizationId: actor.organizationId,
      actor: { userId: actor.userId, role: actor.role },
      at: now,
      drafts: [{ type: "user.data_exported", subject: { type: "user", id: actor.userId }, payload: {} }],
      change: [...rateLimitHitStatements(db, key, EXPORT_LIMIT, now)],
      guarded: true,
    });
  } catch (error) {
    if (!(error instanceof StaleWrite)) throw error;
    const verdict = await rateLimitRefusal(db, key, EXPORT_LIMIT, now);
    throw new ApiError("rate_limited", "You downloaded your data several times this hour; try again later", {
      headers: { "Retry-After": String(verdict.ok ? 60 : verdict.retryAfterSeconds) },
    });
  }
}

/** The person's own data (docs/PRIVACY.md): a download of everything about them, and deleting the account. */
export const myDataRoutes = new Hono<AppEnv>()
  .get("/export", async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const now = Date.now();
    const [profileRows, membershipRows, sessionRows] = await db.batch([
      myProfileQuery(db, actor.userId),
      myMembershipsQuery(db, actor.userId),
      mySessionsQuery(db, actor.userId),
    ]);
    const profile = profileRows[0];
    if (!profile) throw new ApiError("not_found");
    await countExport(db, actor, now);
    const body = presentMyData({
      now,
      profile,
      memberships: membershipRows,
      sessions: sessionRows,
      pageSize: MY_DATA_PAGE,
      lists: MY_DATA_LISTS,
      read: (list, organizationId, cursor) => list.read(db, organizationId, actor.userId, cursor),
    });
    const day = new Date(now).toISOString().slice(0, 10);
    return c.body(body, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="courtesy-my-data-${day}.json"`,
      "cache-control": "no-store",
    });
  })
  .delete("/", signedIn(), validate("json", deleteMeBody), async (c) => {
    const actor = requireActor(c);
    const { currentPassword, code } = c.req.valid("json");
    const db = c.var.db;
    const user = await findUserByEmail(db, actor.email);
    if (!user) throw new ApiError("not_found");
    if (!(await attemptPassword(c, actor.email, currentPassword, user.passwordHash))) {
      throw fieldError("currentPassword", "invalid_value", "This is not your current password");
    }
    // With two-step sign-in on, deleting the account also needs a code (or a recovery code).
    await checkSecondFactor(c, actor, code);
    const [all, sole] = await db.batch([
      allMembershipsQuery(db, actor.userId),
      soleAdminOrganizationsQuery(db, actor.userId),
    ]);
    const [blocked] = sole;
    if (blocked) throw lastAdmin(blocked.organizationId);
    try {
      await deleteAccount(db, {
        userId: user.id,
        email: user.email,
        pseudonym: pseudonymOf(await sha256Hex(user.id)),
        memberships: all,
        now: Date.now(),
      });
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // The same deletion at the same moment (a double click) already did it: done, once.
      // Otherwise another admin left at the same moment: the batch's guard kept the organisation run.
      if (!(await isAccountDeleted(db, user.id))) throw lastAdmin(null);
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });
