/**
 * Moves focus (and the screen) to the first field a dispute form refused. On a phone the send
 * button sits far below the items: an error out of sight looked like a button that did nothing.
 * Runs after the errors render (a microtask later); the field is centred, clear of the sticky bars.
 */
export function focusFirstError(form: HTMLFormElement): void {
  queueMicrotask(() => {
    const field = form.querySelector<HTMLElement>(".field--invalid :is(input, textarea)");
    if (!field) return;
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  });
}
