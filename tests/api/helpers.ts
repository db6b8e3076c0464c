/**
 * Small helpers for the API tests: call the Worker (`api` for raw requests, the typed client
 * of `./factory` for everything else), check answers, and build extra rows with unique codes
 * and emails.
 *
 * Each file has its own storage (vitest `isolate`) and makes its own organisation with
 * `createOrganization()` (./factory); the demo seed remains for the few tests that need its
 * fixed data. Tests within a file share storage: unique codes and emails, no global counts.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import type { ClientResponse } from "hono/client";
import { expect } from "vitest";
import { assignments, rateLimitHits } from "../../schema";
import { type AuditRow, insertAudit } from "../../worker/data/audits";
import { type Db, getDb } from "../../worker/data/db";
import type { AuditFlag } from "../../worker/domain/audits";
import { type ChecklistDocument, listItems } from "../../worker/domain/checklists";
import { rollupDelta } from "../../worker/domain/rollups";
import type { ScoreResult } from "../../worker/domain/scoring";
import type { FieldError, ProblemDocument } from "../../worker/lib/errors";
import { DEMO, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../../worker/seed/demo";
import { sha256Of } from "./images";

export { DEMO, DEMO_PASSWORD };

export const BASE = "http://localhost";

export function db(): Db {
  return getDb(env.DB);
}

export interface ApiInit {
  method?: string;
  /** A string or bytes are sent as they are (malformed bodies, photos); anything else as JSON. */
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
}

/** Calls the Worker. `path` is `/api/v1/...` (on http://localhost) or a full URL. */
export async function api(path: string, init: ApiInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body: string | Uint8Array | undefined;
  if (init.body instanceof Uint8Array) {
    body = init.body;
  } else if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  if (init.cookie) headers.set("cookie", init.cookie);
  const url = path.startsWith("http") ? path : `${BASE}${path}`;
  return exports.default.fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

/** A fetch response or a typed client's (same object at run time, narrower type). */
export type AnyResponse = Response | ClientResponse<unknown, number, string>;

/** The JSON body of a response that must have the given status. */
export async function expectJson<T = Record<string, unknown>>(res: AnyResponse, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text) as T;
}

/** The JSON type a typed client's response has for `status` (members for other statuses drop out). */
export type JsonFor<R, S extends number> =
  R extends ClientResponse<infer T, infer Status, infer _Format> ? (S extends Status ? T : never) : never;

/**
 * The JSON body of a typed client's response that must have `status`, typed by the route: a
 * changed response shape fails to compile.
 *
 * @example
 * const region = await expectOk(await org.as.admin.api.v1.regions.$post({ json: body }), 201);
 */
export async function expectOk<R extends ClientResponse<unknown, number, string>, S extends number>(
  res: R,
  status: S,
): Promise<JsonFor<R, S>> {
  return expectJson<JsonFor<R, S>>(res, status);
}

/** The problem document of an error response, checked for status, media type and code. */
export async function expectProblem(res: AnyResponse, status: number, code: string): Promise<ProblemDocument> {
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
  version: number;
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
  version: number;
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
  version: number;
}

