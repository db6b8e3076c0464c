/**
 * The scheduled job's rules of time (docs/JOBS.md), pure: when a report's data is due for
 * erasure, what the clean-up may delete, and when a person's daily digest is due.
 */
import { dateIn, zonedInstant } from "./business-days";
import { INVITATIONS_PER_HOUR, LOGIN_WINDOW_MS, SESSION_IDLE_MS } from "./memberships";
import { PENDING_SESSION_MS } from "./two-factor";

const DAY = 86_400_000;

/** An organisation's retention settings (organizations: `fixRetentionDays`, …). */
export interface RetentionSettings {
  fixRetentionDays: number;
  photoRetentionDays: number;
  reportRetentionDays: number;
}

/** The latest visit start still kept, per kind of data: reports that started before it are due. */
export interface RetentionCutoffs {
  fixes: number;
  photos: number;
  report: number;
}

/**
 * Reports whose visit started before each cutoff are due: the location fixes after
 * `fixRetentionDays`, the photos after `photoRetentionDays`, de-identification after
 * `reportRetentionDays` (counted from the visit, whatever the report's state).
 * @example retentionCutoffs(Date.parse("2026-04-01"), { fixRetentionDays: 90, photoRetentionDays: 730, reportRetentionDays: 1825 }).fixes === Date.parse("2026-01-01")
 */
export function retentionCutoffs(now: number, settings: RetentionSettings): RetentionCutoffs {
  return {
    fixes: now - settings.fixRetentionDays * DAY,
    photos: now - settings.photoRetentionDays * DAY,
    report: now - settings.reportRetentionDays * DAY,
  };
}

/**
 * Every sliding window a rate limit counts `rate_limit_hits` in (`hitRateLimit` callers): a
 * row older than the longest is never counted again. Add a new rule's window here.
 */
export const RATE_LIMIT_WINDOWS_MS: readonly number[] = [INVITATIONS_PER_HOUR.windowMs];

/** What the clean-up deletes: rows at or before each instant. */
export interface CleanupCutoffs {
  /** Sessions that expired by now (`expiresAt <= now`). */
  expiredAt: number;
  /** Sessions idle since before this (`SESSION_IDLE_MS`: refused anyway). */
  idleSince: number;
  /** Sessions still owing their code (`two_factor`), created before this (`PENDING_SESSION_MS`, domain/two-factor.ts). */
  pendingSince: number;
  /** Sign-in attempts before this no longer count (`LOGIN_WINDOW_MS`). */
  loginAttemptsBefore: number;
  /** Rate-limit hits before this leave the longest window. */
  rateLimitHitsBefore: number;
}

/**
 * The clean-up's cutoffs at `now`, from the windows the throttles themselves use.
 * @example cleanupCutoffs(1_000_000_000).loginAttemptsBefore === 1_000_000_000 - 15 * 60_000
 */
export function cleanupCutoffs(now: number): CleanupCutoffs {
  return {
    expiredAt: now,
    idleSince: now - SESSION_IDLE_MS,
    pendingSince: now - PENDING_SESSION_MS,
    loginAttemptsBefore: now - LOGIN_WINDOW_MS,
    rateLimitHitsBefore: now - Math.max(...RATE_LIMIT_WINDOWS_MS),
  };
}

/** The local time (minutes after midnight) from which a person's daily digest is due. */
export const DIGEST_MINUTES = 8 * 60;

/**
 * Whether a person's digest is due at `now`: it is 08:00 or later on their calendar day (in
 * their `timeZone`) and no digest was handled since that day's 08:00. The first run after
 * 08:00 sends it; later runs that day find it handled.
 * @example digestDue(Date.parse("2026-03-02T00:10:00Z"), "Asia/Shanghai", null) // true (08:10 in Shanghai)
 * @example digestDue(Date.parse("2026-03-02T00:10:00Z"), "Europe/Paris", null) // false (01:10 in Paris)
 */
export function digestDue(now: number, timeZone: string, digestSentAt: number | null): boolean {
  const morning = zonedInstant(dateIn(now, timeZone), DIGEST_MINUTES, timeZone);
  return now >= morning && (digestSentAt === null || digestSentAt < morning);
}

/**
 * Since when a digest lists unread notifications: the last digest, or a day back for the first.
 * @example digestSince(5 * 86_400_000, null) === 4 * 86_400_000
 */
export function digestSince(now: number, digestSentAt: number | null): number {
  return digestSentAt ?? now - DAY;
}
