import { Hono } from "hono";
import { switchSessionOrganization } from "../data/sessions";
import { listActiveMemberships, updateProfile } from "../data/users";
import type { AppEnv } from "../lib/app-env";
import { requireActor } from "../lib/authorize";
import { fieldError } from "../lib/errors";
import { validate } from "../lib/validate";
import { presentMe } from "../presenters";
import { switchOrganizationBody, updateMeBody } from "../validation/auth";

/** The signed-in user: who they are, where, in which role and scope. */
export const meRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    return c.json(presentMe(actor, await listActiveMemberships(c.var.db, actor.userId)));
  })
  .patch("/", validate("json", updateMeBody), async (c) => {
    const actor = requireActor(c);
    const patch = c.req.valid("json");
    await updateProfile(c.var.db, actor.userId, patch);
    const updated = { ...actor, ...patch };
    return c.json(presentMe(updated, await listActiveMemberships(c.var.db, actor.userId)));
  })
  .put("/organization", validate("json", switchOrganizationBody), async (c) => {
    const actor = requireActor(c);
    const { organizationId } = c.req.valid("json");
    const organizations = await listActiveMemberships(c.var.db, actor.userId);
    if (!organizations.some((o) => o.organizationId === organizationId)) {
      throw fieldError("organizationId", "unknown_reference", "You are not a member of this organisation");
    }
    await switchSessionOrganization(c.var.db, actor.sessionId, organizationId);
    return c.body(null, 204);
  });
