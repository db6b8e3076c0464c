/**
 * The scorecard dashboard for head office and regional managers: a league table of branches,
 * regions side by side, a heatmap of item pass rates and the trends by month, all under one
 * filter kept in the URL (`?view=` picks the view). A branch manager goes straight to their
 * branch's scorecard (or picks one of theirs).
 */
import "./scorecards.css";
import { createAsync, Navigate, useLocation, useSearchParams } from "@solidjs/router";
import { For, Match, Show, Suspense, Switch } from "solid-js";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { useAbilities, useMe } from "../../lib/session";
import { getChecklists } from "../checklists/checklist-queries";
import { getBranches, getRegions } from "../organisation/queries";
import { tx } from "./analytics-i18n";
import { ScorecardFilters, useScorecardFilter } from "./components/filters";
import { exportHref } from "./scorecard-queries";
import { HeatmapView } from "./views/heatmap";
import { LeagueView } from "./views/league";
import { RegionsView } from "./views/regions";
import { Panel, type Params, VIEWS, viewOf, viewPeriod, withParams } from "./views/shared";
import { TrendsView } from "./views/trends";

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
  const view = () => viewOf(params);
  const regions = createAsync(() => getRegions());
  const checklists = createAsync(async () =>
    can().checklists ? (await getChecklists()).filter((c) => c.latestPublishedVersionId) : [],
  );
  // The months the shown view covers, as the API resolved them (for the filter bar's note).
  const period = createAsync(() => viewPeriod(view(), filter(), params as Params));
  const viewProps = () => ({ filter: filter(), params: params as Params });

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
      <nav class="view-tabs scorecards-wide no-print" aria-label={tx("views.label")}>
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
