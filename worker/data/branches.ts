import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { branches, regions } from "../../schema";
import type { Channel } from "../../schema/enums";
import type { OpeningHours } from "../domain/imports";
import type { BranchScope } from "../domain/policy";
import type { ChainHead } from "../domain/trail";
import { ApiError } from "../lib/errors";
import { fieldChanges, recordChange } from "./changes";
import { type Db, isUniqueViolation } from "./db";
import { chainHeadOf, chainHeadQuery } from "./events";
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
  city: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours | null;
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
  city: branches.city,
  latitude: branches.latitude,
  longitude: branches.longitude,
  openingHours: branches.openingHours,
  active: branches.active,
  createdAt: branches.createdAt,
  updatedAt: branches.updatedAt,
  version: branches.version,
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

/**
 * A branch to change (with its region), whether the region it may move to exists, and the chain
 * head: one round trip (the branch select's aliased region columns make it batch-safe).
 */
export async function getBranchForChange(
  db: Db,
  organizationId: string,
  id: string,
  regionId: string | undefined,
): Promise<{ branch: BranchRow | null; regionExists: boolean; head: ChainHead | null }> {
  const [rows, targetRows, head] = await db.batch([
    selectBranch(db, organizationId, id),
    selectRegion(db, organizationId, regionId ?? ""),
    chainHeadQuery(db, organizationId),
  ]);
  return { branch: rows[0] ?? null, regionExists: targetRows.length > 0, head: chainHeadOf(head) };
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

type Actor = { userId: string; role: string };

/** Creates a branch with its `branch.created` event and answers from the write: one batch (plus the head). */
export async function createBranch(
  db: Db,
  organizationId: string,
  input: BranchInput,
  actor: Actor,
): Promise<BranchRow> {
  const id = crypto.randomUUID();
  try {
    const { change, after } = await recordChange(db, {
      organizationId,
      actor,
      drafts: [{ type: "branch.created", subject: { type: "branch", id }, payload: { ...input } }],
      change: [
        db
          .insert(branches)
          .values({ id, organizationId, ...input })
          .returning(),
      ],
      after: [selectRegion(db, organizationId, input.regionId)],
    });
    const row = (change[0] as Array<typeof branches.$inferSelect>)[0];
    const region = (after[0] as Array<BranchRow["region"]>)[0];
    if (!row || !region) throw new Error("branch not written");
    return { ...row, region };
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}

/**
 * Changes the branch the route has read (`existing`, at its `version`, not read again), with a
 * `branch.changed` event (old → new of each changed field), and answers from the write, with its
 * region's labels read in the same batch (null when it is gone). A move to another region takes
 * the branch's roll-ups along, in that batch too. Throws `StaleWrite` when the branch moved on.
 */
export async function updateBranch(
  db: Db,
  organizationId: string,
  existing: BranchRow,
  patch: Partial<BranchInput>,
  trail: { actor: Actor | null; head?: ChainHead | null },
): Promise<BranchRow | null> {
  const changes = fieldChanges(existing, patch);
  if (Object.keys(changes).length === 0) return existing;
  const to = patch.regionId ?? existing.regionId;
  try {
    const { change, after } = await recordChange(db, {
      organizationId,
      actor: trail.actor,
      head: trail.head,
      drafts: [{ type: "branch.changed", subject: { type: "branch", id: existing.id }, payload: { changes } }],
      change: [
        db
          .update(branches)
          .set({ ...patch, updatedAt: Date.now(), version: sql`${branches.version} + 1` })
          .where(
            and(
              eq(branches.organizationId, organizationId),
              eq(branches.id, existing.id),
              eq(branches.version, existing.version),
            ),
          )
          .returning(),
      ],
      guarded: true,
      after: [
        selectRegion(db, organizationId, to),
        ...moveBranchRollupStatements(db, organizationId, { from: existing.regionId, to }),
      ],
    });
    const row = (change[0] as Array<typeof branches.$inferSelect>)[0];
    const region = (after[0] as Array<BranchRow["region"]>)[0];
    return row && region ? { ...row, region } : null;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}
