import { revalidate } from "@solidjs/router";
import { Show } from "solid-js";
import { FormError } from "../../../components/form-error";
import type { Problem } from "../../../lib/api";
import { tm } from "../organisation-i18n";

/** Whether the API refused a change made from an older version of the row (409 `stale_version`). */
const isStale = (problem: Problem | undefined) => problem?.code === "stale_version";

/**
 * `FormError` for a form that sends the row's `version`: a 409 `stale_version` shows "someone else
 * changed this meanwhile" instead, with a button that loads the current version. The reload
 * throws away what was typed, so the button says so.
 */
export function VersionedFormError(props: {
  problem: Problem | undefined;
  fields: readonly string[];
  onReload: () => void;
}) {
  return (
    <>
      <FormError problem={isStale(props.problem) ? undefined : props.problem} fields={props.fields} />
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
    </>
  );
}

/**
 * The reload of an editing form that takes its values when it opens: close it, load the current
 * version (`keys`), open it again on that.
 * @example onReload={reopenOnCurrent(setEditing, [getRegion.key, getRegions.key])}
 */
export const reopenOnCurrent = (setOpen: (open: boolean) => void, keys: string[]) => async () => {
  setOpen(false);
  await revalidate(keys);
  setOpen(true);
};
