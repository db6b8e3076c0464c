/**
 * The clean-up (docs/JOBS.md): expired, idle and stale pending sessions, sign-in attempts and
 * rate-limit hits that left their window. Every organisation at once (these rows are the
 * service's, not an organisation's), `limit` rows of each kind per statement and pass.
 */
import type { Db } from "../data/db";
import { cleanupStatements } from "../data/jobs";
import { cleanupCutoffs } from "../domain/jobs";

/** What the clean-up deleted in one run. */
export interface CleanupReport {
  sessions: number;
  loginAttempts: number;
  rateLimitHits: number;
}

/** Deletes what nothing counts any more, in passes until a pass deletes fewer than `limit` of each. */
export async function cleanUp(db: Db, now: number, limit: number, maxPasses: number): Promise<CleanupReport> {
  const report: CleanupReport = { sessions: 0, loginAttempts: 0, rateLimitHits: 0 };
  const cutoffs = cleanupCutoffs(now);
  for (let pass = 0; pass < maxPasses; pass++) {
    const results = await db.batch(cleanupStatements(db, cutoffs, limit));
    const [expired, idle, attempts, hits] = results.map((result) => result.meta.changes ?? 0);
    report.sessions += (expired ?? 0) + (idle ?? 0);
    report.loginAttempts += attempts ?? 0;
    report.rateLimitHits += hits ?? 0;
    if (results.every((result) => (result.meta.changes ?? 0) < limit)) break;
  }
  return report;
}
