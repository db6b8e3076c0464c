import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { invitations, membershipBranches, membershipRegions, memberships, organizations, users } from "../../schema";
import type { Locale, MembershipStatus, Role } from "../../schema/enums";
import { INVITATION_TTL_MS } from "../domain/memberships";
import { randomToken, sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { Db } from "./db";
import { containsText } from "./scope";
import { deleteUserSessionsQuery } from "./sessions";

export interface MemberRow {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  hasPassword: boolean;
  membershipId: string;
  role: Role;
  status: MembershipStatus;
  regionIds: string[];
  branchIds: string[];
  createdAt: number;
}

export interface MemberFilter {
  q?: string;
  role?: Role;
  status?: MembershipStatus;
}

const memberColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  locale: users.locale,
  passwordHash: users.passwordHash,
  membershipId: memberships.id,
  role: memberships.role,
  status: memberships.status,
  createdAt: memberships.createdAt,
};

function selectMembers(db: Db) {
  return db.select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId));
}

type MemberSelect = Awaited<ReturnType<typeof selectMembers>>[number];

/**
 * Adds each member's scope. Reads the organisation's scope rows by organisation rather than
 * by a list of membership ids, which would hit D1's limit of 100 bound parameters.
 */
async function withScopes(db: Db, organizationId: string, rows: MemberSelect[]): Promise<MemberRow[]> {
  if (rows.length === 0) return [];
  const inOrg = and(
    eq(memberships.organizationId, organizationId),
    rows.length === 1 ? eq(memberships.id, rows[0]?.membershipId ?? "") : undefined,
  );
  const [regionRows, branchRows] = await db.batch([
    db
      .select({ membershipId: membershipRegions.membershipId, regionId: membershipRegions.regionId })
      .from(membershipRegions)
      .innerJoin(memberships, eq(memberships.id, membershipRegions.membershipId))
      .where(inOrg),
    db
      .select({ membershipId: membershipBranches.membershipId, branchId: membershipBranches.branchId })
      .from(membershipBranches)
      .innerJoin(memberships, eq(memberships.id, membershipBranches.membershipId))
      .where(inOrg),
  ]);
  return rows.map(({ passwordHash, ...row }) => ({
    ...row,
    hasPassword: passwordHash !== null,
    regionIds: regionRows.filter((r) => r.membershipId === row.membershipId).map((r) => r.regionId),
    branchIds: branchRows.filter((r) => r.membershipId === row.membershipId).map((r) => r.branchId),
  }));
}

/** Members of an organisation (any status), ordered by display name. */
export async function listMembers(db: Db, organizationId: string, filter: MemberFilter = {}): Promise<MemberRow[]> {
  const rows = await selectMembers(db)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        filter.role ? eq(memberships.role, filter.role) : undefined,
        filter.status ? eq(memberships.status, filter.status) : undefined,
        filter.q ? or(containsText(users.email, filter.q), containsText(users.displayName, filter.q)) : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.email))
    .limit(1000);
  return withScopes(db, organizationId, rows);
}

/** One member of an organisation by user id, or null when the user is not a member there. */
export async function getMember(db: Db, organizationId: string, userId: string): Promise<MemberRow | null> {
  const rows = await selectMembers(db)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  const [member] = await withScopes(db, organizationId, rows);
  return member ?? null;
}

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ?? null;
}

/** The organisations where a user has an active membership, oldest first. */
export async function listActiveMemberships(db: Db, userId: string) {
  return db
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      nameEn: organizations.nameEn,
      nameZh: organizations.nameZh,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.createdAt), asc(organizations.slug));
}

export async function updateProfile(db: Db, userId: string, patch: { displayName?: string; locale?: Locale }) {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(users)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(users.id, userId));
}

function scopeInserts(
  db: Db,
  membershipId: string,
  scope: { regionIds: readonly string[]; branchIds: readonly string[] },
) {
  const items: BatchItem<"sqlite">[] = [];
  if (scope.regionIds.length) {
    items.push(db.insert(membershipRegions).values(scope.regionIds.map((regionId) => ({ membershipId, regionId }))));
  }
  if (scope.branchIds.length) {
    items.push(db.insert(membershipBranches).values(scope.branchIds.map((branchId) => ({ membershipId, branchId }))));
  }
  return items;
}

async function invitationInsert(
  db: Db,
  input: { membershipId: string; organizationId: string; createdBy: string; now: number },
) {
  const token = randomToken();
  const expiresAt = input.now + INVITATION_TTL_MS;
  const insert = db.insert(invitations).values({
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    membershipId: input.membershipId,
    organizationId: input.organizationId,
    createdBy: input.createdBy,
    createdAt: input.now,
    expiresAt,
  });
  return { token, expiresAt, insert };
}

