import { and, eq, type SQL, sql } from "drizzle-orm";
import { membershipBranches, membershipRegions, memberships, sessions, users } from "../../schema";
import type { EmailMode, Locale } from "../../schema/enums";
import { isSessionLive, SESSION_ABSOLUTE_MS, SESSION_TOUCH_AFTER_MS } from "../domain/memberships";
import type { Actor } from "../domain/policy";
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
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Db,
  input: { userId: string; organizationId: string; now: number },
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = input.now + SESSION_ABSOLUTE_MS;
  await db.insert(sessions).values({
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    userId: input.userId,
    organizationId: input.organizationId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
  });
  return { token, expiresAt };
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
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(memberships, membershipOfSession)
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
