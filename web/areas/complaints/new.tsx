/**
 * The phone-first complaint form (`/complaints/new`): a branch manager records the key facts in
 * under a minute. Branch (preselected when they run one), the channel as big buttons, product,
 * what went wrong, what the customer wants, contact details behind the consent tick, purchase
 * date and place, categories from the checklists, tags; for a phone call, its transcript. Every keystroke is kept on the phone
 * (components/complaint-outbox.tsx) with the id made once per form: a double tap or a retry
 * makes one complaint; with no network it waits on the phone and sends itself later.
 */
import "./complaints.css";
import { createAsync, useNavigate } from "@solidjs/router";
import { batch, createEffect, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { SelectField, TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { isProblem } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities, useMe } from "../../lib/session";
import { TextArea } from "../actions/components/action-fields";
import { getBranches } from "../organisation/queries";
import { COMPLAINT_CHANNELS, complaintChanges, type NewComplaint } from "./complaint-queries";
import { tc } from "./complaints-i18n";
import { CategoryPicker } from "./components/category-picker";
import {
  type ComplaintDraft,
  dropDraft,
  enqueue,
  loadDraft,
  saveDraft,
  WaitingOnPhone,
} from "./components/complaint-outbox";

const FIELDS = [
  "branchId",
  "channel",
  "receivedAt",
  "product",
  "problem",
  "wants",
  "customer",
  "purchaseDate",
  "purchasePlace",
  "categories",
  "tags",
  "transcript",
] as const;

/** Now as a `datetime-local` value in the phone's clock. */
function localNow(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function blank(branchId: string): ComplaintDraft {
  return {
    id: crypto.randomUUID(),
    savedAt: new Date().toISOString(),
    branchId,
    channel: "",
    receivedAt: localNow(),
    product: "",
    problem: "",
    wants: "",
    consent: false,
    name: "",
    phone: "",
    email: "",
    purchaseDate: "",
    purchasePlace: "",
    categories: [],
    tags: "",
    transcript: "",
  };
}

const optional = (value: string) => value.trim() || undefined;

/** The API's body from the draft: empty fields left out, contact only with consent. */
function bodyOf(d: ComplaintDraft): NewComplaint {
  const contact = { name: optional(d.name), phone: optional(d.phone), email: optional(d.email) };
  const tags = d.tags
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  return {
    id: d.id,
    branchId: d.branchId,
    channel: d.channel as NewComplaint["channel"],
    receivedAt: new Date(d.receivedAt || localNow()).toISOString(),
    problem: d.problem.trim(),
    product: optional(d.product),
    wants: optional(d.wants),
    purchaseDate: optional(d.purchaseDate),
    purchasePlace: optional(d.purchasePlace),
    customer: d.consent ? { ...contact, consent: true } : undefined,
    categories: d.categories.length ? d.categories : undefined,
    tags: tags.length ? tags : undefined,
    transcript: d.channel === "phone" ? optional(d.transcript ?? "") : undefined,
  };
}

export default function NewComplaintPage() {
  const can = useAbilities();
  return (
    <Show when={can().writeComplaints} fallback={<NoAccess />}>
      <ComplaintForm />
    </Show>
  );
}

function ComplaintForm() {
  const me = useMe();
  const navigate = useNavigate();
  const id = createUniqueId();
  const own = () => (me().scope.branchIds.length === 1 ? (me().scope.branchIds[0] ?? "") : "");
  const kept = loadDraft();
  const [draft, setDraft] = createStore<ComplaintDraft>(kept ?? blank(own()));
  const [restored, setRestored] = createSignal(kept ? kept.savedAt : undefined);
  const [queued, setQueued] = createSignal(false);
  const branches = createAsync(() => getBranches({ limit: 200 }));
  const form = createFormState();
  /** The error on one contact field (`customer.phone`); the consent's goes on the name. */
  const contactError = (field: "name" | "phone" | "email") =>
    form
      .problem()
      ?.errors.find((e) => e.path === `customer.${field}` || (field === "name" && e.path === "customer.consent"));

  // Everything typed stays on the phone until the complaint is sent.
  createEffect(
    on(
      () => JSON.stringify(draft),
      (text) => saveDraft({ ...(JSON.parse(text) as ComplaintDraft), savedAt: new Date().toISOString() }),
      { defer: true },
    ),
  );

  const set =
    <K extends keyof ComplaintDraft>(key: K) =>
    (value: ComplaintDraft[K]) => {
      setQueued(false);
      setDraft(key, value);
    };

  function startAgain() {
    if (!window.confirm(tc("form.discardConfirm"))) return;
    dropDraft();
    batch(() => {
      setDraft(blank(own()));
      setRestored(undefined);
      form.clear();
    });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const body = bodyOf(draft);
    const result = await form.run(async () => {
      try {
        return await complaintChanges.create(body);
      } catch (error) {
        if (isProblem(error) && error.status === 0) {
          enqueue(body);
          return "queued" as const;
        }
        throw error;
      }
    }, event.currentTarget as HTMLFormElement);
    if (!result) return;
    dropDraft();
    if (result === "queued") {
      batch(() => {
        setDraft(blank(own()));
        setRestored(undefined);
        setQueued(true);
      });
      window.scrollTo({ top: 0 });
      return;
    }
    navigate(`/complaints/${result.complaint.id}`);
  }

  return (
    <div class="complaints-page complaint-new">
      <PageHeader
        title={tc("form.title")}
        subtitle={tc("form.subtitle")}
        back={{ href: "/complaints", label: tc("detail.back") }}
      />
      <WaitingOnPhone />
      <Show when={queued()}>
        <p class="notice notice--warning" role="status" data-testid="complaint-queued">
          {tc("form.queued")}
        </p>
      </Show>
      <Show when={restored()}>
        {(when) => (
          <p class="notice complaint-new__restored" role="status">
            {tc("form.draftKept", { when: formatDateTime(when()) })}
          </p>
        )}
      </Show>
      <form class="form complaint-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h2 class="visually-hidden" id={`${id}-title`}>
          {tc("form.title")}
        </h2>
        <SelectField
          name="branchId"
          label={tc("form.branch")}
          value={draft.branchId}
          placeholder="—"
          options={(branches()?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${localName(b.name)}` }))}
          onChange={set("branchId")}
          error={form.errorFor("branchId")}
          required
        />
        <fieldset class="field complaint-channels">
          <legend class="field__label">{tc("form.channel")}</legend>
          <div class="complaint-channels__buttons">
            <For each={COMPLAINT_CHANNELS}>
              {(channel) => (
                <button
                  type="button"
                  class="complaint-big-button"
                  aria-pressed={draft.channel === channel}
                  data-channel={channel}
                  onClick={() => set("channel")(channel)}
                >
                  {tc(`channel.${channel}`)}
                </button>
              )}
            </For>
          </div>
          <div class="field__error" aria-live="polite">
            <Show when={form.errorFor("channel")}>{(error) => <p>{fieldErrorMessage(error())}</p>}</Show>
          </div>
        </fieldset>
        <Show when={draft.channel === "phone"}>
          <TextArea
            name="transcript"
            label={tc("form.transcript")}
            hint={tc("form.transcriptHint")}
            value={draft.transcript ?? ""}
            onInput={set("transcript")}
            maxLength={50_000}
            error={form.errorFor("transcript")}
          />
        </Show>
        <TextField
          name="product"
          label={tc("form.product")}
          hint={tc("form.productHint")}
          value={draft.product}
          onInput={set("product")}
          maxLength={200}
          optional
          error={form.errorFor("product")}
        />
        <TextArea
          name="problem"
          label={tc("form.problem")}
          hint={tc("form.problemHint")}
          value={draft.problem}
          onInput={set("problem")}
          maxLength={4000}
          error={form.errorFor("problem")}
        />
        <TextArea
          name="wants"
          label={tc("form.wants")}
          value={draft.wants}
          onInput={set("wants")}
          maxLength={2000}
          error={form.errorFor("wants")}
        />
        <fieldset class="field complaint-customer">
          <legend class="field__label">{tc("form.customer")}</legend>
          <label class="check complaint-consent">
            <input
              class="check__box"
              type="checkbox"
              name="consent"
              checked={draft.consent}
              onChange={(e) => set("consent")(e.currentTarget.checked)}
            />
            <span class="check__label">{tc("form.consent")}</span>
          </label>
          <Show when={!draft.consent}>
            <p class="field__hint">{tc("form.consentHint")}</p>
          </Show>
          <fieldset class="complaint-customer__fields" disabled={!draft.consent}>
            <TextField
              name="customerName"
              label={tc("form.name")}
              value={draft.name}
              onInput={set("name")}
              maxLength={120}
              autocomplete="off"
              optional
              error={contactError("name")}
            />
            <TextField
              name="customerPhone"
              label={tc("form.phone")}
              type="tel"
              inputMode="tel"
              value={draft.phone}
              onInput={set("phone")}
              maxLength={40}
              autocomplete="off"
              optional
              error={contactError("phone")}
            />
            <TextField
              name="customerEmail"
              label={tc("form.email")}
              type="email"
              inputMode="email"
              value={draft.email}
              onInput={set("email")}
              maxLength={254}
              autocomplete="off"
              optional
              error={contactError("email")}
            />
          </fieldset>
        </fieldset>
        <fieldset class="field complaint-purchase">
          <legend class="field__label">{tc("form.purchase")}</legend>
          <div class="complaint-purchase__row">
            <div class="field">
              <label class="field__label" for={`${id}-bought`}>
                {tc("form.purchaseDate")}
              </label>
              <input
                class="input"
                id={`${id}-bought`}
                name="purchaseDate"
                type="date"
                value={draft.purchaseDate}
                onInput={(e) => set("purchaseDate")(e.currentTarget.value)}
              />
            </div>
            <TextField
              name="purchasePlace"
              label={tc("form.purchasePlace")}
              value={draft.purchasePlace}
              onInput={set("purchasePlace")}
              maxLength={200}
              optional
              error={form.errorFor("purchasePlace")}
            />
          </div>
          <div class="field">
            <label class="field__label" for={`${id}-received`}>
              {tc("form.receivedAt")}
            </label>
            <input
              class="input"
              id={`${id}-received`}
              name="receivedAt"
              type="datetime-local"
              value={draft.receivedAt}
              max={localNow()}
              onInput={(e) => set("receivedAt")(e.currentTarget.value)}
            />
          </div>
        </fieldset>
        <CategoryPicker value={draft.categories} onChange={(value) => set("categories")(value)} />
        <TextField
          name="tags"
          label={tc("form.tags")}
          hint={tc("form.tagsHint")}
          value={draft.tags}
          onInput={set("tags")}
          maxLength={400}
          optional
          error={form.errorFor("tags")}
        />
        <FormError problem={form.formProblem()} fields={FIELDS} />
        <div class="form__actions complaint-form__actions">
          <SubmitButton pending={form.pending()} label={tc("form.send")} pendingLabel={tc("form.sending")} />
          <button type="button" class="button button--secondary" onClick={startAgain}>
            {tc("form.discard")}
          </button>
        </div>
      </form>
    </div>
  );
}
