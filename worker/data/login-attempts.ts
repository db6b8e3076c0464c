import { and, eq, lte, sql } from "drizzle-orm";
import { loginAttempts } from "../../schema";
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from "../domain/memberships";
import type { Db } from "./db";

export type AttemptReservation = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt for `email` before the password is checked, and refuses when
 * the account already has the maximum number of unsuccessful attempts in the window.
 *
 * The count and the insert are one SQL statement, so concurrent attempts cannot slip past
 * the limit (D1 has no interactive transactions). A successful sign-in deletes the rows.
 */
export async function reserveLoginAttempt(db: Db, email: string, now: number): Promise<AttemptReservation> {
  const attemptId = crypto.randomUUID();
  const windowStart = now - LOGIN_WINDOW_MS;
  // Old attempts no longer count; dropping them keeps the table small.
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.email, email), lte(loginAttempts.attemptedAt, windowStart)));
  const inserted = await db.run(sql`insert into login_attempts (id, email, attempted_at)
    select ${attemptId}, ${email}, ${now}
    where (select count(*) from login_attempts where email = ${email} and attempted_at > ${windowStart}) < ${LOGIN_MAX_FAILURES}`);
  if (inserted.meta.changes > 0) return { ok: true, attemptId };

  // Locked: the lock lifts when the oldest of the latest attempts leaves the window.
  const recent = await db
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(eq(loginAttempts.email, email))
    .orderBy(sql`${loginAttempts.attemptedAt} desc`)
    .limit(LOGIN_MAX_FAILURES);
  const oldest = recent.at(-1)?.at ?? now;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now) / 1000)) };
}

/** Forgets an account's attempts after a successful sign-in. */
export async function clearLoginAttempts(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email));
}
