import { Hono } from "hono";
import { auditLogPage, verifyChain } from "../data/audit-log";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { receiptPublicKey } from "../lib/receipts";
import { validate } from "../lib/validate";
import { presentEvent } from "../presenters/events";
import { auditLogQuery } from "../validation/audit-log";

/** The organisation's trail: what changed, who did it, and whether the chain still holds. */
export const auditLogRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "trail"), validate("query", auditLogQuery), async (c) => {
    const actor = requireActor(c);
    const { cursor, limit, ...filter } = c.req.valid("query");
    const page = await auditLogPage(c.var.db, actor.organizationId, filter, cursor ?? null, limit);
    return c.json({
      items: page.items.map((event) => presentEvent(event, page.names, page.erased)),
      nextCursor: page.nextCursor,
    });
  })
  .get("/verify", permitRole("list", "trail"), async (c) => {
    const actor = requireActor(c);
    return c.json(await verifyChain(c.var.db, actor.organizationId));
  });

/** Receipts: the public key that checks them (anyone may fetch it: a printed report is checked offline). */
export const receiptRoutes = new Hono<AppEnv>().get("/public-key", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(receiptPublicKey(c.env.RECEIPT_SIGNING_KEY));
});
