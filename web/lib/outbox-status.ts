/**
 * How many reports wait in the outbox, for the badge in the app shell. A signal on its own so
 * the shell shows it without loading the outbox (which comes with the shopper's pages).
 */
import { createSignal } from "solid-js";

const [unsentCount, setUnsentCount] = createSignal(0);

export { setUnsentCount, unsentCount };
