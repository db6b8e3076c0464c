import "./checklists.css";
import { createAsync, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { Badge } from "../../components/badge";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { tc } from "./checklist-i18n";
import { getChecklistVersion } from "./checklist-queries";
import { ChecklistPreview } from "./components/checklist-preview";

/** One version as the shopper will see it, with "Try answers": for anyone who may read it. */
export default function ChecklistVersionPage() {
  const params = useParams<{ id: string }>();
  const can = useAbilities();
  const version = createAsync(() => (can().checklists ? getChecklistVersion(params.id) : Promise.resolve(undefined)));

  return (
    <Show when={can().checklists} fallback={<NoAccess />}>
      <Show when={version()}>
        {(v) => {
          const doc = () => v().document;
          return (
            <>
              <PageHeader
                title={`${localName(doc().name)} · ${tc("detail.version", { number: v().number })}`}
                subtitle={
                  v().publishedAt
                    ? tc("detail.publishedOn", { date: formatDateTime(v().publishedAt ?? "") })
                    : tc("detail.savedOn", { date: formatDateTime(v().updatedAt) })
                }
                back={{ href: `/checklists/${v().checklistId}`, label: localName(doc().name) }}
                actions={
                  <Show when={v().status === "draft" && can().manage}>
                    <A class="button button--primary" href={`/checklist-versions/${v().id}/edit`}>
                      {tc("detail.openDraft")}
                    </A>
                  </Show>
                }
              />
              <div class="badges">
                <Badge tone={v().status === "draft" ? "warning" : "success"}>{tc(`versionStatus.${v().status}`)}</Badge>
                <Badge tone={doc().channel === "store" ? "neutral" : "accent"}>{t(`channels.${doc().channel}`)}</Badge>
              </div>
              <div class="version-preview">
                <ChecklistPreview document={doc()} />
              </div>
            </>
          );
        }}
      </Show>
    </Show>
  );
}
