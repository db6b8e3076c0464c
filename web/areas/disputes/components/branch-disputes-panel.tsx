/**
 * The branch scorecard's small panel of dispute figures (`GET /disputes/figures` for one
 * branch): disputes of its reports, disputes per report, the share upheld, days to decide.
 * Its own module so that it travels with the scorecard page alone.
 */
import "../disputes.css";
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { Loading } from "../../../components/states";
import { formatNumber } from "../../../lib/formats";
import { formatPercent } from "../../../lib/office-formats";
import { td } from "../disputes-i18n";
import { getDisputeFigures } from "../disputes-queries";

const days = (value: number | null) => (value === null ? "–" : formatNumber(value, 1));

/** The branch scorecard's small panel: that branch's dispute figures (nothing when it cannot be read). */
export function BranchDisputesPanel(props: { branchId: string; from?: string | undefined; to?: string | undefined }) {
  // The scorecard's period is in days; the figures are by month.
  const rows = createAsync(() =>
    getDisputeFigures({
      branchId: props.branchId,
      from: props.from?.slice(0, 7),
      to: props.to?.slice(0, 7),
    }),
  );
  const row = () => rows()?.find((r) => r.id === props.branchId) ?? rows()?.[0];
  return (
    <ErrorBoundary fallback={() => null}>
      <Suspense fallback={<Loading />}>
        <section class="card scorecard__block dispute-panel no-print" aria-labelledby="dispute-panel-title">
          <h2 class="section-title" id="dispute-panel-title">
            {td("figures.panelTitle")}
          </h2>
          <Show when={row()} fallback={<p class="empty">{td("figures.none")}</p>}>
            {(r) => (
              <dl class="dispute-panel__figures" data-testid="branch-dispute-figures">
                <div>
                  <dt>{td("figures.disputes")}</dt>
                  <dd>{`${r().disputes} / ${r().reports}`}</dd>
                </div>
                <div>
                  <dt>{td("figures.rate")}</dt>
                  <dd>{formatPercent(r().rate)}</dd>
                </div>
                <div>
                  <dt>{td("figures.upheldRate")}</dt>
                  <dd>{formatPercent(r().upheldRate)}</dd>
                </div>
                <div>
                  <dt>{td("figures.days")}</dt>
                  <dd>{days(r().medianDaysToDecide)}</dd>
                </div>
              </dl>
            )}
          </Show>
        </section>
      </Suspense>
    </ErrorBoundary>
  );
}
