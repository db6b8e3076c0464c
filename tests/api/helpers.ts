/**
 * Small helpers for the API tests: call the Worker (`api` for raw requests, the typed client
 * of `./factory` for everything else), check answers, and build extra rows with unique codes
 * and emails.
 *
 * Each file has its own storage (vitest `isolate`) and makes its own organisations with
 * `createOrganization()` (./factory); no API test uses the demo seed. Tests within a file
 * share storage: unique codes and emails, no global counts. Org-aware helpers by topic:
 * ./org-helpers (branches), ./member-helpers (people), ./report-helpers (checklists, visits,
 * reports).
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import type { ClientResponse } from "hono/client";
import { expect } from "vitest";
import { assignments } from "../../schema";
import { type AuditRow, insertAudit, unreviewedColumns } from "../../worker/data/audits";
import { type Db, getDb } from "../../worker/data/db";
import { type ChecklistDocument, listItems } from "../../worker/domain/checklists";
import { rollupDelta } from "../../worker/domain/rollups";
import type { ScoreResult } from "../../worker/domain/scoring";
import type { FieldError, ProblemDocument } from "../../worker/lib/errors";
import { client } from "./factory";
import { sha256Of } from "./images";
import { report } from "./report-helpers";

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
export function sessionCookieOf(res: AnyResponse): string {
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
export async function signIn(email: string, password: string): Promise<string> {
  const res = await api("/api/v1/auth/login", { body: { email, password } });
  expect(res.status, await res.clone().text()).toBe(200);
  return sessionCookieOf(res);
}

/** A unique code (letters, digits, dashes; at most 20 characters). */
export function uniqueCode(prefix = "T"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`.toUpperCase();
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID()}@example.test`;
}

/** Creates a region as the person whose session `cookie` is (their admin). */
export async function createRegion(
  cookie: string,
  overrides: { code?: string; nameEn?: string; nameZh?: string } = {},
) {
  const code = uniqueCode("R");
  const json = { code, nameEn: `Region ${code}`, nameZh: `区域 ${code}`, ...overrides };
  return expectOk(await client(cookie).api.v1.regions.$post({ json }), 201);
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

export * from "./images";

// ---------------------------------------------------------------------------------------------
// Checklists, assignments and reports

export interface AnswerJson {
  item: string;
  value?: boolean | number | string;
  na?: boolean;
  comment?: string;
  evidence?: string[];
}

/** A calendar date `days` from today (UTC), as YYYY-MM-DD. */
export function isoDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
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

/**
 * A report body as plain JSON, for the tests that send what the typed client would not let
 * them (unknown fields, wrong types): `report()` of ./report-helpers with `overrides` on top.
 */
export function reportBody(
  assignment: { id: string; checklist: { versionId: string } },
  answers: AnswerJson[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...report(assignment, answers), ...overrides };
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
      formSeconds: null,
      fixes: [],
      staffDescription: "",
      staffName: null,
      fixesErasedAt: null,
      photosErasedAt: null,
      deidentifiedAt: null,
      overallComment: "",
      score: result.score,
      criticalFailed: result.criticalFailed,
      scoreResult: result,
      late: false,
      flags: [],
      contentHash: id,
      submittedAt: now,
      publishedAt: now,
      ...unreviewedColumns(result.score),
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
