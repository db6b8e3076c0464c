/**
 * A report's disputes as everyone who sees the report reads them (the manager's report page,
 * head office, the shopper's sent report, the printed report): per item the branch's reason,
 * the outcome and the arbiter's reason; the report outcome; the score before → after. Names
 * appear only when the API sends them (never to reviewers, admins deciding blind, or shoppers).
 */
import "../disputes.css";
import { For, Show } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { Badge, type BadgeTone } from "../../../components/badge";
import { A } from "../../../components/link";
import { formatDateTime, formatScore } from "../../../lib/office-formats";
import { personName } from "../../../lib/person-name";
import { td } from "../disputes-i18n";
import type { Dispute, ItemDecision } from "../disputes-queries";
import { itemLabel } from "./item-text";

export const OUTCOME_TONES: Record<ItemDecision, BadgeTone> = {
  upheld: "neutral",
  not_applicable: "accent",
  overturned: "success",
};

/** "Ruled met on dispute" under an item the arbiter ruled on (the score explanation's rows). */
export function RulingNote(props: { ruling: "met" | "not_applicable" }) {
  return (
    <p class="ruling-note" data-ruling={props.ruling}>
      <Badge tone={props.ruling === "met" ? "success" : "accent"}>{td(`ruling.${props.ruling}`)}</Badge>
    </p>
  );
}

/** "This report was voided on dispute: it counts nowhere." */
export function VoidedNotice() {
  return (
    <p class="notice dispute-notice--warning dispute-voided" role="status">
      {td("report.voided")}
    </p>
  );
}

/** One dispute: when, its items with their outcomes, the report outcome and the score change. */
export function DisputeCard(props: { dispute: Dispute; document: ChecklistDocument | undefined; link?: boolean }) {
  const d = () => props.dispute;
  const raised = () =>
    d().raisedBy
      ? td("report.raisedBy", { when: formatDateTime(d().raisedAt), name: personName(d().raisedBy?.name ?? "") })
      : td("report.raised", { when: formatDateTime(d().raisedAt) });
  const decided = () => {
    const at = d().decidedAt;
    if (!at) return "";
    return d().decidedBy
      ? td("report.decidedBy", { when: formatDateTime(at), name: personName(d().decidedBy?.name ?? "") })
      : td("report.decided", { when: formatDateTime(at) });
  };
  const scoreChanged = () => d().status === "decided" && d().score.before !== null;
  return (
    <article class="dispute-card" data-status={d().status} data-testid="dispute-card">
      <header class="dispute-card__head">
        <Badge tone={d().status === "open" ? "warning" : "success"}>{td(`status.${d().status}`)}</Badge>
        <span class="dispute-card__when">{raised()}</span>
        <Show when={decided()}>
          <span class="dispute-card__when">{decided()}</span>
        </Show>
        <Show when={props.link}>
          <A class="dispute-card__link no-print" href={`/disputes/${d().id}`}>
            {td("report.open")}
          </A>
        </Show>
      </header>
      <Show when={d().status === "open"}>
        <p class="field__hint">{td("report.waiting")}</p>
      </Show>
      <ul class="dispute-items">
        <For each={d().items}>
          {(item) => (
            <li class="dispute-item" data-item={item.itemKey}>
              <p class="dispute-item__label">
                <span>{itemLabel(props.document, item.itemKey)}</span>
                <Show when={item.outcome}>
                  {(outcome) => (
                    <Badge tone={OUTCOME_TONES[outcome()]}>
                      <span data-testid="dispute-outcome">{td(`outcomes.${outcome()}`)}</span>
                    </Badge>
                  )}
                </Show>
              </p>
              <dl class="dispute-item__facts">
                <div>
                  <dt>{td("report.branchReason")}</dt>
                  <dd class="dispute-item__text">{item.reason}</dd>
                </div>
                <Show when={item.decisionReason}>
                  <div>
                    <dt>{td("report.arbiterReason")}</dt>
                    <dd class="dispute-item__text">{item.decisionReason}</dd>
                  </div>
                </Show>
              </dl>
              <Show when={item.evidence}>
                {(photo) => (
                  <a class="dispute-item__photo" href={photo().url} target="_blank" rel="noopener">
                    <img src={photo().url} alt={td("report.photo")} loading="lazy" width="96" height="96" />
                  </a>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={d().reportOutcome}>
        {(outcome) => (
          <p class="dispute-card__outcome">
            <Badge tone="danger">{td(`reportOutcomes.${outcome()}`)}</Badge>
            <span class="field__hint">{td(`reportOutcomeHints.${outcome()}`)}</span>
          </p>
        )}
      </Show>
      <Show when={scoreChanged()}>
        <p class="dispute-card__score" data-testid="dispute-score">
          <span class="dispute-card__score-label">{td("report.score")}</span>
          {td("report.scoreChange", { before: formatScore(d().score.before), after: formatScore(d().score.after) })}
        </p>
      </Show>
    </article>
  );
}

/** Every dispute of a report, oldest first, under one heading (nothing when there are none). */
export function DisputeOutcomes(props: {
  disputes: readonly Dispute[] | undefined;
  document: ChecklistDocument | undefined;
  /** Links each dispute to its page (head office and managers). */
  link?: boolean;
}) {
  return (
    <Show when={(props.disputes ?? []).length > 0}>
      <section class="card dispute-outcomes" aria-labelledby="dispute-outcomes-title">
        <h2 class="section-title" id="dispute-outcomes-title">
          {td("report.title")}
        </h2>
        <For each={props.disputes}>
          {(dispute) => <DisputeCard dispute={dispute} document={props.document} link={props.link} />}
        </For>
      </section>
    </Show>
  );
}
