import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_ABSOLUTE_MS } from "../domain/memberships";

/**
 * The session cookie. Over https it gets the `__Host-` prefix (which requires Secure,
 * Path=/ and no Domain); plain http is only for local development.
 */
function cookieName(c: Context): string {
  return isHttps(c) ? "__Host-courtesy_session" : "courtesy_session";
}

export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:";
}

export function readSessionCookie(c: Context): string | null {
  return getCookie(c, cookieName(c)) ?? null;
}

export function writeSessionCookie(c: Context, token: string): void {
  setCookie(c, cookieName(c), token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Lax",
    path: "/",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, cookieName(c), { path: "/", secure: isHttps(c) });
}
