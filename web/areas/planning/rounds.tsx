/**
 * Audit rounds (docs/ROUNDS.md): the list, the plan form with its preview, and one round with
 * its coverage. One lazy chunk and one route for the three (`/rounds/*page` in main.tsx: a
 * route line costs the shopper's first download bytes); head office only: admins plan and
 * cancel, analysts read.
 */
import "./planning.css";
import "./rounds.css";
import { createAsync, revalidate, useNavigate, useParams } from "@solidjs/router";
import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { SelectField, TextField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import type { Branch } from "../../lib/types";
import { getChecklists } from "../checklists/checklist-queries";
import { getRegions } from "../organisation/queries";
import { BranchPicker } from "./components/branch-picker";
import { PlanningTabs } from "./components/planning-tabs";
import { formatCents, formatPeriod, parseCents, reasonSentence, roundFieldError, stratumLabel, tr } from "./round-i18n";
import {
  coverageCsvUrl,
  getRound,
  getRoundCoverage,
  getRounds,
  type RoundListItem,
  type RoundPreview,
  type RoundRequest,
  type RoundSummary,
  roundKeys,
} from "./round-queries";

const tabs = () => ({
  nav: tr("tabs.label"),
  visits: tr("tabs.visits"),
  rounds: tr("tabs.rounds"),
  reliability: tr("tabs.reliability"),
});

/** The checklists' names by id, for rows and the round's facts. */
function useChecklistNames() {
  const checklists = createAsync(() => getChecklists());
  return (id: string) => {
    const found = checklists()?.find((c) => c.id === id);
    return found ? localName(found.name) : "";
  };
}

function RoundRow(props: { round: RoundListItem; checklist: string }) {
  const r = () => props.round;
  const planned = () => r().counts.visits - r().counts.cancelled;
  return (
    <li>
      <A class="row" href={`/rounds/${r().id}`}>
        <span class="row__main">
          <span class="row__title">{r().name}</span>
          <span class="row__meta">
            <span>{formatPeriod(r().period.from, r().period.to)}</span>
            <Show when={props.checklist}>
              <span>{props.checklist}</span>
            </Show>
          </span>
          <span class="row__tags">
            <Badge tone={r().status === "committed" ? "accent" : "neutral"}>{tr(`status.${r().status}`)}</Badge>
            <span class="round-row__staffed">
              {tr("list.staffed", { staffed: r().counts.staffed, visits: planned() })}
            </span>
            <Show when={r().counts.posted > 0}>
              <span class="round-row__staffed">{tr("list.posted", r().counts.posted)}</span>
            </Show>
          </span>
        </span>
        <Icon name="chevron" class="row__chevron" />
      </A>
    </li>
  );
}

/** `/rounds`: every round, newest first. */
export function RoundsPage() {
  const can = useAbilities();
  const rounds = createAsync(() => (can().rounds ? getRounds() : Promise.resolve(undefined)));
  const checklistName = useChecklistNames();
  return (
    <Show when={can().rounds} fallback={<NoAccess />}>
      <PageHeader
        title={tr("list.title")}
        subtitle={tr("list.intro")}
        actions={
          <Show when={can().manage}>
            <A class="button button--primary" href="/rounds/new">
              <Icon name="plus" />
              {tr("list.new")}
            </A>
          </Show>
        }
      />
      <PlanningTabs current="rounds" labels={tabs()} />
      <Show when={rounds()}>
        {(items) => (
          <Show when={items().length > 0} fallback={<Empty>{tr("list.empty")}</Empty>}>
            <ul class="list" aria-label={tr("list.title")}>
              <For each={items()}>
                {(round) => <RoundRow round={round} checklist={checklistName(round.checklistId)} />}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Show>
  );
}

type Days = "weekday" | "weekend" | "any";

interface FormValues {
  name: string;
  checklistId: string;
  from: string;
  to: string;
  targetKind: "all" | "regions" | "branches";
  regionIds: string[];
  branches: Branch[];
  visitsPerBranch: string;
  minGapDays: string;
  windowDays: string;
  strata: Array<{ key: string; share: string; days: Days }>;
  scenarios: Array<{ en: string; zh: string }>;
  blackout: string;
  fee: string;
  cap: string;
  staffing: "rule" | "board";
  /** Empty: no floor. */
  ratingFloor: string;
}

/** The round's whole-number fields, in the form's order: each a field of the values and its label. */
const ROUND_NUMBERS = [
  ["visitsPerBranch", "form.visitsPerBranch"],
  ["minGapDays", "form.minGap"],
  ["windowDays", "form.windowDays"],
] as const;

/** The first and last day of next month (YYYY-MM-DD). */
function nextMonth(now = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const from = first.toISOString().slice(0, 10);
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from, to: last.toISOString().slice(0, 10) };
}

/** The default day-parts: weekday mornings 40 %, weekday afternoons 40 %, weekends 20 %. */
const DEFAULT_STRATA: FormValues["strata"] = [
  { key: "weekday-morning", share: "40", days: "weekday" },
  { key: "weekday-afternoon", share: "40", days: "weekday" },
  { key: "weekend", share: "20", days: "weekend" },
];

/** A number typed in a field; NaN when it is none (the API then names the field). */
const whole = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.trim()));

