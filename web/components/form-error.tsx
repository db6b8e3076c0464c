import "../styles/later.css";
import { For, Show } from "solid-js";
import type { Problem } from "../lib/api";
import { fieldErrorMessage } from "../lib/field-errors";
import { fieldOf, problemMessage, t } from "../lib/i18n";

interface FormErrorProps {
  problem: Problem | undefined;
  /** Fields the form shows errors under; errors on other paths are listed here instead. */
  fields: readonly string[];
}

/** The form-level message, announced at once. Always in the DOM so screen readers notice changes. */
export function FormError(props: FormErrorProps) {
  const stray = () => props.problem?.errors.filter((e) => !props.fields.includes(fieldOf(e.path))) ?? [];
  return (
    <div class="form-error-region" role="alert">
      <Show when={props.problem}>
        {(problem) => (
          <div class="notice notice--error">
            <p>{problemMessage(problem())}</p>
            <Show when={stray().length}>
              <ul>
                <For each={stray()}>{(e) => <li>{fieldErrorMessage(e)}</li>}</For>
              </ul>
            </Show>
            <Show when={problem().status >= 500 && problem().requestId}>
              <p class="notice__meta">{t("problems.reference", problem().requestId ?? "")}</p>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

/** A short success note, announced politely. */
export function FormSuccess(props: { message: string | undefined }) {
  return (
    <div class="form-success-region" aria-live="polite">
      <Show when={props.message}>
        <p class="notice notice--success">{props.message}</p>
      </Show>
    </div>
  );
}
