import { Show } from "solid-js";
import type { Problem } from "../../../lib/api";
import { tm } from "../organisation-i18n";

/** Whether the API refused a change made from an older version of the row (409 `stale_version`). */
export function isStale(problem: Problem | undefined): boolean {
  return problem?.code === "stale_version";
}

/** The problem for `FormError`, minus a stale version (the stale notice speaks for that one). */
export function unlessStale(problem: Problem | undefined): Problem | undefined {
  return isStale(problem) ? undefined : problem;
}

/**
 * "Someone else changed this meanwhile", with a button that loads the current version. Shown
 * only for a 409 `stale_version`; the reload throws away what was typed, so the button says so.
 */
export function StaleNotice(props: { problem: Problem | undefined; onReload: () => void }) {
  return (
    <div class="form-error-region" role="alert">
      <Show when={isStale(props.problem)}>
        <div class="notice notice--error" data-testid="stale-notice">
          <p>{tm("stale.message")}</p>
          <button type="button" class="button button--secondary" onClick={() => props.onReload()}>
            {tm("stale.reload")}
          </button>
        </div>
      </Show>
    </div>
  );
}
