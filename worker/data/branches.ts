import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { branches, regions } from "../../schema";
import type { Channel } from "../../schema/enums";
import type { BranchScope } from "../domain/policy";
import { ApiError } from "../lib/errors";
import { type Db, isUniqueViolation } from "./db";
import { moveBranchRollupStatements } from "./rollups";
import { branchScopeCondition, containsText } from "./scope";

export interface BranchInput {
  code: string;
  nameEn: string;
  nameZh: string;
  regionId: string;
  channel: Channel;
  address: string;
  phone: string;
  timezone: string;
  active: boolean;
}

export interface BranchFilter {
  q?: string;
  regionId?: string;
  channel?: Channel;
  active?: boolean;
  /** Code of the last branch of the previous page. */
  cursor?: string;
  limit: number;
}

const regionColumns = { id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh };

const branchColumns = {
  id: branches.id,
  organizationId: branches.organizationId,
  regionId: branches.regionId,
  code: branches.code,
  nameEn: branches.nameEn,
  nameZh: branches.nameZh,
  channel: branches.channel,
  address: branches.address,
  phone: branches.phone,
  timezone: branches.timezone,
  active: branches.active,
  createdAt: branches.createdAt,
  updatedAt: branches.updatedAt,
  // Aliased: the region's id, code and names share their column names with the branch's, and
  // inside `db.batch` D1 answers rows as objects keyed by column name (the second would win).
  region: {
    id: sql<string>`${regions.id}`.as("region_row_id"),
    code: sql<string>`${regions.code}`.as("region_code"),
    nameEn: sql<string>`${regions.nameEn}`.as("region_name_en"),
    nameZh: sql<string>`${regions.nameZh}`.as("region_name_zh"),
  },
};

/** Branches joined to their region: the shape every branch query returns (batch-safe). */
function selectBranches(db: Db) {
  return db.select(branchColumns).from(branches).innerJoin(regions, eq(regions.id, branches.regionId));
}

export type BranchRow = Awaited<ReturnType<typeof selectBranches>>[number];

/** A page of the organisation's branches visible in `scope`, ordered by code (keyset pagination). */
export async function listBranches(
  db: Db,
  organizationId: string,
  scope: BranchScope,
  filter: BranchFilter,
): Promise<{ items: BranchRow[]; nextCursor: string | null }> {
  const rows = await selectBranches(db)
    .where(
      and(
        eq(branches.organizationId, organizationId),
        branchScopeCondition(scope, branches),
        filter.regionId ? eq(branches.regionId, filter.regionId) : undefined,
        filter.channel ? eq(branches.channel, filter.channel) : undefined,
        filter.active !== undefined ? eq(branches.active, filter.active) : undefined,
        filter.q
          ? or(
              containsText(branches.code, filter.q),
              containsText(branches.nameEn, filter.q),
              containsText(branches.nameZh, filter.q),
            )
          : undefined,
        filter.cursor ? gt(branches.code, filter.cursor) : undefined,
      ),
    )
    .orderBy(asc(branches.code))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? last.code : null };
}

/** One branch of the organisation with its region (one statement, for a batch). */
export function selectBranch(db: Db, organizationId: string, id: string) {
  return selectBranches(db)
    .where(and(eq(branches.organizationId, organizationId), eq(branches.id, id)))
    .limit(1);
}

/** One branch of the organisation, or null. The caller asks the policy whether the actor may see it. */
export async function getBranch(db: Db, organizationId: string, id: string): Promise<BranchRow | null> {
  const rows = await selectBranch(db, organizationId, id);
  return rows[0] ?? null;
}

function codeTaken(cause: unknown): ApiError {
  return new ApiError("conflict", "Another branch already uses this code", {
    errors: [{ path: "code", code: "taken", message: "Another branch already uses this code" }],
    cause,
  });
}

/** A region's labels as a branch row carries them (one table: batch-safe). */
function selectRegion(db: Db, organizationId: string, id: string) {
  return db
    .select(regionColumns)
    .from(regions)
    .where(and(eq(regions.organizationId, organizationId), eq(regions.id, id)))
    .limit(1);
}

/** Creates a branch and answers from the write: the row as inserted, with its region, in one round trip. */
export async function createBranch(db: Db, organizationId: string, input: BranchInput): Promise<BranchRow> {
  const id = crypto.randomUUID();
  try {
    const [[row], [region]] = await db.batch([
      db
        .insert(branches)
        .values({ id, organizationId, ...input })
        .returning(),
      selectRegion(db, organizationId, input.regionId),
    ]);
    if (!row || !region) throw new Error("branch not written");
    return { ...row, region };
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}

/**
 * Changes the branch the route has read (`existing`, not read again) and answers from the
 * write, with its region's labels read in the same batch (null when it is gone). A move to
 * another region takes the branch's roll-ups along, in that batch too.
 */
export async function updateBranch(
  db: Db,
  organizationId: string,
  existing: BranchRow,
  patch: Partial<BranchInput>,
): Promise<BranchRow | null> {
  if (Object.keys(patch).length === 0) return existing;
  const to = patch.regionId ?? existing.regionId;
  try {
    const [[row], regionRows] = await db.batch([
      db
        .update(branches)
        .set({ ...patch, updatedAt: Date.now() })
        .where(and(eq(branches.organizationId, organizationId), eq(branches.id, existing.id)))
        .returning(),
      selectRegion(db, organizationId, to),
      ...moveBranchRollupStatements(db, organizationId, { from: existing.regionId, to }),
    ]);
    const region = regionRows[0];
    return row && region ? { ...row, region } : null;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}
