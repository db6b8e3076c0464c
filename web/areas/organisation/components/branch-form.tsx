import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { CheckboxField, SelectField, TextField } from "../../../components/field";
import { SubmitButton } from "../../../components/submit-button";
import type { FieldProblem } from "../../../lib/api";
import { fieldErrorMessage } from "../../../lib/field-errors";
import { createFormState } from "../../../lib/form";
import { localName } from "../../../lib/formats";
import { t } from "../../../lib/i18n";
import { tOffice } from "../../../lib/office-i18n";
import { CHANNELS, type Channel } from "../../../lib/types";
import { tm } from "../organisation-i18n";
import { getRegions } from "../queries";
import { CodeNameFields } from "./code-name-fields";
import { VersionedFormError } from "./stale-notice";

export interface BranchValues {
  code: string;
  nameEn: string;
  nameZh: string;
  regionId: string;
  channel: Channel;
  address: string;
  phone: string;
  timezone: string;
  city: string;
  /** As typed (decimal degrees); empty: unknown. */
  latitude: string;
  longitude: string;
  /** As typed, `mon-fri 09:00-21:00; sat 10:00-18:00` (the API reads it); empty: unknown. */
  openingHours: string;
  active: boolean;
}

export const EMPTY_BRANCH: BranchValues = {
  code: "",
  nameEn: "",
  nameZh: "",
  regionId: "",
  channel: "store",
  address: "",
  phone: "",
  timezone: "Asia/Shanghai",
  city: "",
  latitude: "",
  longitude: "",
  openingHours: "",
  active: true,
};

const FIELDS = [
  "code",
  "nameEn",
  "nameZh",
  "regionId",
  "channel",
  "address",
  "phone",
  "timezone",
  "city",
  "latitude",
  "longitude",
  "openingHours",
  "active",
] as const;

/**
 * A coordinate as the API takes it: null when empty, a number when it reads as one (a decimal
 * comma too), else the text as typed, so the API names the field (`invalid_type`) instead of
 * the value being lost.
 */
function coordinate(text: string): number | null {
  const typed = text.trim().replace(",", ".");
  if (typed === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(typed) ? Number(typed) : (typed as unknown as number);
}

/** The form's values as the branches API takes them (`POST /branches`, `PATCH /branches/:id`). */
export function branchBody(values: BranchValues) {
  return {
    ...values,
    latitude: coordinate(values.latitude),
    longitude: coordinate(values.longitude),
    openingHours: values.openingHours.trim() === "" ? null : values.openingHours,
  };
}

export type BranchBody = ReturnType<typeof branchBody>;

/** The place's errors worded for this form (one coordinate alone; hours that do not read). */
function placeError(error: FieldProblem): string {
  if (error.code === "required" && (error.path === "latitude" || error.path === "longitude"))
    return tm("branches.coordinatesTogether");
  if (error.code === "invalid_format" && error.path === "openingHours") return tm("branches.openingHoursFormat");
  return fieldErrorMessage(error);
}

const TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Urumqi",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Europe/London",
];

interface BranchFormProps {
  initial?: BranchValues;
  submitLabel: string;
  pendingLabel: string;
  save: (body: BranchBody) => Promise<unknown>;
  onCancel?: () => void;
  /** Loads the current version after a 409 `stale_version` (editing forms only). */
  onReload?: () => void;
}

