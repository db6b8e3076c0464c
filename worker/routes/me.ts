import { type Context, Hono } from "hono";
import { calibrationInvitationQuery } from "../data/calibrations";
import { shopperEarningsQuery } from "../data/earnings";
import { currencyQuery } from "../data/payouts";
import type { SessionActor } from "../data/sessions";
import { switchSessionOrganization } from "../data/sessions";
import { recoveryCodesLeftQuery } from "../data/two-factor";
import { activeMembershipsQuery, findUserByEmail, listActiveMemberships, updateProfile } from "../data/users";
import { localDate } from "../domain/audits";
import { shopperEarningStatus } from "../domain/payouts";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor, signedIn } from "../lib/authorize";
import { hashPassword } from "../lib/crypto";
import { fieldError } from "../lib/errors";
import { attemptPassword } from "../lib/password-attempt";
import { validate } from "../lib/validate";
import { presentMe } from "../presenters";
import { switchOrganizationBody, updateMeBody } from "../validation/auth";

/**
 * Checks the current password before a new one is set: required, throttled like signing in (a
 * stolen session must not become a password oracle), and refused with a field error when wrong.
 */
export async function checkCurrentPassword(
  c: Context<AppEnv>,
  actor: SessionActor,
  currentPassword: string | undefined,
): Promise<void> {
  if (!currentPassword)
    throw fieldError("currentPassword", "required", "Enter your current password to choose a new one");
  const user = await findUserByEmail(c.var.db, actor.email);
  if (!(await attemptPassword(c, actor.email, currentPassword, user?.passwordHash ?? null))) {
    throw fieldError("currentPassword", "invalid_value", "This is not your current password");
  }
}

/** Most visits `GET /me/earnings` lists (newest first). */
const EARNINGS_LIMIT = 500;

/** The signed-in user: who they are, where, in which role and scope. */
export const meRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    // One round trip: the memberships, whether a calibration invites them (the rater's nav
    // entry) and how many recovery codes they have left.
    const [organizations, invitations, [codesLeft]] = await db.batch([
      activeMembershipsQuery(db, actor.userId),
      calibrationInvitationQuery(db, actor.organizationId, actor.userId),
      recoveryCodesLeftQuery(db, actor.userId),
    ]);
    return c.json(
      presentMe(
        actor,
        organizations,
        { calibrationInvitations: invitations.length > 0 },
        { recoveryCodesLeft: codesLeft?.n ?? 0 },
      ),
    );
  })
  .patch("/", signedIn(), validate("json", updateMeBody), async (c) => {
    const actor = requireActor(c);
    const { currentPassword, newPassword, ...patch } = c.req.valid("json");
    let passwordHash: string | undefined;
    if (newPassword) {
      await checkCurrentPassword(c, actor, currentPassword);
      passwordHash = await hashPassword(newPassword);
    }
    await updateProfile(c.var.db, actor, { ...patch, passwordHash });
    const updated = { ...actor, ...patch };
    const [organizations, [codesLeft]] = await c.var.db.batch([
      activeMembershipsQuery(c.var.db, actor.userId),
      recoveryCodesLeftQuery(c.var.db, actor.userId),
    ]);
    return c.json(presentMe(updated, organizations, undefined, { recoveryCodesLeft: codesLeft?.n ?? 0 }));
  })
  .get("/earnings", permitRole("list", "earning"), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const [currency, rows] = await db.batch([
      currencyQuery(db, actor.organizationId),
      shopperEarningsQuery(db, actor.organizationId, actor.userId, EARNINGS_LIMIT),
    ]);
    const totals = { awaitingReviewCents: 0, payableCents: 0, approvedCents: 0, paidCents: 0 };
    const items = rows.flatMap((row) => {
      const status = shopperEarningStatus(row.earningStatus, row.auditStatus);
      if (!status) return [];
      const feeCents = Number(row.feeCents);
      const capCents = Number(row.capCents);
      const expenseCents = row.expenseCents === null ? null : Number(row.expenseCents);
      // Fixed once a payout took it; until then what it would be (the expense, capped).
      const reimbursementCents =
        row.reimbursementCents === null ? Math.min(expenseCents ?? 0, capCents) : Number(row.reimbursementCents);
      const amount = feeCents + reimbursementCents;
      if (status === "awaiting_review") totals.awaitingReviewCents += amount;
      else if (status === "payable") totals.payableCents += amount;
      else if (status === "approved") totals.approvedCents += amount;
      else if (status === "paid") totals.paidCents += amount;
      return [
        {
          assignmentId: row.assignmentId,
          auditId: row.auditId,
          branchNameEn: row.branchNameEn,
          branchNameZh: row.branchNameZh,
          visitDate: localDate(row.visitStartedAt, row.timezone),
          feeCents,
          reimbursementCapCents: capCents,
          expenseCents,
          reimbursementCents,
          status,
          payoutId: row.payoutId,
          paidAt: row.paidAt === null ? null : new Date(Number(row.paidAt)).toISOString(),
        },
      ];
    });
    return c.json({ currency: currency[0]?.currency ?? "CNY", totals, items });
  })
  .put("/organization", signedIn(), validate("json", switchOrganizationBody), async (c) => {
    const actor = requireActor(c);
    const { organizationId } = c.req.valid("json");
    const organizations = await listActiveMemberships(c.var.db, actor.userId);
    if (!organizations.some((o) => o.organizationId === organizationId)) {
      throw fieldError("organizationId", "unknown_reference", "You are not a member of this organisation");
    }
    await switchSessionOrganization(c.var.db, actor.sessionId, organizationId);
    return c.body(null, 204);
  });
