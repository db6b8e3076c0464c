/**
 * What each role may see and change in the app. Mirrors worker/domain/policy.ts so the
 * app only offers what the API will allow; the API still decides.
 */
import type { Role } from "./types";

const REGION_READERS: readonly Role[] = ["admin", "analyst", "reviewer", "regional_manager"];
const BRANCH_READERS: readonly Role[] = ["admin", "analyst", "reviewer", "regional_manager", "branch_manager"];
const USER_READERS: readonly Role[] = ["admin", "analyst"];
/** Who works with checklists in the web app (shoppers get theirs with their visits). */
const CHECKLIST_READERS: readonly Role[] = ["admin", "analyst", "reviewer"];

export interface Abilities {
  regions: boolean;
  branches: boolean;
  users: boolean;
  checklists: boolean;
  /** Create and edit regions, branches, people and checklists. */
  manage: boolean;
}

export function abilities(role: Role | string): Abilities {
  const r = role as Role;
  return {
    regions: REGION_READERS.includes(r),
    branches: BRANCH_READERS.includes(r),
    users: USER_READERS.includes(r),
    checklists: CHECKLIST_READERS.includes(r),
    manage: r === "admin",
  };
}
