/**
 * The code field of two-step sign-in and the words for its errors: shared by the set-up
 * (two-factor.tsx) and the sign-in's second step, without the QR code's library.
 */
import { createUniqueId } from "solid-js";
import { describedBy, FieldFrame } from "../../components/field";
import type { FieldProblem } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import type { FormState } from "../../lib/form";
import { formatWait } from "../../lib/i18n";
import { ta } from "./account-i18n";
import { digitsOf } from "./two-factor-api";

/**
 * The error to show under a code field: the field's own, or a throttle (429) worded with its
 * wait, so every answer about the code sits next to it.
 */
export function codeProblem(form: FormState, field: string): FieldProblem | undefined {
  const problem = form.problem();
  if (problem?.status === 429) return { path: field, code: "too_many_attempts", message: "" };
  return form.errorFor(field);
}

/** A code error in words: wrong code, wrong recovery code, or the wait after too many tries. */
export function codeMessage(form: FormState) {
  return (error: FieldProblem): string => {
    if (error.code === "too_many_attempts") {
      const wait = form.problem()?.retryAfter;
      return ta("twoFactor.tooMany", { wait: formatWait(wait ?? 60) });
    }
    if (error.code === "invalid_code") {
      return error.path === "recoveryCode" ? ta("twoFactor.invalidRecovery") : ta("twoFactor.invalidCode");
    }
    return fieldErrorMessage(error);
  };
}

interface CodeFieldProps {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: FieldProblem | undefined;
  errorMessage: (error: FieldProblem) => string;
  hint?: string | undefined;
  /** A recovery code is taken too (letters and a dash): the account page's checks, not the set-up. */
  orRecovery?: boolean;
}

/** A 6-digit code from an authenticator app: numeric keyboard, the phone's one-time-code autofill. */
export function CodeField(props: CodeFieldProps) {
  const id = createUniqueId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} errorMessage={props.errorMessage}>
      <input
        class="input input--code"
        id={id}
        name={props.name}
        type="text"
        inputmode={props.orRecovery ? "text" : "numeric"}
        autocomplete="one-time-code"
        autocapitalize="none"
        spellcheck={false}
        maxLength={props.orRecovery ? 40 : undefined}
        value={props.value}
        onInput={(e) => {
          if (props.orRecovery) return props.onInput(e.currentTarget.value);
          // Pasted "123 456" or "123-456" becomes "123456"; nothing but digits, at most 6.
          const clean = digitsOf(e.currentTarget.value);
          e.currentTarget.value = clean;
          props.onInput(clean);
        }}
        required
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}
