import { and, eq } from "drizzle-orm";
import { memberships, users } from "../../schema";
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from "../domain/memberships";
import { recordChange } from "./changes";
import type { Db } from "./db";

/**
 * Appends `account.locked` to the trail of EVERY organisation where the account has an active
 * membership: the lock is the account's, not one organisation's (sign-in comes before choosing
 * an organisation), and each organisation's admins must see that their member was locked out.
 * An email with no account, or with no active membership, records nothing (no organisation to
 * tell; and the trail must not become a list of probed addresses). No password material, no
 * client address: the failure count and the window only. A lock by wrong second-factor codes
 * says so (`factor: "two_factor"`): whoever made it knew the password.
 */
export async function recordAccountLocked(
  db: Db,
  email: string,
  now: number,
  factor: "password" | "two_factor" = "password",
): Promise<void> {
  const rows = await db
    .select({ organizationId: memberships.organizationId, userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.status, "active")));
  for (const row of rows) {
    await recordChange(db, {
      organizationId: row.organizationId,
      actor: null,
      at: now,
      drafts: [
        {
          type: "account.locked",
          subject: { type: "user", id: row.userId },
          payload: {
            failures: LOGIN_MAX_FAILURES,
            windowMinutes: LOGIN_WINDOW_MS / 60_000,
            ...(factor === "two_factor" ? { factor } : {}),
          },
        },
      ],
      change: [],
    });
  }
}
