/**
 * The review before sending: what stops the report (with links to each problem), the score
 * and how it was worked out (the shared `scoreAudit`, on the phone), the visit times (the end
 * stamped at "Finish", both editable), who served the shopper (their name only as the
 * organisation's staff-name policy allows: staff-name-field.tsx) and an overall comment, every
 * answer, and "Send report", which puts the report in the outbox and tries to send it.
 */
import "../../styles/later.css";
import "./visits.css";
import "./visits-after.css";
import { createAsync, Navigate, useNavigate, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import type { ChecklistItem } from "../../../worker/domain/checklists";
import { scoreAudit } from "../../../worker/domain/scoring";
import { checkVisitTimes } from "../../../worker/domain/visit-times";
import type { AnswerEntry } from "../../components/audit-form";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { OutcomeBadge, ScoreExplanation, ScoreSummary } from "../../components/score-explanation";
import { useDocumentTitle } from "../../lib/document-title";
import { tf, withUnit } from "../../lib/form-i18n";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import type { OutboxEntry } from "../../lib/outbox";
import { entries } from "../../lib/outbox-queue";
import { useMe } from "../../lib/session";
import { sendErrorText } from "./outbox-i18n";
import { checkReport } from "./report-check";
import { tr } from "./review-i18n";
import { openSession, type VisitSession } from "./session";
import { outboxLabel, SaveStatus } from "./shared";
import { StaffNameField } from "./staff-name-field";
import { asksStaff, itemOfProblem, locateItem } from "./visit-draft";
import { VisitTimeField } from "./visit-time-field";
import { visitTimeText } from "./visit-times-i18n";
import { savedAssignment } from "./visits-data";
import { reportProblemText, tv } from "./visits-i18n";

function answerText(item: ChecklistItem, entry: AnswerEntry | undefined): string {
  if (entry?.na) return tr("na");
  const value = entry?.value;
  if (item.kind === "photo") return tr("photos", entry?.evidence?.length ?? 0);
  if (value === undefined) return tr("noAnswer");
  switch (item.kind) {
    case "yes_no":
      return value === true ? tf("form.yes") : tf("form.no");
    case "number":
      return withUnit(Number(value), item.unit);
    case "scale":
      return `${value} / ${item.max}`;
    case "choice": {
      const option = item.options.find((o) => o.key === value);
      return option ? localName(option.label) || option.key : String(value);
    }
    default:
      return String(value);
  }
}

function TimeField(props: {
  label: string;
  value: string;
  windowStart: string | undefined;
  onChange: (iso: string) => void;
  invalid: boolean;
}) {
  return (
    <div class="field review__time">
      <div class="review__time-row">
        <VisitTimeField
          label={props.label}
          value={props.value}
          windowStart={props.windowStart}
          invalid={props.invalid}
          onChange={(iso) => props.onChange(iso)}
        />
        <button
          type="button"
          class="button button--secondary"
          aria-label={tr("nowFor", { field: props.label })}
          onClick={() => props.onChange(new Date().toISOString())}
        >
          {tr("now")}
        </button>
      </div>
    </div>
  );
}

function Answers(props: { session: VisitSession }) {
  const result = createMemo(() => scoreAudit(props.session.doc, props.session.answers.list()));
  const outcome = (key: string) =>
    result()
      .sections.flatMap((s) => s.items)
      .find((i) => i.key === key)?.outcome;
  return (
    <section class="card review__answers" aria-labelledby="answers-title">
      <h2 class="card__title" id="answers-title">
        {tr("answers")}
      </h2>
      <For each={props.session.doc.sections}>
        {(section) => (
          <div class="review__section">
            <h3 class="review__section-title">{localName(section.title)}</h3>
            <ol class="review__items">
              <For each={section.items}>
                {(item) => {
                  const entry = () => props.session.answers.entries[item.key];
                  const number = () => locateItem(props.session.doc, item.key)?.number ?? 0;
                  return (
                    <li class="review__item">
                      <div class="review__item-head">
                        <span class="review__number" aria-hidden="true">
                          {number()}
                        </span>
                        <p class="review__prompt">{localName(item.prompt)}</p>
                      </div>
                      <div class="review__answer">
                        <Show when={outcome(item.key)}>{(o) => <OutcomeBadge outcome={o()} />}</Show>
                        <span class="review__value">{answerText(item, entry())}</span>
                        <A
                          class="review__change"
                          href={`/visits/${props.session.assignmentId}/form?item=${encodeURIComponent(item.key)}`}
                          aria-label={tr("changeQuestion", { number: number() })}
                        >
                          {tr("change")}
                        </A>
                      </div>
                      <Show when={entry()?.comment}>
                        <p class="review__comment">{entry()?.comment}</p>
                      </Show>
                      <Show when={entry()?.evidence?.length}>
                        <ul class="review__photos">
                          <For each={entry()?.evidence ?? []}>
                            {(sha, i) => (
                              <li>
                                <Show
                                  when={props.session.live.photos.url(sha)}
                                  fallback={<span class="review__photo review__photo--empty" />}
                                >
                                  {(url) => (
                                    <img
                                      class="review__photo"
                                      src={url()}
                                      alt={tf("form.photoAlt", { number: i() + 1 })}
                                    />
                                  )}
                                </Show>
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </li>
                  );
                }}
              </For>
            </ol>
          </div>
        )}
      </For>
    </section>
  );
}

/** What became of the report: follows the outbox as it sends. */
function Sent(props: { auditId: string }) {
  const entry = () => entries().find((e) => e.auditId === props.auditId);
  const label = () => {
    const found = entry();
    return found ? outboxLabel(found) : "waiting";
  };
  useDocumentTitle(() => {
    const title = { sent: "sentTitle", failed: "failedTitle" } as const;
    const key = label() === "sent" || label() === "failed" ? title[label() as "sent"] : "waitingTitle";
    return tr(key);
  });
  return (
    <section class="card review__result" role="status" aria-labelledby="result-title">
      <Switch>
        <Match when={label() === "sent"}>
          <h1 class="review__result-title review__result-title--sent" id="result-title">
            {tr("sentTitle")}
          </h1>
          <p>{tr("sentBody")}</p>
        </Match>
        <Match when={label() === "failed"}>
          <h1 class="review__result-title review__result-title--failed" id="result-title">
            {tr("failedTitle")}
          </h1>
          <p>{sendErrorText(entry()?.lastError?.code ?? "")}</p>
          <p>{tr("failedBody")}</p>
        </Match>
        <Match when={true}>
          <h1 class="review__result-title review__result-title--waiting" id="result-title">
            {tr("waitingTitle")}
          </h1>
          <p>{tr("waitingBody")}</p>
        </Match>
      </Switch>
      <div class="review__result-actions">
        <A class="button button--primary button--block button--large" href="/visits">
          {tr("backToVisits")}
        </A>
        <A class="button button--secondary button--block button--large" href="/outbox">
          {tr("openOutbox")}
        </A>
      </div>
    </section>
  );
}

function ReviewBody(props: { session: VisitSession; onSent: (entry: OutboxEntry) => void }) {
  const s = props.session;
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const staffId = createUniqueId();
  const call = () => s.meta.contact === "phone_call";
  const me = useMe();
  // An app kept from before the policy came with the profile: the default, no names.
  const staffNames = () => me().organization.staffNames ?? "role_only";
  const overallId = createUniqueId();
  let problemsPanel: HTMLElement | undefined;
  const result = createMemo(() => scoreAudit(s.doc, s.answers.list()));
  const list = createMemo(() => s.answers.list());
  const promptOf = (key: string) => {
    const item = s.doc.sections.flatMap((section) => section.items).find((i) => i.key === key);
    return item ? localName(item.prompt) : "";
  };
  // The session's check, or this page's own while the session's copy of the rules is on its way
  // (the review carries them: it scores the report too).
  const reportProblems = () => s.problems() ?? checkReport(s.doc, s.body());
  // In the order the shopper meets them: visit times first, then question by question.
  const problems = createMemo(() =>
    reportProblems()
      .map((problem) => {
        const key = itemOfProblem(problem, s.body());
        return { problem, key, number: key ? locateItem(s.doc, key)?.number : undefined };
      })
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
  );
  // The visit times against the window, by the server's rule and this phone's clock: shown here,
  // before sending, rather than as a refusal in the outbox. Without the saved assignment the
  // server alone judges them.
  const assignment = createAsync(() => savedAssignment(s.assignmentId).catch(() => undefined));
  const visitWindow = createMemo(() => {
    const a = assignment();
    return a ? { start: a.windowStart, end: a.windowEnd, timeZone: a.branch.timezone } : undefined;
  });
  const timeProblems = createMemo(() => {
    const w = visitWindow();
    if (!w) return [];
    return checkVisitTimes(s.body(), w, Date.now()).map((problem) => ({ problem, text: visitTimeText(problem, w) }));
  });
  const blocking = () => problems().length + timeProblems().length;
  const timeInvalid = (path: string) =>
    reportProblems().some((p) => p.path === path) || timeProblems().some((p) => p.problem.path === path);

  async function submit() {
    if (blocking() > 0) {
      problemsPanel?.focus();
      problemsPanel?.scrollIntoView({ block: "start" });
      return;
    }
    setBusy(true);
    setFailed(false);
    try {
      const entry = await s.submit();
      if (entry) props.onSent(entry);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="visits review">
      <PageHeader title={tr("title")} back={{ href: `/visits/${s.assignmentId}/form`, label: tr("back") }} />
      <SaveStatus session={s} />

      <Show when={blocking() > 0}>
        <section class="card review__problems" tabindex="-1" ref={problemsPanel} aria-labelledby="problems-title">
          <h2 class="card__title" id="problems-title">
            {tr("problemsTitle", blocking())}
          </h2>
          <ul class="review__problem-list">
            <For each={timeProblems()}>
              {(p) => (
                <li>
                  <span class="review__problem">
                    <span class="review__problem-text">{p.text}</span>
                  </span>
                </li>
              )}
            </For>
            <For each={problems()}>
              {(p) => (
                <li>
                  <Show
                    when={p.key}
                    fallback={
                      <span class="review__problem">
                        <span class="review__problem-text">{reportProblemText(p.problem)}</span>
                      </span>
                    }
                  >
                    {(key) => (
                      <button
                        type="button"
                        class="review__problem"
                        onClick={() => navigate(`/visits/${s.assignmentId}/form?item=${encodeURIComponent(key())}`)}
                      >
                        <span class="review__problem-where">
                          {tv("problems.question", { number: p.number ?? 0 })}
                          <span class="review__problem-prompt">{promptOf(key())}</span>
                        </span>
                        <span class="review__problem-text">{reportProblemText(p.problem)}</span>
                      </button>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <section class="review__score" aria-label={tr("score")}>
        <ScoreSummary result={result()} document={s.doc} />
        <ScoreExplanation result={result()} document={s.doc} answers={list()} folded />
      </section>

      <section class="card review__visit" aria-labelledby="visit-title">
        <h2 class="card__title" id="visit-title">
          {call() ? tr("call") : tr("visit")}
        </h2>
        <TimeField
          label={tr("started")}
          value={s.meta.visitStartedAt}
          windowStart={visitWindow()?.start}
          invalid={timeInvalid("visitStartedAt")}
          onChange={(iso) => s.setMeta({ visitStartedAt: iso })}
        />
        <TimeField
          label={tr("ended")}
          value={s.meta.visitEndedAt}
          windowStart={visitWindow()?.start}
          invalid={timeInvalid("visitEndedAt")}
          onChange={(iso) => s.setMeta({ visitEndedAt: iso })}
        />
        {/* A call has no place to prove: its location is not asked for (briefing.tsx). */}
        <Show when={!call() || s.meta.location}>
          <p class="review__location">
            <span class="review__location-label">{tr("location")}</span>{" "}
            <Show when={s.meta.location} fallback={tr("locationNone")}>
              {(location) =>
                tr("locationTaken", {
                  time: formatDateTime(location().takenAt),
                  metres: Math.round(location().accuracy),
                })
              }
            </Show>
          </p>
        </Show>
        {/* Asked once: here only when the checklist has no question of its own about it. */}
        <Show
          when={!asksStaff(s.doc)}
          fallback={
            <Show when={staffNames() === "role_only"}>
              <p class="field__hint">{tr("staffNoNamesAsked")}</p>
            </Show>
          }
        >
          <div class="field">
            <label class="field__label" for={staffId}>
              {call() ? tr("staffCall") : tr("staff")}
            </label>
            <p class="field__hint" id={`${staffId}-hint`}>
              {staffNames() === "role_only"
                ? tr(call() ? "staffNoNamesCall" : "staffNoNames")
                : tr(call() ? "staffHintCall" : "staffHint")}
            </p>
            <textarea
              id={staffId}
              class="input"
              rows="3"
              maxLength={2000}
              aria-describedby={`${staffId}-hint`}
              value={s.meta.staffDescription}
              onInput={(e) => s.setMeta({ staffDescription: e.currentTarget.value })}
            />
          </div>
        </Show>
        <StaffNameField
          policy={staffNames()}
          call={call()}
          value={s.meta.staffName ?? ""}
          onInput={(staffName) => s.setMeta({ staffName })}
        />
        <div class="field">
          <label class="field__label" for={overallId}>
            {tr("overall")}
          </label>
          <p class="field__hint" id={`${overallId}-hint`}>
            {tr("overallHint")}
          </p>
          <textarea
            id={overallId}
            class="input"
            rows="4"
            maxLength={4000}
            aria-describedby={`${overallId}-hint`}
            value={s.meta.overallComment}
            onInput={(e) => s.setMeta({ overallComment: e.currentTarget.value })}
          />
        </div>
      </section>

      <Answers session={s} />

      <div class="action-bar action-bar--sticky">
        <Show when={failed()}>
          <p class="notice notice--error" role="alert">
            {tr("storageFailed")}
          </p>
        </Show>
        <Show when={blocking() > 0}>
          <p class="action-bar__note">{tr("fixFirst", blocking())}</p>
        </Show>
        <button
          type="button"
          class="button button--primary button--block button--large"
          aria-disabled={blocking() > 0 ? "true" : undefined}
          disabled={busy()}
          onClick={submit}
        >
          {busy() ? tr("submitting") : tr("submit")}
        </button>
      </div>
    </div>
  );
}

export default function VisitReview() {
  const params = useParams<{ assignmentId: string }>();
  const [sent, setSent] = createSignal<string | null>(null);
  const [session] = createResource(
    () => params.assignmentId,
    async (id) => (await openSession(id)) ?? null,
  );
  return (
    <Show
      when={sent()}
      fallback={
        <Show when={session() !== undefined}>
          <Show when={session()} fallback={<Navigate href={`/visits/${params.assignmentId}`} />}>
            {(s) => <ReviewBody session={s()} onSent={(entry) => setSent(entry.auditId)} />}
          </Show>
        </Show>
      }
    >
      {(auditId) => (
        <div class="visits review">
          <Sent auditId={auditId()} />
        </div>
      )}
    </Show>
  );
}
