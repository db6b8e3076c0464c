/**
 * One of a few choices, each explained under its label: radio buttons in a fieldset. Shared by the
 * organisation settings (review policy, staff names) and the account page (email notifications);
 * both are lazy, so this stays out of the first download.
 */
import { For } from "solid-js";
import "./choice-group.css";

export function ChoiceGroup<T extends string>(props: {
  /** The form field's name; the hints' ids are `<name>-<choice>-hint`. */
  name: string;
  legend: string;
  choices: readonly T[];
  value: T;
  onChange: (choice: T) => void;
  label: (choice: T) => string;
  hint: (choice: T) => string;
}) {
  return (
    <fieldset class="choice-group">
      <legend class="field__label">{props.legend}</legend>
      <For each={props.choices}>
        {(choice) => (
          <div>
            <label class="check">
              <input
                class="check__box"
                type="radio"
                name={props.name}
                value={choice}
                checked={props.value === choice}
                onChange={() => props.onChange(choice)}
                aria-describedby={`${props.name}-${choice}-hint`}
              />
              <span class="check__label">{props.label(choice)}</span>
            </label>
            <p class="field__hint" id={`${props.name}-${choice}-hint`}>
              {props.hint(choice)}
            </p>
          </div>
        )}
      </For>
    </fieldset>
  );
}
