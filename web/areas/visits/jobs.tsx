/**
 * The job board on the phone (/jobs): first "Your visits" — each open visit of the shopper, to
 * accept or decline (a confirmation with an optional reason) and, for one claimed from the board,
 * to release before the cut-off — then the posted visits this shopper may take, each with its
 * branch, window, scenario and fee in the current language, and a Claim button (first come).
 * A lazy route: nothing of it is in the first download; it needs a connection.
 */
import "./visits.css";
import "./visits-after.css";
import "./jobs.css";
import { createComputed, createResource, createSignal, For, Show, untrack } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem } from "../../lib/api";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { formatMoney } from "../../lib/money";
import { tj } from "./jobs-i18n";
import { Loaded } from "./loaded";
import { formatWindow } from "./visits-i18n";

type Board = Awaited<ReturnType<typeof loadBoard>>;
type Job = Board["items"][number];
type Mine = Board["mine"][number];

async function loadBoard() {
  return call(api["job-board"].$get());
}

/** A failure's sentence is made when drawn (`message()`), so a language switch redraws it. */
type Outcome = { kind: "claimed"; assignmentId: string } | { kind: "error"; message: () => string };

function claimError(error: unknown): string {
  if (!isProblem(error)) return tj("errors.other");
  if (error.code === "already_taken") return tj("errors.already_taken");
  if (error.code === "claim_limit_reached") return tj("errors.claim_limit_reached");
  if (error.code === "not_eligible") {
    const reason = (error as unknown as { reason?: string }).reason ?? "";
    const known = tj(`reasons.${reason}` as "reasons.noRegion");
    return tj("errors.not_eligible", { reason: known || "" });
  }
  return tj("errors.other");
}

