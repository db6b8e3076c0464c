/**
 * A checklist as the shopper fills it in on a phone: one section at a time with a progress
 * bar, the question and its guidance, a big control for the item's kind, N/A where the item
 * allows it, and a comment (asked for when a failed item needs evidence).
 *
 * Knows nothing about the builder: give it a document and an answer store. The shopper's app
 * also gives it `live` support (camera photos, call helpers), keeps the section itself
 * (`section` / `onSection`) and flags the problems that stop a report from being sent.
 */
import "./audit-form.css";
import { createEffect, createMemo, createSignal, createUniqueId, For, type JSX, lazy, Show, Suspense } from "solid-js";
import { type ChecklistDocument, type ChecklistItem, isScored } from "../../../worker/domain/checklists";
import { itemCase } from "../../../worker/domain/item-outcome";
import { tf } from "../../lib/form-i18n";
import { localName } from "../../lib/formats";
import type { AnswerStore } from "./answers";
import { ItemControl } from "./item-control";
import type { LiveSupport } from "./live";

/**
 * The camera's photos: their own chunk (and CSS), fetched once the form is on screen
 * (`preloadPhotoField`) rather than in the first download, since most questions take none.
 */
const PhotoField = lazy(() => import("./photo-field"));

/** Fetches the photo field's chunk (the shopper's form calls it after its first paint). */
export function preloadPhotoField(): void {
  void PhotoField.preload();
}

interface AuditFormProps {
  document: ChecklistDocument;
  answers: AnswerStore;
  /** Disables every control (a read-only look at a finished audit). */
  readOnly?: boolean;
  /** The section shown, when the caller keeps it (to resume a draft where it was left). */
  section?: number;
  onSection?: (index: number) => void;
  /** The real form on a phone: camera photos and call helpers. Without it, photos are a placeholder. */
  live?: LiveSupport;
  /** A problem to show on an item (by item key), such as "no answer yet". */
  flag?: (itemKey: string) => string | undefined;
  /** Renders what replaces "Next" on the last section (the shopper's "Finish" button). */
  finish?: () => JSX.Element;
}

function Question(props: {
  item: ChecklistItem;
  number: number;
  answers: AnswerStore;
  readOnly: boolean;
  live: LiveSupport | undefined;
  flag: string | undefined;
}) {
  const id = createUniqueId();
  // This item's own entry: an edit elsewhere keeps its identity, so nothing below runs again.
  const entry = createMemo(() => props.answers.entries[props.item.key]);
  const na = () => entry()?.na === true;
  // The same rule as the server's (checkSubmission, scoreAudit item by item): only a failure
  // demands evidence, and the reminder goes once the evidence is there.
  const failed = createMemo(() => {
    const e = entry();
    const answer = e?.na
      ? { item: props.item.key, na: true }
      : e?.value !== undefined
        ? { item: props.item.key, value: e.value }
        : undefined;
    return itemCase(props.item, answer).outcome === "fail";
  });
  const needsComment = () => failed() && props.item.evidenceOnFail === "comment" && !entry()?.comment?.trim();
  const needsPhoto = () => failed() && props.item.evidenceOnFail === "photo" && !entry()?.evidence?.length;
  const [commentOpen, setCommentOpen] = createSignal(false);
  const showComment = () =>
    commentOpen() || (failed() && props.item.evidenceOnFail === "comment") || !!entry()?.comment;
  const guidance = () => localName(props.item.guidance);
  const takesPhotos = () => props.item.kind === "photo" || props.item.evidenceOnFail === "photo";
  const describedBy = () =>
    [guidance() ? `${id}-guidance` : "", props.flag ? `${id}-flag` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <fieldset
      class="audit-question"
      classList={{ "audit-question--flagged": !!props.flag }}
      aria-describedby={describedBy()}
      data-item={props.item.key}
      tabindex="-1"
    >
      <legend class="audit-question__prompt" id={`${id}-prompt`}>
        <span class="audit-question__number" aria-hidden="true">
          {props.number}
        </span>
        <span>{localName(props.item.prompt) || tf("untitled.item")}</span>
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
        live={props.live}
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
          <span>{tf("form.na")}</span>
        </label>
      </Show>
      <Show when={needsPhoto()}>
        <p class="audit-question__needs">{tf("form.photoRequired")}</p>
      </Show>
      <Show when={props.live && takesPhotos() ? props.live : undefined}>
        {(live) => (
          <Suspense>
            <PhotoField
              itemKey={props.item.key}
              photos={entry()?.evidence ?? []}
              support={live().photos}
              disabled={props.readOnly}
              needed={needsPhoto()}
            />
          </Suspense>
        )}
      </Show>
      <Show when={needsComment()}>
        <p class="audit-question__needs">{tf("form.commentRequired")}</p>
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
            {tf("form.addComment")}
          </button>
        }
      >
        <label class="audit-comment">
          <span class="audit-comment__label">{tf("form.comment")}</span>
          <textarea
            class="input audit-comment__input"
            rows="2"
            maxLength={2000}
            value={entry()?.comment ?? ""}
            disabled={props.readOnly}
            aria-invalid={needsComment() ? "true" : undefined}
            onInput={(e) => props.answers.setComment(props.item.key, e.currentTarget.value)}
          />
        </label>
      </Show>
      <Show when={props.flag}>
        <p class="audit-question__flag" id={`${id}-flag`}>
          {props.flag}
        </p>
      </Show>
    </fieldset>
  );
}

