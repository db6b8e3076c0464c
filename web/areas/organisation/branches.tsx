import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { SelectField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SearchBox } from "../../components/search-box";
import { createFormState } from "../../lib/form";
import { t } from "../../lib/i18n";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { type Branch, CHANNELS } from "../../lib/types";
import { tm } from "./organisation-i18n";
import "../../styles/lists.css";
import { localName } from "../../lib/formats";
import { branchFilter, getBranches, getRegions } from "./queries";

export default function Branches() {
  const me = useMe();
  const can = useAbilities();
  const [params, setParams] = useSearchParams();
  const mine = () => can().ownBranches;

  const filter = () => branchFilter(params);
  const filtered = () => !!(filter().q || filter().regionId || filter().channel);

  const firstPage = createAsync(() => (can().branches ? getBranches(filter()) : Promise.resolve(undefined)));
  const regions = createAsync(() => (can().regions ? getRegions() : Promise.resolve([])));

  // Later pages, appended by "Load more", belong to the first page they follow: a new first page
  // (new filters, or fresh data) starts over, and an answer for an older one is ignored. `loading`
  // keeps any failure as a problem to show (a non-problem error too).
  const [later, setLater] = createSignal<{ after: unknown; items: Branch[]; cursor: string | null }>();
  const loading = createFormState();
  const current = () => {
    const pages = later();
    return pages && pages.after === firstPage() ? pages : undefined;
  };
  const nextCursor = () => {
    const pages = current();
    return pages ? pages.cursor : firstPage()?.nextCursor;
  };
  const items = () => [...(firstPage()?.items ?? []), ...(current()?.items ?? [])];

  async function loadMore() {
    const after = firstPage();
    const cursor = nextCursor();
    if (!cursor) return;
    const loaded = current()?.items ?? [];
    setLater({ after, items: loaded, cursor });
    const page = await loading.run(() => getBranches({ ...filter(), cursor }));
    if (page) setLater({ after, items: [...loaded, ...page.items], cursor: page.nextCursor });
  }

  const title = () =>
    mine()
      ? me().scope.branchIds.length === 1
        ? tOffice("nav.myBranch")
        : tOffice("nav.myBranches")
      : tm("branches.title");

  return (
    <Show when={can().branches} fallback={<NoAccess />}>
      <PageHeader
        title={title()}
        actions={
          <Show when={can().manage}>
            <A class="button button--secondary" href="/import/branches">
              {tm("imports.open")}
            </A>
            <A class="button button--primary" href="/branches/new">
              <Icon name="plus" />
              {tm("branches.new")}
            </A>
          </Show>
        }
      />
      <Show when={!mine()}>
        <section class="filters" aria-label={tOffice("common.filters")}>
          <SearchBox
            label={tm("branches.search")}
            placeholder={tm("branches.searchPlaceholder")}
            value={filter().q ?? ""}
            onSearch={(q) => setParams({ q: q || undefined }, { replace: true })}
          />
          <div class="filters__row">
            <Show when={can().regions}>
              <SelectField
                name="regionId"
                label={tm("branches.region")}
                value={filter().regionId ?? ""}
                placeholder={tm("branches.allRegions")}
                options={(regions() ?? []).map((r) => ({ value: r.id, label: localName(r.name) }))}
                onChange={(regionId) => setParams({ regionId: regionId || undefined }, { replace: true })}
              />
            </Show>
            <SelectField
              name="channel"
              label={tm("branches.channel")}
              value={filter().channel ?? ""}
              placeholder={tm("branches.allChannels")}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
              onChange={(channel) => setParams({ channel: channel || undefined }, { replace: true })}
            />
          </div>
        </section>
      </Show>
      <Show when={firstPage()}>
        <Show
          when={items().length}
          fallback={<Empty>{filtered() ? tm("branches.empty") : tm("branches.emptyAll")}</Empty>}
        >
          <ul class="list" aria-label={title()}>
            <For each={items()}>
              {(branch) => (
                <li>
                  <A class="row" href={`/branches/${branch.id}`}>
                    <span class="row__main">
                      <span class="row__title">{localName(branch.name)}</span>
                      <span class="row__meta">
                        <span class="code">{branch.code}</span>
                        <span>{localName(branch.region.name)}</span>
                      </span>
                    </span>
                    <span class="row__badges">
                      <Badge tone={branch.channel === "store" ? "neutral" : "accent"}>
                        {t(`channels.${branch.channel}`)}
                      </Badge>
                      <Show when={!branch.active}>
                        <Badge tone="warning">{tm("branchStatus.inactive")}</Badge>
                      </Show>
                    </span>
                    <Icon name="chevron" class="row__chevron" />
                  </A>
                </li>
              )}
            </For>
          </ul>
          <p class="list-footer" aria-live="polite">
            {tOffice("common.showing", items().length)}
          </p>
          <FormError problem={current() && loading.problem()} fields={[]} />
          <Show when={nextCursor()}>
            <button
              type="button"
              class="button button--secondary button--block"
              onClick={loadMore}
              disabled={loading.pending()}
              aria-busy={loading.pending() ? "true" : undefined}
            >
              {loading.pending() ? tOffice("common.loadingMore") : tOffice("common.loadMore")}
            </button>
          </Show>
        </Show>
      </Show>
    </Show>
  );
}
