/**
 * Two-step sign-in on the account page, and the set-up it shares with the enrolment screen
 * (pending.tsx): password → QR code and key → a code from the app → the 10 recovery codes, shown
 * once. Lazy, with the account pages: `uqr` draws the QR code here and nowhere else.
 */
import { revalidate } from "@solidjs/router";
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import { encode } from "uqr";
import { TextField } from "../../components/field";
import { FormError, FormSuccess } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { createFormState, type FormState } from "../../lib/form";
import { getMe } from "../../lib/queries";
import { useMe } from "../../lib/session";
import { ta } from "./account-i18n";
import { CodeField, codeMessage, codeProblem } from "./code-field";
import {
  confirmSetup,
  groupsOf,
  renewRecoveryCodes,
  startSetup,
  type TwoFactorSecret,
  turnOff,
} from "./two-factor-api";
import "./two-factor.css";

/** The `otpauth://` link as a QR code: one SVG path, no script, no inline style (the CSP holds). */
function QrCode(props: { text: string }) {
  const qr = createMemo(() => encode(props.text, { ecc: "M", border: 4 }));
  const path = () => {
    let d = "";
    qr().data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return d;
  };
  return (
    <svg
      class="qr"
      role="img"
      aria-label={ta("twoFactor.qrLabel")}
      viewBox={`0 0 ${qr().size} ${qr().size}`}
      shape-rendering="crispEdges"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={path()} fill="#000" />
    </svg>
  );
}

/** The recovery codes, shown once: copy them, download them as text, then say they are saved. */
export function RecoveryCodes(props: { codes: string[]; email: string; onDone: () => void }) {
  const [notice, setNotice] = createSignal<string>();
  const text = () =>
    [ta("twoFactor.fileHeading", { email: props.email }), ta("twoFactor.fileNote"), "", ...props.codes, ""].join("\n");

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.codes.join("\n"));
      setNotice(ta("twoFactor.copied"));
    } catch {
      setNotice(ta("twoFactor.copyFailed"));
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text()], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "courtesy-recovery-codes.txt";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <section class="recovery" aria-labelledby="recovery-codes-title">
      <h3 class="recovery__title" id="recovery-codes-title" tabIndex={-1}>
        {ta("twoFactor.codesTitle")}
      </h3>
      <p class="card__intro">{ta("twoFactor.codesIntro")}</p>
      <ol class="recovery__codes" aria-label={ta("twoFactor.codesTitle")}>
        <For each={props.codes}>{(code) => <li class="code">{code}</li>}</For>
      </ol>
      <div class="form__actions recovery__actions">
        <button type="button" class="button button--secondary" onClick={copy}>
          {ta("twoFactor.copy")}
        </button>
        <button type="button" class="button button--secondary" onClick={download}>
          {ta("twoFactor.download")}
        </button>
        <button type="button" class="button button--primary" onClick={() => props.onDone()}>
          {ta("twoFactor.saved")}
        </button>
      </div>
      <FormSuccess message={notice()} />
    </section>
  );
}

/** The password that opens a change, with the hidden user name password managers pair it with. */
function PasswordField(props: { form: FormState; value: string; onInput: (value: string) => void }) {
  const me = useMe();
  return (
    <>
      <input type="hidden" name="username" autocomplete="username" value={me().user.email} />
      <TextField
        name="currentPassword"
        type="password"
        label={ta("twoFactor.password")}
        autocomplete="current-password"
        value={props.value}
        onInput={props.onInput}
        error={props.form.errorFor("currentPassword")}
        required
      />
    </>
  );
}

/** The code field with its errors worded: the app's code, or (`orRecovery`) a recovery code too. */
function TwoFactorCode(props: {
  form: FormState;
  value: string;
  onInput: (value: string) => void;
  orRecovery?: boolean;
}) {
  return (
    <CodeField
      name="code"
      label={props.orRecovery ? ta("twoFactor.codeOrRecovery") : ta("twoFactor.code")}
      hint={props.orRecovery ? ta("twoFactor.codeOrRecoveryHint") : ta("twoFactor.codeHint")}
      value={props.value}
      onInput={props.onInput}
      error={codeProblem(props.form, "code")}
      errorMessage={codeMessage(props.form)}
      orRecovery={props.orRecovery}
    />
  );
}

/** The form's other problems; a throttle or a wrong code already shows under the code field. */
function CodeFormError(props: { form: FormState }) {
  return (
    <Show when={props.form.problem()?.status !== 429 && !props.form.errorFor("code")}>
      <FormError problem={props.form.problem()} fields={["code"]} />
    </Show>
  );
}

