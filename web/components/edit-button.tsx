import { Show } from "solid-js";

/**
 * The "Edit" action of a detail page: shown only to those who may change the record, and
 * hidden while the form is already open.
 */
export function EditButton(props: { when: boolean; label: string; onEdit: () => void }) {
  return (
    <Show when={props.when}>
      <button type="button" class="button button--secondary" onClick={() => props.onEdit()}>
        {props.label}
      </button>
    </Show>
  );
}