/** Create or edit a branch. Values stay as typed when the API rejects them. */
export function BranchForm(props: BranchFormProps) {
  const [values, setValues] = createStore<BranchValues>({ ...EMPTY_BRANCH, ...props.initial });
  const regions = createAsync(() => getRegions());
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    await form.run(() => props.save(branchBody({ ...values })), event.currentTarget as HTMLFormElement);
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <CodeNameFields
        values={values}
        onInput={(field, value) => setValues(field, value)}
        errorFor={form.errorFor}
        labels={{
          code: tm("branches.code"),
          codeHint: tm("branches.codeHint"),
          nameEn: tm("branches.nameEn"),
          nameZh: tm("branches.nameZh"),
        }}
        nameMaxLength={120}
      />
      <div class="form__pair">
        <SelectField
          name="regionId"
          label={tm("branches.region")}
          value={values.regionId}
          placeholder={tm("branches.chooseRegion")}
          options={(regions() ?? []).map((r) => ({ value: r.id, label: `${localName(r.name)} (${r.code})` }))}
          onChange={(v) => setValues("regionId", v)}
          error={form.errorFor("regionId")}
          required
        />
        <SelectField
          name="channel"
          label={tm("branches.channel")}
          value={values.channel}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          onChange={(v) => setValues("channel", v as Channel)}
          error={form.errorFor("channel")}
          required
        />
      </div>
      <TextField
        name="address"
        label={tm("branches.address")}
        value={values.address}
        onInput={(v) => setValues("address", v)}
        error={form.errorFor("address")}
        autocomplete="street-address"
        maxLength={300}
        optional
      />
      <div class="form__pair">
        <TextField
          name="phone"
          type="tel"
          label={tm("branches.phone")}
          value={values.phone}
          onInput={(v) => setValues("phone", v)}
          error={form.errorFor("phone")}
          inputMode="tel"
          maxLength={40}
          optional
        />
        <TextField
          name="timezone"
          label={tm("branches.timezone")}
          hint={tm("branches.timezoneHint")}
          value={values.timezone}
          onInput={(v) => setValues("timezone", v)}
          error={form.errorFor("timezone")}
          list="branch-time-zones"
          autocapitalize="none"
          spellcheck={false}
          maxLength={64}
          required
        />
        <datalist id="branch-time-zones">
          <For each={TIME_ZONES}>{(zone) => <option value={zone} />}</For>
        </datalist>
      </div>
      <TextField
        name="city"
        label={tm("branches.city")}
        hint={tm("branches.cityHint")}
        value={values.city}
        onInput={(v) => setValues("city", v)}
        error={form.errorFor("city")}
        autocomplete="address-level2"
        maxLength={80}
        optional
      />
      <div class="form__pair">
        <TextField
          name="latitude"
          label={tm("branches.latitude")}
          hint={tm("branches.coordinatesHint")}
          value={values.latitude}
          onInput={(v) => setValues("latitude", v)}
          error={form.errorFor("latitude")}
          errorMessage={placeError}
          inputMode="decimal"
          placeholder="39.9087"
          maxLength={20}
          optional
        />
        <TextField
          name="longitude"
          label={tm("branches.longitude")}
          value={values.longitude}
          onInput={(v) => setValues("longitude", v)}
          error={form.errorFor("longitude")}
          errorMessage={placeError}
          inputMode="decimal"
          placeholder="116.3975"
          maxLength={20}
          optional
        />
      </div>
      <TextField
        name="openingHours"
        label={tm("branches.openingHours")}
        hint={tm("branches.openingHoursHint")}
        value={values.openingHours}
        onInput={(v) => setValues("openingHours", v)}
        error={form.errorFor("openingHours")}
        errorMessage={placeError}
        placeholder="mon-fri 09:00-21:00; sat,sun 10:00-18:00"
        autocapitalize="none"
        spellcheck={false}
        maxLength={1000}
        optional
      />
      <CheckboxField
        name="active"
        label={tm("branches.active")}
        hint={tm("branches.activeHint")}
        checked={values.active}
        onChange={(v) => setValues("active", v)}
        error={form.errorFor("active")}
      />
      <VersionedFormError problem={form.problem()} fields={FIELDS} onReload={() => props.onReload?.()} />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={props.submitLabel} pendingLabel={props.pendingLabel} />
        <Show when={props.onCancel}>
          <button type="button" class="button button--ghost" onClick={() => props.onCancel?.()}>
            {tOffice("common.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}
