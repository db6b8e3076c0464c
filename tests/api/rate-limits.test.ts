/** The sliding-window limiter over `rate_limit_hits` (the generic piece behind per-admin caps). */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimitHits } from "../../schema";
import { hitRateLimit } from "../../worker/data/rate-limits";
import { db } from "./helpers";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function uniqueKey(): string {
  return `test:${crypto.randomUUID()}`;
}

describe("hitRateLimit", () => {
  it("allows `limit` actions in the window and refuses the next one with the seconds until a place frees", async () => {
    const key = uniqueKey();
    const rule = { limit: 3, windowMs: 10 * MINUTE };
    expect(await hitRateLimit(db(), key, rule, T0)).toEqual({ ok: true });
    expect(await hitRateLimit(db(), key, rule, T0 + 1 * MINUTE)).toEqual({ ok: true });
    expect(await hitRateLimit(db(), key, rule, T0 + 2 * MINUTE)).toEqual({ ok: true });
    // The first hit (T0) leaves the window at T0 + 10 min: 7 minutes after T0 + 3 min.
    expect(await hitRateLimit(db(), key, rule, T0 + 3 * MINUTE)).toEqual({ ok: false, retryAfterSeconds: 7 * 60 });
    // Refusals are not counted: the answer does not move while the client keeps trying.
    expect(await hitRateLimit(db(), key, rule, T0 + 3 * MINUTE + 500)).toEqual({
      ok: false,
      retryAfterSeconds: 7 * 60,
    });
  });

  it("slides: a place frees exactly when the oldest counted action leaves the window", async () => {
    const key = uniqueKey();
    const rule = { limit: 2, windowMs: 10 * MINUTE };
    await hitRateLimit(db(), key, rule, T0);
    await hitRateLimit(db(), key, rule, T0 + 5 * MINUTE);
    expect(await hitRateLimit(db(), key, rule, T0 + 10 * MINUTE - 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await hitRateLimit(db(), key, rule, T0 + 10 * MINUTE)).toEqual({ ok: true });
    // Now T0 + 5 min and T0 + 10 min count: the next place frees at T0 + 15 min.
    expect(await hitRateLimit(db(), key, rule, T0 + 11 * MINUTE)).toEqual({ ok: false, retryAfterSeconds: 4 * 60 });
  });

  it("keeps keys apart", async () => {
    const a = uniqueKey();
    const b = uniqueKey();
    const rule = { limit: 1, windowMs: MINUTE };
    expect((await hitRateLimit(db(), a, rule, T0)).ok).toBe(true);
    expect((await hitRateLimit(db(), a, rule, T0 + 1)).ok).toBe(false);
    expect((await hitRateLimit(db(), b, rule, T0 + 1)).ok).toBe(true);
  });

  it("drops the key's rows that have left the window", async () => {
    const key = uniqueKey();
    const rule = { limit: 5, windowMs: MINUTE };
    for (let i = 0; i < 4; i++) await hitRateLimit(db(), key, rule, T0 + i);
    await hitRateLimit(db(), key, rule, T0 + 2 * MINUTE);
    const rows = await db().select().from(rateLimitHits).where(eq(rateLimitHits.key, key));
    expect(rows.map((r) => r.at)).toEqual([T0 + 2 * MINUTE]);
  });

  it("cannot be passed by concurrent requests", async () => {
    const key = uniqueKey();
    const rule = { limit: 3, windowMs: MINUTE };
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(db(), key, rule, T0)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
    const rows = await db().select().from(rateLimitHits).where(eq(rateLimitHits.key, key));
    expect(rows).toHaveLength(3);
  });
});
