/**
 * The organisation's settings for review, disputes and corrective actions (`/settings`, admins),
 * each group under its own heading: the review policy (all / flagged / none, each explained) and
 * the SLA in hours; the dispute window in days; whether a failed critical item opens a
 * corrective action by itself; how many visits a shopper may hold from the job board; the currency
 * of fees and payouts; the quality-flag thresholds, each with its default; privacy (staff names,
 * retention, two-step sign-in: components/privacy-settings.tsx). The form sends the `version` it
 * was loaded with; a stale one shows a notice with Reload.
 */
import "./review.css";
import { createAsync, revalidate } from "@solidjs/router";
import { createEffect, createSignal, For, lazy, on, Show, Suspense } from "solid-js";
import { ChoiceGroup } from "../../components/choice-group";
import { FormError } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem, type Problem } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import { getMe } from "../../lib/queries";
import { useAbilities } from "../../lib/session";
import { NumberSetting } from "./components/number-setting";
import {
  PRIVACY_FIELDS,
  PrivacySettings,
  type PrivacyValues,
  privacyPatch,
  privacyValuesOf,
} from "./components/privacy-settings";
import { tr } from "./review-i18n";
import { isStale } from "./review-messages";
import { getOrganizationSettings } from "./review-queries";

/** Whether email goes out (the notifications chunk; outside the app's first download). */
const MailStatusNotice = lazy(() =>
  import("../notifications/notifications").then((m) => ({ default: m.MailStatusNotice })),
);

const POLICIES = ["all", "flagged", "none"] as const;
type Policy = (typeof POLICIES)[number];

/** The flag thresholds (docs/QUALITY.md), in the order the form shows them, with their input steps. */
const THRESHOLDS = [
  { key: "farFromBranchMeters", min: 50, max: 50000, step: "1" },
  { key: "identicalFixesInRow", min: 2, max: 30, step: "1" },
  { key: "photoHammingMax", min: 0, max: 5, step: "1" },
  { key: "photoToleranceMinutes", min: 0, max: 1440, step: "1" },
  { key: "straightLiningMinItems", min: 2, max: 500, step: "1" },
  { key: "formSecondsPerItem", min: 0, max: 60, step: "0.5" },
] as const;
type ThresholdKey = (typeof THRESHOLDS)[number]["key"];
/** The currencies offered first; any ISO 4217 code may be typed. */
const CURRENCIES = ["CNY", "HKD", "GBP", "EUR", "USD"] as const;

