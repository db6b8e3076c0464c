import { and, asc, count, eq, or, sql } from "drizzle-orm";
import { branches, regions } from "../../schema";
import type { RegionScope } from "../domain/policy";
import type { ChainHead } from "../domain/trail";
import { ApiError } from "../lib/errors";
import { fieldChanges, recordChange } from "./changes";
import { type Db, inJsonList, isUniqueViolation } from "./db";
import { chainHeadOf, chainHeadQuery } from "./events";
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
  version: regions.version,
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

function regionWhere(organizationId: string, id: string) {
  return and(eq(regions.organizationId, organizationId), eq(regions.id, id));
}

/** One region of the organisation, or null. Scope is the policy's business, not this query's. */
export async function getRegion(db: Db, organizationId: string, id: string): Promise<RegionRow | null> {
  const rows = await selectRegions(db).where(regionWhere(organizationId, id)).groupBy(regions.id);
  return rows[0] ?? null;
}

/** A region to change and the organisation's chain head, in one round trip. */
export async function getRegionForChange(
  db: Db,
  organizationId: string,
  id: string,
): Promise<{ region: RegionRow | null; head: ChainHead | null }> {
  const [rows, head] = await db.batch([
    selectRegions(db).where(regionWhere(organizationId, id)).groupBy(regions.id),
    chainHeadQuery(db, organizationId),
  ]);
  return { region: rows[0] ?? null, head: chainHeadOf(head) };
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

type Actor = { userId: string; role: string };

/** Creates a region and its `region.created` event, and reads it back: one batch (plus the head). */
export async function createRegion(
  db: Db,
  organizationId: string,
  input: RegionInput,
  actor: Actor,
): Promise<RegionRow> {
  const id = crypto.randomUUID();
  try {
    const { after } = await recordChange(db, {
      organizationId,
      actor,
      drafts: [{ type: "region.created", subject: { type: "region", id }, payload: { ...input } }],
      change: [db.insert(regions).values({ id, organizationId, ...input })],
      after: [selectRegions(db).where(regionWhere(organizationId, id)).groupBy(regions.id)],
    });
    const created = (after[0] as RegionRow[])[0];
    if (!created) throw new Error("region vanished after insert");
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}

/**
 * Changes the region the route read (`existing`, at its `version`), with a `region.changed`
 * event naming old → new of each changed field, and reads it back: one batch. Throws
 * `StaleWrite` when the region moved on since. Nothing to change: answers `existing`.
 */
export async function updateRegion(
  db: Db,
  organizationId: string,
  existing: RegionRow,
  patch: Partial<RegionInput>,
  trail: { actor: Actor; head: ChainHead | null },
): Promise<RegionRow | null> {
  const changes = fieldChanges(existing, patch);
  if (Object.keys(changes).length === 0) return existing;
  try {
    const { after } = await recordChange(db, {
      organizationId,
      actor: trail.actor,
      head: trail.head,
      drafts: [{ type: "region.changed", subject: { type: "region", id: existing.id }, payload: { changes } }],
      change: [
        db
          .update(regions)
          .set({ ...patch, updatedAt: Date.now(), version: sql`${regions.version} + 1` })
          .where(and(regionWhere(organizationId, existing.id), eq(regions.version, existing.version))),
      ],
      guarded: true,
      after: [selectRegions(db).where(regionWhere(organizationId, existing.id)).groupBy(regions.id)],
    });
    return (after[0] as RegionRow[])[0] ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}
