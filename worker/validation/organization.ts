import { z } from "zod";
import { REVIEW_POLICIES } from "../../schema/enums";

/** The version a change was based on (`stale_version` when someone changed it since). */
export const version = z.number().int().min(1).max(2_147_483_647);

export const updateOrganizationBody = z.strictObject({
  reviewPolicy: z.enum(REVIEW_POLICIES).optional(),
  /** One hour to thirty days. */
  reviewSlaHours: z.number().int().min(1).max(720).optional(),
  /** Days after publication a branch may dispute a report: one day to ninety. */
  disputeWindowDays: z.number().int().min(1).max(90).optional(),
  /** Whether a failed critical item opens a corrective action by itself. */
  actionsOnCritical: z.boolean().optional(),
  /** Rounds: days before a shopper may visit the same branch again (0: no lockout; at most a year). */
  rotationLockoutDays: z.number().int().min(0).max(365).optional(),
  /** Rounds: most visits one shopper is given per day and per ISO week. */
  maxVisitsPerDay: z.number().int().min(1).max(20).optional(),
  maxVisitsPerWeek: z.number().int().min(1).max(100).optional(),
  /**
   * Shopper-quality flag thresholds (docs/QUALITY.md): each key given sets it, `null` puts the
   * default back, keys left out stay as they are. An unknown key is refused.
   */
  flagThresholds: z
    .strictObject({
      farFromBranchMeters: z.number().int().min(50).max(50_000).nullable().optional(),
      identicalFixesInRow: z.number().int().min(2).max(30).nullable().optional(),
      // The dHash bands find every match within 5 bits, and no further.
      photoHammingMax: z.number().int().min(0).max(5).nullable().optional(),
      photoToleranceMinutes: z.number().int().min(0).max(1440).nullable().optional(),
      straightLiningMinItems: z.number().int().min(2).max(500).nullable().optional(),
      formSecondsPerItem: z.number().min(0).max(60).nullable().optional(),
    })
    .optional(),
  version,
});
