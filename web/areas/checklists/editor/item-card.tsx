/**
 * One item of a section, as a card that opens and closes: closed, a line with its number,
 * prompt, kind and problems (30 of them still fit a phone); open, every field in both
 * languages, with the fields of its kind.
 */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { unwrap } from "solid-js/store";
import {
  type ChecklistItem,
  type ChoiceOption,
  CRITICAL_LEVELS,
  EVIDENCE_ON_FAIL,
  ITEM_KINDS,
  type ItemKind,
  NUMBER_UNITS,
  PASS_FAIL_KINDS,
  SCORED_KINDS,
} from "../../../../worker/domain/checklists";
import { Badge } from "../../../components/badge";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { localName } from "../../../lib/formats";
import { changeKind, fieldId, LIMITS } from "../checklist-document";
import { tc } from "../checklist-i18n";
import { useEditor } from "./editor-state";
import { CheckInput, Frame, GroupProblem, NumberInput, SelectInput, TextInput } from "./fields";
import { ToolButton } from "./tool-button";

type Of<K extends ItemKind> = Extract<ChecklistItem, { kind: K }>;
const asKind = <K extends ItemKind>(item: ChecklistItem, kind: K): Of<K> | false =>
  item.kind === kind ? (item as Of<K>) : false;

interface ItemCardProps {
  item: ChecklistItem;
  section: number;
  index: number;
  /** Its number in the whole checklist, as the shopper sees it. */
  number: number;
  count: number;
}

function Options(props: { item: Of<"choice">; path: string; edit: (change: (item: Of<"choice">) => void) => void }) {
  const editOption = (o: number, change: (option: ChoiceOption) => void) =>
    props.edit((item) => {
      const option = item.options[o];
      if (option) change(option);
    });
  const move = (from: number, to: number) =>
    props.edit((item) => {
      const [option] = item.options.splice(from, 1);
      if (option) item.options.splice(to, 0, option);
    });
  return (
    <fieldset class="fieldset" id={fieldId(`${props.path}.options`)} tabindex="-1">
      <legend class="fieldset__legend">{tc("fields.options")}</legend>
      <GroupProblem path={`${props.path}.options`} />
      <ol class="options">
        <For each={props.item.options}>
          {(option, o) => {
            const at = () => `${props.path}.options[${o()}]`;
            return (
              <li class="option-row">
                <div class="option-row__head">
                  <span class="option-row__title">{tc("editor.option", { number: o() + 1 })}</span>
                  <div class="tools">
                    <ToolButton
                      icon="up"
                      label={tc("editor.moveOptionUp", { number: o() + 1 })}
                      disabled={o() === 0}
                      onClick={() => move(o(), o() - 1)}
                    />
                    <ToolButton
                      icon="down"
                      label={tc("editor.moveOptionDown", { number: o() + 1 })}
                      disabled={o() === props.item.options.length - 1}
                      onClick={() => move(o(), o() + 1)}
                    />
                    <ToolButton
                      icon="trash"
                      label={tc("editor.removeOption", { number: o() + 1 })}
                      onClick={() => props.edit((item) => item.options.splice(o(), 1))}
                    />
                  </div>
                </div>
                <div class="form__pair">
                  <TextInput
                    path={`${at()}.label.en`}
                    label={tc("fields.labelEn")}
                    value={option.label.en}
                    lang="en"
                    maxLength={LIMITS.label}
                    onInput={(v) => editOption(o(), (x) => (x.label.en = v))}
                  />
                  <TextInput
                    path={`${at()}.label.zh`}
                    label={tc("fields.labelZh")}
                    value={option.label.zh}
                    lang="zh-CN"
                    maxLength={LIMITS.label}
                    onInput={(v) => editOption(o(), (x) => (x.label.zh = v))}
                  />
                </div>
                <div class="form__pair form__pair--tight">
                  <TextInput
                    path={`${at()}.key`}
                    label={tc("fields.optionKey")}
                    value={option.key}
                    mono
                    maxLength={LIMITS.key}
                    onInput={(v) => editOption(o(), (x) => (x.key = v))}
                  />
                  <NumberInput
                    path={`${at()}.points`}
                    label={tc("fields.points")}
                    value={option.points}
                    min={0}
                    onChange={(v) => editOption(o(), (x) => (x.points = v ?? Number.NaN))}
                  />
                </div>
              </li>
            );
          }}
        </For>
      </ol>
      <button
        type="button"
        class="button button--secondary"
        disabled={props.item.options.length >= LIMITS.options}
        onClick={() =>
          props.edit((item) => {
            const keys = new Set(item.options.map((x) => x.key));
            let n = item.options.length + 1;
            while (keys.has(`option_${n}`)) n++;
            item.options.push({ key: `option_${n}`, label: { en: "", zh: "" }, points: 0 });
          })
        }
      >
        {tc("editor.addOption")}
      </button>
    </fieldset>
  );
}

