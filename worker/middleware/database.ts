import { createMiddleware } from "hono/factory";
import { getDb } from "../data/db";
import { deliverPendingMail } from "../data/mail";
import { mailQueued, withMail } from "../data/notifications";
import type { AppEnv } from "../lib/app-env";
import { mailSender, mailSettings } from "../lib/mail";

/**
 * The request's database handle, writing email with notifications when email is configured
 * (`withMail`). After a request that queued email for an HTTP mail API, the pending email is
 * handed over in the background (`waitUntil`); the development mailbox needs no hand-over, and
 * the scheduled job delivers whatever is still pending either way.
 */
export function database() {
  return createMiddleware<AppEnv>(async function databaseMiddleware(c, next) {
    const settings = mailSettings(c.env);
    const db = withMail(getDb(c.env.DB), settings);
    c.set("db", db);
    await next();
    const sender = mailSender(settings);
    if (sender?.mode !== "http" || !mailQueued(db) || c.res.status >= 400) return;
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
