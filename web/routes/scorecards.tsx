/**
 * The scorecard dashboard for head office and regional managers: a league table of branches,
 * regions side by side, a heatmap of item pass rates and the trends by month, all under one
 * filter kept in the URL (`?view=` picks the view). A branch manager goes straight to their
 * branch's scorecard (or picks one of theirs).
 */
import "../styles/scorecards.css";
import { A, createAsync, Navigate, useLocation, useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createSignal,
  ErrorBoundary,
  For,
  type JSX,
  Match,
  Show,
  Suspense,
  Switch,
} from "solid-js";
import { Icon } from "../components/icon";
import { PageHeader } from "../components/page-header";
import { formatChange, formatPercent, formatPoints, rateColour, ScoreValue } from "../components/scorecards/figures";
import { ScorecardFilters, useScorecardFilter } from "../components/scorecards/filters";
import { TrendChart, type TrendSeries } from "../components/scorecards/trend-chart";
import { Empty, ErrorState, Loading, NoAccess } from "../components/states";
import { tx } from "../lib/analytics-i18n";
import { isProblem } from "../lib/api";
import { getChecklists } from "../lib/checklist-queries";
import { intlLocale, localName } from "../lib/i18n";
import { getBranches, getRegions } from "../lib/queries";
import { ts } from "../lib/scorecard-i18n";
import {
  exportHref,
  getHeatmap,
  getLeague,
  getRegionScores,
  getTrends,
  type Heatmap,
  type League,
  type ScorecardFilter,
} from "../lib/scorecard-queries";
import { firstParam } from "../lib/search-params";
import { useAbilities, useMe } from "../lib/session";

declare module "solid-js" {
  namespace JSX {
    /** `attr:noscroll`: the router keeps the scroll position when following the link. */
    interface ExplicitAttributes {
      noscroll: string;
    }
  }
}

const VIEWS = ["league", "regions", "heatmap", "trends"] as const;
type View = (typeof VIEWS)[number];
type Period = League["period"];
type Params = Partial<Record<string, string | string[]>>;

/** The URL parameters that make up the filter (`period` is how the filter bar shows it). */
const FILTER_KEYS = ["period", "from", "to", "checklistId", "channel", "regionId"] as const;