/** The API's body from the form: the same id for every preview and the commit. */
function requestOf(id: string, v: FormValues): RoundRequest {
  const target: RoundRequest["target"] =
    v.targetKind === "regions"
      ? { kind: "regions", regionIds: v.regionIds }
      : v.targetKind === "branches"
        ? { kind: "branches", branchIds: v.branches.map((b) => b.id) }
        : { kind: "all" };
  return {
    id,
    name: v.name.trim(),
    checklistId: v.checklistId,
    period: { from: v.from.trim(), to: v.to.trim() },
    target,
    visitsPerBranch: whole(v.visitsPerBranch),
    minGapDays: whole(v.minGapDays),
    windowDays: whole(v.windowDays),
    strata: v.strata.map((s) => ({ key: s.key.trim(), share: whole(s.share), days: s.days })),
    scenarios: v.scenarios.map((s) => ({ en: s.en.trim(), zh: s.zh.trim() })),
    blackoutDates: v.blackout
      .split(/[\s,，]+/)
      .map((d) => d.trim())
      .filter(Boolean),
    feeCents: parseCents(v.fee) ?? Number.NaN,
    reimbursementCapCents: parseCents(v.cap) ?? Number.NaN,
    staffing: v.staffing,
    ratingFloor: floorOf(v.ratingFloor),
  };
}

/**
 * The rating floor typed: null when empty; what was typed when it is no number, so the API
 * names the field (NaN would travel as null, which means "no floor").
 */
function floorOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : (trimmed as unknown as number);
}

/** A group of fields with a legend (a fieldset), phone-first. */
function Group(props: { legend: string; hint?: string; children: JSX.Element }) {
  return (
    <fieldset class="round-group">
      <legend class="round-group__legend">{props.legend}</legend>
      <Show when={props.hint}>
        <p class="field__hint">{props.hint}</p>
      </Show>
      {props.children}
    </fieldset>
  );
}

/**
 * Counts of a summary row: visits, staffed, unstaffed (`rest`: the last column's heading, "On the
 * job board" for a board round, whose visits all wait there rather than lack a shopper).
 */
