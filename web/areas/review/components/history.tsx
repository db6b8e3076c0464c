/**
 * A report's timeline (`GET /audits/:id/history`), as the reader may see it: the API redacts per
 * role (a branch manager gets edits, publication and reopening, never the shopper or the review's
 * internals); this only says what it was given. Item keys show as the item's label.
 */
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show, Suspense } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { ErrorState, Loading } from "../../../components/states";
import { formatDateTime, formatScore } from "../../../lib/office-formats";
import { tr } from "../review-i18n";
import { getHistory, type HistoryItem } from "../review-queries";
import { itemLabel, itemOf, valueText } from "./answer-text";
import "../review.css";
import { personName } from "../../../lib/person-name";

const ROLES = ["admin", "analyst", "reviewer", "regional_manager", "branch_manager", "shopper"] as const;
const isRole = (role: string | null | undefined): role is (typeof ROLES)[number] =>
  (ROLES as readonly unknown[]).includes(role);

function who(event: HistoryItem): string {
  const actor = event.actor;
  if (actor?.name) return personName(actor.name);
  const role = actor?.role;
  if (isRole(role)) return tr(`history.role.${role}`);
  return tr("history.someone");
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const score = (value: unknown) => formatScore(typeof value === "number" ? value : null);

interface Edit {
  item?: string;
  old?: { value?: unknown; na?: boolean };
  new?: { value?: unknown; na?: boolean };
  reason?: string;
  score?: { before?: number | null; after?: number | null };
}

/** One event as a sentence, and an optional second line (reason, score change). */
function sentenceOf(event: HistoryItem, document: ChecklistDocument | undefined): { line: string; detail?: string } {
  const p = event.payload as Record<string, unknown>;
  const name = who(event);
  switch (event.type) {
    case "audit.submitted":
      return { line: tr("history.submitted") };
    case "audit.published":
      return event.actor?.role === "shopper" || !event.actor
        ? { line: tr("history.publishedOnArrival", { score: score(p.score) }) }
        : { line: tr("history.published", { who: name, score: score(p.score) }) };
    case "audit.claimed":
      return { line: p.takeover ? tr("history.takeover", { who: name }) : tr("history.claimed", { who: name }) };
    case "audit.released":
      return { line: tr("history.released", { who: name }) };
    case "audit.returned": {
      const questions = Array.isArray(p.questions) ? (p.questions as Array<{ text?: string }>) : [];
      return {
        line: tr("history.returned", { who: name }),
        detail: questions.map((q) => text(q.text)).join(" · "),
      };
    }
    case "audit.replied": {
      const replies = Array.isArray(p.replies) ? (p.replies as Array<{ text?: string }>) : [];
      return { line: tr("history.replied", { who: name }), detail: replies.map((r) => text(r.text)).join(" · ") };
    }
    case "audit.rejected":
      return { line: tr("history.rejected", { who: name, reason: text(p.reason) }) };
    case "audit.reopened":
      return { line: tr("history.reopened", { who: name, reason: text(p.reason) }) };
    case "audit.answer_edited": {
      const edit = p as Edit;
      const key = edit.item ?? "";
      const item = itemOf(document, key);
      return {
        line: tr("history.edited", {
          who: name,
          item: itemLabel(document, key),
          from: valueText(item, edit.old),
          to: valueText(item, edit.new),
        }),
        detail: [
          tr("history.reason", { reason: edit.reason ?? "" }),
          tr("history.score", { before: score(edit.score?.before), after: score(edit.score?.after) }),
        ].join(" · "),
      };
    }
    case "audit.ruled":
    case "audit.voided": {
      // A decided dispute (issue 14): the items' outcomes and the score they leave.
      const ruling = p as { score?: { before?: number | null; after?: number | null }; report?: string | null };
      return {
        line: event.type === "audit.voided" ? tr("history.voided", { who: name }) : tr("history.ruled", { who: name }),
        detail: tr("history.score", { before: score(ruling.score?.before), after: score(ruling.score?.after) }),
      };
    }
    default:
      return { line: tr("history.other", { who: name, type: event.type }) };
  }
}

export function HistoryTimeline(props: { auditId: string; document: ChecklistDocument | undefined }) {
  const items = createAsync(() => getHistory(props.auditId));
  return (
    <section class="card review-history" aria-labelledby="review-history-title">
      <h2 class="section-title" id="review-history-title">
        {tr("history.title")}
      </h2>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={items()?.length} fallback={<p class="review-history__empty">{tr("history.empty")}</p>}>
            <ol class="timeline">
              <For each={items()}>
                {(event) => {
                  const said = () => sentenceOf(event, props.document);
                  return (
                    <li class="timeline__item" data-type={event.type}>
                      <time class="timeline__time" datetime={event.at}>
                        {formatDateTime(event.at)}
                      </time>
                      <p class="timeline__line">{said().line}</p>
                      <Show when={said().detail}>
                        <p class="timeline__detail">{said().detail}</p>
                      </Show>
                    </li>
                  );
                }}
              </For>
            </ol>
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
