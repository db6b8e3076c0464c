/**
 * The bell (docs/NOTIFICATIONS.md): one's own notifications, newest first, with the unread
 * count; marking them read. Nobody reads or marks anyone else's: every statement is scoped to
 * the caller's organisation AND user, so another person's id simply matches nothing.
 * Notifications older than 90 days are never shown (and the scheduled job deletes them).
 */
import { Hono } from "hono";
import { markReadStatement, notificationPageQuery, unreadCountQuery } from "../data/notifications";
import { retentionCutoff } from "../domain/notifications";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { validate } from "../lib/validate";
import { presentNotification } from "../presenters/notifications";
import { listNotificationsQuery, markReadBody } from "../validation/notifications";

export const notificationRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "notification"), validate("query", listNotificationsQuery), async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const db = c.var.db;
    const cutoff = retentionCutoff(Date.now());
    const [rows, counts] = await db.batch([
      notificationPageQuery(db, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        cutoff,
        unreadOnly: query.unread ?? false,
        after: query.cursor ?? null,
        limit: query.limit,
      }),
      unreadCountQuery(db, actor.organizationId, actor.userId, cutoff),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json({
      items: page.map(presentNotification),
      unread: Number(counts[0]?.unread ?? 0),
      nextCursor: rows.length > query.limit && last ? `${last.createdAt}.${last.id}` : null,
    });
  })
  .post("/read", permitRole("update", "notification"), validate("json", markReadBody), async (c) => {
    const actor = requireActor(c);
    const body = c.req.valid("json");
    const db = c.var.db;
    const now = Date.now();
    const [, counts] = await db.batch([
      markReadStatement(db, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        ids: body.all ? "all" : (body.ids ?? []),
        now,
      }),
      unreadCountQuery(db, actor.organizationId, actor.userId, retentionCutoff(now)),
    ]);
    return c.json({ unread: Number(counts[0]?.unread ?? 0) });
  });
