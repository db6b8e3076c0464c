/**
 * A visit time on the review: day, hour and minute as three lists in the app's language and
 * 24-hour time, in this phone's time zone. A native `datetime-local` input would show the
 * browser's format instead (`12/04/2026, 06:21 PM` under a Chinese or British page).
 */
import "../../styles/later.css";
import { createUniqueId, For } from "solid-js";
import { intlLocale } from "../../lib/i18n";
import { tr } from "./review-i18n";
import { dayChoices, fromParts, localDay, timeParts } from "./visit-time-parts";

const pad = (n: number) => String(n).padStart(2, "0");
const HOURS = Array.from({ length: 24 }, (_, i) => pad(i));
const MINUTES = Array.from({ length: 60 }, (_, i) => pad(i));

/** `Fri 4 Dec 2026`, `2026年12月4日周五`. */
export function dayLabel(day: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(`${day}T00:00:00Z`));
}

interface VisitTimeFieldProps {
  label: string;
  value: string;
  /** The window's first day, so the days on offer reach back to it. */
  windowStart?: string | undefined;
  invalid: boolean;
  onChange: (iso: string) => void;
}

export function VisitTimeField(props: VisitTimeFieldProps) {
  const id = createUniqueId();
  const parts = () => timeParts(props.value);
  const change = (patch: Partial<ReturnType<typeof timeParts>>) => {
    // With no time yet, the parts not chosen start from now.
    const base = parts().day ? parts() : timeParts(new Date().toISOString());
    props.onChange(fromParts({ ...base, ...patch }));
  };
  const invalid = () => (props.invalid ? "true" : undefined);
  return (
    <fieldset class="review__time-parts" aria-invalid={invalid()}>
      <legend class="field__label">{props.label}</legend>
      <label class="visually-hidden" for={`${id}-day`}>
        {tr("times.day")}
      </label>
      <select
        id={`${id}-day`}
        class="input select"
        value={parts().day}
        aria-invalid={invalid()}
        onChange={(e) => change({ day: e.currentTarget.value })}
      >
        <option value="" disabled hidden>
          –
        </option>
        <For each={dayChoices(parts().day || undefined, localDay(Date.now()), props.windowStart)}>
          {(day) => <option value={day}>{dayLabel(day)}</option>}
        </For>
      </select>
      <span class="review__clock">
        <label class="visually-hidden" for={`${id}-hour`}>
          {tr("times.hour")}
        </label>
        <select
          id={`${id}-hour`}
          class="input select"
          value={parts().hour}
          aria-invalid={invalid()}
          onChange={(e) => change({ hour: e.currentTarget.value })}
        >
          <option value="" disabled hidden>
            –
          </option>
          <For each={HOURS}>{(h) => <option value={h}>{h}</option>}</For>
        </select>
        <span aria-hidden="true">:</span>
        <label class="visually-hidden" for={`${id}-minute`}>
          {tr("times.minute")}
        </label>
        <select
          id={`${id}-minute`}
          class="input select"
          value={parts().minute}
          aria-invalid={invalid()}
          onChange={(e) => change({ minute: e.currentTarget.value })}
        >
          <option value="" disabled hidden>
            –
          </option>
          <For each={MINUTES}>{(m) => <option value={m}>{m}</option>}</For>
        </select>
      </span>
    </fieldset>
  );
}
