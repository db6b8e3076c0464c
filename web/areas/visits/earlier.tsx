/**
 * "Show earlier visits" under the list's submitted visits: the next pages of the shopper's
 * finished work from the server (`GET /assignments` with the list's cursor). Loaded once the
 * list is on screen, with its own strings; earlier pages need a connection and are not kept.
 */
import "./visits-after.css";
import { createSignal, For, Show } from "solid-js";
import { api, call } from "../../lib/api";
import { tfin } from "./finished-i18n";
import { VisitCard } from "./list";
import { type Assignment, FINISHED_PAGE } from "./visits-data";

export default function EarlierVisits(props: { cursor: string }) {
  const [items, setItems] = createSignal<Assignment[]>([]);
  /** The cursor after the pages shown here; undefined until the first of them arrives. */
  const [next, setNext] = createSignal<string | null>();
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const cursor = () => (next() === undefined ? props.cursor : next());

  async function more() {
    const from = cursor();
    if (!from || busy()) return;
    setBusy(true);
    setFailed(false);
    try {
      const page = await call(api.assignments.$get({ query: { cursor: from, limit: String(FINISHED_PAGE) } }));
      // Cancelled visits are finished work too, but nothing for the shopper to see.
      setItems((shown) => [...shown, ...page.items.filter((a) => a.status === "submitted")]);
      setNext(page.nextCursor);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Show when={items().length > 0}>
        <ul class="visit-cards">
          <For each={items()}>
            {(assignment) => <VisitCard assignment={assignment} entry={undefined} inProgress={false} />}
          </For>
        </ul>
      </Show>
      <Show when={failed()}>
        <p class="notice notice--error" role="alert">
          {tfin("moreFailed")}
        </p>
      </Show>
      <Show when={cursor()}>
        <button
          type="button"
          class="button button--secondary button--block visit-group__more"
          disabled={busy()}
          onClick={more}
        >
          {busy() ? tfin("loading") : tfin("more")}
        </button>
      </Show>
    </>
  );
}