/** The `version` a row's GET answers (1 when it cannot be read), for PATCH bodies that must name it. */
export async function currentVersion(path: string, cookie: string): Promise<number> {
  const res = await api(path, { cookie });
  return res.ok ? ((await res.json()) as { version: number }).version : 1;
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
  await resetInvitationAllowance();
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

/**
 * The demo admins invite hundreds of people across the test files; their hourly allowance of
 * invitation links (INVITATIONS_PER_HOUR) is reset before each one. Tests of the allowance
 * itself use an admin of their own.
 */
export async function resetInvitationAllowance(): Promise<void> {
  const keys = [DEMO.users["admin@demo.test"], DEMO.otherAdminId].map((id) => `invite:${id}`);
  await db().delete(rateLimitHits).where(inArray(rateLimitHits.key, keys));
}

export const NEW_PASSWORD = "a-long-enough-password";

/**
 * Accepts an invitation and returns the new session cookie: as a newcomer choosing a password,
 * or (`mode: "existing"`) as someone confirming the password of their existing account.
 */
export async function acceptInvitation(
  token: string,
  password = NEW_PASSWORD,
  mode: "new" | "existing" = "new",
): Promise<string> {
  const body = mode === "new" ? { mode, displayName: "Test Person", password } : { mode, password };
  const res = await api(`/api/v1/invitations/${token}/accept`, { body });
  expect(res.status, await res.clone().text()).toBe(200);
  return sessionCookieOf(res);
}

/**
 * A new, active member of the caller's organisation with their own session. `user.id` is their
 * user id (an organisation knows a pending member by the membership id until they accept).
 */
export async function createMember(
  adminCookie: string,
  overrides: Record<string, unknown> = {},
): Promise<Invited & { cookie: string; password: string }> {
  const invited = await inviteUser(adminCookie, overrides);
  const cookie = await acceptInvitation(invited.token);
  const me = await expectJson<{ user: { id: string } }>(await api("/api/v1/me", { cookie }), 200);
  return { ...invited, user: { ...invited.user, id: me.user.id }, cookie, password: NEW_PASSWORD };
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

export * from "./images";

// ---------------------------------------------------------------------------------------------
// Checklists, assignments and reports

export interface VersionJson {
  id: string;
  checklistId: string;
  number: number;
  status: "draft" | "published";
  document: ChecklistDocument;
}

export interface AssignmentJson {
  id: string;
  status: "open" | "submitted" | "cancelled";
  windowStart: string;
  windowEnd: string;
  scenario: string;
  createdAt: string;
  branch: {
    id: string;
    code: string;
    name: { en: string; zh: string };
    channel: "store" | "call_centre";
    address: string;
    phone: string;
    timezone: string;
  };
  checklist: { id: string; versionId: string; versionNumber: number; name: { en: string; zh: string } };
  shopper: { id: string; displayName: string } | null;
  audit: { id: string; submittedAt: string; late: boolean } | null;
}

export interface AnswerJson {
  item: string;
  value?: boolean | number | string;
  na?: boolean;
  comment?: string;
  evidence?: string[];
}

export interface AuditJson {
  id: string;
  status: string;
  assignmentId: string;
  branchId: string;
  checklistVersionId: string;
  shopperId: string | null;
  contact: "visit" | "phone_call";
  visitStartedAt: string;
  visitEndedAt: string;
  location: { lat: number; lng: number; accuracy: number; takenAt: string } | null;
  staffDescription: string;
  overallComment: string;
  score: number | null;
  criticalFailed: boolean;
  late: boolean;
  /** For head office and the shopper only. */
  flags?: AuditFlag[];
  submittedAt: string;
  publishedAt: string | null;
  result: ScoreResult;
  answers: Array<{
    item: string;
    value?: boolean | number | string | null;
    na?: boolean;
    comment: string;
    evidence: Array<{ sha256: string; contentType: string; byteSize: number; url: string }>;
  }>;
}

/** A published version of one of the organisation's default checklists, with its document. */
export async function defaultVersion(cookie: string, name: "Store visit" | "Call-centre call"): Promise<VersionJson> {
  const list = await expectJson<{
    items: Array<{ name: { en: string }; latestPublishedVersionId: string | null }>;
  }>(await api("/api/v1/checklists", { cookie }), 200);
  const id = list.items.find((c) => c.name.en === name)?.latestPublishedVersionId;
  expect(id, `published "${name}" checklist`).toBeTruthy();
  return expectJson<VersionJson>(await api(`/api/v1/checklist-versions/${id}`, { cookie }), 200);
}

/** Creates a checklist from a document and publishes its first version. */
export async function publishChecklist(adminCookie: string, doc: ChecklistDocument): Promise<VersionJson> {
  const created = await expectJson<{ version: VersionJson }>(
    await api("/api/v1/checklists", { cookie: adminCookie, body: doc }),
    201,
  );
  return expectJson<VersionJson>(
    await api(`/api/v1/checklist-versions/${created.version.id}/publish`, { method: "POST", cookie: adminCookie }),
    200,
  );
}

/** A calendar date `days` from today (UTC), as YYYY-MM-DD. */
export function isoDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Plans a visit: by default shopper@demo.test to Wangfujing with `checklistVersionId`, in a
 * window from yesterday to a week from now.
 */
export async function createAssignment(
  adminCookie: string,
  checklistVersionId: string,
  overrides: Record<string, unknown> = {},
): Promise<AssignmentJson> {
  const res = await api("/api/v1/assignments", {
    cookie: adminCookie,
    body: {
      branchId: DEMO.branchIds.wangfujing,
      checklistVersionId,
      shopperId: DEMO.users["shopper@demo.test"],
      windowStart: isoDay(-1),
      windowEnd: isoDay(7),
      scenario: "Ask about a phone upgrade.",
      ...overrides,
    },
  });
  return expectJson<AssignmentJson>(res, 201);
}

/**
 * A valid, complete answer set for a document, built from its items: yes/no true, a number
 * on its pass bound, the top of a scale, the best option of a choice; text items get a note,
 * photo items no answer. With `na: true`, every item that allows N/A is N/A instead.
 */
export function completeAnswers(doc: ChecklistDocument, options: { na?: boolean } = {}): AnswerJson[] {
  return listItems(doc).flatMap(({ item }): AnswerJson[] => {
    if (options.na && item.naAllowed) return [{ item: item.key, na: true }];
    switch (item.kind) {
      case "yes_no":
        return [{ item: item.key, value: true }];
      case "number":
        return [{ item: item.key, value: item.pass.min ?? item.pass.max ?? 0 }];
      case "scale":
        return [{ item: item.key, value: item.max }];
      case "choice": {
        const best = [...item.options].sort((a, b) => b.points - a.points)[0];
        return [{ item: item.key, value: best?.key ?? "" }];
      }
      case "text":
        return [{ item: item.key, value: "Nothing else to note." }];
      default:
        // Photo items take photos as evidence, never a value.
        return [];
    }
  });
}

/** A report body for an assignment: a 20-minute visit an hour ago, with `answers`. */
export function reportBody(
  assignment: Pick<AssignmentJson, "id" | "checklist">,
  answers: AnswerJson[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const start = Date.now() - 3_600_000;
  return {
    assignmentId: assignment.id,
    checklistVersionId: assignment.checklist.versionId,
    contact: "visit",
    visitStartedAt: new Date(start).toISOString(),
    visitEndedAt: new Date(start + 20 * 60_000).toISOString(),
    location: { lat: 39.9139, lng: 116.4102, accuracy: 25, takenAt: new Date(start).toISOString() },
    staffDescription: "Young man, glasses, blue lanyard.",
    overallComment: "A good visit.",
    answers,
    ...overrides,
  };
}

export function putAudit(cookie: string, id: string, body: unknown): Promise<Response> {
  return api(`/api/v1/audits/${id}`, { method: "PUT", cookie, body });
}

/** Uploads photo bytes as `contentType` (the detected type by default: JPEG). */
export async function uploadEvidence(
  cookie: string,
  bytes: Uint8Array,
  contentType = "image/jpeg",
  sha256?: string,
): Promise<{ res: Response; sha256: string }> {
  const hash = sha256 ?? (await sha256Of(bytes));
  const res = await api(`/api/v1/evidence/${hash}`, {
    method: "PUT",
    cookie,
    body: bytes,
    headers: { "content-type": contentType },
  });
  return { res, sha256: hash };
}

/**
 * Publishes a report straight through the data layer, as the submission route stores it (its
 * assignment first, then the audit and its roll-ups in one batch), with a chosen score result:
 * for tests that need exact figures without filling in a form. Returns the audit id.
 */
export async function publishAuditRow(input: {
  organizationId: string;
  branchId: string;
  checklistVersionId: string;
  checklistId: string;
  shopperId: string;
  /** YYYY-MM: the visit's month. */
  month: string;
  result: ScoreResult;
  /** Day of the month of the visit (10 unless given). */
  day?: number;
  now?: number;
  overrides?: Partial<AuditRow>;
}): Promise<string> {
  const database = db();
  const id = crypto.randomUUID();
  const { organizationId, branchId, checklistVersionId, shopperId, month, result } = input;
  const now = input.now ?? Date.now();
  const start = Date.parse(`${month}-${String(input.day ?? 10).padStart(2, "0")}T02:00:00Z`);
  await database.insert(assignments).values({
    id,
    organizationId,
    branchId,
    checklistVersionId,
    shopperId,
    windowStart: `${month}-01`,
    windowEnd: `${month}-28`,
  });
  await insertAudit(database, {
    row: {
      id,
      organizationId,
      assignmentId: id,
      branchId,
      checklistVersionId,
      shopperId,
      status: "published",
      contact: "visit",
      visitStartedAt: start,
      visitEndedAt: start + 30 * 60_000,
      visitMonth: month,
      locationLat: null,
      locationLng: null,
      locationAccuracy: null,
      locationTakenAt: null,
      staffDescription: "",
      overallComment: "",
      score: result.score,
      criticalFailed: result.criticalFailed,
      scoreResult: result,
      late: false,
      flags: [],
      contentHash: id,
      submittedAt: now,
      publishedAt: now,
      version: 1,
      claimedBy: null,
      claimedAt: null,
      reviewedBy: null,
      rejectionReason: "",
      submittedScore: result.score,
      receipt: null,
      ...input.overrides,
    },
    answers: [],
    evidence: [],
    trail: [],
    rollup: {
      target: { organizationId, branchId, month, checklistVersionId, checklistId: input.checklistId },
      delta: rollupDelta(result, 1),
    },
  });
  return id;
}
