import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { SessionActor } from "../data/sessions";
import { type Action, decide, type Resource, type ResourceType } from "../domain/policy";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";

/** The signed-in actor, or a 401. */
export function requireActor(c: Context<AppEnv>): SessionActor {
  const actor = c.get("actor");
  if (!actor) throw new ApiError("unauthenticated");
  return actor;
}

/**
 * Middleware for a person's own routes (no resource to ask the policy about): anonymous
 * requests get 401 before any body is read.
 */
export function signedIn() {
  return createMiddleware<AppEnv>(async function signedInMiddleware(c, next) {
    requireActor(c);
    await next();
  });
}

/** Asks the policy and throws the matching 403/404 when the answer is no. */
export function authorize(actor: SessionActor, action: Action, resource: Resource): void {
  const decision = decide(actor, action, resource);
  if (decision === "forbidden") throw new ApiError("forbidden");
  if (decision === "not_found") throw new ApiError("not_found");
}

/**
 * Middleware that refuses a role which may never take `action` on this kind of resource, before
 * any parameter, query or body is read: a role that may not act gets 403 whatever it sent, so a
 * malformed body cannot teach it the schema. The handler still decides on the target itself.
 * @example
 * branchRoutes.post("/", permitRole("create", "branch"), validate("json", createBranchBody), handler)
 */
export function permitRole(action: Action, type: ResourceType) {
  return createMiddleware<AppEnv>(async function permitRoleMiddleware(c, next) {
    authorize(requireActor(c), action, { type } as Resource);
    await next();
  });
}
