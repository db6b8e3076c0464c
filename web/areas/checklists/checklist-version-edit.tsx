import "./checklists.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, onCleanup, Show } from "solid-js";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { useAbilities } from "../../lib/session";
import { tc } from "./checklist-i18n";
import { checklistKeys } from "./checklist-queries";
import { ChecklistEditor } from "./editor/checklist-editor";

/** The builder for one draft. Loads the draft fresh (never from a cache): it is edited here. */
export default function ChecklistVersionEdit() {
  const params = useParams<{ id: string }>();
  const can = useAbilities();
  // "Reload the latest version" (after someone else saved the draft) fetches it again.
  const [reloads, setReloads] = createSignal(0);
  const version = createAsync(() => {
    reloads();
    return can().manage
      ? call(api["checklist-versions"][":id"].$get({ param: { id: params.id } }))
      : Promise.resolve(undefined);
  });
  // What other pages show of this checklist has changed while it was edited here.
  onCleanup(() => void revalidate(checklistKeys));

  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <Show when={version()} keyed>
        {(v) => (
          <Show
            when={v.status === "draft"}
            fallback={
              <>
                <PageHeader
                  title={tc("editor.notDraftTitle", { number: v.number })}
                  back={{ href: `/checklists/${v.checklistId}`, label: tc("list.title") }}
                />
                <section class="state">
                  <p>{tc("editor.notDraftBody")}</p>
                  <div class="state__actions">
                    <A class="button button--secondary" href={`/checklists/${v.checklistId}`}>
                      {tc("editor.toChecklist")}
                    </A>
                  </div>
                </section>
              </>
            }
          >
            <ChecklistEditor version={v} onReload={() => setReloads((n) => n + 1)} />
          </Show>
        )}
      </Show>
    </Show>
  );
}
