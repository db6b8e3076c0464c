import { Hono } from "hono";
import {
  disableTwoFactorStatements,
  enableTwoFactorStatements,
  findTwoFactorState,
  replaceRecoveryCodesStatements,
  setPendingSecret,
} from "../data/two-factor";
import { listActiveMemberships } from "../data/users";
import { twoFactorRequired } from "../domain/two-factor";
import type { AppEnv } from "../lib/app-env";
import { requireActor, signedIn } from "../lib/authorize";
import { sha256Hex } from "../lib/crypto";
import { ApiError, fieldError } from "../lib/errors";
import { checkSecondFactor, recordTwoFactorChange, recoveryCodeHash, throttledCodeCheck } from "../lib/second-factor";
import { newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from "../lib/totp";
import { validate } from "../lib/validate";
import {
  recoveryCodesBody,
  twoFactorConfirmBody,
  twoFactorDisableBody,
  twoFactorSetupBody,
} from "../validation/two-factor";
import { checkCurrentPassword } from "./me";

const notOn = () => new ApiError("invalid_state", "Two-factor sign-in is not on for your account.");

/** New recovery codes: what the person is shown once, and the hashes stored. */
async function freshRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map(async (code) => (await recoveryCodeHash(code)) ?? sha256Hex(code)));
  return { codes, hashes };
}

/**
 * A person's own second factor (docs/SIGN-IN.md): set up (password again), confirm with a code
 * from the app (recovery codes shown once), new recovery codes, turn off (password and a code).
 */
export const twoFactorRoutes = new Hono<AppEnv>()
  .use(signedIn())
  .post("/setup", validate("json", twoFactorSetupBody), async (c) => {
    const actor = requireActor(c);
    if (actor.twoFactorEnabled) {
      throw new ApiError(
        "invalid_state",
        "Two-factor sign-in is already on. Turn it off first to move it to another app.",
      );
    }
    await checkCurrentPassword(c, actor, c.req.valid("json").currentPassword);
    const secret = newTotpSecret();
    if (!(await setPendingSecret(c.var.db, actor.userId, secret))) throw new ApiError("invalid_state");
    return c.json({ secret, uri: totpUri(secret, actor.email) });
  })
  .post("/confirm", validate("json", twoFactorConfirmBody), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const state = await findTwoFactorState(db, actor.userId);
    const secret = state?.totpPendingSecret ?? null;
    if (!state || state.totpSecret !== null || secret === null) {
      throw new ApiError("invalid_state", "Start the setup first: there is no new secret to confirm.");
    }
    const now = Date.now();
    const accepted = { step: 0 };
    await throttledCodeCheck(
      c,
      actor.userId,
      async () => {
        const step = verifyTotp(secret, c.req.valid("json").code, now);
        if (step !== null) accepted.step = step;
        return step !== null;
      },
      () => fieldError("code", "invalid_code", "This code is not right. Enter the code your app shows now."),
    );
    const { codes, hashes } = await freshRecoveryCodes();
    await recordTwoFactorChange(c, {
      userId: actor.userId,
      currentOrganizationId: actor.organizationId,
      type: "user.two_factor_enabled",
      payload: {},
      change: enableTwoFactorStatements(db, {
        userId: actor.userId,
        secret,
        step: accepted.step,
        now,
        codeHashes: hashes,
      }),
    });
    return c.json({ recoveryCodes: codes });
  })
  .post("/recovery-codes", validate("json", recoveryCodesBody), async (c) => {
    const actor = requireActor(c);
    if (!actor.twoFactorEnabled) throw notOn();
    await checkSecondFactor(c, actor, c.req.valid("json").code);
    const { codes, hashes } = await freshRecoveryCodes();
    await c.var.db.batch([...replaceRecoveryCodesStatements(c.var.db, actor.userId, hashes)]);
    return c.json({ recoveryCodes: codes });
  })
  .delete("/", validate("json", twoFactorDisableBody), async (c) => {
    const actor = requireActor(c);
    if (!actor.twoFactorEnabled) throw notOn();
    const memberships = await listActiveMemberships(c.var.db, actor.userId);
    if (memberships.some((m) => twoFactorRequired(m.requireTwoFactor, m.role))) {
      throw new ApiError(
        "two_factor_required",
        "An organisation you work in requires two-factor sign-in for your role: it cannot be turned off.",
      );
    }
    const { currentPassword, code } = c.req.valid("json");
    await checkCurrentPassword(c, actor, currentPassword);
    await checkSecondFactor(c, actor, code);
    await recordTwoFactorChange(c, {
      userId: actor.userId,
      currentOrganizationId: actor.organizationId,
      type: "user.two_factor_disabled",
      payload: {},
      change: disableTwoFactorStatements(c.var.db, actor.userId),
    });
    return c.body(null, 204);
  });
