import { every } from "hono/combine";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";

/** API answers are per user and change with every write: no shared or browser caching. */
const noStore = createMiddleware(async function noStore(c, next) {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

/**
 * Headers for API responses: JSON never needs to run scripts or be framed, and is never
 * cached. The SPA's own headers (with a CSP it works under) come from `web/public/_headers`.
 */
export function apiSecurityHeaders() {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
  });
  return every(headers, noStore);
}
