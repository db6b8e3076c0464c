/**
 * State for one form: pending flag, the last problem, and which field each error is on.
 * Values live in the form's own signals/stores, so nothing typed is lost on an error.
 */
import { createSignal } from "solid-js";
import { type FieldProblem, isProblem, Problem } from "./api";
import { fieldOf } from "./i18n";

export interface FormState {
  pending: () => boolean;
  problem: () => Problem | undefined;
  /** The first error on `field` (or inside it: `branchIds.2` belongs to `branchIds`). */
  errorFor: (field: string) => FieldProblem | undefined;
  /** The problem to show above the submit button: anything not pinned to a known field, or a summary. */
  formProblem: () => Problem | undefined;
  /** Runs a submission; returns its result, or undefined when it failed (the problem is kept). */
  run: <T>(fn: () => Promise<T>, form?: HTMLFormElement) => Promise<T | undefined>;
  clear: () => void;
}

export function createFormState(): FormState {
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();

  const errorFor = (field: string) => problem()?.errors.find((e) => fieldOf(e.path) === field);

  async function run<T>(fn: () => Promise<T>, form?: HTMLFormElement): Promise<T | undefined> {
    if (pending()) return undefined;
    setPending(true);
    setProblem(undefined);
    try {
      return await fn();
    } catch (error) {
      const next = isProblem(error)
        ? error
        : new Problem({ status: 0, code: "client_error", title: error instanceof Error ? error.message : "Error" });
      setProblem(next);
      // Take keyboard and screen-reader users to the first field that needs attention.
      queueMicrotask(() => {
        const invalid = form?.querySelector<HTMLElement>("[aria-invalid='true']");
        invalid?.focus();
      });
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return {
    pending,
    problem,
    errorFor,
    formProblem: problem,
    run,
    clear: () => setProblem(undefined),
  };
}
