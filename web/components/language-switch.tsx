import "../styles/later.css";
import { For } from "solid-js";
import { locale } from "../lib/i18n";
import { tOffice } from "../lib/office-i18n";
import { LOCALES, type Locale } from "../lib/types";

interface LanguageSwitchProps {
  onChange: (next: Locale) => void;
  disabled?: boolean;
  /** Show the "Language" legend (in menus); otherwise it is for screen readers only. */
  showLegend?: boolean;
}

/** EN / 中文 as a pair of toggle buttons; the current one is pressed. */
export function LanguageSwitch(props: LanguageSwitchProps) {
  return (
    <fieldset class="language" classList={{ "language--labelled": !!props.showLegend }}>
      <legend class={props.showLegend ? "profile__heading" : "visually-hidden"}>{tOffice("profile.language")}</legend>
      <div class="segmented">
        <For each={LOCALES}>
          {(l) => (
            <button
              type="button"
              class="segmented__option"
              lang={l === "zh" ? "zh-CN" : "en"}
              aria-pressed={locale() === l ? "true" : "false"}
              disabled={props.disabled}
              onClick={() => {
                if (locale() !== l) props.onChange(l);
              }}
            >
              {l === "en" ? "EN" : tOffice("locales.zh")}
            </button>
          )}
        </For>
      </div>
    </fieldset>
  );
}