export function ItemCard(props: ItemCardProps) {
  const editor = useEditor();
  const headId = createUniqueId();
  const [removing, setRemoving] = createSignal(false);
  const path = () => `sections[${props.section}].items[${props.index}]`;
  const open = () => editor.isOpen(props.item);
  const problemCount = () => editor.countUnder(path());
  const title = () => localName(props.item.prompt) || tc("editor.untitledItem");

  /** Changes this item in place. */
  function edit<T extends ChecklistItem = ChecklistItem>(change: (item: T) => void) {
    editor.update((doc) => {
      const item = doc.sections[props.section]?.items[props.index];
      if (item) change(item as T);
    });
  }

  function focusTool(which: "up" | "down", index: number, section = props.section) {
    requestAnimationFrame(() => {
      const at = `sections[${section}].items[${index}]`;
      const button =
        document.querySelector<HTMLButtonElement>(`#${fieldId(at)}-${which}:not(:disabled)`) ??
        document.querySelector<HTMLButtonElement>(`#${fieldId(at)}-toggle`);
      button?.focus();
    });
  }

  function move(delta: -1 | 1) {
    const to = props.index + delta;
    editor.update((doc) => {
      const items = doc.sections[props.section]?.items;
      if (!items || to < 0 || to >= items.length) return;
      const [item] = items.splice(props.index, 1);
      if (item) items.splice(to, 0, item);
    });
    focusTool(delta < 0 ? "up" : "down", to);
  }

  function moveToSection(target: number) {
    const item = unwrap(props.item);
    let index = 0;
    editor.update((doc) => {
      const from = doc.sections[props.section];
      const to = doc.sections[target];
      if (!from || !to) return;
      const [moved] = from.items.splice(props.index, 1);
      if (moved) index = to.items.push(moved) - 1;
    });
    editor.setOpen(item, true);
    editor.jumpTo(`sections[${target}].items[${index}]`);
  }

  function setKind(kind: ItemKind) {
    if (kind === props.item.kind) return;
    const next = changeKind(JSON.parse(JSON.stringify(unwrap(props.item))), kind);
    editor.update((doc) => {
      const items = doc.sections[props.section]?.items;
      if (items) items[props.index] = next;
    });
    editor.setOpen(next, true);
  }

  function remove() {
    setRemoving(false);
    const focusAfter = props.count > 1 ? Math.min(props.index, props.count - 2) : -1;
    editor.update((doc) => {
      doc.sections[props.section]?.items.splice(props.index, 1);
    });
    requestAnimationFrame(() => {
      const target =
        focusAfter >= 0
          ? document.getElementById(`${fieldId(`sections[${props.section}].items[${focusAfter}]`)}-toggle`)
          : document.getElementById(`${fieldId(`sections[${props.section}]`)}-add`);
      target?.focus();
    });
  }

  const showCritical = () => PASS_FAIL_KINDS.includes(props.item.kind) || props.item.critical !== "none";
  const showEvidence = () => SCORED_KINDS.includes(props.item.kind) || props.item.evidenceOnFail !== "none";

  return (
    <li
      class="item-card"
      classList={{ "item-card--open": open(), "item-card--invalid": problemCount() > 0 }}
      id={fieldId(path())}
      tabindex="-1"
      aria-labelledby={headId}
    >
      <div class="item-card__head">
        <button
          type="button"
          class="item-card__toggle"
          id={`${fieldId(path())}-toggle`}
          aria-expanded={open()}
          aria-controls={`${fieldId(path())}-body`}
          onClick={() => editor.setOpen(props.item, !open())}
        >
          <span class="item-card__number" aria-hidden="true">
            {props.number}
          </span>
          <span class="item-card__text">
            <span class="item-card__prompt" id={headId}>
              <span class="visually-hidden">{`${tc("editor.item", { number: props.number })}: `}</span>
              {title()}
            </span>
            <span class="item-card__badges">
              <Badge>{tc(`kinds.${props.item.kind}`)}</Badge>
              <Show when={props.item.critical !== "none" && props.item.critical}>
                {(level) => <Badge tone="warning">{tc(`criticalBadge.${level() as "section" | "audit"}`)}</Badge>}
              </Show>
              <Show when={problemCount() > 0}>
                <Badge tone="danger">{tc("editor.problemCount", problemCount())}</Badge>
              </Show>
            </span>
          </span>
          <span class="visually-hidden">{open() ? tc("editor.hide") : tc("editor.show")}</span>
          <svg class="item-card__chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="m6 9 6 6 6-6" />
          </svg>
        </button>
        <div class="tools">
          <ToolButton
            id={`${fieldId(path())}-up`}
            icon="up"
            label={tc("editor.moveItemUp")}
            disabled={props.index === 0}
            onClick={() => move(-1)}
          />
          <ToolButton
            id={`${fieldId(path())}-down`}
            icon="down"
            label={tc("editor.moveItemDown")}
            disabled={props.index === props.count - 1}
            onClick={() => move(1)}
          />
        </div>
      </div>
      <Show when={open()}>
        <div class="item-card__body" id={`${fieldId(path())}-body`}>
          <div class="form__pair">
            <SelectInput
              path={`${path()}.kind`}
              label={tc("fields.kind")}
              value={props.item.kind}
              options={ITEM_KINDS.map((k) => ({ value: k, label: tc(`kinds.${k}`) }))}
              onChange={(v) => setKind(v as ItemKind)}
            />
            <TextInput
              path={`${path()}.key`}
              label={tc("fields.key")}
              hint={tc("fields.keyHint")}
              value={props.item.key}
              mono
              maxLength={LIMITS.key}
              onInput={(v) => edit((item) => (item.key = v))}
            />
          </div>
          <TextInput
            path={`${path()}.prompt.en`}
            label={tc("fields.promptEn")}
            value={props.item.prompt.en}
            multiline
            lang="en"
            maxLength={LIMITS.prompt}
            onInput={(v) => edit((item) => (item.prompt.en = v))}
          />
          <TextInput
            path={`${path()}.prompt.zh`}
            label={tc("fields.promptZh")}
            value={props.item.prompt.zh}
            multiline
            lang="zh-CN"
            maxLength={LIMITS.prompt}
            onInput={(v) => edit((item) => (item.prompt.zh = v))}
          />
          <TextInput
            path={`${path()}.guidance.en`}
            label={tc("fields.guidanceEn")}
            hint={tc("fields.guidanceHint")}
            value={props.item.guidance.en}
            multiline
            lang="en"
            maxLength={LIMITS.guidance}
            onInput={(v) => edit((item) => (item.guidance.en = v))}
          />
          <TextInput
            path={`${path()}.guidance.zh`}
            label={tc("fields.guidanceZh")}
            value={props.item.guidance.zh}
            multiline
            lang="zh-CN"
            maxLength={LIMITS.guidance}
            onInput={(v) => edit((item) => (item.guidance.zh = v))}
          />

          <Show when={asKind(props.item, "number")}>
            {(item) => (
              <>
                <SelectInput
                  path={`${path()}.unit`}
                  label={tc("fields.unit")}
                  value={item().unit}
                  options={NUMBER_UNITS.map((u) => ({ value: u, label: tc(`unitNames.${u}`) }))}
                  onChange={(v) => edit<Of<"number">>((it) => (it.unit = v as Of<"number">["unit"]))}
                />
                <fieldset class="fieldset" id={fieldId(`${path()}.pass`)} tabindex="-1">
                  <legend class="fieldset__legend">{tc("fields.passRange")}</legend>
                  <div class="form__pair form__pair--tight">
                    <NumberInput
                      path={`${path()}.pass.min`}
                      label={tc("fields.passMin")}
                      value={item().pass.min}
                      optional
                      onChange={(v) => edit<Of<"number">>((it) => (it.pass.min = v))}
                    />
                    <NumberInput
                      path={`${path()}.pass.max`}
                      label={tc("fields.passMax")}
                      value={item().pass.max}
                      optional
                      onChange={(v) => edit<Of<"number">>((it) => (it.pass.max = v))}
                    />
                  </div>
                  <p class="field__hint">{tc("fields.passHint")}</p>
                  <GroupProblem path={`${path()}.pass`} />
                </fieldset>
              </>
            )}
          </Show>
          <Show when={asKind(props.item, "scale")}>
            {(item) => (
              <div class="form__pair form__pair--tight">
                <NumberInput
                  path={`${path()}.min`}
                  label={tc("fields.scaleMin")}
                  value={item().min}
                  integer
                  onChange={(v) => edit<Of<"scale">>((it) => (it.min = v ?? Number.NaN))}
                />
                <NumberInput
                  path={`${path()}.max`}
                  label={tc("fields.scaleMax")}
                  value={item().max}
                  integer
                  onChange={(v) => edit<Of<"scale">>((it) => (it.max = v ?? Number.NaN))}
                />
              </div>
            )}
          </Show>
          <Show when={asKind(props.item, "choice")}>
            {(item) => <Options item={item()} path={path()} edit={(change) => edit<Of<"choice">>(change)} />}
          </Show>

          <div class="form__pair">
            <NumberInput
              path={`${path()}.weight`}
              label={tc("fields.weight")}
              hint={tc("fields.itemWeightHint")}
              value={props.item.weight}
              min={0}
              onChange={(v) => edit((item) => (item.weight = v ?? Number.NaN))}
            />
            <Show when={showCritical()}>
              <SelectInput
                path={`${path()}.critical`}
                label={tc("fields.critical")}
                hint={tc("fields.criticalHint")}
                value={props.item.critical}
                options={CRITICAL_LEVELS.map((c) => ({ value: c, label: tc(`critical.${c}`) }))}
                onChange={(v) => edit((item) => (item.critical = v as ChecklistItem["critical"]))}
              />
            </Show>
          </div>
          <Show when={showEvidence()}>
            <SelectInput
              path={`${path()}.evidenceOnFail`}
              label={tc("fields.evidenceOnFail")}
              value={props.item.evidenceOnFail}
              options={EVIDENCE_ON_FAIL.map((c) => ({ value: c, label: tc(`evidence.${c}`) }))}
              onChange={(v) => edit((item) => (item.evidenceOnFail = v as ChecklistItem["evidenceOnFail"]))}
            />
          </Show>
          <CheckInput
            path={`${path()}.naAllowed`}
            label={tc("fields.naAllowed")}
            hint={tc("fields.naAllowedHint")}
            checked={props.item.naAllowed}
            onChange={(v) => edit((item) => (item.naAllowed = v))}
          />

          <div class="item-card__footer">
            <Show when={editor.doc.sections.length > 1}>
              <Frame path={`${path()}.moveTo`} label={tc("editor.moveToSection")} class="item-card__move">
                <select
                  class="input select"
                  id={fieldId(`${path()}.moveTo`)}
                  value=""
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    e.currentTarget.value = "";
                    if (value !== "") moveToSection(Number(value));
                  }}
                >
                  <option value="">{tc("editor.chooseSection")}</option>
                  <For each={editor.doc.sections}>
                    {(section, s) => (
                      <Show when={s() !== props.section}>
                        <option value={s()}>
                          {`${s() + 1}. ${localName(section.title) || tc("editor.untitledSection")}`}
                        </option>
                      </Show>
                    )}
                  </For>
                </select>
              </Frame>
            </Show>
            <button type="button" class="button button--danger-ghost" onClick={() => setRemoving(true)}>
              {tc("editor.removeItem")}
            </button>
          </div>
        </div>
      </Show>
      <Show when={removing()}>
        <ConfirmDialog
          open
          title={tc("editor.removeItemTitle")}
          confirmLabel={tc("editor.remove")}
          pendingLabel={tc("editor.remove")}
          pending={false}
          tone="danger"
          onConfirm={remove}
          onClose={() => setRemoving(false)}
        >
          <p>{tc("editor.removeItemBody", { name: title() })}</p>
        </ConfirmDialog>
      </Show>
    </li>
  );
}
