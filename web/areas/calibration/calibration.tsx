/**
 * Calibration rounds (docs/CALIBRATION.md): the list, creating one (admins), one calibration
 * (head office: its progress and closing; an invited rater: scoring it blind, on a phone), the
 * results, and agreement by item across rounds. One lazy chunk behind one route
 * (`/calibrations/*page` in main.tsx), like the audit rounds.
 */
import "../../components/audit-form/audit-form.css";
import "./calibration.css";
import { createAsync, revalidate, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import type { ChecklistItem } from "../../../worker/domain/checklists";
import { ItemControl } from "../../components/audit-form/item-control";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FieldFrame, SelectField, TextField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import { createFormState } from "../../lib/form";
import { tf } from "../../lib/form-i18n";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { getChecklists } from "../checklists/checklist-queries";
import { getUsers } from "../organisation/queries";
import { formatAlpha, formatDeviation, formatShare, tc } from "./calibration-i18n";
import {
  type Calibration,
  type CalibrationResults,
  type CalibrationSummary,
  calibrationKeys,
  getAlphaByItem,
  getCalibration,
  getCalibrationResults,
  getCalibrations,
  getRecentReports,
  photoUrl,
  type RatingAnswer,
} from "./calibration-queries";

type Reading = "not_reliable" | "tentative" | "reliable" | "undefined";

/** The scored items of a checklist document, in order. */
function scoredItems(doc: Calibration["document"]): ChecklistItem[] {
  return doc.sections.flatMap((s) => s.items).filter((i) => ["yes_no", "number", "scale", "choice"].includes(i.kind));
}

/** An answer as words: yes/no, an option's label, a number, N/A. */
function answerText(item: ChecklistItem | undefined, value: unknown): string {
  if (value === "n/a" || value === null || value === undefined) return tc("results.na");
  if (typeof value === "boolean") return value ? tc("results.yes") : tc("results.no");
  if (item?.kind === "choice") {
    const option = item.options.find((o) => o.key === value);
    return option ? localName(option.label) : String(value);
  }
  return typeof value === "number" ? formatAlpha(value).replace(/\.?0+$/, "") : String(value);
}

function CalibrationRow(props: { calibration: CalibrationSummary; rater: boolean }) {
  const c = () => props.calibration;
  return (
    <li>
      <A class="row" href={`/calibrations/${c().id}`}>
        <span class="row__main">
          <span class="row__title">{c().title}</span>
          <span class="row__meta">
            <span>{localName(c().checklist.name)}</span>
            <span>{tc(`source.${c().source}`)}</span>
            <span>{formatDateTime(c().createdAt)}</span>
          </span>
          <span class="row__tags">
            <Badge tone={c().status === "open" ? "accent" : "neutral"}>{tc(`status.${c().status}`)}</Badge>
            <Show
              when={props.rater}
              fallback={<span>{tc("list.progress", { submitted: c().submitted, invited: c().invited })}</span>}
            >
              <span>{c().mine?.submittedAt ? tc("list.yours") : c().status === "open" ? tc("list.toRate") : ""}</span>
            </Show>
          </span>
        </span>
        <Icon name="chevron" class="row__chevron" />
      </A>
    </li>
  );
}

function CalibrationsPage() {
  const can = useAbilities();
  const allowed = () => can().calibrations || can().rateCalibrations;
  const list = createAsync(() => (allowed() ? getCalibrations() : Promise.resolve(undefined)));
  return (
    <Show when={allowed()} fallback={<NoAccess />}>
      <PageHeader
        title={tc("list.title")}
        subtitle={can().overseeCalibrations ? tc("list.intro") : tc("list.raterIntro")}
        actions={
          <Show when={can().createCalibrations}>
            <A class="button button--primary" href="/calibrations/new">
              {tc("list.new")}
            </A>
          </Show>
        }
      />
      <Show when={list()}>
        {(items) => (
          <Show
            when={items().length > 0}
            fallback={<Empty>{can().overseeCalibrations ? tc("list.empty") : tc("list.raterEmpty")}</Empty>}
          >
            <ul class="list" aria-label={tc("list.title")}>
              <For each={items()}>{(c) => <CalibrationRow calibration={c} rater={!can().overseeCalibrations} />}</For>
            </ul>
          </Show>
        )}
      </Show>
    </Show>
  );
}

function TextArea(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: ReturnType<ReturnType<typeof createFormState>["errorFor"]>;
  optional?: boolean;
  rows?: number;
}) {
  const id = `cal-${props.label.replace(/\W+/g, "-")}`;
  return (
    <FieldFrame id={id} label={props.label} error={props.error} optional={props.optional}>
      <textarea
        class="input"
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </FieldFrame>
  );
}

