/**
 * A branch's corrective-action figures on its scorecard: open, overdue, closure rate within the
 * due date, median days to close and recurrence after closing (`GET /actions/figures?branchId=`),
 * with a link to the branch's actions. Loaded lazily by the scorecard page for readers of actions.
 */
import "../actions.css";
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { A } from "../../../components/link";
import { ErrorState, Loading } from "../../../components/states";
import { getActionFigures } from "../action-queries";
import { tx } from "../actions-i18n";
import { FigureStats } from "./action-parts";

export default function BranchActionFigures(props: { branchId: string }) {
  const rows = createAsync(() => getActionFigures("branch", { branchId: props.branchId }));
  return (
    <section class="card scorecard__block" aria-labelledby="branch-actions" data-testid="branch-actions">
      <div class="scorecard__items-head">
        <h2 class="section-title" id="branch-actions">
          {tx("figures.title")}
        </h2>
        <A class="no-print" href={`/actions?branchId=${encodeURIComponent(props.branchId)}`}>
          {tx("figures.seeAll")}
        </A>
      </div>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={rows()}>
            {(list) => <FigureStats row={list().find((r) => r.id === props.branchId) ?? list()[0]} />}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
