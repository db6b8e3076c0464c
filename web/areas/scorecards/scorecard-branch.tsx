/**
 * A branch's scorecard, for its manager on a phone and for head office: the period score with
 * its interval and trend beside the organisation's, section scores, every item's pass rate next
 * to the organisation's, worst first (scales.ts `worstFirst`), and for an item that failed at
 * least once the audits where it failed (each opening the full report). Prints on one page.
 */
import "./scorecards.css";
import "./scorecard-branch.css";
import { createAsync, useParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, lazy, Show, Suspense } from "solid-js";
import { Badge } from "../../components/badge";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { useAbilities } from "../../lib/session";
import { BranchDisputesPanel } from "../disputes/components/branch-disputes-panel";
import { formatChange, RateValue, ScoreValue } from "./components/figures";
import { ScorecardFilters, useScorecardFilter } from "./components/filters";
import { TrendChart } from "./components/trend-chart";
import { worstFirst } from "./scales";
import { ts } from "./scorecard-i18n";
import {
  type BranchScorecard,
  exportHref,
  filterQuery,
  getAuditsBehind,
  getBranchScorecard,
  type ScorecardFilter,
} from "./scorecard-queries";
import "../../styles/lists.css";
import { localName } from "../../lib/formats";
import { formatDate, formatDateTime, formatPercent, formatScore, monthLabel } from "../../lib/office-formats";

type Item = BranchScorecard["items"][number];

/** The branch's corrective-action figures: their own chunk and strings, for readers of actions. */
const ActionFigures = lazy(() => import("../actions/components/branch-figures"));

/** The audits page's address for every audit of the branch in the period on screen. */
function allAuditsQuery(filter: ScorecardFilter, branchId: string): string {
  return new URLSearchParams({ ...filterQuery(filter), branchId }).toString();
}

