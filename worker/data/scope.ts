import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { branches } from "../../schema";
import type { BranchScope, RegionScope } from "../domain/policy";
import { inJsonList } from "./db";

const NOTHING = sql`0`;

/**
 * Turns the policy's branch scope into a WHERE condition, so lists and single reads
 * share one definition of "visible". Returns undefined for "everything in the org".
 */
export function branchScopeCondition(
  scope: BranchScope,
  columns: { id: SQLiteColumn; regionId: SQLiteColumn },
): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "regions":
      return inJsonList(columns.regionId, scope.regionIds);
    case "branches":
      return inJsonList(columns.id, scope.branchIds);
    case "none":
      return NOTHING;
  }
}

/**
 * The branches in scope, narrowed to the branch or region a list's filter names: the rows'
 * branch is `branchId`, joined to `branches` (whose `regionId` the scope and filter read).
 */
export function scopedBranchCondition(
  scope: BranchScope,
  filter: { branchId?: string; regionId?: string },
  branchId: SQLiteColumn,
): SQL | undefined {
  return and(
    branchScopeCondition(scope, { id: branchId, regionId: branches.regionId }),
    filter.branchId ? eq(branchId, filter.branchId) : undefined,
    filter.regionId ? eq(branches.regionId, filter.regionId) : undefined,
  );
}

/** The region counterpart of `branchScopeCondition`. */
export function regionScopeCondition(scope: RegionScope, idColumn: SQLiteColumn): SQL | undefined {
  if (scope.kind === "all") return undefined;
  if (scope.kind === "regions") return inJsonList(idColumn, scope.regionIds);
  return NOTHING;
}

/** Case-insensitive "contains" without LIKE, so `%` and `_` in a search need no escaping. */
export function containsText(column: SQLiteColumn | SQL, needle: string): SQL {
  return sql`instr(lower(${column}), lower(${needle})) > 0`;
}
