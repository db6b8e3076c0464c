import { z } from "zod";
import { evidenceSha256 } from "./audits";
import { id, optionalMultilineText } from "./common";
import { version } from "./organization";

/** Most a single expense may claim, in minor units (100,000.00 of the currency). */
export const MAX_EXPENSE_CENTS = 10_000_000;

/**
 * `PUT /assignments/:id/expense`: what the shopper spent, the receipt photo (an upload of theirs)
 * and a note; `version` of the expense once one exists (409 `stale_version` otherwise).
 */
export const putExpenseBody = z.strictObject({
  amountCents: z.number().int().min(1).max(MAX_EXPENSE_CENTS),
  receiptSha256: evidenceSha256,
  note: optionalMultilineText(500).optional(),
  version: version.optional(),
});

/** `POST /payouts`: the client's id (a double click approves one batch), whose payable fees, a note. */
export const createPayoutBody = z.strictObject({
  id: z.uuid(),
  /** Only these shoppers' payable fees (omitted: everyone's). */
  shopperIds: z.array(id).min(1).max(1000).optional(),
  note: optionalMultilineText(500).optional(),
});

/** `POST /payouts/:id/paid`: the version of the batch the admin saw. */
export const markPaidBody = z.strictObject({ version });
