import "./planning.css";
import { createAsync, revalidate, useNavigate } from "@solidjs/router";
import { createMemo, createUniqueId, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { describedBy, FieldFrame, SelectField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import type { Branch } from "../../lib/types";
import { getChecklists } from "../checklists/checklist-queries";
import { getUsers } from "../organisation/queries";
import { assignmentFieldError, formatChoiceDay, scenarioSuggestions, ta, todayIn } from "./assignment-i18n";
import { getAssignments } from "./assignment-queries";
import { BranchPicker } from "./components/branch-picker";
import { addDays, windowDayChoices } from "./window-days";

const FIELDS = ["branchId", "checklistVersionId", "shopperId", "windowStart", "windowEnd", "scenario"] as const;
/** Days from the first to the last day of a new window, unless the admin picks other dates. */
const DEFAULT_DAYS = 7;

interface Values {
  branchId: string;
  checklistVersionId: string;
  shopperId: string;
  windowStart: string;
  windowEnd: string;
  scenario: string;
}

function AssignmentForm() {
  const navigate = useNavigate();
  const form = createFormState();
  const scenarioId = createUniqueId();
  const today = todayIn(undefined);
  const [values, setValues] = createStore<Values>({
    branchId: "",
    checklistVersionId: "",
    shopperId: "",
    windowStart: today,
    windowEnd: addDays(today, DEFAULT_DAYS),
    scenario: "",
  });
  const [state, setState] = createStore<{ branch: Branch | undefined; datesTouched: boolean }>({
    branch: undefined,
    datesTouched: false,
  });

  const checklists = createAsync(() => getChecklists());
  const shoppers = createAsync(() => getUsers({ role: "shopper", status: "active" }));

  /** Published, active checklists for the chosen branch's channel, by their latest published version. */
  const checklistOptions = createMemo(() => {
    const branch = state.branch;
    if (!branch) return [];
    return (checklists() ?? []).flatMap((c) => {
      const versionId = c.latestPublishedVersionId;
      if (c.channel !== branch.channel || c.status !== "active" || !versionId) return [];
      const number = c.versions.find((v) => v.id === versionId)?.number ?? 0;
      return [{ value: versionId, label: ta("create.checklistOption", { name: localName(c.name), number }) }];
    });
  });
  const channelName = () => (state.branch ? t(`channels.${state.branch.channel}`) : "");
  /**
   * The days a window may start or end on, from today in the branch's time zone, in the app's
   * language (a native date input would show the browser's format, not the app's).
   */
  const dayOptions = (chosen: string) =>
    windowDayChoices(todayIn(state.branch?.timezone), chosen).map((day) => ({
      value: day,
      label: formatChoiceDay(day),
    }));

  function chooseBranch(branch: Branch | undefined) {
    setState("branch", branch);
    setValues("branchId", branch?.id ?? "");
    if (!branch) return;
    // Dates are the branch's: restart today in its time zone unless the admin already chose some.
    if (!state.datesTouched) {
      const start = todayIn(branch.timezone);
      setValues({ windowStart: start, windowEnd: addDays(start, DEFAULT_DAYS) });
    }
    // A checklist for the other channel can't stay; the only one that fits is chosen for you.
    const options = checklistOptions();
    if (!options.some((o) => o.value === values.checklistVersionId)) {
      setValues("checklistVersionId", options.length === 1 ? (options[0]?.value ?? "") : "");
    }
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const shopper = shoppers()?.find((s) => s.id === values.shopperId);
    await form.run(async () => {
      const created = await call(api.assignments.$post({ json: { ...values } }));
      void revalidate(getAssignments.key);
      navigate(`/assignments/${created.id}`, {
        state: { notice: ta("create.created", { shopper: shopper?.displayName ?? "" }) },
      });
    }, event.currentTarget as HTMLFormElement);
  }

  return (
    <form class="form assignment-form" onSubmit={submit} noValidate>
      <BranchPicker
        label={ta("picker.label")}
        mode="form"
        value={values.branchId}
        onChange={chooseBranch}
        hint={values.branchId ? undefined : ta("create.branchHint")}
        error={form.errorFor("branchId")}
        errorMessage={assignmentFieldError}
      />
      <SelectField
        name="checklistVersionId"
        label={ta("create.checklist")}
        value={values.checklistVersionId}
        placeholder={state.branch ? ta("create.chooseChecklist") : ta("create.chooseBranchFirst")}
        options={checklistOptions()}
        onChange={(v) => setValues("checklistVersionId", v)}
        disabled={!state.branch}
        hint={
          state.branch
            ? checklistOptions().length > 0
              ? ta("create.checklistHint", { channel: channelName() })
              : ta("create.noChecklist", { channel: channelName() })
            : undefined
        }
        error={form.errorFor("checklistVersionId")}
        errorMessage={assignmentFieldError}
        required
      />
      <SelectField
        name="shopperId"
        label={ta("create.shopper")}
        value={values.shopperId}
        placeholder={ta("create.chooseShopper")}
        options={(shoppers() ?? []).map((s) => ({ value: s.id, label: `${s.displayName} · ${s.email}` }))}
        onChange={(v) => setValues("shopperId", v)}
        hint={shoppers()?.length === 0 ? ta("create.noShoppers") : undefined}
        error={form.errorFor("shopperId")}
        errorMessage={assignmentFieldError}
        required
      />
      <fieldset class="assignment-form__window">
        <legend class="visually-hidden">{ta("detail.window")}</legend>
        <div class="assignment-form__dates">
          <SelectField
            name="windowStart"
            label={ta("create.windowStart")}
            value={values.windowStart}
            options={dayOptions(values.windowStart)}
            onChange={(v) => {
              setState("datesTouched", true);
              setValues("windowStart", v);
            }}
            error={form.errorFor("windowStart")}
            errorMessage={assignmentFieldError}
            required
          />
          <SelectField
            name="windowEnd"
            label={ta("create.windowEnd")}
            value={values.windowEnd}
            options={dayOptions(values.windowEnd)}
            onChange={(v) => {
              setState("datesTouched", true);
              setValues("windowEnd", v);
            }}
            error={form.errorFor("windowEnd")}
            errorMessage={assignmentFieldError}
            required
          />
        </div>
        <p class="field__hint">
          {state.branch ? ta("create.windowHint", { zone: state.branch.timezone }) : ta("create.windowHintNoBranch")}
        </p>
      </fieldset>
      <FieldFrame
        id={scenarioId}
        label={ta("create.scenario")}
        hint={ta("create.scenarioHint")}
        error={form.errorFor("scenario")}
        errorMessage={assignmentFieldError}
        optional
      >
        <textarea
          class="input assignment-form__scenario"
          id={scenarioId}
          name="scenario"
          rows="4"
          maxLength={2000}
          value={values.scenario}
          onInput={(e) => setValues("scenario", e.currentTarget.value)}
          aria-invalid={form.errorFor("scenario") ? "true" : undefined}
          aria-describedby={describedBy(scenarioId, true, form.errorFor("scenario"))}
        />
      </FieldFrame>
      <fieldset class="suggestions">
        <legend class="suggestions__title">{ta("create.examples")}</legend>
        <ul class="suggestions__list">
          <For each={scenarioSuggestions(state.branch?.channel ?? "store")}>
            {(text) => (
              <li>
                <button
                  type="button"
                  class="suggestion"
                  aria-pressed={values.scenario === text ? "true" : "false"}
                  onClick={() => setValues("scenario", text)}
                >
                  {text}
                </button>
              </li>
            )}
          </For>
        </ul>
      </fieldset>
      <FormError problem={form.problem()} fields={FIELDS} />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={ta("create.submit")} pendingLabel={ta("create.pending")} />
        <button type="button" class="button button--ghost" onClick={() => navigate("/assignments")}>
          {tOffice("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export default function AssignmentNew() {
  const can = useAbilities();
  return (
    <Show when={can().manage && can().assignments} fallback={<NoAccess />}>
      <PageHeader title={ta("create.title")} back={{ href: "/assignments", label: ta("list.title") }} />
      <section class="card">
        <p class="card__intro">{ta("create.intro")}</p>
        <AssignmentForm />
      </section>
    </Show>
  );
}
