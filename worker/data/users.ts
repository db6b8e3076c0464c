import { and, asc, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  branches,
  invitations,
  membershipBranches,
  membershipRegions,
  memberships,
  organizations,
  regions,
  sessions,
  users,
} from "../../schema";
import type { EmailMode, Locale, MembershipStatus, Role } from "../../schema/enums";
import { INVITATION_TTL_MS } from "../domain/memberships";
import type { ChainHead } from "../domain/trail";
import { randomToken, sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { fieldChanges, recordChange } from "./changes";
import { type Db, inJsonList } from "./db";
import { chainHeadOf, chainHeadQuery } from "./events";
import { containsText } from "./scope";
import { deleteUserSessionsQuery } from "./sessions";

export interface MemberRow {
  /**
   * How the organisation addresses this member: the person's user id once they have accepted,
   * the membership id while they have not. An invitation must not hand one organisation the id
   * another organisation knows the person by (it would tell that the email has an account).
   */
  id: string;
  userId: string;
  email: string;
  /** The organisation's label for the person, else (once accepted) their own profile name. */
  displayName: string;
  /** The person's language once accepted; the invitation's language before. */
  locale: Locale;
  membershipId: string;
  role: Role;
  status: MembershipStatus;
  acceptedAt: number | null;
  regionIds: string[];
  branchIds: string[];
  createdAt: number;
  /** The membership's version: a change names it (409 `stale_version` when it moved on). */
  version: number;
}

export interface MemberFilter {
  q?: string;
  role?: Role;
  status?: MembershipStatus;
}

/**
 * The name an organisation shows for a member. Before acceptance only what the admin typed (or
 * the email) is shown: the profile name belongs to the person and may come from elsewhere. A
 * deleted account shows its former member's name ("Former member 3f9a1c", domain/former-members.ts).
 */
export const memberName = sql<string>`case when ${users.deletedAt} is not null then ${users.displayName} else coalesce(${memberships.displayLabel}, case when ${memberships.acceptedAt} is null then ${users.email} else ${users.displayName} end) end`;

const memberColumns = {
  userId: users.id,
  email: users.email,
  displayName: memberName.as("member_name"),
  profileLocale: users.locale,
  invitedLocale:
    sql<Locale | null>`(select ${invitations.locale} from ${invitations} where ${invitations.membershipId} = ${memberships.id} order by ${invitations.createdAt} desc limit 1)`.as(
      "invited_locale",
    ),
  membershipId: sql<string>`${memberships.id}`.as("membership_id"),
  role: memberships.role,
  status: memberships.status,
  acceptedAt: memberships.acceptedAt,
  createdAt: memberships.createdAt,
  version: memberships.version,
};

function selectMembers(db: Db) {
  return db.select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId));
}

type MemberSelect = Awaited<ReturnType<typeof selectMembers>>[number];

/**
 * The scope rows of the memberships `where` admits (one statement each, for a batch). Scope rows
 * are read through their membership's organisation, never by a list of membership ids.
 */
function scopeReads(db: Db, where: SQL | undefined) {
  return [
    db
      .select({ membershipId: membershipRegions.membershipId, regionId: membershipRegions.regionId })
      .from(membershipRegions)
      .innerJoin(memberships, eq(memberships.id, membershipRegions.membershipId))
      .where(where),
    db
      .select({ membershipId: membershipBranches.membershipId, branchId: membershipBranches.branchId })
      .from(membershipBranches)
      .innerJoin(memberships, eq(memberships.id, membershipBranches.membershipId))
      .where(where),
  ] as const;
}

type ScopeRows = readonly [
  Array<{ membershipId: string; regionId: string }>,
  Array<{ membershipId: string; branchId: string }>,
];

