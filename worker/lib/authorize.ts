import type { Context } from "hono";
import type { SessionActor } from "../data/sessions";
import { type Action, decide, type Resource } from "../domain/policy";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";

/** The signed-in actor, or a 401. */
export function requireActor(c: Context<AppEnv>): SessionActor {
  const actor = c.get("actor");
  if (!actor) throw new ApiError("unauthenticated");
  return actor;
}

/** Asks the policy and throws the matching 403/404 when the answer is no. */
export function authorize(actor: SessionActor, action: Action, resource: Resource): void {
  const decision = decide(actor, action, resource);
  if (decision === "forbidden") throw new ApiError("forbidden");
  if (decision === "not_found") throw new ApiError("not_found");
}
