/**
 * The builder's fields. Each is addressed by its document path (`sections[1].items[0].key`):
 * its DOM id comes from the path, and so does the problem shown under it.
 */
import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import { fieldId } from "../checklist-document";
import { useEditor } from "./editor-state";

interface FrameProps {
  path: string;
  label: string;
  hint?: string | undefined;
  children: JSX.Element;
  class?: string;
}

/** Label, control, hint and the problem at this path (announced politely when it appears). */
export function Frame(props: FrameProps) {
  const editor = useEditor();
  const id = () => fieldId(props.path);
  const message = () => editor.messageAt(props.path);
  return (
    <div class={`field ${props.class ?? ""}`} classList={{ "field--invalid": !!message() }}>
      <label class="field__label" for={id()}>
        {props.label}
      </label>
      {props.children}
      <Show when={props.hint}>
        <p class="field__hint" id={`${id()}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="field__error" id={`${id()}-error`} aria-live="polite">
        <Show when={message()}>{(text) => <p>{text()}</p>}</Show>
      </div>
    </div>
  );
}

/** aria attributes of a control at `path`. */
function useAria(path: () => string, hint: () => string | undefined) {
  const editor = useEditor();
  const id = () => fieldId(path());
  return {
    id,
    invalid: () => (editor.messageAt(path()) ? "true" : undefined),
    describedBy: () =>
      [hint() ? `${id()}-hint` : "", editor.messageAt(path()) ? `${id()}-error` : ""].filter(Boolean).join(" ") ||
      undefined,
  };
}

interface TextProps {
  path: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  multiline?: boolean;
  maxLength?: number;
  lang?: "en" | "zh-CN";
  mono?: boolean;
}

export function TextInput(props: TextProps) {
  const aria = useAria(
    () => props.path,
    () => props.hint,
  );
  return (
    <Frame path={props.path} label={props.label} hint={props.hint}>
      <Show
        when={props.multiline}
        fallback={
          <input
            class="input"
            classList={{ "input--mono": props.mono }}
            id={aria.id()}
            type="text"
            value={props.value}
            maxLength={props.maxLength}
            lang={props.lang}
            spellcheck={props.mono ? false : undefined}
            autocapitalize={props.mono ? "off" : undefined}
            autocomplete="off"
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea
          class="input textarea"
          id={aria.id()}
          rows="2"
          value={props.value}
          maxLength={props.maxLength}
          lang={props.lang}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
    </Frame>
  );
}

interface NumberProps {
  path: string;
  label: string;
  value: number | undefined;
  /** A number; undefined when emptied and `optional`; NaN for anything else (a problem shows). */
  onChange: (value: number | undefined) => void;
  optional?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  hint?: string;
  placeholder?: string;
}

/** A number box that keeps what is typed ("-", "1.") until it becomes a number. */
export function NumberInput(props: NumberProps) {
  const aria = useAria(
    () => props.path,
    () => props.hint,
  );
  const shown = (value: number | undefined) =>
    value === undefined || value === null || Number.isNaN(value) ? "" : String(value);
  const [text, setText] = createSignal(shown(props.value));
  createEffect(
    on(
      () => props.value,
      (value) => {
        const typed = text().trim();
        const parsed = typed === "" ? undefined : Number(typed);
        const same = parsed === value || (Number.isNaN(parsed) && Number.isNaN(value));
        if (!same) setText(shown(value));
      },
      { defer: true },
    ),
  );
  function input(value: string) {
    setText(value);
    const trimmed = value.trim().replace(",", ".");
    if (trimmed === "") props.onChange(props.optional ? undefined : Number.NaN);
    else props.onChange(Number(trimmed));
  }
  return (
    <Frame path={props.path} label={props.label} hint={props.hint} class="field--number">
      <input
        class="input"
        id={aria.id()}
        type="text"
        inputmode={props.integer && (props.min ?? 0) >= 0 ? "numeric" : "decimal"}
        autocomplete="off"
        value={text()}
        placeholder={props.placeholder}
        aria-invalid={aria.invalid()}
        aria-describedby={aria.describedBy()}
        onInput={(e) => input(e.currentTarget.value)}
      />
    </Frame>
  );
}

interface SelectProps {
  path: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
  hint?: string;
}

export function SelectInput(props: SelectProps) {
  const aria = useAria(
    () => props.path,
    () => props.hint,
  );
  return (
    <Frame path={props.path} label={props.label} hint={props.hint}>
      <select
        class="input select"
        id={aria.id()}
        value={props.value}
        aria-invalid={aria.invalid()}
        aria-describedby={aria.describedBy()}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </Frame>
  );
}

interface CheckProps {
  path: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

export function CheckInput(props: CheckProps) {
  const editor = useEditor();
  const aria = useAria(
    () => props.path,
    () => props.hint,
  );
  return (
    <div class="field field--check" classList={{ "field--invalid": !!editor.messageAt(props.path) }}>
      <div class="check">
        <input
          class="check__box"
          type="checkbox"
          id={aria.id()}
          checked={props.checked}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <label class="check__label" for={aria.id()}>
          {props.label}
        </label>
      </div>
      <Show when={props.hint}>
        <p class="field__hint" id={`${aria.id()}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="field__error" id={`${aria.id()}-error`} aria-live="polite">
        <Show when={editor.messageAt(props.path)}>{(text) => <p>{text()}</p>}</Show>
      </div>
    </div>
  );
}

/** A problem on a group of fields (`…pass`, `…options`, `sections[0].items`), where the group is. */
export function GroupProblem(props: { path: string }) {
  const editor = useEditor();
  return (
    <div class="field__error" id={`${fieldId(props.path)}-error`} aria-live="polite">
      <Show when={editor.messageAt(props.path)}>{(text) => <p>{text()}</p>}</Show>
    </div>
  );
}
