import { Hono } from "hono";
import {
  RELIABILITY_WINDOW_DAYS,
  readReliability,
  refreshReliability,
  reliabilityStatements,
  saveRatingsStatements,
} from "../data/reliability";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validate } from "../lib/validate";
import { presentShopperReliability, sortReliability } from "../presenters/reliability";
import { reliabilityQuery } from "../validation/reliability";

/**
 * Every shopper's reliability (docs/QUALITY.md, "Reliability"): head office (admins, analysts)
 * reads the table; computing it refreshes every shopper's cached rating.
 */
export const shopperReliabilityRoutes = new Hono<AppEnv>().get(
  "/reliability",
  permitRole("list", "reliability"),
  validate("query", reliabilityQuery),
  async (c) => {
    const actor = requireActor(c);
    const { sort, order } = c.req.valid("query");
    const now = Date.now();
    const list = await refreshReliability(c.var.db, actor.organizationId, now);
    return c.json({
      windowDays: RELIABILITY_WINDOW_DAYS,
      ratedAt: new Date(now).toISOString(),
      items: sortReliability(list.map(presentShopperReliability), sort, order),
    });
  },
);

/** A shopper's own figures (`GET /me/reliability`): nobody else's, ever. */
export const meReliabilityRoutes = new Hono<AppEnv>().get("/reliability", async (c) => {
  const actor = requireActor(c);
  authorize(actor, "read", { type: "reliability", userId: actor.userId });
  const db = c.var.db;
  const now = Date.now();
  const [me] = readReliability(await db.batch(reliabilityStatements(db, actor.organizationId, now, actor.userId)));
  if (!me) throw new ApiError("not_found");
  const [write] = saveRatingsStatements(db, actor.organizationId, [me], now);
  if (write) await db.batch([write]);
  return c.json({
    windowDays: RELIABILITY_WINDOW_DAYS,
    ratedAt: new Date(now).toISOString(),
    ...presentShopperReliability(me),
  });
});