function JobCard(props: { job: Job; currency: string; onClaimed: () => void }) {
  const money = (minor: number) => formatMoney(minor, props.currency);
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome>();
  async function claim() {
    if (busy()) return;
    setBusy(true);
    try {
      const answer = await call(api["job-board"][":id"].claim.$post({ param: { id: props.job.id } }));
      setOutcome({ kind: "claimed", assignmentId: answer.assignmentId as string });
      props.onClaimed();
    } catch (error) {
      setOutcome({ kind: "error", message: () => claimError(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class="visit-card job-card">
      <div class="visit-card__head">
        <h2 class="job-card__name">{localName(props.job.branch.names)}</h2>
      </div>
      <p class="visit-card__meta">
        {t(`channels.${props.job.channel}`)} · {formatWindow(props.job.window.start, props.job.window.end)}
      </p>
      <Show when={props.job.branch.address}>
        <p class="visit-contact">{props.job.branch.address}</p>
      </Show>
      <p class="visit-card__scenario">{localName(props.job.scenario)}</p>
      <p class="visit-card__meta">
        {tj("fee", { fee: money(props.job.feeCents) })}
        <Show when={props.job.reimbursementCapCents > 0}>
          {" · "}
          {tj("cap", { cap: money(props.job.reimbursementCapCents) })}
        </Show>
      </p>
      <Show
        when={outcome()?.kind === "claimed" ? (outcome() as { assignmentId: string }) : undefined}
        fallback={
          <>
            <Show when={outcome()?.kind === "error" ? (outcome() as { message: () => string }) : undefined}>
              {(failed) => (
                <p class="notice notice--error" role="alert">
                  {failed().message()}
                </p>
              )}
            </Show>
            <button type="button" class="button button--primary button--block" disabled={busy()} onClick={claim}>
              {busy() ? tj("claiming") : tj("claim")}
            </button>
          </>
        }
      >
        {(claimed) => (
          <p class="notice notice--success" role="status">
            {tj("claimed")} <A href={`/visits/${claimed().assignmentId}`}>{tj("open")}</A>
          </p>
        )}
      </Show>
    </li>
  );
}

type Answer = "accepted" | "declined" | "released";

/** One of the shopper's open visits: accepted or not, with Accept, Decline and (a claim, before the cut-off) Release. */
function MyVisitCard(props: { visit: Mine; onChanged: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const [answer, setAnswer] = createSignal<Answer>();
  const [error, setError] = createSignal<"mine.releaseClosed" | "mine.failed">();
  const [confirming, setConfirming] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const accepted = () => answer() === "accepted" || props.visit.acceptedAt !== null;
  async function run(kind: Answer, request: () => Promise<unknown>) {
    if (busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      await request();
      setAnswer(kind);
      setConfirming(false);
      if (kind !== "accepted") props.onChanged();
    } catch (failure) {
      setConfirming(false);
      setError(isProblem(failure) && failure.code === "release_closed" ? "mine.releaseClosed" : "mine.failed");
    } finally {
      setBusy(false);
    }
  }
  const param = () => ({ param: { id: props.visit.id } });
  const accept = () => run("accepted", () => call(api.assignments[":id"].accept.$post(param())));
  const decline = () =>
    run("declined", () =>
      call(
        api.assignments[":id"].decline.$post({ ...param(), json: reason().trim() ? { reason: reason().trim() } : {} }),
      ),
    );
  const release = () =>
    run("released", () =>
      call(api["job-board"][":id"].release.$post({ param: { id: props.visit.roundVisitId as string } })),
    );
  const gone = () => answer() === "declined" || answer() === "released";
  return (
    <li class="visit-card my-visit" data-visit={props.visit.id}>
      <div class="visit-card__head">
        <h3 class="job-card__name">
          <Show when={!gone()} fallback={localName(props.visit.branch.names)}>
            <A href={`/visits/${props.visit.id}`}>{localName(props.visit.branch.names)}</A>
          </Show>
        </h3>
        <Show when={accepted() && !gone()}>
          <Badge tone="success">{tj("mine.accepted")}</Badge>
        </Show>
      </div>
      <p class="visit-card__meta">
        {t(`channels.${props.visit.channel}`)} · {formatWindow(props.visit.window.start, props.visit.window.end)}
      </p>
      <Show when={props.visit.scenario.en}>
        <p class="visit-card__scenario">{localName(props.visit.scenario)}</p>
      </Show>
      <Show when={error()}>
        {(key) => (
          <p class="notice notice--error" role="alert">
            {tj(key())}
          </p>
        )}
      </Show>
      <Show
        when={!gone()}
        fallback={
          <p class="notice notice--success" role="status">
            {answer() === "declined" ? tj("mine.declined") : tj("mine.released")}
          </p>
        }
      >
        <div class="job-card__actions">
          <Show when={!accepted()}>
            <button type="button" class="button button--primary" disabled={busy()} onClick={accept}>
              {tj("mine.accept")}
            </button>
          </Show>
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => setConfirming(true)}>
            {tj("mine.decline")}
          </button>
          <Show when={props.visit.releasable}>
            <button type="button" class="button button--secondary" disabled={busy()} onClick={release}>
              {tj("mine.release")}
            </button>
          </Show>
        </div>
      </Show>
      <ConfirmDialog
        open={confirming()}
        title={tj("mine.confirmTitle")}
        confirmLabel={tj("mine.confirm")}
        cancelLabel={tj("mine.keep")}
        pendingLabel={tj("mine.declining")}
        pending={busy()}
        tone="danger"
        onConfirm={decline}
        onClose={() => setConfirming(false)}
      >
        <p>{props.visit.claimed ? tj("mine.confirmBoard") : tj("mine.confirmBody")}</p>
        <label class="field">
          <span class="field__label">{tj("mine.reason")}</span>
          <textarea rows={3} maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      </ConfirmDialog>
    </li>
  );
}

/**
 * The fresh list, with the cards acted on here (`done`) that the server no longer lists kept at
 * their place, so their notice ("It's yours", "Released") stays until the page is left.
 */
function keep<T extends { id: string }>(shown: readonly T[], fresh: readonly T[], done: ReadonlySet<string>): T[] {
  const next = [...fresh];
  const ids = new Set(fresh.map((row) => row.id));
  shown.forEach((row, i) => {
    if (done.has(row.id) && !ids.has(row.id)) next.splice(Math.min(i, next.length), 0, unwrap(row));
  });
  return next;
}

export default function JobBoard() {
  const [board, { refetch }] = createResource(loadBoard);
  // The board is read again after a claim, release or decline (a released visit is back on it);
  // rows keep their identity by id, so the cards already shown keep their state.
  const [view, setView] = createStore<{ mine: Mine[]; items: Job[] }>({ mine: [], items: [] });
  const done = new Set<string>();
  createComputed(() => {
    const fresh = board.latest;
    if (!fresh) return;
    // A card acted on that is listed again (a claimed visit released) starts afresh.
    const back = new Set([...fresh.mine, ...fresh.items].map((row) => row.id).filter((id) => done.delete(id)));
    if (back.size) {
      setView("mine", (rows) => rows.filter((row) => !back.has(row.id)));
      setView("items", (rows) => rows.filter((row) => !back.has(row.id)));
    }
    untrack(() => {
      setView("mine", reconcile(keep(view.mine, fresh.mine, done), { key: "id" }));
      setView("items", reconcile(keep(view.items, fresh.items, done), { key: "id" }));
    });
  });
  const changed = (id: string) => {
    done.add(id);
    void refetch();
  };
  const open = () => board.latest?.claims.open ?? 0;
  return (
    <div class="visits">
      <PageHeader
        title={tj("title")}
        subtitle={tj("intro")}
        actions={
          <A class="button button--secondary" href="/earnings">
            {tj("earnings")}
          </A>
        }
      />
      <Loaded resource={board} loading={tj("loading")} failed={tj("failed")} retry={refetch}>
        {(loaded) => (
          <>
            <Show when={view.mine.length > 0}>
              <section class="visit-group" aria-labelledby="jobs-mine">
                <h2 class="visit-group__title" id="jobs-mine">
                  {tj("mine.title")}
                  <span class="visit-group__count">{view.mine.length}</span>
                </h2>
                <ul class="visit-cards" aria-labelledby="jobs-mine">
                  <For each={view.mine}>
                    {(visit) => <MyVisitCard visit={visit} onChanged={() => changed(visit.id)} />}
                  </For>
                </ul>
              </section>
            </Show>
            <h2 class="visit-group__title" id="jobs-board">
              {tj("boardTitle")}
            </h2>
            <p class="visit-card__meta">{tj("claims", { open: open(), limit: loaded().claims.limit })}</p>
            <Show when={view.items.length > 0} fallback={<p class="empty">{tj("empty")}</p>}>
              <ul class="visit-cards">
                <For each={view.items}>
                  {(job) => <JobCard job={job} currency={loaded().currency} onClaimed={() => changed(job.id)} />}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Loaded>
    </div>
  );
}
