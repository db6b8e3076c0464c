import { Hono } from "hono";
import { createRegion, getRegion, listRegions, updateRegion } from "../data/regions";
import { regionScope } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { presentRegion } from "../presenters";
import { createRegionBody, listRegionsQuery, updateRegionBody } from "../validation/regions";

/** Regions of the caller's organisation. */
export const regionRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "region"), validate("query", listRegionsQuery), async (c) => {
    const actor = requireActor(c);
    const rows = await listRegions(c.var.db, actor.organizationId, regionScope(actor), c.req.valid("query"));
    return c.json({ items: rows.map(presentRegion) });
  })
  .post("/", permitRole("create", "region"), validate("json", createRegionBody), async (c) => {
    const actor = requireActor(c);
    const row = await createRegion(c.var.db, actor.organizationId, c.req.valid("json"));
    return c.json(presentRegion(row), 201);
  })
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    const row = await getRegion(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "region", id: row.id });
    return c.json(presentRegion(row));
  })
  .patch("/:id", permitRole("update", "region"), validate("json", updateRegionBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const existing = await getRegion(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!existing) throw new ApiError("not_found");
    authorize(actor, "update", { type: "region", id: existing.id });
    const row = await updateRegion(c.var.db, actor.organizationId, existing.id, c.req.valid("json"));
    if (!row) throw new ApiError("not_found");
    return c.json(presentRegion(row));
  });
