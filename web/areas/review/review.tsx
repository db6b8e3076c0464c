/**
 * One report under review (`/review/:id`): its state and who holds it, the actions the state
 * allows (the API is the judge), the report with large photos and an Edit action per answer,
 * the impact of publishing, the questions and replies, and the history. Every action sends the
 * report's `version`; a stale one shows "changed since you loaded it" with a Reload button.
 */
import "../checklists/checklists.css";
import "../planning/planning.css";
import "../scorecards/scorecards.css";
import "./review.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Index, Show, Suspense } from "solid-js";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { Badge } from "../../components/badge";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { localName } from "../../lib/formats";
import { formatScore, monthLabel } from "../../lib/office-formats";
import { useAbilities, useMe } from "../../lib/session";
import { type Audit, createReportReads, getAudit } from "../planning/assignment-queries";
import { AuditReport } from "../scorecards/components/audit-report";
import { itemLabel, itemOf } from "./components/answer-text";
import { type AnswerEdit, EditAnswerForm } from "./components/edit-answer";
import { FlagList } from "./components/flags";
import { HistoryTimeline } from "./components/history";
import { tr } from "./review-i18n";
import { isStale, reviewProblemText } from "./review-messages";
import { getHistory, getImpact, getReviewQueue, reviewActions } from "./review-queries";

type Done = "claim" | "release" | "publish" | "reject" | "return" | "edit";

