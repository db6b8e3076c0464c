/**
 * Audit rounds and shoppers' coverage profiles as the API answers them (docs/ROUNDS.md), and a
 * generation refusal as field errors naming the field and the numbers.
 */
import type { Channel, RoundStaffing, RoundStatus, RoundVisitStatus } from "../../schema/enums";
import type { RoundListRow, RoundRegionRow, RoundRow } from "../data/rounds";
import type { ShopperProfile } from "../data/shopper-profiles";
import type { Localized } from "../domain/checklists";
import type { Coverage, CoverageCounts } from "../domain/round-coverage";
import type { GenerationProblem } from "../domain/round-generation";
import {
  describeReasonGroup,
  type PlannedVisit,
  type RoundSummary,
  type RoundTarget,
  type RuleCounts,
  type Scenario,
  type Staffing,
  type Stratum,
  type SummaryRow,
} from "../domain/rounds";
import type { CsvCell } from "../lib/csv";
import type { FieldError } from "../lib/errors";

const iso = (ms: number) => new Date(ms).toISOString();

/** A shopper's coverage profile (`/shoppers/:membershipId/profile`). */
export interface ShopperProfileBody {
  membershipId: string;
  userId: string;
  /** Whether the membership is active: only active shoppers are staffed. */
  active: boolean;
  channels: Channel[];
  regionIds: string[];
  cities: string[];
  excludedBranchIds: string[];
  /** Issue 16's rating; null until rated. Read-only here. */
  rating: number | null;
  updatedAt: string | null;
  /** Send it back with a change (1 for a shopper who has no profile yet). */
  version: number;
}

export function presentShopperProfile(profile: ShopperProfile): ShopperProfileBody {
  return {
    membershipId: profile.membershipId,
    userId: profile.userId,
    active: profile.status === "active",
    channels: profile.channels,
    regionIds: profile.regionIds,
    cities: profile.cities,
    excludedBranchIds: profile.excludedBranchIds,
    rating: profile.rating,
    updatedAt: profile.updatedAt === null ? null : iso(profile.updatedAt),
    version: profile.version,
  };
}

/** Names of the regions a summary or coverage mentions. */
export type RegionNames = ReadonlyMap<string, Pick<RoundRegionRow, "code" | "nameEn" | "nameZh">>;

const regionOf = (regionId: string, names: RegionNames) => {
  const region = names.get(regionId);
  return {
    regionId,
    code: region?.code ?? "",
    name: { en: region?.nameEn ?? regionId, zh: region?.nameZh ?? regionId },
  };
};

/** A group of unstaffed visits: where, which week, how many shoppers failed which rule, and why in English. */
export interface ReasonGroupBody {
  regionId: string;
  regionCode: string;
  regionName: Localized;
  week: string;
  shoppers: number;
  counts: RuleCounts;
  visits: number;
  /** The first 50 visit keys (`<branchId>#<n>`) of the group. */
  visitKeys: string[];
  /** The reason in English (the web words its own in both languages from `counts`). */
  sentence: string;
}

/** Visits counted, per region, per stratum and per region × stratum, and the unstaffed reasons. */
export interface RoundSummaryBody extends SummaryRow {
  /** Visits waiting on the job board (board-staffed rounds). */
  posted: number;
  byRegion: Array<{ regionId: string; code: string; name: Localized } & SummaryRow>;
  byStratum: Array<{ stratum: string } & SummaryRow>;
  byRegionStratum: Array<{ regionId: string; stratum: string } & SummaryRow>;
  reasons: ReasonGroupBody[];
}

const MAX_KEYS_PER_REASON = 50;

/**
 * A round's summary for the preview and the round page. `posted`: how many visits went to the
 * job board (they count as unstaffed, with no reason).
 */
