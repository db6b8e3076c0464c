/**
 * The disputes part of a report (the manager's report page, head office's, the shopper's sent
 * report): "voided, counts nowhere" when it was, the "Dispute items" action while the window is
 * open for this reader (`audit.dispute.open`; after it the button is gone), and every dispute
 * with its outcomes. The action and the form never print; the outcomes do.
 */
import { revalidate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { formatDateTime } from "../../../lib/office-formats";
import { useAbilities } from "../../../lib/session";
import { type Audit, getAudit } from "../../planning/assignment-queries";
import { td } from "../disputes-i18n";
import { getDisputes } from "../disputes-queries";
import { DisputeOutcomes, VoidedNotice } from "./dispute-outcomes";
import { RaiseDisputeForm } from "./raise-dispute";

export function ReportDisputes(props: { audit: Audit; document: ChecklistDocument; onChanged?: () => unknown }) {
  const can = useAbilities();
  const [open, setOpen] = createSignal(false);
  const [notice, setNotice] = createSignal<{ tone: "success" | "error"; text: string }>();
  const state = () => props.audit.dispute ?? null;
  const disputable = () => state()?.disputable ?? [];
  const refresh = async () => {
    await revalidate([getAudit.key, getDisputes.key]);
    await props.onChanged?.();
  };
  return (
    <>
      <Show when={props.audit.status === "voided"}>
        <VoidedNotice />
      </Show>
      <Show when={state()?.open && disputable().length > 0}>
        <section class="dispute-raise no-print" aria-label={td("report.raise")}>
          <Show
            when={open()}
            fallback={
              <div class="dispute-raise__bar">
                <button
                  type="button"
                  class="button button--primary"
                  onClick={() => {
                    setNotice(undefined);
                    setOpen(true);
                  }}
                >
                  {td("report.raise")}
                </button>
                <Show when={state()?.windowEndsAt}>
                  {(end) => <p class="field__hint">{td("report.until", { end: formatDateTime(end()) })}</p>}
                </Show>
              </div>
            }
          >
            <RaiseDisputeForm
              audit={props.audit}
              document={props.document}
              disputable={disputable()}
              onCancel={() => setOpen(false)}
              onSent={() => {
                setOpen(false);
                setNotice({ tone: "success", text: td("raise.sent") });
                void refresh();
              }}
              onRefused={(text) => {
                setOpen(false);
                setNotice({ tone: "error", text });
                void refresh();
              }}
            />
          </Show>
        </section>
      </Show>
      <div aria-live="polite" class="no-print">
        <Show when={notice()}>
          {(n) => (
            <p class={`notice notice--${n().tone} dispute-notice`} role={n().tone === "error" ? "alert" : "status"}>
              {n().text}
            </p>
          )}
        </Show>
      </div>
      <DisputeOutcomes disputes={props.audit.disputes} document={props.document} link={can().disputes} />
    </>
  );
}
