import { createSignal, createUniqueId, Show } from "solid-js";
import { Icon } from "../../../components/icon";
import { tm } from "../organisation-i18n";

/**
 * A read-only link with a Copy button (falls back to selecting the text): invitation links. Its
 * words are the organisation area's, so they are not in the app's first download.
 */
export function CopyLink(props: { url: string; label: string; hint?: string }) {
  const id = createUniqueId();
  const [status, setStatus] = createSignal<string>();
  let input: HTMLInputElement | undefined;

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.url);
      setStatus(tm("copy.copied"));
    } catch {
      input?.select();
      setStatus(tm("copy.copyFailed"));
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
          {tm("copy.copy")}
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
