/**
 * The person's own profile: the name every organisation they join sees (unless it gives them a
 * label of its own) and their password. Only they can change these; admins edit memberships.
 */
import { revalidate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { TextField } from "../components/field";
import { FormError, FormSuccess } from "../components/form-error";
import { PageHeader } from "../components/page-header";
import { SubmitButton } from "../components/submit-button";
import { api, call } from "../lib/api";
import { createFormState } from "../lib/form";
import { t } from "../lib/i18n";
import { tm } from "../lib/manage-i18n";
import { getMe } from "../lib/queries";
import { useMe } from "../lib/session";

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
    setNotice(tm("account.nameSaved"));
  }

  return (
    <section class="card" aria-labelledby="account-name-title">
      <h2 class="section-title" id="account-name-title">
        {tm("account.nameTitle")}
      </h2>
      <p class="card__intro">{tm("account.nameIntro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          label={tm("invite.displayName")}
          autocomplete="name"
          value={name()}
          onInput={setName}
          error={form.errorFor("displayName")}
          maxLength={100}
          required
        />
        <FormError problem={form.problem()} fields={["displayName"]} />
        <FormSuccess message={notice()} />
        <SubmitButton pending={form.pending()} label={t("common.save")} pendingLabel={t("common.saving")} />
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
    setNotice(tm("account.passwordSaved"));
  }

  return (
    <section class="card" aria-labelledby="account-password-title">
      <h2 class="section-title" id="account-password-title">
        {tm("account.passwordTitle")}
      </h2>
      <p class="card__intro">{tm("account.passwordIntro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        <input type="hidden" name="username" autocomplete="username" value={me().user.email} />
        <TextField
          name="currentPassword"
          type="password"
          label={tm("invite.currentPassword")}
          autocomplete="current-password"
          value={current()}
          onInput={setCurrent}
          error={form.errorFor("currentPassword")}
          required
        />
        <TextField
          name="newPassword"
          type="password"
          label={tm("account.newPassword")}
          hint={tm("invite.passwordHint")}
          autocomplete="new-password"
          value={next()}
          onInput={setNext}
          error={form.errorFor("newPassword")}
          required
        />
        <FormError problem={form.problem()} fields={["currentPassword", "newPassword"]} />
        <FormSuccess message={notice()} />
        <SubmitButton pending={form.pending()} label={tm("account.changePassword")} pendingLabel={t("common.saving")} />
      </form>
    </section>
  );
}

export default function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title={tm("account.title")} subtitle={me().user.email} />
      <NameForm />
      <PasswordForm />
    </>
  );
}
