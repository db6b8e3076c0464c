/** One section of the checklist: its title, key and weight, then its items and "Add item". */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { type ChecklistSection, ITEM_KINDS, type ItemKind } from "../../../../worker/domain/checklists";
import { Badge } from "../../../components/badge";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { Icon } from "../../../components/icon";
import { localName } from "../../../lib/formats";
import { fieldId, freshKey, LIMITS, newItem } from "../checklist-document";
import { tc } from "../checklist-i18n";
import { useEditor } from "./editor-state";
import { GroupProblem, NumberInput, TextInput } from "./fields";
import { ItemCard } from "./item-card";
import { ToolButton } from "./tool-button";

interface SectionCardProps {
  section: ChecklistSection;
  index: number;
  count: number;
  /** The checklist-wide number of its first item. */
  firstNumber: number;
}

export function SectionCard(props: SectionCardProps) {
  const editor = useEditor();
  const titleId = createUniqueId();
  const [adding, setAdding] = createSignal(false);
  const [removing, setRemoving] = createSignal(false);
  const path = () => `sections[${props.index}]`;
  const title = () => localName(props.section.title) || tc("editor.untitledSection");
  const problemCount = () => editor.countUnder(path());

  const edit = (change: (section: ChecklistSection) => void) =>
    editor.update((doc) => {
      const section = doc.sections[props.index];
      if (section) change(section);
    });

  function move(delta: -1 | 1) {
    const to = props.index + delta;
    editor.update((doc) => {
      if (to < 0 || to >= doc.sections.length) return;
      const [section] = doc.sections.splice(props.index, 1);
      if (section) doc.sections.splice(to, 0, section);
    });
    requestAnimationFrame(() => {
      const at = fieldId(`sections[${to}]`);
      const button =
        document.querySelector<HTMLButtonElement>(`#${at}-${delta < 0 ? "up" : "down"}:not(:disabled)`) ??
        document.getElementById(at);
      button?.focus();
    });
  }

  function add(kind: ItemKind) {
    setAdding(false);
    const item = newItem(kind, freshKey(editor.doc, "item"));
    let index = 0;
    edit((section) => {
      index = section.items.push(item) - 1;
    });
    editor.setOpen(item, true);
    requestAnimationFrame(() => document.getElementById(fieldId(`${path()}.items[${index}].prompt.en`))?.focus());
  }

  function remove() {
    setRemoving(false);
    const at = props.index;
    editor.update((doc) => {
      doc.sections.splice(at, 1);
    });
    requestAnimationFrame(() => {
      const next = document.getElementById(fieldId(`sections[${Math.max(0, at - 1)}]`));
      (next ?? document.getElementById("f-sections-add"))?.focus();
    });
  }

  return (
    <section class="section-card" id={fieldId(path())} tabindex="-1" aria-labelledby={titleId}>
      <header class="section-card__head">
        <h3 class="section-card__title" id={titleId}>
          <span class="section-card__number">{tc("editor.section", { number: props.index + 1 })}</span>
          <span class="section-card__name">{title()}</span>
        </h3>
        <Show when={problemCount() > 0}>
          <Badge tone="danger">{tc("editor.problemCount", problemCount())}</Badge>
        </Show>
        <div class="tools">
          <ToolButton
            id={`${fieldId(path())}-up`}
            icon="up"
            label={tc("editor.moveSectionUp")}
            disabled={props.index === 0}
            onClick={() => move(-1)}
          />
          <ToolButton
            id={`${fieldId(path())}-down`}
            icon="down"
            label={tc("editor.moveSectionDown")}
            disabled={props.index === props.count - 1}
            onClick={() => move(1)}
          />
          <ToolButton icon="trash" label={tc("editor.removeSection")} onClick={() => setRemoving(true)} />
        </div>
      </header>
      <div class="form__pair">
        <TextInput
          path={`${path()}.title.en`}
          label={tc("fields.titleEn")}
          value={props.section.title.en}
          lang="en"
          maxLength={LIMITS.title}
          onInput={(v) => edit((s) => (s.title.en = v))}
        />
        <TextInput
          path={`${path()}.title.zh`}
          label={tc("fields.titleZh")}
          value={props.section.title.zh}
          lang="zh-CN"
          maxLength={LIMITS.title}
          onInput={(v) => edit((s) => (s.title.zh = v))}
        />
      </div>
      <div class="form__pair form__pair--tight">
        <TextInput
          path={`${path()}.key`}
          label={tc("fields.key")}
          hint={tc("fields.keyHint")}
          value={props.section.key}
          mono
          maxLength={LIMITS.key}
          onInput={(v) => edit((s) => (s.key = v))}
        />
        <NumberInput
          path={`${path()}.weight`}
          label={tc("fields.weight")}
          hint={tc("fields.sectionWeightHint")}
          value={props.section.weight}
          min={0}
          onChange={(v) => edit((s) => (s.weight = v ?? Number.NaN))}
        />
      </div>

      <div class="section-card__items" id={fieldId(`${path()}.items`)} tabindex="-1">
        <GroupProblem path={`${path()}.items`} />
        <Show
          when={props.section.items.length > 0}
          fallback={<p class="section-card__empty">{tc("editor.noItems")}</p>}
        >
          <ol class="item-list">
            <For each={props.section.items}>
              {(item, i) => (
                <ItemCard
                  item={item}
                  section={props.index}
                  index={i()}
                  number={props.firstNumber + i()}
                  count={props.section.items.length}
                />
              )}
            </For>
          </ol>
        </Show>
      </div>

      <Show
        when={adding()}
        fallback={
          <button
            type="button"
            class="button button--secondary"
            id={`${fieldId(path())}-add`}
            disabled={props.section.items.length >= LIMITS.items}
            onClick={() => {
              setAdding(true);
              requestAnimationFrame(() =>
                document.querySelector<HTMLButtonElement>(`#${fieldId(path())}-kinds button`)?.focus(),
              );
            }}
          >
            <Icon name="plus" />
            {tc("editor.addItem")}
          </button>
        }
      >
        <fieldset class="kind-picker" id={`${fieldId(path())}-kinds`}>
          <legend class="kind-picker__title">{tc("editor.chooseKind")}</legend>
          <div class="kind-picker__grid">
            <For each={ITEM_KINDS}>
              {(kind) => (
                <button type="button" class="kind-picker__kind" onClick={() => add(kind)}>
                  <span class="kind-picker__name">{tc(`kinds.${kind}`)}</span>
                  <span class="kind-picker__hint">{tc(`kindHints.${kind}`)}</span>
                </button>
              )}
            </For>
          </div>
          <button
            type="button"
            class="button button--ghost"
            onClick={() => {
              setAdding(false);
              requestAnimationFrame(() => document.getElementById(`${fieldId(path())}-add`)?.focus());
            }}
          >
            {tc("editor.cancelAdd")}
          </button>
        </fieldset>
      </Show>

      <Show when={removing()}>
        <ConfirmDialog
          open
          title={tc("editor.removeSectionTitle")}
          confirmLabel={tc("editor.removeSection")}
          pendingLabel={tc("editor.removeSection")}
          pending={false}
          tone="danger"
          onConfirm={remove}
          onClose={() => setRemoving(false)}
        >
          <p>{tc("editor.removeSectionBody", { name: title() })}</p>
        </ConfirmDialog>
      </Show>
    </section>
  );
}