/** Members with their scopes: the scope rows are grouped by membership once, not searched per member. */
function withScopes(rows: readonly MemberSelect[], [regionRows, branchRows]: ScopeRows): MemberRow[] {
  const regionIds = new Map<string, string[]>();
  const branchIds = new Map<string, string[]>();
  for (const r of regionRows) regionIds.set(r.membershipId, [...(regionIds.get(r.membershipId) ?? []), r.regionId]);
  for (const r of branchRows) branchIds.set(r.membershipId, [...(branchIds.get(r.membershipId) ?? []), r.branchId]);
  return rows.map(({ profileLocale, invitedLocale, ...row }) => ({
    ...row,
    id: row.acceptedAt === null ? row.membershipId : row.userId,
    locale: row.acceptedAt === null ? (invitedLocale ?? "en") : profileLocale,
    regionIds: regionIds.get(row.membershipId) ?? [],
    branchIds: branchIds.get(row.membershipId) ?? [],
  }));
}

/**
 * Which of a scope's region and branch ids exist in the organisation (to validate references),
 * in one round trip; none when both lists are empty.
 */
export async function findScopeReferences(
  db: Db,
  organizationId: string,
  scope: { regionIds: readonly string[]; branchIds: readonly string[] },
): Promise<{ regions: Set<string>; branches: Set<string> }> {
  if (scope.regionIds.length === 0 && scope.branchIds.length === 0) return { regions: new Set(), branches: new Set() };
  const [regionRows, branchRows] = await db.batch([
    db
      .select({ id: regions.id })
      .from(regions)
      .where(and(eq(regions.organizationId, organizationId), inJsonList(regions.id, scope.regionIds))),
    db
      .select({ id: branches.id })
      .from(branches)
      .where(and(eq(branches.organizationId, organizationId), inJsonList(branches.id, scope.branchIds))),
  ]);
  return { regions: new Set(regionRows.map((r) => r.id)), branches: new Set(branchRows.map((r) => r.id)) };
}

/** Members of an organisation (any status), ordered by display name, with their scopes: one round trip. */
export async function listMembers(db: Db, organizationId: string, filter: MemberFilter = {}): Promise<MemberRow[]> {
  const [rows, ...scopes] = await db.batch([
    selectMembers(db)
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          filter.role ? eq(memberships.role, filter.role) : undefined,
          filter.status ? eq(memberships.status, filter.status) : undefined,
          filter.q ? or(containsText(users.email, filter.q), containsText(memberName, filter.q)) : undefined,
        ),
      )
      .orderBy(asc(memberName), asc(users.email))
      .limit(1000),
    ...scopeReads(db, eq(memberships.organizationId, organizationId)),
  ]);
  return withScopes(rows, scopes);
}

/**
 * The statements that read one member with its scope (for the end of a batch): by the id it
 * presents (user id, or membership id while pending).
 */
function memberReads(db: Db, organizationId: string, id: string) {
  const theMember = and(
    eq(memberships.organizationId, organizationId),
    or(eq(memberships.userId, id), eq(memberships.id, id)),
  );
  return [selectMembers(db).where(theMember).limit(1), ...scopeReads(db, theMember)] as const;
}

type MemberReadResults = readonly [MemberSelect[], ...ScopeRows];

function memberFrom([rows, ...scopes]: MemberReadResults): MemberRow | null {
  return withScopes(rows, scopes)[0] ?? null;
}

/**
 * One member of an organisation by the id it presents (user id, or membership id while pending),
 * with its scope, in one round trip; null when there is no such member there.
 */
export async function getMember(db: Db, organizationId: string, id: string): Promise<MemberRow | null> {
  return memberFrom(await db.batch(memberReads(db, organizationId, id)));
}

/** One member (as `getMember`) and the organisation's chain head, in one round trip. */
export async function getMemberForChange(
  db: Db,
  organizationId: string,
  id: string,
): Promise<{ member: MemberRow | null; head: ChainHead | null }> {
  const [rows, regionRows, branchRows, head] = await db.batch([
    ...memberReads(db, organizationId, id),
    chainHeadQuery(db, organizationId),
  ]);
  return { member: memberFrom([rows, regionRows, branchRows]), head: chainHeadOf(head) };
}

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ?? null;
}

/** The organisations where a user has an active membership, oldest first. */
export async function listActiveMemberships(db: Db, userId: string) {
  return activeMembershipsQuery(db, userId);
}

