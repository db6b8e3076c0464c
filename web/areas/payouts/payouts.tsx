/**
 * Payouts (admins; docs/PAYOUTS.md): what published visits would pay now, per shopper, approved
 * as one batch; the batches; one batch with its lines, its CSV and "Mark as paid". One lazy chunk
 * and one route for both pages (`/payouts/*page` in main.tsx), never in a shopper's download.
 */
import "../planning/rounds.css";
import "./payouts.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { TextField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { formatMoney } from "../../lib/money";
import { formatDateTime } from "../../lib/office-formats";
import { personName } from "../../lib/person-name";
import { useAbilities } from "../../lib/session";
import {
  getPayable,
  getPayout,
  getPayouts,
  type PayableShopper,
  type PayableSummary,
  type PayoutItem,
  payoutCsvUrl,
  payoutKeys,
} from "./payout-queries";
import { tr } from "./payouts-i18n";

/** A notice kept as its key, translated when drawn (so it follows the language switch). */
type Said =
  | "payable.approved"
  | "payable.noneSelected"
  | "payable.nothing"
  | "batch.paidNow"
  | "batch.stale"
  | "batch.alreadyPaid";
const said = (key: Said | undefined): string | undefined => (key ? (tr(key) as string) : undefined);

/** Shoppers' rows with their figures: the payable list and a batch's lines. */
function ShopperTable(props: {
  caption: string;
  rows: PayableShopper[];
  currency: string;
  selected?: (id: string) => boolean;
  onToggle?: (id: string, on: boolean) => void;
}) {
  const money = (cents: number) => formatMoney(cents, props.currency);
  return (
    <div class="round-table-scroll">
      <table class="round-table payout-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <Show when={props.onToggle}>
              <th scope="col" class="payout-table__check">
                <span class="visually-hidden">{tr("payable.all")}</span>
              </th>
            </Show>
            <th scope="col">{tr("payable.shopper")}</th>
            <th scope="col" class="num">
              {tr("payable.visits")}
            </th>
            <th scope="col" class="num">
              {tr("payable.fees")}
            </th>
            <th scope="col" class="num">
              {tr("payable.reimbursements")}
            </th>
            <th scope="col" class="num">
              {tr("payable.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <Show when={props.onToggle}>
                  {(toggle) => (
                    <td class="payout-table__check">
                      <input
                        class="check__box"
                        type="checkbox"
                        checked={props.selected?.(row.shopperId) ?? false}
                        aria-label={tr("payable.select", { name: personName(row.name) })}
                        onChange={(e) => toggle()(row.shopperId, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                </Show>
                <th scope="row">
                  <span class="payout-table__name">{personName(row.name)}</span>
                  <span class="payout-table__email">{row.email}</span>
                </th>
                <td class="num">{row.visits}</td>
                <td class="num">{money(row.feeCents)}</td>
                <td class="num">{money(row.reimbursementCents)}</td>
                <td class="num payout-table__total">{money(row.totalCents)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** The payable shoppers with check boxes and "Approve payout" (one client id per batch: a double click approves one). */
function PayableForm(props: { summary: PayableSummary }) {
  const form = createFormState();
  // Unticked shoppers: anyone new in the list starts ticked.
  const [excluded, setExcluded] = createSignal<ReadonlySet<string>>(new Set());
  const [note, setNote] = createSignal("");
  const [clientId, setClientId] = createSignal(crypto.randomUUID());
  const [confirming, setConfirming] = createSignal(false);
  // Keys, not sentences: a language switch redraws what was said too.
  const [notice, setNotice] = createSignal<"payable.approved">();
  const [warning, setWarning] = createSignal<"payable.noneSelected" | "payable.nothing">();
  const money = (cents: number) => formatMoney(cents, props.summary.currency);

  const chosen = createMemo(() => props.summary.shoppers.filter((s) => !excluded().has(s.shopperId)));
  const sum = (key: "visits" | "totalCents") => chosen().reduce((total, s) => total + s[key], 0);
  const toggle = (id: string, on: boolean) =>
    setExcluded((old) => {
      const next = new Set(old);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  function ask() {
    setNotice(undefined);
    setWarning(chosen().length === 0 ? "payable.noneSelected" : undefined);
    if (chosen().length > 0) setConfirming(true);
  }

  async function approve() {
    const body = {
      id: clientId(),
      shopperIds: chosen().map((s) => s.shopperId),
      ...(note().trim() ? { note: note().trim() } : {}),
    };
    const done = await form.run(() => call(api.payouts.$post({ json: body })));
    setConfirming(false);
    if (!done) {
      if (isProblem(form.problem()) && form.problem()?.code === "nothing_payable") {
        form.clear();
        setWarning("payable.nothing");
        await revalidate(payoutKeys);
      }
      return;
    }
    // The next batch is another one.
    setClientId(crypto.randomUUID());
    setNote("");
    setExcluded(new Set<string>());
    setNotice("payable.approved");
    await revalidate(payoutKeys);
  }

  return (
    <section class="card payout-section" aria-labelledby="payable-title">
      <h2 class="card__title" id="payable-title">
        {tr("payable.title")}
      </h2>
      <FormSuccess message={said(notice())} />
      <Show when={props.summary.shoppers.length > 0} fallback={<Empty>{tr("payable.empty")}</Empty>}>
        <ShopperTable
          caption={tr("payable.selected", chosen().length)}
          rows={props.summary.shoppers}
          currency={props.summary.currency}
          selected={(id) => !excluded().has(id)}
          onToggle={toggle}
        />
        <p class="payout-sum">
          {tr("payable.total")}: <strong>{money(sum("totalCents"))}</strong>
        </p>
        <TextField
          name="note"
          label={tr("payable.note")}
          hint={tr("payable.noteHint")}
          value={note()}
          onInput={setNote}
          error={form.errorFor("note")}
          maxLength={500}
          optional
        />
        <Show when={said(warning())}>
          <p class="notice notice--error" role="alert">
            {said(warning())}
          </p>
        </Show>
        <FormError problem={form.formProblem()} fields={["note"]} />
        <div class="form__actions">
          <button type="button" class="button button--primary" disabled={form.pending()} onClick={ask}>
            {tr("payable.approve")}
          </button>
        </div>
      </Show>
      <ConfirmDialog
        open={confirming()}
        title={tr("payable.confirmTitle")}
        confirmLabel={tr("payable.confirm", { total: money(sum("totalCents")) })}
        cancelLabel={tr("payable.keep")}
        pendingLabel={tr("payable.approving")}
        pending={form.pending()}
        onConfirm={() => void approve()}
        onClose={() => setConfirming(false)}
      >
        <p>
          {tr("payable.confirmBody", {
            total: money(sum("totalCents")),
            visits: sum("visits"),
            shoppers: chosen().length,
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** "5 Dec 2026, 10:00 by Ada Admin", or nothing yet. */
function byWhom(at: string | null, name: string | null): string {
  return at ? tr("batches.by", { when: formatDateTime(at), name: name ?? "" }) : "–";
}

function StatusBadge(props: { status: PayoutItem["status"] }) {
  return <Badge tone={props.status === "paid" ? "success" : "accent"}>{tr(`status.${props.status}`)}</Badge>;
}

/** Every batch, newest first: status, counts, total, who approved and paid it and when. */
function Batches(props: { currency: string; payouts: PayoutItem[] }) {
  return (
    <section class="card payout-section" aria-labelledby="batches-title">
      <h2 class="card__title" id="batches-title">
        {tr("batches.title")}
      </h2>
      <Show when={props.payouts.length > 0} fallback={<Empty>{tr("batches.empty")}</Empty>}>
        <div class="round-table-scroll">
          <table class="round-table payout-table" aria-labelledby="batches-title">
            <thead>
              <tr>
                <th scope="col">{tr("batches.approved")}</th>
                <th scope="col">{tr("batches.status")}</th>
                <th scope="col" class="num">
                  {tr("batches.shoppers")}
                </th>
                <th scope="col" class="num">
                  {tr("batches.visits")}
                </th>
                <th scope="col" class="num">
                  {tr("batches.total")}
                </th>
                <th scope="col">{tr("batches.paid")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.payouts}>
                {(payout) => (
                  <tr>
                    <th scope="row">
                      <A href={`/payouts/${payout.id}`}>{byWhom(payout.approvedAt, payout.approvedByName)}</A>
                    </th>
                    <td>
                      <StatusBadge status={payout.status} />
                    </td>
                    <td class="num">{payout.shopperCount}</td>
                    <td class="num">{payout.visitCount}</td>
                    <td class="num payout-table__total">{formatMoney(payout.totalCents, props.currency)}</td>
                    <td>{byWhom(payout.paidAt, payout.paidByName)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

/** `/payouts`: what is payable now and the batches. */
export function PayoutsPage() {
  const can = useAbilities();
  const payable = createAsync(() => (can().payouts ? getPayable() : Promise.resolve(undefined)));
  const payouts = createAsync(() => (can().payouts ? getPayouts() : Promise.resolve(undefined)));
  return (
    <Show when={can().payouts} fallback={<NoAccess />}>
      <PageHeader title={tr("title")} subtitle={tr("intro")} />
      <Show when={payable()}>{(summary) => <PayableForm summary={summary()} />}</Show>
      <Show when={payouts()}>{(list) => <Batches currency={list().currency} payouts={list().payouts} />}</Show>
    </Show>
  );
}

/** `/payouts/:id`: one batch, its lines, the CSV and "Mark as paid" (with the version it was read at). */
export function PayoutPage() {
  const can = useAbilities();
  const params = useParams();
  const detail = createAsync(() => (can().payouts ? getPayout(params.page ?? "") : Promise.resolve(undefined)));
  const form = createFormState();
  const [confirming, setConfirming] = createSignal(false);
  // Keys, not sentences: a language switch redraws what was said too.
  const [notice, setNotice] = createSignal<"batch.paidNow">();
  const [warning, setWarning] = createSignal<"batch.stale" | "batch.alreadyPaid">();

  async function markPaid() {
    const payout = detail()?.payout;
    if (!payout) return;
    setNotice(undefined);
    setWarning(undefined);
    const done = await form.run(() =>
      call(api.payouts[":id"].paid.$post({ param: { id: payout.id }, json: { version: payout.version } })),
    );
    setConfirming(false);
    const code = form.problem()?.code;
    if (!done && (code === "stale_version" || code === "payout_paid")) {
      form.clear();
      setWarning(code === "stale_version" ? "batch.stale" : "batch.alreadyPaid");
    } else if (done) setNotice("batch.paidNow");
    await revalidate(payoutKeys);
  }

  return (
    <Show when={can().payouts} fallback={<NoAccess />}>
      <Show when={detail()}>
        {(d) => {
          const money = (cents: number) => formatMoney(cents, d().currency);
          return (
            <>
              <PageHeader
                title={tr("batch.title", { when: formatDateTime(d().payout.approvedAt) })}
                back={{ href: "/payouts", label: tr("batch.back") }}
                actions={
                  <>
                    <a class="button button--secondary" href={payoutCsvUrl(d().payout.id)} download="">
                      {tr("batch.csv")}
                    </a>
                    <Show when={d().payout.status === "approved"}>
                      <button type="button" class="button button--primary" onClick={() => setConfirming(true)}>
                        {tr("batch.markPaid")}
                      </button>
                    </Show>
                  </>
                }
              />
              <FormSuccess message={said(notice())} />
              <Show when={said(warning())}>
                <p class="notice notice--error" role="alert">
                  {said(warning())}
                </p>
              </Show>
              <FormError problem={form.formProblem()} fields={[]} />
              <dl class="facts">
                <div>
                  <dt>{tr("batches.status")}</dt>
                  <dd>
                    <StatusBadge status={d().payout.status} />
                  </dd>
                </div>
                <div>
                  <dt>{tr("batches.approved")}</dt>
                  <dd>{byWhom(d().payout.approvedAt, d().payout.approvedByName)}</dd>
                </div>
                <div>
                  <dt>{tr("batches.paid")}</dt>
                  <dd>{byWhom(d().payout.paidAt, d().payout.paidByName)}</dd>
                </div>
                <div>
                  <dt>{tr("batch.fees")}</dt>
                  <dd>{money(d().payout.feeCents)}</dd>
                </div>
                <div>
                  <dt>{tr("batch.reimbursements")}</dt>
                  <dd>{money(d().payout.reimbursementCents)}</dd>
                </div>
                <div>
                  <dt>{tr("batch.total")}</dt>
                  <dd class="payout-table__total">{money(d().payout.totalCents)}</dd>
                </div>
                <Show when={d().payout.note}>
                  <div>
                    <dt>{tr("batch.note")}</dt>
                    <dd>{d().payout.note}</dd>
                  </div>
                </Show>
              </dl>
              <section class="card payout-section">
                <ShopperTable caption={tr("batch.lines")} rows={d().lines} currency={d().currency} />
              </section>
              <ConfirmDialog
                open={confirming()}
                title={tr("batch.confirmTitle")}
                confirmLabel={tr("batch.markPaid")}
                cancelLabel={tr("batch.keep")}
                pendingLabel={tr("batch.marking")}
                pending={form.pending()}
                onConfirm={() => void markPaid()}
                onClose={() => setConfirming(false)}
              >
                <p>
                  {tr("batch.confirmBody", { total: money(d().payout.totalCents), shoppers: d().payout.shopperCount })}
                </p>
              </ConfirmDialog>
            </>
          );
        }}
      </Show>
    </Show>
  );
}

/** `/payouts` and `/payouts/:id`, told apart by the rest of the path. */
export default function Payouts() {
  const params = useParams();
  return (
    <Show when={params.page} fallback={<PayoutsPage />}>
      <PayoutPage />
    </Show>
  );
}
