import "../styles/later.css";
import { createEffect, createSignal, createUniqueId, on, onCleanup } from "solid-js";
import { Icon } from "./icon";

interface SearchBoxProps {
  label: string;
  placeholder?: string;
  value: string;
  /** Called a moment after typing stops, or at once on Enter. */
  onSearch: (value: string) => void;
}

/** A labelled search input that waits for a pause in typing before searching. */
export function SearchBox(props: SearchBoxProps) {
  const id = createUniqueId();
  const [text, setText] = createSignal(props.value);
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Follow outside changes (back button, cleared filters) without clobbering typing.
  createEffect(
    on(
      () => props.value,
      (value) => value !== text().trim() && setText(value),
      { defer: true },
    ),
  );

  const flush = () => {
    clearTimeout(timer);
    if (text().trim() !== props.value) props.onSearch(text().trim());
  };
  onCleanup(() => clearTimeout(timer));

  return (
    <div class="search">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <div class="search__control">
        <Icon name="search" class="search__icon" />
        <input
          class="input search__input"
          id={id}
          type="search"
          enterkeyhint="search"
          autocomplete="off"
          placeholder={props.placeholder}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            clearTimeout(timer);
            timer = setTimeout(flush, 300);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              flush();
            }
          }}
        />
      </div>
    </div>
  );
}
