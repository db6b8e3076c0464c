/**
 * The full report of one published audit, for the branch's managers and head office: answers,
 * how the score was worked out, visit time and photos. The API leaves out who the shopper was
 * (and where their phone was) for managers; this page never asks.
 */
import "../checklists/checklists.css";
import "../planning/planning.css";
import "./scorecards.css";
import { useNavigate, useParams } from "@solidjs/router";
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading, NoAccess } from "../../components/states";
import { localName } from "../../lib/formats";
import { useAbilities } from "../../lib/session";
import { ReportDisputes } from "../disputes/components/report-disputes";
import { createReportReads } from "../planning/assignment-queries";
import { HistoryTimeline } from "../review/components/history";
import { AuditReport } from "./components/audit-report";
import { ts } from "./scorecard-i18n";

export default function ReportPage() {
  const params = useParams();
  const can = useAbilities();
  const navigate = useNavigate();
  const { audit, version, branch } = createReportReads(() => params.id ?? "");
  return (
    <Show when={can().scorecards} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={audit() && version() && branch()}>
            <PageHeader
              title={ts("report.title")}
              subtitle={`${branch()?.code ?? ""} ${localName(branch()?.name)}`}
              actions={
                <button class="button button--secondary no-print" type="button" onClick={() => navigate(-1)}>
                  {ts("report.back")}
                </button>
              }
            />
            <Show when={version()}>
              {(v) => (
                <ReportDisputes audit={audit() as NonNullable<ReturnType<typeof audit>>} document={v().document} />
              )}
            </Show>
            <section class="card report-card">
              <Show when={version()}>
                {(v) => (
                  <AuditReport
                    audit={audit() as NonNullable<ReturnType<typeof audit>>}
                    document={v().document}
                    timeZone={branch()?.timezone ?? "UTC"}
                  />
                )}
              </Show>
            </section>
            <HistoryTimeline auditId={params.id ?? ""} document={version()?.document} />
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
