import { Hono } from "hono";
import { orStale, staleVersion } from "../data/changes";
import { createRegion, getRegion, getRegionForChange, listRegions, updateRegion } from "../data/regions";
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
    const row = await createRegion(c.var.db, actor.organizationId, c.req.valid("json"), actor);
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
    const db = c.var.db;
    const { region: existing, head } = await getRegionForChange(db, actor.organizationId, c.req.valid("param").id);
    if (!existing) throw new ApiError("not_found");
    authorize(actor, "update", { type: "region", id: existing.id });
    const { version, ...patch } = c.req.valid("json");
    if (version !== existing.version) throw staleVersion(existing.version);
    const row = await orStale(
      updateRegion(db, actor.organizationId, existing, patch, { actor, head }),
      async () => (await getRegion(db, actor.organizationId, existing.id))?.version ?? null,
    );
    if (!row) throw new ApiError("not_found");
    return c.json(presentRegion(row));
  });
