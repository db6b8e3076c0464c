/**
 * A confirmation in a native modal <dialog>: the rest of the page is inert while it is open,
 * Escape cancels, and focus returns to where it was. Focus starts on Cancel, the safe choice.
 */
import { createEffect, createUniqueId, type JSX, onCleanup } from "solid-js";
import { tOffice } from "../lib/office-i18n";
import "./confirm-dialog.css";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  /** The safe choice's words ("Keep visit"); "Cancel" by default. */
  cancelLabel?: string;
  pendingLabel: string;
  pending: boolean;
  tone?: "primary" | "danger";
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const id = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let cancel: HTMLButtonElement | undefined;

  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      dialog.showModal();
      cancel?.focus();
    } else if (!props.open && dialog.open) dialog.close();
  });
  onCleanup(() => dialog?.open && dialog.close());

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        // Escape: never while the action is under way.
        e.preventDefault();
        if (!props.pending) props.onClose();
      }}
      onClose={() => props.open && props.onClose()}
    >
      <h2 class="dialog__title" id={`${id}-title`}>
        {props.title}
      </h2>
      <div class="dialog__body" id={`${id}-body`}>
        {props.children}
      </div>
      <div class="dialog__actions">
        <button
          type="button"
          class="button button--secondary"
          ref={cancel}
          disabled={props.pending}
          onClick={() => props.onClose()}
        >
          {props.cancelLabel ?? tOffice("common.cancel")}
        </button>
        <button
          type="button"
          class={`button button--${props.tone ?? "primary"}`}
          disabled={props.pending}
          aria-busy={props.pending ? "true" : undefined}
          onClick={() => props.onConfirm()}
        >
          {props.pending ? props.pendingLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
