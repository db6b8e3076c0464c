import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isHttps } from "./session-cookie";

/**
 * Read replicas through D1's Sessions API (docs/SCALING.md, "Read replicas"). Every API request
 * runs on ONE D1 session; this module decides what the session starts from and carries the
 * session's bookmark between a browser's requests in a cookie.
 */

/**
 * Read-only dashboards that may start on any replica when the browser brings no bookmark:
 * figures that are fine a few seconds old, and heavy reads (roll-ups, the whole trail). GET
 * only; matched against the full path. `GET /shoppers/reliability` refreshes a cached rating
 * as it reads: those writes still go to the primary, computed from what the replica had.
 */
export const REPLICA_READ_ROUTES: readonly RegExp[] = [
  /^\/api\/v1\/scorecards\/(league|regions|heatmap|trends|audits|branches\/[^/]+)$/,
  /^\/api\/v1\/complaints\/(figures|by-section)$/,
  /^\/api\/v1\/actions\/figures$/,
  /^\/api\/v1\/disputes\/figures$/,
  /^\/api\/v1\/me\/reliability$/,
  /^\/api\/v1\/shoppers\/reliability$/,
  /^\/api\/v1\/audit-log(\/verify)?$/,
];

/**
 * Exports: GETs that append to the organisation's hash-chained trail before their first byte
 * (`export.downloaded`; `user.data_exported` for a person's own data). They start on the
 * primary whatever the browser brings, like a write: the event is chained onto the chain head
 * the session reads, and a replica's head may lag by other people's events (a `seq` collision,
 * retried only a few milliseconds apart). Their pages, the heavy part, are later queries of the
 * session and still go to any replica at least as new as that first read.
 */
export const CHAINING_READ_ROUTES: readonly RegExp[] = [
  /^\/api\/v1\/exports\/(audits|items)\.csv$/,
  /^\/api\/v1\/complaints\/export\.csv$/,
  /^\/api\/v1\/payouts\/[^/]+\/csv$/,
  /^\/api\/v1\/me\/export$/,
];

function isRead(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

/** Whether `method path` is a dashboard that may start on a replica. */
export function isReplicaRead(method: string, path: string): boolean {
  return isRead(method) && REPLICA_READ_ROUTES.some((route) => route.test(path));
}

/** Whether `method path` is an export that writes to the trail (it starts on the primary). */
export function isChainingRead(method: string, path: string): boolean {
  return isRead(method) && CHAINING_READ_ROUTES.some((route) => route.test(path));
}

/**
 * D1's bookmark format (`wrangler d1 time-travel info` prints e.g.
 * `00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683`). Only a well-formed one is handed
 * to `withSession`: the binding keeps the lexicographically largest bookmark it has seen, so a
 * forged `zzz…` would otherwise stick to the session and come back in every answer.
 */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

export function isBookmark(value: string | null | undefined): value is D1SessionBookmark {
  return typeof value === "string" && BOOKMARK.test(value);
}

/**
 * What the request's session starts from:
 * - any write (POST, PUT, PATCH, DELETE) and any export (`CHAINING_READ_ROUTES`) →
 *   `first-primary`, even with a bookmark: the primary is at least as new as any bookmark, and
 *   the reads a write depends on (a row's version, the trail's chain head) then see everyone's
 *   latest writes, not only the caller's;
 * - a read with the browser's bookmark → that bookmark (a replica at least as new as the
 *   person's last request: they read their own writes);
 * - a dashboard read without one → `first-unconstrained` (any replica);
 * - any other read → `first-primary`.
 *
 * @example sessionStart("GET", "/api/v1/scorecards/league", null) // "first-unconstrained"
 */
export function sessionStart(
  method: string,
  path: string,
  bookmark: string | null,
): D1SessionBookmark | D1SessionConstraint {
  if (!isRead(method) || isChainingRead(method, path)) return "first-primary";
  if (isBookmark(bookmark)) return bookmark;
  return isReplicaRead(method, path) ? "first-unconstrained" : "first-primary";
}

/**
 * The bookmark cookie: HttpOnly (scripts never need it), Secure over https with the `__Secure-`
 * prefix, SameSite=Lax like the session cookie, sent only to the API. A day's life: replica lag
 * is seconds, so an older bookmark would promise nothing a fresh session does not, and it stays
 * far inside the 30 days D1 keeps bookmarks for.
 */
const BOOKMARK_PATH = "/api";
const BOOKMARK_MAX_AGE_S = 24 * 60 * 60;

function bookmarkCookieName(c: Context): string {
  return isHttps(c) ? "__Secure-courtesy_bookmark" : "courtesy_bookmark";
}

export function readBookmarkCookie(c: Context): string | null {
  return getCookie(c, bookmarkCookieName(c)) ?? null;
}

export function writeBookmarkCookie(c: Context, bookmark: D1SessionBookmark): void {
  setCookie(c, bookmarkCookieName(c), bookmark, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Lax",
    path: BOOKMARK_PATH,
    maxAge: BOOKMARK_MAX_AGE_S,
  });
}

export function clearBookmarkCookie(c: Context): void {
  deleteCookie(c, bookmarkCookieName(c), { path: BOOKMARK_PATH, secure: isHttps(c) });
}
