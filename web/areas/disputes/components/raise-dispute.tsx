/**
 * "Dispute items" on a published report (phone first): the manager picks items among those
 * still disputable (each with the shopper's answer and why it lost points), gives a reason per
 * item and may add a photo (downscaled and hashed like the shopper's, `lib/photos.ts`, then
 * uploaded to the same evidence store), and sends. The API's refusals come back inline: per
 * item (`items[i].reason`, `.evidence`, `.itemKey`) or for the whole form in words.
 */
import { createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import type { ScoreResult } from "../../../../worker/domain/scoring";
import { isProblem } from "../../../lib/api";
import { t } from "../../../lib/i18n";
import { preparePhoto } from "../../../lib/photos";
import type { Audit } from "../../planning/assignment-queries";
import { disputeProblemText, td } from "../disputes-i18n";
import { type Dispute, disputeActions, type RaiseItem } from "../disputes-queries";
import { focusFirstError } from "./focus-error";
import { answerValue, itemLabel, itemOf, lostPointsText, REASON_MAX, resultOf, scoringAnswers } from "./item-text";

interface Photo {
  blob: Blob;
  sha256: string;
  contentType: "image/jpeg";
  preview: string;
}

interface Choice {
  chosen: boolean;
  reason: string;
  photo: Photo | null;
  preparing: boolean;
}

type ItemErrors = Partial<Record<"item" | "reason" | "photo", string>>;

function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (!text) return td("raise.reasonRequired");
  if (text.length > REASON_MAX) return td("raise.reasonTooLong");
  return undefined;
}

function DisputeItemChoice(props: {
  itemKey: string;
  audit: Audit;
  document: ChecklistDocument;
  choice: Choice;
  errors: ItemErrors | undefined;
  disabled: boolean;
  onChoose: (chosen: boolean) => void;
  onReason: (reason: string) => void;
  onPhoto: (file: File | null) => void;
}) {
  const id = createUniqueId();
  const item = () => itemOf(props.document, props.itemKey);
  const answer = () => scoringAnswers(props.audit).find((a) => a.item === props.itemKey);
  const result = () => resultOf(props.audit.result as ScoreResult, props.itemKey);
  return (
    <li class="raise-item" classList={{ "raise-item--chosen": props.choice.chosen }} data-item={props.itemKey}>
      <div class="check">
        <input
          class="check__box"
          type="checkbox"
          id={`${id}-check`}
          checked={props.choice.chosen}
          disabled={props.disabled}
          onChange={(e) => props.onChoose(e.currentTarget.checked)}
        />
        <label class="check__label raise-item__label" for={`${id}-check`}>
          {itemLabel(props.document, props.itemKey)}
        </label>
      </div>
      <dl class="raise-item__facts">
        <div>
          <dt>{td("raise.answer")}</dt>
          <dd>{answerValue(item(), answer())}</dd>
        </div>
        <div>
          <dt>{td("raise.why")}</dt>
          <dd>{lostPointsText(item(), result())}</dd>
        </div>
      </dl>
      <Show when={props.errors?.item}>
        <p class="field__error">{props.errors?.item}</p>
      </Show>
      <Show when={props.choice.chosen}>
        <div class="field" classList={{ "field--invalid": !!props.errors?.reason }}>
          <label class="field__label" for={`${id}-reason`}>
            {td("raise.reason")}
          </label>
          <textarea
            class="input textarea"
            id={`${id}-reason`}
            rows="3"
            maxLength={REASON_MAX}
            value={props.choice.reason}
            disabled={props.disabled}
            aria-invalid={props.errors?.reason ? "true" : undefined}
            aria-describedby={`${id}-reason-hint ${id}-reason-error`}
            onInput={(e) => props.onReason(e.currentTarget.value)}
          />
          <p class="field__hint" id={`${id}-reason-hint`}>
            {td("raise.reasonHint")}
          </p>
          <div class="field__error" id={`${id}-reason-error`} aria-live="polite">
            <Show when={props.errors?.reason}>
              <p>{props.errors?.reason}</p>
            </Show>
          </div>
        </div>
        <div class="field raise-photo" classList={{ "field--invalid": !!props.errors?.photo }}>
          <span class="field__label">
            {td("raise.photo")}
            <span class="field__optional">{t("common.optional")}</span>
          </span>
          <Show when={props.choice.photo}>
            {(photo) => <img class="raise-photo__thumb" src={photo().preview} alt={td("report.photo")} />}
          </Show>
          <div class="raise-photo__actions">
            <label class="button button--secondary button--small">
              <input
                class="visually-hidden"
                type="file"
                accept="image/*"
                disabled={props.disabled || props.choice.preparing}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0] ?? null;
                  e.currentTarget.value = "";
                  if (file) props.onPhoto(file);
                }}
              />
              {props.choice.preparing
                ? td("raise.preparing")
                : props.choice.photo
                  ? td("raise.changePhoto")
                  : td("raise.addPhoto")}
            </label>
            <Show when={props.choice.photo}>
              <button
                type="button"
                class="button button--ghost button--small"
                disabled={props.disabled}
                onClick={() => props.onPhoto(null)}
              >
                {td("raise.removePhoto")}
              </button>
            </Show>
          </div>
          <div class="field__error" aria-live="polite">
            <Show when={props.errors?.photo}>
              <p>{props.errors?.photo}</p>
            </Show>
          </div>
        </div>
      </Show>
    </li>
  );
}