export interface InviteInput {
  email: string;
  displayName: string;
  locale: Locale;
  role: Role;
  regionIds: readonly string[];
  branchIds: readonly string[];
}

/**
 * Adds a person to an organisation with a one-time link to set their password.
 * Creates the user when the email is new; everything is written in one D1 batch.
 */
export async function inviteMember(
  db: Db,
  organizationId: string,
  input: InviteInput,
  createdBy: string,
  now: number,
): Promise<{ userId: string; token: string; expiresAt: number }> {
  const existing = await findUserByEmail(db, input.email);
  if (existing && (await getMember(db, organizationId, existing.id))) {
    throw new ApiError("conflict", "This person is already a member of the organisation", {
      errors: [{ path: "email", code: "taken", message: "Already a member of this organisation" }],
    });
  }
  const userId = existing?.id ?? crypto.randomUUID();
  const membershipId = crypto.randomUUID();
  const invitation = await invitationInsert(db, { membershipId, organizationId, createdBy, now });
  const statements: BatchItem<"sqlite">[] = [];
  if (!existing) {
    statements.push(
      db.insert(users).values({ id: userId, email: input.email, displayName: input.displayName, locale: input.locale }),
    );
  }
  statements.push(
    db.insert(memberships).values({ id: membershipId, userId, organizationId, role: input.role, status: "invited" }),
    ...scopeInserts(db, membershipId, input),
    invitation.insert,
  );
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return { userId, token: invitation.token, expiresAt: invitation.expiresAt };
}

/** Replaces a pending member's invitation link with a fresh one. */
export async function reissueInvitation(
  db: Db,
  organizationId: string,
  membershipId: string,
  createdBy: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const invitation = await invitationInsert(db, { membershipId, organizationId, createdBy, now });
  await db.batch([
    db.delete(invitations).where(and(eq(invitations.membershipId, membershipId), isNull(invitations.acceptedAt))),
    invitation.insert,
  ]);
  return { token: invitation.token, expiresAt: invitation.expiresAt };
}

export interface MemberPatch {
  displayName?: string;
  role?: Role;
  status?: MembershipStatus;
  /** Replaces the whole scope when given. */
  scope?: { regionIds: readonly string[]; branchIds: readonly string[] };
}

/** Applies an admin's change to a member in one batch; deactivation also ends their sessions. */
export async function updateMember(
  db: Db,
  organizationId: string,
  member: MemberRow,
  patch: MemberPatch,
): Promise<void> {
  const now = Date.now();
  const statements: BatchItem<"sqlite">[] = [];
  if (patch.displayName !== undefined) {
    statements.push(
      db.update(users).set({ displayName: patch.displayName, updatedAt: now }).where(eq(users.id, member.id)),
    );
  }
  if (patch.role !== undefined || patch.status !== undefined) {
    statements.push(
      db
        .update(memberships)
        .set({ role: patch.role, status: patch.status, updatedAt: now })
        .where(eq(memberships.id, member.membershipId)),
    );
  }
  if (patch.scope) {
    statements.push(
      db.delete(membershipRegions).where(eq(membershipRegions.membershipId, member.membershipId)),
      db.delete(membershipBranches).where(eq(membershipBranches.membershipId, member.membershipId)),
      ...scopeInserts(db, member.membershipId, patch.scope),
    );
  }
  if (patch.status === "deactivated") {
    statements.push(deleteUserSessionsQuery(db, member.id, organizationId));
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** The invitation behind a link, with who it is for; null when unknown. */
export async function findInvitation(db: Db, token: string) {
  const rows = await db
    .select({
      id: invitations.id,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      membershipId: memberships.id,
      membershipStatus: memberships.status,
      organizationId: organizations.id,
      organizationNameEn: organizations.nameEn,
      organizationNameZh: organizations.nameZh,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      passwordHash: users.passwordHash,
    })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .limit(1);
  return rows[0] ?? null;
}

/** Marks an invitation used, activates the membership and (for new users) stores the password hash. */
export async function acceptInvitation(
  db: Db,
  input: {
    invitationId: string;
    membershipId: string;
    userId: string;
    passwordHash?: string;
    displayName: string;
    now: number;
  },
): Promise<void> {
  await db.batch([
    db
      .update(users)
      .set({
        displayName: input.displayName,
        updatedAt: input.now,
        ...(input.passwordHash ? { passwordHash: input.passwordHash } : {}),
      })
      .where(eq(users.id, input.userId)),
    db
      .update(memberships)
      .set({ status: "active", updatedAt: input.now })
      .where(eq(memberships.id, input.membershipId)),
    db.update(invitations).set({ acceptedAt: input.now }).where(eq(invitations.id, input.invitationId)),
  ]);
}
