import "../../styles/later.css";
import { createAsync, query, useNavigate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onMount, Show, Suspense } from "solid-js";
import { TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { A } from "../../components/link";
import { PublicLayout } from "../../components/public-layout";
import { ErrorState, Loading } from "../../components/states";
import { SubmitButton } from "../../components/submit-button";
import { api, call, isProblem } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { setLocale } from "../../lib/i18n";
import type { Invitation } from "../../lib/types";
import { ta } from "./account-i18n";
import "./invite.css";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { forgetMe } from "../../lib/queries";
import { getInvitation } from "../organisation/queries";

function InvalidLink() {
  return (
    <section class="state state--plain">
      <h1 class="card__title">{ta("invite.invalidTitle")}</h1>
      <p>{ta("invite.invalidBody")}</p>
      <A class="button button--secondary" href="/login">
        {ta("invite.goToLogin")}
      </A>
    </section>
  );
}

type Mode = "new" | "existing";

function AcceptForm(props: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  // The page cannot know whether the email has an account (it must not tell), so the person says.
  const [mode, setMode] = createSignal<Mode>("new");
  const [existingAccount, setExistingAccount] = createSignal(false);
  const [displayName, setDisplayName] = createSignal(props.invitation.displayName);
  const [password, setPassword] = createSignal("");
  const form = createFormState();
  const existing = () => mode() === "existing";
  // The admin chose the invitee's language: open in it (the switch still works afterwards).
  onMount(() => setLocale(props.invitation.locale));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const json =
      mode() === "existing"
        ? { mode: "existing" as const, password: password() }
        : { mode: "new" as const, displayName: displayName(), password: password() };
    const done = await form.run(
      () => call(api.invitations[":token"].accept.$post({ param: { token: props.token }, json })),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) {
      // An account already exists for this email: offer the other way, keeping what was typed.
      if (form.problem()?.code === "account_exists") {
        setExistingAccount(true);
        setMode("existing");
        form.clear();
      }
      return;
    }
    // A new session: whoever was kept on this device no longer opens the app before the server says so.
    forgetMe();
    query.clear();
    navigate("/", { replace: true });
  }

  return (
    <Show when={form.problem()?.code !== "invitation_invalid"} fallback={<InvalidLink />}>
      <h1 class="card__title">{ta("invite.title", { org: localName(props.invitation.organization.name) })}</h1>
      <p class="card__intro">{ta("invite.intro", { email: props.invitation.email })}</p>
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="choice-group">
          <legend class="field__label">{ta("invite.modeLegend")}</legend>
          <For each={["new", "existing"] as const}>
            {(option) => (
              <label class="check">
                <input
                  class="check__box"
                  type="radio"
                  name="mode"
                  value={option}
                  checked={mode() === option}
                  onChange={() => setMode(option)}
                />
                <span class="check__label">{ta(option === "new" ? "invite.modeNew" : "invite.modeExisting")}</span>
              </label>
            )}
          </For>
        </fieldset>
        <p class="field__hint">{ta(existing() ? "invite.existingIntro" : "invite.newIntro")}</p>
        <Show when={existingAccount()}>
          <p class="notice" role="status">
            {ta("invite.accountExists")}
          </p>
        </Show>
        <Show when={!existing()}>
          <TextField
            name="displayName"
            label={ta("invite.displayName")}
            autocomplete="name"
            value={displayName()}
            onInput={setDisplayName}
            error={form.errorFor("displayName")}
            maxLength={100}
            required
          />
        </Show>
        <input type="hidden" name="username" autocomplete="username" value={props.invitation.email} />
        <TextField
          name="password"
          type="password"
          label={existing() ? ta("invite.currentPassword") : ta("invite.password")}
          hint={existing() ? undefined : ta("invite.passwordHint")}
          autocomplete={existing() ? "current-password" : "new-password"}
          value={password()}
          onInput={setPassword}
          error={form.errorFor("password")}
          required
        />
        <FormError problem={form.problem()} fields={["displayName", "password"]} />
        <SubmitButton pending={form.pending()} label={ta("invite.submit")} pendingLabel={ta("invite.submitting")} />
        <p class="field__hint">{ta("invite.expires", { date: formatDateTime(props.invitation.expiresAt) })}</p>
      </form>
    </Show>
  );
}

export default function Invite() {
  const params = useParams<{ token: string }>();
  const invitation = createAsync(() => getInvitation(params.token));
  return (
    <PublicLayout title={ta("invite.submit")}>
      <ErrorBoundary
        fallback={(error, reset) =>
          isProblem(error) && (error.code === "invitation_invalid" || error.status === 404) ? (
            <InvalidLink />
          ) : (
            <ErrorState error={error} retry={reset} />
          )
        }
      >
        <Suspense fallback={<Loading />}>
          <Show when={invitation()}>{(inv) => <AcceptForm token={params.token} invitation={inv()} />}</Show>
        </Suspense>
      </ErrorBoundary>
    </PublicLayout>
  );
}
