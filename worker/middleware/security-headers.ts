import { secureHeaders } from "hono/secure-headers";

/**
 * Headers for API responses: JSON never needs to run scripts or be framed. The SPA's own
 * headers (with a CSP it works under) come from `web/public/_headers` on the static assets.
 */
export function apiSecurityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
  });
}