function SummaryTable(props: {
  caption: string;
  head: string;
  rest: string;
  rows: Array<{ label: string } & SummaryRow>;
}) {
  return (
    <div class="round-table-scroll">
      <table class="round-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="num">
              {tr("preview.visits")}
            </th>
            <th scope="col" class="num">
              {tr("preview.staffed")}
            </th>
            <th scope="col" class="num">
              {props.rest}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <th scope="row">{row.label}</th>
                <td class="num">{row.visits}</td>
                <td class="num">{row.staffed}</td>
                <td class="num">{row.unstaffed}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

type SummaryRow = { visits: number; staffed: number; unstaffed: number };

/** What a preview (or a stored round) counts: totals, per region and stratum, and why unstaffed. */
function SummaryView(props: { summary: RoundSummary }) {
  const s = () => props.summary;
  const rest = () => (s().posted > 0 ? tr("preview.posted") : tr("preview.unstaffed"));
  return (
    <>
      <dl class="facts round-totals">
        <div>
          <dt>{tr("preview.visits")}</dt>
          <dd>{s().visits}</dd>
        </div>
        <div>
          <dt>{tr("preview.staffed")}</dt>
          <dd>{s().staffed}</dd>
        </div>
        <div>
          <dt>{tr("preview.unstaffed")}</dt>
          <dd>{s().unstaffed - s().posted}</dd>
        </div>
        <Show when={s().posted > 0}>
          <div>
            <dt>{tr("preview.posted")}</dt>
            <dd>{s().posted}</dd>
          </div>
        </Show>
      </dl>
      <SummaryTable
        caption={tr("preview.byRegion")}
        head={tr("preview.region")}
        rest={rest()}
        rows={s().byRegion.map((r) => ({ ...r, label: localName(r.name) }))}
      />
      <SummaryTable
        caption={tr("preview.byStratum")}
        head={tr("preview.stratum")}
        rest={rest()}
        rows={s().byStratum.map((r) => ({ ...r, label: stratumLabel(r.stratum) }))}
      />
      <Show when={s().posted === 0}>
        <h3 class="round-subtitle">{tr("preview.reasons")}</h3>
        <Show when={s().reasons.length > 0} fallback={<p>{tr("preview.allStaffed")}</p>}>
          <ul class="round-reasons">
            <For each={s().reasons}>{(group) => <li>{reasonSentence(group)}</li>}</For>
          </ul>
        </Show>
      </Show>
    </>
  );
}

const FORM_FIELDS = [
  "name",
  "checklistId",
  "period",
  "target",
  "visitsPerBranch",
  "minGapDays",
  "windowDays",
  "strata",
  "scenarios",
  "blackoutDates",
  "feeCents",
  "reimbursementCapCents",
  "ratingFloor",
];

function RoundForm() {
  const navigate = useNavigate();
  const form = createFormState();
  // The client's id for this round: every preview and the commit send it, so they agree.
  const id = crypto.randomUUID();
  const period = nextMonth();
  const [values, setValues] = createStore<FormValues>({
    name: "",
    checklistId: "",
    from: period.from,
    to: period.to,
    targetKind: "all",
    regionIds: [],
    branches: [],
    visitsPerBranch: "2",
    minGapDays: "7",
    windowDays: "3",
    strata: DEFAULT_STRATA.map((s) => ({ ...s })),
    scenarios: [{ en: "", zh: "" }],
    blackout: "",
    fee: "",
    cap: "",
    staffing: "rule",
    ratingFloor: "",
  });
  const [preview, setPreview] = createSignal<{ body: string; answer: RoundPreview }>();
  const checklists = createAsync(() => getChecklists());
  const regions = createAsync(() => getRegions());

  const checklistOptions = createMemo(() =>
    (checklists() ?? [])
      .filter((c) => c.status === "active" && c.latestPublishedVersionId)
      .map((c) => ({ value: c.id, label: localName(c.name) })),
  );
  const body = createMemo(() => requestOf(id, values));
  const current = () => {
    const p = preview();
    return p && p.body === JSON.stringify(body()) ? p.answer : undefined;
  };
  const shareTotal = () => values.strata.reduce((sum, s) => sum + (Number(s.share) || 0), 0);
  /** The first error on a field or inside it (`period.to`, `strata[1].share`). */
  const error = (path: string) =>
    form
      .problem()
      ?.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));

  async function doPreview() {
    const sent = body();
    const answer = await form.run(() => call(api.rounds.preview.$post({ json: sent, query: {} })));
    if (answer) setPreview({ body: JSON.stringify(sent), answer });
  }

  async function commit(event: SubmitEvent) {
    event.preventDefault();
    if (!current()) return;
    const round = await form.run(
      () => call(api.rounds.$post({ json: body() })),
      event.currentTarget as HTMLFormElement,
    );
    if (!round) return;
    void revalidate(roundKeys);
    navigate(`/rounds/${round.round.id}`);
  }

  const removeAt = <T,>(list: readonly T[], index: number) => list.filter((_, i) => i !== index);

  return (
    <form class="form round-form" onSubmit={commit} noValidate>
      <TextField
        name="name"
        label={tr("form.name")}
        value={values.name}
        onInput={(v) => setValues("name", v)}
        error={error("name")}
        errorMessage={roundFieldError}
        maxLength={120}
        required
      />
      <SelectField
        name="checklistId"
        label={tr("form.checklist")}
        value={values.checklistId}
        placeholder={tr("form.chooseChecklist")}
        options={checklistOptions()}
        onChange={(v) => setValues("checklistId", v)}
        error={error("checklistId")}
        errorMessage={roundFieldError}
        required
      />
      <Group legend={tr("form.period")}>
        <div class="form__pair">
          <TextField
            name="from"
            label={tr("form.from")}
            value={values.from}
            onInput={(v) => setValues("from", v)}
            hint={tr("form.dateHint")}
            error={error("period.from")}
            errorMessage={roundFieldError}
            inputMode="numeric"
            maxLength={10}
          />
          <TextField
            name="to"
            label={tr("form.to")}
            value={values.to}
            onInput={(v) => setValues("to", v)}
            hint={tr("form.dateHint")}
            error={error("period.to")}
            errorMessage={roundFieldError}
            inputMode="numeric"
            maxLength={10}
          />
        </div>
      </Group>
      <Group legend={tr("form.target")}>
        <SelectField
          name="targetKind"
          label={tr("form.targetKind")}
          value={values.targetKind}
          options={[
            { value: "all", label: tr("form.targetAll") },
            { value: "regions", label: tr("form.targetRegions") },
            { value: "branches", label: tr("form.targetBranches") },
          ]}
          onChange={(v) => setValues("targetKind", v as FormValues["targetKind"])}
          error={error("target")}
          errorMessage={roundFieldError}
        />
        <Show when={values.targetKind === "regions"}>
          <fieldset class="round-checks">
            <legend class="field__label">{tr("form.regions")}</legend>
            <For each={regions() ?? []}>
              {(region) => (
                <label class="check">
                  <input
                    class="check__box"
                    type="checkbox"
                    name="regionIds"
                    value={region.id}
                    checked={values.regionIds.includes(region.id)}
                    onChange={(e) =>
                      setValues("regionIds", (list) =>
                        e.currentTarget.checked ? [...list, region.id] : list.filter((r) => r !== region.id),
                      )
                    }
                  />
                  <span class="check__label">{localName(region.name)}</span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <Show when={values.targetKind === "branches"}>
          <BranchPicker
            label={tr("form.addBranch")}
            mode="filter"
            value=""
            onChange={(branch) => {
              if (branch && !values.branches.some((b) => b.id === branch.id))
                setValues("branches", (list) => [...list, branch]);
            }}
          />
          <p class="round-subtitle">{tr("form.chosenBranches")}</p>
          <Show when={values.branches.length > 0} fallback={<p class="field__hint">{tr("form.noBranchChosen")}</p>}>
            <ul class="round-chips">
              <For each={values.branches}>
                {(branch, i) => (
                  <li class="round-chip">
                    <span>
                      <span class="code">{branch.code}</span> {localName(branch.name)}
                    </span>
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-label={tr("form.removeBranch", { name: localName(branch.name) })}
                      onClick={() => setValues("branches", (list) => removeAt(list, i()))}
                    >
                      {tr("form.remove")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Group>
      <div class="round-numbers">
        <For each={ROUND_NUMBERS}>
          {([key, label]) => (
            <TextField
              name={key}
              label={tr(label)}
              value={values[key]}
              onInput={(v) => setValues(key, v)}
              error={error(key)}
              errorMessage={roundFieldError}
              inputMode="numeric"
            />
          )}
        </For>
      </div>
      <Group legend={tr("form.strata")} hint={tr("form.strataHint")}>
        <For each={values.strata}>
          {(stratum, i) => (
            <div class="round-stratum">
              <TextField
                name={`strata.${i()}.key`}
                label={tr("form.key")}
                value={stratum.key}
                onInput={(v) => setValues("strata", i(), "key", v)}
                error={error(`strata[${i()}].key`)}
                errorMessage={roundFieldError}
                maxLength={32}
              />
              <TextField
                name={`strata.${i()}.share`}
                label={tr("form.share")}
                value={stratum.share}
                onInput={(v) => setValues("strata", i(), "share", v)}
                error={error(`strata[${i()}].share`)}
                errorMessage={roundFieldError}
                inputMode="numeric"
              />
              <SelectField
                name={`strata.${i()}.days`}
                label={tr("form.days")}
                value={stratum.days}
                options={[
                  { value: "weekday", label: tr("form.weekday") },
                  { value: "weekend", label: tr("form.weekend") },
                  { value: "any", label: tr("form.any") },
                ]}
                onChange={(v) => setValues("strata", i(), "days", v as Days)}
              />
              <Show when={values.strata.length > 1}>
                <button
                  type="button"
                  class="button button--secondary round-remove"
                  aria-label={tr("form.removeStratum", { n: i() + 1 })}
                  onClick={() => setValues("strata", (list) => removeAt(list, i()))}
                >
                  {tr("form.remove")}
                </button>
              </Show>
            </div>
          )}
        </For>
        <p class="round-total" classList={{ "round-total--off": shareTotal() !== 100 }} aria-live="polite">
          {tr("form.strataTotal", { total: shareTotal() })}
        </p>
        <Show when={form.problem()?.errors.find((e) => e.path === "strata" || /^strata\[\d+\]$/.test(e.path))}>
          {(e) => (
            <div class="field__error round-error" role="alert">
              <p>{roundFieldError(e())}</p>
            </div>
          )}
        </Show>
        <button
          type="button"
          class="button button--secondary"
          onClick={() =>
            setValues("strata", (list) => [...list, { key: `part-${list.length + 1}`, share: "0", days: "any" }])
          }
        >
          <Icon name="plus" />
          {tr("form.addStratum")}
        </button>
      </Group>
      <Group legend={tr("form.scenarios")} hint={tr("form.scenariosHint")}>
        <For each={values.scenarios}>
          {(scenario, i) => (
            <div class="round-scenario">
              <TextField
                name={`scenarios.${i()}.en`}
                label={tr("form.scenarioEn", { n: i() + 1 })}
                value={scenario.en}
                onInput={(v) => setValues("scenarios", i(), "en", v)}
                error={error(`scenarios[${i()}].en`)}
                errorMessage={roundFieldError}
                maxLength={2000}
              />
              <TextField
                name={`scenarios.${i()}.zh`}
                label={tr("form.scenarioZh", { n: i() + 1 })}
                value={scenario.zh}
                onInput={(v) => setValues("scenarios", i(), "zh", v)}
                error={error(`scenarios[${i()}].zh`)}
                errorMessage={roundFieldError}
                maxLength={2000}
              />
              <Show when={values.scenarios.length > 1}>
                <button
                  type="button"
                  class="button button--secondary round-remove"
                  aria-label={tr("form.removeScenario", { n: i() + 1 })}
                  onClick={() => setValues("scenarios", (list) => removeAt(list, i()))}
                >
                  {tr("form.remove")}
                </button>
              </Show>
            </div>
          )}
        </For>
        <Show when={form.problem()?.errors.find((e) => e.path === "scenarios")}>
          {(e) => (
            <div class="field__error round-error" role="alert">
              <p>{roundFieldError(e())}</p>
            </div>
          )}
        </Show>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => setValues("scenarios", (list) => [...list, { en: "", zh: "" }])}
        >
          <Icon name="plus" />
          {tr("form.addScenario")}
        </button>
      </Group>
      <TextField
        name="blackoutDates"
        label={tr("form.blackout")}
        value={values.blackout}
        onInput={(v) => setValues("blackout", v)}
        hint={tr("form.blackoutHint")}
        error={error("blackoutDates")}
        errorMessage={roundFieldError}
        optional
      />
      <div class="form__pair">
        <TextField
          name="fee"
          label={tr("form.fee")}
          value={values.fee}
          onInput={(v) => setValues("fee", v)}
          hint={tr("form.moneyHint")}
          error={error("feeCents")}
          errorMessage={roundFieldError}
          inputMode="numeric"
          optional
        />
        <TextField
          name="cap"
          label={tr("form.cap")}
          value={values.cap}
          onInput={(v) => setValues("cap", v)}
          hint={tr("form.moneyHint")}
          error={error("reimbursementCapCents")}
          errorMessage={roundFieldError}
          inputMode="numeric"
          optional
        />
      </div>
      <SelectField
        name="staffing"
        label={tr("form.staffing")}
        value={values.staffing}
        options={[
          { value: "rule", label: tr("form.staffingRule") },
          { value: "board", label: tr("form.staffingBoard") },
        ]}
        onChange={(v) => setValues("staffing", v as FormValues["staffing"])}
      />
      <TextField
        name="ratingFloor"
        label={tr("form.ratingFloor")}
        value={values.ratingFloor}
        onInput={(v) => setValues("ratingFloor", v)}
        hint={tr("form.ratingFloorHint")}
        error={error("ratingFloor")}
        errorMessage={roundFieldError}
        inputMode="numeric"
        optional
      />
      <FormError problem={form.formProblem()} fields={FORM_FIELDS} />
      <div class="form__actions">
        <SubmitButton
          type="button"
          variant={current() ? "secondary" : "primary"}
          pending={form.pending() && !current()}
          label={tr("form.preview")}
          pendingLabel={tr("form.previewing")}
          onClick={() => void doPreview()}
        />
      </div>
      <Show when={preview() && !current()}>
        <p class="notice round-stale">{tr("form.changed")}</p>
      </Show>
      <Show when={current()}>
        {(answer) => (
          <section class="card round-preview" aria-labelledby="round-preview-title">
            <h2 class="card__title" id="round-preview-title">
              {tr("preview.title")}
            </h2>
            <Show when={answer().committed}>
              <p class="notice">{tr("form.already")}</p>
            </Show>
            <SummaryView summary={answer().summary} />
            <div class="form__actions">
              <SubmitButton pending={form.pending()} label={tr("form.commit")} pendingLabel={tr("form.committing")} />
            </div>
          </section>
        )}
      </Show>
    </form>
  );
}

/** `/rounds/new`: plan a round, preview it, then create it (admins). */
export function RoundNewPage() {
  const can = useAbilities();
  return (
    <Show when={can().rounds && can().manage} fallback={<NoAccess />}>
      <PageHeader title={tr("form.title")} back={{ href: "/rounds", label: tr("form.back") }} />
      <RoundForm />
    </Show>
  );
}

type CoverageCounts = { planned: number; staffed: number; submitted: number; published: number; overdue: number };

function CoverageTable(props: {
  caption: string;
  head: string;
  rows: Array<{ label: string; key: string } & CoverageCounts>;
}) {
  const columns = ["planned", "staffed", "submitted", "published", "overdue"] as const;
  return (
    <div class="round-table-scroll">
      <table class="round-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <For each={columns}>
              {(column) => (
                <th scope="col" class="num">
                  {tr(`round.${column}`)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <th scope="row">{row.label}</th>
                <For each={columns}>
                  {(column) => (
                    <td class="num" classList={{ "round-table__alert": column === "overdue" && row.overdue > 0 }}>
                      {row[column]}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** Published of planned, as a bar with its numbers in words. */
function Progress(props: { published: number; planned: number }) {
  const percent = () => (props.planned > 0 ? Math.round((props.published / props.planned) * 100) : 0);
  return (
    <div class="round-progress">
      <div
        class="round-progress__bar"
        role="progressbar"
        aria-label={tr("round.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={props.planned}
        aria-valuenow={props.published}
      >
        <span class="round-progress__fill" style={{ width: `${percent()}%` }} />
      </div>
      <p class="round-progress__text">
        {tr("round.progress", { published: props.published, planned: props.planned })} ({percent()} %)
      </p>
    </div>
  );
}

/** `/rounds/:id`: the round, its summary and its coverage; admins may cancel it. */
export function RoundPage() {
  const can = useAbilities();
  const params = useParams();
  const detail = createAsync(() => (can().rounds ? getRound(params.page ?? "") : Promise.resolve(undefined)));
  const coverage = createAsync(() => (can().rounds ? getRoundCoverage(params.page ?? "") : Promise.resolve(undefined)));
  const checklistName = useChecklistNames();
  const form = createFormState();
  const [confirming, setConfirming] = createSignal(false);
  const [notice, setNotice] = createSignal<"round.cancelled">();

  async function cancelRound() {
    const round = detail()?.round;
    if (!round) return;
    const done = await form.run(() =>
      call(api.rounds[":id"].cancel.$post({ param: { id: round.id }, json: { version: round.version } })),
    );
    setConfirming(false);
    if (!done) return;
    setNotice("round.cancelled");
    await revalidate(roundKeys);
  }

  return (
    <Show when={can().rounds} fallback={<NoAccess />}>
      <Show when={detail()}>
        {(d) => (
          <>
            <PageHeader
              title={d().round.name}
              back={{ href: "/rounds", label: tr("round.back") }}
              actions={
                <Show when={can().manage && d().round.status === "committed"}>
                  <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>
                    {tr("round.cancel")}
                  </button>
                </Show>
              }
            />
            <FormSuccess message={notice() && tr("round.cancelled")} />
            <FormError problem={form.formProblem()} fields={[]} />
            <dl class="facts">
              <div>
                <dt>{tr("round.period")}</dt>
                <dd>
                  {formatPeriod(d().round.period.from, d().round.period.to)}{" "}
                  <Badge tone={d().round.status === "committed" ? "accent" : "neutral"}>
                    {tr(`status.${d().round.status}`)}
                  </Badge>
                </dd>
              </div>
              <div>
                <dt>{tr("round.checklist")}</dt>
                <dd>{checklistName(d().round.checklistId)}</dd>
              </div>
              <div>
                <dt>{tr("round.staffing")}</dt>
                <dd>{tr(`staffing.${d().round.staffing}`)}</dd>
              </div>
              <div>
                <dt>{tr("round.ratingFloor")}</dt>
                <dd>{d().round.ratingFloor ?? tr("round.noFloor")}</dd>
              </div>
              <div>
                <dt>{tr("round.fee")}</dt>
                <dd>
                  {formatCents(d().round.feeCents)} · {tr("round.cap")} {formatCents(d().round.reimbursementCapCents)}
                </dd>
              </div>
              <div>
                <dt>{tr("round.created")}</dt>
                <dd>{formatDateTime(d().round.createdAt)}</dd>
              </div>
            </dl>
            <section class="card" aria-labelledby="round-coverage-title">
              <h2 class="card__title" id="round-coverage-title">
                {tr("round.coverage")}
              </h2>
              <Show when={coverage()}>
                {(c) => (
                  <>
                    <Progress published={c().total.published} planned={c().total.planned} />
                    <CoverageTable
                      caption={tr("round.byRegion")}
                      head={tr("preview.region")}
                      rows={c().byRegion.map((r) => ({ ...r, key: r.regionId, label: localName(r.name) }))}
                    />
                    <CoverageTable
                      caption={tr("round.byBranch")}
                      head={tr("round.branch")}
                      rows={c().byBranch.map((b) => ({
                        ...b,
                        key: b.branchId,
                        label: `${b.code} ${localName(b.name)}`,
                      }))}
                    />
                    <a class="button button--secondary" href={coverageCsvUrl(d().round.id)} download="">
                      {tr("round.csv")}
                    </a>
                  </>
                )}
              </Show>
            </section>
            <section class="card" aria-labelledby="round-summary-title">
              <h2 class="card__title" id="round-summary-title">
                {tr("round.summary")}
              </h2>
              <SummaryView summary={d().summary} />
            </section>
            <ConfirmDialog
              open={confirming()}
              title={tr("round.cancelTitle")}
              confirmLabel={tr("round.cancel")}
              cancelLabel={tr("round.keep")}
              pendingLabel={tr("round.cancelling")}
              pending={form.pending()}
              tone="danger"
              onConfirm={() => void cancelRound()}
              onClose={() => setConfirming(false)}
            >
              <p>{tr("round.cancelBody")}</p>
            </ConfirmDialog>
          </>
        )}
      </Show>
    </Show>
  );
}

/** `/rounds`, `/rounds/new` and `/rounds/:id`, told apart by the rest of the path. */
export default function Rounds() {
  const params = useParams();
  return (
    <Switch fallback={<RoundPage />}>
      <Match when={!params.page}>
        <RoundsPage />
      </Match>
      <Match when={params.page === "new"}>
        <RoundNewPage />
      </Match>
    </Switch>
  );
}