function NewCalibrationPage() {
  const can = useAbilities();
  const navigate = useNavigate();
  const form = createFormState();
  const reports = createAsync(() => (can().createCalibrations ? getRecentReports() : Promise.resolve(undefined)));
  const checklists = createAsync(() => (can().createCalibrations ? getChecklists() : Promise.resolve(undefined)));
  const members = createAsync(() =>
    can().createCalibrations ? getUsers({ status: "active" }) : Promise.resolve(undefined),
  );
  const raters = () => (members() ?? []).filter((m) => m.role === "shopper" || m.role === "reviewer");
  const [title, setTitle] = createSignal("");
  const [source, setSource] = createSignal<"report" | "scenario">("report");
  const [auditId, setAuditId] = createSignal("");
  const [versionId, setVersionId] = createSignal("");
  const [scenarioEn, setScenarioEn] = createSignal("");
  const [scenarioZh, setScenarioZh] = createSignal("");
  const [transcript, setTranscript] = createSignal("");
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [expertId, setExpertId] = createSignal("");
  const toggle = (id: string, on: boolean) => {
    setChosen((all) => (on ? [...all, id] : all.filter((x) => x !== id)));
    if (!on && expertId() === id) setExpertId("");
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const json = {
      title: title(),
      raterIds: chosen(),
      expertId: expertId() || null,
      ...(source() === "report"
        ? { auditId: auditId() }
        : {
            checklistVersionId: versionId(),
            scenario: { en: scenarioEn(), zh: scenarioZh() },
            transcript: transcript(),
          }),
    };
    const created = await form.run(() => call(api.calibrations.$post({ json })), e.currentTarget as HTMLFormElement);
    if (!created) return;
    await revalidate(calibrationKeys);
    navigate(`/calibrations/${created.id}`);
  }

  return (
    <Show when={can().createCalibrations} fallback={<NoAccess />}>
      <PageHeader title={tc("create.title")} back={{ href: "/calibrations", label: tc("list.title") }} />
      <form class="form calibration-form" onSubmit={submit} novalidate>
        <TextField
          name="title"
          label={tc("create.name")}
          value={title()}
          onInput={setTitle}
          error={form.errorFor("title")}
          maxLength={200}
        />
        <fieldset class="calibration-group">
          <legend class="field__label">{tc("create.source")}</legend>
          <label class="check check--compact">
            <input
              type="radio"
              class="check__box"
              name="source"
              checked={source() === "report"}
              onChange={() => setSource("report")}
            />
            <span class="check__label">{tc("create.fromReport")}</span>
          </label>
          <label class="check check--compact">
            <input
              type="radio"
              class="check__box"
              name="source"
              checked={source() === "scenario"}
              onChange={() => setSource("scenario")}
            />
            <span class="check__label">{tc("create.fromScenario")}</span>
          </label>
        </fieldset>
        <Show
          when={source() === "report"}
          fallback={
            <>
              <SelectField
                name="checklistVersionId"
                label={tc("create.version")}
                value={versionId()}
                placeholder={tc("create.pickVersion")}
                options={(checklists() ?? []).flatMap((c) =>
                  c.latestPublishedVersionId ? [{ value: c.latestPublishedVersionId, label: localName(c.name) }] : [],
                )}
                onChange={setVersionId}
                error={form.errorFor("checklistVersionId")}
              />
              <TextArea
                label={tc("create.scenarioEn")}
                value={scenarioEn()}
                onInput={setScenarioEn}
                error={form.errorFor("scenario")}
              />
              <TextArea
                label={tc("create.scenarioZh")}
                value={scenarioZh()}
                onInput={setScenarioZh}
                error={form.errorFor("scenario")}
              />
              <TextArea
                label={tc("create.transcript")}
                value={transcript()}
                onInput={setTranscript}
                error={form.errorFor("transcript")}
                optional
                rows={6}
              />
            </>
          }
        >
          <SelectField
            name="auditId"
            label={tc("create.report")}
            hint={reports()?.length === 0 ? tc("create.noReports") : tc("create.reportHint")}
            value={auditId()}
            placeholder={tc("create.pickReport")}
            options={(reports() ?? []).map((r) => ({
              value: r.id,
              label: `${r.branch.code} ${localName(r.branch.name)} · ${formatDateTime(r.visitStartedAt)}`,
            }))}
            onChange={setAuditId}
            error={form.errorFor("auditId")}
          />
        </Show>
        <fieldset class="calibration-group" aria-describedby="cal-raters-hint">
          <legend class="field__label">{tc("create.raters")}</legend>
          <p class="field__hint" id="cal-raters-hint">
            {tc("create.ratersHint")}
          </p>
          <For each={raters()}>
            {(m) => (
              <label class="check check--compact">
                <input
                  type="checkbox"
                  class="check__box"
                  name="raterIds"
                  value={m.id}
                  checked={chosen().includes(m.id)}
                  onChange={(e) => toggle(m.id, e.currentTarget.checked)}
                />
                <span class="check__label">
                  {m.displayName} <span class="calibration-muted">{m.email}</span>
                </span>
              </label>
            )}
          </For>
          <div class="field__error" aria-live="polite">
            <Show when={form.errorFor("raterIds")}>{(e) => <p>{fieldErrorMessage(e())}</p>}</Show>
          </div>
        </fieldset>
        <SelectField
          name="expertId"
          label={tc("create.expert")}
          hint={tc("create.expertHint")}
          value={expertId()}
          options={[
            { value: "", label: tc("create.noExpert") },
            ...raters()
              .filter((m) => chosen().includes(m.id))
              .map((m) => ({ value: m.id, label: m.displayName })),
          ]}
          onChange={setExpertId}
          error={form.errorFor("expertId")}
        />
        <FormError
          problem={form.formProblem()}
          fields={["title", "auditId", "checklistVersionId", "scenario", "transcript", "raterIds", "expertId"]}
        />
        <div class="form__actions">
          <SubmitButton pending={form.pending()} label={tc("create.submit")} pendingLabel={tc("create.submitting")} />
        </div>
      </form>
    </Show>
  );
}

