/**
 * The report a shopper sent, to read back: when and how the visit went, every answer with
 * its comment and photos, and the score once the report is published (the head-office report
 * view, `AuditReport`, read-only). A lazy route with its own strings: never in the first download.
 * The report comes from the server (`GET /audits/:id`); offline the page says so.
 */
import "../planning/planning.css";
import "./visits.css";
import { Navigate, useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { DisputeOutcomes, VoidedNotice } from "../disputes/components/dispute-outcomes";
import type { Audit } from "../planning/assignment-queries";
import { AuditReport } from "../scorecards/components/audit-report";
import { tfin } from "./finished-i18n";
import { isNetworkError, loadAssignment, loadVersion } from "./visits-data";

/** A published report shows its score; so does one voided on dispute (it says it counts nowhere). */
const scored = (audit: Audit) => audit.status === "published" || audit.status === "voided";

type Loaded = { audit: Audit } | { problem: "offline" | "failed" };

async function loadReport(id: string): Promise<Loaded> {
  try {
    return { audit: await call(api.audits[":id"].$get({ param: { id } })) };
  } catch (error) {
    return { problem: isNetworkError(error) ? "offline" : "failed" };
  }
}

export default function SentReport() {
  const params = useParams<{ assignmentId: string }>();
  const [assignment] = createResource(() => params.assignmentId, loadAssignment);
  const [report] = createResource(() => assignment()?.value.audit?.id, loadReport);
  const [doc] = createResource(
    () => assignment()?.value.checklist.versionId,
    (id) => loadVersion(id).catch(() => null),
  );
  const briefing = () => `/visits/${params.assignmentId}`;
  const audit = () => {
    const r = report();
    return r && "audit" in r ? r.audit : undefined;
  };
  // Without its checklist (never fetched, and offline) the answers cannot be laid out either.
  const problem = () => {
    const r = report();
    return r && "problem" in r ? r.problem : doc() === null ? "failed" : undefined;
  };

  return (
    <Show when={assignment()}>
      {(loaded) => (
        <Show when={loaded().value.audit} fallback={<Navigate href={briefing()} />}>
          <div class="visits sent-report">
            <PageHeader
              title={tfin("report.title")}
              subtitle={localName(loaded().value.branch.name)}
              back={{ href: briefing(), label: tfin("report.back") }}
            />
            <Switch fallback={<p class="empty">{tfin("report.loading")}</p>}>
              <Match when={problem()}>
                {(which) => (
                  <p class="notice" role="status">
                    {which() === "offline" ? tfin("report.offline") : tfin("report.failed")}
                  </p>
                )}
              </Match>
              <Match when={audit()}>
                {(sent) => (
                  <Show when={doc()}>
                    {(d) => (
                      <>
                        <Show when={!scored(sent())}>
                          <p class="notice" role="status">
                            {tfin("report.scoreLater")}
                          </p>
                        </Show>
                        <Show when={sent().status === "voided"}>
                          <VoidedNotice />
                        </Show>
                        <DisputeOutcomes disputes={sent().disputes} document={d()} />
                        <AuditReport
                          audit={sent()}
                          document={d()}
                          timeZone={loaded().value.branch.timezone}
                          scored={scored(sent())}
                        />
                      </>
                    )}
                  </Show>
                )}
              </Match>
            </Switch>
          </div>
        </Show>
      )}
    </Show>
  );
}
