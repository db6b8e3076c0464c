import "../checklists/checklists.css";
import "./planning.css";
import { createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, onMount, Show, Suspense } from "solid-js";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormError, FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { formatDateTime } from "../../lib/office-formats";
import { personName } from "../../lib/person-name";
import { useAbilities } from "../../lib/session";
import { getChecklistVersion } from "../checklists/checklist-queries";
import { AuditReport } from "../scorecards/components/audit-report";
import { formatDay, formatWindow, isOverdue, STATUS_TONES, ta } from "./assignment-i18n";
import { type Assignment, assignmentKeys, getAssignment, getAudit } from "./assignment-queries";

function Facts(props: { assignment: Assignment }) {
  const a = () => props.assignment;
  return (
    <dl class="facts">
      <div>
        <dt>{ta("detail.status")}</dt>
        <dd class="assignment-badges">
          <Badge tone={STATUS_TONES[a().status]}>{ta(`status.${a().status}`)}</Badge>
          <Show when={a().audit?.late}>
            <Badge tone="warning">{ta("flags.late")}</Badge>
          </Show>
          <Show when={isOverdue(a())}>
            <Badge tone="danger">{ta("flags.overdue")}</Badge>
          </Show>
        </dd>
      </div>
      <div>
        <dt>{ta("detail.branch")}</dt>
        <dd>
          <A href={`/branches/${a().branch.id}`}>{localName(a().branch.name)}</A>
          <span class="facts__note">
            {`${a().branch.code} · ${t(`channels.${a().branch.channel}`)}`}
            <Show when={a().branch.address}>{` · ${a().branch.address}`}</Show>
          </span>
        </dd>
      </div>
      <div>
        <dt>{ta("detail.checklist")}</dt>
        <dd>
          <A href={`/checklist-versions/${a().checklist.versionId}`}>
            {ta("detail.checklistVersion", {
              name: localName(a().checklist.name),
              number: a().checklist.versionNumber,
            })}
          </A>
        </dd>
      </div>
      <Show when={a().shopper}>
        {(shopper) => (
          <div>
            <dt>{ta("detail.shopper")}</dt>
            <dd>{personName(shopper().displayName)}</dd>
          </div>
        )}
      </Show>
      <div>
        <dt>{ta("detail.window")}</dt>
        <dd>
          {formatWindow(a().windowStart, a().windowEnd)}
          <span class="facts__note">{`${ta("detail.timezone")}: ${a().branch.timezone}`}</span>
        </dd>
      </div>
      <div>
        <dt>{ta("detail.scenario")}</dt>
        <dd class="report__text">{a().scenario || ta("detail.noScenario")}</dd>
      </div>
      <div>
        <dt>{ta("detail.plannedOn")}</dt>
        <dd>{formatDateTime(a().createdAt)}</dd>
      </div>
    </dl>
  );
}

/** The report of a submitted visit, with the checklist version it was filled against. */
function Report(props: { assignment: Assignment; auditId: string }) {
  const location = useLocation();
  const audit = createAsync(() => getAudit(props.auditId));
  const version = createAsync(() => getChecklistVersion(props.assignment.checklist.versionId));
  let section: HTMLElement | undefined;
  return (
    <section class="card report-card" id="report" aria-labelledby="report-title" ref={section}>
      <h2 class="section-title" id="report-title">
        {ta("report.title")}
      </h2>
      <Suspense fallback={<p class="report__loading">{ta("report.loading")}</p>}>
        <Show when={audit()}>
          {(report) => (
            <Show when={version()}>
              {(v) => (
                <>
                  <AuditReport audit={report()} document={v().document} timeZone={props.assignment.branch.timezone} />
                  <ScrollHere when={location.hash === "#report"} target={() => section} />
                </>
              )}
            </Show>
          )}
        </Show>
      </Suspense>
    </section>
  );
}

/** Scrolls the target into view once it has its content (a link to #report from the list). */
function ScrollHere(props: { when: boolean; target: () => HTMLElement | undefined }) {
  onMount(() => {
    if (props.when) requestAnimationFrame(() => props.target()?.scrollIntoView({ block: "start" }));
  });
  return null;
}

export default function AssignmentPage() {
  const params = useParams<{ id: string }>();
  const location = useLocation<{ notice?: string }>();
  const can = useAbilities();
  const assignment = createAsync(() => (can().assignments ? getAssignment(params.id) : Promise.resolve(undefined)));
  const [notice, setNotice] = createSignal<string | undefined>(location.state?.notice);
  const [confirming, setConfirming] = createSignal(false);
  const cancel = createFormState();

  async function cancelVisit(id: string) {
    const done = await cancel.run(async () => {
      await call(api.assignments[":id"].$patch({ param: { id }, json: { status: "cancelled" } }));
      return true;
    });
    setConfirming(false);
    // Whatever happened, show the visit as it now is (a 409 means someone else changed it).
    await revalidate(assignmentKeys);
    if (done) setNotice(ta("detail.cancelled"));
  }

  return (
    <Show when={can().assignments} fallback={<NoAccess />}>
      <Show when={assignment()}>
        {(a) => (
          <>
            <PageHeader
              title={localName(a().branch.name)}
              subtitle={`${formatWindow(a().windowStart, a().windowEnd)} · ${ta(`status.${a().status}`)}`}
              back={{ href: "/assignments", label: ta("list.title") }}
              actions={
                <Show when={can().manage && a().status === "open"}>
                  <button
                    type="button"
                    class="button button--danger-ghost"
                    onClick={() => {
                      setNotice(undefined);
                      cancel.clear();
                      setConfirming(true);
                    }}
                  >
                    {ta("detail.cancel")}
                  </button>
                </Show>
              }
            />
            <FormSuccess message={notice()} />
            <Show
              when={cancel.problem()?.status === 409}
              fallback={<FormError problem={cancel.problem()} fields={[]} />}
            >
              <div class="form-error-region" role="alert">
                <p class="notice notice--error">{ta("detail.notOpen")}</p>
              </div>
            </Show>
            <section class="card" aria-label={ta("detail.facts")}>
              <Facts assignment={a()} />
              <Show when={a().status === "open"}>
                <p class="assignment-note" classList={{ "assignment-note--late": isOverdue(a()) }}>
                  {isOverdue(a()) ? ta("detail.overdue", { date: formatDay(a().windowEnd) }) : ta("detail.waiting")}
                </p>
              </Show>
              <Show when={a().status === "cancelled"}>
                <p class="assignment-note">{ta("detail.cancelledNote")}</p>
              </Show>
            </section>
            <Show when={a().audit}>{(audit) => <Report assignment={a()} auditId={audit().id} />}</Show>
            <ConfirmDialog
              open={confirming()}
              title={ta("detail.cancelTitle")}
              confirmLabel={ta("detail.cancel")}
              cancelLabel={ta("detail.keep")}
              pendingLabel={ta("detail.cancelling")}
              pending={cancel.pending()}
              tone="danger"
              onConfirm={() => cancelVisit(a().id)}
              onClose={() => setConfirming(false)}
            >
              <p>
                {a().shopper
                  ? ta("detail.cancelBody", { shopper: a().shopper?.displayName ?? "" })
                  : ta("detail.cancelBodyNoName")}
              </p>
            </ConfirmDialog>
          </>
        )}
      </Show>
    </Show>
  );
}
