/**
 * Small helpers for the API tests: call the Worker, sign in, seed the demo data, and
 * build extra rows with unique codes and emails.
 *
 * Storage may be shared between tests and files, so:
 * - never change or lock the demo accounts and demo rows other files rely on (make your own);
 * - never add branches to the demo North region (the regional manager's tests count them);
 * - never assert global row counts.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { DEMO, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../../schema/seed/demo";
import { type Db, getDb } from "../../worker/data/db";
import type { FieldError, ProblemDocument } from "../../worker/lib/errors";

export { DEMO, DEMO_PASSWORD };

export const BASE = "http://localhost";

export function db(): Db {
  return getDb(env.DB);
}

export interface ApiInit {
  method?: string;
  /** A string is sent as it is (for malformed bodies); anything else as JSON. */
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
}

/** Calls the Worker. `path` is `/api/v1/...` (on http://localhost) or a full URL. */
export async function api(path: string, init: ApiInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  if (init.cookie) headers.set("cookie", init.cookie);
  const url = path.startsWith("http") ? path : `${BASE}${path}`;
  return exports.default.fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

/** The JSON body of a response that must have the given status. */
export async function expectJson<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text) as T;
}

/** The problem document of an error response, checked for status, media type and code. */
export async function expectProblem(res: Response, status: number, code: string): Promise<ProblemDocument> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = JSON.parse(text) as ProblemDocument;
  expect(problem.status).toBe(status);
  expect(problem.code).toBe(code);
  expect(problem.type).toBe(`urn:courtesy:problem:${code}`);
  return problem;
}

/** The field errors of a problem as `path:code` strings, sorted, for exact comparisons. */
export function fieldErrors(problem: ProblemDocument): string[] {
  return (problem.errors ?? []).map((e: FieldError) => `${e.path}:${e.code}`).sort();
}

/** The `name=value` part of the response's session cookie, ready for a Cookie header. */
export function sessionCookieOf(res: Response): string {
  const header = res.headers.get("set-cookie");
  expect(header).toBeTruthy();
  const pair = header?.split(";")[0] ?? "";
  expect(pair).toMatch(/^(__Host-)?courtesy_session=.+/);
  return pair;
}

/** The raw token inside a cookie pair. */
export function tokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf("=") + 1);
}

/** Signs in and returns the session cookie. */
export async function signIn(email: string, password: string = DEMO_PASSWORD): Promise<string> {
  const res = await api("/api/v1/auth/login", { body: { email, password } });
  expect(res.status, await res.clone().text()).toBe(200);
  return sessionCookieOf(res);
}

/**
 * Seeds the demo data once. Several files may start on the same empty database: the seed is
 * one batch, so a loser of that race fails on a unique index and finds the winner's data.
 */
export async function seed(): Promise<void> {
  const database = db();
  if (!(await isDatabaseEmpty(database))) return;
  try {
    await seedDemo(database);
  } catch (error) {
    if (await isDatabaseEmpty(database)) throw error;
  }
}

/** A unique code (letters, digits, dashes; at most 20 characters). */
export function uniqueCode(prefix = "T"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`.toUpperCase();
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID()}@example.test`;
}

export interface RegionJson {
  id: string;
  code: string;
  name: { en: string; zh: string };
  branchCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface BranchJson {
  id: string;
  code: string;
  name: { en: string; zh: string };
  channel: "store" | "call_centre";
  region: { id: string; code: string; name: { en: string; zh: string } };
  address: string;
  phone: string;
  timezone: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MemberJson {
  id: string;
  email: string;
  displayName: string;
  locale: "en" | "zh";
  role: string;
  status: "invited" | "active" | "deactivated";
  regionIds: string[];
  branchIds: string[];
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export async function createRegion(cookie: string, overrides: Record<string, unknown> = {}): Promise<RegionJson> {
  const code = uniqueCode("R");
  const res = await api("/api/v1/regions", {
    cookie,
    body: { code, nameEn: `Region ${code}`, nameZh: `区域 ${code}`, ...overrides },
  });
  return expectJson<RegionJson>(res, 201);
}

/** Creates a branch; without `regionId` it goes to the demo East region (never North). */
export async function createBranch(cookie: string, overrides: Record<string, unknown> = {}): Promise<BranchJson> {
  const code = uniqueCode("B");
  const res = await api("/api/v1/branches", {
    cookie,
    body: {
      code,
      nameEn: `Branch ${code}`,
      nameZh: `分店 ${code}`,
      regionId: DEMO.regionIds.east,
      channel: "store",
      ...overrides,
    },
  });
  return expectJson<BranchJson>(res, 201);
}

export interface Invited {
  user: MemberJson;
  url: string;
  token: string;
  email: string;
}

/** Invites a new person (a shopper unless overridden) and returns their link's token. */
export async function inviteUser(cookie: string, overrides: Record<string, unknown> = {}): Promise<Invited> {
  const email = uniqueEmail();
  const res = await api("/api/v1/users", {
    cookie,
    body: { email, displayName: "Test Person", role: "shopper", ...overrides },
  });
  const body = await expectJson<{ user: MemberJson; invitation: { url: string; expiresAt: string } }>(res, 201);
  const token = body.invitation.url.split("/invite/")[1] ?? "";
  expect(token).not.toBe("");
  return { user: body.user, url: body.invitation.url, token, email: body.user.email };
}

export const NEW_PASSWORD = "a-long-enough-password";

/** Accepts an invitation and returns the new session cookie. */
export async function acceptInvitation(token: string, password = NEW_PASSWORD): Promise<string> {
  const res = await api(`/api/v1/invitations/${token}/accept`, { body: { displayName: "Test Person", password } });
  expect(res.status, await res.clone().text()).toBe(200);
  return sessionCookieOf(res);
}

/** A new, active member of the caller's organisation with their own session. */
export async function createMember(
  adminCookie: string,
  overrides: Record<string, unknown> = {},
): Promise<Invited & { cookie: string; password: string }> {
  const invited = await inviteUser(adminCookie, overrides);
  const cookie = await acceptInvitation(invited.token);
  return { ...invited, cookie, password: NEW_PASSWORD };
}

/** Reads every page of a branch listing (`query` without `cursor`). */
export async function listAllBranches(
  cookie: string,
  query: Record<string, string> = {},
): Promise<{ items: BranchJson[]; pages: number }> {
  const items: BranchJson[] = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    if (cursor) params.set("cursor", cursor);
    const page = await expectJson<Page<BranchJson>>(await api(`/api/v1/branches?${params}`, { cookie }), 200);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}
