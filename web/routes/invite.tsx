import { A, createAsync, query, useNavigate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, onMount, Show, Suspense } from "solid-js";
import { TextField } from "../components/field";
import { FormError } from "../components/form-error";
import { PublicLayout } from "../components/public-layout";
import { ErrorState, Loading } from "../components/states";
import { SubmitButton } from "../components/submit-button";
import { api, call, isProblem } from "../lib/api";
import { createFormState } from "../lib/form";
import { formatDateTime, localName, setLocale } from "../lib/i18n";
import { tm } from "../lib/manage-i18n";
import { getInvitation } from "../lib/queries";
import type { Invitation } from "../lib/types";

function InvalidLink() {
  return (
    <section class="state state--plain">
      <h1 class="card__title">{tm("invite.invalidTitle")}</h1>
      <p>{tm("invite.invalidBody")}</p>
      <A class="button button--secondary" href="/login">
        {tm("invite.goToLogin")}
      </A>
    </section>
  );
}

function AcceptForm(props: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  const [displayName, setDisplayName] = createSignal(props.invitation.displayName);
  const [password, setPassword] = createSignal("");
  const form = createFormState();
  const existing = () => props.invitation.hasPassword;
  // The admin chose the invitee's language: open in it (the switch still works afterwards).
  onMount(() => setLocale(props.invitation.locale));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const done = await form.run(
      () =>
        call(
          api.invitations[":token"].accept.$post({
            param: { token: props.token },
            json: { displayName: displayName(), password: password() },
          }),
        ),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) return;
    query.clear();
    navigate("/", { replace: true });
  }

  return (
    <Show when={form.problem()?.code !== "invitation_invalid"} fallback={<InvalidLink />}>
      <h1 class="card__title">{tm("invite.title", { org: localName(props.invitation.organization.name) })}</h1>
      <p class="card__intro">
        {tm(existing() ? "invite.introExisting" : "invite.intro", { email: props.invitation.email })}
      </p>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          label={tm("invite.displayName")}
          autocomplete="name"
          value={displayName()}
          onInput={setDisplayName}
          error={form.errorFor("displayName")}
          maxLength={100}
          required
        />
        <input type="hidden" name="username" autocomplete="username" value={props.invitation.email} />
        <TextField
          name="password"
          type="password"
          label={existing() ? tm("invite.currentPassword") : tm("invite.password")}
          hint={existing() ? undefined : tm("invite.passwordHint")}
          autocomplete={existing() ? "current-password" : "new-password"}
          value={password()}
          onInput={setPassword}
          error={form.errorFor("password")}
          required
        />
        <FormError problem={form.problem()} fields={["displayName", "password"]} />
        <SubmitButton pending={form.pending()} label={tm("invite.submit")} pendingLabel={tm("invite.submitting")} />
        <p class="field__hint">{tm("invite.expires", { date: formatDateTime(props.invitation.expiresAt) })}</p>
      </form>
    </Show>
  );
}

export default function Invite() {
  const params = useParams<{ token: string }>();
  const invitation = createAsync(() => getInvitation(params.token));
  return (
    <PublicLayout title={tm("invite.submit")}>
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
