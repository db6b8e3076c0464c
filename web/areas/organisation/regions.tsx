import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { FormSuccess } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import { RegionForm } from "./components/region-form";
import { tm } from "./organisation-i18n";
import { getRegions } from "./queries";

export default function Regions() {
  const can = useAbilities();
  const regions = createAsync(() => (can().regions ? getRegions() : Promise.resolve([])));
  const [creating, setCreating] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();

  return (
    <Show when={can().regions} fallback={<NoAccess />}>
      <PageHeader
        title={tm("regions.title")}
        actions={
          <Show when={can().manage && !creating()}>
            <button
              type="button"
              class="button button--primary"
              onClick={() => {
                setNotice(undefined);
                setCreating(true);
              }}
            >
              <Icon name="plus" />
              {tm("regions.new")}
            </button>
          </Show>
        }
      />
      <Show when={creating()}>
        <section class="card" aria-labelledby="new-region-title">
          <h2 class="section-title" id="new-region-title">
            {tm("regions.newTitle")}
          </h2>
          <RegionForm
            submitLabel={tm("regions.create")}
            pendingLabel={tOffice("common.creating")}
            save={async (values) => {
              await call(api.regions.$post({ json: values }));
              await revalidate(getRegions.key);
            }}
            onSaved={() => {
              setCreating(false);
              setNotice(tm("regions.created"));
            }}
            onCancel={() => setCreating(false)}
          />
        </section>
      </Show>
      <FormSuccess message={notice()} />
      <Show when={regions()}>
        {(list) => (
          <Show when={list().length} fallback={<Empty>{tm("regions.empty")}</Empty>}>
            <ul class="list" aria-label={tm("regions.title")}>
              <For each={list()}>
                {(region) => (
                  <li>
                    <A class="row" href={`/regions/${region.id}`}>
                      <span class="row__main">
                        <span class="row__title">{localName(region.name)}</span>
                        <span class="row__meta">
                          <span class="code">{region.code}</span>
                          <span>{tm("regions.branchCount", region.branchCount)}</span>
                        </span>
                      </span>
                      <Icon name="chevron" class="row__chevron" />
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Show>
  );
}
