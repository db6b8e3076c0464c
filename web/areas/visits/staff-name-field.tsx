/**
 * The name of the person who served the shopper, as the organisation's `staffNames` policy asks
 * (docs/PRIVACY.md): the name as on the badge (`allowed`), initials (`initials`), or no field at
 * all (`role_only`). The value lives in the draft like every other field; a name kept from before
 * a policy change stays in it and the server applies the policy when the report arrives.
 */
import "../../styles/later.css";
import { createUniqueId, Show } from "solid-js";
import type { StaffNamePolicy } from "../../../schema/enums";
import { tr } from "./review-i18n";

export function StaffNameField(props: {
  policy: StaffNamePolicy;
  call: boolean;
  value: string;
  onInput: (value: string) => void;
}) {
  const id = createUniqueId();
  const initials = () => props.policy === "initials";
  return (
    <Show when={props.policy !== "role_only"}>
      <div class="field">
        <label class="field__label" for={id}>
          {initials() ? tr("staffInitials") : props.call ? tr("staffNameCall") : tr("staffName")}
        </label>
        <Show when={initials()}>
          <p class="field__hint" id={`${id}-hint`}>
            {tr("staffInitialsHint")}
          </p>
        </Show>
        <input
          id={id}
          class="input"
          name="staffName"
          autocomplete="off"
          maxLength={80}
          aria-describedby={initials() ? `${id}-hint` : undefined}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </div>
    </Show>
  );
}
