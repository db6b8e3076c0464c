/**
 * One corrective action (`/actions/:id`): what it fixes (the items, by label), who owns it and
 * when it is due, what was done, its history, and the steps the reader may take now: mark done
 * (a note, an optional photo), verify or return it with a reason (verifiers), reopen a verified
 * one, edit its title, owner and due date while open or done. Every change sends the version it
 * was based on; a 409 `stale_version` says someone else changed it, with a reload.
 */
import "./actions.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, type JSX, Match, Show, Suspense, Switch } from "solid-js";
import { TextField } from "../../components/field";
import { FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { SubmitButton } from "../../components/submit-button";
import { createFormState, type FormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { personName } from "../../lib/person-name";
import { useAbilities, useMe } from "../../lib/session";
import { VersionedFormError } from "../organisation/components/stale-notice";
import {
  type ActionChange,
  type ActionDetail,
  type ActionEvent,
  actionChanges,
  actionTitle,
  getAction,
  getActionFigures,
  getActions,
} from "./action-queries";
import { tx } from "./actions-i18n";
import {
  DueDateField,
  type OwnerChoice,
  OwnerField,
  ownerBody,
  ownerChoice,
  PhotoField,
  type PreparedPhoto,
  TextArea,
  uploadPhoto,
} from "./components/action-fields";
import { formatDay, StatusChips } from "./components/action-parts";

const FIELDS = ["note", "evidence", "reason", "title", "owner", "dueDate", "status"] as const;

/** After a change: the action, the board and the figures read again. */
const refresh = () => revalidate([getAction.key, getActions.key, getActionFigures.key]);

export default function ActionPage() {
  const params = useParams();
  const can = useAbilities();
  const action = createAsync(() => (can().actions ? getAction(params.id ?? "") : Promise.resolve(undefined)));
  return (
    <Show when={can().actions} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={action()}>{(a) => <ActionView action={a()} />}</Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}

function ActionView(props: { action: ActionDetail }) {
  const a = () => props.action;
  const [saved, setSaved] = createSignal<string>();
  return (
    <article class="actions-page action-detail">
      <PageHeader
        title={actionTitle(a())}
        subtitle={`${a().branch.code} ${localName(a().branch.name)}`}
        back={{ href: "/actions", label: tx("detail.back") }}
      />
      <StatusChips action={a()} />
      <dl class="facts action-detail__facts">
        <Fact label={tx("detail.owner")}>{personName(a().owner.name)}</Fact>
        <Fact label={tx("detail.dueDate")}>{formatDay(a().dueDate, true)}</Fact>
        <Fact label={tx("detail.report")}>
          <A href={`/reports/${a().auditId}`}>{tx("detail.openReport", { date: formatDay(a().visitDate) })}</A>
          <span class="facts__note">{localName(a().checklist.name)}</span>
        </Fact>
        <Fact label={tx("detail.created")}>{formatDateTime(a().createdAt)}</Fact>
      </dl>
      <section class="card actions-block" aria-labelledby="action-items">
        <h2 class="section-title" id="action-items">
          {tx("detail.items")}
        </h2>
        <ul class="action-items">
          <For each={a().items}>{(item) => <li>{localName(item.label) || item.itemKey}</li>}</For>
        </ul>
      </section>
      <Show when={a().doneNote || a().returnReason || a().verifiedBy}>
        <section class="card actions-block">
          <dl class="facts">
            <Show when={a().doneNote}>
              <Fact label={tx("detail.doneNote")}>
                <span class="action-detail__text">{a().doneNote}</span>
                <Show when={a().doneAt}>
                  {(at) => <span class="facts__note">{tx("detail.doneAt", { when: formatDateTime(at()) })}</span>}
                </Show>
              </Fact>
            </Show>
            <Show when={a().doneEvidence}>
              {(photo) => (
                <Fact label={tx("detail.donePhoto")}>
                  <a href={photo().url} target="_blank" rel="noopener">
                    <img class="action-detail__photo" src={photo().url} alt={tx("detail.donePhoto")} loading="lazy" />
                  </a>
                </Fact>
              )}
            </Show>
            <Show when={a().returnReason && a().status === "open"}>
              <Fact label={tx("detail.returnReason")}>
                <span class="action-detail__text">{a().returnReason}</span>
              </Fact>
            </Show>
            <Show when={a().verifiedBy}>
              {(by) => (
                <Fact label={tx(`status.${a().status}`)}>
                  {tx("detail.verifiedBy", { name: by().name })}
                  <Show when={a().closedAt}>
                    {(at) => <span class="facts__note">{tx("detail.closedAt", { when: formatDateTime(at()) })}</span>}
                  </Show>
                </Fact>
              )}
            </Show>
          </dl>
        </section>
      </Show>
      <FormSuccess message={saved()} />
      <NextSteps action={a()} onSaved={() => setSaved(tx("steps.saved"))} onStart={() => setSaved(undefined)} />
      <History events={a().history} />
    </article>
  );
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function History(props: { events: readonly ActionEvent[] }) {
  const label = (type: string) =>
    type.startsWith("action.") ? tx(`events.${type as "action.created"}`) || tx("events.other") : tx("events.other");
  const detail = (event: ActionEvent) => {
    const p = event.payload;
    const text = [p.note, p.reason].find((v): v is string => typeof v === "string" && v.length > 0);
    return text;
  };
  return (
    <section class="card actions-block" aria-labelledby="action-history">
      <h2 class="section-title" id="action-history">
        {tx("detail.history")}
      </h2>
      <Show when={props.events.length} fallback={<p>{tx("detail.noHistory")}</p>}>
        <ol class="action-history">
          <For each={props.events}>
            {(event) => (
              <li class="action-history__event" data-type={event.type}>
                <span class="action-history__what">{label(event.type)}</span>
                <span class="action-history__meta">
                  {`${formatDateTime(event.at)} · ${event.actor?.name ?? tx("detail.someone")}`}
                </span>
                <Show when={detail(event)}>{(text) => <span class="action-history__text">{text()}</span>}</Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

type Step = "done" | "return" | "reopen" | "edit";
type Change = Omit<ActionChange, "version">;

/** The steps this reader may take now, each opening its own small form. */
function NextSteps(props: { action: ActionDetail; onSaved: () => void; onStart: () => void }) {
  const can = useAbilities();
  const [open, setOpen] = createSignal<Step>();
  const form = createFormState();
  const status = () => props.action.status;
  const editable = () => can().writeActions && (status() === "open" || status() === "done");
  const steps = () => {
    const list: Step[] = [];
    if (can().writeActions && status() === "open") list.push("done");
    if (can().verifyActions && status() === "done") list.push("return");
    if (can().verifyActions && status() === "verified") list.push("reopen");
    if (editable()) list.push("edit");
    return list;
  };
  const canVerify = () => can().verifyActions && status() === "done";

  /** Sends a change (or one made first, such as a photo's upload), with the version it is based on. */
  async function send(change: Change | (() => Promise<Change>)) {
    props.onStart();
    const result = await form.run(async () => {
      const body = typeof change === "function" ? await change() : change;
      return actionChanges.change(props.action.id, { version: props.action.version, ...body });
    });
    if (result) {
      setOpen(undefined);
      await refresh();
      props.onSaved();
    }
    return result;
  }
  const reload = async () => {
    form.clear();
    setOpen(undefined);
    await refresh();
  };
  const begin = (step: Step) => {
    form.clear();
    props.onStart();
    setOpen(open() === step ? undefined : step);
  };

  return (
    <section class="card actions-block action-steps" aria-labelledby="action-next">
      <h2 class="section-title" id="action-next">
        {tx("detail.next")}
      </h2>
      <Show when={steps().length || canVerify()} fallback={<p>{tx("detail.nothingNext")}</p>}>
        <div class="action-steps__buttons">
          <Show when={canVerify()}>
            <SubmitButton
              type="button"
              pending={form.pending() && !open()}
              label={tx("steps.verify")}
              pendingLabel={tx("steps.sending")}
              onClick={() => void send({ status: "verified" })}
            />
          </Show>
          <For each={steps()}>
            {(step) => (
              <button
                type="button"
                class="button"
                classList={{
                  "button--primary": step === "done",
                  "button--secondary": step !== "done",
                }}
                aria-expanded={open() === step}
                onClick={() => begin(step)}
              >
                {tx(`steps.${step}`)}
              </button>
            )}
          </For>
        </div>
        <Show when={!open()}>
          <VersionedFormError problem={form.formProblem()} fields={FIELDS} onReload={reload} />
        </Show>
        <Switch>
          <Match when={open() === "done"}>
            <DoneForm form={form} onSend={send} onCancel={() => setOpen(undefined)} onReload={reload} />
          </Match>
          <Match when={open() === "return" || open() === "reopen"}>
            <ReasonForm
              step={open() as "return" | "reopen"}
              form={form}
              onSend={send}
              onCancel={() => setOpen(undefined)}
              onReload={reload}
            />
          </Match>
          <Match when={open() === "edit"}>
            <EditForm
              action={props.action}
              form={form}
              onSend={send}
              onCancel={() => setOpen(undefined)}
              onReload={reload}
            />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}

interface StepFormProps {
  form: FormState;
  onSend: (change: Change | (() => Promise<Change>)) => Promise<unknown>;
  onCancel: () => void;
  onReload: () => void;
}

function FormButtons(props: { form: FormState; label: string; onCancel: () => void }) {
  return (
    <div class="form__actions">
      <SubmitButton pending={props.form.pending()} label={props.label} pendingLabel={tx("steps.sending")} />
      <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
        {tx("steps.cancel")}
      </button>
    </div>
  );
}

function DoneForm(props: StepFormProps) {
  const [note, setNote] = createSignal("");
  const [photo, setPhoto] = createSignal<PreparedPhoto>();
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const chosen = photo();
    const text = note().trim();
    void props.onSend(async () => ({
      status: "done",
      note: text,
      evidence: chosen ? await uploadPhoto(chosen) : undefined,
    }));
  }
  return (
    <form class="action-form" onSubmit={submit} aria-labelledby="done-title" noValidate>
      <h3 class="action-form__title" id="done-title">
        {tx("steps.doneTitle")}
      </h3>
      <TextArea
        name="note"
        label={tx("steps.note")}
        hint={tx("steps.noteHint")}
        value={note()}
        onInput={setNote}
        maxLength={2000}
        error={props.form.errorFor("note")}
      />
      <PhotoField value={photo()} onChange={setPhoto} error={props.form.errorFor("evidence")} />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} label={tx("steps.done")} onCancel={props.onCancel} />
    </form>
  );
}

function ReasonForm(props: StepFormProps & { step: "return" | "reopen" }) {
  const [reason, setReason] = createSignal("");
  function submit(event: SubmitEvent) {
    event.preventDefault();
    void props.onSend({ status: "open", reason: reason().trim() });
  }
  return (
    <form class="action-form" onSubmit={submit} aria-labelledby="reason-title" noValidate>
      <h3 class="action-form__title" id="reason-title">
        {tx(props.step === "return" ? "steps.returnTitle" : "steps.reopenTitle")}
      </h3>
      <TextArea
        name="reason"
        label={tx("steps.reason")}
        hint={tx("steps.reasonHint")}
        value={reason()}
        onInput={setReason}
        maxLength={2000}
        error={props.form.errorFor("reason")}
      />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} label={tx(`steps.${props.step}`)} onCancel={props.onCancel} />
    </form>
  );
}

function EditForm(props: StepFormProps & { action: ActionDetail }) {
  const me = useMe();
  const [title, setTitle] = createSignal(props.action.title);
  const [owner, setOwner] = createSignal<OwnerChoice>(ownerChoice(props.action.owner, me().user.id));
  const [dueDate, setDueDate] = createSignal(props.action.dueDate);
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const change: Change = {};
    if (title().trim() !== props.action.title) change.title = title().trim();
    const body = ownerBody(owner(), me().user.id);
    const before = props.action.owner;
    const same = "userId" in body ? body.userId === before.userId : !before.userId && body.name === before.name;
    if (!same) change.owner = body;
    if (dueDate() !== props.action.dueDate) change.dueDate = dueDate();
    if (Object.keys(change).length === 0) return props.onCancel();
    void props.onSend(change);
  }
  return (
    <form class="action-form" onSubmit={submit} aria-labelledby="edit-title" noValidate>
      <h3 class="action-form__title" id="edit-title">
        {tx("steps.editTitle")}
      </h3>
      <TextField
        name="title"
        label={tx("form.what")}
        value={title()}
        onInput={setTitle}
        maxLength={500}
        error={props.form.errorFor("title")}
      />
      <OwnerField
        value={owner()}
        onChange={setOwner}
        error={props.form.errorFor("owner")}
        current={props.action.owner}
      />
      <DueDateField value={dueDate()} onChange={setDueDate} error={props.form.errorFor("dueDate")} />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} label={tx("steps.edit")} onCancel={props.onCancel} />
    </form>
  );
}