function ImpactPanel(props: { auditId: string; version: number }) {
  const impact = createAsync(() => getImpact(props.auditId));
  const standing = (s: { mean: number | null; rank: number | null; branches: number } | undefined) => ({
    mean: s?.mean === null || s?.mean === undefined ? tr("impact.none") : formatScore(s.mean),
    rank: s?.rank ? tr("impact.rankOf", { rank: s.rank, branches: s.branches }) : tr("impact.none"),
  });
  return (
    <section class="card review-impact" aria-labelledby="review-impact-title">
      <h2 class="section-title" id="review-impact-title">
        {tr("impact.title")}
      </h2>
      <ErrorBoundary fallback={() => <p class="field__hint">{tr("impact.unavailable")}</p>}>
        <Suspense fallback={<Loading />}>
          <Show when={impact()}>
            {(i) => {
              const before = () => standing(i().period.before);
              const after = () => standing(i().period.after);
              return (
                <>
                  <p class="field__hint">{`${tr("impact.hint")} ${monthLabel(i().period.month)}`}</p>
                  <dl class="impact">
                    <div>
                      <dt>{tr("impact.score")}</dt>
                      <dd>
                        {tr("impact.submitted", { score: formatScore(i().score.submitted) })}
                        <span aria-hidden="true"> → </span>
                        <strong>{tr("impact.now", { score: formatScore(i().score.current) })}</strong>
                      </dd>
                    </div>
                    <div>
                      <dt>{tr("impact.mean")}</dt>
                      <dd data-testid="impact-mean">
                        {before().mean}
                        <span aria-hidden="true"> → </span>
                        <strong>{after().mean}</strong>
                      </dd>
                    </div>
                    <div>
                      <dt>{tr("impact.rank")}</dt>
                      <dd>
                        {before().rank}
                        <span aria-hidden="true"> → </span>
                        <strong>{after().rank}</strong>
                      </dd>
                    </div>
                  </dl>
                </>
              );
            }}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function QuestionsList(props: { audit: Audit; document: ChecklistDocument }) {
  const questions = () =>
    (props.audit as { questions?: Array<{ id: string; itemKey: string | null; text: string }> }).questions ?? [];
  const replies = () => (props.audit as { replies?: Array<{ questionId: string; text: string }> }).replies ?? [];
  return (
    <Show when={questions().length}>
      <section class="card review-questions" aria-labelledby="review-questions-title">
        <h2 class="section-title" id="review-questions-title">
          {tr("screen.questionsTitle")}
        </h2>
        <ol class="review-questions__list">
          <For each={questions()}>
            {(q) => (
              <li>
                <Show when={q.itemKey}>{(key) => <p class="field__hint">{itemLabel(props.document, key())}</p>}</Show>
                <p class="review-questions__text">{q.text}</p>
                <p class="review-questions__reply">
                  <span class="report-item__label">{tr("screen.reply")}</span>
                  {replies()
                    .filter((r) => r.questionId === q.id)
                    .map((r) => r.text)
                    .join(" · ") || tr("screen.noReply")}
                </p>
              </li>
            )}
          </For>
        </ol>
      </section>
    </Show>
  );
}

export default function ReviewScreen() {
  const params = useParams();
  const can = useAbilities();
  const me = useMe();
  const { audit, version, branch } = createReportReads(() => params.id ?? "");
  const [busy, setBusy] = createSignal(false);
  const [stale, setStale] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<{ what: Done; before?: number | null; after?: number | null }>();
  const [editing, setEditing] = createSignal<string>();
  const [editError, setEditError] = createSignal<string>();
  const [panel, setPanel] = createSignal<"return" | "reject">();
  const [questions, setQuestions] = createSignal<Array<{ itemKey: string; text: string }>>([{ itemKey: "", text: "" }]);
  const [rejectReason, setRejectReason] = createSignal("");
  const [tried, setTried] = createSignal(false);

  const claimedBy = () => (audit() as { claimedBy?: string | null } | undefined)?.claimedBy ?? null;
  const status = () => audit()?.status;
  const mine = () => status() === "claimed" && claimedBy() === me().user.id;
  const heldByOther = () => status() === "claimed" && claimedBy() !== null && claimedBy() !== me().user.id;

  const refresh = () => revalidate([getAudit.key, getHistory.key, getImpact.key, getReviewQueue.key]);

  async function act(what: Done, run: (version: number) => Promise<unknown>) {
    const current = audit();
    if (!current) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await run(current.version);
      const score = (answer as { score?: { before: number | null; after: number | null } }).score;
      setDone({ what, before: score?.before, after: score?.after });
      setPanel(undefined);
      setEditing(undefined);
      setTried(false);
      await refresh();
    } catch (e) {
      if (isStale(e)) setStale(true);
      else if (what === "edit") setEditError(reviewProblemText(e));
      else setError(reviewProblemText(e));
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    setStale(false);
    setError(undefined);
    setEditing(undefined);
    await refresh();
  }

  const itemExtra = (key: string) => {
    const doc = version()?.document;
    const item = doc ? itemOf(doc, key) : undefined;
    if (!mine() || !item || item.kind === "photo") return undefined;
    return (
      <Show
        when={editing() === key}
        fallback={
          <button
            type="button"
            class="button button--ghost button--small review-edit"
            aria-label={tr("edit.actionLabel", { item: localName(item.prompt) || key })}
            onClick={() => {
              setEditError(undefined);
              setEditing(key);
            }}
          >
            {tr("edit.action")}
          </button>
        }
      >
        <EditAnswerForm
          item={item}
          answer={audit()?.answers.find((a) => a.item === key)}
          busy={busy()}
          error={editError()}
          onCancel={() => setEditing(undefined)}
          onSave={(edit: AnswerEdit) =>
            act("edit", (v) =>
              reviewActions.edit(params.id ?? "", key, {
                ...(edit.na ? { na: true as const } : { value: edit.value as boolean | number | string }),
                comment: edit.comment,
                reason: edit.reason,
                version: v,
              }),
            )
          }
        />
      </Show>
    );
  };

  function sendReturn(event: Event) {
    event.preventDefault();
    setTried(true);
    const list = questions().map((q) => ({ itemKey: q.itemKey, text: q.text.trim() }));
    if (list.some((q) => !q.text)) return;
    void act("return", (v) =>
      reviewActions.returnWith(
        params.id ?? "",
        v,
        list.map((q) => (q.itemKey ? { itemKey: q.itemKey, text: q.text } : { text: q.text })),
      ),
    );
  }

  function sendReject(event: Event) {
    event.preventDefault();
    setTried(true);
    if (!rejectReason().trim()) return;
    void act("reject", (v) => reviewActions.reject(params.id ?? "", v, rejectReason().trim()));
  }

  const items = () =>
    (version()?.document.sections ?? [])
      .flatMap((s) => s.items)
      .map((i) => ({ key: i.key, label: localName(i.prompt) || i.key }));

  return (
    <Show when={can().reviewQueue} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(e, reset) => <ErrorState error={e} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={audit() && version() && branch()}>
            <PageHeader
              title={tr("screen.title")}
              back={{ href: "/review", label: tr("screen.back") }}
              subtitle={`${branch()?.code ?? ""} ${localName(branch()?.name)} · ${localName(version()?.document.name)}`}
            />
            <section class="card review-bar" aria-label={tr("screen.state")}>
              <div class="review-bar__facts">
                <Badge tone={status() === "published" ? "success" : status() === "rejected" ? "danger" : "accent"}>
                  <span data-testid="review-status">{tr(`status.${status() ?? "waiting"}`)}</span>
                </Badge>
                <span>
                  {`${tr("screen.claimedBy")}: `}
                  {mine() ? tr("screen.you") : claimedBy() ? tr("history.reviewer") : tr("screen.nobody")}
                </span>
                <Show when={audit()?.late}>
                  <Badge tone="warning">{tr("screen.late")}</Badge>
                </Show>
                <Show when={audit()?.criticalFailed}>
                  <Badge tone="danger">{tr("screen.criticalFailed")}</Badge>
                </Show>
              </div>
              <div class="review-bar__actions">
                <Show when={status() === "waiting" || (heldByOther() && can().manage)}>
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={busy()}
                    onClick={() => act("claim", (v) => reviewActions.claim(params.id ?? "", v))}
                  >
                    {status() === "waiting" ? tr("screen.claim") : tr("screen.takeOver")}
                  </button>
                </Show>
                <Show when={mine()}>
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={busy()}
                    onClick={() => act("publish", (v) => reviewActions.publish(params.id ?? "", v))}
                  >
                    {tr("screen.publish")}
                  </button>
                  <button
                    type="button"
                    class="button button--secondary"
                    disabled={busy()}
                    onClick={() => {
                      setTried(false);
                      setPanel(panel() === "return" ? undefined : "return");
                    }}
                  >
                    {tr("screen.return")}
                  </button>
                  <button
                    type="button"
                    class="button button--danger-ghost"
                    disabled={busy()}
                    onClick={() => {
                      setTried(false);
                      setPanel(panel() === "reject" ? undefined : "reject");
                    }}
                  >
                    {tr("screen.reject")}
                  </button>
                  <button
                    type="button"
                    class="button button--ghost"
                    disabled={busy()}
                    onClick={() => act("release", (v) => reviewActions.release(params.id ?? "", v))}
                  >
                    {tr("screen.release")}
                  </button>
                </Show>
              </div>
              <Show when={status() === "claimed" && !mine()}>
                <p class="field__hint">{tr("screen.notYours")}</p>
              </Show>
              <Show when={(audit() as { rejectionReason?: string } | undefined)?.rejectionReason}>
                {(reason) => <p class="field__hint">{tr("screen.rejection", { reason: reason() })}</p>}
              </Show>
            </section>
            <Show when={audit()?.flags}>{(flags) => <FlagList flags={flags()} />}</Show>
            <div aria-live="polite">
              <Show when={stale()}>
                <div class="review-notice review-notice--warning" role="alert">
                  <p>{tr("screen.stale")}</p>
                  <button type="button" class="button button--secondary" onClick={reload}>
                    {tr("screen.reload")}
                  </button>
                </div>
              </Show>
              <Show when={error()}>
                <p class="review-notice review-notice--warning" role="alert">
                  {error()}
                </p>
              </Show>
              <Show when={done()}>
                {(d) => (
                  <p class="review-notice review-notice--success" role="status">
                    {d().what === "edit"
                      ? tr("screen.done.edit", { before: formatScore(d().before), after: formatScore(d().after) })
                      : tr(`screen.done.${d().what}`)}
                  </p>
                )}
              </Show>
            </div>
            <Show when={panel() === "return"}>
              <form class="card review-form" onSubmit={sendReturn} noValidate>
                <h2 class="section-title">{tr("returnForm.title")}</h2>
                <Index each={questions()}>
                  {(q, i) => (
                    <fieldset class="review-form__question">
                      <legend>{tr("returnForm.question", { n: i + 1 })}</legend>
                      <label class="field__label" for={`question-item-${i}`}>
                        {tr("returnForm.item")}
                      </label>
                      <select
                        class="input select"
                        id={`question-item-${i}`}
                        onChange={(e) =>
                          setQuestions((all) =>
                            all.map((x, j) => (j === i ? { ...x, itemKey: e.currentTarget.value } : x)),
                          )
                        }
                      >
                        <option value="" selected={q().itemKey === ""}>
                          {tr("returnForm.wholeReport")}
                        </option>
                        <For each={items()}>
                          {(item) => (
                            <option value={item.key} selected={q().itemKey === item.key}>
                              {item.label}
                            </option>
                          )}
                        </For>
                      </select>
                      <label class="field__label" for={`question-text-${i}`}>
                        {tr("returnForm.question", { n: i + 1 })}
                      </label>
                      <textarea
                        class="input textarea"
                        id={`question-text-${i}`}
                        rows="2"
                        value={q().text}
                        onInput={(e) =>
                          setQuestions((all) =>
                            all.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)),
                          )
                        }
                      />
                      <Show when={tried() && !q().text.trim()}>
                        <p class="field__error">{tr("returnForm.required")}</p>
                      </Show>
                      <Show when={questions().length > 1}>
                        <button
                          type="button"
                          class="button button--ghost button--small"
                          onClick={() => setQuestions((all) => all.filter((_, j) => j !== i))}
                        >
                          {tr("returnForm.remove")}
                        </button>
                      </Show>
                    </fieldset>
                  )}
                </Index>
                <div class="review-form__actions">
                  <Show when={questions().length < 20}>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => setQuestions((all) => [...all, { itemKey: "", text: "" }])}
                    >
                      {tr("returnForm.add")}
                    </button>
                  </Show>
                  <button type="submit" class="button button--primary" disabled={busy()}>
                    {tr("returnForm.send")}
                  </button>
                </div>
              </form>
            </Show>
            <Show when={panel() === "reject"}>
              <form class="card review-form" onSubmit={sendReject} noValidate>
                <h2 class="section-title">{tr("rejectForm.title")}</h2>
                <label class="field__label" for="reject-reason">
                  {tr("rejectForm.reason")}
                </label>
                <textarea
                  class="input textarea"
                  id="reject-reason"
                  rows="3"
                  value={rejectReason()}
                  onInput={(e) => setRejectReason(e.currentTarget.value)}
                />
                <Show when={tried() && !rejectReason().trim()}>
                  <p class="field__error">{tr("rejectForm.required")}</p>
                </Show>
                <div class="review-form__actions">
                  <button type="submit" class="button button--danger" disabled={busy()}>
                    {tr("rejectForm.send")}
                  </button>
                </div>
              </form>
            </Show>
            <div class="review-layout">
              <section class="card report-card review-report">
                <Show when={version()}>
                  {(v) => (
                    <AuditReport
                      audit={audit() as Audit}
                      document={v().document}
                      timeZone={branch()?.timezone ?? "UTC"}
                      itemExtra={itemExtra}
                    />
                  )}
                </Show>
              </section>
              <aside class="review-side">
                <Show when={mine() || (status() === "claimed" && can().manage)}>
                  <ImpactPanel auditId={params.id ?? ""} version={audit()?.version ?? 0} />
                </Show>
                <QuestionsList audit={audit() as Audit} document={version()?.document as ChecklistDocument} />
                <HistoryTimeline auditId={params.id ?? ""} document={version()?.document} />
              </aside>
            </div>
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
