/**
 * Photos of one item, taken with the phone's camera: thumbnails with a remove button each,
 * and a big "Take a photo" button (a file input that opens the rear camera on phones).
 * Its own chunk, fetched after the form's first paint (audit-form.tsx).
 */
import "./photo-field.css";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { tf } from "../../lib/form-i18n";
import { MAX_PHOTOS_PER_ITEM, type PhotoSupport } from "./live";

export default function PhotoField(props: {
  itemKey: string;
  photos: readonly string[];
  support: PhotoSupport;
  disabled: boolean;
  /** The item needs a photo now (it failed and demands one). */
  needed: boolean;
}) {
  const id = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal(false);

  async function take(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = "";
    if (files.length === 0) return;
    setBusy(true);
    setError(false);
    try {
      for (const file of files.slice(0, MAX_PHOTOS_PER_ITEM - props.photos.length)) {
        await props.support.add(props.itemKey, file);
      }
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="audit-photos" classList={{ "audit-photos--needed": props.needed && props.photos.length === 0 }}>
      <Show when={props.photos.length > 0}>
        <ul class="audit-photos__list" aria-label={tf("form.photos")}>
          <For each={props.photos}>
            {(sha, index) => (
              <li class="audit-photos__item">
                <Show
                  when={props.support.url(sha)}
                  fallback={<span class="audit-photos__thumb audit-photos__thumb--empty" />}
                >
                  {(url) => (
                    <img class="audit-photos__thumb" src={url()} alt={tf("form.photoAlt", { number: index() + 1 })} />
                  )}
                </Show>
                <button
                  type="button"
                  class="audit-photos__remove"
                  aria-label={tf("form.removePhoto", { number: index() + 1 })}
                  disabled={props.disabled}
                  onClick={() => props.support.remove(props.itemKey, sha)}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show
        when={props.photos.length < MAX_PHOTOS_PER_ITEM}
        fallback={<p class="audit-photos__note">{tf("form.photoLimit")}</p>}
      >
        <label class="button button--secondary audit-photos__take" classList={{ "audit-photos__take--busy": busy() }}>
          <input
            id={id}
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={props.disabled || busy()}
            aria-describedby={`${id}-note`}
            onChange={(e) => take(e.currentTarget)}
          />
          <svg class="audit-photos__icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 8h3l1.5-2h7L17 8h3v11H4Z" />
            <circle cx="12" cy="13" r="3.5" />
          </svg>
          {busy()
            ? tf("form.preparingPhoto")
            : props.photos.length > 0
              ? tf("form.addAnotherPhoto")
              : tf("form.takePhoto")}
        </label>
      </Show>
      <p class="audit-photos__note" id={`${id}-note`} aria-live="polite">
        {error() ? tf("form.photoFailed") : tf("form.photosKept")}
      </p>
    </div>
  );
}