/** `path?query` from some of the current parameters plus a patch (empty values left out). */
function withParams(
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

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(intlLocale(), {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  });

export default function Scorecards() {
  const can = useAbilities();
  return (
    <Switch fallback={<NoAccess />}>
      <Match when={can().analytics}>
        <Dashboard />
      </Match>
      <Match when={can().scorecards}>
        <MyBranches />
      </Match>
    </Switch>
  );
}

/** A branch manager: their branch's scorecard, or a choice among theirs. */
function MyBranches() {
  const me = useMe();
  const location = useLocation();
  const ids = () => me().scope.branchIds;
  return (
    <Switch>
      <Match when={ids().length === 1}>
        <Navigate href={`/scorecards/branches/${ids()[0]}${location.search}`} />
      </Match>
      <Match when={true}>
        <PageHeader title={tx("mine.title")} subtitle={ids().length ? tx("mine.hint") : undefined} />
        <Show when={ids().length} fallback={<Empty>{tx("mine.none")}</Empty>}>
          <BranchChoice search={location.search} />
        </Show>
      </Match>
    </Switch>
  );
}

function BranchChoice(props: { search: string }) {
  const branches = createAsync(() => getBranches({}));
  return (
    <ul class="list" aria-label={tx("mine.title")}>
      <For each={branches()?.items}>
        {(branch) => (
          <li>
            <A class="row" href={`/scorecards/branches/${branch.id}${props.search}`}>
              <span class="row__main">
                <span class="row__title">{localName(branch.name)}</span>
                <span class="row__meta">
                  <span class="code">{branch.code}</span>
                  <span>{localName(branch.region.name)}</span>
                </span>
              </span>
              <Icon name="chevron" class="row__chevron" />
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}

function Dashboard() {
  const can = useAbilities();
  const [params] = useSearchParams();
  const { filter } = useScorecardFilter();
  const view = (): View => {
    const value = firstParam(params.view);
    return (VIEWS as readonly string[]).includes(value) ? (value as View) : "league";
  };
  const regions = createAsync(() => getRegions());
  const checklists = createAsync(async () =>
    can().checklists ? (await getChecklists()).filter((c) => c.latestPublishedVersionId) : [],
  );
  // The months the shown view covers, as the API resolved them (for the filter bar's note).
  const [period, setPeriod] = createSignal<Period>();
  const viewProps = () => ({ filter: filter(), params: params as Params, onPeriod: setPeriod });

  return (
    <>
      <PageHeader
        title={tx("title")}
        subtitle={tx("subtitle")}
        actions={
          <div class="scorecards__exports no-print">
            <a class="button button--secondary" href={exportHref("audits", filter())} download="">
              {tx("exports.audits")}
            </a>
            <a class="button button--secondary" href={exportHref("items", filter())} download="">
              {tx("exports.items")}
            </a>
          </div>
        }
      />
      <Suspense>
        <ScorecardFilters checklists={checklists()} regions={regions()} period={period()} />
      </Suspense>
      <nav class="view-tabs no-print" aria-label={tx("views.label")}>
        <For each={VIEWS}>
          {(which) => (
            // A plain link (the router still handles it): <A> would mark every tab as the current page.
            <a
              class="view-tabs__tab"
              href={withParams("/scorecards", params as Params, "all", {
                view: which === "league" ? undefined : which,
              })}
              aria-current={view() === which ? "page" : undefined}
              attr:noscroll=""
            >
              {tx(`views.${which}`)}
            </a>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={view() === "league"}>
          <Panel>
            <LeagueView {...viewProps()} />
          </Panel>
        </Match>
        <Match when={view() === "regions"}>
          <Panel>
            <RegionsView {...viewProps()} />
          </Panel>
        </Match>
        <Match when={view() === "heatmap"}>
          <Panel>
            <HeatmapView {...viewProps()} />
          </Panel>
        </Match>
        <Match when={view() === "trends"}>
          <Panel>
            <TrendsView {...viewProps()} />
          </Panel>
        </Match>
      </Switch>
    </>
  );
}

interface ViewProps {
  filter: ScorecardFilter;
  params: Params;
  onPeriod: (period: Period) => void;
}

/** One view's loading and failure states, below the filters and tabs. */
function Panel(props: { children: JSX.Element }) {
  return (
    <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}

/** Tells the page which months a view's figures cover. */
function reportPeriod(data: () => { period: Period } | undefined, onPeriod: (period: Period) => void) {
  createEffect(() => {
    const loaded = data();
    if (loaded) onPeriod(loaded.period);
  });
}

/* League */

type LeagueRow = League["ranked"][number] | League["insufficient"][number];
type SortKey = "rank" | "score" | "code" | "n" | "change" | "critical";
interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

/** The first click on a column sorts it this way: best first for scores, most first for counts. */
const FIRST_DIRECTION: Record<SortKey, 1 | -1> = { rank: 1, score: -1, code: 1, n: -1, change: -1, critical: -1 };

function sortValue(row: LeagueRow, key: SortKey): number | string | null {
  switch (key) {
    case "rank":
      return row.rank;
    case "score":
      return row.score.mean;
    case "code":
      return row.branch.code;
    case "n":
      return row.score.n;
    case "change":
      return row.change;
    case "critical":
      return row.score.criticalFailed;
  }
}

/** Sorted by one column; missing values last either way; ties by branch code. */
function sortRows<T extends LeagueRow>(rows: readonly T[], sort: Sort): T[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number)) * sort.dir;
    }
    return a.branch.code.localeCompare(b.branch.code);
  });
}

function LeagueView(props: ViewProps) {
  const league = createAsync(() => getLeague(props.filter));
  reportPeriod(league, (p) => props.onPeriod(p));
  return (
    <Show when={league()}>
      {(data) => (
        <section class="scorecards__view" aria-labelledby="league-title">
          <h2 class="section-title" id="league-title">
            {tx("league.title")}
          </h2>
          <Show
            when={data().ranked.length || data().insufficient.length}
            fallback={<Empty>{tx("league.empty")}</Empty>}
          >
            <Show when={data().ranked.length}>
              <LeagueTable rows={data().ranked} ranked params={props.params} caption={tx("league.title")} />
            </Show>
            <Show when={data().insufficient.length}>
              <h2 class="section-title scorecards__subhead" id="league-insufficient">
                {tx("league.insufficientTitle")}
              </h2>
              <p class="scorecards__hint">{ts("figures.insufficientHint")}</p>
              <LeagueTable
                rows={data().insufficient}
                ranked={false}
                params={props.params}
                caption={tx("league.insufficientTitle")}
              />
            </Show>
          </Show>
        </section>
      )}
    </Show>
  );
}

function LeagueTable(props: { rows: readonly LeagueRow[]; ranked: boolean; params: Params; caption: string }) {
  const [sort, setSort] = createSignal<Sort>({ key: props.ranked ? "rank" : "score", dir: props.ranked ? 1 : -1 });
  const rows = createMemo(() => sortRows(props.rows, sort()));
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, dir: current.dir === 1 ? -1 : 1 } : { key, dir: FIRST_DIRECTION[key] },
    );
  const header = (key: SortKey, label: string, numeric = true) => (
    <SortHeader column={key} label={label} sort={sort()} onSort={onSort} numeric={numeric} />
  );
  return (
    <div class="table-scroll">
      <table class="table league">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <Show when={props.ranked}>{header("rank", tx("league.rank"))}</Show>
            <th scope="col">{tx("league.branch")}</th>
            {header("code", tx("league.code"), false)}
            {header("score", tx("league.score"))}
            {header("n", tx("league.n"))}
            {header("change", tx("league.change"))}
            {header("critical", tx("league.critical"))}
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr>
                <Show when={props.ranked}>
                  <td class="num league__rank">{row.rank}</td>
                </Show>
                <th scope="row" class="league__branch">
                  <A
                    href={withParams(`/scorecards/branches/${row.branch.id}`, props.params, FILTER_KEYS, {
                      regionId: undefined,
                    })}
                  >
                    {localName(row.branch.name)}
                  </A>
                  <Show when={row.branch.region}>
                    {(region) => <span class="league__region">{localName(region().name)}</span>}
                  </Show>
                </th>
                <td>
                  <span class="code">{row.branch.code}</span>
                </td>
                <td class="num">
                  <ScoreValue score={row.score} compact />
                </td>
                <td class="num">{row.score.n}</td>
                <td class="num">{formatChange(row.change)}</td>
                <td class="num">{row.score.criticalFailed}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function SortHeader(props: {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  numeric: boolean;
}) {
  const active = () => props.sort.key === props.column;
  return (
    <th
      scope="col"
      class={props.numeric ? "num" : undefined}
      aria-sort={active() ? (props.sort.dir === 1 ? "ascending" : "descending") : "none"}
    >
      <button type="button" class="sort-button" onClick={() => props.onSort(props.column)}>
        {props.label}
        <span class="sort-button__arrow" aria-hidden="true">
          {active() ? (props.sort.dir === 1 ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/* Regions */

function RegionsView(props: ViewProps) {
  const data = createAsync(() => getRegionScores(props.filter));
  reportPeriod(data, (p) => props.onPeriod(p));
  return (
    <Show when={data()}>
      {(d) => (
        <section class="scorecards__view" aria-labelledby="regions-title">
          <h2 class="section-title" id="regions-title">
            {tx("regions.title")}
          </h2>
          <Show when={d().regions.length} fallback={<Empty>{tx("regions.empty")}</Empty>}>
            <div class="table-scroll">
              <table class="table regions-table">
                <thead>
                  <tr>
                    <th scope="col">{tx("regions.region")}</th>
                    <th scope="col" class="num">
                      {tx("regions.mean")}
                    </th>
                    <th scope="col" class="regions-table__bar">
                      {tx("regions.interval")}
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.n")}
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.change")}
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.criticalRate")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().regions}>
                    {(row) => (
                      <RegionRow
                        label={localName(row.region.name)}
                        code={row.region.code}
                        score={row.score}
                        change={row.change}
                        reference={d().organization.mean}
                      />
                    )}
                  </For>
                </tbody>
                <tbody class="table__total">
                  <RegionRow
                    label={ts("figures.organization")}
                    score={d().organization}
                    change={null}
                    reference={d().organization.mean}
                  />
                </tbody>
              </table>
            </div>
            <p class="scorecards__hint">{tx("regions.scale")}</p>
          </Show>
        </section>
      )}
    </Show>
  );
}

function RegionRow(props: {
  label: string;
  code?: string;
  score: League["organization"];
  change: number | null;
  reference: number | null;
}) {
  return (
    <tr>
      <th scope="row">
        {props.label}
        <Show when={props.code}>
          {" "}
          <span class="code">{props.code}</span>
        </Show>
      </th>
      <td class="num">
        <Show when={props.score.mean !== null} fallback={<span class="figure__none">{ts("figures.noData")}</span>}>
          <strong>{formatPoints(props.score.mean)}</strong>
          <Show when={props.score.insufficient}>
            {" "}
            <span class="badge badge--muted" title={ts("figures.insufficientHint")}>
              {ts("figures.insufficient")}
            </span>
          </Show>
        </Show>
      </td>
      <td class="regions-table__bar">
        <IntervalBar
          low={props.score.low}
          high={props.score.high}
          mean={props.score.mean}
          reference={props.reference}
        />
        <span class="figure__interval">
          {props.score.low !== null && props.score.high !== null
            ? ts("figures.intervalShort", { low: formatPoints(props.score.low), high: formatPoints(props.score.high) })
            : "–"}
        </span>
      </td>
      <td class="num">{props.score.n}</td>
      <td class="num">{formatChange(props.change)}</td>
      <td
        class="num"
        title={ts("figures.criticalRate", { count: props.score.criticalFailed, audits: props.score.audits })}
      >
        {formatPercent(props.score.criticalRate)}
      </td>
    </tr>
  );
}

/** A 95 % interval on a 0–100 scale: the bar is the interval, the tick the mean, the dashed line a reference. */
function IntervalBar(props: {
  low: number | null;
  high: number | null;
  mean: number | null;
  reference: number | null;
}) {
  return (
    <svg
      class="interval-bar"
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      role="img"
      aria-label={tx("regions.barLabel", {
        mean: formatPoints(props.mean),
        low: formatPoints(props.low),
        high: formatPoints(props.high),
      })}
    >
      <rect class="interval-bar__track" x="0" y="5" width="100" height="2" />
      <Show when={props.low !== null && props.high !== null}>
        <rect
          class="interval-bar__range"
          x={props.low ?? 0}
          y="2"
          width={Math.max(0.5, (props.high ?? 0) - (props.low ?? 0))}
          height="8"
          vector-effect="non-scaling-stroke"
        />
      </Show>
      <Marker class="interval-bar__reference" at={props.reference} />
      <Marker class="interval-bar__mean" at={props.mean} />
    </svg>
  );
}

/** A vertical line across the interval bar at `at` (0–100), when there is a value. */
function Marker(props: { class: string; at: number | null }) {
  return (
    <Show when={props.at !== null}>
      <line
        class={props.class}
        x1={props.at ?? 0}
        x2={props.at ?? 0}
        y1="0"
        y2="12"
        vector-effect="non-scaling-stroke"
      />
    </Show>
  );
}

/* Heatmap */

type HeatItem = Heatmap["items"][number];
type HeatCell = Heatmap["cells"][number];
type Rate = HeatItem["organization"];

interface HeatGroup {
  key: string;
  title: string;
  items: HeatItem[];
}

function groupBySection(items: readonly HeatItem[]): HeatGroup[] {
  const groups: HeatGroup[] = [];
  for (const item of items) {
    const key = `${item.checklistId}:${item.section?.key ?? ""}`;
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else
      groups.push({
        key,
        title: item.section ? localName(item.section.title) : tx("heatmap.noSection"),
        items: [item],
      });
  }
  return groups;
}

function HeatmapView(props: ViewProps) {
  const [, setParams] = useSearchParams();
  const by = (): "region" | "branch" => (firstParam(props.params.by) === "branch" ? "branch" : "region");
  const result = createAsync(() => {
    const which = by();
    return getHeatmap(props.filter, which).then(
      (data) => ({ data, tooMany: false }),
      (error: unknown) => {
        const tooMany =
          which === "branch" &&
          isProblem(error) &&
          error.status === 400 &&
          error.errors.some((e) => e.path === "regionId");
        if (tooMany) return { data: undefined, tooMany: true };
        throw error;
      },
    );
  });
  reportPeriod(
    () => result()?.data,
    (p) => props.onPeriod(p),
  );

  return (
    <section class="scorecards__view" aria-labelledby="heatmap-title">
      <div class="scorecards__view-head">
        <h2 class="section-title" id="heatmap-title">
          {tx("heatmap.title")}
        </h2>
        <fieldset class="segmented scorecards__by no-print">
          <legend class="visually-hidden">{tx("heatmap.by")}</legend>
          <For each={["region", "branch"] as const}>
            {(which) => (
              <button
                type="button"
                class="segmented__option"
                aria-pressed={by() === which ? "true" : "false"}
                onClick={() => setParams({ by: which === "region" ? undefined : which }, { replace: true })}
              >
                {which === "region" ? tx("heatmap.byRegion") : tx("heatmap.byBranch")}
              </button>
            )}
          </For>
        </fieldset>
      </div>
      <Show when={result()}>
        {(r) => (
          <Show
            when={r().data}
            fallback={
              <section class="state" role="status">
                <h3 class="state__title">{tx("heatmap.tooMany")}</h3>
                <p>{tx("heatmap.pickRegion")}</p>
              </section>
            }
          >
            {(data) => <HeatmapTable data={data()} params={props.params} />}
          </Show>
        )}
      </Show>
    </section>
  );
}

function HeatmapTable(props: { data: Heatmap; params: Params }) {
  const cells = createMemo(() => new Map<string, HeatCell>(props.data.cells.map((c) => [`${c.item}|${c.column}`, c])));
  const groups = createMemo(() => groupBySection(props.data.items));
  const columnName = (column: Heatmap["columns"][number]) => `${column.code} · ${localName(column.name)}`;
  const auditsHref = (item: HeatItem, columnId: string | undefined) =>
    withParams("/scorecards/audits", props.params, FILTER_KEYS, {
      checklistId: item.checklistId,
      itemKey: item.key,
      outcome: "fail",
      ...(columnId === undefined ? {} : props.data.by === "region" ? { regionId: columnId } : { branchId: columnId }),
    });
  return (
    <Show when={props.data.items.length} fallback={<Empty>{tx("heatmap.empty")}</Empty>}>
      <HeatLegend />
      <div class="table-scroll heatmap-scroll">
        <table class="table table--compact heatmap">
          <caption class="visually-hidden">{tx("heatmap.title")}</caption>
          <thead>
            <tr>
              <th scope="col" class="heatmap__item">
                {tx("heatmap.item")}
              </th>
              <th scope="col" class="heatmap__org" title={ts("figures.organization")}>
                {tx("heatmap.organization")}
              </th>
              <For each={props.data.columns}>
                {(column) => (
                  <th scope="col" title={columnName(column)}>
                    <abbr title={columnName(column)}>{column.code}</abbr>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <For each={groups()}>
            {(group) => (
              <tbody>
                <tr class="heatmap__section">
                  <th scope="rowgroup" class="heatmap__item">
                    {group.title}
                  </th>
                  <td colSpan={props.data.columns.length + 1} />
                </tr>
                <For each={group.items}>
                  {(item) => (
                    <tr>
                      <th scope="row" class="heatmap__item">
                        {localName(item.prompt)}
                        <Show when={item.critical}>
                          {" "}
                          <span class="badge badge--danger heatmap__critical">{tx("heatmap.critical")}</span>
                        </Show>
                      </th>
                      <HeatCellView
                        rate={item.organization}
                        item={localName(item.prompt)}
                        column={ts("figures.organization")}
                        href={auditsHref(item, undefined)}
                        org
                      />
                      <For each={props.data.columns}>
                        {(column) => {
                          const cell = () => cells().get(`${item.id}|${column.id}`);
                          return (
                            <HeatCellView
                              rate={cell()}
                              item={localName(item.prompt)}
                              column={columnName(column)}
                              href={auditsHref(item, column.id)}
                            />
                          );
                        }}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            )}
          </For>
        </table>
      </div>
    </Show>
  );
}

function HeatCellView(props: { rate: Rate | undefined; item: string; column: string; href: string; org?: boolean }) {
  const judged = () => (props.rate ? props.rate.passes + props.rate.fails : 0);
  const description = () =>
    props.rate
      ? tx("heatmap.cell", {
          item: props.item,
          column: props.column,
          rate: props.rate.rate === null ? ts("figures.notJudged") : formatPercent(props.rate.rate),
          passes: props.rate.passes,
          fails: props.rate.fails,
          nas: props.rate.nas,
        })
      : `${props.item}, ${props.column}: ${tx("heatmap.noCell")}`;
  return (
    <td
      class={`heatmap__cell${props.org ? " heatmap__org" : ""}`}
      style={{ "background-color": rateColour(props.rate?.rate ?? null, judged()) }}
    >
      <Show
        when={props.rate}
        fallback={<span class="heatmap__empty" role="img" aria-label={description()} title={description()} />}
      >
        {(rate) => (
          <A class="heatmap__link" href={props.href} title={description()} aria-label={description()}>
            <span class="heatmap__value">{rate().rate === null ? "–" : formatPercent(rate().rate)}</span>
          </A>
        )}
      </Show>
    </td>
  );
}

function HeatLegend() {
  const swatches = () => [
    { colour: rateColour(0.4, 20), label: tx("heatmap.legend.low") },
    { colour: rateColour(0.7, 20), label: tx("heatmap.legend.mid") },
    { colour: rateColour(0.95, 20), label: tx("heatmap.legend.high") },
    { colour: rateColour(null, 0), label: tx("heatmap.legend.none") },
  ];
  return (
    <div class="heat-legend">
      <span class="heat-legend__title">{tx("heatmap.legend.title")}</span>
      <ul class="heat-legend__list">
        <For each={swatches()}>
          {(swatch) => (
            <li>
              <span class="heat-legend__swatch" style={{ "background-color": swatch.colour }} aria-hidden="true" />
              {swatch.label}
            </li>
          )}
        </For>
        <li>
          <span class="heat-legend__swatch heat-legend__swatch--pair" aria-hidden="true">
            <span style={{ "background-color": rateColour(0.95, 1) }} />
            <span style={{ "background-color": rateColour(0.95, 20) }} />
          </span>
          {tx("heatmap.legend.faint")}
        </li>
      </ul>
      <p class="scorecards__hint no-print">{tx("heatmap.legend.click")}</p>
    </div>
  );
}

/* Trends */

const ORGANIZATION_COLOUR = "#17211d";
const REGION_COLOURS = ["#0f5c4d", "#1d4ea3", "#b3261e", "#a15c00", "#6b3fa0", "#0e7490"];
const CHART_REGIONS = 6;

function TrendsView(props: ViewProps) {
  const data = createAsync(() => getTrends(props.filter));
  reportPeriod(data, (p) => props.onPeriod(p));
  return (
    <Show when={data()}>
      {(d) => {
        const months = () => d().period.months;
        const regionsByAudits = () =>
          [...d().regions]
            .map((r) => ({ ...r, total: r.points.reduce((sum, p) => sum + p.n, 0) }))
            .sort((a, b) => b.total - a.total);
        const series = (): TrendSeries[] => [
          {
            label: tx("trends.organization"),
            values: d().organization.map((p) => p.mean),
            colour: ORGANIZATION_COLOUR,
            dashed: true,
          },
          ...regionsByAudits()
            .slice(0, CHART_REGIONS)
            .map((r, i) => ({
              label: localName(r.region.name),
              values: r.points.map((p) => p.mean),
              colour: REGION_COLOURS[i % REGION_COLOURS.length] as string,
            })),
        ];
        return (
          <section class="scorecards__view" aria-label={tx("trends.title")}>
            <TrendChart
              title={tx("trends.title")}
              months={months()}
              series={series()}
              unit="points"
              format={formatPoints}
            />
            <Show when={d().regions.length > CHART_REGIONS}>
              <p class="scorecards__hint">{tx("trends.topRegions")}</p>
              <details class="trend-chart__numbers">
                <summary>{tx("trends.allRegions")}</summary>
                <div class="table-scroll">
                  <table class="table table--compact">
                    <thead>
                      <tr>
                        <th scope="col">{tx("regions.region")}</th>
                        <For each={months()}>
                          {(m) => (
                            <th scope="col" class="num">
                              {monthLabel(m)}
                            </th>
                          )}
                        </For>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={regionsByAudits()}>
                        {(r) => (
                          <tr>
                            <th scope="row">{localName(r.region.name)}</th>
                            <For each={r.points}>{(p) => <td class="num">{formatPoints(p.mean)}</td>}</For>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </details>
            </Show>
            <WeakestItems items={d().weakestItems} months={months()} params={props.params} />
          </section>
        );
      }}
    </Show>
  );
}

function WeakestItems(props: {
  items: Awaited<ReturnType<typeof getTrends>>["weakestItems"];
  months: readonly string[];
  params: Params;
}) {
  return (
    <section class="scorecards__weakest" aria-labelledby="weakest-title">
      <h2 class="section-title" id="weakest-title">
        {tx("trends.weakest")}
      </h2>
      <p class="scorecards__hint">{tx("trends.weakestHint")}</p>
      <Show when={props.items.length} fallback={<Empty>{tx("trends.noWeakest")}</Empty>}>
        <div class="table-scroll">
          <table class="table table--compact heatmap weakest">
            <thead>
              <tr>
                <th scope="col" class="heatmap__item">
                  {tx("heatmap.item")}
                </th>
                <th scope="col" class="num">
                  {tx("trends.overall")}
                </th>
                <For each={props.months}>
                  {(m) => (
                    <th scope="col" class="num">
                      {monthLabel(m)}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(item) => (
                  <tr>
                    <th scope="row" class="heatmap__item">
                      <A
                        href={withParams("/scorecards/audits", props.params, FILTER_KEYS, {
                          checklistId: item.checklistId,
                          itemKey: item.key,
                          outcome: "fail",
                        })}
                      >
                        {localName(item.prompt)}
                      </A>
                    </th>
                    <td
                      class="num heatmap__cell"
                      style={{
                        "background-color": rateColour(item.overall.rate, item.overall.passes + item.overall.fails),
                      }}
                      title={`${item.overall.passes}/${item.overall.passes + item.overall.fails}`}
                    >
                      <span class="heatmap__value">{formatPercent(item.overall.rate)}</span>
                    </td>
                    <For each={item.points}>
                      {(p) => (
                        <td
                          class="num heatmap__cell"
                          style={{ "background-color": rateColour(p.rate, p.passes + p.fails) }}
                          title={`${p.passes}/${p.passes + p.fails}`}
                        >
                          <span class="heatmap__value">{formatPercent(p.rate)}</span>
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