/** `listActiveMemberships` as a statement, for a read batch (`GET /me`). */
export function activeMembershipsQuery(db: Db, userId: string) {
  return db
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      nameEn: organizations.nameEn,
      nameZh: organizations.nameZh,
      role: memberships.role,
      staffNames: organizations.staffNames,
      requireTwoFactor: organizations.requireTwoFactor,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.createdAt), asc(organizations.slug));
}

/**
 * Changes a person's own profile. A new password also ends every other session of theirs, in
 * every organisation (whoever knew the old password is signed out); the current one stays.
 */
export async function updateProfile(
  db: Db,
  actor: { userId: string; sessionId: string },
  patch: { displayName?: string; locale?: Locale; emailMode?: EmailMode; timeZone?: string; passwordHash?: string },
) {
  if (Object.values(patch).every((v) => v === undefined)) return;
  const update = db
    .update(users)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(users.id, actor.userId));
  if (!patch.passwordHash) {
    await update;
    return;
  }
  await db.batch([
    update,
    db.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId))),
  ]);
}

/**
 * Inserts a membership's scope rows, each list bound as one JSON parameter; only where `guard`
 * holds when one is given (so a batch whose first change lost a race writes nothing more).
 */
function scopeInserts(
  db: Db,
  membershipId: string,
  scope: { regionIds: readonly string[]; branchIds: readonly string[] },
  guard: SQL = sql`1`,
) {
  // Column order is the table's: (membership_id, region_id) and (membership_id, branch_id).
  const rows = (ids: readonly string[]) =>
    sql`select ${membershipId}, value from json_each(${JSON.stringify(ids)}) where ${guard}`;
  const items: BatchItem<"sqlite">[] = [];
  if (scope.regionIds.length) items.push(db.insert(membershipRegions).select(rows(scope.regionIds)));
  if (scope.branchIds.length) items.push(db.insert(membershipBranches).select(rows(scope.branchIds)));
  return items;
}

async function newInvitation(input: {
  membershipId: string;
  organizationId: string;
  createdBy: string;
  locale: Locale;
  now: number;
}) {
  const token = randomToken();
  const expiresAt = input.now + INVITATION_TTL_MS;
  const row = {
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    membershipId: input.membershipId,
    organizationId: input.organizationId,
    createdBy: input.createdBy,
    locale: input.locale,
    createdAt: input.now,
    expiresAt,
  };
  return { token, expiresAt, row };
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
 * Adds a person to an organisation with a one-time link. The name and language the admin typed
 * belong to the membership and the invitation: an existing account is used as it is (its
 * profile is the person's own), a new email gets an account with them as a first profile.
 * Everything is written in one D1 batch.
 */
export async function inviteMember(
  db: Db,
  organizationId: string,
  input: InviteInput,
  actor: { userId: string; role: string },
  now: number,
): Promise<{ member: MemberRow; token: string; expiresAt: number }> {
  const createdBy = actor.userId;
  const [existingRows, memberRows] = await db.batch([
    db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1),
    db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, organizationId), eq(users.email, input.email)))
      .limit(1),
  ]);
  if (memberRows.length > 0) {
    throw new ApiError("conflict", "This person is already a member of the organisation", {
      errors: [{ path: "email", code: "taken", message: "Already a member of this organisation" }],
    });
  }
  const existing = existingRows[0];
  const userId = existing?.id ?? crypto.randomUUID();
  const membershipId = crypto.randomUUID();
  const invitation = await newInvitation({
    membershipId,
    organizationId,
    createdBy,
    locale: input.locale,
    now,
  });
  const statements: BatchItem<"sqlite">[] = [];
  if (!existing) {
    statements.push(
      db.insert(users).values({ id: userId, email: input.email, displayName: input.displayName, locale: input.locale }),
    );
  }
  statements.push(
    db.insert(memberships).values({
      id: membershipId,
      userId,
      organizationId,
      role: input.role,
      status: "invited",
      displayLabel: input.displayName,
    }),
    ...scopeInserts(db, membershipId, input),
    db.insert(invitations).values(invitation.row),
  );
  // The new member is read back in the same batch as the write and its event: the answer comes from the write.
  const { after } = await recordChange(db, {
    organizationId,
    actor,
    at: now,
    drafts: [
      {
        type: "membership.invited",
        subject: { type: "membership", id: membershipId },
        payload: {
          email: input.email,
          label: input.displayName,
          role: input.role,
          regionIds: input.regionIds,
          branchIds: input.branchIds,
          locale: input.locale,
        },
      },
    ],
    change: statements,
    after: memberReads(db, organizationId, membershipId),
  });
  const member = memberFrom(after as unknown as MemberReadResults);
  if (!member) throw new Error("member not written");
  return { member, token: invitation.token, expiresAt: invitation.expiresAt };
}

