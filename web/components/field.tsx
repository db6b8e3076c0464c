import "../styles/later.css";
import { createUniqueId, For, type JSX, Show } from "solid-js";
import type { FieldProblem } from "../lib/api";
import { fieldErrorMessage } from "../lib/field-errors";
import { t } from "../lib/i18n";

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: FieldProblem | undefined;
  optional?: boolean | undefined;
  /** Words the error in the page's own terms; the app's generic wording otherwise. */
  errorMessage?: ((error: FieldProblem) => string) | undefined;
  children: JSX.Element;
}

/** Label, control, hint and the field's error (announced politely when it appears). */
export function FieldFrame(props: FieldFrameProps) {
  return (
    <div class="field" classList={{ "field--invalid": !!props.error }}>
      <label class="field__label" for={props.id}>
        {props.label}
        <Show when={props.optional}>
          <span class="field__optional">{t("common.optional")}</span>
        </Show>
      </label>
      {props.children}
      <Show when={props.hint}>
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="field__error" id={`${props.id}-error`} aria-live="polite">
        <Show when={props.error}>{(error) => <p>{(props.errorMessage ?? fieldErrorMessage)(error())}</p>}</Show>
      </div>
    </div>
  );
}

/** ids for aria-describedby: the hint and the error, when there are any. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: FieldProblem | undefined;
  errorMessage?: ((error: FieldProblem) => string) | undefined;
  hint?: string | undefined;
  /** No "date": Chromium shows it in the browser's language, not the app's (use a list of days). */
  type?: "text" | "email" | "password" | "tel" | "search" | "url";
  autocomplete?: string;
  inputMode?: "text" | "email" | "tel" | "search" | "url" | "numeric" | "decimal";
  placeholder?: string;
  required?: boolean;
  optional?: boolean;
  maxLength?: number;
  readOnly?: boolean;
  list?: string;
  autocapitalize?: "off" | "none" | "on" | "sentences" | "words" | "characters";
  spellcheck?: boolean;
}

export function TextField(props: TextFieldProps) {
  const id = createUniqueId();
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      errorMessage={props.errorMessage}
      optional={props.optional}
    >
      <input
        class="input"
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        autocomplete={props.autocomplete}
        inputmode={props.inputMode}
        placeholder={props.placeholder}
        required={props.required}
        maxLength={props.maxLength}
        readOnly={props.readOnly}
        list={props.list}
        autocapitalize={props.autocapitalize}
        spellcheck={props.spellcheck}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  /** Shown first with an empty value ("Choose a region"). */
  placeholder?: string;
  error?: FieldProblem | undefined;
  errorMessage?: ((error: FieldProblem) => string) | undefined;
  hint?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const id = createUniqueId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} errorMessage={props.errorMessage}>
      <select
        class="input select"
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        <Show when={props.placeholder !== undefined}>
          <option value="">{props.placeholder}</option>
        </Show>
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: FieldProblem | undefined;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const id = createUniqueId();
  return (
    <div class="field field--check" classList={{ "field--invalid": !!props.error }}>
      <div class="check">
        <input
          class="check__box"
          type="checkbox"
          id={id}
          name={props.name}
          checked={props.checked}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
        />
        <label class="check__label" for={id}>
          {props.label}
        </label>
      </div>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="field__error" id={`${id}-error`} aria-live="polite">
        <Show when={props.error}>{(error) => <p>{fieldErrorMessage(error())}</p>}</Show>
      </div>
    </div>
  );
}
