import { z } from "zod";
import { REVIEW_POLICIES, STAFF_NAME_POLICIES } from "../../schema/enums";

/** The version a change was based on (`stale_version` when someone changed it since). */
export const version = z.number().int().min(1).max(2_147_483_647);

/** A currency the runtime's ICU knows (every ISO 4217 code in use); any three letters where it cannot say. */
function knownCurrency(code: string): boolean {
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return typeof list !== "function" || list("currency").includes(code);
}

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
  /** Job board: how many claimed visits one shopper may hold open at once. */
  boardClaimLimit: z.number().int().min(1).max(20).optional(),
  /** Fees and reimbursements: an ISO 4217 code (three capital letters; amounts are in its minor unit). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Three capital letters (ISO 4217), e.g. CNY")
    .refine(knownCurrency, { message: "Not a currency code ISO 4217 knows", params: { code: "invalid_value" } })
    .optional(),
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
  /**
   * Complaint deadlines (docs/COMPLAINTS.md; defaults 1, 5, 8 and 3, the FCA's DISP 1.6):
   * acknowledge within 1–10 business days, propose a remedy within 1–30 (not before the
   * acknowledgement), resolve within 1–26 weeks, summary resolution within 1–10 business days.
   */
  complaintAckDays: z.number().int().min(1).max(10).optional(),
  complaintRemedyDays: z.number().int().min(1).max(30).optional(),
  complaintResolveWeeks: z.number().int().min(1).max(26).optional(),
  complaintSummaryDays: z.number().int().min(1).max(10).optional(),
  /** Days after a complaint is finished before its contact details are erased: 30 to about 3 years. */
  contactRetentionDays: z.number().int().min(30).max(1095).optional(),
  /** Privacy (docs/PRIVACY.md): how reports may name staff. */
  staffNames: z.enum(STAFF_NAME_POLICIES).optional(),
  /** Days after a visit its location fixes are kept: a week to ten years. */
  fixRetentionDays: z.number().int().min(7).max(3650).optional(),
  /** Days after a visit its photos are kept: a month to ten years. */
  photoRetentionDays: z.number().int().min(30).max(3650).optional(),
  /** Days after a visit before its report is de-identified: a year to ten years. */
  reportRetentionDays: z.number().int().min(365).max(3650).optional(),
  /** Whether admins and analysts must sign in with a second factor. */
  requireTwoFactor: z.boolean().optional(),
  version,
});
