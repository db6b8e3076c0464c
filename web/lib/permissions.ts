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
/**
 * Who sees planned visits in the web app. Never managers: a mystery visit must stay a mystery.
 * Shoppers see their own in their own app (/visits), not here.
 */
const ASSIGNMENT_READERS: readonly Role[] = ["admin", "analyst", "reviewer"];

export interface Abilities {
  regions: boolean;
  branches: boolean;
  users: boolean;
  checklists: boolean;
  /** Planned mystery visits and their reports (admins also plan and cancel them). */
  assignments: boolean;
  /** Create and edit regions, branches, people and checklists. */
  manage: boolean;
  /** Scorecards of the branches in scope (every role but shoppers). */
  scorecards: boolean;
  /** The league table, region roll-ups, heatmap and trends: head office and regional managers. */
  analytics: boolean;
  /** The shopper's own app: their visits (/visits) and the outbox of reports on their phone. */
  visits: boolean;
}

export function abilities(role: Role | string): Abilities {
  const r = role as Role;
  return {
    regions: REGION_READERS.includes(r),
    branches: BRANCH_READERS.includes(r),
    users: USER_READERS.includes(r),
    checklists: CHECKLIST_READERS.includes(r),
    assignments: ASSIGNMENT_READERS.includes(r),
    manage: r === "admin",
    scorecards: BRANCH_READERS.includes(r),
    analytics: REGION_READERS.includes(r),
    visits: r === "shopper",
  };
}
