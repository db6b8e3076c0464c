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
  version,
});
