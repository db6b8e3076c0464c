/**
 * One error type for the whole API. Handlers and data functions throw `ApiError`;
 * the app's single `onError` turns it into an RFC 9457 problem document.
 */
import { HTTPException } from "hono/http-exception";

/** Stable machine-readable codes, each with its HTTP status and default title. */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: "Some fields are not valid" },
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  invalid_credentials: { status: 401, title: "Email or password is incorrect" },
  unauthenticated: { status: 401, title: "Sign in to continue" },
  forbidden: { status: 403, title: "Your role does not allow this action" },
  csrf_rejected: { status: 403, title: "Cross-origin request rejected" },
  two_factor_pending: { status: 403, title: "Finish signing in with your two-factor code first" },
  two_factor_required: { status: 409, title: "Your organisation requires two-factor sign-in for your role" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "This conflicts with existing data" },
  version_published: { status: 409, title: "This checklist version is published and cannot change" },
  stale_version: { status: 409, title: "Someone else changed this since you loaded it" },
  already_claimed: { status: 409, title: "Another reviewer is reviewing this report" },
  claim_required: { status: 409, title: "Claim this report before changing it" },
  invalid_state: { status: 409, title: "This is not in a state that allows this" },
  conflict_of_interest: { status: 403, title: "You reviewed this report: someone else must decide its dispute" },
  dispute_window_closed: { status: 409, title: "The time to dispute this report has passed" },
  dispute_open: { status: 409, title: "This report already has an open dispute" },
  no_other_shopper: { status: 409, title: "No other active shopper can visit this branch again" },
  already_taken: { status: 409, title: "Another shopper has already taken this visit" },
  not_eligible: { status: 409, title: "You cannot take this visit" },
  claim_limit_reached: { status: 409, title: "You hold as many visits from the job board as you may" },
  release_closed: { status: 409, title: "This visit starts too soon to be released" },
  no_reimbursement: { status: 409, title: "This visit has no reimbursement: there is no expense to claim" },
  expense_locked: { status: 409, title: "This expense can no longer change: its fee was approved, paid or withdrawn" },
  nothing_payable: { status: 409, title: "There is nothing payable to approve" },
  payout_paid: { status: 409, title: "This payout is already marked paid" },
  calibration_open: { status: 409, title: "This calibration is still open: its results come when it closes" },
  calibration_closed: { status: 409, title: "This calibration is closed" },
  audit_conflict: { status: 409, title: "A different report was already submitted under this id" },
  evidence_missing: { status: 409, title: "Some photos of this report have not been uploaded yet" },
  checksum_mismatch: { status: 400, title: "The uploaded bytes do not match the SHA-256 in the address" },
  invitation_invalid: { status: 410, title: "This invitation link is no longer valid" },
  account_exists: { status: 409, title: "This email already has a Courtesy account" },
  last_admin: {
    status: 409,
    title: "You are the only admin of an organisation that has other members: make someone else admin first",
  },
  payload_too_large: { status: 413, title: "The request body is too large" },
  import_has_errors: { status: 400, title: "The file has errors: nothing was imported" },
  import_too_many_rows: { status: 413, title: "The file has more rows than one import takes" },
  invalid_encoding: { status: 400, title: "The file is not UTF-8 text" },
  unsupported_media_type: { status: 415, title: "Send the request body as application/json" },
  too_many_attempts: { status: 429, title: "Too many failed sign-in attempts" },
  rate_limited: { status: 429, title: "Too many requests of this kind; try again later" },
  internal_error: { status: 500, title: "Something went wrong on our side" },
  busy: { status: 503, title: "Too many changes at once; nothing was saved: try again in a moment" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * One problem with one field of the input, addressed by a JavaScript-style path (`branchIds[0]`, `sections[2].items[4].critical`).
 * `code` lets clients show the message in the user's language; `message` is English.
 */
export interface FieldError {
  path: string;
  message: string;
  /** required | too_small | too_big | invalid_format | invalid_characters | invalid_value | invalid_type | unknown_field | taken | unknown_reference | not_allowed */
  code: string;
  /** The bound for too_small / too_big. */
  limit?: number;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** RFC 9457 extension members (`{ revision: 4 }` on `stale_version`). */
  readonly extensions?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, string | number>;
      /** The error this one stands for (a unique-key violation, Hono's own), kept for logs, never sent. */
      cause?: unknown;
    } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

/**
 * Anything thrown, as an ApiError: ours as they are, Hono's by status, the rest as a 500. The
 * original is kept as the `cause` (for the log), and its message never reaches the client.
 * @example toApiError(new Error("D1_ERROR: …")) // ApiError internal_error, cause: that error
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400) return new ApiError("malformed_json", error.message, { cause: error });
    if (error.status === 413) return new ApiError("payload_too_large", undefined, { cause: error });
  }
  return new ApiError("internal_error", undefined, { cause: error });
}

/** A validation error for a single field, the common case in handlers. */
export function fieldError(
  path: string,
  fieldCode: string,
  message: string,
  code: ErrorCode = "validation_failed",
): ApiError {
  return new ApiError(code, message, { errors: [{ path, message, code: fieldCode }] });
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  /** Extension members of some codes: `revision` on `stale_version`. */
  revision?: number;
}

/** Builds the RFC 9457 body for an error. */
export function toProblem(error: ApiError, requestId?: string): ProblemDocument {
  const title = ERROR_CODES[error.code].title;
  return {
    ...error.extensions,
    type: `urn:courtesy:problem:${error.code}`,
    title,
    status: error.status,
    code: error.code,
    ...(error.message !== title ? { detail: error.message } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
