import { Hono } from "hono";
import { createSession } from "../data/sessions";
import { acceptInvitation, findInvitation } from "../data/users";
import { sessionPending } from "../domain/two-factor";
import type { AppEnv } from "../lib/app-env";
import { hashPassword } from "../lib/crypto";
import { ApiError, fieldError } from "../lib/errors";
import { attemptPassword } from "../lib/password-attempt";
import { writeSessionCookie } from "../lib/session-cookie";
import { validate, validateRowParam } from "../lib/validate";
import { acceptInvitationBody, invitationTokenParam } from "../validation/auth";

const invalidLink = () =>
  new ApiError(
    "invitation_invalid",
    "This invitation link has expired or was already used. Ask your administrator for a new one.",
  );

/** A token that is no link of ours is an invalid link, like a used or unknown one. */
const validateToken = () => validateRowParam(invitationTokenParam, invalidLink);

async function findUsableInvitation(c: { var: AppEnv["Variables"] }, token: string) {
  const invitation = await findInvitation(c.var.db, token);
  if (
    !invitation ||
    invitation.acceptedAt !== null ||
    invitation.expiresAt <= Date.now() ||
    invitation.membershipStatus !== "invited"
  ) {
    throw invalidLink();
  }
  return invitation;
}

/**
 * The public side of invitations: read who a link is for, and accept it. The page shows only
 * what the inviting organisation itself typed (email, name, language): nothing tells whether the
 * email already has an account, so the person says which way they accept (`mode`).
 */
export const invitationRoutes = new Hono<AppEnv>()
  .get("/:token", validateToken(), async (c) => {
    const invitation = await findUsableInvitation(c, c.req.valid("param").token);
    return c.json({
      email: invitation.email,
      /** The name the admin typed. */
      displayName: invitation.displayLabel ?? "",
      /** The language the admin chose for the invitee: the accept page opens in it. */
      locale: invitation.locale,
      organization: { name: { en: invitation.organizationNameEn, zh: invitation.organizationNameZh } },
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    });
  })
  .post("/:token/accept", validate("json", acceptInvitationBody), validateToken(), async (c) => {
    const invitation = await findUsableInvitation(c, c.req.valid("param").token);
    const body = c.req.valid("json");
    let newAccount: { passwordHash: string; displayName: string } | undefined;
    if (body.mode === "existing") {
      // Same brute-force limit as signing in: the link must not become a password oracle. An
      // email with no account yet fails exactly like a wrong password.
      if (!(await attemptPassword(c, invitation.email, body.password, invitation.passwordHash))) {
        throw fieldError(
          "password",
          "invalid_value",
          "This is not the password of a Courtesy account with this email. New to Courtesy? Choose a new account instead.",
        );
      }
    } else {
      // Only someone holding the link learns this, never the anonymous page: an account's
      // password is never replaced through an invitation.
      if (invitation.passwordHash !== null) {
        throw new ApiError(
          "account_exists",
          "This email already has a Courtesy account: accept with its password instead of choosing a new one.",
        );
      }
      newAccount = { passwordHash: await hashPassword(body.password), displayName: body.displayName };
    }
    const now = Date.now();
    const accepted = await acceptInvitation(c.var.db, {
      invitationId: invitation.id,
      membershipId: invitation.membershipId,
      userId: invitation.userId,
      newAccount,
      now,
    });
    // Another request used the link first: it stays single-use, and this one gets no session.
    if (!accepted) throw invalidLink();
    // An existing account with two-factor sign-in still owes its code, as when signing in.
    const pending = sessionPending({
      stored: invitation.totpEnabledAt !== null ? "two_factor" : null,
      requireTwoFactor: invitation.requireTwoFactor,
      role: invitation.role,
      twoFactorEnabled: invitation.totpEnabledAt !== null,
    });
    const session = await createSession(c.var.db, {
      userId: invitation.userId,
      organizationId: invitation.organizationId,
      now,
      pending: pending === "two_factor" ? pending : null,
    });
    writeSessionCookie(c, session.token);
    return c.json({ ok: true as const, pending });
  });
