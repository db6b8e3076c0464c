/**
 * The person's own profile: the name every organisation they join sees (unless it gives them a
 * label of its own), their password, two-step sign-in (two-factor.tsx), their email notifications
 * (email-settings.tsx) and their data: export and deletion (your-data.tsx). Only they can change
 * these; admins edit memberships.
 */
import { revalidate } from "@solidjs/router";
import { createSignal, lazy, Show, Suspense } from "solid-js";
import { TextField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { tOffice } from "../../lib/office-i18n";
import { getMe } from "../../lib/queries";
import { useAbilities, useMe } from "../../lib/session";
import { ta } from "./account-i18n";
import TwoFactorSection from "./two-factor";

// Chunks of their own (with their CSS), so the app's entry lists no more files for this page.
const EmailSettings = lazy(() => import("./email-settings").then((m) => ({ default: m.EmailSettings })));
const YourData = lazy(() => import("./your-data").then((m) => ({ default: m.YourData })));

function NameForm() {
  const me = useMe();
  const [name, setName] = createSignal(me().user.displayName);
  const [notice, setNotice] = createSignal<string>();
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setNotice(undefined);
    const done = await form.run(
      () => call(api.me.$patch({ json: { displayName: name() } })),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) return;
    await revalidate(getMe.key);
    setNotice(ta("account.nameSaved"));
  }

  return (
    <section class="card" aria-labelledby="account-name-title">
      <h2 class="section-title" id="account-name-title">
        {ta("account.nameTitle")}
      </h2>
      <p class="card__intro">{ta("account.nameIntro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          label={ta("invite.displayName")}
          autocomplete="name"
          value={name()}
          onInput={setName}
          error={form.errorFor("displayName")}
          maxLength={100}
          required
        />
        <FormError problem={form.problem()} fields={["displayName"]} />
        <FormSuccess message={notice()} />
        <SubmitButton pending={form.pending()} label={tOffice("common.save")} pendingLabel={tOffice("common.saving")} />
      </form>
    </section>
  );
}

function PasswordForm() {
  const me = useMe();
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [notice, setNotice] = createSignal<string>();
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setNotice(undefined);
    const done = await form.run(
      () => call(api.me.$patch({ json: { currentPassword: current(), newPassword: next() } })),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) return;
    setCurrent("");
    setNext("");
    setNotice(ta("account.passwordSaved"));
  }

  return (
    <section class="card" aria-labelledby="account-password-title">
      <h2 class="section-title" id="account-password-title">
        {ta("account.passwordTitle")}
      </h2>
      <p class="card__intro">{ta("account.passwordIntro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        <input type="hidden" name="username" autocomplete="username" value={me().user.email} />
        <TextField
          name="currentPassword"
          type="password"
          label={ta("invite.currentPassword")}
          autocomplete="current-password"
          value={current()}
          onInput={setCurrent}
          error={form.errorFor("currentPassword")}
          required
        />
        <TextField
          name="newPassword"
          type="password"
          label={ta("account.newPassword")}
          hint={ta("invite.passwordHint")}
          autocomplete="new-password"
          value={next()}
          onInput={setNext}
          error={form.errorFor("newPassword")}
          required
        />
        <FormError problem={form.problem()} fields={["currentPassword", "newPassword"]} />
        <FormSuccess message={notice()} />
        <SubmitButton
          pending={form.pending()}
          label={ta("account.changePassword")}
          pendingLabel={tOffice("common.saving")}
        />
      </form>
    </section>
  );
}

export default function AccountPage() {
  const me = useMe();
  const can = useAbilities();
  return (
    <>
      <PageHeader title={ta("account.title")} subtitle={me().user.email} />
      <Show when={can().visits}>
        <section class="card" aria-labelledby="account-reliability-title">
          <h2 class="section-title" id="account-reliability-title">
            {ta("account.reliabilityTitle")}
          </h2>
          <p class="card__intro">{ta("account.reliabilityIntro")}</p>
          <A class="button button--secondary" href="/me/reliability">
            {ta("account.reliabilityLink")}
          </A>
        </section>
      </Show>
      <NameForm />
      <PasswordForm />
      <TwoFactorSection />
      <Suspense>
        <EmailSettings />
        <YourData />
      </Suspense>
    </>
  );
}
