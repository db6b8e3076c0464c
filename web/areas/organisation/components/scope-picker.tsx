import { createAsync } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import type { FieldProblem } from "../../../lib/api";
import { fieldErrorMessage } from "../../../lib/field-errors";
import { localName } from "../../../lib/formats";
import { tm } from "../organisation-i18n";
import { getBranches, getRegions } from "../queries";

interface Choice {
  id: string;
  label: string;
  detail: string;
}

interface ScopePickerProps {
  kind: "regions" | "branches";
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: FieldProblem | undefined;
  /** The legend, when it is not a manager's scope (a shopper's coverage). */
  label?: string;
}

/** Checkboxes for the regions a regional manager covers or the branches a branch manager runs. */
export function ScopePicker(props: ScopePickerProps) {
  const id = createUniqueId();
  const [filter, setFilter] = createSignal("");
  const regions = createAsync(() => (props.kind === "regions" ? getRegions() : Promise.resolve([])));
  const branches = createAsync(() =>
    props.kind === "branches" ? getBranches({ limit: 200 }) : Promise.resolve(undefined),
  );

  const choices = (): Choice[] =>
    props.kind === "regions"
      ? (regions() ?? []).map((r) => ({ id: r.id, label: localName(r.name), detail: r.code }))
      : (branches()?.items ?? []).map((b) => ({
          id: b.id,
          label: localName(b.name),
          detail: `${b.code} · ${localName(b.region.name)}`,
        }));

  const visible = () => {
    const q = filter().trim().toLowerCase();
    if (!q) return choices();
    return choices().filter((c) => `${c.label} ${c.detail}`.toLowerCase().includes(q));
  };

  const toggle = (choiceId: string, on: boolean) => {
    const rest = props.selected.filter((s) => s !== choiceId);
    props.onChange(on ? [...rest, choiceId] : rest);
  };

  return (
    <fieldset
      class="field scope"
      classList={{ "field--invalid": !!props.error }}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend class="field__label">
        {props.label ?? (props.kind === "regions" ? tm("users.scopeRegions") : tm("users.scopeBranches"))}
        <span class="scope__count"> · {tm("users.selected", props.selected.length)}</span>
      </legend>
      <Show when={props.kind === "branches" && choices().length > 6}>
        <label class="visually-hidden" for={`${id}-filter`}>
          {tm("users.scopeFilter")}
        </label>
        <input
          class="input scope__filter"
          id={`${id}-filter`}
          type="search"
          placeholder={tm("users.scopeFilter")}
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </Show>
      <ul class="scope__list">
        <For each={visible()} fallback={<li class="field__hint">{tm("users.scopeEmpty")}</li>}>
          {(choice) => (
            <li class="check scope__item">
              <input
                class="check__box"
                type="checkbox"
                id={`${id}-${choice.id}`}
                checked={props.selected.includes(choice.id)}
                onChange={(e) => toggle(choice.id, e.currentTarget.checked)}
              />
              <label class="check__label" for={`${id}-${choice.id}`}>
                <span>{choice.label}</span>
                <span class="scope__detail">{choice.detail}</span>
              </label>
            </li>
          )}
        </For>
      </ul>
      <div class="field__error" id={`${id}-error`} aria-live="polite">
        <Show when={props.error}>{(error) => <p>{fieldErrorMessage(error())}</p>}</Show>
      </div>
    </fieldset>
  );
}