export default function ReviewSettings() {
  const can = useAbilities();
  const settings = createAsync(() => (can().manage ? getOrganizationSettings() : Promise.resolve(undefined)));
  const [policy, setPolicy] = createSignal<Policy>("all");
  const [hours, setHours] = createSignal("48");
  const [windowDays, setWindowDays] = createSignal("7");
  const [onCritical, setOnCritical] = createSignal(true);
  const [claimLimit, setClaimLimit] = createSignal("3");
  const [thresholds, setThresholds] = createSignal<Partial<Record<ThresholdKey, string>>>({});
  const [currency, setCurrency] = createSignal("CNY");
  const [privacy, setPrivacy] = createSignal<PrivacyValues>();
  const [busy, setBusy] = createSignal(false);
  const [stale, setStale] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();

  createEffect(
    on(settings, (s) => {
      if (!s) return;
      setPolicy(s.reviewPolicy as Policy);
      setHours(String(s.reviewSlaHours));
      setWindowDays(String(s.disputeWindowDays));
      setOnCritical(s.actionsOnCritical);
      setClaimLimit(String(s.boardClaimLimit));
      setThresholds(Object.fromEntries(THRESHOLDS.map((t) => [t.key, String(s.flagThresholds[t.key])])));
      setCurrency(s.currency);
      setPrivacy(privacyValuesOf(s));
    }),
  );

  async function save(event: Event) {
    event.preventDefault();
    const current = settings();
    const privacyValues = privacy();
    if (!current) return;
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      await call(
        api.organization.$patch({
          json: {
            reviewPolicy: policy(),
            reviewSlaHours: Number(hours()),
            disputeWindowDays: Number(windowDays()),
            actionsOnCritical: onCritical(),
            boardClaimLimit: Number(claimLimit()),
            // Empty, or the default: back to the default (the organisation keeps no value of its own).
            flagThresholds: Object.fromEntries(
              THRESHOLDS.map(({ key }) => {
                const text = (thresholds()[key] ?? "").trim();
                const value = Number(text);
                return [key, text === "" || value === current.flagThresholdDefaults[key] ? null : value];
              }),
            ),
            currency: currency().trim().toUpperCase(),
            ...(privacyValues ? privacyPatch(privacyValues) : {}),
            version: current.version,
          },
        }),
      );
      // Requiring two-step sign-in may ask it of this admin at once (docs/SIGN-IN.md): the profile
      // says so first, and the shell shows the enrolment instead of a settings page that can no
      // longer load.
      if (privacyValues?.requireTwoFactor && !current.requireTwoFactor) await revalidate(getMe.key);
      await revalidate(getOrganizationSettings.key);
      setSaved(true);
    } catch (error) {
      if (isStale(error)) setStale(true);
      else if (isProblem(error)) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  const currencyError = () => problem()?.errors.find((e) => e.path === "currency");
  const fieldError = (path: string) => {
    const error = problem()?.errors.find((e) => e.path === path);
    return error ? fieldErrorMessage(error) : undefined;
  };
  const thresholdError = (key: ThresholdKey) => problem()?.errors.some((e) => e.path === `flagThresholds.${key}`);

  async function reload() {
    setStale(false);
    await revalidate(getOrganizationSettings.key);
  }

  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <PageHeader title={tr("settings.title")} subtitle={tr("settings.subtitle")} />
      <Suspense>
        <MailStatusNotice />
      </Suspense>
      <Show when={stale()}>
        <div class="review-notice review-notice--warning" role="alert">
          <p>{tr("settings.stale")}</p>
          <button type="button" class="button button--secondary" onClick={reload}>
            {tr("settings.reload")}
          </button>
        </div>
      </Show>
      <Show when={settings()}>
        <form class="card review-form settings-form" onSubmit={save} noValidate>
          <h2 class="settings-group__title" id="settings-review">
            {tr("settings.groupReview")}
          </h2>
          <ChoiceGroup
            name="reviewPolicy"
            legend={tr("settings.policy")}
            choices={POLICIES}
            value={policy()}
            onChange={setPolicy}
            label={(choice) => tr(`settings.${choice}`)}
            hint={(choice) => tr(`settings.${choice}Hint`)}
          />
          <NumberSetting
            id="review-sla"
            name="reviewSlaHours"
            label={tr("settings.sla")}
            hint={tr("settings.slaHint")}
            min={1}
            value={hours()}
            onInput={setHours}
          />
          <h2 class="settings-group__title" id="settings-disputes">
            {tr("settings.groupDisputes")}
          </h2>
          <NumberSetting
            id="dispute-window"
            name="disputeWindowDays"
            label={tr("settings.disputeWindow")}
            hint={tr("settings.disputeWindowHint")}
            min={1}
            max={90}
            value={windowDays()}
            onInput={setWindowDays}
          />
          <h2 class="settings-group__title" id="settings-actions">
            {tr("settings.groupActions")}
          </h2>
          <div class="field">
            <label class="check">
              <input
                class="check__box"
                type="checkbox"
                name="actionsOnCritical"
                checked={onCritical()}
                onChange={(e) => setOnCritical(e.currentTarget.checked)}
                aria-describedby="actions-on-critical-hint"
              />
              <span class="check__label">{tr("settings.actionsOnCritical")}</span>
            </label>
            <p class="field__hint" id="actions-on-critical-hint">
              {tr("settings.actionsOnCriticalHint")}
            </p>
          </div>
          <h2 class="settings-group__title" id="settings-board">
            {tr("settings.groupBoard")}
          </h2>
          <NumberSetting
            id="board-claim-limit"
            name="boardClaimLimit"
            label={tr("settings.claimLimit")}
            hint={tr("settings.claimLimitHint")}
            min={1}
            max={20}
            value={claimLimit()}
            onInput={setClaimLimit}
          />
          <h2 class="settings-group__title" id="settings-money">
            {tr("settings.groupMoney")}
          </h2>
          <div class="field" classList={{ "field--invalid": !!currencyError() }}>
            <label class="field__label" for="org-currency">
              {tr("settings.currency")}
            </label>
            <input
              class="input settings-currency"
              id="org-currency"
              name="currency"
              list="org-currencies"
              autocomplete="off"
              autocapitalize="characters"
              maxLength={3}
              value={currency()}
              onInput={(e) => setCurrency(e.currentTarget.value)}
              aria-invalid={currencyError() ? "true" : undefined}
              aria-describedby={currencyError() ? "org-currency-hint org-currency-error" : "org-currency-hint"}
            />
            <datalist id="org-currencies">
              <For each={CURRENCIES}>{(code) => <option value={code} />}</For>
            </datalist>
            <p class="field__hint" id="org-currency-hint">
              {tr("settings.currencyHint")}
            </p>
            <Show when={currencyError()}>
              <p class="field__error" id="org-currency-error">
                {tr("settings.currencyInvalid")}
              </p>
            </Show>
          </div>
          <h2 class="settings-group__title" id="settings-flags">
            {tr("flags.thresholds.title")}
          </h2>
          <p class="field__hint">{tr("flags.thresholds.hint")}</p>
          <div class="threshold-grid">
            <For each={THRESHOLDS}>
              {(threshold) => (
                <NumberSetting
                  id={`threshold-${threshold.key}`}
                  name={threshold.key}
                  label={tr(`flags.thresholds.${threshold.key}`)}
                  hint={tr("flags.thresholds.default", {
                    value: String(settings()?.flagThresholdDefaults[threshold.key] ?? ""),
                  })}
                  inputMode="decimal"
                  min={threshold.min}
                  max={threshold.max}
                  step={threshold.step}
                  value={thresholds()[threshold.key] ?? ""}
                  onInput={(value) => setThresholds((all) => ({ ...all, [threshold.key]: value }))}
                  error={
                    thresholdError(threshold.key)
                      ? tr("flags.thresholds.range", { min: String(threshold.min), max: String(threshold.max) })
                      : undefined
                  }
                />
              )}
            </For>
          </div>
          <Show when={privacy()}>
            {(values) => <PrivacySettings values={values()} onChange={setPrivacy} errorFor={fieldError} />}
          </Show>
          <FormError problem={currencyError() ? undefined : problem()} fields={["flagThresholds", ...PRIVACY_FIELDS]} />
          <div class="review-form__actions">
            <button type="submit" class="button button--primary" disabled={busy()}>
              {tr("settings.save")}
            </button>
            <Show when={saved()}>
              <span role="status">{tr("settings.saved")}</span>
            </Show>
          </div>
        </form>
      </Show>
    </Show>
  );
}
