import { revalidate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { SelectField, TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { locale } from "../../lib/i18n";
import { formatDateTime } from "../../lib/office-formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import { type InviteResult, LOCALES, type Locale, type Role } from "../../lib/types";
import { CopyLink } from "./components/copy-link";
import { RoleScopeFields, scopeFor } from "./components/role-scope-fields";
import { tm } from "./organisation-i18n";
import { getUsers } from "./queries";

interface InviteValues {
  email: string;
  displayName: string;
  locale: Locale;
  role: Role;
  regionIds: string[];
  branchIds: string[];
}

const FIELDS = ["email", "displayName", "locale", "role", "regionIds", "branchIds"];

export default function UserInvite() {
  const can = useAbilities();
  const blank = (): InviteValues => ({
    email: "",
    displayName: "",
    locale: locale(),
    role: "shopper",
    regionIds: [],
    branchIds: [],
  });
  const [values, setValues] = createStore<InviteValues>(blank());
  const [result, setResult] = createSignal<InviteResult>();
  const form = createFormState();
  let heading: HTMLHeadingElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const created = await form.run(
      () =>
        call(
          api.users.$post({
            json: {
              email: values.email,
              displayName: values.displayName,
              locale: values.locale,
              role: values.role,
              ...scopeFor(values.role, values.regionIds, values.branchIds),
            },
          }),
        ),
      event.currentTarget as HTMLFormElement,
    );
    if (!created) return;
    void revalidate(getUsers.key);
    setResult(created);
    queueMicrotask(() => heading?.focus());
  }

  function again() {
    setValues(blank());
    form.clear();
    setResult(undefined);
  }

  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <PageHeader title={tm("users.inviteTitle")} back={{ href: "/users", label: tm("users.title") }} />
      <Show
        when={result()}
        fallback={
          <section class="card">
            <p class="card__intro">{tm("users.inviteIntro")}</p>
            <form class="form" onSubmit={submit} noValidate>
              <TextField
                name="email"
                type="email"
                label={tm("users.email")}
                value={values.email}
                onInput={(v) => setValues("email", v)}
                error={form.errorFor("email")}
                autocomplete="off"
                inputMode="email"
                autocapitalize="none"
                spellcheck={false}
                maxLength={254}
                required
              />
              <TextField
                name="displayName"
                label={tm("users.displayName")}
                value={values.displayName}
                onInput={(v) => setValues("displayName", v)}
                error={form.errorFor("displayName")}
                autocomplete="off"
                maxLength={100}
                required
              />
              <SelectField
                name="locale"
                label={tm("users.language")}
                hint={tm("users.languageHint")}
                value={values.locale}
                options={LOCALES.map((l) => ({ value: l, label: tOffice(`locales.${l}`) }))}
                onChange={(v) => setValues("locale", v as Locale)}
                error={form.errorFor("locale")}
              />
              <RoleScopeFields
                role={values.role}
                regionIds={values.regionIds}
                branchIds={values.branchIds}
                onRole={(role) => setValues("role", role)}
                onRegions={(ids) => setValues("regionIds", ids)}
                onBranches={(ids) => setValues("branchIds", ids)}
                errorFor={form.errorFor}
              />
              <FormError problem={form.problem()} fields={FIELDS} />
              <SubmitButton
                pending={form.pending()}
                label={tm("users.sendInvite")}
                pendingLabel={tm("users.sending")}
              />
            </form>
          </section>
        }
      >
        {(done) => (
          <section class="card" aria-labelledby="invite-done-title">
            <h2 class="section-title" id="invite-done-title" tabindex="-1" ref={heading}>
              {tm("users.invitedTitle")}
            </h2>
            <CopyLink
              url={done().invitation.url}
              label={tm("users.linkLabel")}
              hint={tm("users.linkHint", {
                email: done().user.email,
                date: formatDateTime(done().invitation.expiresAt),
              })}
            />
            <div class="form__actions">
              <A class="button button--secondary" href={`/users/${done().user.id}`}>
                {tm("users.viewPerson")}
              </A>
              <button type="button" class="button button--ghost" onClick={again}>
                {tm("users.inviteAnother")}
              </button>
            </div>
          </section>
        )}
      </Show>
    </Show>
  );
}
