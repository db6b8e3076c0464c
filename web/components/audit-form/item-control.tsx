/**
 * The answer control of one question, by kind: big touch targets for a phone held in one hand.
 */
import { createEffect, createSignal, createUniqueId, For, lazy, Match, on, Show, Suspense, Switch } from "solid-js";
import type { ChecklistItem } from "../../../worker/domain/checklists";
import { tf, unitSuffix } from "../../lib/form-i18n";
import { localName } from "../../lib/formats";
import type { AnswerEntry } from "./answers";
import type { LiveSupport } from "./live";

/** The ring counter and hold stopwatch serve call-centre forms only: fetched when one is shown. */
const RingCounter = lazy(() => import("./call-helpers").then((m) => ({ default: m.RingCounter })));
const HoldStopwatch = lazy(() => import("./call-helpers").then((m) => ({ default: m.HoldStopwatch })));

interface ControlProps {
  item: ChecklistItem;
  entry: AnswerEntry | undefined;
  /** id of the question's prompt, which labels the control. */
  labelledBy: string;
  disabled: boolean;
  onValue: (value: AnswerEntry["value"] | undefined) => void;
  /** The real form (not the builder's preview): call helpers under rings and seconds items. */
  live?: LiveSupport | undefined;
}

function YesNo(props: ControlProps) {
  const toggle = (value: boolean) => props.onValue(props.entry?.value === value ? undefined : value);
  return (
    <div class="audit-choice audit-choice--pair">
      <button
        type="button"
        class="audit-toggle audit-toggle--yes"
        aria-pressed={props.entry?.value === true}
        disabled={props.disabled}
        onClick={() => toggle(true)}
      >
        {tf("form.yes")}
      </button>
      <button
        type="button"
        class="audit-toggle audit-toggle--no"
        aria-pressed={props.entry?.value === false}
        disabled={props.disabled}
        onClick={() => toggle(false)}
      >
        {tf("form.no")}
      </button>
    </div>
  );
}

/** A number with − and + buttons; the text box keeps what is typed until it is a number. */
function Stepper(props: ControlProps & { min?: number; max?: number; unit?: string; whole?: boolean }) {
  const id = createUniqueId();
  const current = () => (typeof props.entry?.value === "number" ? props.entry.value : undefined);
  const [text, setText] = createSignal(current() === undefined ? "" : String(current()));
  createEffect(
    on(current, (value) => {
      const typed = text().trim() === "" ? undefined : Number(text());
      if (value !== typed) setText(value === undefined ? "" : String(value));
    }),
  );
  const clamp = (n: number) => Math.min(props.max ?? Number.POSITIVE_INFINITY, Math.max(props.min ?? 0, n));
  const step = (delta: number) => {
    const next = clamp((current() ?? (delta > 0 ? (props.min ?? 0) - 1 : 0)) + delta);
    props.onValue(next);
  };
  function input(value: string) {
    setText(value);
    const trimmed = value.trim();
    if (trimmed === "") return props.onValue(undefined);
    const n = Number(trimmed);
    if (Number.isFinite(n)) props.onValue(n);
  }
  return (
    <div class="audit-stepper">
      <button
        type="button"
        class="audit-stepper__button"
        aria-label={tf("form.decrease")}
        aria-controls={id}
        disabled={props.disabled || current() === undefined || current() === clamp(-Infinity)}
        onClick={() => step(-1)}
      >
        −
      </button>
      <input
        id={id}
        class="input audit-stepper__input"
        type="number"
        inputmode={props.whole ? "numeric" : "decimal"}
        min={props.min ?? 0}
        max={props.max}
        step={props.whole ? 1 : "any"}
        value={text()}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.unit ? `${id}-unit` : undefined}
        disabled={props.disabled}
        onInput={(e) => input(e.currentTarget.value)}
      />
      <button
        type="button"
        class="audit-stepper__button"
        aria-label={tf("form.increase")}
        aria-controls={id}
        disabled={props.disabled || (props.max !== undefined && current() === props.max)}
        onClick={() => step(1)}
      >
        +
      </button>
      <Show when={props.unit}>
        <span class="audit-stepper__unit" id={`${id}-unit`}>
          {props.unit}
        </span>
      </Show>
    </div>
  );
}

