/**
 * The reviewer's change of one answer: the new value by the item's kind (or N/A when the item
 * allows it), a comment and the required reason, with old → new shown before saving. The API
 * judges the value and answers the score before and after.
 */
import { createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import type { ChecklistItem } from "../../../../worker/domain/checklists";
import { CheckboxField } from "../../../components/field";
import { localName } from "../../../lib/formats";
import type { Audit } from "../../planning/assignment-queries";
import { tr } from "../review-i18n";
import { valueText } from "./answer-text";

type ReportAnswer = Audit["answers"][number];
export interface AnswerEdit {
  value?: boolean | number | string;
  na?: true;
  comment: string;
  reason: string;
}

function initialRaw(item: ChecklistItem, answer: ReportAnswer | undefined): string {
  if (!answer || !("value" in answer) || answer.value === null || answer.value === undefined) return "";
  if (item.kind === "yes_no") return answer.value ? "yes" : "no";
  return String(answer.value);
}

export function EditAnswerForm(props: {
  item: ChecklistItem;
  answer: ReportAnswer | undefined;
  busy: boolean;
  error?: string | undefined;
  onSave: (edit: AnswerEdit) => void;
  onCancel: () => void;
}) {
  const id = createUniqueId();
  const [raw, setRaw] = createSignal(initialRaw(props.item, props.answer));
  const [na, setNa] = createSignal(!!props.answer && "na" in props.answer && props.answer.na === true);
  const [comment, setComment] = createSignal(props.answer?.comment ?? "");
  const [reason, setReason] = createSignal("");
  const [tried, setTried] = createSignal(false);

  /** The new value as the API takes it (undefined while none is chosen). */
  const value = (): boolean | number | string | undefined => {
    const text = raw().trim();
    if (text === "") return undefined;
    switch (props.item.kind) {
      case "yes_no":
        return text === "yes";
      case "number":
      case "scale": {
        const n = Number(text);
        return Number.isFinite(n) ? n : undefined;
      }
      default:
        return raw();
    }
  };
  const next = () => (na() ? { na: true } : { value: value() });
  const old = () => valueText(props.item, props.answer as { value?: unknown; na?: boolean } | undefined);

  function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const v = value();
    if (!reason().trim() || (!na() && v === undefined)) return;
    props.onSave(
      na()
        ? { na: true, comment: comment(), reason: reason().trim() }
        : { value: v as boolean | number | string, comment: comment(), reason: reason().trim() },
    );
  }

  return (
    <form class="edit-answer" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 class="edit-answer__title" id={`${id}-title`}>
        {tr("edit.title")}
      </h4>
      <Show when={!na()}>
        <Switch
          fallback={
            <div class="field">
              <label class="field__label" for={`${id}-value`}>
                {tr("edit.value")}
              </label>
              <textarea
                class="input textarea"
                id={`${id}-value`}
                name="value"
                rows="2"
                value={raw()}
                onInput={(e) => setRaw(e.currentTarget.value)}
              />
            </div>
          }
        >
          <Match when={props.item.kind === "yes_no"}>
            <fieldset class="field edit-answer__choices">
              <legend class="field__label">{tr("edit.value")}</legend>
              <For each={["yes", "no"] as const}>
                {(choice) => (
                  <label class="check">
                    <input
                      class="check__box"
                      type="radio"
                      name={`${id}-yes-no`}
                      value={choice}
                      checked={raw() === choice}
                      onChange={() => setRaw(choice)}
                    />
                    <span class="check__label">{tr(`edit.${choice}`)}</span>
                  </label>
                )}
              </For>
            </fieldset>
          </Match>
          <Match when={props.item.kind === "number"}>
            <div class="field">
              <label class="field__label" for={`${id}-value`}>
                {tr("edit.value")}
              </label>
              <input
                class="input"
                id={`${id}-value`}
                name="value"
                type="number"
                inputMode="decimal"
                value={raw()}
                onInput={(e) => setRaw(e.currentTarget.value)}
              />
            </div>
          </Match>
          <Match when={props.item.kind === "scale" || props.item.kind === "choice"}>
            <div class="field">
              <label class="field__label" for={`${id}-value`}>
                {tr("edit.value")}
              </label>
              <select
                class="input select"
                id={`${id}-value`}
                name="value"
                onChange={(e) => setRaw(e.currentTarget.value)}
              >
                <option value="" selected={raw() === ""}>
                  {tr("edit.empty")}
                </option>
                <For
                  each={(() => {
                    const item = props.item;
                    if (item.kind === "choice")
                      return item.options.map((o) => ({ value: o.key, label: localName(o.label) }));
                    if (item.kind === "scale") {
                      return Array.from({ length: item.max - item.min + 1 }, (_, i) => ({
                        value: String(item.min + i),
                        label: String(item.min + i),
                      }));
                    }
                    return [];
                  })()}
                >
                  {(option) => (
                    <option value={option.value} selected={raw() === option.value}>
                      {option.label}
                    </option>
                  )}
                </For>
              </select>
            </div>
          </Match>
        </Switch>
      </Show>
      <Show when={props.item.naAllowed}>
        <CheckboxField name="na" label={tr("edit.na")} checked={na()} onChange={setNa} />
      </Show>
      <Show when={tried() && !na() && value() === undefined}>
        <p class="field__error">{tr("edit.valueRequired")}</p>
      </Show>
      <div class="field">
        <label class="field__label" for={`${id}-comment`}>
          {tr("edit.comment")}
        </label>
        <textarea
          class="input textarea"
          id={`${id}-comment`}
          name="comment"
          rows="2"
          value={comment()}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <div class="field" classList={{ "field--invalid": tried() && !reason().trim() }}>
        <label class="field__label" for={`${id}-reason`}>
          {tr("edit.reason")}
        </label>
        <textarea
          class="input textarea"
          id={`${id}-reason`}
          name="reason"
          rows="2"
          required
          aria-describedby={`${id}-reason-hint`}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <p class="field__hint" id={`${id}-reason-hint`}>
          {tr("edit.reasonHint")}
        </p>
        <Show when={tried() && !reason().trim()}>
          <p class="field__error">{tr("edit.required")}</p>
        </Show>
      </div>
      <p class="edit-answer__change" aria-live="polite">
        <span class="edit-answer__label">{tr("edit.change")}</span>
        <span class="edit-answer__old">{old()}</span>
        <span aria-hidden="true"> → </span>
        <span class="edit-answer__new">{valueText(props.item, next())}</span>
      </p>
      <Show when={props.error}>
        <p class="field__error" role="alert">
          {props.error}
        </p>
      </Show>
      <div class="edit-answer__actions">
        <button type="submit" class="button button--primary" disabled={props.busy}>
          {tr("edit.save")}
        </button>
        <button type="button" class="button button--ghost" onClick={() => props.onCancel()}>
          {tr("edit.cancel")}
        </button>
      </div>
    </form>
  );
}
