/**
 * One report's reads, shared by the report page, the review screen and their route preloads: the
 * audit, then the checklist version it was filled in on and its branch (both at once).
 */
import { createAsync } from "@solidjs/router";
import { getChecklistVersion } from "../checklists/checklist-queries";
import { getBranch } from "../organisation/queries";
import { getAudit } from "../planning/assignment-queries";

/** The page's reads as signals (undefined until each has arrived). */
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

/** The same reads for a route preload, with the page's arguments so its `createAsync`s find them. */
export async function preloadReport(id: string): Promise<unknown> {
  const audit = await getAudit(id);
  return Promise.all([getChecklistVersion(audit.checklistVersionId), getBranch(audit.branchId)]);
}
