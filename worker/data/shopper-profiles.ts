/**
 * Shoppers' coverage profiles (`shopper_profiles`): the channels, regions and cities a shopper
 * covers and the branches they must never visit, which staffing reads (data/rounds.ts). A
 * shopper without a row covers every channel and no region yet, at version 1.
 */
import { and, eq, or, sql } from "drizzle-orm";
import { branches, memberships, regions, shopperProfiles } from "../../schema";
import type { Channel, MembershipStatus } from "../../schema/enums";
import { ASSIGNEE_ROLES } from "../domain/policy";
import { type Db, inJsonList, parseJsonColumn } from "./db";

export interface ShopperProfile {
  membershipId: string;
  userId: string;
  status: MembershipStatus;
  channels: Channel[];
  regionIds: string[];
  cities: string[];
  excludedBranchIds: string[];
  rating: number | null;
  updatedAt: number | null;
  version: number;
}

export type ShopperProfilePatch = Pick<ShopperProfile, "channels" | "regionIds" | "cities" | "excludedBranchIds">;

/** What a shopper without a profile covers. */
export const DEFAULT_PROFILE: ShopperProfilePatch = {
  channels: ["store", "call_centre"],
  regionIds: [],
  cities: [],
  excludedBranchIds: [],
};

/**
 * A shopper membership of the organisation with its profile (one statement, for a batch).
 * `memberId` is the membership's id, or the user's id (what the members list calls `id` once
 * the person has accepted). Non-shopper memberships are not found.
 */
export function shopperProfileQuery(db: Db, organizationId: string, memberId: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      status: memberships.status,
      channels: shopperProfiles.channels,
      regionIds: shopperProfiles.regionIds,
      cities: shopperProfiles.cities,
      excludedBranchIds: shopperProfiles.excludedBranchIds,
      rating: shopperProfiles.rating,
      updatedAt: shopperProfiles.updatedAt,
      version: sql<number>`coalesce(${shopperProfiles.version}, 1)`.as("profile_version"),
    })
    .from(memberships)
    .leftJoin(shopperProfiles, eq(shopperProfiles.membershipId, memberships.id))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        or(eq(memberships.id, memberId), eq(memberships.userId, memberId)),
        inJsonList(memberships.role, ASSIGNEE_ROLES),
      ),
    )
    .limit(1);
}

type ProfileQueryRow = Awaited<ReturnType<typeof shopperProfileQuery>>[number];

/** The profile of a row of `shopperProfileQuery` (defaults when the shopper has none). */
export function readProfile(row: ProfileQueryRow): ShopperProfile {
  const list = <T>(value: unknown, fallback: T[]): T[] => (value == null ? fallback : parseJsonColumn<T[]>(value));
  return {
    membershipId: row.membershipId,
    userId: row.userId,
    status: row.status,
    channels: list(row.channels, DEFAULT_PROFILE.channels),
    regionIds: list(row.regionIds, []),
    cities: list(row.cities, []),
    excludedBranchIds: list(row.excludedBranchIds, []),
    rating: row.rating ?? null,
    updatedAt: row.updatedAt ?? null,
    version: Number(row.version),
  };
}

/** Which of `ids` are regions of the organisation (one statement). */
export function knownRegionsQuery(db: Db, organizationId: string, ids: readonly string[]) {
  return db
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.organizationId, organizationId), inJsonList(regions.id, ids)));
}

/** Which of `ids` are branches of the organisation (one statement). */
export function knownBranchesQuery(db: Db, organizationId: string, ids: readonly string[]) {
  return db
    .select({ id: branches.id })
    .from(branches)
    .where(and(eq(branches.organizationId, organizationId), inJsonList(branches.id, ids)));
}

/**
 * The guarded write of a profile: inserted at version 2 when the shopper had none (their
 * implicit version 1), or updated only while still at `version`. Either way it changes exactly
 * one row or none (a stale version, or two first saves at once): put it last in `change` with
 * `guarded`.
 */
export function saveProfileStatement(
  db: Db,
  organizationId: string,
  membershipId: string,
  version: number,
  patch: ShopperProfilePatch,
  now: number,
) {
  const values = { ...patch, updatedAt: now };
  if (version === 1) {
    return db
      .insert(shopperProfiles)
      .values({ membershipId, organizationId, ...values, version: 2 })
      .onConflictDoUpdate({
        target: shopperProfiles.membershipId,
        set: { ...values, version: sql`${shopperProfiles.version} + 1` },
        setWhere: eq(shopperProfiles.version, 1),
      });
  }
  return db
    .update(shopperProfiles)
    .set({ ...values, version: sql`${shopperProfiles.version} + 1` })
    .where(
      and(
        eq(shopperProfiles.organizationId, organizationId),
        eq(shopperProfiles.membershipId, membershipId),
        eq(shopperProfiles.version, version),
      ),
    );
}
