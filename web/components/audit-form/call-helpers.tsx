/**
 * Helpers for mystery calls: a ring counter (one big tap per ring) and a hold stopwatch,
 * which fill the number item they sit under. The stopwatch's start time is kept by the app
 * (in the draft), so it keeps running through a reload.
 */
import "./call-helpers.css";
import { createSignal, onCleanup, Show } from "solid-js";
import { tf } from "../../lib/form-i18n";
import { formatNumber } from "../../lib/formats";
import type { TimerSupport } from "./live";

/** 75 → "1:15". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

export function RingCounter(props: {
  value: number | undefined;
  disabled: boolean;
  describedBy: string;
  onValue: (value: number | undefined) => void;
}) {
  return (
    <div class="call-helper">
      <button
        type="button"
        class="call-helper__tap"
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onClick={() => props.onValue((props.value ?? 0) + 1)}
      >
        <span class="call-helper__tap-label">{tf("form.ringTap")}</span>
        <span class="call-helper__tap-count" aria-live="polite">
          {tf("form.ringCount", props.value ?? 0)}
        </span>
      </button>
      <Show when={props.value !== undefined}>
        <button
          type="button"
          class="button button--ghost call-helper__reset"
          disabled={props.disabled}
          onClick={() => props.onValue(undefined)}
        >
          {tf("form.ringReset")}
        </button>
      </Show>
    </div>
  );
}

export function HoldStopwatch(props: {
  itemKey: string;
  value: number | undefined;
  disabled: boolean;
  timers: TimerSupport;
  onValue: (value: number | undefined) => void;
}) {
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 500);
  onCleanup(() => clearInterval(tick));
  const since = () => props.timers.runningSince(props.itemKey);
  const elapsed = () => {
    const start = since();
    return start === undefined ? 0 : Math.max(0, (now() - start) / 1000);
  };

  function toggle() {
    if (since() === undefined) {
      props.timers.start(props.itemKey);
      setNow(Date.now());
      return;
    }
    const seconds = props.timers.stop(props.itemKey);
    // The item asks for the longest single hold: a shorter one never lowers it.
    props.onValue(Math.max(props.value ?? 0, seconds));
  }

  return (
    <div class="call-helper">
      <button
        type="button"
        class="call-helper__tap"
        classList={{ "call-helper__tap--running": since() !== undefined }}
        aria-pressed={since() !== undefined}
        disabled={props.disabled && since() === undefined}
        onClick={toggle}
      >
        <span class="call-helper__tap-label">{since() === undefined ? tf("form.holdStart") : tf("form.holdStop")}</span>
        <span class="call-helper__tap-count">
          <Show
            when={since() !== undefined}
            fallback={
              props.value === undefined
                ? tf("form.holdHint")
                : tf("form.holdLongest", { time: formatDuration(props.value), seconds: formatNumber(props.value) })
            }
          >
            <span class="call-helper__clock">{formatDuration(elapsed())}</span>
          </Show>
        </span>
      </button>
    </div>
  );
}
