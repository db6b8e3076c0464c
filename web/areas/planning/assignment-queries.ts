/**
 * Reads for the planned-visit pages and the reports they lead to, kept apart from lib/queries.ts
 * so that nothing about assignments is in the app's first download: only lazy pages (planning,
 * home, review, report) and the route preloads import this.
 */
import { createAsync, query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from "../../../schema/enums";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";
import { getChecklistVersion } from "../checklists/checklist-queries";
import { getBranch } from "../organisation/queries";

export type Assignment = InferResponseType<typeof api.assignments.$get, 200>["items"][number];
export type Audit = InferResponseType<(typeof api.audits)[":id"]["$get"], 200>;

export { ASSIGNMENT_STATUSES, type AssignmentStatus } from "../../../schema/enums";

export interface AssignmentFilter {
  status?: AssignmentStatus | undefined;
  branchId?: string | undefined;
  shopperId?: string | undefined;
}

/** The list's status choice in the URL (`?status=`): open visits unless asked otherwise, "all" for every status. */
export const statusChoice = (params: SearchParams): AssignmentStatus | "all" =>
  firstParam(params.status) === "all" ? "all" : (paramIn(params.status, ASSIGNMENT_STATUSES) ?? "open");

/** The list's filter in the URL (`?status=&branchId=&shopperId=`). */
export function assignmentFilter(params: SearchParams): AssignmentFilter {
  const status = statusChoice(params);
  return {
    status: status === "all" ? undefined : status,
    branchId: firstParam(params.branchId) || undefined,
    shopperId: firstParam(params.shopperId) || undefined,
  };
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

/**
 * One report's reads (the report page and the review screen): the audit, then the checklist
 * version it was filled in on and its branch, each a signal, undefined until it has arrived.
 */
export function createReportReads(id: () => string) {
  const audit = createAsync(() => getAudit(id()));
  const version = createAsync(async () => {
    const a = audit();
    return a ? getChecklistVersion(a.checklistVersionId) : undefined;
  });
  const branch = createAsync(async () => {
    const a = audit();
    return a ? getBranch(a.branchId) : undefined;
  });
  return { audit, version, branch };
}

/** The same reads for those pages' route preloads (the pages' own arguments, so their `createAsync`s find them). */
export async function preloadReport(id: string): Promise<unknown> {
  const audit = await getAudit(id);
  return Promise.all([getChecklistVersion(audit.checklistVersionId), getBranch(audit.branchId)]);
}

/** The keys to revalidate after an assignment changes. */
export const assignmentKeys = [getAssignments.key, getAssignment.key];