export function AuditForm(props: AuditFormProps) {
  const [own, setOwn] = createSignal(0);
  const current = () => props.section ?? own();
  const setCurrent = (to: number) => (props.onSection ? props.onSection(to) : setOwn(to));
  const titleId = createUniqueId();
  let heading: HTMLHeadingElement | undefined;
  const sections = () => props.document.sections;
  const index = () => Math.min(current(), Math.max(0, sections().length - 1));
  const section = () => sections()[index()];

  const scored = createMemo(() => sections().flatMap((s) => s.items.filter(isScored)));
  const answered = createMemo(
    () =>
      scored().filter((item) => {
        const entry = props.answers.entries[item.key];
        return entry?.na || entry?.value !== undefined;
      }).length,
  );
  /** Number of the first question of each section, counting across the checklist. */
  const firstNumber = (s: number) => sections().reduce((n, sec, i) => (i < s ? n + sec.items.length : n), 1);

  createEffect(() => {
    if (current() > 0 && current() >= sections().length) setCurrent(Math.max(0, sections().length - 1));
  });

  function go(to: number) {
    setCurrent(to);
    heading?.focus();
  }

  /**
   * The section's unanswered questions, offered as N/A in one tap when there are several and
   * all of them may be N/A (complaint handling in a visit with no complaint).
   */
  const restNa = () => {
    const open = (section()?.items ?? []).filter((item) => {
      const entry = props.answers.entries[item.key];
      return isScored(item) && !entry?.na && entry?.value === undefined;
    });
    return open.length >= 2 && open.every((item) => item.naAllowed) ? open : [];
  };

  return (
    <div class="audit-form" classList={{ "audit-form--live": !!props.live }}>
      <Show when={sections().length > 0} fallback={<p class="audit-form__empty">{tf("form.empty")}</p>}>
        <header class="audit-form__header">
          <p class="audit-form__name">{localName(props.document.name)}</p>
          <div class="audit-form__progress-row">
            <span>{tf("form.progress", { number: index() + 1, total: sections().length })}</span>
            <span>{tf("form.answered", { done: answered(), total: scored().length })}</span>
          </div>
          <progress
            class="audit-form__progress"
            max={Math.max(1, scored().length)}
            value={answered()}
            aria-label={tf("form.answered", { done: answered(), total: scored().length })}
          />
        </header>
        <Show when={section()}>
          {(s) => (
            <section class="audit-form__section" aria-labelledby={titleId}>
              <h2 class="audit-form__title" id={titleId} tabindex="-1" ref={heading}>
                {localName(s().title) || tf("untitled.section")}
              </h2>
              <Show when={props.live && !props.readOnly && restNa().length > 0}>
                <div class="audit-form__rest-na">
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => {
                      for (const item of restNa()) props.answers.setNa(item.key, true);
                    }}
                  >
                    {tf("form.markRestNa", restNa().length)}
                  </button>
                  <p class="audit-form__rest-na-hint">{tf("form.markRestNaHint")}</p>
                </div>
              </Show>
              <Show when={s().items.length > 0} fallback={<p class="audit-form__empty">{tf("form.emptySection")}</p>}>
                <For each={s().items}>
                  {(item, i) => (
                    <Question
                      item={item}
                      number={firstNumber(index()) + i()}
                      answers={props.answers}
                      readOnly={!!props.readOnly}
                      live={props.live}
                      flag={props.flag?.(item.key)}
                    />
                  )}
                </For>
              </Show>
            </section>
          )}
        </Show>
        <nav class="audit-form__nav" aria-label={tf("form.sections")}>
          <button
            type="button"
            class="button button--secondary"
            disabled={index() === 0}
            onClick={() => go(index() - 1)}
          >
            {tf("form.previous")}
          </button>
          <select
            class="input select audit-form__jump"
            aria-label={tf("form.sections")}
            value={index()}
            onChange={(e) => go(Number(e.currentTarget.value))}
          >
            <For each={sections()}>
              {(s, i) => (
                <option value={i()} selected={i() === index()}>
                  {`${i() + 1}. ${localName(s.title) || tf("untitled.section")}`}
                </option>
              )}
            </For>
          </select>
          <Show
            when={index() >= sections().length - 1 ? props.finish : undefined}
            fallback={
              <button
                type="button"
                class="button button--primary"
                disabled={index() >= sections().length - 1}
                onClick={() => go(index() + 1)}
              >
                {tf("form.next")}
              </button>
            }
          >
            {(render) => render()()}
          </Show>
        </nav>
      </Show>
    </div>
  );
}
