import { z } from "zod";
import { REVIEW_POLICIES } from "../../schema/enums";

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
  /** Fees and reimbursements: an ISO 4217 code (three capital letters; amounts are in its minor unit). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Three capital letters (ISO 4217), e.g. CNY")
    .refine(knownCurrency, { message: "Not a currency code ISO 4217 knows", params: { code: "invalid_value" } })
    .optional(),
  version,
});
