import { createSignal, createUniqueId, Show } from "solid-js";
import { t } from "../lib/i18n";
import { Icon } from "./icon";

/** A read-only link with a Copy button (falls back to selecting the text). */
export function CopyLink(props: { url: string; label: string; hint?: string }) {
  const id = createUniqueId();
  const [status, setStatus] = createSignal<string>();
  let input: HTMLInputElement | undefined;

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.url);
      setStatus(t("common.copied"));
    } catch {
      input?.select();
      setStatus(t("common.copyFailed"));
    }
  }

  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <div class="copy">
        <input
          ref={input}
          class="input copy__input"
          id={id}
          type="text"
          readOnly
          value={props.url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />
        <button type="button" class="button button--primary copy__button" onClick={copy}>
          <Icon name="copy" />
          {t("common.copy")}
        </button>
      </div>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <p class="copy__status" aria-live="polite">
        {status()}
      </p>
    </div>
  );
}
