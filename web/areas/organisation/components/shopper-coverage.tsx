import { createAsync } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { EditButton } from "../../../components/edit-button";
import { FormSuccess } from "../../../components/form-error";
import { SubmitButton } from "../../../components/submit-button";
import { api, call } from "../../../lib/api";
import { createFormState } from "../../../lib/form";
import { localName } from "../../../lib/formats";
import { t } from "../../../lib/i18n";
import { tOffice } from "../../../lib/office-i18n";
import { tm } from "../organisation-i18n";
import { getBranches, getRegions } from "../queries";
import { ScopePicker } from "./scope-picker";
import { VersionedFormError } from "./stale-notice";

type Channel = "store" | "call_centre";
const CHANNELS: Channel[] = ["store", "call_centre"];

interface Coverage {
  channels: Channel[];
  regionIds: string[];
  cities: string[];
  excludedBranchIds: string[];
  version: number;
}

const loadProfile = (userId: string) =>
  call(api.shoppers[":membershipId"].profile.$get({ param: { membershipId: userId } })) as Promise<Coverage>;

/** Cities typed one a line or separated by commas (full-width too). */
const splitCities = (text: string) => [
  ...new Set(
    text
      .split(/[\n,，、]/)
      .map((c) => c.trim())
      .filter(Boolean),
  ),
];

function CoverageForm(props: {
  userId: string;
  profile: Coverage;
  onDone: (saved: boolean) => void;
  onReload: () => void;
}) {
  const [values, setValues] = createStore({
    channels: [...props.profile.channels],
    regionIds: [...props.profile.regionIds],
    cities: props.profile.cities.join("\n"),
    excludedBranchIds: [...props.profile.excludedBranchIds],
  });
  const form = createFormState();
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const ok = await form.run(async () => {
      await call(
        api.shoppers[":membershipId"].profile.$put({
          param: { membershipId: props.userId },
          json: {
            channels: values.channels,
            regionIds: values.regionIds,
            cities: splitCities(values.cities),
            excludedBranchIds: values.excludedBranchIds,
            version: props.profile.version,
          },
        }),
      );
      return true;
    }, event.currentTarget as HTMLFormElement);
    if (ok) props.onDone(true);
  }
  const toggleChannel = (channel: Channel, on: boolean) =>
    setValues("channels", (list) =>
      on ? CHANNELS.filter((c) => c === channel || list.includes(c)) : list.filter((c) => c !== channel),
    );
  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset class="field scope" classList={{ "field--invalid": !!form.errorFor("channels") }}>
        <legend class="field__label">{tm("coverage.channels")}</legend>
        <ul class="scope__list">
          <For each={CHANNELS}>
            {(channel) => (
              <li class="check scope__item">
                <input
                  class="check__box"
                  type="checkbox"
                  id={`coverage-channel-${channel}`}
                  checked={values.channels.includes(channel)}
                  onChange={(e) => toggleChannel(channel, e.currentTarget.checked)}
                />
                <label class="check__label" for={`coverage-channel-${channel}`}>
                  {t(`channels.${channel}`)}
                </label>
              </li>
            )}
          </For>
        </ul>
      </fieldset>
      <ScopePicker
        kind="regions"
        label={tm("coverage.regions")}
        selected={values.regionIds}
        onChange={(ids) => setValues("regionIds", ids)}
        error={form.errorFor("regionIds")}
      />
      <label class="field">
        <span class="field__label">{tm("coverage.cities")}</span>
        <span class="field__hint">{tm("coverage.citiesHint")}</span>
        <textarea
          class="input"
          name="cities"
          rows={3}
          value={values.cities}
          onInput={(e) => setValues("cities", e.currentTarget.value)}
        />
      </label>
      <ScopePicker
        kind="branches"
        label={tm("coverage.exclusions")}
        selected={values.excludedBranchIds}
        onChange={(ids) => setValues("excludedBranchIds", ids)}
        error={form.errorFor("excludedBranchIds")}
      />
      <VersionedFormError
        problem={form.problem()}
        fields={["channels", "regionIds", "cities", "excludedBranchIds"]}
        onReload={() => props.onReload()}
      />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={tOffice("common.save")} pendingLabel={tOffice("common.saving")} />
        <button type="button" class="button button--ghost" onClick={() => props.onDone(false)}>
          {tOffice("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * What a shopper covers (what rule staffing and the job board read): channels, regions, cities
 * and the branches they must never visit — shown, and changed by an admin with the profile's version.
 */
export function ShopperCoverage(props: { userId: string; canEdit: boolean }) {
  const [profile, { refetch }] = createResource(() => props.userId, loadProfile);
  const regions = createAsync(() => getRegions());
  const branches = createAsync(() => getBranches({ limit: 200 }));
  const [editing, setEditing] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const regionNames = (ids: readonly string[]) =>
    (regions() ?? []).filter((r) => ids.includes(r.id)).map((r) => localName(r.name));
  const branchNames = (ids: readonly string[]) =>
    (branches()?.items ?? []).filter((b) => ids.includes(b.id)).map((b) => `${localName(b.name)} (${b.code})`);
  const list = (items: string[]) => (items.length ? items.join(tm("coverage.separator")) : tm("coverage.none"));
  const reload = async () => {
    setEditing(false);
    await refetch();
    setEditing(true);
  };
  return (
    <section class="card" aria-labelledby="coverage-title" data-testid="coverage">
      <h2 class="section-title" id="coverage-title">
        {tm("coverage.title")}
      </h2>
      <p class="coverage__intro">{tm("coverage.intro")}</p>
      <FormSuccess message={notice()} />
      <Show when={profile.latest} fallback={<p class="empty">…</p>}>
        {(p) => (
          <Show
            when={editing()}
            fallback={
              <>
                <dl class="facts">
                  <div>
                    <dt>{tm("coverage.channels")}</dt>
                    <dd>{list(p().channels.map((c) => t(`channels.${c}`)))}</dd>
                  </div>
                  <div>
                    <dt>{tm("coverage.regions")}</dt>
                    <dd>{list(regionNames(p().regionIds))}</dd>
                  </div>
                  <div>
                    <dt>{tm("coverage.cities")}</dt>
                    <dd>{list(p().cities)}</dd>
                  </div>
                  <div>
                    <dt>{tm("coverage.exclusions")}</dt>
                    <dd>{list(branchNames(p().excludedBranchIds))}</dd>
                  </div>
                </dl>
                <div class="form__actions">
                  <EditButton
                    when={props.canEdit}
                    label={tm("coverage.edit")}
                    onEdit={() => {
                      setNotice(undefined);
                      setEditing(true);
                    }}
                  />
                </div>
              </>
            }
          >
            <CoverageForm
              userId={props.userId}
              profile={p()}
              onReload={() => void reload()}
              onDone={(saved) => {
                setEditing(false);
                if (saved) {
                  void refetch();
                  setNotice(tOffice("common.saved"));
                }
              }}
            />
          </Show>
        )}
      </Show>
    </section>
  );
}
