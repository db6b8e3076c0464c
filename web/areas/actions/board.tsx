/**
 * The action board (`/actions`). A branch's managers see their actions, overdue first, with
 * their status chips; head office sees the figures per region, then every action grouped by
 * region with overdue ones highlighted. Filters (status, region, branch, overdue) live in the
 * URL; "Load more" follows the API's cursor.
 */
import "../scorecards/scorecards.css";
import "../../styles/lists.css";
import "./actions.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { CheckboxField, SelectField } from "../../components/field";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { localName } from "../../lib/formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { getBranches, getRegions } from "../organisation/queries";
import {
  ACTION_STATUSES,
  type Action,
  type ActionFilter,
  type ActionPage,
  actionFilter,
  getActionFigures,
  getActions,
} from "./action-queries";
import { tx } from "./actions-i18n";
import { ActionRow, RegionFigures } from "./components/action-parts";

/** Actions grouped by region, in the order regions are listed (then any region not listed). */
function byRegion(actions: readonly Action[], regionOrder: readonly string[]): [string, Action[]][] {
  const groups = new Map<string, Action[]>();
  for (const action of actions) groups.set(action.regionId, [...(groups.get(action.regionId) ?? []), action]);
  const rank = (id: string) => {
    const i = regionOrder.indexOf(id);
    return i < 0 ? regionOrder.length : i;
  };
  return [...groups].sort((a, b) => rank(a[0]) - rank(b[0]));
}

export default function ActionBoard() {
  const can = useAbilities();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = (): ActionFilter => actionFilter(params);
  const office = () => !can().ownBranches && can().regions;
  const several = () => office() || me().scope.branchIds.length > 1;
  const first = createAsync(() => (can().actions ? getActions(filter()) : Promise.resolve(undefined)));
  const regions = createAsync(() => (can().actions && can().regions ? getRegions() : Promise.resolve([])));
  const branches = createAsync(() =>
    can().actions && several() ? getBranches({ regionId: filter().regionId, limit: 200 }) : Promise.resolve(undefined),
  );
  const figures = createAsync(() =>
    can().actions && office() ? getActionFigures("region", {}) : Promise.resolve(undefined),
  );

  // Pages after the first, for the first page they followed (a new filter starts over).
  const [more, setMore] = createSignal<{ after: ActionPage | undefined; pages: ActionPage[] }>({
    after: undefined,
    pages: [],
  });
  const extra = () => (more().after === first() ? more().pages : []);
  const items = () => [...(first()?.items ?? []), ...extra().flatMap((p) => p.items)];
  const nextCursor = () => {
    const pages = extra();
    return (pages.length ? pages[pages.length - 1] : first())?.nextCursor ?? null;
  };
  const [loading, setLoading] = createSignal(false);
  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await getActions(filter(), cursor);
      const base = first();
      setMore((m) => ({ after: base, pages: m.after === base ? [...m.pages, page] : [page] }));
    } finally {
      setLoading(false);
    }
  }

  const regionName = (id: string) => {
    const region = regions()?.find((r) => r.id === id);
    return region ? localName(region.name) : tx("noRegion");
  };

  return (
    <Show when={can().actions} fallback={<NoAccess />}>
      <div class="actions-page">
        <PageHeader title={tx("title")} subtitle={office() ? tx("subtitleOffice") : tx("subtitleManager")} />
        <Show when={office()}>
          <section class="actions-block" aria-labelledby="actions-by-region">
            <h2 class="section-title" id="actions-by-region">
              {tx("figures.byRegion")}
            </h2>
            <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
              <Suspense fallback={<Loading />}>
                <Show when={figures()}>
                  {(rows) => (
                    <Show when={rows().length} fallback={<p>{tx("figures.none")}</p>}>
                      <RegionFigures rows={rows()} />
                    </Show>
                  )}
                </Show>
              </Suspense>
            </ErrorBoundary>
          </section>
        </Show>
        <section class="filters action-filters" aria-label={tOffice("common.filters")}>
          <div class="filters__row">
            <SelectField
              name="status"
              label={tx("filters.status")}
              value={filter().status ?? ""}
              placeholder={tx("filters.allStatuses")}
              options={ACTION_STATUSES.map((s) => ({ value: s, label: tx(`status.${s}`) }))}
              onChange={(value) => setParams({ status: value || undefined }, { replace: true })}
            />
            <Show when={office()}>
              <SelectField
                name="regionId"
                label={tx("filters.region")}
                value={filter().regionId ?? ""}
                placeholder={tx("filters.allRegions")}
                options={(regions() ?? []).map((r) => ({ value: r.id, label: `${r.code} ${localName(r.name)}` }))}
                onChange={(value) =>
                  setParams({ regionId: value || undefined, branchId: undefined }, { replace: true })
                }
              />
            </Show>
            <Show when={several()}>
              <SelectField
                name="branchId"
                label={tx("filters.branch")}
                value={filter().branchId ?? ""}
                placeholder={tx("filters.allBranches")}
                options={(branches()?.items ?? []).map((b) => ({
                  value: b.id,
                  label: `${b.code} ${localName(b.name)}`,
                }))}
                onChange={(value) => setParams({ branchId: value || undefined }, { replace: true })}
              />
            </Show>
          </div>
          <CheckboxField
            name="overdue"
            label={tx("filters.overdue")}
            checked={!!filter().overdue}
            onChange={(checked) => setParams({ overdue: checked ? "1" : undefined }, { replace: true })}
          />
        </section>
        <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
          <Suspense fallback={<Loading />}>
            <Show when={first()}>
              <Show when={items().length > 0} fallback={<Empty>{tx("empty")}</Empty>}>
                <Show
                  when={office()}
                  fallback={
                    <ul class="list action-list" aria-label={tx("title")}>
                      <For each={items()}>{(action) => <ActionRow action={action} showBranch={several()} />}</For>
                    </ul>
                  }
                >
                  <For
                    each={byRegion(
                      items(),
                      (regions() ?? []).map((r) => r.id),
                    )}
                  >
                    {([regionId, actions]) => (
                      <section class="actions-region" aria-label={regionName(regionId)}>
                        <h2 class="section-title">{regionName(regionId)}</h2>
                        <ul class="list action-list">
                          <For each={actions}>{(action) => <ActionRow action={action} showBranch />}</For>
                        </ul>
                      </section>
                    )}
                  </For>
                </Show>
                <Show when={nextCursor()}>
                  <button
                    type="button"
                    class="button button--secondary button--block"
                    disabled={loading()}
                    onClick={loadMore}
                  >
                    {loading() ? tx("loading") : tx("loadMore")}
                  </button>
                </Show>
              </Show>
            </Show>
          </Suspense>
        </ErrorBoundary>
      </div>
    </Show>
  );
}
