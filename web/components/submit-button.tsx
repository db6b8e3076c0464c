import type { JSX } from "solid-js";

interface SubmitButtonProps {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  type?: "submit" | "button";
  onClick?: JSX.EventHandler<HTMLButtonElement, MouseEvent>;
}

/** A button that says what it is doing and can't be pressed twice. */
export function SubmitButton(props: SubmitButtonProps) {
  return (
    <button
      class={`button button--${props.variant ?? "primary"}`}
      type={props.type ?? "submit"}
      disabled={props.pending}
      aria-busy={props.pending ? "true" : undefined}
      onClick={(e) => props.onClick?.(e)}
    >
      {props.pending ? props.pendingLabel : props.label}
    </button>
  );
}