/**
 * Replaces a pending member's invitation link with a fresh one, in the language of the last.
 * Refused (409) when the membership was accepted meanwhile: the guard is in the statement.
 */
export async function reissueInvitation(
  db: Db,
  organizationId: string,
  member: { membershipId: string; locale: Locale },
  createdBy: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const { membershipId } = member;
  const invitation = await newInvitation({
    membershipId,
    organizationId,
    createdBy,
    locale: member.locale,
    now,
  });
  const pending = sql`exists (select 1 from ${memberships} where ${memberships.id} = ${membershipId} and ${memberships.acceptedAt} is null)`;
  const [, inserted] = await db.batch([
    db
      .delete(invitations)
      .where(and(eq(invitations.membershipId, membershipId), isNull(invitations.acceptedAt), pending)),
    // Column order is the table's: drizzle names every column of `invitations` in the INSERT.
    db
      .insert(invitations)
      .select(
        sql`select ${invitation.row.id}, ${invitation.row.tokenHash}, ${membershipId}, ${organizationId}, ${createdBy}, ${member.locale}, ${now}, ${invitation.expiresAt}, null where ${pending}`,
      )
      .returning({ id: invitations.id }),
  ]);
  if (inserted.length === 0) throw new ApiError("conflict", "This person has already accepted their invitation");
  return { token: invitation.token, expiresAt: invitation.expiresAt };
}

export interface MemberPatch {
  /** The organisation's own label for the person; never their profile. */
  displayLabel?: string;
  role?: Role;
  status?: MembershipStatus;
  /** Replaces the whole scope when given. */
  scope?: { regionIds: readonly string[]; branchIds: readonly string[] };
}

/**
 * Applies an admin's change to a membership with its `membership.changed` event (old → new of
 * role, status, label and scope) and reads it back, in one batch; deactivation also ends the
 * person's sessions in this organisation. Nothing to change: answers `member`.
 *
 * The UPDATE repeats what the caller read (`member.version`, and the role a new scope was checked
 * against) and bumps the version; the event after it only fits when that UPDATE changed the row,
 * so when another change got there first the whole batch fails and `StaleWrite` is thrown (the
 * route answers 409 `stale_version`). Only membership rows are written: the profile is the person's.
 * A membership never accepted cannot become active, whatever arrives: the rule is in the UPDATE.
 */