export function presentRoundSummary(summary: RoundSummary, names: RegionNames, posted = 0): RoundSummaryBody {
  const row = (r: SummaryRow): SummaryRow => ({ visits: r.visits, staffed: r.staffed, unstaffed: r.unstaffed });
  return {
    ...row(summary),
    posted,
    byRegion: Object.entries(summary.byRegion)
      .map(([regionId, r]) => ({ ...regionOf(regionId, names), ...row(r) }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    byStratum: Object.entries(summary.byStratum).map(([stratum, r]) => ({ stratum, ...row(r) })),
    byRegionStratum: Object.entries(summary.byRegionStratum).map(([key, r]) => {
      const [regionId = "", stratum = ""] = key.split("|");
      return { regionId, stratum, ...row(r) };
    }),
    reasons: summary.reasons.map((group) => {
      const region = regionOf(group.regionId, names);
      return {
        regionId: group.regionId,
        regionCode: region.code,
        regionName: region.name,
        week: group.week,
        shoppers: group.shoppers,
        counts: group.counts,
        visits: group.visitKeys.length,
        visitKeys: group.visitKeys.slice(0, MAX_KEYS_PER_REASON),
        sentence: describeReasonGroup(group, { region: region.name.en }),
      };
    }),
  };
}

/** One generated visit, for a preview's calendar (`?visits=true`). */
export interface PlannedVisitBody {
  key: string;
  branchId: string;
  regionId: string;
  windowStart: string;
  windowEnd: string;
  stratum: string;
  scenario: Scenario;
  /** The shopper staffing gave it to (null: unstaffed, or a board round). */
  shopperId: string | null;
}

export function presentPlannedVisit(visit: PlannedVisit, staffing: Staffing | undefined): PlannedVisitBody {
  return {
    key: visit.key,
    branchId: visit.branchId,
    regionId: visit.regionId,
    windowStart: visit.windowStart,
    windowEnd: visit.windowEnd,
    stratum: visit.stratum,
    scenario: visit.scenario,
    shopperId: staffing?.shopperId ?? null,
  };
}

/** Visits of a round by status (lists and the round page). */
export type RoundVisitCounts = Record<RoundVisitStatus, number> & { visits: number };

/** A committed round: its definition as planned, and how its visits stand. */
export interface RoundBody {
  id: string;
  name: string;
  checklistId: string;
  checklistVersionId: string | null;
  period: { from: string; to: string };
  target: RoundTarget;
  visitsPerBranch: number;
  minGapDays: number;
  windowDays: number;
  strata: Stratum[];
  scenarios: Scenario[];
  blackoutDates: string[];
  feeCents: number;
  reimbursementCapCents: number;
  staffing: RoundStaffing;
  /** Shoppers with an established rating below this were not staffed (null: no floor). */
  ratingFloor: number | null;
  status: RoundStatus;
  createdAt: string;
  cancelledAt: string | null;
  counts: RoundVisitCounts;
  /** Send it back to cancel (409 `stale_version` when the round moved on). */
  version: number;
}

export function presentRound(row: RoundRow, counts: RoundVisitCounts): RoundBody {
  return {
    id: row.id,
    name: row.name,
    checklistId: row.checklistId,
    checklistVersionId: row.checklistVersionId,
    period: { from: row.periodStart, to: row.periodEnd },
    target: row.target as unknown as RoundTarget,
    visitsPerBranch: row.visitsPerBranch,
    minGapDays: row.minGapDays,
    windowDays: row.windowDays,
    strata: row.strata as Stratum[],
    scenarios: row.scenarios as Scenario[],
    blackoutDates: row.blackoutDates,
    feeCents: row.feeCents,
    reimbursementCapCents: row.reimbursementCapCents,
    staffing: row.staffing,
    ratingFloor: row.ratingFloor ?? null,
    status: row.status,
    createdAt: iso(row.createdAt),
    cancelledAt: row.cancelledAt === null ? null : iso(row.cancelledAt),
    counts,
    version: row.version,
  };
}

/** A row of `GET /rounds`: the round with its visits counted by status. */
export function presentRoundListItem(row: RoundListRow): RoundBody {
  const n = (value: unknown) => Number(value ?? 0);
  return presentRound(row.round, {
    visits: n(row.visits),
    staffed: n(row.staffed),
    posted: n(row.posted),
    unstaffed: n(row.unstaffed),
    cancelled: n(row.cancelled),
  });
}

/** Coverage of a round: totals, then per region and per branch (with names). */
export interface CoverageBody {
  roundId: string;
  total: CoverageCounts;
  byRegion: Array<{ regionId: string; code: string; name: Localized } & CoverageCounts>;
  byBranch: Array<{ branchId: string; code: string; name: Localized; regionId: string } & CoverageCounts>;
}

/** Names of the branches a coverage lists. */
export type BranchNames = ReadonlyMap<string, { code: string; nameEn: string; nameZh: string }>;

export function presentCoverage(
  roundId: string,
  coverage: Coverage,
  regions: RegionNames,
  branches: BranchNames,
): CoverageBody {
  return {
    roundId,
    total: coverage.total,
    byRegion: coverage.byRegion.map((r) => ({ ...regionOf(r.regionId, regions), ...r })),
    byBranch: coverage.byBranch.map((b) => {
      const branch = branches.get(b.branchId);
      return {
        ...b,
        code: branch?.code ?? "",
        name: { en: branch?.nameEn ?? b.branchId, zh: branch?.nameZh ?? b.branchId },
      };
    }),
  };
}

/** The coverage CSV's header: one row per branch. */
export const COVERAGE_COLUMNS = [
  "region_code",
  "region_name_en",
  "region_name_zh",
  "branch_code",
  "branch_name_en",
  "branch_name_zh",
  "planned",
  "staffed",
  "submitted",
  "published",
  "overdue",
  "posted",
  "unstaffed",
  "cancelled",
] as const;

/** The coverage's rows for the CSV, branches grouped by region (code order). */
export function coverageCsvRows(body: CoverageBody): CsvCell[][] {
  const regionById = new Map(body.byRegion.map((r) => [r.regionId, r]));
  return [...body.byBranch]
    .sort((a, b) => {
      const ra = regionById.get(a.regionId)?.code ?? "";
      const rb = regionById.get(b.regionId)?.code ?? "";
      return ra < rb ? -1 : ra > rb ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
    })
    .map((b) => {
      const region = regionById.get(b.regionId);
      return [
        region?.code ?? "",
        region?.name.en ?? "",
        region?.name.zh ?? "",
        b.code,
        b.name.en,
        b.name.zh,
        b.planned,
        b.staffed,
        b.submitted,
        b.published,
        b.overdue,
        b.posted,
        b.unstaffed,
        b.cancelled,
      ];
    });
}

/** Most branch problems listed one by one in a refusal (the rest are counted in the last). */
const MAX_PROBLEM_ERRORS = 50;

/**
 * A generation refusal as field errors: each names the field to change, and the numbers.
 * `branchCode` names a branch by its code; `strataIndex` finds a stratum's place in the body.
 * @example
 * generationErrors([{ code: "period_too_short", days: 10, visitsPerBranch: 2, minGapDays: 14, neededDays: 16 }], …)
 * // [{ path: "period.to", code: "too_small", limit: 16,
 * //    message: "The period has 10 days; 2 visits a branch at least 14 days apart need 16 days" }]
 */
export function generationErrors(
  problems: readonly GenerationProblem[],
  names: { branchCode: (id: string) => string; strataIndex: (key: string) => number },
): FieldError[] {
  const errors = problems.slice(0, MAX_PROBLEM_ERRORS).map((problem) => problemError(problem, names));
  if (problems.length > MAX_PROBLEM_ERRORS) {
    errors.push({
      path: "target",
      code: "more_problems",
      message: `${problems.length - MAX_PROBLEM_ERRORS} more branches cannot be planned for the same reasons`,
    });
  }
  return errors;
}

/** One problem as a field error. */
function problemError(
  problem: GenerationProblem,
  names: { branchCode: (id: string) => string; strataIndex: (key: string) => number },
): FieldError {
  switch (problem.code) {
    case "invalid_round":
      return {
        path: problem.path
          .split("/")
          .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), ""),
        code: "invalid_value",
        message: problem.message,
      };
    case "no_branches":
      return {
        path: "target",
        code: "no_branches",
        message: "No active branch of this checklist's channel matches the target",
      };
    case "no_scenario_for_channel":
      return {
        path: "scenarios",
        code: "no_scenario_for_channel",
        message: `No scenario for ${problem.channel === "call_centre" ? "calls" : "store visits"}, and targeted branches need one`,
      };
    case "period_too_short":
      return {
        path: "period.to",
        code: "too_small",
        limit: problem.neededDays,
        message: `The period has ${problem.days} days; ${problem.visitsPerBranch} visits a branch at least ${problem.minGapDays} days apart need ${problem.neededDays} days`,
      };
    case "no_day_for_stratum":
      return {
        path: `strata[${names.strataIndex(problem.stratum)}]`,
        code: "no_day_for_stratum",
        message: `Branch ${names.branchCode(problem.branchId)} has no allowed day for "${problem.stratum}" (visit ${problem.ordinal + 1}) between ${problem.sliceStart} and ${problem.sliceEnd}: blackout dates, closed days or the day-part's days`,
      };
    case "gap_unreachable":
      return {
        path: "minGapDays",
        code: "gap_unreachable",
        limit: problem.minGapDays,
        message: `Branch ${names.branchCode(problem.branchId)} has no allowed days ${problem.minGapDays} days apart for visit ${problem.ordinal + 1}: lower the gap or remove blackout dates`,
      };
  }
}
