/**
 * A person's second factor: the TOTP secret (pending until confirmed), the last accepted time
 * step, and one-time recovery codes (only their SHA-256 is stored). Writes are guarded in their
 * WHERE clause, so two concurrent requests cannot both use one code or confirm one secret twice.
 * See docs/SIGN-IN.md.
 */
import { and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { recoveryCodes, sessions, users } from "../../schema";
import type { Db } from "./db";

/** What checking or changing a person's second factor needs to know. */
export async function findTwoFactorState(db: Db, userId: string) {
  const rows = await db
    .select({
      email: users.email,
      totpSecret: users.totpSecret,
      totpPendingSecret: users.totpPendingSecret,
      totpLastStep: users.totpLastStep,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

/** How many unused recovery codes a person has left, as a statement to batch (`GET /me`). */
export function recoveryCodesLeftQuery(db: Db, userId: string) {
  return db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** Offers a new secret (setup), replacing any earlier unconfirmed one; only while no secret is confirmed. */
export async function setPendingSecret(db: Db, userId: string, secret: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpPendingSecret: secret })
    .where(and(eq(users.id, userId), isNull(users.totpSecret)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/**
 * Accepts a TOTP code's time step: only later than the last one accepted (RFC 6238 §5.2: a code
 * is good once, even within its window), and only for the secret that was checked.
 */
export async function acceptTotpStep(db: Db, userId: string, secret: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        eq(users.totpSecret, secret),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Uses a recovery code: true once per code, false when unknown or already used. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: number): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

/** Statements that replace a person's recovery codes with `codeHashes` (old ones void). */
export function replaceRecoveryCodesStatements(db: Db, userId: string, codeHashes: readonly string[]) {
  return [
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ id: crypto.randomUUID(), userId, codeHash }))),
  ] as const;
}

/**
 * Confirming setup, as statements for one batch: new recovery codes, then (LAST, the guarded
 * statement `recordChange` checks) the pending secret becomes the secret, only if it is still
 * the one the code was checked against and no other secret was confirmed meanwhile.
 */
export function enableTwoFactorStatements(
  db: Db,
  input: { userId: string; secret: string; step: number; now: number; codeHashes: readonly string[] },
): BatchItem<"sqlite">[] {
  return [
    ...replaceRecoveryCodesStatements(db, input.userId, input.codeHashes),
    db
      .update(users)
      .set({ totpSecret: input.secret, totpPendingSecret: null, totpEnabledAt: input.now, totpLastStep: input.step })
      .where(and(eq(users.id, input.userId), eq(users.totpPendingSecret, input.secret), isNull(users.totpSecret))),
  ];
}

/**
 * Turning two-factor off, as statements: recovery codes gone, then (LAST, guarded) the secret.
 * Sessions still waiting for a code (`pending = two_factor`) of this person end too.
 */
export function disableTwoFactorStatements(db: Db, userId: string): BatchItem<"sqlite">[] {
  return [
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.pending, "two_factor"))),
    db
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(users.id, userId), sql`${users.totpSecret} is not null`)),
  ];
}
