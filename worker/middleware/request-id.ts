import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../lib/app-env";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request's id, in `c.var.requestId`, the `X-Request-Id` response header and every problem
 * document. A client may send its own so one id follows a request through its logs and ours,
 * but only a UUID: anything else (log-line injection, a planted value meant to be shown back
 * to support staff, a megabyte of text) is replaced by one we make.
 * @example app.use("/api/*", requestId())
 */
export function requestId() {
  return createMiddleware<AppEnv>(async function requestIdMiddleware(c, next) {
    const given = c.req.header("x-request-id")?.trim();
    const id = given && UUID.test(given) ? given.toLowerCase() : crypto.randomUUID();
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
  });
}
