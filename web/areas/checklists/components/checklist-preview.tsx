/**
 * A checklist in a phone-sized frame, exactly as the shopper fills it in, with "Try answers":
 * answer as a shopper would and watch `scoreAudit` work out the score, step by step.
 */
import { createMemo, createSignal, createUniqueId, Show } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { scoreAudit } from "../../../../worker/domain/scoring";
import { AuditForm, createAnswerStore } from "../../../components/audit-form";
import { ScoreExplanation, ScoreSummary } from "../../../components/score-explanation";
import { tc } from "../checklist-i18n";

export function ChecklistPreview(props: { document: ChecklistDocument }) {
  const answers = createAnswerStore();
  const [trying, setTrying] = createSignal(false);
  const switchId = createUniqueId();
  const list = createMemo(() => answers.list());
  const result = createMemo(() => scoreAudit(props.document, list()));

  return (
    <div class="preview">
      <div class="preview__bar">
        <div class="preview__try">
          <input
            class="switch"
            type="checkbox"
            role="switch"
            id={switchId}
            checked={trying()}
            aria-checked={trying()}
            aria-describedby={`${switchId}-hint`}
            onChange={(e) => setTrying(e.currentTarget.checked)}
          />
          <label class="preview__try-label" for={switchId}>
            {tc("preview.tryAnswers")}
          </label>
        </div>
        <Show when={list().length > 0}>
          <button type="button" class="button button--ghost preview__clear" onClick={() => answers.clear()}>
            {tc("preview.clear")}
          </button>
        </Show>
      </div>
      <p class="preview__hint" id={`${switchId}-hint`}>
        {trying() ? tc("preview.tryHint") : tc("preview.hint")}
      </p>
      <Show when={trying()}>
        <ScoreSummary result={result()} document={props.document} />
      </Show>
      <section class="phone" aria-label={tc("preview.frame")}>
        <AuditForm document={props.document} answers={answers} />
      </section>
      <Show when={trying()}>
        <ScoreExplanation result={result()} document={props.document} answers={list()} />
      </Show>
    </div>
  );
}
