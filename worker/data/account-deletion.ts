/**
 * Deleting one's own account (docs/PRIVACY.md, "Account deletion"): what is erased, in ONE D1
 * batch, with `user.deleted` chained into the trail of every organisation the person was a
 * member of (each organisation's chain gets its own event; the multi-organisation pattern of
 * `data/account-lock.ts`, but atomic: all chains move or none).
 */
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { invitations, mailMessages, memberships, recoveryCodes, sessions, shopperProfiles, users } from "../../schema";
import type { MembershipStatus, Role } from "../../schema/enums";
import { formerMemberName } from "../domain/former-members";
import { chainEvents } from "../domain/trail";
import type { Db } from "./db";
import { appendEventStatements, chainHeadOf, chainHeadQuery, commitChained } from "./events";

/** Every membership of the person, in any state: where `user.deleted` goes and what ends. */
export function allMembershipsQuery(db: Db, userId: string) {
  return db
    .select({
      id: memberships.id,
      organizationId: memberships.organizationId,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .where(eq(memberships.userId, userId));
}

/**
 * The organisations where the person is the only active admin and someone else is still an
 * active member: deleting the account would leave them with no one to run them (`last_admin`).
 * An organisation with no one else left may go with its last member.
 */
export function soleAdminOrganizationsQuery(db: Db, userId: string) {
  const others = (role?: Role) =>
    sql<number>`(select ${count()} from ${memberships} as m2 where m2.organization_id = ${memberships.organizationId}
      and m2.user_id <> ${userId} and m2.status = 'active'${role ? sql` and m2.role = ${role}` : sql``})`;
  return db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, "admin"),
        eq(memberships.status, "active"),
        sql`${others("admin")} = 0`,
        sql`${others()} > 0`,
      ),
    );
}

export interface AccountDeletion {
  userId: string;
  /** The address the account had: its pending mail is dropped. */
  email: string;
  /** The six hex digits the account goes by from now on (`formerMemberPseudonym`). */
  pseudonym: string;
  memberships: ReadonlyArray<{ id: string; organizationId: string; role: Role; status: MembershipStatus }>;
  now: number;
}

/**
 * Erases an account in one batch: the email becomes `deleted-<id>@deleted.invalid` (the unique
 * index keeps holding), the display name becomes the former member's pseudonymous name, the
 * password and second factor go, `deletedAt` is set; every membership is deactivated and its
 * label erased; sessions, recovery codes, open invitations, pending mail to the address and the
 * shopper coverage are deleted; `user.deleted` (payload: the pseudonym only) is chained into
 * every organisation of a membership. Reports, disputes, actions and events keep the user id:
 * it is the pseudonymous id now. Retries with fresh heads when another request took a seq; throws
 * `StaleWrite` when, once written, an organisation would have active members and no active admin,
 * or when the account was deleted meanwhile (by a request at the same moment).
 */
export async function deleteAccount(db: Db, input: AccountDeletion): Promise<void> {
  const { userId, now } = input;
  const membershipIds = input.memberships.map((m) => m.id);
  const change: BatchItem<"sqlite">[] = [
    db
      .update(users)
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        displayName: formerMemberName(input.pseudonym),
        passwordHash: null,
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        deletedAt: now,
        updatedAt: now,
      })
      .where(and(eq(users.id, userId), isNull(users.deletedAt))),
    db
      .update(memberships)
      .set({ status: "deactivated", displayLabel: null, updatedAt: now, version: sql`${memberships.version} + 1` })
      .where(eq(memberships.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.delete(invitations).where(and(inArray(invitations.membershipId, membershipIds), isNull(invitations.acceptedAt))),
    db.delete(mailMessages).where(and(eq(mailMessages.toAddress, input.email), eq(mailMessages.status, "pending"))),
    db.delete(shopperProfiles).where(inArray(shopperProfiles.membershipId, membershipIds)),
  ];
  const organizations = [...new Map(input.memberships.map((m) => [m.organizationId, m])).values()];
  await commitChained(async () => {
    const heads =
      organizations.length === 0
        ? []
        : await db.batch(
            organizations.map((m) => chainHeadQuery(db, m.organizationId)) as unknown as [
              ReturnType<typeof chainHeadQuery>,
            ],
          );
    const trail: BatchItem<"sqlite">[] = [];
    for (const [index, m] of organizations.entries()) {
      const chained = await chainEvents(
        chainHeadOf(heads[index] ?? []),
        [{ type: "user.deleted", subject: { type: "user", id: userId }, payload: { pseudonym: input.pseudonym } }],
        { organizationId: m.organizationId, at: now, actor: { userId, role: m.role } },
      );
      // The events go first in the batch, each guarded (a NULL seq fails the whole batch:
      // `StaleWrite`): the account is not deleted yet (two deletions at once chain
      // `user.deleted` once), and, where the person was an active member, the organisation
      // is still run once their memberships end: the person is no admin there (their role as it
      // is NOW: a promotion since the read counts), or someone else is an active admin, or no one
      // else is an active member (the route's `last_admin` check before was only a read).
      const active = input.memberships.some((x) => x.organizationId === m.organizationId && x.status === "active");
      const notDeleted = sql`exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.deletedAt} is null)`;
      const others = sql`${memberships.organizationId} = ${m.organizationId} and ${memberships.userId} <> ${userId} and ${memberships.status} = 'active'`;
      const stillRun = sql`not exists (select 1 from ${memberships} where ${memberships.organizationId} = ${m.organizationId} and ${memberships.userId} = ${userId} and ${memberships.role} = 'admin')
        or not exists (select 1 from ${memberships} where ${others} and ${memberships.role} <> 'admin')
        or exists (select 1 from ${memberships} where ${others} and ${memberships.role} = 'admin')`;
      const guard = active ? sql`${notDeleted} and (${stillRun})` : notDeleted;
      trail.push(...appendEventStatements(db, chained, { guard }));
    }
    const [first, ...rest] = [...trail, ...change];
    if (first) await db.batch([first, ...rest]);
  });
}

/** Whether the account is deleted (a deletion that lost a race checks whether the other one did it). */
export async function isAccountDeleted(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId));
  return row?.deletedAt != null;
}
