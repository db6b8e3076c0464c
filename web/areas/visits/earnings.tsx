/**
 * The shopper's earnings (/earnings), phone first: totals by status, then each reported visit
 * with its fee, expense and status; on a visit with a reimbursement cap, "Add expense" (amount,
 * a receipt photo through the form's photo pipeline, a note). Online only, but nothing typed is
 * lost: the unsent amount and note stay in the phone's cache until they are sent.
 * A lazy route, reached from /jobs: nothing of it is in the first download.
 */
import "./visits.css";
import "./visits-after.css";
import "./earnings.css";
import type { InferResponseType } from "hono/client";
import { createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { Badge, type BadgeTone } from "../../components/badge";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem } from "../../lib/api";
import { localName } from "../../lib/formats";
import { cacheGet, cachePut } from "../../lib/local-store";
import { formatMoney, parseMoney } from "../../lib/money";
import { online } from "../../lib/network";
import { formatDate } from "../../lib/office-formats";
import { preparePhoto } from "../../lib/photos";
import { useAbilities } from "../../lib/session";
import { te } from "./earnings-i18n";
import { Loaded } from "./loaded";

type Earnings = InferResponseType<typeof api.me.earnings.$get, 200>;
type EarningItem = Earnings["items"][number];
type EarningStatus = EarningItem["status"];
type Expense = InferResponseType<(typeof api.assignments)[":id"]["expense"]["$put"], 200>["expense"];

const loadEarnings = () => call(api.me.earnings.$get());

const TONES: Record<EarningStatus, BadgeTone> = {
  awaiting_review: "neutral",
  payable: "accent",
  approved: "warning",
  paid: "success",
  withdrawn: "danger",
};

/** Expenses may change until the visit's earning is in a payout (or withdrawn). */
const editable = (item: EarningItem) =>
  item.reimbursementCapCents > 0 && (item.status === "awaiting_review" || item.status === "payable");

/** What is typed and not yet sent, kept on the phone per visit. */
interface ExpenseDraft {
  amount: string;
  note: string;
}
const draftKey = (assignmentId: string) => `expense-draft:${assignmentId}`;

/** "38.50" for 3850 (two decimals; what the field shows for a stored expense). */
const plain = (minor: number) => (minor / 100).toFixed(2);

function expenseError(error: unknown): string {
  if (!isProblem(error)) return te("errors.other");
  if (error.code === "stale_version") return te("errors.stale");
  if (error.code === "expense_locked") return te("errors.locked");
  if (error.code === "no_reimbursement") return te("errors.noReimbursement");
  if (error.errors.some((e) => e.path === "amountCents")) return te("errors.amount");
  if (error.errors.some((e) => e.path === "receiptSha256")) return te("errors.receipt");
  return te("errors.other");
}

