/**
 * The audits behind a figure: a heatmap cell or a failed item (published audits only, newest
 * first, never who the shopper was). Each opens the full report.
 */
import "./scorecards.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { ErrorBoundary, For, Show, Suspense } from "solid-js";
import { Badge } from "../../components/badge";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { localName } from "../../lib/formats";
import { formatDateTime, formatScore } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { useScorecardFilter } from "./components/filters";
import { ts } from "./scorecard-i18n";
import { auditsBehind, getAuditsBehind } from "./scorecard-queries";

export default function ScorecardAudits() {
  const can = useAbilities();
  const [params] = useSearchParams();
  const { filter } = useScorecardFilter();
  const behind = () => auditsBehind(params);
  const list = createAsync(() => getAuditsBehind(filter(), behind()));
  return (
    <Show when={can().scorecards} fallback={<NoAccess />}>
      <PageHeader
        title={ts("audits.title")}
        subtitle={list()?.item ? localName(list()?.item?.prompt) : undefined}
        back={{ href: "/scorecards", label: ts("nav.scorecards") }}
      />
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={list()}>
            {(l) => (
              <Show when={l().audits.length} fallback={<Empty>{ts("audits.none")}</Empty>}>
                <div class="table-scroll card">
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{ts("audits.visit")}</th>
                        <th scope="col">{ts("audits.branch")}</th>
                        <th scope="col" class="num">
                          {ts("figures.score")}
                        </th>
                        <Show when={behind().itemKey}>
                          <th scope="col">{ts("audits.outcome")}</th>
                        </Show>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={l().audits}>
                        {(audit) => (
                          <tr>
                            <td>
                              <A href={`/reports/${audit.id}`}>{formatDateTime(audit.visitStartedAt)}</A>
                              <span class="figure__n"> · {ts(`audits.contact.${audit.contact}`)}</span>
                            </td>
                            <td>{audit.branch ? `${audit.branch.code} ${localName(audit.branch.name)}` : "–"}</td>
                            <td class="num">
                              {formatScore(audit.score)}
                              <Show when={audit.criticalFailed}>
                                {" "}
                                <Badge tone="danger">{ts("report.criticalFailed")}</Badge>
                              </Show>
                            </td>
                            <Show when={behind().itemKey}>
                              <td>
                                <Show when={audit.itemOutcome}>
                                  {(outcome) => ts(`audits.outcomes.${outcome() as "fail"}`)}
                                </Show>
                              </td>
                            </Show>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <Show when={l().truncated}>
                  <p class="figure__n">{ts("audits.truncated")}</p>
                </Show>
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
