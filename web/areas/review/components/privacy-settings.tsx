/**
 * The "Privacy" group of the organisation settings (docs/PRIVACY.md): how reports may name the
 * branch's staff (three choices, each explained; `role_only` is the default), the four retention
 * periods in days with their defaults, and whether admins and analysts must use two-step sign-in.
 * The settings page owns the values and sends them with the rest of the form.
 */
import { For } from "solid-js";
import type { StaffNamePolicy } from "../../../../schema/enums";
import { ChoiceGroup } from "../../../components/choice-group";
import { tr } from "../review-i18n";
import { NumberSetting } from "./number-setting";

/**
 * The retention periods in the order the form shows them, with the schema's defaults
 * (schema/index.ts) and the API's ranges (worker/validation/organization.ts).
 */
export const RETENTION = [
  { key: "fixRetentionDays", defaultDays: 90, min: 7, max: 3650 },
  { key: "photoRetentionDays", defaultDays: 730, min: 30, max: 3650 },
  { key: "reportRetentionDays", defaultDays: 1825, min: 365, max: 3650 },
  { key: "contactRetentionDays", defaultDays: 180, min: 30, max: 1095 },
] as const;
export type RetentionKey = (typeof RETENTION)[number]["key"];

/**
 * The policies in the order shown (schema/enums.ts STAFF_NAME_POLICIES, kept here as a type-checked
 * copy: a value imported from schema/enums would land in the app's shared chunk, the first download).
 */
const STAFF_NAME_POLICIES = ["allowed", "initials", "role_only"] as const satisfies readonly StaffNamePolicy[];

/** The group's values as the form holds them (numbers as typed). */
export interface PrivacyValues {
  staffNames: StaffNamePolicy;
  retention: Record<RetentionKey, string>;
  requireTwoFactor: boolean;
}

/** The form's values from the organisation's settings. */
export function privacyValuesOf(
  settings: { staffNames: StaffNamePolicy; requireTwoFactor: boolean } & Record<RetentionKey, number>,
): PrivacyValues {
  return {
    staffNames: settings.staffNames,
    retention: {
      fixRetentionDays: String(settings.fixRetentionDays),
      photoRetentionDays: String(settings.photoRetentionDays),
      reportRetentionDays: String(settings.reportRetentionDays),
      contactRetentionDays: String(settings.contactRetentionDays),
    },
    requireTwoFactor: settings.requireTwoFactor,
  };
}

/** What `PATCH /organization` takes from the group. */
export function privacyPatch(values: PrivacyValues) {
  return {
    staffNames: values.staffNames,
    fixRetentionDays: Number(values.retention.fixRetentionDays),
    photoRetentionDays: Number(values.retention.photoRetentionDays),
    reportRetentionDays: Number(values.retention.reportRetentionDays),
    contactRetentionDays: Number(values.retention.contactRetentionDays),
    requireTwoFactor: values.requireTwoFactor,
  };
}

/** The paths of the group's fields (their errors show under them). */
export const PRIVACY_FIELDS = ["staffNames", "requireTwoFactor", ...RETENTION.map((r) => r.key)] as const;

export function PrivacySettings(props: {
  values: PrivacyValues;
  onChange: (values: PrivacyValues) => void;
  /** The server's message for a field, if it refused it. */
  errorFor: (path: string) => string | undefined;
}) {
  const set = (patch: Partial<PrivacyValues>) => props.onChange({ ...props.values, ...patch });
  return (
    <>
      <h2 class="settings-group__title" id="settings-privacy">
        {tr("settings.groupPrivacy")}
      </h2>
      <ChoiceGroup
        name="staffNames"
        legend={tr("settings.staffNames")}
        choices={STAFF_NAME_POLICIES}
        value={props.values.staffNames}
        onChange={(choice) => set({ staffNames: choice })}
        label={(choice) => tr(`settings.staffNamesChoice.${choice}`)}
        hint={(choice) => tr(`settings.staffNamesHint.${choice}`)}
      />
      <p class="field__label">{tr("settings.retentionTitle")}</p>
      <p class="field__hint">{tr("settings.retentionHint")}</p>
      <div class="threshold-grid">
        <For each={RETENTION}>
          {(period) => (
            <NumberSetting
              id={`retention-${period.key}`}
              name={period.key}
              label={tr(`settings.retention.${period.key}`)}
              hint={tr("settings.retentionDefault", {
                days: String(period.defaultDays),
                min: String(period.min),
                max: String(period.max),
              })}
              min={period.min}
              max={period.max}
              step="1"
              value={props.values.retention[period.key]}
              onInput={(value) => set({ retention: { ...props.values.retention, [period.key]: value } })}
              error={props.errorFor(period.key)}
            />
          )}
        </For>
      </div>
      <div class="field">
        <label class="check">
          <input
            class="check__box"
            type="checkbox"
            name="requireTwoFactor"
            checked={props.values.requireTwoFactor}
            onChange={(e) => set({ requireTwoFactor: e.currentTarget.checked })}
            aria-describedby="require-two-factor-hint"
          />
          <span class="check__label">{tr("settings.requireTwoFactor")}</span>
        </label>
        <p class="field__hint" id="require-two-factor-hint">
          {tr("settings.requireTwoFactorHint")}
        </p>
      </div>
    </>
  );
}
