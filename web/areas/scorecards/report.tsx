/**
 * The full report of one published audit, for the branch's managers and head office: answers,
 * how the score was worked out, visit time and photos. The API leaves out who the shopper was
 * (and where their phone was) for managers; this page never asks.
 */
import "../checklists/checklists.css";
import "../planning/planning.css";
import "./scorecards.css";
import { useNavigate, useParams } from "@solidjs/router";
import { ErrorBoundary, lazy, Show, Suspense } from "solid-js";
import type { ScoreResult } from "../../../worker/domain/scoring";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { localName } from "../../lib/formats";
import { useAbilities } from "../../lib/session";
import { ReportDisputes } from "../disputes/components/report-disputes";
import { createReportReads } from "../planning/assignment-queries";
import { HistoryTimeline } from "../review/components/history";
import { AuditReport } from "./components/audit-report";
import { ts } from "./scorecard-i18n";

/** "Create action" under a failed item: its own chunk and strings, for those who may write actions. */
const CreateAction = lazy(() => import("../actions/components/create-action"));
/** The actions this report started, for those who see actions (the same chunk family, lazy). */
const ReportActions = lazy(() => import("../actions/components/report-actions"));

export default function ReportPage() {
  const params = useParams();
  const can = useAbilities();
  const navigate = useNavigate();
  const { audit, version, branch } = createReportReads(() => params.id ?? "");
  // A published report's items that lost points can each start a corrective action.
  const actionable = () => can().writeActions && audit()?.status === "published";
  const actionFor = (key: string, document: Parameters<typeof AuditReport>[0]["document"]) => {
    const result = audit()?.result as ScoreResult | undefined;
    const lost = result?.sections.some((s) =>
      s.items.some((i) => i.key === key && i.counted && i.ratio !== null && i.ratio < 1),
    );
    return lost && result ? (
      <Suspense>
        <CreateAction auditId={params.id ?? ""} itemKey={key} result={result} document={document} />
      </Suspense>
    ) : null;
  };
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
                    itemExtra={actionable() ? (key) => actionFor(key, v().document) : undefined}
                  />
                )}
              </Show>
            </section>
            <Show when={can().actions}>
              <Suspense>
                <ReportActions auditId={params.id ?? ""} />
              </Suspense>
            </Show>
            <HistoryTimeline auditId={params.id ?? ""} document={version()?.document} />
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
