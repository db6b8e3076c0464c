import { z } from "zod";
import { EMAIL_MODES } from "../../schema/enums";
import { formerMemberPseudonym } from "../domain/former-members";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../domain/memberships";
import { email, id, locale, text, timezone } from "./common";

/** A person's own name: not one that reads as a deleted account's ("Former member 3f9a1c", docs/PRIVACY.md). */
const personName = text(100).refine((name) => formerMemberPseudonym(name) === null, {
  message: "This name is kept for deleted accounts",
  params: { code: "not_allowed" },
});

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/** The secret of an invitation link (`randomToken`: 43 characters); a longer one is no link of ours. */
export const invitationTokenParam = z.object({ token: z.string().min(1).max(100) });

export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/**
 * Accepting an invitation: a newcomer chooses a name and a password; someone who already has a
 * Courtesy account confirms with its password. The person says which: the link's page must not.
 */
export const acceptInvitationBody = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("new"), displayName: personName, password: newPassword }),
  z.strictObject({ mode: z.literal("existing"), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
]);

/** A person's own profile: only they change it. A new password needs the current one. */
export const updateMeBody = z.strictObject({
  displayName: personName.optional(),
  locale: locale.optional(),
  emailMode: z.enum(EMAIL_MODES).optional(),
  timeZone: timezone.optional(),
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
  newPassword: newPassword.optional(),
});

export const switchOrganizationBody = z.strictObject({ organizationId: id });
