/**
 * The corrective actions one report started, under the report (and on its printout): each with
 * its status, owner and due date, linking to the action. Nothing is shown when there are none.
 */
import "../actions.css";
import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { getReportActions } from "../action-queries";
import { tx } from "../actions-i18n";
import { ActionRow } from "./action-parts";

export default function ReportActions(props: { auditId: string }) {
  const page = createAsync(() => getReportActions(props.auditId));
  return (
    <Show when={page()?.items.length}>
      <section class="card report-actions" aria-labelledby="report-actions-title">
        <h2 class="section-title" id="report-actions-title">
          {tx("fromReport")}
        </h2>
        <ul class="list action-list">
          <For each={page()?.items}>{(action) => <ActionRow action={action} />}</For>
        </ul>
      </section>
    </Show>
  );
}