/** What raters score: the visit's facts and photos, or the written scenario and transcript. */
function Material(props: { calibration: Calibration }) {
  const c = () => props.calibration;
  const m = () => c().material;
  return (
    <section class="card calibration-material" aria-labelledby="cal-material">
      <h2 class="card__title" id="cal-material">
        {tc("rate.material")}
      </h2>
      <dl class="facts">
        <Show when={m().branch}>
          {(b) => (
            <div>
              <dt>{tc("rate.branch")}</dt>
              <dd>
                {b().code} {localName(b().name)}
              </dd>
            </div>
          )}
        </Show>
        <Show when={m().visitStartedAt}>
          {(at) => (
            <div>
              <dt>{tc("rate.visit")}</dt>
              <dd>{formatDateTime(at())}</dd>
            </div>
          )}
        </Show>
        <Show when={m().staffDescription}>
          <div>
            <dt>{tc("rate.staff")}</dt>
            <dd>{m().staffDescription}</dd>
          </div>
        </Show>
        <Show when={m().overallComment}>
          <div>
            <dt>{tc("rate.comment")}</dt>
            <dd>{m().overallComment}</dd>
          </div>
        </Show>
        <Show when={localName(c().scenario)}>
          <div>
            <dt>{tc("rate.scenario")}</dt>
            <dd class="calibration-pre">{localName(c().scenario)}</dd>
          </div>
        </Show>
      </dl>
      <Show when={c().transcript}>
        <h3 class="calibration-subtitle">{tc("rate.transcript")}</h3>
        <pre class="calibration-transcript">{c().transcript}</pre>
      </Show>
      <Show when={m().photos.length > 0}>
        <h3 class="calibration-subtitle">{tc("rate.photos")}</h3>
        <ul class="calibration-photos">
          <For each={m().photos}>
            {(sha, i) => (
              <li>
                <a href={photoUrl(c().id, sha)} target="_blank" rel="noopener">
                  <img src={photoUrl(c().id, sha)} alt={tc("rate.photo", { n: i() + 1 })} loading="lazy" />
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

type Entry = { value?: boolean | number | string; na?: boolean };

/** The rater's sheet: every scored item with the shopper's own controls, Save and Submit. */
function RatingSheet(props: { calibration: Calibration }) {
  const c = () => props.calibration;
  const mine = () => c().mine;
  const items = createMemo(() => scoredItems(c().document));
  const initial = () =>
    Object.fromEntries(
      (mine()?.answers ?? []).map((a) => [a.item, a.na ? { na: true } : { value: a.value ?? undefined }]),
    ) as Record<string, Entry>;
  const [entries, setEntries] = createSignal<Record<string, Entry>>(initial());
  const [version, setVersion] = createSignal(mine()?.version ?? 1);
  const [done, setDone] = createSignal(Boolean(mine()?.submittedAt));
  const [saved, setSaved] = createSignal<string>();
  const form = createFormState();
  const readOnly = () => done() || c().status !== "open";
  const answered = () => items().filter((i) => entries()[i.key]?.na || entries()[i.key]?.value !== undefined).length;
  const set = (key: string, entry: Entry) => {
    setSaved(undefined);
    setEntries((all) => ({ ...all, [key]: entry }));
  };

  async function send(submit: boolean) {
    const answers = Object.entries(entries()).flatMap(([item, e]): RatingAnswer[] =>
      e.na ? [{ item, na: true }] : e.value === undefined ? [] : [{ item, value: e.value }],
    );
    const result = await form.run(() =>
      call(
        api.calibrations[":id"].ratings.$put({ param: { id: c().id }, json: { version: version(), answers, submit } }),
      ),
    );
    if (!result) return;
    setVersion(result.version);
    if (submit) setDone(true);
    setSaved(submit ? tc("rate.submitted") : tc("rate.saved"));
    void revalidate([getCalibrations.key]);
  }

  const missing = () => items().length - answered();
  return (
    <section class="calibration-sheet" aria-label={localName(c().checklist.name)}>
      <p class="notice calibration-blind">{tc("rate.blind")}</p>
      <ol class="calibration-items">
        <For each={items()}>
          {(item, index) => {
            const entry = () => entries()[item.key];
            const prompt = `cal-item-${index()}`;
            return (
              <li>
                <fieldset class="audit-question" data-item={item.key}>
                  <legend class="audit-question__prompt" id={prompt}>
                    <span class="audit-question__number" aria-hidden="true">
                      {index() + 1}
                    </span>
                    <span>{localName(item.prompt)}</span>
                  </legend>
                  <Show when={localName(item.guidance)}>
                    <p class="audit-question__guidance">{localName(item.guidance)}</p>
                  </Show>
                  <ItemControl
                    item={item}
                    entry={entry()?.na ? undefined : entry()}
                    labelledBy={prompt}
                    disabled={readOnly() || Boolean(entry()?.na)}
                    onValue={(value) => set(item.key, value === undefined ? {} : { value })}
                  />
                  <Show when={item.naAllowed}>
                    <label class="audit-na">
                      <input
                        type="checkbox"
                        class="check__box"
                        checked={Boolean(entry()?.na)}
                        disabled={readOnly()}
                        onChange={(e) => set(item.key, e.currentTarget.checked ? { na: true } : {})}
                      />
                      <span>{tf("form.na")}</span>
                    </label>
                  </Show>
                </fieldset>
              </li>
            );
          }}
        </For>
      </ol>
      <div class="calibration-bar">
        <p class="calibration-bar__count">
          {tc("rate.answered", { answered: answered(), total: items().length })}
          <Show when={!readOnly() && missing() > 0}>
            <span class="calibration-muted"> · {tc("rate.missing", missing())}</span>
          </Show>
        </p>
        <FormError problem={form.formProblem()} fields={[]} />
        <FormSuccess message={saved()} />
        <Show
          when={!readOnly()}
          fallback={<p class="calibration-muted">{c().status === "open" ? tc("rate.submitted") : tc("rate.closed")}</p>}
        >
          <div class="calibration-bar__buttons">
            <SubmitButton
              type="button"
              variant="secondary"
              pending={form.pending()}
              label={tc("rate.save")}
              pendingLabel={tc("rate.saving")}
              onClick={() => void send(false)}
            />
            <SubmitButton
              type="button"
              pending={form.pending()}
              label={tc("rate.submit")}
              pendingLabel={tc("rate.submitting")}
              onClick={() => void send(true)}
            />
          </div>
        </Show>
      </div>
    </section>
  );
}

/** Head office's view of one calibration: who has submitted, closing, the way to the results. */
function Overview(props: { calibration: Calibration }) {
  const can = useAbilities();
  const c = () => props.calibration;
  const [confirming, setConfirming] = createSignal(false);
  const form = createFormState();
  async function close() {
    const done = await form.run(() =>
      call(api.calibrations[":id"].close.$post({ param: { id: c().id }, json: { version: c().version } })),
    );
    setConfirming(false);
    if (done) await revalidate(calibrationKeys);
  }
  return (
    <>
      <section class="card" aria-labelledby="cal-raters">
        <h2 class="card__title" id="cal-raters">
          {tc("admin.raters")}
        </h2>
        <ul class="calibration-raters">
          <For each={c().raters ?? []}>
            {(r) => (
              <li>
                <span class="calibration-raters__name">
                  {r.name}
                  <Show when={r.expert}>
                    {" "}
                    <Badge tone="accent">{tc("admin.expert")}</Badge>
                  </Show>
                </span>
                <span class="calibration-muted">
                  {r.submittedAt ? tc("admin.submittedAt", { at: formatDateTime(r.submittedAt) }) : tc("admin.waiting")}
                </span>
              </li>
            )}
          </For>
        </ul>
        <FormError problem={form.formProblem()} fields={[]} />
        <div class="form__actions">
          <Show when={c().status === "open" && can().createCalibrations}>
            <button type="button" class="button button--primary" onClick={() => setConfirming(true)}>
              {tc("admin.close")}
            </button>
          </Show>
          <Show when={c().status === "closed"}>
            <A class="button button--primary" href={`/calibrations/${c().id}/results`}>
              {tc("admin.results")}
            </A>
          </Show>
        </div>
      </section>
      <ConfirmDialog
        open={confirming()}
        title={tc("admin.closeTitle")}
        confirmLabel={tc("admin.close")}
        cancelLabel={tc("admin.keep")}
        pendingLabel={tc("admin.closing")}
        pending={form.pending()}
        onConfirm={() => void close()}
        onClose={() => setConfirming(false)}
      >
        <p>{tc("admin.closeBody")}</p>
      </ConfirmDialog>
    </>
  );
}

function CalibrationPage(props: { id: string }) {
  const can = useAbilities();
  const allowed = () => can().calibrations || can().rateCalibrations;
  const calibration = createAsync(() => (allowed() ? getCalibration(props.id) : Promise.resolve(undefined)));
  return (
    <Show when={allowed()} fallback={<NoAccess />}>
      <Show when={calibration()}>
        {(c) => (
          <>
            <PageHeader
              title={c().title}
              back={{ href: "/calibrations", label: tc("list.title") }}
              subtitle={`${localName(c().checklist.name)} · ${tc(`status.${c().status}`)}`}
              actions={
                <Show when={c().status === "closed" && c().mine}>
                  <A class="button button--secondary" href={`/calibrations/${c().id}/results`}>
                    {tc("rate.results")}
                  </A>
                </Show>
              }
            />
            <Material calibration={c()} />
            <Show when={c().mine} fallback={<Overview calibration={c()} />}>
              <RatingSheet calibration={c()} />
            </Show>
          </>
        )}
      </Show>
    </Show>
  );
}

/** Where an alpha lies on a −1..1 axis, as a share of the bar's width (0..100). */
const position = (value: number) => ((Math.max(-1, Math.min(1, value)) + 1) / 2) * 100;

/** One alpha as a bar from 0 with its interval as a whisker, and the reading in words. */
function AlphaBar(props: {
  label: string;
  alpha: number | null;
  low?: number | null;
  high?: number | null;
  reading: Reading;
}) {
  const zero = position(0);
  return (
    <div class={`alpha alpha--${props.reading}`}>
      <div class="alpha__label">
        <span>{props.label}</span>
        <strong class="alpha__reading">{tc(`results.reading.${props.reading}`)}</strong>
      </div>
      <div
        class="alpha__track"
        role="img"
        aria-label={`${props.label}: ${tc("results.alphaValue", {
          alpha: formatAlpha(props.alpha),
          low: formatAlpha(props.low),
          high: formatAlpha(props.high),
        })}, ${tc(`results.reading.${props.reading}`)}`}
      >
        <span class="alpha__mark alpha__mark--tentative" style={{ left: `${position(0.667)}%` }} />
        <span class="alpha__mark alpha__mark--reliable" style={{ left: `${position(0.8)}%` }} />
        <Show when={props.alpha !== null ? props.alpha : undefined}>
          {(a) => (
            <span
              class="alpha__bar"
              style={{
                left: `${Math.min(zero, position(a()))}%`,
                width: `${Math.abs(position(a()) - zero)}%`,
              }}
            />
          )}
        </Show>
        <Show when={props.low != null && props.high != null}>
          <span
            class="alpha__whisker"
            style={{
              left: `${position(props.low as number)}%`,
              width: `${position(props.high as number) - position(props.low as number)}%`,
            }}
          />
        </Show>
      </div>
      <p class="alpha__value">
        <Show when={props.low !== undefined} fallback={formatAlpha(props.alpha)}>
          {tc("results.alphaValue", {
            alpha: formatAlpha(props.alpha),
            low: formatAlpha(props.low),
            high: formatAlpha(props.high),
          })}
        </Show>
      </p>
    </div>
  );
}

/** A deviation 0..1 as a background: green when agreeing, red when far. */
const deviationColour = (d: number | null) =>
  d === null ? "transparent" : `hsl(${Math.round(140 - 140 * d)} 65% ${Math.round(88 - 18 * d)}%)`;

function ResultsView(props: { results: CalibrationResults; document: Calibration["document"] | undefined }) {
  const r = () => props.results;
  const defs = createMemo(() => new Map((props.document ? scoredItems(props.document) : []).map((i) => [i.key, i])));
  const raterLabel = (rater: CalibrationResults["raters"][number]) =>
    rater.you ? tc("results.you") : (rater.name ?? tc("results.rater", { n: rater.number }));
  return (
    <>
      <section class="card" aria-labelledby="cal-alphas">
        <h2 class="card__title" id="cal-alphas">
          {tc("results.alphas")}
        </h2>
        <p class="calibration-muted">{tc("results.alphaHelp")}</p>
        <p class="calibration-muted">{tc("results.rated", { rated: r().rated, invited: r().invited })}</p>
        <For each={r().alphas}>
          {(a) => (
            <AlphaBar
              label={tc(`results.level.${a.level}`)}
              alpha={a.alpha}
              low={a.low}
              high={a.high}
              reading={a.reading}
            />
          )}
        </For>
      </section>
      <section class="card" aria-labelledby="cal-items">
        <h2 class="card__title" id="cal-items">
          {tc("results.items")}
        </h2>
        <ol class="calibration-results">
          <For each={r().items}>
            {(item) => {
              const def = () => defs().get(item.key);
              const total = () => item.distribution.reduce((s, d) => s + d.count, 0) || 1;
              return (
                <li class="calibration-result">
                  <p class="calibration-result__prompt">{localName(item.prompt)}</p>
                  <ul class="distribution">
                    <For each={item.distribution}>
                      {(d) => (
                        <li class="distribution__row">
                          <span class="distribution__value">{answerText(def(), d.value)}</span>
                          <span class="distribution__track">
                            <span class="distribution__bar" style={{ width: `${(d.count / total()) * 100}%` }} />
                          </span>
                          <span class="distribution__count">{d.count}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                  <p class="calibration-muted">
                    <Show when={item.consensus !== null} fallback={tc("results.noConsensus")}>
                      {tc("results.consensus")}: {answerText(def(), item.consensus)} ·{" "}
                      {tc("results.agreeing", { share: formatShare(item.agreeing) })}
                    </Show>
                    <Show when={item.original}>
                      {(o) => (
                        <>
                          {" · "}
                          {tc("results.original")}: {answerText(def(), o().na ? "n/a" : o().value)}
                        </>
                      )}
                    </Show>
                  </p>
                </li>
              );
            }}
          </For>
        </ol>
      </section>
      <section class="card" aria-labelledby="cal-grid">
        <h2 class="card__title" id="cal-grid">
          {tc("results.deviation")}
        </h2>
        <p class="calibration-muted">{tc("results.deviationHelp")}</p>
        <div class="calibration-grid-wrap">
          <table class="calibration-grid">
            <thead>
              <tr>
                <th scope="col">{tc("results.item")}</th>
                <For each={r().raters}>
                  {(rater) => (
                    <th scope="col">
                      {raterLabel(rater)}
                      <Show when={rater.expert}>
                        <span class="calibration-muted"> ({tc("results.expert")})</span>
                      </Show>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={r().items}>
                {(item, i) => (
                  <tr>
                    <th scope="row" title={localName(item.prompt)}>
                      {i() + 1}. {localName(item.prompt)}
                    </th>
                    <For each={r().raters}>
                      {(rater) => {
                        const d = () => rater.items[item.key] ?? null;
                        return <td style={{ background: deviationColour(d()) }}>{formatDeviation(d())}</td>;
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{tc("results.mean")}</th>
                <For each={r().raters}>
                  {(rater) => (
                    <td style={{ background: deviationColour(rater.mean) }}>{formatDeviation(rater.mean)}</td>
                  )}
                </For>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}

function ResultsPage(props: { id: string }) {
  const can = useAbilities();
  const allowed = () => can().calibrations || can().rateCalibrations;
  const results = createAsync(() => (allowed() ? getCalibrationResults(props.id) : Promise.resolve(undefined)));
  // The checklist's options, to word choice answers.
  const calibration = createAsync(() => (allowed() ? getCalibration(props.id) : Promise.resolve(undefined)));
  return (
    <Show when={allowed()} fallback={<NoAccess />}>
      <Show when={results()}>
        {(r) => (
          <>
            <PageHeader
              title={`${tc("results.title")}: ${r().title}`}
              back={{ href: `/calibrations/${props.id}`, label: r().title }}
              subtitle={localName(r().checklist.name)}
              actions={
                <Show when={can().overseeCalibrations}>
                  <A class="button button--secondary" href={`/calibrations/by-item?checklistId=${r().checklist.id}`}>
                    {tc("list.byItem")}
                  </A>
                </Show>
              }
            />
            <ResultsView results={r()} document={calibration()?.document} />
          </>
        )}
      </Show>
    </Show>
  );
}

function ByItemPage() {
  const can = useAbilities();
  const [search] = useSearchParams();
  const checklistId = () => (typeof search.checklistId === "string" ? search.checklistId : "");
  const data = createAsync(() =>
    can().overseeCalibrations && checklistId() ? getAlphaByItem(checklistId()) : Promise.resolve(undefined),
  );
  const sorted = () =>
    [...(data()?.items ?? [])].sort(
      (a, b) => (a.alpha ?? Number.POSITIVE_INFINITY) - (b.alpha ?? Number.POSITIVE_INFINITY),
    );
  return (
    <Show when={can().overseeCalibrations} fallback={<NoAccess />}>
      <PageHeader
        title={tc("results.byItemTitle")}
        back={{ href: "/calibrations", label: tc("list.title") }}
        subtitle={data() ? tc("results.rounds", data()?.rounds ?? 0) : undefined}
      />
      <section class="card">
        <p class="calibration-muted">{tc("results.byItemIntro")}</p>
        <For each={sorted()}>
          {(item) => <AlphaBar label={localName(item.prompt)} alpha={item.alpha} reading={item.reading} />}
        </For>
      </section>
    </Show>
  );
}

/** `/calibrations`, `/calibrations/new`, `/calibrations/by-item`, `/calibrations/:id`, `/calibrations/:id/results`. */
export default function CalibrationPages(): JSX.Element {
  const params = useParams();
  const parts = () => (params.page ?? "").split("/").filter(Boolean);
  return (
    <Switch fallback={<CalibrationsPage />}>
      <Match when={parts()[0] === "new"}>
        <NewCalibrationPage />
      </Match>
      <Match when={parts()[0] === "by-item"}>
        <ByItemPage />
      </Match>
      <Match when={parts()[1] === "results" && parts()[0]}>{(id) => <ResultsPage id={id()} />}</Match>
      <Match when={parts().length === 1 && parts()[0]}>{(id) => <CalibrationPage id={id()} />}</Match>
    </Switch>
  );
}
