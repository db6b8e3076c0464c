/**
 * Reads for the planned-visit pages, kept apart from lib/queries.ts so that nothing about
 * assignments is in the app's first download: only the (lazy) assignment routes import this.
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import type { AssignmentStatus } from "../../../schema/enums";
import { api, call } from "../../lib/api";

export type Assignment = InferResponseType<typeof api.assignments.$get, 200>["items"][number];
export type Audit = InferResponseType<(typeof api.audits)[":id"]["$get"], 200>;

export { ASSIGNMENT_STATUSES, type AssignmentStatus } from "../../../schema/enums";

export interface AssignmentFilter {
  status?: AssignmentStatus | undefined;
  branchId?: string | undefined;
  shopperId?: string | undefined;
}

/** Open visits first (earliest window first), then the rest; at most 500 (the API's cap). */
export const getAssignments = query(
  async (filter: AssignmentFilter) =>
    (
      await call(
        api.assignments.$get({
          query: {
            status: filter.status || undefined,
            branchId: filter.branchId || undefined,
            shopperId: filter.shopperId || undefined,
          },
        }),
      )
    ).items,
  "assignments",
);

/** The most the list endpoint returns in one answer. */
export const ASSIGNMENT_LIST_CAP = 500;

export const getAssignment = query((id: string) => call(api.assignments[":id"].$get({ param: { id } })), "assignment");

export const getAudit = query((id: string) => call(api.audits[":id"].$get({ param: { id } })), "audit");

/** The keys to revalidate after an assignment changes. */
export const assignmentKeys = [getAssignments.key, getAssignment.key];
