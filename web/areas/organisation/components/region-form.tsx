import { Show } from "solid-js";
import { createStore } from "solid-js/store";
import { SubmitButton } from "../../../components/submit-button";
import { createFormState } from "../../../lib/form";
import { tOffice } from "../../../lib/office-i18n";
import { tm } from "../organisation-i18n";
import { CodeNameFields } from "./code-name-fields";
import { VersionedFormError } from "./stale-notice";

export interface RegionValues {
  code: string;
  nameEn: string;
  nameZh: string;
}

interface RegionFormProps {
  initial?: RegionValues;
  submitLabel: string;
  pendingLabel: string;
  /** Sends the values; throws a Problem when the API says no. */
  save: (values: RegionValues) => Promise<unknown>;
  onSaved?: () => void;
  onCancel?: () => void;
  /** Loads the current version after a 409 `stale_version` (editing forms only). */
  onReload?: () => void;
}

const FIELDS = ["code", "nameEn", "nameZh"] as const;

/** Create or edit a region. Values stay as typed when the API rejects them. */
export function RegionForm(props: RegionFormProps) {
  const [values, setValues] = createStore<RegionValues>({ code: "", nameEn: "", nameZh: "", ...props.initial });
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const ok = await form.run(async () => {
      await props.save({ ...values });
      return true;
    }, event.currentTarget as HTMLFormElement);
    if (ok) props.onSaved?.();
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <CodeNameFields
        values={values}
        onInput={(field, value) => setValues(field, value)}
        errorFor={form.errorFor}
        labels={{
          code: tm("regions.code"),
          codeHint: tm("regions.codeHint"),
          nameEn: tm("regions.nameEn"),
          nameZh: tm("regions.nameZh"),
        }}
        nameMaxLength={100}
      />
      <VersionedFormError problem={form.problem()} fields={FIELDS} onReload={() => props.onReload?.()} />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={props.submitLabel} pendingLabel={props.pendingLabel} />
        <Show when={props.onCancel}>
          <button type="button" class="button button--ghost" onClick={() => props.onCancel?.()}>
            {tOffice("common.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}
