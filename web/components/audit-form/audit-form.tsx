/**
 * A checklist as the shopper fills it in on a phone: one section at a time with a progress
 * bar, the question and its guidance, a big control for the item's kind, N/A where the item
 * allows it, and a comment (asked for when a failed item needs evidence).
 *
 * Knows nothing about the builder: give it a document and an answer store.
 */
import "./audit-form.css";
import { createEffect, createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import { type ChecklistDocument, type ChecklistItem, isScored } from "../../../worker/domain/checklists";
import { type ItemOutcome, scoreAudit } from "../../../worker/domain/scoring";
import { pick, tc } from "../../lib/checklist-i18n";
import type { AnswerStore } from "./answers";
import { ItemControl } from "./item-control";

interface AuditFormProps {
  document: ChecklistDocument;
  answers: AnswerStore;
  /** Disables every control (a read-only look at a finished audit). */
  readOnly?: boolean;
}

function Question(props: {
  item: ChecklistItem;
  number: number;
  answers: AnswerStore;
  outcome: ItemOutcome | undefined;
  readOnly: boolean;
}) {
  const id = createUniqueId();
  const entry = () => props.answers.entries[props.item.key];
  const na = () => entry()?.na === true;
  const failed = () => props.outcome === "fail" || props.outcome === "partial";
  const needsComment = () => failed() && props.item.evidenceOnFail === "comment";
  const needsPhoto = () => failed() && props.item.evidenceOnFail === "photo";
  const [commentOpen, setCommentOpen] = createSignal(false);
  const showComment = () => commentOpen() || needsComment() || !!entry()?.comment;
  const guidance = () => pick(props.item.guidance);

  return (
    <fieldset class="audit-question" aria-describedby={guidance() ? `${id}-guidance` : undefined}>
      <legend class="audit-question__prompt" id={`${id}-prompt`}>
        <span class="audit-question__number" aria-hidden="true">
          {props.number}
        </span>
        <span>{pick(props.item.prompt) || tc("editor.untitledItem")}</span>
      </legend>
      <Show when={guidance()}>
        <p class="audit-question__guidance" id={`${id}-guidance`}>
          {guidance()}
        </p>
      </Show>
      <ItemControl
        item={props.item}
        entry={entry()}
        labelledBy={`${id}-prompt`}
        disabled={props.readOnly || na()}
        onValue={(value) => props.answers.setValue(props.item.key, value)}
      />
      <Show when={props.item.naAllowed}>
        <label class="audit-na">
          <input
            type="checkbox"
            class="check__box"
            checked={na()}
            disabled={props.readOnly}
            onChange={(e) => props.answers.setNa(props.item.key, e.currentTarget.checked)}
          />
          <span>{tc("form.na")}</span>
        </label>
      </Show>
      <Show when={needsPhoto()}>
        <p class="audit-question__needs">{tc("form.photoRequired")}</p>
      </Show>
      <Show when={needsComment()}>
        <p class="audit-question__needs">{tc("form.commentRequired")}</p>
      </Show>
      <Show
        when={showComment()}
        fallback={
          <button
            type="button"
            class="button button--ghost audit-question__add-comment"
            disabled={props.readOnly}
            onClick={() => setCommentOpen(true)}
          >
            {tc("form.addComment")}
          </button>
        }
      >
        <label class="audit-comment">
          <span class="audit-comment__label">{tc("form.comment")}</span>
          <textarea
            class="input audit-comment__input"
            rows="2"
            maxLength={4000}
            value={entry()?.comment ?? ""}
            disabled={props.readOnly}
            aria-invalid={needsComment() && !entry()?.comment ? "true" : undefined}
            onInput={(e) => props.answers.setComment(props.item.key, e.currentTarget.value)}
          />
        </label>
      </Show>
    </fieldset>
  );
}

export function AuditForm(props: AuditFormProps) {
  const [current, setCurrent] = createSignal(0);
  const titleId = createUniqueId();
  let heading: HTMLHeadingElement | undefined;
  const sections = () => props.document.sections;
  const index = () => Math.min(current(), Math.max(0, sections().length - 1));
  const section = () => sections()[index()];

  // Answers are scored with the shared rule only to know which failed items need evidence.
  const result = createMemo(() => scoreAudit(props.document, props.answers.list()));
  const outcomes = createMemo(() => {
    const map = new Map<string, ItemOutcome>();
    for (const s of result().sections) for (const i of s.items) map.set(i.key, i.outcome);
    return map;
  });

  const scored = () => sections().flatMap((s) => s.items.filter(isScored));
  const answered = () =>
    scored().filter((item) => {
      const entry = props.answers.entries[item.key];
      return entry?.na || entry?.value !== undefined;
    }).length;
  /** Number of the first question of each section, counting across the checklist. */
  const firstNumber = (s: number) => sections().reduce((n, sec, i) => (i < s ? n + sec.items.length : n), 1);

  createEffect(() => {
    if (current() > 0 && current() >= sections().length) setCurrent(Math.max(0, sections().length - 1));
  });

  function go(to: number) {
    setCurrent(to);
    heading?.focus();
  }

  return (
    <div class="audit-form">
      <Show when={sections().length > 0} fallback={<p class="audit-form__empty">{tc("form.empty")}</p>}>
        <header class="audit-form__header">
          <p class="audit-form__name">{pick(props.document.name)}</p>
          <div class="audit-form__progress-row">
            <span>{tc("form.progress", { number: index() + 1, total: sections().length })}</span>
            <span>{tc("form.answered", { done: answered(), total: scored().length })}</span>
          </div>
          <progress
            class="audit-form__progress"
            max={Math.max(1, scored().length)}
            value={answered()}
            aria-label={tc("form.answered", { done: answered(), total: scored().length })}
          />
        </header>
        <Show when={section()}>
          {(s) => (
            <section class="audit-form__section" aria-labelledby={titleId}>
              <h2 class="audit-form__title" id={titleId} tabindex="-1" ref={heading}>
                {pick(s().title) || tc("editor.untitledSection")}
              </h2>
              <Show when={s().items.length > 0} fallback={<p class="audit-form__empty">{tc("form.emptySection")}</p>}>
                <For each={s().items}>
                  {(item, i) => (
                    <Question
                      item={item}
                      number={firstNumber(index()) + i()}
                      answers={props.answers}
                      outcome={outcomes().get(item.key)}
                      readOnly={!!props.readOnly}
                    />
                  )}
                </For>
              </Show>
            </section>
          )}
        </Show>
        <nav class="audit-form__nav" aria-label={tc("form.sections")}>
          <button
            type="button"
            class="button button--secondary"
            disabled={index() === 0}
            onClick={() => go(index() - 1)}
          >
            {tc("form.previous")}
          </button>
          <select
            class="input select audit-form__jump"
            aria-label={tc("form.sections")}
            value={index()}
            onChange={(e) => go(Number(e.currentTarget.value))}
          >
            <For each={sections()}>
              {(s, i) => (
                <option value={i()} selected={i() === index()}>
                  {`${i() + 1}. ${pick(s.title) || tc("editor.untitledSection")}`}
                </option>
              )}
            </For>
          </select>
          <button
            type="button"
            class="button button--primary"
            disabled={index() >= sections().length - 1}
            onClick={() => go(index() + 1)}
          >
            {tc("form.next")}
          </button>
        </nav>
      </Show>
    </div>
  );
}