export default function BranchScorecardPage() {
  const params = useParams();
  const can = useAbilities();
  const { filter } = useScorecardFilter();
  const card = createAsync(() => getBranchScorecard(params.id ?? "", filter()));
  return (
    <Show when={can().scorecards} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={card()}>{(c) => <Scorecard card={c()} filter={filter()} />}</Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}

function Scorecard(props: { card: BranchScorecard; filter: ScorecardFilter }) {
  const can = useAbilities();
  const [failedOnly, setFailedOnly] = createSignal(false);
  const items = createMemo(() => worstFirst(props.card.items.filter((i) => !failedOnly() || i.failed)));
  const failedCount = () => props.card.items.filter((i) => i.failed).length;
  return (
    <article class="scorecard scorecards-wide">
      <PageHeader
        title={`${localName(props.card.branch.name)} · ${props.card.branch.code}`}
        subtitle={`${ts("branch.title")} · ${localName(props.card.branch.region.name)}`}
        back={can().analytics ? { href: "/scorecards", label: ts("nav.scorecards") } : undefined}
        actions={
          <div class="scorecard__actions no-print">
            <button class="button button--secondary" type="button" onClick={() => window.print()}>
              {ts("branch.print")}
            </button>
            <a
              class="button button--secondary"
              href={exportHref("audits", { ...props.filter, branchId: props.card.branch.id })}
              download=""
            >
              {ts("branch.exportCsv")}
            </a>
          </div>
        }
      />
      <ScorecardFilters checklists={props.card.checklists} period={props.card.period} />
      <p class="print-only scorecard__printed">
        {ts("filters.wholeMonths", {
          from: monthLabel(props.card.period.fromMonth),
          to: monthLabel(props.card.period.toMonth),
        })}{" "}
        {ts("branch.printedAt", { date: formatDate(new Date().toISOString()) })}
      </p>

      <section class="scorecard__summary" aria-label={ts("branch.periodScore")}>
        <div class="card stat">
          <h2 class="stat__label">{ts("branch.periodScore")}</h2>
          <ScoreValue score={props.card.score} />
          <p class="stat__line">
            {ts("figures.change")}: <strong>{formatChange(props.card.change)}</strong> {ts("figures.changeSince")}
          </p>
          <p class="stat__line">
            {ts("figures.organizationAverage")}: <strong>{formatScore(props.card.organization.mean)}</strong>
          </p>
        </div>
        <div class="card stat">
          <h2 class="stat__label">{ts("figures.critical")}</h2>
          <p class="stat__value">
            {ts("figures.criticalRate", { count: props.card.score.criticalFailed, audits: props.card.score.audits })}
          </p>
        </div>
        <div class="card stat">
          <h2 class="stat__label">{ts("branch.latestAudit")}</h2>
          <Show when={props.card.latestAudit} fallback={<p>{ts("branch.noLatest")}</p>}>
            {(latest) => (
              <>
                <p class="stat__value">{formatScore(latest().score)}</p>
                <p class="stat__line">
                  {formatDateTime(latest().visitStartedAt)} · {ts(`audits.contact.${latest().contact}`)}
                  <Show when={latest().criticalFailed}>
                    {" "}
                    <Badge tone="danger">{ts("report.criticalFailed")}</Badge>
                  </Show>
                </p>
                <A class="no-print" href={`/reports/${latest().id}`}>
                  {ts("branch.openReport")}
                </A>
                <A class="no-print" href={`/scorecards/audits?${allAuditsQuery(props.filter, props.card.branch.id)}`}>
                  {ts("branch.allAudits", props.card.score.audits)}
                </A>
              </>
            )}
          </Show>
        </div>
      </section>

      <Show when={can().actions}>
        <Suspense>
          <ActionFigures branchId={props.card.branch.id} />
        </Suspense>
      </Show>

      <TrendChart
        title={ts("branch.trend")}
        months={props.card.trend.map((p) => p.month)}
        partial={{ month: props.card.period.partialMonth, asOf: props.card.period.asOf }}
        unit="points"
        format={formatScore}
        series={[
          { label: props.card.branch.code, values: props.card.trend.map((p) => p.branch.mean), colour: "#1f6feb" },
          {
            label: ts("figures.organizationAverage"),
            values: props.card.trend.map((p) => p.organization.mean),
            colour: "#8b949e",
            dashed: true,
          },
        ]}
      />

      <Show when={props.card.sections.length}>
        <section class="card scorecard__block scorecard__sections">
          <h2 class="section-title">{ts("branch.sections")}</h2>
          <div class="table-scroll">
            <table class="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{ts("branch.section")}</th>
                  <th scope="col" class="num">
                    {props.card.branch.code}
                  </th>
                  <th scope="col" class="num">
                    {ts("figures.organization")}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={props.card.sections}>
                  {(s) => (
                    <tr
                      classList={{
                        "row--below": s.mean !== null && s.organization !== null && s.mean < s.organization,
                      }}
                    >
                      <th scope="row">{localName(s.title)}</th>
                      <td class="num">{formatPercent(s.mean === null ? null : s.mean / 100)}</td>
                      <td class="num">{formatPercent(s.organization === null ? null : s.organization / 100)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </section>
      </Show>

      <section class="card scorecard__block">
        <div class="scorecard__items-head">
          <h2 class="section-title">{ts("branch.items")}</h2>
          <label class="checkbox scorecard__toggle no-print">
            <input
              type="checkbox"
              checked={failedOnly()}
              aria-describedby="items-meaning"
              onChange={(e) => setFailedOnly(e.currentTarget.checked)}
            />
            {ts("branch.failedOnly")} ({failedCount()})
          </label>
        </div>
        <p class="scorecards__hint no-print" id="items-meaning">
          {ts("branch.failedMeaning")}
        </p>
        <p class="print-only scorecard__printed">
          {ts("figures.passRate")} · {ts("figures.organization")}
        </p>
        <Show when={items().length} fallback={<p>{ts("branch.noItems")}</p>}>
          <ul class="scorecard-items">
            <For each={items()}>
              {(item) => <ItemRow item={item} branchId={props.card.branch.id} filter={props.filter} />}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={can().disputes}>
        <BranchDisputesPanel branchId={props.card.branch.id} from={props.filter.from} to={props.filter.to} />
      </Show>
    </article>
  );
}

function ItemRow(props: { item: Item; branchId: string; filter: ScorecardFilter }) {
  const [open, setOpen] = createSignal(false);
  const id = () => `audits-${props.item.id.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <li class="scorecard-item" classList={{ "scorecard-item--failed": props.item.failed }}>
      <div class="scorecard-item__main">
        <p class="scorecard-item__prompt">
          {localName(props.item.prompt)}
          <Show when={props.item.critical}>
            {" "}
            <Badge tone="warning">{ts("branch.critical")}</Badge>
          </Show>
        </p>
        <Show when={props.item.section}>
          {(section) => <p class="scorecard-item__section">{localName(section().title)}</p>}
        </Show>
        <div class="scorecard-item__figures">
          <span>
            <span class="scorecard-item__label">{ts("figures.passRate")}</span>
            <RateValue rate={props.item.branch} />
          </span>
          <span>
            <span class="scorecard-item__label">{ts("figures.organization")}</span>
            <RateValue rate={props.item.organization} compact />
          </span>
        </div>
        <p class="scorecard-item__flags">
          <Show when={props.item.failed}>
            <Badge tone="danger">{ts("branch.failedCount", props.item.branch.fails)}</Badge>{" "}
          </Show>
          <Show when={props.item.belowOrganization}>
            <Badge tone="warning">{ts("branch.belowOrganization")}</Badge>
          </Show>
        </p>
      </div>
      <Show when={props.item.failed}>
        <button
          class="button button--secondary button--small no-print"
          type="button"
          aria-expanded={open()}
          aria-controls={id()}
          onClick={() => setOpen(!open())}
        >
          {open() ? ts("branch.hideAudits") : ts("branch.showAudits")}
        </button>
        <Show when={open()}>
          <div id={id()} class="scorecard-item__audits">
            <FailedAudits branchId={props.branchId} item={props.item} filter={props.filter} />
          </div>
        </Show>
      </Show>
    </li>
  );
}

function FailedAudits(props: { branchId: string; item: Item; filter: ScorecardFilter }) {
  const behind = createAsync(() =>
    getAuditsBehind(
      { ...props.filter, checklistId: props.item.checklistId },
      { branchId: props.branchId, itemKey: props.item.key, outcome: "fail" },
    ),
  );
  return (
    <ErrorBoundary fallback={(error) => <ErrorState error={error} />}>
      <Suspense fallback={<Loading />}>
        <Show when={behind()}>
          {(b) => (
            <Show when={b().audits.length} fallback={<p>{ts("audits.none")}</p>}>
              <ul class="audit-links">
                <For each={b().audits}>
                  {(audit) => (
                    <li>
                      <A href={`/reports/${audit.id}`}>
                        {formatDateTime(audit.visitStartedAt)} · {formatScore(audit.score)}
                      </A>{" "}
                      <Badge tone={audit.itemOutcome === "partial" ? "warning" : "danger"}>
                        {ts(`audits.outcomes.${(audit.itemOutcome ?? "fail") as "fail"}`)}
                      </Badge>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
}
