/**
 * What the scorecard views share: the filter in the URL, links that keep it, month labels, and a view's loading and failure states.
 */
import "../scorecards.css";
import { ErrorBoundary, type JSX, Suspense } from "solid-js";
import { ErrorState, Loading } from "../../../components/states";
import { monthLabel } from "../../../lib/office-formats";
import { firstParam } from "../../../lib/search-params";
import {
  getHeatmap,
  getLeague,
  getRegionScores,
  getTrends,
  type League,
  type ScorecardFilter,
} from "../scorecard-queries";

declare module "solid-js" {
  namespace JSX {
    /** `attr:noscroll`: the router keeps the scroll position when following the link. */
    interface ExplicitAttributes {
      noscroll: string;
    }
  }
}

export const VIEWS = ["league", "regions", "heatmap", "trends"] as const;
export type View = (typeof VIEWS)[number];
export type Period = League["period"];
export type Params = Partial<Record<string, string | string[]>>;

/** The view the URL's search asks for (`view`), the league when none or unknown. */
export function viewOf(params: Params): View {
  const value = firstParam(params.view);
  return (VIEWS as readonly string[]).includes(value) ? (value as View) : "league";
}

/** The URL parameters that make up the filter (`period` is how the filter bar shows it). */
export const FILTER_KEYS = ["period", "from", "to", "checklistId", "channel", "regionId"] as const;

/** `path?query` from some of the current parameters plus a patch (empty values left out). */
export function withParams(
  path: string,
  params: Params,
  keys: readonly string[] | "all",
  patch: Record<string, string | undefined>,
) {
  const search = new URLSearchParams();
  const base = keys === "all" ? Object.keys(params) : keys;
  for (const key of base) if (!(key in patch) && firstParam(params[key])) search.set(key, firstParam(params[key]));
  for (const [key, value] of Object.entries(patch)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** A month's column heading, with * on the month still under way (the chart's note explains it). */
export const monthHeading = (month: string, partial: string | null) =>
  `${monthLabel(month, "short")}${month === partial ? "*" : ""}`;

export interface ViewProps {
  filter: ScorecardFilter;
  params: Params;
}

/** One view's loading and failure states, below the filters and tabs. */
export function Panel(props: { children: JSX.Element }) {
  return (
    <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}

/** The heatmap's rows: regions, or branches (`?by=branch`). */
export const heatmapBy = (params: Params): "region" | "branch" =>
  firstParam(params.by) === "branch" ? "branch" : "region";

/**
 * The months a view's figures cover, as the API resolved them (the filter bar's note), read
 * from the view's own query: the router's cache answers both with one request. A view that
 * fails says so itself; its period is then unknown.
 */
export function viewPeriod(view: View, filter: ScorecardFilter, params: Params): Promise<Period | undefined> {
  const data =
    view === "league"
      ? getLeague(filter)
      : view === "regions"
        ? getRegionScores(filter)
        : view === "heatmap"
          ? getHeatmap(filter, heatmapBy(params))
          : getTrends(filter);
  return data.then(
    (loaded) => loaded.period,
    () => undefined,
  );
}