function CancelButton(props: { onCancel: () => void }) {
  return (
    <button type="button" class="button button--ghost" onClick={() => props.onCancel()}>
      {ta("twoFactor.cancel")}
    </button>
  );
}

/**
 * Setting up: the password, then the QR code (and the key in groups of 4) with a code from the
 * app, then the recovery codes. `onDone` runs once the person says the codes are saved.
 */
export function TwoFactorSetup(props: { onDone: () => void; onCancel?: () => void }) {
  const me = useMe();
  const [password, setPassword] = createSignal("");
  const [secret, setSecret] = createSignal<TwoFactorSecret>();
  const [code, setCode] = createSignal("");
  const [codes, setCodes] = createSignal<string[]>();
  const start = createFormState();
  const confirm = createFormState();

  async function begin(event: SubmitEvent) {
    event.preventDefault();
    const result = await start.run(() => startSetup(password()), event.currentTarget as HTMLFormElement);
    if (!result) return;
    setPassword("");
    setSecret(result);
    // Focus follows the steps: the old step's button is gone (docs: a keyboard keeps its place).
    document.querySelector<HTMLElement>(".setup [name=code]")?.focus();
  }

  async function finish(event: SubmitEvent) {
    event.preventDefault();
    const result = await confirm.run(() => confirmSetup(code()), event.currentTarget as HTMLFormElement);
    if (!result) {
      if (confirm.errorFor("code")) setCode("");
      return;
    }
    setCodes(result.recoveryCodes);
    document.getElementById("recovery-codes-title")?.focus();
  }

  const cancel = () => <Show when={props.onCancel}>{(onCancel) => <CancelButton onCancel={onCancel()} />}</Show>;

  return (
    <Switch>
      <Match when={codes()}>
        {(list) => <RecoveryCodes codes={list()} email={me().user.email} onDone={props.onDone} />}
      </Match>
      <Match when={secret()}>
        {(current) => (
          <form class="form setup" onSubmit={finish} noValidate>
            <div class="setup__scan">
              <h3 class="setup__step">{ta("twoFactor.scanTitle")}</h3>
              <QrCode text={current().uri} />
              <p class="field__hint">{ta("twoFactor.manualIntro")}</p>
              <p class="setup__key">
                <span class="visually-hidden">{ta("twoFactor.keyLabel")}: </span>
                <span class="code" data-testid="two-factor-key">
                  {groupsOf(current().secret)}
                </span>
              </p>
            </div>
            <h3 class="setup__step">{ta("twoFactor.confirmTitle")}</h3>
            <TwoFactorCode form={confirm} value={code()} onInput={setCode} />
            <CodeFormError form={confirm} />
            <div class="form__actions">
              <SubmitButton
                pending={confirm.pending()}
                label={ta("twoFactor.turnOn")}
                pendingLabel={ta("twoFactor.turningOn")}
              />
              {cancel()}
            </div>
          </form>
        )}
      </Match>
      <Match when={true}>
        <form class="form" onSubmit={begin} noValidate>
          <p class="card__intro">{ta("twoFactor.passwordIntro")}</p>
          <PasswordField form={start} value={password()} onInput={setPassword} />
          <FormError problem={start.problem()} fields={["currentPassword"]} />
          <div class="form__actions">
            <SubmitButton
              pending={start.pending()}
              label={ta("twoFactor.continue")}
              pendingLabel={ta("twoFactor.checking")}
            />
            {cancel()}
          </div>
        </form>
      </Match>
    </Switch>
  );
}

/** New recovery codes (needs a code from the app), then shows them once. */
function RenewCodes(props: { onDone: () => void; onCancel: () => void }) {
  const me = useMe();
  const [code, setCode] = createSignal("");
  const [codes, setCodes] = createSignal<string[]>();
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await form.run(() => renewRecoveryCodes(code().trim()), event.currentTarget as HTMLFormElement);
    if (!result) {
      if (form.errorFor("code")) setCode("");
      return;
    }
    setCodes(result.recoveryCodes);
  }

  return (
    <Show
      when={codes()}
      fallback={
        <form class="form" onSubmit={submit} noValidate>
          <p class="card__intro">{ta("twoFactor.newCodesIntro")}</p>
          <TwoFactorCode form={form} value={code()} onInput={setCode} orRecovery />
          <CodeFormError form={form} />
          <div class="form__actions">
            <SubmitButton
              pending={form.pending()}
              label={ta("twoFactor.makeCodes")}
              pendingLabel={ta("twoFactor.making")}
            />
            <CancelButton onCancel={props.onCancel} />
          </div>
        </form>
      }
    >
      {(list) => <RecoveryCodes codes={list()} email={me().user.email} onDone={props.onDone} />}
    </Show>
  );
}

