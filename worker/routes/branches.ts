import { Hono } from "hono";
import { createBranch, getBranch, getBranchForChange, listBranches, updateBranch } from "../data/branches";
import { orStale, staleVersion } from "../data/changes";
import type { Db } from "../data/db";
import { findRegionIds } from "../data/regions";
import { coordinatePairProblem } from "../domain/imports";
import { branchScope } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, fieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { presentBranch } from "../presenters";
import { COORDINATE_PAIR_MESSAGE, createBranchBody, listBranchesQuery, updateBranchBody } from "../validation/branches";

async function assertRegionExists(db: Db, organizationId: string, regionId: string | undefined): Promise<void> {
  if (regionId === undefined) return;
  const found = await findRegionIds(db, organizationId, [regionId]);
  if (!found.has(regionId)) throw fieldError("regionId", "unknown_reference", "No such region in this organisation");
}

/** A branch keeps both coordinates or neither (the import's rule): 400 naming the missing one. */
function assertCoordinatePair(latitude: number | null, longitude: number | null): void {
  const missing = coordinatePairProblem(latitude, longitude);
  if (missing) throw fieldError(missing, "required", COORDINATE_PAIR_MESSAGE);
}

/** Branches (stores and call centres) of the caller's organisation, within their role scope. */
export const branchRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "branch"), validate("query", listBranchesQuery), async (c) => {
    const actor = requireActor(c);
    const page = await listBranches(c.var.db, actor.organizationId, branchScope(actor), c.req.valid("query"));
    return c.json({ items: page.items.map(presentBranch), nextCursor: page.nextCursor });
  })
  .post("/", permitRole("create", "branch"), validate("json", createBranchBody), async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid("json");
    assertCoordinatePair(input.latitude, input.longitude);
    await assertRegionExists(c.var.db, actor.organizationId, input.regionId);
    const row = await createBranch(c.var.db, actor.organizationId, input, actor);
    return c.json(presentBranch(row), 201);
  })
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    const row = await getBranch(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "branch", id: row.id, regionId: row.regionId });
    return c.json(presentBranch(row));
  })
  .patch("/:id", permitRole("update", "branch"), validate("json", updateBranchBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { version, ...patch } = c.req.valid("json");
    const found = await getBranchForChange(db, actor.organizationId, c.req.valid("param").id, patch.regionId);
    const existing = found.branch;
    if (!existing) throw new ApiError("not_found");
    authorize(actor, "update", { type: "branch", id: existing.id, regionId: existing.regionId });
    if (patch.regionId !== undefined && !found.regionExists)
      throw fieldError("regionId", "unknown_reference", "No such region in this organisation");
    assertCoordinatePair(
      patch.latitude !== undefined ? patch.latitude : existing.latitude,
      patch.longitude !== undefined ? patch.longitude : existing.longitude,
    );
    if (version !== existing.version) throw staleVersion(existing.version);
    const row = await orStale(
      updateBranch(db, actor.organizationId, existing, patch, { actor, head: found.head }),
      async () => (await getBranch(db, actor.organizationId, existing.id))?.version ?? null,
    );
    if (!row) throw new ApiError("not_found");
    return c.json(presentBranch(row));
  });