function Scale(props: ControlProps & { item: Extract<ChecklistItem, { kind: "scale" }> }) {
  const name = createUniqueId();
  const values = () => {
    const { min, max } = props.item;
    if (!(max > min) || max - min > 10) return [];
    return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  };
  return (
    <Show when={values().length > 0} fallback={<Stepper {...props} min={props.item.min} max={props.item.max} whole />}>
      <div class="audit-scale" role="radiogroup" aria-labelledby={props.labelledBy}>
        <For each={values()}>
          {(value) => (
            <label class="audit-scale__option">
              <input
                type="radio"
                class="audit-scale__input"
                name={name}
                value={value}
                checked={props.entry?.value === value}
                disabled={props.disabled}
                onChange={() => props.onValue(value)}
              />
              <span class="audit-scale__label">{value}</span>
            </label>
          )}
        </For>
      </div>
      <div class="audit-scale__ends" aria-hidden="true">
        <span>{props.item.min}</span>
        <span>{props.item.max}</span>
      </div>
    </Show>
  );
}

function Choice(props: ControlProps & { item: Extract<ChecklistItem, { kind: "choice" }> }) {
  const name = createUniqueId();
  return (
    <div class="audit-options" role="radiogroup" aria-labelledby={props.labelledBy}>
      <For each={props.item.options}>
        {(option) => (
          <label class="audit-option">
            <input
              type="radio"
              class="audit-option__input"
              name={name}
              value={option.key}
              checked={props.entry?.value === option.key}
              disabled={props.disabled}
              onChange={() => props.onValue(option.key)}
            />
            <span class="audit-option__label">{localName(option.label) || option.key}</span>
          </label>
        )}
      </For>
    </div>
  );
}

function Text(props: ControlProps) {
  return (
    <textarea
      class="input audit-text"
      rows="3"
      maxLength={4000}
      placeholder={tf("form.textPlaceholder")}
      aria-labelledby={props.labelledBy}
      value={typeof props.entry?.value === "string" ? props.entry.value : ""}
      disabled={props.disabled}
      onInput={(e) => props.onValue(e.currentTarget.value)}
    />
  );
}

function Photo() {
  return (
    <div class="audit-photo">
      <svg class="audit-photo__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 8h3l1.5-2h7L17 8h3v11H4Z" />
        <circle cx="12" cy="13" r="3.5" />
      </svg>
      <p>{tf("form.photoPlaceholder")}</p>
      <button type="button" class="button button--secondary" disabled>
        {tf("form.addPhoto")}
      </button>
    </div>
  );
}

const numberValue = (entry: AnswerEntry | undefined) => (typeof entry?.value === "number" ? entry.value : undefined);

/** The item as its kind, or false (for `<Match when>`). */
function asKind<K extends ChecklistItem["kind"]>(
  item: ChecklistItem,
  kind: K,
): Extract<ChecklistItem, { kind: K }> | false {
  return item.kind === kind ? (item as Extract<ChecklistItem, { kind: K }>) : false;
}

/** The control for the item's kind. */
export function ItemControl(props: ControlProps) {
  return (
    <Switch>
      <Match when={props.item.kind === "yes_no"}>
        <YesNo {...props} />
      </Match>
      <Match when={asKind(props.item, "number")}>
        {(item) => (
          <>
            <Stepper {...props} unit={unitSuffix(item().unit)} whole={item().unit === "rings"} />
            <Show when={props.live && item().unit === "rings"}>
              <Suspense>
                <RingCounter
                  value={numberValue(props.entry)}
                  disabled={props.disabled}
                  describedBy={props.labelledBy}
                  onValue={props.onValue}
                />
              </Suspense>
            </Show>
            <Show when={props.live && item().unit === "seconds" ? props.live : undefined}>
              {(live) => (
                <Suspense>
                  <HoldStopwatch
                    itemKey={item().key}
                    value={numberValue(props.entry)}
                    disabled={props.disabled}
                    timers={live().timers}
                    onValue={props.onValue}
                  />
                </Suspense>
              )}
            </Show>
          </>
        )}
      </Match>
      <Match when={asKind(props.item, "scale")}>{(item) => <Scale {...props} item={item()} />}</Match>
      <Match when={asKind(props.item, "choice")}>{(item) => <Choice {...props} item={item()} />}</Match>
      <Match when={props.item.kind === "text"}>
        <Text {...props} />
      </Match>
      <Match when={props.item.kind === "photo" && !props.live}>
        <Photo />
      </Match>
    </Switch>
  );
}