/** Turning off: password and a code; an organisation that requires it for the role says no (409). */
function TurnOff(props: { onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const form = createFormState();
  const required = () => form.problem()?.code === "two_factor_required";

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const done = await form.run(async () => {
      await turnOff(password(), code().trim());
      return true;
    }, event.currentTarget as HTMLFormElement);
    if (done) props.onDone();
    else if (form.errorFor("code")) setCode("");
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="card__intro">{ta("twoFactor.turnOffIntro")}</p>
      <PasswordField form={form} value={password()} onInput={setPassword} />
      <TwoFactorCode form={form} value={code()} onInput={setCode} orRecovery />
      <Show
        when={required()}
        fallback={
          <Show when={form.problem()?.status !== 429}>
            <FormError problem={form.problem()} fields={["currentPassword", "code"]} />
          </Show>
        }
      >
        <div class="form-error-region" role="alert">
          <p class="notice notice--error">{ta("twoFactor.required")}</p>
        </div>
      </Show>
      <div class="form__actions">
        <SubmitButton
          pending={form.pending()}
          variant="danger"
          label={ta("twoFactor.turnOff")}
          pendingLabel={ta("twoFactor.turningOff")}
        />
        <CancelButton onCancel={props.onCancel} />
      </div>
    </form>
  );
}

type Panel = "none" | "setup" | "codes" | "off";

/** The account page's "Two-step sign-in" card: off → set up; on → codes left, new codes, turn off. */
export default function TwoFactorSection() {
  const me = useMe();
  const [panel, setPanel] = createSignal<Panel>("none");
  const [notice, setNotice] = createSignal<string>();
  const state = () => me().user.twoFactor;
  let section: HTMLElement | undefined;
  let title: HTMLHeadingElement | undefined;
  // Focus follows the panel: its first field when one opens, the card's title when it closes, so
  // a keyboard or a screen reader is never left on a button that is gone.
  const close = () => {
    setPanel("none");
    title?.focus();
  };

  /** Back to the card's summary with a note, once the profile says what changed. */
  async function finished(message: string) {
    await revalidate(getMe.key);
    setPanel("none");
    setNotice(message);
    title?.focus();
  }

  const open = (next: Panel) => {
    setNotice(undefined);
    setPanel(next);
    section?.querySelector<HTMLElement>("input:not([type=hidden])")?.focus();
  };

  return (
    <section class="card" aria-labelledby="account-two-factor-title" ref={section}>
      <h2 class="section-title" id="account-two-factor-title" tabIndex={-1} ref={title}>
        {ta("twoFactor.title")}
      </h2>
      <Show
        when={state()?.enabled}
        fallback={
          <>
            <p class="card__intro">{ta("twoFactor.introOff")}</p>
            <Show
              when={panel() === "setup"}
              fallback={
                <button type="button" class="button button--primary" onClick={() => open("setup")}>
                  {ta("twoFactor.setUp")}
                </button>
              }
            >
              <TwoFactorSetup onDone={() => finished(ta("twoFactor.turnedOn"))} onCancel={close} />
            </Show>
          </>
        }
      >
        <p class="card__intro">{ta("twoFactor.introOn")}</p>
        <p class="two-factor__left">
          {ta("twoFactor.codesLeft", state()?.recoveryCodesLeft ?? 0)}
          <Show when={(state()?.recoveryCodesLeft ?? 0) <= 3}> {ta("twoFactor.codesLow")}</Show>
        </p>
        <Switch>
          <Match when={panel() === "codes"}>
            <RenewCodes onDone={() => finished(ta("twoFactor.codesRenewed"))} onCancel={close} />
          </Match>
          <Match when={panel() === "off"}>
            <TurnOff onDone={() => finished(ta("twoFactor.turnedOff"))} onCancel={close} />
          </Match>
          <Match when={true}>
            <div class="form__actions">
              <button type="button" class="button button--secondary" onClick={() => open("codes")}>
                {ta("twoFactor.newCodes")}
              </button>
              <button type="button" class="button button--danger-ghost" onClick={() => open("off")}>
                {ta("twoFactor.turnOff")}
              </button>
            </div>
          </Match>
        </Switch>
      </Show>
      <FormSuccess message={notice()} />
    </section>
  );
}
