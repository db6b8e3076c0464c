import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../domain/memberships";

/**
 * `DELETE /me`: the current password, the word "delete" typed to confirm, and a second-factor
 * code (or recovery code) when the account has two-factor sign-in on.
 */
export const deleteMeBody = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  confirm: z.literal("delete"),
  code: z.string().trim().min(1).max(32).optional(),
});
