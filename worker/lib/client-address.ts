import type { HonoRequest } from "hono";

/**
 * The client's IP address as Cloudflare's edge saw it (`CF-Connecting-IP`: the edge sets it on
 * every request and overwrites any value the client sent), or "" when the request did not come
 * through the edge (tests, local scripts, a service binding).
 * @example reserveLoginAttempt(db, email, clientAddress(c.req), Date.now())
 */
export function clientAddress(req: HonoRequest): string {
  return (req.header("cf-connecting-ip") ?? "").trim().toLowerCase().slice(0, 64);
}