export async function updateMember(
  db: Db,
  organizationId: string,
  member: MemberRow,
  patch: MemberPatch,
  trail: { actor: { userId: string; role: string } | null; head?: ChainHead | null } = { actor: null },
): Promise<MemberRow | null> {
  const now = Date.now();
  // A membership never accepted goes back to `invited`, not `active` (the UPDATE repeats the rule).
  const status = patch.status === "active" && member.acceptedAt === null ? "invited" : patch.status;
  const changes = fieldChanges<Record<string, unknown>>(
    {
      label: member.displayName,
      role: member.role,
      status: member.status,
      regionIds: member.regionIds,
      branchIds: member.branchIds,
    },
    {
      label: patch.displayLabel,
      role: patch.role,
      status,
      regionIds: patch.scope?.regionIds,
      branchIds: patch.scope?.branchIds,
    },
  );
  if (Object.keys(changes).length === 0) return member;
  const after: BatchItem<"sqlite">[] = [];
  if (patch.scope) {
    after.push(
      db.delete(membershipRegions).where(eq(membershipRegions.membershipId, member.membershipId)),
      db.delete(membershipBranches).where(eq(membershipBranches.membershipId, member.membershipId)),
      ...scopeInserts(db, member.membershipId, patch.scope),
    );
  }
  if (status === "deactivated") after.push(deleteUserSessionsQuery(db, member.userId, organizationId));
  const reads = memberReads(db, organizationId, member.membershipId);
  const result = await recordChange(db, {
    organizationId,
    actor: trail.actor,
    head: trail.head,
    at: now,
    drafts: [
      { type: "membership.changed", subject: { type: "membership", id: member.membershipId }, payload: { changes } },
    ],
    change: [
      db
        .update(memberships)
        .set({
          displayLabel: patch.displayLabel,
          role: patch.role,
          status:
            status === undefined
              ? undefined
              : sql`case when ${memberships.acceptedAt} is null and ${status} = 'active' then 'invited' else ${status} end`,
          updatedAt: now,
          version: sql`${memberships.version} + 1`,
        })
        .where(
          and(
            eq(memberships.id, member.membershipId),
            eq(memberships.organizationId, organizationId),
            eq(memberships.version, member.version),
            eq(memberships.role, member.role),
          ),
        ),
    ],
    guarded: true,
    after: [...after, ...reads],
  });
  return memberFrom(result.after.slice(after.length) as unknown as MemberReadResults);
}

/** The invitation behind a link, with who it is for; null when unknown. */
export async function findInvitation(db: Db, token: string) {
  const rows = await db
    .select({
      id: invitations.id,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      locale: invitations.locale,
      membershipId: memberships.id,
      membershipStatus: memberships.status,
      displayLabel: memberships.displayLabel,
      organizationId: organizations.id,
      organizationNameEn: organizations.nameEn,
      organizationNameZh: organizations.nameZh,
      userId: users.id,
      email: users.email,
      passwordHash: users.passwordHash,
      role: memberships.role,
      totpEnabledAt: users.totpEnabledAt,
      requireTwoFactor: organizations.requireTwoFactor,
    })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Uses an invitation: marks it used, activates the membership (the organisation now shows the
 * person's own profile name) and, for a new account, stores the chosen name and password.
 *
 * Single use under concurrency: the first statement claims the invitation by replacing its token
 * hash with a value only this request knows, and every later statement only applies where that
 * claim holds. D1 runs a batch as one transaction, so of N simultaneous accepts exactly one sees
 * its claim; the others change nothing and get `false`.
 */
export async function acceptInvitation(
  db: Db,
  input: {
    invitationId: string;
    membershipId: string;
    userId: string;
    /** A new account's first password and name; absent when an existing account accepts. */
    newAccount?: { passwordHash: string; displayName: string };
    now: number;
  },
): Promise<boolean> {
  const claim = `used:${crypto.randomUUID()}`;
  const claimed = sql`exists (select 1 from ${invitations} where ${invitations.id} = ${input.invitationId} and ${invitations.tokenHash} = ${claim})`;
  // A new account's password must be the one this request set (not one a parallel acceptance of
  // another organisation's invitation set first).
  const accountReady = input.newAccount
    ? sql`exists (select 1 from ${users} where ${users.id} = ${input.userId} and ${users.passwordHash} = ${input.newAccount.passwordHash})`
    : sql`1`;
  const [, , activated] = await db.batch([
    db
      .update(invitations)
      .set({ acceptedAt: input.now, tokenHash: claim })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          isNull(invitations.acceptedAt),
          sql`${invitations.expiresAt} > ${input.now}`,
        ),
      ),
    input.newAccount
      ? db
          .update(users)
          .set({ ...input.newAccount, updatedAt: input.now })
          .where(and(eq(users.id, input.userId), isNull(users.passwordHash), claimed))
      : db.select({ one: sql`1` }).from(users).limit(0),
    db
      .update(memberships)
      .set({
        status: "active",
        acceptedAt: input.now,
        displayLabel: null,
        updatedAt: input.now,
        version: sql`${memberships.version} + 1`,
      })
      .where(and(eq(memberships.id, input.membershipId), eq(memberships.status, "invited"), claimed, accountReady))
      .returning({ id: memberships.id }),
  ]);
  return activated.length === 1;
}