/** The expense form of one visit: loads the stored expense (for its version), restores the phone's draft. */
function ExpenseForm(props: { item: EarningItem; currency: string; onSaved: (expense: Expense) => void }) {
  const id = () => props.item.assignmentId;
  const [amount, setAmount] = createSignal("");
  const [note, setNote] = createSignal("");
  const [stored, setStored] = createSignal<Expense | null>(null);
  const [photo, setPhoto] = createSignal<{ blob: Blob; sha256: string; contentType: "image/jpeg" }>();
  const [busy, setBusy] = createSignal(false);
  // The sentence is drawn from its maker on every render, so a language switch redraws it.
  const [error, setErrorOf] = createSignal<() => string>();
  const setError = (said?: () => string) => setErrorOf(() => said);
  // The chosen photo, shown small so the shopper sees it is the receipt.
  const preview = createMemo<string | undefined>((old) => {
    if (old) URL.revokeObjectURL(old);
    const chosen = photo();
    return chosen ? URL.createObjectURL(chosen.blob) : undefined;
  });
  onCleanup(() => {
    const url = preview();
    if (url) URL.revokeObjectURL(url);
  });
  const money = (minor: number) => formatMoney(minor, props.currency);

  async function loadStored(keepTyped: boolean) {
    try {
      const answer = await call(api.assignments[":id"].expense.$get({ param: { id: id() } }));
      setStored(answer.expense);
      if (answer.expense && !keepTyped) {
        setAmount(plain(answer.expense.amountCents));
        setNote(answer.expense.note);
      }
    } catch {
      // Offline or refused: the draft (if any) stays, and sending says what is wrong.
    }
  }

  onMount(async () => {
    const draft = await cacheGet<ExpenseDraft | null>(draftKey(id())).catch(() => undefined);
    const typed = draft?.value;
    if (typed) {
      setAmount(typed.amount);
      setNote(typed.note);
    }
    await loadStored(Boolean(typed));
  });

  const keepDraft = () => void cachePut(draftKey(id()), { amount: amount(), note: note() }).catch(() => undefined);

  async function choosePhoto(file: File | undefined) {
    setError(undefined);
    if (!file) return;
    try {
      setPhoto(await preparePhoto(file));
    } catch {
      setPhoto(undefined);
      setError(() => te("errors.photo"));
    }
  }

  async function send(event: SubmitEvent) {
    event.preventDefault();
    if (busy() || !online()) return;
    setError(undefined);
    const amountCents = parseMoney(amount(), props.currency);
    if (amountCents === undefined || amountCents <= 0) return setError(() => te("errors.amount"));
    const chosen = photo();
    const receiptSha256 = chosen?.sha256 ?? stored()?.receiptSha256;
    if (!receiptSha256) return setError(() => te("errors.receipt"));
    setBusy(true);
    try {
      if (chosen) {
        await call(
          api.evidence[":sha256"].$put(
            { param: { sha256: chosen.sha256 } },
            { init: { method: "PUT", body: chosen.blob, headers: { "Content-Type": chosen.contentType } } },
          ),
        );
      }
      const version = stored()?.version;
      const answer = await call(
        api.assignments[":id"].expense.$put({
          param: { id: id() },
          json: {
            amountCents,
            receiptSha256,
            ...(note().trim() ? { note: note().trim() } : {}),
            ...(version !== undefined ? { version } : {}),
          },
        }),
      );
      await cachePut(draftKey(id()), null).catch(() => undefined);
      setPhoto(undefined);
      props.onSaved(answer.expense);
    } catch (failed) {
      setError(() => expenseError(failed));
      if (isProblem(failed) && failed.code === "stale_version") await loadStored(false);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => `expense-${id()}-${name}`;
  return (
    <form class="expense-form" onSubmit={send} noValidate>
      <h3 class="expense-form__title">{te("form.title")}</h3>
      <div class="field">
        <label class="field__label" for={field("amount")}>
          {te("form.amount")}
        </label>
        <input
          class="input"
          id={field("amount")}
          name="amount"
          inputMode="decimal"
          autocomplete="off"
          value={amount()}
          onInput={(e) => {
            setAmount(e.currentTarget.value);
            keepDraft();
          }}
          aria-describedby={`${field("amount")}-hint`}
        />
        <p class="field__hint" id={`${field("amount")}-hint`}>
          {te("form.amountHint", { cap: money(props.item.reimbursementCapCents) })}
        </p>
      </div>
      <div class="field">
        <span class="field__label" id={`${field("receipt")}-label`}>
          {te("form.receipt")}
        </span>
        <label class="button button--secondary expense-form__take">
          <input
            class="visually-hidden"
            id={field("receipt")}
            name="receipt"
            type="file"
            accept="image/*"
            capture="environment"
            aria-labelledby={`${field("receipt")}-label`}
            aria-describedby={`${field("receipt")}-hint`}
            onChange={(e) => void choosePhoto(e.currentTarget.files?.[0])}
          />
          {photo() ? te("form.retake") : te("form.take")}
        </label>
        <Show when={preview()}>
          {(url) => <img class="expense-form__thumb" src={url()} alt={te("form.receipt")} />}
        </Show>
        <p class="field__hint" id={`${field("receipt")}-hint`}>
          {photo() ? te("form.receiptChosen") : stored() ? te("form.receiptKept") : te("form.receiptHint")}
        </p>
      </div>
      <div class="field">
        <label class="field__label" for={field("note")}>
          {te("form.note")}
        </label>
        <textarea
          class="input"
          id={field("note")}
          name="note"
          rows="2"
          maxLength={500}
          value={note()}
          onInput={(e) => {
            setNote(e.currentTarget.value);
            keepDraft();
          }}
        />
      </div>
      <Show when={!online()}>
        <p class="notice" role="status">
          {te("form.offline")}
        </p>
      </Show>
      <Show when={error()}>
        {(said) => (
          <p class="notice notice--error" role="alert">
            {said()()}
          </p>
        )}
      </Show>
      <button type="submit" class="button button--primary button--block" disabled={busy() || !online()}>
        {busy() ? te("form.saving") : te("form.save")}
      </button>
    </form>
  );
}

/** One visit's card; `saved` is its expense just sent (kept by the page: the list reloads after it). */
function EarningCard(props: {
  item: EarningItem;
  currency: string;
  saved: Expense | undefined;
  onSaved: (expense: Expense | undefined) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const money = (minor: number) => formatMoney(minor, props.currency);
  const branch = () => localName({ en: props.item.branchNameEn, zh: props.item.branchNameZh });
  return (
    <li class="visit-card earning-card">
      <div class="visit-card__head">
        <h2 class="earning-card__name">{branch()}</h2>
        <Badge tone={TONES[props.item.status]}>{te(`status.${props.item.status}`)}</Badge>
      </div>
      <p class="visit-card__meta">{formatDate(`${props.item.visitDate}T12:00:00Z`)}</p>
      <p class="visit-card__meta">
        {te("fee", { amount: money(props.item.feeCents) })}
        <Show when={props.item.reimbursementCapCents > 0}>
          {" · "}
          {te("cap", { amount: money(props.item.reimbursementCapCents) })}
        </Show>
      </p>
      <Show when={props.item.expenseCents !== null}>
        <p class="visit-card__meta">
          {te("expense", { amount: money(props.item.expenseCents ?? 0) })}
          {" · "}
          {te("reimbursed", { amount: money(props.item.reimbursementCents) })}
        </p>
      </Show>
      <Show when={props.item.paidAt}>
        {(paidAt) => <p class="visit-card__meta">{te("paidOn", { date: formatDate(paidAt()) })}</p>}
      </Show>
      <Show when={props.saved}>
        {(expense) => (
          <p class="notice notice--success" role="status">
            {expense().amountCents > expense().reimbursableCents
              ? te("form.capped", { amount: money(expense().reimbursableCents) })
              : te("form.saved", { amount: money(expense().reimbursableCents) })}
          </p>
        )}
      </Show>
      <Show when={editable(props.item)}>
        <Show
          when={open()}
          fallback={
            <button
              type="button"
              class="button button--secondary button--block"
              onClick={() => {
                props.onSaved(undefined);
                setOpen(true);
              }}
            >
              {props.item.expenseCents === null ? te("addExpense") : te("editExpense")}
            </button>
          }
        >
          <ExpenseForm
            item={props.item}
            currency={props.currency}
            onSaved={(expense) => {
              setOpen(false);
              props.onSaved(expense);
            }}
          />
          <button type="button" class="button button--secondary button--block" onClick={() => setOpen(false)}>
            {te("form.cancel")}
          </button>
        </Show>
      </Show>
    </li>
  );
}

/** The four totals, as a row of figures. */
function Totals(props: { earnings: Earnings }) {
  const rows = () =>
    [
      ["awaiting_review", props.earnings.totals.awaitingReviewCents],
      ["payable", props.earnings.totals.payableCents],
      ["approved", props.earnings.totals.approvedCents],
      ["paid", props.earnings.totals.paidCents],
    ] as const;
  return (
    <dl class="earning-totals" aria-label={te("totals.label")}>
      <For each={rows()}>
        {([status, minor]) => (
          <div class="earning-totals__item">
            <dt>{te(`totals.${status}`)}</dt>
            <dd>{formatMoney(minor, props.earnings.currency)}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

export default function EarningsPage() {
  const can = useAbilities();
  const [earnings, { refetch }] = createResource(() => can().earnings, loadEarnings);
  const [saved, setSaved] = createSignal<Record<string, Expense | undefined>>({});
  function onSaved(assignmentId: string, expense: Expense | undefined) {
    setSaved((old) => ({ ...old, [assignmentId]: expense }));
    if (expense) void refetch();
  }
  return (
    <Show when={can().earnings} fallback={<NoAccess />}>
      <div class="visits">
        <PageHeader title={te("title")} subtitle={te("intro")} back={{ href: "/jobs", label: te("back") }} />
        <Loaded resource={earnings} loading={te("loading")} failed={te("failed")} retry={refetch}>
          {(loaded) => (
            <>
              <Totals earnings={loaded()} />
              <Show when={loaded().items.length > 0} fallback={<p class="empty">{te("empty")}</p>}>
                <ul class="visit-cards" aria-label={te("visits")}>
                  <For each={loaded().items}>
                    {(item) => (
                      <EarningCard
                        item={item}
                        currency={loaded().currency}
                        saved={saved()[item.assignmentId]}
                        onSaved={(expense) => onSaved(item.assignmentId, expense)}
                      />
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Loaded>
      </div>
    </Show>
  );
}
