import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { recordAccountLocked } from "../data/account-lock";
import { recordChange } from "../data/changes";
import { StaleWrite } from "../data/events";
import { clearLoginAttempts, reserveLoginAttempt } from "../data/login-attempts";
import type { SessionActor } from "../data/sessions";
import { acceptTotpStep, findTwoFactorState, recoveryCodesLeftQuery, useRecoveryCode } from "../data/two-factor";
import { listActiveMemberships } from "../data/users";
import { LOGIN_MAX_FAILURES } from "../domain/memberships";
import type { EventDraft } from "../domain/trail";
import { normalizeRecoveryCode, TOTP_DIGITS } from "../domain/two-factor";
import type { AppEnv } from "./app-env";
import { clientAddress } from "./client-address";
import { sha256Hex } from "./crypto";
import { ApiError, fieldError } from "./errors";
import { verifyTotp } from "./totp";

/** What a person gives as their second factor: a code from their app, or one of their recovery codes. */
export type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * The key second-factor attempts are counted under in `login_attempts` (its `email` column):
 * apart from the password's, so a right password (which clears the password's failures) never
 * resets the count of wrong codes. Same limits, per person and per client.
 */
function attemptKey(userId: string): string {
  return `two-factor:${userId}`;
}

/** SHA-256 of a recovery code as typed, normalised; null when it cannot be one. */
export async function recoveryCodeHash(typed: string): Promise<string | null> {
  const normalized = normalizeRecoveryCode(typed);
  return normalized === null ? null : sha256Hex(normalized);
}

/**
 * Runs `check` under the second factor's limit: the attempt is counted first (429
 * `too_many_attempts` with `Retry-After` when the person or this client failed too often), a
 * right code clears the person's failures, a wrong one throws `wrong()`.
 */
export async function throttledCodeCheck(
  c: Context<AppEnv>,
  userId: string,
  check: () => Promise<boolean>,
  wrong: () => ApiError,
): Promise<void> {
  const key = attemptKey(userId);
  const reservation = await reserveLoginAttempt(c.var.db, key, clientAddress(c.req), Date.now());
  if (!reservation.ok) {
    throw new ApiError("too_many_attempts", "Too many wrong codes. Try again later.", {
      headers: { "Retry-After": String(reservation.retryAfterSeconds) },
    });
  }
  if (!(await check())) {
    // The failure that locks: each organisation's trail says so (the password was known).
    if (reservation.accountFailures === LOGIN_MAX_FAILURES) {
      const email = (await findTwoFactorState(c.var.db, userId))?.email;
      if (email) await recordAccountLocked(c.var.db, email, Date.now(), "two_factor");
    }
    throw wrong();
  }
  await clearLoginAttempts(c.var.db, key);
}

/**
 * Checks a second factor of the person `userId` (whose confirmed secret must be on), throttled
 * like passwords (`throttledCodeCheck`). A code from the app is accepted once (its time step
 * must be later than the last accepted, RFC 6238 §5.2); a recovery code is used up. Wrong: 400
 * with a field error `invalid_code` on `code` or `recoveryCode`. Returns which kind was used.
 */
export async function attemptSecondFactor(
  c: Context<AppEnv>,
  userId: string,
  given: SecondFactor,
): Promise<"totp" | "recovery"> {
  const db = c.var.db;
  if ("code" in given) {
    await throttledCodeCheck(
      c,
      userId,
      async () => {
        const now = Date.now();
        const secret = (await findTwoFactorState(db, userId))?.totpSecret ?? null;
        const step = secret === null ? null : verifyTotp(secret, given.code, now);
        // A step at or before the last accepted one is a replayed code: refused like a wrong one.
        return secret !== null && step !== null && (await acceptTotpStep(db, userId, secret, step));
      },
      () =>
        fieldError(
          "code",
          "invalid_code",
          "This code is not right, or was already used. Enter the current code from your app.",
        ),
    );
    return "totp";
  }
  await throttledCodeCheck(
    c,
    userId,
    async () => {
      const hash = await recoveryCodeHash(given.recoveryCode);
      return hash !== null && (await useRecoveryCode(db, userId, hash, Date.now()));
    },
    () => fieldError("recoveryCode", "invalid_code", "This recovery code is not right, or was already used."),
  );
  return "recovery";
}

/**
 * For account deletion and other acts that must prove the second factor when it is on: does
 * nothing for a person without one; otherwise `code` (a code from the app, or a recovery code,
 * told apart by their shape) is required and checked by `attemptSecondFactor`. Field `code`.
 * @example await checkSecondFactor(c, actor, body.code); // before deleting the account
 */
export async function checkSecondFactor(
  c: Context<AppEnv>,
  actor: Pick<SessionActor, "userId" | "twoFactorEnabled" | "organizationId" | "role">,
  code: string | undefined,
): Promise<void> {
  if (!actor.twoFactorEnabled) return;
  if (!code) throw fieldError("code", "required", "Enter a code from your authenticator app or a recovery code");
  // Six digits: the app's; a recovery code has eight characters (all digits now and then).
  const kind = new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code.trim()) ? "totp" : "recovery";
  try {
    const used = await attemptSecondFactor(
      c,
      actor.userId,
      kind === "totp" ? { code: code.trim() } : { recoveryCode: code },
    );
    if (used === "recovery") await recordRecoveryCodeUsed(c, actor.userId, actor.organizationId);
  } catch (error) {
    // One field for both kinds here.
    if (error instanceof ApiError && error.errors?.[0]?.path === "recoveryCode") {
      throw fieldError("code", "invalid_code", "This code is not right, or was already used.");
    }
    throw error;
  }
}

/**
 * Records a change of a person's second factor in the trail of EVERY organisation where they are
 * an active member (their admins see it, like `account.locked`), each with the person's role
 * there. The change statements (`change`, its guarded UPDATE last) go in one batch with the
 * event of the current organisation, so the change and that event are kept together or not at
 * all (a lost race answers 409 `invalid_state`); the other organisations' events follow.
 */
export async function recordTwoFactorChange(
  c: Context<AppEnv>,
  input: {
    userId: string;
    currentOrganizationId: string;
    type: EventDraft["type"];
    payload: Record<string, unknown>;
    change?: BatchItem<"sqlite">[];
  },
): Promise<void> {
  const db = c.var.db;
  const memberships = await listActiveMemberships(db, input.userId);
  const ordered = [
    ...memberships.filter((m) => m.organizationId === input.currentOrganizationId),
    ...memberships.filter((m) => m.organizationId !== input.currentOrganizationId),
  ];
  const at = Date.now();
  for (const [index, membership] of ordered.entries()) {
    const change = index === 0 ? (input.change ?? []) : [];
    try {
      await recordChange(db, {
        organizationId: membership.organizationId,
        actor: { userId: input.userId, role: membership.role },
        at,
        drafts: [{ type: input.type, subject: { type: "user", id: input.userId }, payload: input.payload }],
        change,
        guarded: change.length > 0,
      });
    } catch (error) {
      if (error instanceof StaleWrite) {
        throw new ApiError("invalid_state", "Your two-factor settings changed meanwhile. Reload and try again.");
      }
      throw error;
    }
  }
}

/** `user.recovery_code_used`, with how many codes are left, into each of the person's organisations. */
export async function recordRecoveryCodeUsed(c: Context<AppEnv>, userId: string, organizationId: string) {
  const [left] = await recoveryCodesLeftQuery(c.var.db, userId);
  await recordTwoFactorChange(c, {
    userId,
    currentOrganizationId: organizationId,
    type: "user.recovery_code_used",
    payload: { recoveryCodesLeft: left?.n ?? 0 },
  });
}
