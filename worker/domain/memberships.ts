/**
 * Rules about memberships that do not need the database.
 */
import type { Role } from "../../schema/enums";
import { scopeKind } from "./policy";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface ScopeInput {
  regionIds: readonly string[];
  branchIds: readonly string[];
}

export interface ScopeProblem {
  path: "regionIds" | "branchIds";
  /** `required`: the role needs this scope; `not_allowed`: the role takes no scope of this kind. */
  code: "required" | "not_allowed";
  message: string;
}

/**
 * Checks that a role carries the scope it needs and no other: a regional manager covers
 * at least one region, a branch manager runs at least one branch, everyone else has
 * organisation-wide access (or, for shoppers and reviewers, none through scope).
 * @example checkScope("branch_manager", { regionIds: [], branchIds: [] }) // [{ path: "branchIds", ... }]
 */
export function checkScope(role: Role, scope: ScopeInput): ScopeProblem[] {
  const problems: ScopeProblem[] = [];
  const kind = scopeKind(role);
  if (kind === "regions") {
    if (scope.regionIds.length === 0)
      problems.push({ path: "regionIds", code: "required", message: "Choose at least one region" });
    if (scope.branchIds.length > 0)
      problems.push({
        path: "branchIds",
        code: "not_allowed",
        message: "A regional manager is scoped by region, not branch",
      });
  } else if (kind === "branches") {
    if (scope.branchIds.length === 0)
      problems.push({ path: "branchIds", code: "required", message: "Choose at least one branch" });
    if (scope.regionIds.length > 0)
      problems.push({
        path: "regionIds",
        code: "not_allowed",
        message: "A branch manager is scoped by branch, not region",
      });
  } else {
    if (scope.regionIds.length > 0)
      problems.push({ path: "regionIds", code: "not_allowed", message: "This role has no region scope" });
    if (scope.branchIds.length > 0)
      problems.push({ path: "branchIds", code: "not_allowed", message: "This role has no branch scope" });
  }
  return problems;
}

export const SESSION_IDLE_MS = 3 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** Writing last-seen on every request would double the writes; a minute's slack is harmless. */
export const SESSION_TOUCH_AFTER_MS = 60 * 1000;

/**
 * Whether a session is still usable at `now`: neither idle too long nor past its absolute end.
 * @example isSessionLive({ lastSeenAt: 0, expiresAt: 10 }, 5) // true when 5 - 0 <= idle limit
 */
export function isSessionLive(session: { lastSeenAt: number; expiresAt: number }, now: number): boolean {
  return now < session.expiresAt && now - session.lastSeenAt < SESSION_IDLE_MS;
}

/** Failed sign-ins on one account in the window after which it is locked for the clients that failed. */
export const LOGIN_MAX_FAILURES = 5;
/**
 * Failed sign-ins from one client (IP), on any accounts, in the window after which that client
 * may not try at all: enough for a family or an office sharing an address, far too few to spray.
 */
export const LOGIN_CLIENT_MAX_FAILURES = 20;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Invitation links (new and re-sent) one admin may create in any hour. */
export const INVITATIONS_PER_HOUR = { limit: 30, windowMs: 60 * 60 * 1000 } as const;
