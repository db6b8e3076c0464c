/**
 * The job board on the phone (/jobs): the posted visits this shopper may take, each with its
 * branch, window, scenario and fee in the current language, and a Claim button (first come).
 * A lazy route: nothing of it is in the first download; it needs a connection.
 */
import "./visits.css";
import "./visits-after.css";
import "./jobs.css";
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem } from "../../lib/api";
import { localName } from "../../lib/formats";
import { intlLocale, t } from "../../lib/i18n";
import { tj } from "./jobs-i18n";
import { formatWindow } from "./visits-i18n";

type Board = Awaited<ReturnType<typeof loadBoard>>;
type Job = Board["items"][number];

async function loadBoard() {
  return call(api["job-board"].$get());
}

/** An amount in cents with two decimals, in the current language (the organisation's currency is implied). */
const money = (cents: number) =>
  (cents / 100).toLocaleString(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Outcome = { kind: "claimed"; assignmentId: string } | { kind: "error"; message: string };

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

function JobCard(props: { job: Job; onClaimed: () => void }) {
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
      setOutcome({ kind: "error", message: claimError(error) });
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
            <Show when={outcome()?.kind === "error" ? (outcome() as { message: string }) : undefined}>
              {(failed) => (
                <p class="notice notice--error" role="alert">
                  {failed().message}
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

export default function JobBoard() {
  const [board, { refetch }] = createResource(loadBoard);
  const [claims, setClaims] = createSignal<number>();
  const open = () => claims() ?? board()?.claims.open ?? 0;
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
      <Show when={!board.loading || board.latest} fallback={<p class="empty">{tj("loading")}</p>}>
        <Show
          when={!board.error}
          fallback={
            <p class="notice notice--error" role="alert">
              {tj("failed")}{" "}
              <button type="button" class="button button--secondary" onClick={() => void refetch()}>
                {t("common.retry")}
              </button>
            </p>
          }
        >
          <Show when={board.latest}>
            {(loaded) => (
              <>
                <p class="visit-card__meta">{tj("claims", { open: open(), limit: loaded().claims.limit })}</p>
                <Show when={loaded().items.length > 0} fallback={<p class="empty">{tj("empty")}</p>}>
                  <ul class="visit-cards">
                    <For each={loaded().items}>
                      {(job) => <JobCard job={job} onClaimed={() => setClaims(open() + 1)} />}
                    </For>
                  </ul>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
}
