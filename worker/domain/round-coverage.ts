/**
 * A round's coverage (docs/ROUNDS.md, "Coverage"): how far its visits have come, per branch and
 * per region. Pure: the route reads one row per round visit (with its assignment's and report's
 * status) and each branch's today, and this counts.
 *
 * - `planned`: the round's visits that are not cancelled;
 * - `staffed`: those given to a shopper whose visit is still on (open, or reported);
 * - `submitted`: those whose report arrived (in review, published, returned, …);
 * - `published`: those whose report is published;
 * - `overdue`: staffed, no report yet, and the window's last day has passed in the branch's calendar;
 * - `posted` / `unstaffed`: waiting on the job board, or left without a shopper;
 * - `cancelled`: cancelled with the round, or their visit cancelled one by one.
 */
import type { AssignmentStatus, AuditStatus, RoundVisitStatus } from "../../schema/enums";
import { compareText } from "./rounds";

/** One round visit as coverage reads it. */
export interface CoverageVisit {
  branchId: string;
  regionId: string;
  status: RoundVisitStatus;
  windowEnd: string;
  /** The assignment it became (null: none). */
  assignmentStatus: AssignmentStatus | null;
  /** The report of that assignment (null: none yet). */
  auditStatus: AuditStatus | null;
}

export interface CoverageCounts {
  planned: number;
  staffed: number;
  submitted: number;
  published: number;
  overdue: number;
  posted: number;
  unstaffed: number;
  cancelled: number;
}

export interface Coverage {
  total: CoverageCounts;
  /** By branch id, branches in id order. */
  byBranch: Array<{ branchId: string; regionId: string } & CoverageCounts>;
  /** By region id, regions in id order. */
  byRegion: Array<{ regionId: string } & CoverageCounts>;
}

/**
 * A zeroed `CoverageCounts`.
 * @example emptyCoverage().planned // 0
 */
export function emptyCoverage(): CoverageCounts {
  return { planned: 0, staffed: 0, submitted: 0, published: 0, overdue: 0, posted: 0, unstaffed: 0, cancelled: 0 };
}

/**
 * Adds one visit to `counts` (`today`: the branch's date, YYYY-MM-DD).
 * @example
 * count(emptyCoverage(), { status: "staffed", windowEnd: "2026-03-05", assignmentStatus: "open", auditStatus: null, … }, "2026-03-06")
 * // { planned: 1, staffed: 1, overdue: 1, submitted: 0, … }
 */
export function count(counts: CoverageCounts, visit: CoverageVisit, today: string): CoverageCounts {
  const cancelled = visit.status === "cancelled" || visit.assignmentStatus === "cancelled";
  if (cancelled) {
    counts.cancelled++;
    return counts;
  }
  counts.planned++;
  if (visit.status === "posted") counts.posted++;
  if (visit.status === "unstaffed") counts.unstaffed++;
  if (visit.assignmentStatus === "open" || visit.assignmentStatus === "submitted") {
    counts.staffed++;
    if (visit.auditStatus !== null) counts.submitted++;
    if (visit.auditStatus === "published") counts.published++;
    if (visit.auditStatus === null && visit.assignmentStatus === "open" && visit.windowEnd < today) counts.overdue++;
  }
  return counts;
}

/**
 * Coverage of a round's visits. `todayOf(branchId)` is the date in the branch's own calendar
 * (a visit is overdue once its window's last day has passed there).
 * @example
 * roundCoverage(visits, () => "2026-03-20").byRegion // [{ regionId: "north", planned: 4, staffed: 4, published: 1, … }]
 */
export function roundCoverage(visits: readonly CoverageVisit[], todayOf: (branchId: string) => string): Coverage {
  const total = emptyCoverage();
  const branches = new Map<string, { branchId: string; regionId: string } & CoverageCounts>();
  const regions = new Map<string, { regionId: string } & CoverageCounts>();
  for (const visit of visits) {
    const today = todayOf(visit.branchId);
    count(total, visit, today);
    let branch = branches.get(visit.branchId);
    if (!branch) {
      branch = { branchId: visit.branchId, regionId: visit.regionId, ...emptyCoverage() };
      branches.set(visit.branchId, branch);
    }
    count(branch, visit, today);
    let region = regions.get(visit.regionId);
    if (!region) {
      region = { regionId: visit.regionId, ...emptyCoverage() };
      regions.set(visit.regionId, region);
    }
    count(region, visit, today);
  }
  return {
    total,
    byBranch: [...branches.values()].sort((a, b) => compareText(a.branchId, b.branchId)),
    byRegion: [...regions.values()].sort((a, b) => compareText(a.regionId, b.regionId)),
  };
}
