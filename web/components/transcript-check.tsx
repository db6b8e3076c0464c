/**
 * The transcript checker: paste a call's transcript, check it against the organisation's
 * forbidden phrases (`POST /api/v1/transcripts/check`), and read it back with each phrase
 * marked (`<mark>`) and the better wording beside it. Shared: the shopper's call audit uses it
 * in a lazy panel (web/areas/visits/transcript-panel.tsx), which turns the matches into
 * suggestions; a complaint's transcript can use it the same way. Load it lazily: it and its
 * strings are not part of any first download.
 *
 * @example <TranscriptCheck checklistVersionId={id} onResult={(r) => setSuggestions(r.suggestions)} />
 * @example <TranscriptCheck initialText={complaint.transcript} readOnly />
 */
import "../styles/later.css";
import "./transcript-check.css";
import type { InferResponseType } from "hono/client";
import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import { api, call, isProblem, type Problem } from "../lib/api";
import { FormError } from "./form-error";
import { SubmitButton } from "./submit-button";
import { tt } from "./transcript-check-i18n";

export type TranscriptCheckResult = InferResponseType<typeof api.transcripts.check.$post, 200>;
export type TranscriptMatch = TranscriptCheckResult["matches"][number];

type Locale = "auto" | "en" | "zh";

interface TranscriptCheckProps {
  /** Suggestions only for the items of this checklist version (the audit's). */
  checklistVersionId?: string;
  /** A transcript to start with (a complaint's, say). */
  initialText?: string;
  /** Checks `initialText` as given: the text cannot be edited (a logged complaint's transcript). */
  readOnly?: boolean;
  /** Called with each result, and with `undefined` when the text changes after a check. */
  onResult?: (result: TranscriptCheckResult | undefined, text: string) => void;
}

/** The checked text cut into plain runs and matches, for rendering. */
export function segmentsOf(
  text: string,
  matches: readonly TranscriptMatch[],
): Array<{ text: string; match?: TranscriptMatch }> {
  const parts: Array<{ text: string; match?: TranscriptMatch }> = [];
  let at = 0;
  for (const match of matches) {
    if (match.start < at) continue;
    if (match.start > at) parts.push({ text: text.slice(at, match.start) });
    parts.push({ text: text.slice(match.start, match.end), match });
    at = match.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export function TranscriptCheck(props: TranscriptCheckProps) {
  const id = createUniqueId();
  const [text, setText] = createSignal(props.initialText ?? "");
  const [locale, setLocale] = createSignal<Locale>("auto");
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();
  const [checked, setChecked] = createSignal<{ text: string; result: TranscriptCheckResult }>();
  const segments = createMemo(() => {
    const done = checked();
    return done ? segmentsOf(done.text, done.result.matches) : [];
  });

  async function check(event: SubmitEvent) {
    event.preventDefault();
    const value = text();
    setPending(true);
    setProblem(undefined);
    try {
      const result = await call(
        api.transcripts.check.$post({
          json: { text: value, locale: locale(), checklistVersionId: props.checklistVersionId },
        }),
      );
      setChecked({ text: value, result });
      props.onResult?.(result, value);
    } catch (error) {
      if (!isProblem(error)) throw error;
      setProblem(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div class="transcript-check">
      <form class="transcript-check__form" onSubmit={check}>
        <label class="field__label" for={`${id}-text`}>
          {tt("label")}
        </label>
        <p class="field__hint transcript-check__hint" id={`${id}-hint`}>
          {tt("hint")}
        </p>
        <textarea
          id={`${id}-text`}
          class="input transcript-check__input"
          rows="6"
          maxLength={50_000}
          required
          readOnly={props.readOnly}
          aria-describedby={`${id}-hint`}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (checked()) {
              setChecked(undefined);
              props.onResult?.(undefined, e.currentTarget.value);
            }
          }}
        />
        <div class="transcript-check__actions">
          <label class="transcript-check__language">
            <span>{tt("language")}</span>
            <select class="input select" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
              <For each={["auto", "en", "zh"] as const}>
                {(value) => <option value={value}>{tt(`languages.${value}`)}</option>}
              </For>
            </select>
          </label>
          <SubmitButton pending={pending()} label={tt("check")} pendingLabel={tt("checking")} variant="secondary" />
        </div>
        <FormError problem={problem()} fields={[]} />
      </form>
      <Show when={checked()}>
        {(done) => (
          <div class="transcript-check__result">
            <p class="transcript-check__summary" role="status">
              {done().result.matches.length > 0 ? tt("found", done().result.matches.length) : tt("none")}
            </p>
            <Show when={done().result.matches.length > 0}>
              <section class="transcript-check__text" aria-label={tt("highlighted")}>
                <For each={segments()}>
                  {(part) => (
                    <Show when={part.match} fallback={part.text}>
                      {(match) => (
                        <>
                          <mark class="transcript-check__mark" title={match().pattern}>
                            {part.text}
                          </mark>
                          <span class="transcript-check__better">
                            <span class="visually-hidden">{`${tt("better")}: `}</span>
                            {match().better}
                          </span>
                        </>
                      )}
                    </Show>
                  )}
                </For>
              </section>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
