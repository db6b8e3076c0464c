/**
 * `/shoppers/reliability`: every shopper's reliability rating for head office (admins,
 * analysts), worst first; opening a row explains the rating line by line, like a score.
 * Reading it refreshes every shopper's cached rating (what a round's floor uses).
 */
import "./planning.css";
import "./reliability.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { SelectField } from "../../components/field";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { formatDateTime } from "../../lib/office-formats";
import { personName } from "../../lib/person-name";
import { paramIn } from "../../lib/search-params";
import { useAbilities } from "../../lib/session";
import { PlanningTabs } from "./components/planning-tabs";
import { RatingFigure, ReliabilityExplanation } from "./components/reliability-explanation";
import { tl } from "./reliability-i18n";
import {
  getReliabilityTable,
  RELIABILITY_SORTS,
  type ReliabilitySort,
  type ShopperReliability,
} from "./reliability-queries";
import { tr } from "./round-i18n";

const sortLabel = (sort: ReliabilitySort): string =>
  sort === "rating"
    ? tl("table.sortRating")
    : sort === "rating-desc"
      ? tl("table.sortRatingDesc")
      : sort === "name"
        ? tl("table.sortName")
        : tl("table.sortReports");

/** One shopper: a row with a button that opens the explanation in the row under it. */
function ShopperRow(props: { shopper: ShopperReliability }) {
  const [open, setOpen] = createSignal(false);
  const id = () => `reliability-${props.shopper.userId}`;
  return (
    <>
      <tr class="reliability-row" data-testid="reliability-row">
        <th scope="row">
          <button
            type="button"
            class="reliability-row__toggle"
            aria-expanded={open()}
            aria-controls={id()}
            aria-label={tl("table.show", { name: personName(props.shopper.name) })}
            onClick={() => setOpen((v) => !v)}
          >
            <span class="reliability-row__chevron" aria-hidden="true">
              {open() ? "▾" : "▸"}
            </span>
            <span>{personName(props.shopper.name)}</span>
          </button>
          <Show when={!props.shopper.active}>
            <span class="field__hint"> · {tl("table.inactive")}</span>
          </Show>
        </th>
        <td data-label={tl("table.rating")}>
          <RatingFigure rating={props.shopper.rating} provisional={props.shopper.provisional} />
        </td>
        <td data-label={tl("table.reports")}>{props.shopper.reports}</td>
      </tr>
      <Show when={open()}>
        <tr class="reliability-row__detail">
          <td colSpan={3}>
            <ReliabilityExplanation id={id()} lines={props.shopper.lines} />
            <Show when={props.shopper.rating !== null && props.shopper.provisional}>
              <p class="field__hint">{tl("rating.provisionalHint")}</p>
            </Show>
          </td>
        </tr>
      </Show>
    </>
  );
}

export default function ReliabilityPage() {
  const can = useAbilities();
  const [params, setParams] = useSearchParams();
  const sort = () => paramIn(params.sort, RELIABILITY_SORTS) ?? "rating";
  const table = createAsync(() => (can().rounds ? getReliabilityTable(sort()) : Promise.resolve(undefined)));
  return (
    <Show when={can().rounds} fallback={<NoAccess />}>
      <PageHeader title={tl("table.title")} subtitle={tl("table.subtitle")} />
      <PlanningTabs
        current="reliability"
        labels={{
          nav: tr("tabs.label"),
          visits: tr("tabs.visits"),
          rounds: tr("tabs.rounds"),
          reliability: tr("tabs.reliability"),
        }}
      />
      <section class="filters">
        <SelectField
          name="sort"
          label={tl("table.sort")}
          value={sort()}
          options={RELIABILITY_SORTS.map((value) => ({ value, label: sortLabel(value) }))}
          onChange={(v) => setParams({ sort: v === "rating" ? undefined : v })}
        />
      </section>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={table()}>
            {(t) => (
              <Show when={t().items.length > 0} fallback={<Empty>{tl("table.empty")}</Empty>}>
                <section class="card">
                  <div class="reliability-table__wrap">
                    <table class="reliability-table" data-testid="reliability-table">
                      <thead>
                        <tr>
                          <th scope="col">{tl("table.shopper")}</th>
                          <th scope="col">{tl("table.rating")}</th>
                          <th scope="col">{tl("table.reports")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={t().items}>{(shopper) => <ShopperRow shopper={shopper} />}</For>
                      </tbody>
                    </table>
                  </div>
                  <p class="field__hint">
                    {tl("table.ratedAt", { at: formatDateTime(t().ratedAt), days: t().windowDays })}
                  </p>
                </section>
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
