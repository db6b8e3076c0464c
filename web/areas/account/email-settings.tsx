/**
 * "Email notifications" on the account page: each notification as it happens, one daily digest,
 * or none (`emailMode`), and the person's time zone (`timeZone`, an IANA name from the browser's
 * own list), which the digest follows. Saved with `PATCH /me`.
 */
import "./account.css";
import { revalidate } from "@solidjs/router";
import { createSignal } from "solid-js";
import type { EmailMode } from "../../../schema/enums";
import { ChoiceGroup } from "../../components/choice-group";
import { SelectField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { tOffice } from "../../lib/office-i18n";
import { getMe } from "../../lib/queries";
import { useMe } from "../../lib/session";
import { ta } from "./account-i18n";

/**
 * The modes in the order shown (schema/enums.ts EMAIL_MODES, a type-checked copy: a value imported
 * from schema/enums would land in the app's shared chunk, the first download).
 */
const EMAIL_MODES = ["each", "daily", "off"] as const satisfies readonly EmailMode[];

/** Every zone the browser knows, with the stored one first in the list if the browser lacks it. */
function timeZones(stored: string): string[] {
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = typeof list === "function" ? list("timeZone") : [];
  return zones.includes(stored) ? zones : [stored, ...zones];
}

export function EmailSettings() {
  const me = useMe();
  const [mode, setMode] = createSignal<EmailMode>(me().user.emailMode);
  const [zone, setZone] = createSignal(me().user.timeZone);
  const [notice, setNotice] = createSignal<string>();
  const form = createFormState();
  const zones = timeZones(me().user.timeZone).map((z) => ({ value: z, label: z.replaceAll("_", " ") }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setNotice(undefined);
    const done = await form.run(
      () => call(api.me.$patch({ json: { emailMode: mode(), timeZone: zone() } })),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) return;
    await revalidate(getMe.key);
    setNotice(ta("email.saved"));
  }

  return (
    <section class="card" aria-labelledby="account-email-title">
      <h2 class="section-title" id="account-email-title">
        {ta("email.title")}
      </h2>
      <p class="card__intro">{ta("email.intro", { email: me().user.email })}</p>
      <form class="form" onSubmit={submit} noValidate>
        <ChoiceGroup
          name="emailMode"
          legend={ta("email.modeLegend")}
          choices={EMAIL_MODES}
          value={mode()}
          onChange={setMode}
          label={(choice) => ta(`email.mode.${choice}`)}
          hint={(choice) => ta(`email.modeHint.${choice}`)}
        />
        <SelectField
          name="timeZone"
          label={ta("email.timeZone")}
          hint={ta("email.timeZoneHint")}
          value={zone()}
          options={zones}
          onChange={setZone}
          error={form.errorFor("timeZone")}
        />
        <FormError problem={form.problem()} fields={["timeZone"]} />
        <FormSuccess message={notice()} />
        <SubmitButton pending={form.pending()} label={tOffice("common.save")} pendingLabel={tOffice("common.saving")} />
      </form>
    </section>
  );
}
