/**
 * Scorecard reads (router queries, cached per filter). The filter lives in the URL, so a
 * scorecard can be bookmarked, shared and printed as it is on screen.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";
import { CHANNELS, type Channel } from "../../lib/types";

/** The filters every scorecard view takes (docs/SCORING.md: whole months from `from` to `to`). */
export interface ScorecardFilter {
  from?: string | undefined;
  to?: string | undefined;
  checklistId?: string | undefined;
  channel?: Channel | undefined;
  regionId?: string | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter in a URL's search (`from`, `to`, `checklistId`, `channel`, `regionId`), unknown values left out. */
export function scorecardFilter(params: SearchParams): ScorecardFilter {
  return {
    from: DATE.test(firstParam(params.from)) ? firstParam(params.from) : undefined,
    to: DATE.test(firstParam(params.to)) ? firstParam(params.to) : undefined,
    checklistId: firstParam(params.checklistId) || undefined,
    channel: paramIn(params.channel, CHANNELS),
    regionId: firstParam(params.regionId) || undefined,
  };
}

/** The filter as query parameters, empty ones left out. */
export function filterQuery(filter: ScorecardFilter): Record<string, string> {
  const entries = Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return Object.fromEntries(entries);
}

export const getBranchScorecard = query(
  (id: string, filter: ScorecardFilter) =>
    call(api.scorecards.branches[":id"].$get({ param: { id }, query: filterQuery(filter) })),
  "scorecard-branch",
);

export const getLeague = query(
  (filter: ScorecardFilter) => call(api.scorecards.league.$get({ query: filterQuery(filter) })),
  "scorecard-league",
);

export const getRegionScores = query(
  (filter: ScorecardFilter) => call(api.scorecards.regions.$get({ query: filterQuery(filter) })),
  "scorecard-regions",
);

export const getHeatmap = query(
  (filter: ScorecardFilter, by: "region" | "branch") =>
    call(api.scorecards.heatmap.$get({ query: { ...filterQuery(filter), by } })),
  "scorecard-heatmap",
);

export const getTrends = query(
  (filter: ScorecardFilter) => call(api.scorecards.trends.$get({ query: filterQuery(filter) })),
  "scorecard-trends",
);

export interface AuditsBehind {
  branchId?: string | undefined;
  itemKey?: string | undefined;
  outcome?: "fail" | "pass" | "na" | undefined;
}

const OUTCOMES = ["fail", "pass", "na"] as const;

/** Which audits behind a figure the URL's search asks for (`branchId`, `itemKey`, `outcome`). */
export function auditsBehind(params: SearchParams): AuditsBehind {
  return {
    branchId: firstParam(params.branchId) || undefined,
    itemKey: firstParam(params.itemKey) || undefined,
    outcome: paramIn(params.outcome, OUTCOMES),
  };
}

export const getAuditsBehind = query(
  (filter: ScorecardFilter, behind: AuditsBehind) =>
    call(
      api.scorecards.audits.$get({
        query: { ...filterQuery(filter), ...filterQuery(behind as Record<string, string | undefined>) },
      }),
    ),
  "scorecard-audits",
);

/** A CSV export's address for the filter (a plain link: the browser downloads it with the session cookie). */
export function exportHref(kind: "audits" | "items", filter: ScorecardFilter & { branchId?: string }): string {
  const params = new URLSearchParams(filterQuery(filter));
  const search = params.toString();
  return `/api/v1/exports/${kind}.csv${search ? `?${search}` : ""}`;
}

export type BranchScorecard = InferResponseType<(typeof api.scorecards.branches)[":id"]["$get"], 200>;
export type League = InferResponseType<typeof api.scorecards.league.$get, 200>;
export type RegionScores = InferResponseType<typeof api.scorecards.regions.$get, 200>;
export type Heatmap = InferResponseType<typeof api.scorecards.heatmap.$get, 200>;
export type Trends = InferResponseType<typeof api.scorecards.trends.$get, 200>;
export type ScoreFigure = BranchScorecard["score"];
export type RateFigure = BranchScorecard["items"][number]["branch"];
