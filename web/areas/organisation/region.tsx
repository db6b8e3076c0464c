import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { EditButton } from "../../components/edit-button";
import { FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { formatDate } from "../../lib/office-formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import { RegionForm } from "./components/region-form";
import { reopenOnCurrent } from "./components/stale-notice";
import { tm } from "./organisation-i18n";
import { getRegion, getRegions } from "./queries";

export default function RegionPage() {
  const params = useParams<{ id: string }>();
  const can = useAbilities();
  const region = createAsync(() => (can().regions ? getRegion(params.id) : Promise.resolve(undefined)));
  const [editing, setEditing] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();

  return (
    <Show when={can().regions} fallback={<NoAccess />}>
      <Show when={region()}>
        {(r) => (
          <>
            <PageHeader
              title={localName(r().name)}
              back={{ href: "/regions", label: tm("regions.title") }}
              actions={
                <EditButton
                  when={can().manage && !editing()}
                  label={tm("regions.edit")}
                  onEdit={() => {
                    setNotice(undefined);
                    setEditing(true);
                  }}
                />
              }
            />
            <FormSuccess message={notice()} />
            <Show
              when={editing()}
              fallback={
                <section class="card">
                  <h2 class="section-title">{tOffice("common.details")}</h2>
                  <dl class="facts">
                    <div>
                      <dt>{tm("regions.code")}</dt>
                      <dd class="code">{r().code}</dd>
                    </div>
                    <div>
                      <dt>{tm("regions.nameEn")}</dt>
                      <dd lang="en">{r().name.en}</dd>
                    </div>
                    <div>
                      <dt>{tm("regions.nameZh")}</dt>
                      <dd lang="zh-CN">{r().name.zh}</dd>
                    </div>
                    <div>
                      <dt>{tOffice("nav.branches")}</dt>
                      <dd>{tm("regions.branchCount", r().branchCount)}</dd>
                    </div>
                    <div>
                      <dt>{tOffice("common.created")}</dt>
                      <dd>{formatDate(r().createdAt)}</dd>
                    </div>
                  </dl>
                  <A class="button button--secondary" href={`/branches?regionId=${encodeURIComponent(r().id)}`}>
                    {tm("regions.viewBranches")}
                  </A>
                </section>
              }
            >
              <section class="card" aria-labelledby="edit-region-title">
                <h2 class="section-title" id="edit-region-title">
                  {tm("regions.edit")}
                </h2>
                <RegionForm
                  initial={{ code: r().code, nameEn: r().name.en, nameZh: r().name.zh }}
                  submitLabel={tOffice("common.save")}
                  pendingLabel={tOffice("common.saving")}
                  save={async (values) => {
                    await call(
                      api.regions[":id"].$patch({ param: { id: r().id }, json: { ...values, version: r().version } }),
                    );
                    await revalidate([getRegion.key, getRegions.key]);
                  }}
                  onSaved={() => {
                    setEditing(false);
                    setNotice(tOffice("common.saved"));
                  }}
                  onCancel={() => setEditing(false)}
                  onReload={reopenOnCurrent(setEditing, [getRegion.key, getRegions.key])}
                />
              </section>
            </Show>
          </>
        )}
      </Show>
    </Show>
  );
}
