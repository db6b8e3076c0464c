/**
 * A number on the organisation settings page (hours, days, limits, retention, flag thresholds):
 * label, number input, hint and, when the server refused it, the error under it.
 */
import { Show } from "solid-js";

export function NumberSetting(props: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  min?: number;
  max?: number;
  step?: string;
  /** `decimal` where fractions are allowed; whole numbers otherwise. */
  inputMode?: "numeric" | "decimal";
  /** The message for a refused value. */
  error?: string | undefined;
}) {
  return (
    <div class="field" classList={{ "field--invalid": !!props.error }}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <input
        class="input"
        id={props.id}
        name={props.name}
        type="number"
        inputMode={props.inputMode ?? "numeric"}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${props.id}-hint ${props.id}-error` : `${props.id}-hint`}
      />
      <p class="field__hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <Show when={props.error}>
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
