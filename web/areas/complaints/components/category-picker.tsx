/**
 * Categories from the checklist taxonomy: a search box over the published checklists' sections
 * and items (in the app's language, either language matches), the matches as tick boxes, and
 * the chosen ones as removable chips. The same keys the audits score, so head office can put
 * complaints next to pass rates.
 */
import { createAsync } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show, Suspense } from "solid-js";
import { localName } from "../../../lib/formats";
import { t } from "../../../lib/i18n";
import { type ComplaintCategory, getTaxonomy, sameCategory, type TaxonomyEntry } from "../complaint-queries";
import { tc } from "../complaints-i18n";

export const entryLabel = (entry: TaxonomyEntry) =>
  entry.item
    ? `${localName(entry.section)} › ${localName(entry.item)}`
    : `${localName(entry.section)} · ${tc("form.wholeSection")}`;

/** A category's label, once the taxonomy is in (its keys until then). */
export function categoryLabel(taxonomy: readonly TaxonomyEntry[] | undefined, category: ComplaintCategory): string {
  const entry = taxonomy?.find((e) => sameCategory(e.category, category));
  return entry ? entryLabel(entry) : [category.sectionKey, category.itemKey].filter(Boolean).join(" › ");
}

const SHOWN = 30;

export function CategoryPicker(props: {
  value: readonly ComplaintCategory[];
  onChange: (value: ComplaintCategory[]) => void;
}) {
  const id = createUniqueId();
  const taxonomy = createAsync(() => getTaxonomy());
  const [search, setSearch] = createSignal("");
  const matches = () => {
    const words = search().trim().toLowerCase().split(/\s+/).filter(Boolean);
    const all = taxonomy() ?? [];
    const found = words.length
      ? all.filter((e) => {
          const text = [e.section.en, e.section.zh, e.item?.en, e.item?.zh, e.checklist.en, e.checklist.zh]
            .join(" ")
            .toLowerCase();
          return words.every((w) => text.includes(w));
        })
      : all.filter((e) => !e.item);
    return found.slice(0, SHOWN);
  };
  const chosen = (category: ComplaintCategory) => props.value.some((c) => sameCategory(c, category));
  const toggle = (category: ComplaintCategory) =>
    props.onChange(
      chosen(category) ? props.value.filter((c) => !sameCategory(c, category)) : [...props.value, category],
    );
  return (
    <fieldset class="field complaint-categories">
      <legend class="field__label">
        {tc("form.categories")}
        <span class="field__optional">{t("common.optional")}</span>
      </legend>
      <p class="field__hint" id={`${id}-hint`}>
        {tc("form.categoriesHint")}
      </p>
      <Show when={props.value.length}>
        <ul class="complaint-chips" aria-label={tc("form.chosen", props.value.length)}>
          <For each={props.value}>
            {(category) => (
              <li>
                <button
                  type="button"
                  class="complaint-chip"
                  aria-label={tc("form.remove", { name: categoryLabel(taxonomy(), category) })}
                  onClick={() => toggle(category)}
                >
                  {categoryLabel(taxonomy(), category)} <span aria-hidden="true">×</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <input
        class="input"
        type="search"
        id={id}
        name="categorySearch"
        placeholder={tc("form.categorySearch")}
        aria-label={tc("form.categorySearch")}
        aria-describedby={`${id}-hint`}
        autocomplete="off"
        value={search()}
        onInput={(e) => setSearch(e.currentTarget.value)}
      />
      <Suspense fallback={<p class="field__hint">{tc("form.categoriesLoading")}</p>}>
        <Show when={taxonomy()}>
          <Show when={matches().length} fallback={<p class="field__hint">{tc("form.categoriesNone")}</p>}>
            <ul class="complaint-taxonomy">
              <For each={matches()}>
                {(entry) => (
                  <li>
                    <label class="check">
                      <input
                        class="check__box"
                        type="checkbox"
                        checked={chosen(entry.category)}
                        onChange={() => toggle(entry.category)}
                      />
                      <span class="check__label">
                        {entryLabel(entry)}
                        <span class="complaint-taxonomy__checklist">{localName(entry.checklist)}</span>
                      </span>
                    </label>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Suspense>
    </fieldset>
  );
}
