/**
 * Choose one branch by searching its name or code: results appear as buttons under the
 * search box, and the chosen branch replaces the box until it is changed. Works the same
 * with a finger, a mouse and a keyboard (Enter takes the first match).
 */
import { createAsync } from "@solidjs/router";
import { createSignal, createUniqueId, For, onCleanup, Show, Suspense } from "solid-js";
import { Badge } from "../../../components/badge";
import { describedBy } from "../../../components/field";
import { Icon } from "../../../components/icon";
import type { FieldProblem } from "../../../lib/api";
import { fieldErrorMessage } from "../../../lib/field-errors";
import { localName } from "../../../lib/formats";
import { t } from "../../../lib/i18n";
import type { Branch } from "../../../lib/types";
import { getBranch, getBranches } from "../../organisation/queries";
import { ta } from "../assignment-i18n";

const RESULTS = 6;

interface BranchPickerProps {
  label: string;
  /** The chosen branch's id, or "" for none. */
  value: string;
  onChange: (branch: Branch | undefined) => void;
  /** "form": inactive branches can't be chosen and the chosen one can be changed; "filter": it can be cleared. */
  mode: "form" | "filter";
  hint?: string | undefined;
  error?: FieldProblem | undefined;
  errorMessage?: ((error: FieldProblem) => string) | undefined;
}

function BranchMeta(props: { branch: Branch }) {
  return (
    <span class="picker__meta">
      <span class="code">{props.branch.code}</span>
      <span>{localName(props.branch.region.name)}</span>
      <Badge tone={props.branch.channel === "store" ? "neutral" : "accent"}>
        {t(`channels.${props.branch.channel}`)}
      </Badge>
      <Show when={!props.branch.active}>
        <Badge tone="warning">{ta("picker.inactive")}</Badge>
      </Show>
    </span>
  );
}

export function BranchPicker(props: BranchPickerProps) {
  const id = createUniqueId();
  const [text, setText] = createSignal("");
  const [query, setQuery] = createSignal("");
  const [picked, setPicked] = createSignal<Branch>();
  let input: HTMLInputElement | undefined;
  let change: HTMLButtonElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const current = createAsync(async () => {
    const branchId = props.value;
    if (!branchId) return undefined;
    const known = picked();
    return known?.id === branchId ? known : await getBranch(branchId);
  });
  const results = createAsync(() =>
    query() ? getBranches({ q: query(), limit: RESULTS }) : Promise.resolve(undefined),
  );

  const search = (value: string) => {
    clearTimeout(timer);
    if (value.trim() !== query()) setQuery(value.trim());
  };
  const choosable = (branch: Branch) => props.mode === "filter" || branch.active;

  function choose(branch: Branch) {
    setPicked(branch);
    props.onChange(branch);
    queueMicrotask(() => change?.focus());
  }

  function reopen() {
    props.onChange(undefined);
    queueMicrotask(() => input?.focus());
  }

  const errorText = () => {
    const error = props.error;
    return error ? (props.errorMessage ?? fieldErrorMessage)(error) : "";
  };

  return (
    <div class="field picker" classList={{ "field--invalid": !!props.error }}>
      <Show
        when={props.value}
        fallback={
          <>
            <label class="field__label" id={`${id}-label`} for={`${id}-input`}>
              {props.label}
            </label>
            <div class="search__control">
              <Icon name="search" class="search__icon" />
              <input
                ref={input}
                class="input search__input"
                id={`${id}-input`}
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                placeholder={ta("picker.placeholder")}
                value={text()}
                aria-invalid={props.error ? "true" : undefined}
                aria-describedby={describedBy(`${id}-input`, props.hint, props.error)}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setText(value);
                  clearTimeout(timer);
                  timer = setTimeout(() => search(value), 250);
                }}
                onKeyDown={(e) => {
                  if (e.key !== "Enter") return;
                  // Never submit the surrounding form from here: search now, or take the only match.
                  e.preventDefault();
                  const first = results()?.items.find(choosable);
                  if (query() === text().trim() && first) choose(first);
                  else search(text());
                }}
              />
            </div>
            <Suspense fallback={<p class="picker__status">{ta("picker.searching")}</p>}>
              <Show when={results()}>
                {(page) => (
                  <Show
                    when={page().items.length > 0}
                    fallback={
                      <p class="picker__status" role="status">
                        {ta("picker.none", { q: query() })}
                      </p>
                    }
                  >
                    <ul class="picker__results" aria-label={ta("picker.results")}>
                      <For each={page().items}>
                        {(branch) => (
                          <li>
                            <button
                              type="button"
                              class="picker__option"
                              disabled={!choosable(branch)}
                              onClick={() => choose(branch)}
                            >
                              <span class="picker__name">{localName(branch.name)}</span>
                              <BranchMeta branch={branch} />
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                    <Show when={page().nextCursor}>
                      <p class="picker__status">{ta("picker.more")}</p>
                    </Show>
                  </Show>
                )}
              </Show>
            </Suspense>
          </>
        }
      >
        <span class="field__label" id={`${id}-label`}>
          {props.label}
        </span>
        <div class="picker__picked" aria-describedby={describedBy(`${id}-input`, props.hint, props.error)}>
          <Suspense fallback={<span class="picker__status">{t("common.loading")}</span>}>
            <Show when={current()}>
              {(branch) => (
                <span class="picker__picked-main">
                  <span class="picker__name">{localName(branch().name)}</span>
                  <BranchMeta branch={branch()} />
                </span>
              )}
            </Show>
          </Suspense>
          <button
            ref={change}
            type="button"
            class="button button--secondary picker__change"
            aria-label={props.mode === "filter" ? ta("picker.clearLabel") : ta("picker.changeLabel")}
            onClick={reopen}
          >
            {props.mode === "filter" ? ta("picker.clear") : ta("picker.change")}
          </button>
        </div>
      </Show>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id}-input-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="field__error" id={`${id}-input-error`} aria-live="polite">
        <Show when={props.error}>
          <p>{errorText()}</p>
        </Show>
      </div>
    </div>
  );
}
