/**
 * The sign-in's second step (login.tsx, lazy): after a right password for someone with two-step
 * sign-in, a 6-digit code from their app (sent by itself at the 6th digit) or one recovery code.
 */
import { createEffect, createSignal, on, Show } from "solid-js";
import { TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { createFormState } from "../../lib/form";
import { tOffice } from "../../lib/office-i18n";
import { ta } from "./account-i18n";
import { CodeField, codeMessage, codeProblem } from "./code-field";
import { verifySignIn } from "./two-factor-api";

interface SecondStepProps {
  /** The session is full: `locale` is the account's saved language. */
  onSignedIn: (locale: string) => void;
  /** Back to email and password (the half-signed-in session is ended first). */
  onBack: () => void;
}

export default function TwoFactorStep(props: SecondStepProps) {
  const [recovery, setRecovery] = createSignal(false);
  const [code, setCode] = createSignal("");
  const [recoveryCode, setRecoveryCode] = createSignal("");
  const form = createFormState();
  const field = () => (recovery() ? "recoveryCode" : "code");
  let formElement: HTMLFormElement | undefined;

  async function verify() {
    const answer = recovery() ? { recoveryCode: recoveryCode().trim() } : { code: code() };
    const result = await form.run(() => verifySignIn(answer), formElement);
    if (result) {
      props.onSignedIn(result.locale);
      return;
    }
    // A wrong code is typed again from the start (the field sends itself at 6 digits).
    if (!recovery() && form.errorFor("code")) setCode("");
  }

  function typed(value: string) {
    setCode(value);
    if (value.length === 6 && !form.pending()) void verify();
  }

  function switchTo(useRecovery: boolean) {
    form.clear();
    setRecovery(useRecovery);
  }

  // The field to type in has the focus, at first and after switching between code and recovery code.
  createEffect(on(recovery, () => queueMicrotask(() => formElement?.querySelector("input")?.focus())));

  /** Errors are said next to the field; anything else (network, server) above the button. */
  const elsewhere = () => {
    const problem = form.problem();
    return problem && problem.status !== 429 && !form.errorFor(field()) ? problem : undefined;
  };

  return (
    <>
      <h1 class="card__title">{ta("twoFactor.stepTitle")}</h1>
      <p class="card__intro">{recovery() ? ta("twoFactor.recoveryIntro") : ta("twoFactor.stepIntro")}</p>
      <form
        class="form"
        ref={formElement}
        onSubmit={(event) => {
          event.preventDefault();
          void verify();
        }}
        noValidate
      >
        <Show
          when={recovery()}
          fallback={
            <CodeField
              name="code"
              label={ta("twoFactor.code")}
              value={code()}
              onInput={typed}
              error={codeProblem(form, "code")}
              errorMessage={codeMessage(form)}
            />
          }
        >
          <TextField
            name="recoveryCode"
            label={ta("twoFactor.recoveryCode")}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={recoveryCode()}
            onInput={setRecoveryCode}
            error={codeProblem(form, "recoveryCode")}
            errorMessage={codeMessage(form)}
            maxLength={40}
            required
          />
        </Show>
        <FormError problem={elsewhere()} fields={[field()]} />
        <SubmitButton
          pending={form.pending()}
          label={ta("twoFactor.verify")}
          pendingLabel={tOffice("login.submitting")}
        />
      </form>
      <div class="second-step__links">
        <button type="button" class="button button--ghost" onClick={() => switchTo(!recovery())}>
          {recovery() ? ta("twoFactor.useApp") : ta("twoFactor.useRecovery")}
        </button>
        <button type="button" class="button button--ghost" onClick={() => props.onBack()}>
          {ta("twoFactor.backToSignIn")}
        </button>
      </div>
    </>
  );
}
