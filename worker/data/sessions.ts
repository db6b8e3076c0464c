import { and, eq, type SQL, sql } from "drizzle-orm";
import { membershipBranches, membershipRegions, memberships, organizations, sessions, users } from "../../schema";
import type { EmailMode, Locale, SessionPending } from "../../schema/enums";
import { isSessionLive, SESSION_ABSOLUTE_MS, SESSION_TOUCH_AFTER_MS } from "../domain/memberships";
import type { Actor } from "../domain/policy";
import { PENDING_SESSION_MS, sessionPending } from "../domain/two-factor";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { Db } from "./db";

/** The signed-in user in the organisation of their session: the policy's actor plus display facts. */
export interface SessionActor extends Actor {
  sessionId: string;
  membershipId: string;
  email: string;
  displayName: string;
  locale: Locale;
  /** How they hear of notifications by email, and their IANA time zone (the digest's morning). */
  emailMode: EmailMode;
  timeZone: string;
  /** What the session still owes before it may do anything else (`sessionPending`); null: a full session. */
  pending: SessionPending | null;
  twoFactorEnabled: boolean;
  /** The organisation's setting (`organizations.requireTwoFactor`). */
  requireTwoFactor: boolean;
}

/**
 * Starts a session; returns the cookie token (only its hash is stored). A session that still owes
 * its second factor (`pending: "two_factor"`) lives `PENDING_SESSION_MS` until the code comes.
 */
export async function createSession(
  db: Db,
  input: { userId: string; organizationId: string; now: number; pending?: "two_factor" | null },
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = input.now + (input.pending === "two_factor" ? PENDING_SESSION_MS : SESSION_ABSOLUTE_MS);
  await db.insert(sessions).values({
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    userId: input.userId,
    organizationId: input.organizationId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    pending: input.pending ?? null,
  });
  return { token, expiresAt };
}

/**
 * The second factor was given: the session becomes a full one under a NEW token (the one a
 * password alone earned is void) and its full lifetime. Guarded on `pending`, so of two
 * concurrent codes only one completes it; returns the new token, or null.
 */
export async function completeSession(db: Db, sessionId: string, now: number): Promise<string | null> {
  const token = randomToken();
  const rows = await db
    .update(sessions)
    .set({ tokenHash: await sha256Hex(token), pending: null, lastSeenAt: now, expiresAt: now + SESSION_ABSOLUTE_MS })
    .where(and(eq(sessions.id, sessionId), eq(sessions.pending, "two_factor")))
    .returning({ id: sessions.id });
  return rows.length > 0 ? token : null;
}

/**
 * Resolves a cookie token to the actor, in one round trip to D1 (a batch of three reads).
 * Returns null for unknown, expired or idle sessions and for deactivated memberships;
 * dead sessions are deleted on the way.
 */
export async function findSessionActor(
  db: Db,
  token: string,
  now: number,
): Promise<{ actor: SessionActor; lastSeenAt: number } | null> {
  const tokenHash = await sha256Hex(token);
  const membershipOfSession = and(
    eq(memberships.userId, sessions.userId),
    eq(memberships.organizationId, sessions.organizationId),
  );
  const [rows, regionRows, branchRows] = await db.batch([
    db
      .select({
        sessionId: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        organizationId: sessions.organizationId,
        userId: sessions.userId,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        emailMode: users.emailMode,
        timeZone: users.timeZone,
        // Inside db.batch, D1 returns rows as objects keyed by column name and drizzle maps them
        // by position: two columns both named "id" would collapse and shift every later field.
        membershipId: sql<string>`${memberships.id}`.as("membership_id"),
        role: memberships.role,
        status: memberships.status,
        pending: sessions.pending,
        totpEnabledAt: users.totpEnabledAt,
        requireTwoFactor: organizations.requireTwoFactor,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(memberships, membershipOfSession)
      .innerJoin(organizations, eq(organizations.id, sessions.organizationId))
      .where(eq(sessions.tokenHash, tokenHash))
      .limit(1),
    db
      .select({ id: membershipRegions.regionId })
      .from(sessions)
      .innerJoin(memberships, membershipOfSession)
      .innerJoin(membershipRegions, eq(membershipRegions.membershipId, memberships.id))
      .where(eq(sessions.tokenHash, tokenHash)),
    db
      .select({ id: membershipBranches.branchId })
      .from(sessions)
      .innerJoin(memberships, membershipOfSession)
      .innerJoin(membershipBranches, eq(membershipBranches.membershipId, memberships.id))
      .where(eq(sessions.tokenHash, tokenHash)),
  ]);
  const row = rows[0];
  if (!row) return null;
  if (!isSessionLive(row, now) || row.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return null;
  }
  const actor: SessionActor = {
    sessionId: row.sessionId,
    membershipId: row.membershipId,
    userId: row.userId,
    organizationId: row.organizationId,
    role: row.role,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    emailMode: row.emailMode,
    timeZone: row.timeZone,
    regionIds: regionRows.map((r) => r.id),
    branchIds: branchRows.map((r) => r.id),
    pending: sessionPending({
      stored: row.pending,
      requireTwoFactor: row.requireTwoFactor,
      role: row.role,
      twoFactorEnabled: row.totpEnabledAt !== null,
    }),
    twoFactorEnabled: row.totpEnabledAt !== null,
    requireTwoFactor: row.requireTwoFactor,
  };
  return { actor, lastSeenAt: row.lastSeenAt };
}

/** Whether a session's last-seen time is stale enough to be worth a write. */
export function needsTouch(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_TOUCH_AFTER_MS;
}

/** Records activity, at most once a minute per session. */
export async function touchSession(db: Db, sessionId: string, now: number): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), sql`${sessions.lastSeenAt} <= ${now - SESSION_TOUCH_AFTER_MS}`));
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

/** Ends every session a user has in one organisation (deactivation, role changes); only where `guard` holds, if given. */
export function deleteUserSessionsQuery(db: Db, userId: string, organizationId: string, guard?: SQL) {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.organizationId, organizationId), guard));
}

/** Moves a session to another organisation of the same user. */
export async function switchSessionOrganization(db: Db, sessionId: string, organizationId: string): Promise<void> {
  await db.update(sessions).set({ organizationId }).where(eq(sessions.id, sessionId));
}
