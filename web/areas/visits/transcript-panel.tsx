/**
 * "Check a call transcript" on the shopper's call audit (a lazy chunk of the form): the shared
 * transcript checker, and its matches as SUGGESTIONS for the form's items. Nothing is answered
 * silently: each suggested item waits for the shopper's tap ("Mark as not done"), which sets
 * the answer and, when the item has no comment yet, quotes what was heard as its evidence.
 */
import "../../styles/later.css";
import { createMemo, createSignal, For, lazy, Show, Suspense } from "solid-js";
import type { ChecklistItem } from "../../../worker/domain/checklists";
import type { TranscriptCheckResult } from "../../components/transcript-check";
import { tt } from "../../components/transcript-check-i18n";
import { localName } from "../../lib/formats";
import { focusItem } from "./form";
import type { VisitSession } from "./session";
import { locateItem } from "./visit-draft";

/**
 * The checker is its own chunk (the complaint page shares it), fetched as soon as this panel's
 * chunk is: importing it statically would list it, and its imports, in the form's first download.
 */
const TranscriptCheck = lazy(() =>
  import("../../components/transcript-check")
    .then((m) => ({ default: m.TranscriptCheck }))
    .catch(() => ({ default: () => null })),
);
void TranscriptCheck.preload();

interface Suggestion {
  item: ChecklistItem;
  number: number;
  matches: number;
  quotes: string[];
}

export default function TranscriptPanel(props: { session: VisitSession }) {
  const [open, setOpen] = createSignal(false);
  const [checked, setChecked] = createSignal<TranscriptCheckResult>();
  const items = createMemo(() => new Map(props.session.doc.sections.flatMap((s) => s.items.map((i) => [i.key, i]))));
  const suggestions = createMemo((): Suggestion[] => {
    const result = checked();
    if (!result) return [];
    return result.suggestions.flatMap((s) => {
      const item = items().get(s.itemKey);
      if (!item) return [];
      const quotes = [...new Set(result.matches.filter((m) => m.itemKey === s.itemKey).map((m) => m.text))];
      return [{ item, number: locateItem(props.session.doc, s.itemKey)?.number ?? 0, matches: s.matches, quotes }];
    });
  });
  const marked = (key: string) => props.session.answers.entries[key]?.value === false;

  function confirm(suggestion: Suggestion) {
    const key = suggestion.item.key;
    props.session.answers.setValue(key, false);
    if (!props.session.answers.entries[key]?.comment?.trim()) {
      props.session.answers.setComment(
        key,
        tt("panel.comment", { quotes: suggestion.quotes.map((q) => `“${q}”`).join(", ") }),
      );
    }
  }

  return (
    <section class="transcript-panel" aria-label={tt("panel.open")}>
      <button
        type="button"
        class="button button--secondary transcript-panel__toggle"
        aria-expanded={open() ? "true" : "false"}
        onClick={() => setOpen(!open())}
      >
        {open() ? tt("panel.close") : tt("panel.open")}
      </button>
      <Show when={open()}>
        <Suspense>
          <TranscriptCheck
            checklistVersionId={props.session.meta.checklistVersionId}
            onResult={(result) => setChecked(result)}
          />
        </Suspense>
        <Show when={checked()?.matches.length}>
          <Show when={suggestions().length} fallback={<p class="transcript-panel__intro">{tt("panel.noneForForm")}</p>}>
            <h3 class="section-title">{tt("panel.suggestions")}</h3>
            <p class="transcript-panel__intro">{tt("panel.intro")}</p>
            <ul class="transcript-panel__list">
              <For each={suggestions()}>
                {(suggestion) => (
                  <li class="transcript-panel__item" data-suggestion={suggestion.item.key}>
                    <p class="transcript-panel__prompt">
                      {`${suggestion.number}. ${localName(suggestion.item.prompt)}`}
                    </p>
                    <p class="transcript-panel__times">
                      {`${tt("panel.times", suggestion.matches)}: ${suggestion.quotes.map((q) => `“${q}”`).join(", ")}`}
                    </p>
                    <div class="transcript-panel__buttons">
                      <Show
                        when={!marked(suggestion.item.key)}
                        fallback={<p class="transcript-panel__done">{tt("panel.confirmed")}</p>}
                      >
                        <Show when={suggestion.item.kind === "yes_no"}>
                          <button type="button" class="button button--primary" onClick={() => confirm(suggestion)}>
                            {tt("panel.confirm")}
                          </button>
                        </Show>
                      </Show>
                      <button
                        type="button"
                        class="button button--ghost"
                        onClick={() => focusItem(props.session, suggestion.item.key)}
                      >
                        {tt("panel.show")}
                      </button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
