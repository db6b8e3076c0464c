import { and, count, desc, eq, gt, lte, or, sql } from "drizzle-orm";
import { loginAttempts } from "../../schema";
import { LOGIN_CLIENT_MAX_FAILURES, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from "../domain/memberships";
import type { Db } from "./db";
import { retryAfterSeconds } from "./rate-limits";

export type AttemptReservation =
  /** `accountFailures`: the account's attempts in the window, this one included (it is counted before the check). */
  | { ok: true; attemptId: string; accountFailures: number }
  /** `client`: this client failed too often on any accounts; `account`: it failed too often on this one. */
  | { ok: false; reason: "client" | "account"; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt for `email` from `client` (see `clientAddress`) before the password
 * is checked, and refuses it when
 * - the client has `LOGIN_CLIENT_MAX_FAILURES` unsuccessful attempts in the window, on any
 *   accounts (one client spraying many accounts), or
 * - the account has `LOGIN_MAX_FAILURES` unsuccessful attempts in the window AND this client
 *   is one of those that made them.
 * A client that has not failed on the account is not locked out of it, so nobody can lock an
 * owner out by failing on purpose; each new client still gets only one guess at a locked
 * account before it is locked too, and at most `LOGIN_CLIENT_MAX_FAILURES` guesses in all.
 *
 * Requests with no address ("") come from inside (tests, scripts), never through the edge:
 * they are one client for the account lock (so for them it is the old lock of everyone) and
 * are not throttled as a client, since one shared bucket would let any of them shut all of
 * them out, the very weapon this removes.
 *
 * One round trip: a batch (one D1 transaction) drops old rows of the account and the client,
 * then counts and inserts in one statement, so concurrent attempts cannot slip past either
 * limit (D1 has no interactive transactions), then reads what a refusal needs. A successful
 * sign-in deletes the account's rows (`clearLoginAttempts`), so only failures keep counting.
 */
export async function reserveLoginAttempt(
  db: Db,
  email: string,
  client: string,
  now: number,
): Promise<AttemptReservation> {
  const attemptId = crypto.randomUUID();
  const windowStart = now - LOGIN_WINDOW_MS;
  const recent = gt(loginAttempts.attemptedAt, windowStart);
  const [, inserted, byClient, byAccount, [accountCount]] = await db.batch([
    db
      .delete(loginAttempts)
      .where(
        and(
          lte(loginAttempts.attemptedAt, windowStart),
          or(eq(loginAttempts.email, email), eq(loginAttempts.client, client)),
        ),
      ),
    db
      .insert(loginAttempts)
      .select(sql`select ${attemptId}, ${email}, ${client}, ${now}
        where (${client} = '' or (select count(*) from login_attempts
            where client = ${client} and attempted_at > ${windowStart}) < ${LOGIN_CLIENT_MAX_FAILURES})
          and not ((select count(*) from login_attempts
              where email = ${email} and attempted_at > ${windowStart}) >= ${LOGIN_MAX_FAILURES}
            and exists (select 1 from login_attempts
              where email = ${email} and client = ${client} and attempted_at > ${windowStart}))`)
      .returning({ id: loginAttempts.id }),
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.client, client), recent))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(LOGIN_CLIENT_MAX_FAILURES),
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), recent))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(LOGIN_MAX_FAILURES),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), recent)),
  ]);
  if (inserted.length > 0) return { ok: true, attemptId, accountFailures: accountCount?.n ?? 0 };

  // Refused: a limit lifts at the latest when the oldest of the latest attempts it counts leaves the window.
  const clientFull = client !== "" && byClient.length >= LOGIN_CLIENT_MAX_FAILURES;
  const oldest = (clientFull ? byClient : byAccount).at(-1)?.at ?? now;
  return {
    ok: false,
    reason: clientFull ? "client" : "account",
    retryAfterSeconds: retryAfterSeconds(oldest + LOGIN_WINDOW_MS, now),
  };
}

/** Forgets an account's attempts after a successful sign-in: the lock and every client's failures on it. */
export async function clearLoginAttempts(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email));
}
