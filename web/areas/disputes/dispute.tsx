/**
 * `/disputes/:id`: one dispute beside its report. For a reviewer or admin while it is open, the
 * decision: per disputed item an outcome (upheld / not applicable / overturned) with a required
 * reason, an optional outcome for the whole report (void / reshop, each confirmed in a dialog),
 * the impact (score before → after, worked out here with the one scoring rule and the rulings the
 * outcomes write, `worker/domain/scoring.ts` + `disputes.ts`), then send with the `version`.
 * Blind: the page never shows who raised it (the API does not send it to arbiters). Everyone
 * else who may read it (the branch's managers) sees it read-only with its outcomes.
 */
import "../checklists/checklists.css";
import "../planning/planning.css";
import "../scorecards/scorecards.css";
import "./disputes.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { createStore } from "solid-js/store";
import { ITEM_OUTCOMES, REPORT_OUTCOMES } from "../../../schema/enums";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { countsAfterDecision } from "../../../worker/domain/disputes";
import type { ScoreResult } from "../../../worker/domain/scoring";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { isProblem } from "../../lib/api";
import { localName } from "../../lib/formats";
import { formatScore } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { getChecklistVersion } from "../checklists/checklist-queries";
import { getBranch } from "../organisation/queries";
import { type Audit, getAudit } from "../planning/assignment-queries";
import { AuditReport } from "../scorecards/components/audit-report";
import { DisputeCard } from "./components/dispute-outcomes";
import { focusFirstError } from "./components/focus-error";
import {
  answerValue,
  itemLabel,
  itemOf,
  lostPointsText,
  REASON_MAX,
  resultOf,
  scoringAnswers,
} from "./components/item-text";
import { disputeProblemText, td } from "./disputes-i18n";
import {
  type Dispute,
  disputeActions,
  getDispute,
  getDisputeFigures,
  getDisputes,
  type ItemDecision,
  type ReportOutcome,
} from "./disputes-queries";
import { scoreAfter } from "./impact";

interface Choice {
  outcome: ItemDecision | "";
  reason: string;
}

function ImpactLine(props: { before: number | null; after: number | null; counts: boolean }) {
  return (
    <section class="dispute-impact" aria-labelledby="dispute-impact-title">
      <h3 class="dispute-impact__title" id="dispute-impact-title">
        {td("decide.impact")}
      </h3>
      <p class="dispute-impact__line" data-testid="dispute-impact">
        <span>{td("decide.score")}</span> <span>{formatScore(props.before)}</span>
        <span aria-hidden="true"> → </span>
        <strong>{props.counts ? formatScore(props.after) : td("decide.countsNowhere")}</strong>
      </p>
      <p class="field__hint">{td("decide.impactHint")}</p>
    </section>
  );
}

