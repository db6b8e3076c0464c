import "../../styles/later.css";
import { createAsync, Navigate, query, revalidate, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, lazy, Show, Suspense } from "solid-js";
import { FieldFrame, TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { chosenLocale, PublicLayout } from "../../components/public-layout";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { setLocale } from "../../lib/i18n";
import { tOffice } from "../../lib/office-i18n";
import { forgetMe, getMe } from "../../lib/queries";

/** The second step (a code from the app, or a recovery code): fetched only for people who use it. */
const TwoFactorStep = lazy(() => import("./two-factor-step"));

/** "Your account has been deleted" (a chunk of its own, only after a deletion). */
const DeletedNotice = lazy(() => import("./deleted-notice"));

/** A path inside the app to return to after signing in (never another site). */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) {
    return "/";
  }
  return next;
}

export default function Login() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [showPassword, setShowPassword] = createSignal(false);
  const form = createFormState();
  const next = () => safeNext(params.next);

  /**
   * Half signed in: the password was right and a code from the app is due. After a reload the
   * shell sends such a session here with `?step=code` (read from the address, not from `me()`:
   * reading that outside the Suspense above would hold the whole page until it loads).
   */
  const [codeDue, setCodeDue] = createSignal(false);
  const secondStep = () => codeDue() || params.step === "code";

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const target = event.currentTarget as HTMLFormElement;
    const result = await form.run(
      () => call(api.auth.login.$post({ json: { email: email(), password: password() } })),
      target,
    );
    if (!result) return;
    // A new session: whoever was kept on this device no longer opens the app before the server says so.
    forgetMe();
    setPassword("");
    if (result.pending === "two_factor") {
      // Until the code, the session may not save a language: show the account's, save later.
      if (!chosenLocale() && (result.locale === "en" || result.locale === "zh")) await setLocale(result.locale);
      setCodeDue(true);
      return;
    }
    await signedIn(result.locale);
  }

  /** A full session: the language picked here wins (saved to the account), then on to the app. */
  async function signedIn(saved: string) {
    const chosen = chosenLocale();
    if (chosen && chosen !== saved) {
      // The language picked on this page wins: save it, so the profile loading next agrees.
      await call(api.me.$patch({ json: { locale: chosen } })).catch(() => undefined);
    } else if (!chosen && (saved === "en" || saved === "zh")) {
      await setLocale(saved);
    }
    query.clear();
    navigate(next(), { replace: true });
  }

  /** Back from the second step: the half-signed-in session ends, the password is asked again. */
  async function backToPassword() {
    await call(api.auth.logout.$post()).catch(() => undefined);
    forgetMe();
    query.clear();
    setCodeDue(false);
    setParams({ step: undefined }, { replace: true });
    await revalidate(getMe.key);
  }

  /** Wrong credentials are not about one field: say it once, above the button. */
  const passwordError = () => form.errorFor("password");

  return (
    <>
      <Suspense>
        <Show when={me() && me()?.pending !== "two_factor"}>
          <Navigate href={next()} />
        </Show>
      </Suspense>
      <PublicLayout title={tOffice("login.title")}>
        <Show when={secondStep()} fallback={passwordStep()}>
          <Suspense>
            <TwoFactorStep onSignedIn={signedIn} onBack={backToPassword} />
          </Suspense>
        </Show>
      </PublicLayout>
    </>
  );

  function passwordStep() {
    return (
      <>
        <h1 class="card__title">{tOffice("login.title")}</h1>
        <p class="card__intro">{tOffice("login.intro")}</p>
        <Show when={params.notice === "deleted"}>
          <Suspense>
            <DeletedNotice />
          </Suspense>
        </Show>
        <form class="form" onSubmit={submit} noValidate>
          <TextField
            name="email"
            label={tOffice("login.email")}
            type="email"
            autocomplete="username"
            inputMode="email"
            autocapitalize="none"
            spellcheck={false}
            value={email()}
            onInput={setEmail}
            error={form.errorFor("email")}
            required
          />
          <FieldFrame id="login-password" label={tOffice("login.password")} error={passwordError()}>
            <input
              class="input"
              id="login-password"
              name="password"
              type={showPassword() ? "text" : "password"}
              autocomplete="current-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
              required
              aria-invalid={passwordError() ? "true" : undefined}
              aria-describedby={passwordError() ? "login-password-error" : undefined}
            />
          </FieldFrame>
          <div class="check check--compact">
            <input
              class="check__box"
              type="checkbox"
              id="login-show-password"
              checked={showPassword()}
              onChange={(e) => setShowPassword(e.currentTarget.checked)}
            />
            <label class="check__label" for="login-show-password">
              {tOffice("login.showPassword")}
            </label>
          </div>
          <FormError problem={form.problem()} fields={["email", "password"]} />
          <SubmitButton
            pending={form.pending()}
            label={tOffice("login.submit")}
            pendingLabel={tOffice("login.submitting")}
          />
        </form>
      </>
    );
  }
}
