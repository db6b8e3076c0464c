import { createMiddleware } from "hono/factory";
import { getDb } from "../data/db";
import { deliverPendingMail } from "../data/mail";
import { mailQueued, withMail } from "../data/notifications";
import type { AppEnv } from "../lib/app-env";
import { mailSender, mailSettings } from "../lib/mail";
import {
  clearBookmarkCookie,
  isBookmark,
  readBookmarkCookie,
  sessionStart,
  writeBookmarkCookie,
} from "../lib/read-replicas";

/**
 * The request's database handle: ONE D1 session (`withSession`) per request, started from the
 * browser's bookmark or from a constraint (`sessionStart`, docs/SCALING.md "Read replicas"),
 * writing email with notifications when email is configured (`withMail`).
 *
 * After the handler, a successful answer carries the session's latest bookmark back in the
 * bookmark cookie, so the person's next request reads at least what this one saw or wrote
 * (sign-in included: the next request finds the new session row). A server error drops the
 * cookie when the session started from it (a bookmark D1 refuses costs one failed request);
 * a cookie that is not a bookmark is ignored and replaced.
 *
 * After a request that queued email for an HTTP mail API, the pending email is handed over in
 * the background (`waitUntil`); the development mailbox needs no hand-over, and the scheduled
 * job delivers whatever is still pending either way.
 */
export function database() {
  return createMiddleware<AppEnv>(async function databaseMiddleware(c, next) {
    const settings = mailSettings(c.env);
    const cookie = readBookmarkCookie(c);
    const start = sessionStart(c.req.method, c.req.path, cookie);
    const session = c.env.DB.withSession(start);
    const db = withMail(getDb(session), settings);
    c.set("db", db);
    await next();

    const latest = session.getBookmark();
    const status = c.res.status;
    if (status >= 500 && start === cookie) clearBookmarkCookie(c);
    else if (status < 400 && isBookmark(latest) && latest !== cookie) writeBookmarkCookie(c, latest);
    else if (cookie !== null && !isBookmark(cookie)) clearBookmarkCookie(c);

    const sender = mailSender(settings);
    if (sender?.mode !== "http" || !mailQueued(db) || status >= 400) return;
    const delivery = deliverPendingMail(db, sender, Date.now()).catch((error: unknown) =>
      console.error(JSON.stringify({ level: "error", message: "mail delivery failed", error: String(error) })),
    );
    try {
      c.executionCtx.waitUntil(delivery);
    } catch {
      await delivery; // no execution context (unit use): just wait
    }
  });
}