function DecisionForm(props: {
  dispute: Dispute;
  audit: Audit;
  document: ChecklistDocument;
  onDone: () => Promise<unknown>;
}) {
  const [choices, setChoices] = createStore<Record<string, Choice>>(
    Object.fromEntries(props.dispute.items.map((i) => [i.itemKey, { outcome: "", reason: "" }])),
  );
  const [report, setReport] = createSignal<ReportOutcome | "">("");
  const [tried, setTried] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [stale, setStale] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [serverErrors, setServerErrors] = createSignal<Record<string, string | undefined>>({});

  const chosen = () =>
    props.dispute.items.flatMap((i) => {
      const outcome = choices[i.itemKey]?.outcome;
      return outcome ? [{ itemKey: i.itemKey, outcome }] : [];
    });
  const after = createMemo(() => scoreAfter(props.audit, props.document, chosen()));
  const counts = () => countsAfterDecision(report() || null);
  const missingOutcome = (key: string) => tried() && !choices[key]?.outcome;
  const reasonError = (key: string) => {
    const text = choices[key]?.reason.trim() ?? "";
    const fromServer = serverErrors()[key];
    if (fromServer) return fromServer;
    if (!tried()) return undefined;
    if (!text) return td("decide.reasonRequired");
    if (text.length > REASON_MAX) return td("raise.reasonTooLong");
    return undefined;
  };
  const valid = () =>
    props.dispute.items.every((i) => !!choices[i.itemKey]?.outcome && !!choices[i.itemKey]?.reason.trim());

  function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    setError(undefined);
    if (!valid()) {
      focusFirstError(event.currentTarget as HTMLFormElement);
      return;
    }
    if (report()) setConfirming(true);
    else void send();
  }

  async function send() {
    setBusy(true);
    setError(undefined);
    setServerErrors({});
    const items = props.dispute.items.map((i) => ({
      itemKey: i.itemKey,
      outcome: choices[i.itemKey]?.outcome as ItemDecision,
      reason: choices[i.itemKey]?.reason.trim() ?? "",
    }));
    const outcome = report();
    try {
      await disputeActions.decide(props.dispute.id, {
        version: props.dispute.version,
        items,
        ...(outcome ? { report: outcome } : {}),
      });
      setConfirming(false);
      await props.onDone();
    } catch (e) {
      setConfirming(false);
      if (isProblem(e) && e.code === "stale_version") setStale(true);
      else {
        if (isProblem(e)) {
          for (const problem of e.errors) {
            const match = /^items\[(\d+)\]\.reason/.exec(problem.path);
            const key = match ? items[Number(match[1])]?.itemKey : undefined;
            if (key) {
              const text = problem.code === "too_big" ? td("raise.reasonTooLong") : td("decide.reasonRequired");
              setServerErrors((all) => ({ ...all, [key]: text }));
            }
          }
        }
        setError(disputeProblemText(e));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card decision-form" onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h2 class="section-title" id="decision-title">
        {td("decide.disputed")}
      </h2>
      <p class="field__hint">{td("decide.blind")}</p>
      <ol class="decision-items">
        <For each={props.dispute.items}>
          {(item) => {
            const doc = () => props.document;
            const answer = () => scoringAnswers(props.audit).find((a) => a.item === item.itemKey);
            const result = () => resultOf(props.audit.result as ScoreResult, item.itemKey);
            // What the shopper wrote and photographed for this item, from the report already loaded.
            const given = () => props.audit.answers.find((a) => a.item === item.itemKey);
            const photos = () => given()?.evidence ?? [];
            const name = `outcome-${item.itemKey}`;
            return (
              <li class="decision-item" data-item={item.itemKey}>
                <h3 class="decision-item__label">{itemLabel(doc(), item.itemKey)}</h3>
                <dl class="raise-item__facts">
                  <div>
                    <dt>{td("raise.answer")}</dt>
                    <dd>{answerValue(itemOf(doc(), item.itemKey), answer())}</dd>
                  </div>
                  <div>
                    <dt>{td("raise.why")}</dt>
                    <dd>{lostPointsText(itemOf(doc(), item.itemKey), result())}</dd>
                  </div>
                  <div data-testid="shopper-comment">
                    <dt>{td("decide.shopperComment")}</dt>
                    <dd class="dispute-item__text">{given()?.comment || td("decide.noComment")}</dd>
                  </div>
                  <Show when={photos().length > 0}>
                    <div>
                      <dt>{td("decide.shopperPhotos", photos().length)}</dt>
                      <dd>
                        <ul class="decision-item__photos">
                          <For each={photos()}>
                            {(photo, i) => (
                              <li>
                                <a class="dispute-item__photo" href={photo.url} target="_blank" rel="noopener">
                                  <img
                                    src={photo.url}
                                    alt={td("decide.shopperPhoto", { number: i() + 1 })}
                                    loading="lazy"
                                    decoding="async"
                                    width="96"
                                    height="96"
                                  />
                                </a>
                              </li>
                            )}
                          </For>
                        </ul>
                      </dd>
                    </div>
                  </Show>
                  <div>
                    <dt>{td("report.branchReason")}</dt>
                    <dd class="dispute-item__text">{item.reason}</dd>
                  </div>
                </dl>
                <Show when={item.evidence}>
                  {(photo) => (
                    <a class="dispute-item__photo" href={photo().url} target="_blank" rel="noopener">
                      <img src={photo().url} alt={td("report.photo")} loading="lazy" width="160" height="160" />
                    </a>
                  )}
                </Show>
                <fieldset class="decision-outcomes" classList={{ "field--invalid": missingOutcome(item.itemKey) }}>
                  <legend class="field__label">{td("decide.outcome")}</legend>
                  <For each={ITEM_OUTCOMES}>
                    {(outcome) => (
                      <label class="decision-choice">
                        <input
                          type="radio"
                          name={name}
                          value={outcome}
                          checked={choices[item.itemKey]?.outcome === outcome}
                          disabled={busy()}
                          onChange={() => setChoices(item.itemKey, "outcome", outcome)}
                        />
                        <span>
                          <span class="decision-choice__title">{td(`outcomes.${outcome}`)}</span>
                          <span class="decision-choice__hint">{td(`outcomeHints.${outcome}`)}</span>
                        </span>
                      </label>
                    )}
                  </For>
                  <div class="field__error" aria-live="polite">
                    <Show when={missingOutcome(item.itemKey)}>
                      <p>{td("decide.outcomeRequired")}</p>
                    </Show>
                  </div>
                </fieldset>
                <div class="field" classList={{ "field--invalid": !!reasonError(item.itemKey) }}>
                  <label class="field__label" for={`reason-${item.itemKey}`}>
                    {td("decide.reason")}
                  </label>
                  <textarea
                    class="input textarea"
                    id={`reason-${item.itemKey}`}
                    rows="2"
                    maxLength={REASON_MAX}
                    value={choices[item.itemKey]?.reason ?? ""}
                    disabled={busy()}
                    aria-invalid={reasonError(item.itemKey) ? "true" : undefined}
                    aria-describedby={`reason-${item.itemKey}-hint reason-${item.itemKey}-error`}
                    onInput={(e) => {
                      setChoices(item.itemKey, "reason", e.currentTarget.value);
                      setServerErrors((all) => ({ ...all, [item.itemKey]: undefined }));
                    }}
                  />
                  <p class="field__hint" id={`reason-${item.itemKey}-hint`}>
                    {td("decide.reasonHint")}
                  </p>
                  <div class="field__error" id={`reason-${item.itemKey}-error`} aria-live="polite">
                    <Show when={reasonError(item.itemKey)}>{(text) => <p>{text()}</p>}</Show>
                  </div>
                </div>
              </li>
            );
          }}
        </For>
      </ol>
      <fieldset class="decision-outcomes decision-report">
        <legend class="field__label">{td("decide.reportOutcome")}</legend>
        <For each={["", ...REPORT_OUTCOMES] as const}>
          {(outcome) => (
            <label class="decision-choice">
              <input
                type="radio"
                name="report-outcome"
                value={outcome}
                checked={report() === outcome}
                disabled={busy()}
                onChange={() => setReport(outcome)}
              />
              <span>
                <span class="decision-choice__title">{outcome ? td(`decide.${outcome}`) : td("decide.keep")}</span>
                <span class="decision-choice__hint">{td(`reportOutcomeHints.${outcome || "none"}`)}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <ImpactLine before={props.audit.score} after={after()} counts={counts()} />
      <div aria-live="polite">
        <Show when={stale()}>
          <div class="notice dispute-notice--warning" role="alert">
            <p>{td("errors.stale_version")}</p>
            <button
              type="button"
              class="button button--secondary"
              onClick={async () => {
                setStale(false);
                await revalidate([getDispute.key, getAudit.key]);
              }}
            >
              {td("decide.reload")}
            </button>
          </div>
        </Show>
        <Show when={error()}>
          <p class="notice notice--error" role="alert" data-testid="decision-error">
            {error()}
          </p>
        </Show>
      </div>
      <div class="decision-form__actions">
        <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy() ? "true" : undefined}>
          {busy() ? td("decide.sending") : td("decide.send")}
        </button>
      </div>
      <ConfirmDialog
        open={confirming()}
        title={report() === "reshop" ? td("decide.confirmReshopTitle") : td("decide.confirmVoidTitle")}
        confirmLabel={td("decide.confirm")}
        pendingLabel={td("decide.sending")}
        pending={busy()}
        tone="danger"
        onConfirm={() => void send()}
        onClose={() => setConfirming(false)}
      >
        <p>{report() === "reshop" ? td("decide.confirmReshop") : td("decide.confirmVoid")}</p>
      </ConfirmDialog>
    </form>
  );
}

export default function DisputePage() {
  const params = useParams();
  const can = useAbilities();
  const dispute = createAsync(() => (can().disputes ? getDispute(params.id ?? "") : Promise.resolve(undefined)));
  const audit = createAsync(async () => {
    const d = dispute();
    return d ? getAudit(d.auditId) : undefined;
  });
  const version = createAsync(async () => {
    const a = audit();
    return a ? getChecklistVersion(a.checklistVersionId) : undefined;
  });
  const branch = createAsync(async () => {
    const a = audit();
    return a ? getBranch(a.branchId) : undefined;
  });
  const [done, setDone] = createSignal(false);
  const refresh = async () => {
    await revalidate([getDispute.key, getDisputes.key, getAudit.key, getDisputeFigures.key]);
    setDone(true);
  };
  return (
    <Show when={can().disputes} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={dispute() && audit() && version()}>
            <PageHeader
              title={dispute()?.arbitration?.mayDecide ? td("decide.title") : td("report.title")}
              back={{ href: "/disputes", label: td("decide.back") }}
              subtitle={`${dispute()?.branch.code ?? ""} ${localName(dispute()?.branch.name)} · ${localName(dispute()?.checklist.name)}`}
            />
            <Show when={done()}>
              <p class="notice notice--success" role="status">
                {td("decide.done")}
              </p>
            </Show>
            <div class="decision-layout">
              <div class="decision-side">
                {/* The report's own reviewer learns it before filling anything in. */}
                <Show when={dispute()?.status === "open" && dispute()?.arbitration?.conflictOfInterest}>
                  <p class="notice notice--warning" role="status">
                    {td("errors.conflict_of_interest")}
                  </p>
                </Show>
                <Show
                  when={dispute()?.arbitration?.mayDecide}
                  fallback={
                    <section class="card" aria-label={td("decide.decidedTitle")}>
                      <DisputeCard dispute={dispute() as Dispute} document={version()?.document} />
                      <Show when={dispute()?.reshopAssignmentId}>
                        {(id) => (
                          <A class="button button--secondary" href={`/assignments/${id()}`}>
                            {td("decide.reshopPlanned")}
                          </A>
                        )}
                      </Show>
                    </section>
                  }
                >
                  <DecisionForm
                    dispute={dispute() as Dispute}
                    audit={audit() as Audit}
                    document={version()?.document as ChecklistDocument}
                    onDone={refresh}
                  />
                </Show>
              </div>
              <section class="card report-card decision-report-card" aria-label={td("decide.report")}>
                <div class="decision-report-card__head">
                  <h2 class="section-title">{td("decide.report")}</h2>
                  <Show when={can().scorecards}>
                    <A href={`/reports/${dispute()?.auditId}`}>{td("decide.openReport")}</A>
                  </Show>
                </div>
                <AuditReport
                  audit={audit() as Audit}
                  document={version()?.document as ChecklistDocument}
                  timeZone={branch()?.timezone ?? "UTC"}
                />
              </section>
            </div>
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
