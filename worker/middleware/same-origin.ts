import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence: a state-changing request must come from our own origin. Browsers send
 * `Origin` on cross-origin and on same-origin non-GET requests, and `Sec-Fetch-Site`
 * everywhere modern; requests with neither (curl, server-to-server) carry no ambient
 * cookies from a victim's browser and pass.
 * @example app.use("/api/*", sameOrigin())
 */
export function sameOrigin() {
  return createMiddleware(async function sameOriginMiddleware(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const ownOrigin = new URL(c.req.url).origin;
      if ((origin && origin !== ownOrigin) || site === "cross-site" || site === "same-site") {
        throw new ApiError("csrf_rejected", "Requests that change data must come from the Courtesy app itself");
      }
    }
    await next();
  });
}
