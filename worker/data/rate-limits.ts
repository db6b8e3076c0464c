import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { rateLimitHits } from "../../schema";
import type { Db } from "./db";

/** At most `limit` counted actions in any `windowMs` milliseconds (a sliding window). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one action under `key` (e.g. `invite:<userId>`) when fewer than `rule.limit` were
 * counted in the window ending at `now`; otherwise refuses it with the seconds until the
 * oldest counted action leaves the window (for `Retry-After`). Refused actions are not
 * counted, so a client that waits out the answer gets through.
 *
 * One round trip: a batch (one D1 transaction) drops the key's rows that have left the window,
 * then counts and inserts in one statement, so concurrent requests cannot pass the limit
 * (D1 has no interactive transactions), then reads the rows a refusal needs. Every statement
 * reads only the key's rows through `rate_limit_hits_key_at_idx` (key, at).
 * @example
 * const verdict = await hitRateLimit(db, `invite:${actor.userId}`, { limit: 30, windowMs: HOUR_MS }, Date.now());
 * if (!verdict.ok) throw new ApiError("rate_limited", undefined, { headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
 */
export async function hitRateLimit(db: Db, key: string, rule: RateLimit, now: number): Promise<RateLimitResult> {
  const [drop, count] = rateLimitHitStatements(db, key, rule, now);
  const [, inserted, latest] = await db.batch([
    drop,
    count.returning({ at: rateLimitHits.at }),
    latestHitsQuery(db, key, rule, now),
  ]);
  if (inserted.length > 0) return { ok: true };
  return refusal(latest, rule, now);
}

/**
 * The two writes of a hit, to batch with the change the hit allows: drop the rows that left the
 * window, then count one more only while under the limit. The INSERT is LAST, so a guarded event
 * after it (`recordChange` with `guarded`) is written only when the hit was counted: the action
 * and its event happen together or not at all (`StaleWrite`: refused; `rateLimitRefusal` says
 * for how long).
 */
export function rateLimitHitStatements(db: Db, key: string, rule: RateLimit, now: number) {
  const windowStart = now - rule.windowMs;
  return [
    db.delete(rateLimitHits).where(and(eq(rateLimitHits.key, key), lte(rateLimitHits.at, windowStart))),
    db.insert(rateLimitHits).select(sql`select ${crypto.randomUUID()}, ${key}, ${now}
        where (select count(*) from rate_limit_hits where key = ${key} and at > ${windowStart}) < ${rule.limit}`),
  ] as const;
}

function latestHitsQuery(db: Db, key: string, rule: RateLimit, now: number) {
  return db
    .select({ at: rateLimitHits.at })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, now - rule.windowMs)))
    .orderBy(desc(rateLimitHits.at))
    .limit(rule.limit);
}

/** Full: the window frees a place when the oldest of the latest `limit` actions leaves it. */
function refusal(latest: ReadonlyArray<{ at: number }>, rule: RateLimit, now: number): RateLimitResult {
  const oldest = latest.at(-1)?.at ?? now;
  return { ok: false, retryAfterSeconds: retryAfterSeconds(oldest + rule.windowMs, now) };
}

/** How long a hit refused by `rateLimitHitStatements` must wait. */
export async function rateLimitRefusal(db: Db, key: string, rule: RateLimit, now: number): Promise<RateLimitResult> {
  return refusal(await latestHitsQuery(db, key, rule, now), rule, now);
}

/** Whole seconds until `at`, at least 1 (a `Retry-After` of 0 invites an immediate retry). */
export function retryAfterSeconds(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
