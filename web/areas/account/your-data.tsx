/**
 * "Your data" on the account page (docs/PRIVACY.md): download everything Courtesy holds about
 * the person (`GET /me/export`, saved as a JSON file) and delete the account (`DELETE /me`)
 * behind a confirm step that says what is erased and what is kept, with the password and the
 * typed word. The last admin of an organisation is told so in words (409 `last_admin`). After
 * deletion the person lands on the sign-in page with a notice (`/login?notice=deleted`).
 */
import "./account.css";
import { createSignal, Show } from "solid-js";
import { TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { api, call, isProblem, type Problem } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { forgetMe } from "../../lib/queries";
import { useMe } from "../../lib/session";
import { ta } from "./account-i18n";

/** The word typed to confirm a deletion, as the API asks for it in every language. */
const CONFIRM_WORD = "delete";

/** Saves a JSON document as a file through a temporary link. */
function saveJson(data: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function DownloadData() {
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();

  async function download() {
    setPending(true);
    setProblem(undefined);
    try {
      const data = await call(api.me.export.$get());
      saveJson(data, `courtesy-my-data-${new Date().toISOString().slice(0, 10)}.json`);
    } catch (error) {
      if (!isProblem(error)) throw error;
      setProblem(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <p class="card__intro">{ta("data.exportIntro")}</p>
      <FormError problem={problem()} fields={[]} />
      <div class="account-data__actions">
        <SubmitButton
          type="button"
          variant="secondary"
          pending={pending()}
          label={ta("data.export")}
          pendingLabel={ta("data.exporting")}
          onClick={download}
        />
      </div>
    </>
  );
}

function DeleteAccount() {
  const me = useMe();
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal("");
  const [word, setWord] = createSignal("");
  const [code, setCode] = createSignal("");
  const form = createFormState();
  const lastAdmin = () => form.problem()?.code === "last_admin";
  // Asked for up front when the person uses two-step sign-in (the server wants it then), and
  // whenever the server asks for it.
  const needsCode = () => me().user.twoFactor.enabled || !!form.errorFor("code") || code() !== "";
  // Focus follows the step: opening it moves to its first field, cancelling back to the button,
  // so neither a keyboard nor a screen reader is left on a button that is gone.
  let startButton: HTMLButtonElement | undefined;
  let confirmForm: HTMLFormElement | undefined;
  function start() {
    setOpen(true);
    confirmForm?.querySelector<HTMLElement>("[name=currentPassword]")?.focus();
  }

  const [wrongWord, setWrongWord] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    // The word is checked here first: a slip never reaches the server.
    const typed = word().trim().toLowerCase();
    setWrongWord(typed !== CONFIRM_WORD);
    if (typed !== CONFIRM_WORD) {
      form.clear();
      queueMicrotask(() => (event.target as HTMLFormElement).querySelector<HTMLElement>("[name=confirm]")?.focus());
      return;
    }
    const done = await form.run(
      () =>
        call(
          api.me.$delete({
            json: {
              currentPassword: password(),
              confirm: CONFIRM_WORD,
              ...(code().trim() ? { code: code().trim() } : {}),
            },
          }),
        ).then(() => true),
      event.currentTarget as HTMLFormElement,
    );
    if (!done) return;
    forgetMe();
    // A whole new page, not a route change: requests still on their way (the bell, the outbox)
    // answer 401 now, and one landing while the sign-in page's chunk loaded sent the person to
    // `/login?next=/account` instead; a fresh page also drops every cached read of the deleted account.
    location.replace("/login?notice=deleted");
  }

  function cancel() {
    setOpen(false);
    setPassword("");
    setWord("");
    setCode("");
    setWrongWord(false);
    form.clear();
    startButton?.focus();
  }

  return (
    <div class="account-delete">
      <h3 class="section-title" id="account-delete-title">
        {ta("data.deleteTitle")}
      </h3>
      <p class="card__intro">{ta("data.deleteIntro")}</p>
      <Show
        when={open()}
        fallback={
          <button type="button" class="button button--danger" ref={startButton} onClick={start}>
            {ta("data.deleteStart")}
          </button>
        }
      >
        <form class="form" ref={confirmForm} onSubmit={submit} noValidate aria-labelledby="account-delete-title">
          <p>{ta("data.erasedTitle")}</p>
          <ul class="account-delete__list">
            <li>{ta("data.erasedProfile")}</li>
            <li>{ta("data.erasedMemberships")}</li>
            <li>{ta("data.erasedSessions")}</li>
          </ul>
          <p>{ta("data.keptTitle")}</p>
          <ul class="account-delete__list">
            <li>{ta("data.keptReports")}</li>
            <li>{ta("data.keptTrail")}</li>
          </ul>
          <input type="hidden" name="username" autocomplete="username" value={me().user.email} />
          <TextField
            name="currentPassword"
            type="password"
            label={ta("data.password")}
            autocomplete="current-password"
            value={password()}
            onInput={setPassword}
            error={form.errorFor("currentPassword")}
            required
          />
          <TextField
            name="confirm"
            label={ta("data.confirmLabel", { word: CONFIRM_WORD })}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={word()}
            onInput={setWord}
            error={wrongWord() ? { path: "confirm", code: "invalid_value", message: "" } : form.errorFor("confirm")}
            errorMessage={() => ta("data.confirmWrong", { word: CONFIRM_WORD })}
            required
          />
          <Show when={needsCode()}>
            <TextField
              name="code"
              label={ta("data.code")}
              autocomplete="one-time-code"
              inputMode="numeric"
              value={code()}
              onInput={setCode}
              error={form.errorFor("code")}
            />
          </Show>
          <Show
            when={lastAdmin()}
            fallback={<FormError problem={form.problem()} fields={["currentPassword", "confirm", "code"]} />}
          >
            <div class="notice notice--error" role="alert">
              <p>{ta("data.lastAdmin")}</p>
            </div>
          </Show>
          <div class="account-delete__actions">
            <SubmitButton
              variant="danger"
              pending={form.pending()}
              label={ta("data.deleteConfirm")}
              pendingLabel={ta("data.deleting")}
            />
            <button type="button" class="button button--secondary" onClick={cancel}>
              {ta("data.cancel")}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}

export function YourData() {
  return (
    <section class="card" aria-labelledby="account-data-title">
      <h2 class="section-title" id="account-data-title">
        {ta("data.title")}
      </h2>
      <DownloadData />
      <DeleteAccount />
    </section>
  );
}