export function RaiseDisputeForm(props: {
  audit: Audit;
  document: ChecklistDocument;
  disputable: readonly string[];
  onSent: (dispute: Dispute) => void;
  onCancel: () => void;
  /** The API refused the whole dispute (window closed, one already open): the page reloads the report. */
  onRefused: (message: string) => void;
}) {
  const blank = (): Choice => ({ chosen: false, reason: "", photo: null, preparing: false });
  const [choices, setChoices] = createStore<Record<string, Choice>>(
    Object.fromEntries(props.disputable.map((key) => [key, blank()])),
  );
  const [errors, setAllErrors] = createSignal<Record<string, ItemErrors>>({});
  const setError = (key: string, field: keyof ItemErrors, text: string | undefined) =>
    setAllErrors((all) => ({ ...all, [key]: { ...all[key], [field]: text } }));
  const [formError, setFormError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const choice = (key: string) => choices[key] ?? blank();
  const chosen = () => props.disputable.filter((key) => choice(key).chosen);

  onCleanup(() => {
    for (const c of Object.values(choices)) if (c.photo) URL.revokeObjectURL(c.photo.preview);
  });

  async function setPhoto(key: string, file: File | null) {
    const old = choice(key).photo;
    if (old) URL.revokeObjectURL(old.preview);
    setError(key, "photo", undefined);
    if (!file) {
      setChoices(key, "photo", null);
      return;
    }
    setChoices(key, { photo: null, preparing: true });
    try {
      const prepared = await preparePhoto(file);
      setChoices(key, "photo", { ...prepared, preview: URL.createObjectURL(prepared.blob) });
    } catch {
      setError(key, "photo", td("raise.photoFailed"));
    } finally {
      setChoices(key, "preparing", false);
    }
  }

  /** The API's per-field problems, by the index of the item in what was sent. */
  function showProblems(sent: readonly string[], problems: ReadonlyArray<{ path: string; code: string }>) {
    for (const problem of problems) {
      const match = /^items\[(\d+)\]\.(itemKey|reason|evidence)/.exec(problem.path);
      const key = match ? sent[Number(match[1])] : undefined;
      if (!match || !key) continue;
      if (match[2] === "reason")
        setError(key, "reason", problem.code === "too_big" ? td("raise.reasonTooLong") : td("raise.reasonRequired"));
      else if (match[2] === "evidence") setError(key, "photo", td("raise.photoRequired"));
      else setError(key, "item", td("raise.notDisputable"));
    }
  }

  async function send(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setFormError(undefined);
    setAllErrors({});
    const keys = chosen();
    if (keys.length === 0) {
      setFormError(td("raise.chooseOne"));
      return;
    }
    let invalid = false;
    for (const key of keys) {
      const problem = reasonProblem(choice(key).reason);
      if (problem) {
        setError(key, "reason", problem);
        invalid = true;
      }
    }
    if (invalid) {
      focusFirstError(form);
      return;
    }
    setBusy(true);
    try {
      for (const key of keys) {
        const photo = choice(key).photo;
        if (!photo) continue;
        try {
          await disputeActions.uploadPhoto(photo);
        } catch (error) {
          setError(
            key,
            "photo",
            isProblem(error) && error.status !== 0 ? td("raise.photoFailed") : disputeProblemText(error),
          );
          return;
        }
      }
      const items: RaiseItem[] = keys.map((key) => {
        const c = choice(key);
        return c.photo
          ? { itemKey: key, reason: c.reason.trim(), evidence: c.photo.sha256 }
          : { itemKey: key, reason: c.reason.trim() };
      });
      const dispute = await disputeActions.raise(props.audit.id, items);
      props.onSent(dispute);
    } catch (error) {
      if (isProblem(error) && (error.code === "dispute_window_closed" || error.code === "dispute_open")) {
        props.onRefused(disputeProblemText(error));
      } else {
        if (isProblem(error)) showProblems(keys, error.errors);
        setFormError(disputeProblemText(error));
        focusFirstError(form);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card raise-form" onSubmit={send} noValidate aria-labelledby="raise-title">
      <h2 class="section-title" id="raise-title">
        {td("raise.title")}
      </h2>
      <p class="field__hint">{td("raise.intro")}</p>
      <fieldset class="raise-form__items">
        <legend class="field__label">{td("raise.items")}</legend>
        <ul class="raise-items">
          <For each={props.disputable}>
            {(key) => (
              <DisputeItemChoice
                itemKey={key}
                audit={props.audit}
                document={props.document}
                choice={choice(key)}
                errors={errors()[key]}
                disabled={busy()}
                onChoose={(on) => setChoices(key, "chosen", on)}
                onReason={(reason) => {
                  setChoices(key, "reason", reason);
                  if (errors()[key]?.reason) setError(key, "reason", undefined);
                }}
                onPhoto={(file) => void setPhoto(key, file)}
              />
            )}
          </For>
        </ul>
      </fieldset>
      <div aria-live="polite">
        <Show when={formError()}>
          <p class="notice notice--error" role="alert">
            {formError()}
          </p>
        </Show>
      </div>
      <div class="raise-form__actions">
        <button type="button" class="button button--ghost" disabled={busy()} onClick={() => props.onCancel()}>
          {td("raise.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy() ? "true" : undefined}>
          {busy() ? td("raise.sending") : td("raise.send")}
        </button>
      </div>
    </form>
  );
}
