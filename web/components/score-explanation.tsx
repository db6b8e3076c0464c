/**
 * A score worked out by `scoreAudit`, for people: the score (one decimal), a banner when a
 * critical item failed, and every step: per section earned / possible / ratio, and per item
 * its outcome and the rule that produced it.
 */
import "./score-explanation.css";
import { createUniqueId, For, Show } from "solid-js";
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";
import type { Answer, ItemOutcome, ScoreResult } from "../../worker/domain/scoring";
import { tf } from "../lib/form-i18n";
import { formatNumber, localName } from "../lib/formats";
import { formatPercent, formatScore } from "../lib/office-formats";
import { ruleText, ts } from "../lib/score-i18n";
import { Badge, type BadgeTone } from "./badge";

const OUTCOME_TONES: Record<ItemOutcome, BadgeTone> = {
  pass: "success",
  fail: "danger",
  partial: "warning",
  na: "neutral",
  unscored: "neutral",
  missing: "accent",
};

export function OutcomeBadge(props: { outcome: ItemOutcome }) {
  return <Badge tone={OUTCOME_TONES[props.outcome]}>{ts(`outcomes.${props.outcome}`)}</Badge>;
}

function itemsByKey(doc: ChecklistDocument): Map<string, ChecklistItem> {
  return new Map(doc.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
}

/** The score, whether it is final, and the critical failure if there is one. */
export function ScoreSummary(props: { result: ScoreResult; document: ChecklistDocument }) {
  const id = createUniqueId();
  const criticalPrompt = () => {
    const key = props.result.criticalItem;
    if (!key) return "";
    const item = itemsByKey(props.document).get(key);
    return item ? localName(item.prompt) || key : key;
  };
  return (
    <div class="score">
      <div class="score__main">
        <label class="score__label" for={id}>
          {ts("score.title")}
        </label>
        <output class="score__value" id={id} classList={{ "score__value--none": props.result.score === null }}>
          {props.result.score === null ? ts("score.none") : formatScore(props.result.score)}
        </output>
      </div>
      <p class="score__note">
        {props.result.score === null
          ? ts("score.noneHint")
          : props.result.complete
            ? ts("score.complete")
            : ts("score.incomplete", props.result.missing.length)}
      </p>
      <div role="alert" class="score__alert">
        <Show when={props.result.criticalFailed}>
          <p class="notice notice--error">{ts("score.critical", { item: criticalPrompt() })}</p>
        </Show>
      </div>
    </div>
  );
}

/** Every step of the calculation. */
export function ScoreExplanation(props: {
  result: ScoreResult;
  document: ChecklistDocument;
  answers: readonly Answer[];
  /** Starts folded (the shopper's review, where the answers follow anyway). */
  folded?: boolean;
}) {
  const items = () => itemsByKey(props.document);
  const answerOf = (key: string) => props.answers.find((a) => a.item === key);
  const sectionTitle = (index: number) => localName(props.document.sections[index]?.title) || tf("untitled.section");
  const promptOf = (key: string) => {
    const item = items().get(key);
    return item ? localName(item.prompt) || tf("untitled.item") : key;
  };

  return (
    <details class="explain" open={!props.folded}>
      <summary class="explain__summary">{ts("score.explain")}</summary>
      <p class="explain__formula">{ts("score.formula")}</p>
      <ol class="explain__sections">
        <For each={props.result.sections}>
          {(section, s) => (
            <li class="explain__section" classList={{ "explain__section--out": !section.included }}>
              <div class="explain__section-head">
                <h4 class="explain__section-title">{`${s() + 1}. ${sectionTitle(s())}`}</h4>
                <Show when={section.included && section.ratio !== null}>
                  <span class="explain__ratio">{formatPercent(section.ratio ?? 0)}</span>
                </Show>
              </div>
              <p class="explain__line">
                <Show
                  when={section.included}
                  fallback={section.weight === 0 ? ts("score.sectionWeightZero") : ts("score.sectionLeftOut")}
                >
                  {ts("score.sectionLine", {
                    earned: formatNumber(section.earned),
                    possible: formatNumber(section.possible),
                    percent: formatPercent(section.ratio ?? 0),
                    weight: formatNumber(section.weight),
                  })}
                </Show>
              </p>
              <Show when={section.zeroedBy}>
                {(key) => <p class="explain__zeroed">{ts("score.zeroedBy", { item: promptOf(key()) })}</p>}
              </Show>
              <ul class="explain__items">
                <For each={section.items}>
                  {(result) => (
                    <li class="explain__item">
                      <OutcomeBadge outcome={result.outcome} />
                      <div class="explain__item-body">
                        <span class="explain__prompt">{promptOf(result.key)}</span>
                        <span class="explain__rule">
                          <Show when={items().get(result.key)} fallback={result.rule}>
                            {(item) => ruleText(item(), result, answerOf(result.key))}
                          </Show>
                          <Show when={result.counted}>
                            {` · ${ts("score.itemWeight", { weight: formatNumber(result.weight) })}`}
                          </Show>
                          <Show when={!result.counted && result.ratio !== null}>{` · ${ts("score.notCounted")}`}</Show>
                        </span>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ol>
    </details>
  );
}
