/**
 * "Create action" under an item that lost points in a published report (the report page's
 * `itemExtra`): what will change, who owns it (me, a member, or a name), the due date (two
 * weeks from today unless changed) and every failed item of the report it covers, the one it
 * was opened from ticked. Loaded lazily by the report page, only for readers who may write actions.
 */
import "../actions.css";
import { revalidate } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import type { ScoreResult } from "../../../../worker/domain/scoring";
import { FormError } from "../../../components/form-error";
import { A } from "../../../components/link";
import { SubmitButton } from "../../../components/submit-button";
import { fieldErrorMessage } from "../../../lib/field-errors";
import { createFormState } from "../../../lib/form";
import { localName } from "../../../lib/formats";
import { useMe } from "../../../lib/session";
import { addDays } from "../../planning/window-days";
import { type Action, actionChanges, getActionFigures, getActions, getReportActions } from "../action-queries";
import { tx } from "../actions-i18n";
import { DueDateField, type OwnerChoice, OwnerField, ownerBody, TextArea, today } from "./action-fields";

/** How many days a new action has by default. */
export const DEFAULT_DUE_DAYS = 14;

/** Keys of the items that lost points (counted, below full marks), in the report's order. */
export function lostPointItems(result: ScoreResult): string[] {
  return result.sections.flatMap((s) =>
    s.items.filter((i) => i.counted && i.ratio !== null && i.ratio < 1).map((i) => i.key),
  );
}

const FIELDS = ["title", "itemKeys", "owner", "dueDate"] as const;

export default function CreateAction(props: {
  auditId: string;
  itemKey: string;
  result: ScoreResult;
  document: ChecklistDocument;
}) {
  const me = useMe();
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [created, setCreated] = createSignal<Action>();
  const [title, setTitle] = createSignal("");
  const [keys, setKeys] = createSignal<string[]>([props.itemKey]);
  const [owner, setOwner] = createSignal<OwnerChoice>({ kind: "me" });
  const [dueDate, setDueDate] = createSignal(addDays(today(), DEFAULT_DUE_DAYS));
  const form = createFormState();
  // The action's id, made once per form: a retried or double-sent creation makes one action.
  const actionId = crypto.randomUUID();
  const prompts = new Map(
    props.document.sections.flatMap((s) => s.items.map((i) => [i.key, localName(i.prompt) || i.key] as const)),
  );
  const prompt = (key: string) => prompts.get(key) ?? key;
  const failed = () => lostPointItems(props.result);

  const toggle = (key: string, on: boolean) =>
    setKeys((list) => (on ? failed().filter((k) => k === key || list.includes(k)) : list.filter((k) => k !== key)));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const action = await form.run(
      () =>
        actionChanges.create({
          id: actionId,
          auditId: props.auditId,
          itemKeys: keys(),
          title: title().trim(),
          owner: ownerBody(owner(), me().user.id),
          dueDate: dueDate(),
        }),
      event.currentTarget as HTMLFormElement,
    );
    if (action) {
      setCreated(action);
      setOpen(false);
      void revalidate([getActions.key, getActionFigures.key, getReportActions.key]);
    }
  }

  return (
    <div class="create-action no-print">
      <Show when={created()}>
        {(action) => (
          <p class="notice notice--success" role="status">
            {tx("form.created")} <A href={`/actions/${action().id}`}>{tx("form.openCreated")}</A>
          </p>
        )}
      </Show>
      <Show
        when={open()}
        fallback={
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={tx("form.openLabel", { item: prompt(props.itemKey) })}
            onClick={() => {
              setCreated(undefined);
              setOpen(true);
            }}
          >
            {tx("form.open")}
          </button>
        }
      >
        <form class="action-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <h4 class="action-form__title" id={`${id}-title`}>
            {tx("form.heading")}
          </h4>
          <TextArea
            name="title"
            label={tx("form.what")}
            hint={tx("form.whatHint")}
            value={title()}
            onInput={setTitle}
            maxLength={500}
            error={form.errorFor("title")}
          />
          <fieldset class="field action-form__items">
            <legend class="field__label">{tx("form.items")}</legend>
            <p class="field__hint">{tx("form.itemsHint")}</p>
            <For each={failed()}>
              {(key) => (
                <label class="check">
                  <input
                    class="check__box"
                    type="checkbox"
                    name="itemKeys"
                    value={key}
                    checked={keys().includes(key)}
                    onChange={(e) => toggle(key, e.currentTarget.checked)}
                  />
                  <span class="check__label">{prompt(key)}</span>
                </label>
              )}
            </For>
            <Show when={form.errorFor("itemKeys")}>
              {(error) => <p class="field__error">{fieldErrorMessage(error())}</p>}
            </Show>
          </fieldset>
          <OwnerField value={owner()} onChange={setOwner} error={form.errorFor("owner")} />
          <DueDateField value={dueDate()} onChange={setDueDate} error={form.errorFor("dueDate")} />
          <FormError problem={form.formProblem()} fields={FIELDS} />
          <div class="form__actions">
            <SubmitButton pending={form.pending()} label={tx("form.create")} pendingLabel={tx("form.creating")} />
            <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>
              {tx("form.cancel")}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
