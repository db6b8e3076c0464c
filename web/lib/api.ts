/**
 * The one way the web app talks to the API: Hono's typed RPC client over `fetch` (its types over
 * lib/rpc.ts, a small runtime that builds the same requests), plus
 * `call`, which turns any non-OK response into a typed `Problem` (RFC 9457 problem+json).
 */
import type { ClientResponse, hc } from "hono/client";
import type { AppType } from "../../worker/app";
import { rpc } from "./rpc";

/** Field error codes the API uses (see worker/lib/errors.ts). */
export type FieldErrorCode =
  | "required"
  | "too_small"
  | "too_big"
  | "invalid_format"
  | "invalid_value"
  | "invalid_type"
  | "unknown_field"
  | "taken"
  | "unknown_reference"
  | "not_allowed";

export interface FieldProblem {
  /** Path of the field, such as `code`, `branchIds[0]` or `sections[2].items[4].weight`. */
  path: string;
  code: FieldErrorCode | (string & {});
  message: string;
  limit?: number;
}

/** An error the API answered with, or a network failure (status 0, code "network_error"). */
export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again (from Retry-After), when the API said so. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldProblem[];
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.detail ?? init.title);
    this.name = "Problem";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

export function isProblem(error: unknown): error is Problem {
  return error instanceof Problem;
}

/** Reads a problem document from a failed response; anything unexpected becomes a generic problem. */
export async function toProblem(response: Response): Promise<Problem> {
  const retryHeader = Number(response.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status alone.
  }
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is FieldProblem =>
          !!e && typeof e === "object" && typeof e.path === "string" && typeof e.code === "string",
      )
    : [];
  return new Problem({
    status: response.status,
    code: text(body.code) ?? (response.status >= 500 ? "internal_error" : `http_${response.status}`),
    title: text(body.title) ?? response.statusText,
    detail: text(body.detail),
    errors,
    requestId: text(body.requestId),
    retryAfter,
  });
}

let onUnauthenticated: (() => void) | undefined;

/** Registers what to do when any call answers 401 "sign in to continue" (the app goes to /login). */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** `fetch` that reports network failures as a Problem and signals a lost session. */
function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return answered(fetch(input, { credentials: "same-origin", ...init }));
}

/**
 * A request already on its way (`fetch`'s promise), as the client's own: a network failure becomes
 * a Problem (status 0) and a 401 "unauthenticated" signals a lost session.
 */
export async function answered(request: Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await request;
  } catch {
    throw new Problem({ status: 0, code: "network_error", title: "Network error" });
  }
  if (response.status === 401 && !response.bodyUsed) {
    const problem = await toProblem(response.clone());
    if (problem.code === "unauthenticated") onUnauthenticated?.();
  }
  return response;
}

/** The typed API client. `api.api.v1.branches.$get({ query: { q: "bei" } })`. */
export const client = rpc(apiFetch) as ReturnType<typeof hc<AppType>>;
export const api = client.api.v1;

type Body<R> = R extends ClientResponse<infer T, infer _S, infer F> ? (F extends "json" ? T : undefined) : never;

/**
 * Awaits a client call: the parsed body when OK (undefined for 204), a thrown `Problem` otherwise.
 * @example const page = await call(api.branches.$get({ query: {} }));
 */
export async function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Body<R>> {
  const response = (await request) as unknown as Response;
  if (!response.ok) throw await toProblem(response);
  if (response.status === 204) return undefined as Body<R>;
  return (await response.json()) as Body<R>;
}
