import { Hono } from "hono";
import { clearLoginAttempts, reserveLoginAttempt } from "../data/login-attempts";
import { createSession } from "../data/sessions";
import { acceptInvitation, findInvitation } from "../data/users";
import type { AppEnv } from "../lib/app-env";
import { clientAddress } from "../lib/client-address";
import { hashPassword, verifyPassword } from "../lib/crypto";
import { ApiError, fieldError } from "../lib/errors";
import { writeSessionCookie } from "../lib/session-cookie";
import { validate } from "../lib/validate";
import { acceptInvitationBody } from "../validation/auth";

async function findUsableInvitation(c: { var: AppEnv["Variables"] }, token: string) {
  const invitation = token.length <= 100 ? await findInvitation(c.var.db, token) : null;
  if (
    !invitation ||
    invitation.acceptedAt !== null ||
    invitation.expiresAt <= Date.now() ||
    invitation.membershipStatus !== "invited"
  ) {
    throw new ApiError(
      "invitation_invalid",
      "This invitation link has expired or was already used. Ask your administrator for a new one.",
    );
  }
  return invitation;
}

/** The public side of invitations: read who a link is for, and accept it by setting a password. */
export const invitationRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) => {
    const invitation = await findUsableInvitation(c, c.req.param("token"));
    return c.json({
      email: invitation.email,
      displayName: invitation.displayName,
      /** The language the admin chose for the invitee: the accept page opens in it. */
      locale: invitation.locale,
      organization: { name: { en: invitation.organizationNameEn, zh: invitation.organizationNameZh } },
      /** An existing user confirms with their current password instead of choosing one. */
      hasPassword: invitation.passwordHash !== null,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    });
  })
  .post("/:token/accept", validate("json", acceptInvitationBody), async (c) => {
    const invitation = await findUsableInvitation(c, c.req.param("token"));
    const { displayName, password } = c.req.valid("json");
    let passwordHash: string | undefined;
    if (invitation.passwordHash !== null) {
      // Same brute-force limit as signing in: the link must not become a password oracle.
      const reservation = await reserveLoginAttempt(c.var.db, invitation.email, clientAddress(c.req), Date.now());
      if (!reservation.ok) {
        throw new ApiError("too_many_attempts", undefined, {
          headers: { "Retry-After": String(reservation.retryAfterSeconds) },
        });
      }
      if (!(await verifyPassword(password, invitation.passwordHash))) {
        throw fieldError("password", "invalid_value", "Enter the password you already use for Courtesy");
      }
      await clearLoginAttempts(c.var.db, invitation.email);
    } else {
      passwordHash = await hashPassword(password);
    }
    const now = Date.now();
    await acceptInvitation(c.var.db, {
      invitationId: invitation.id,
      membershipId: invitation.membershipId,
      userId: invitation.userId,
      passwordHash,
      displayName,
      now,
    });
    const session = await createSession(c.var.db, {
      userId: invitation.userId,
      organizationId: invitation.organizationId,
      now,
    });
    writeSessionCookie(c, session.token);
    return c.json({ ok: true as const });
  });
