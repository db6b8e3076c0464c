import { createAsync, revalidate, useParams, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { EditButton } from "../../components/edit-button";
import { FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import type { Channel } from "../../lib/types";
import { BranchForm } from "./components/branch-form";
import { reopenOnCurrent } from "./components/stale-notice";
import { hoursText } from "./opening-hours";
import { tm } from "./organisation-i18n";
import { getBranch, getBranches, getRegion, getRegions } from "./queries";

export default function BranchPage() {
  const params = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams();
  const can = useAbilities();
  const branch = createAsync(() => (can().branches ? getBranch(params.id) : Promise.resolve(undefined)));
  const [editing, setEditing] = createSignal(false);
  const [notice, setNotice] = createSignal<string | undefined>(search.created ? tm("branches.created") : undefined);
  if (search.created) setSearch({ created: undefined }, { replace: true });

  const backLabel = () => (can().ownBranches ? tOffice("nav.myBranches") : tm("branches.title"));

  return (
    <Show when={can().branches} fallback={<NoAccess />}>
      <Show when={branch()}>
        {(b) => (
          <>
            <PageHeader
              title={localName(b().name)}
              subtitle={b().code}
              back={{ href: "/branches", label: backLabel() }}
              actions={
                <EditButton
                  when={can().manage && !editing()}
                  label={tm("branches.edit")}
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
                  <div class="badges">
                    <Badge tone={b().channel === "store" ? "neutral" : "accent"}>
                      {t(`channels.${b().channel as Channel}`)}
                    </Badge>
                    <Badge tone={b().active ? "success" : "warning"}>
                      {b().active ? tm("branchStatus.active") : tm("branchStatus.inactive")}
                    </Badge>
                  </div>
                  <dl class="facts">
                    <div>
                      <dt>{tm("branches.code")}</dt>
                      <dd class="code">{b().code}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.nameEn")}</dt>
                      <dd lang="en">{b().name.en}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.nameZh")}</dt>
                      <dd lang="zh-CN">{b().name.zh}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.region")}</dt>
                      <dd>
                        <Show when={can().regions} fallback={localName(b().region.name)}>
                          <A href={`/regions/${b().region.id}`}>{localName(b().region.name)}</A>
                        </Show>
                      </dd>
                    </div>
                    <div>
                      <dt>{tm("branches.address")}</dt>
                      <dd>{b().address || tm("branches.noAddress")}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.phone")}</dt>
                      <dd>
                        <Show when={b().phone} fallback={tOffice("common.none")}>
                          <a href={`tel:${b().phone.replace(/[^+0-9]/g, "")}`}>{b().phone}</a>
                        </Show>
                      </dd>
                    </div>
                    <div>
                      <dt>{tm("branches.timezone")}</dt>
                      <dd>{b().timezone}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.city")}</dt>
                      <dd>{b().city || tm("branches.notKnown")}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.location")}</dt>
                      <dd>{b().latitude === null ? tm("branches.notKnown") : `${b().latitude}, ${b().longitude}`}</dd>
                    </div>
                    <div>
                      <dt>{tm("branches.openingHours")}</dt>
                      <dd>{hoursText(b().openingHours) || tm("branches.notKnown")}</dd>
                    </div>
                  </dl>
                </section>
              }
            >
              <section class="card" aria-labelledby="edit-branch-title">
                <h2 class="section-title" id="edit-branch-title">
                  {tm("branches.edit")}
                </h2>
                <BranchForm
                  initial={{
                    code: b().code,
                    nameEn: b().name.en,
                    nameZh: b().name.zh,
                    regionId: b().region.id,
                    channel: b().channel as Channel,
                    address: b().address,
                    phone: b().phone,
                    timezone: b().timezone,
                    city: b().city,
                    latitude: b().latitude === null ? "" : String(b().latitude),
                    longitude: b().longitude === null ? "" : String(b().longitude),
                    openingHours: hoursText(b().openingHours),
                    active: b().active,
                  }}
                  submitLabel={tOffice("common.save")}
                  pendingLabel={tOffice("common.saving")}
                  save={async (values) => {
                    await call(
                      api.branches[":id"].$patch({ param: { id: b().id }, json: { ...values, version: b().version } }),
                    );
                    await revalidate([getBranch.key, getBranches.key, getRegions.key, getRegion.key]);
                    setEditing(false);
                    setNotice(tOffice("common.saved"));
                  }}
                  onCancel={() => setEditing(false)}
                  onReload={reopenOnCurrent(setEditing, [getBranch.key, getBranches.key])}
                />
              </section>
            </Show>
          </>
        )}
      </Show>
    </Show>
  );
}
