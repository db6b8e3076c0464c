import { and, asc, count, eq, or } from "drizzle-orm";
import { branches, regions } from "../../schema";
import type { RegionScope } from "../domain/policy";
import { ApiError } from "../lib/errors";
import { type Db, inJsonList, isUniqueViolation } from "./db";
import { containsText, regionScopeCondition } from "./scope";

export interface RegionInput {
  code: string;
  nameEn: string;
  nameZh: string;
}

const regionColumns = {
  id: regions.id,
  organizationId: regions.organizationId,
  code: regions.code,
  nameEn: regions.nameEn,
  nameZh: regions.nameZh,
  createdAt: regions.createdAt,
  updatedAt: regions.updatedAt,
  branchCount: count(branches.id),
};

/** Regions with their branch counts: the shape every region query returns. */
function selectRegions(db: Db) {
  return db.select(regionColumns).from(regions).leftJoin(branches, eq(branches.regionId, regions.id));
}

export type RegionRow = Awaited<ReturnType<typeof selectRegions>>[number];

/** Regions of an organisation visible in `scope`, ordered by code, with their branch counts. */
export async function listRegions(
  db: Db,
  organizationId: string,
  scope: RegionScope,
  filter: { q?: string } = {},
): Promise<RegionRow[]> {
  return selectRegions(db)
    .where(
      and(
        eq(regions.organizationId, organizationId),
        regionScopeCondition(scope, regions.id),
        filter.q
          ? or(
              containsText(regions.code, filter.q),
              containsText(regions.nameEn, filter.q),
              containsText(regions.nameZh, filter.q),
            )
          : undefined,
      ),
    )
    .groupBy(regions.id)
    .orderBy(asc(regions.code));
}

/** One region of the organisation, or null. Scope is the policy's business, not this query's. */
export async function getRegion(db: Db, organizationId: string, id: string): Promise<RegionRow | null> {
  const rows = await selectRegions(db)
    .where(and(eq(regions.organizationId, organizationId), eq(regions.id, id)))
    .groupBy(regions.id);
  return rows[0] ?? null;
}

/** Ids of the given regions that exist in the organisation (to validate references). */
export async function findRegionIds(db: Db, organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.organizationId, organizationId), inJsonList(regions.id, ids)));
  return new Set(rows.map((r) => r.id));
}

function codeTaken(cause: unknown): ApiError {
  return new ApiError("conflict", "Another region already uses this code", {
    errors: [{ path: "code", code: "taken", message: "Another region already uses this code" }],
    cause,
  });
}

export async function createRegion(db: Db, organizationId: string, input: RegionInput): Promise<RegionRow> {
  const id = crypto.randomUUID();
  try {
    await db.insert(regions).values({ id, organizationId, ...input });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
  const created = await getRegion(db, organizationId, id);
  if (!created) throw new Error("region vanished after insert");
  return created;
}

export async function updateRegion(
  db: Db,
  organizationId: string,
  id: string,
  patch: Partial<RegionInput>,
): Promise<RegionRow | null> {
  if (Object.keys(patch).length > 0) {
    try {
      await db
        .update(regions)
        .set({ ...patch, updatedAt: Date.now() })
        .where(and(eq(regions.organizationId, organizationId), eq(regions.id, id)));
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(error);
      throw error;
    }
  }
  return getRegion(db, organizationId, id);
}
