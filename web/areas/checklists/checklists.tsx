import "./checklists.css";
import { createAsync, useLocation } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { FormSuccess } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { formatDate } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { tc } from "./checklist-i18n";
import { type ChecklistSummary, getChecklists } from "./checklist-queries";

function latestPublished(checklist: ChecklistSummary) {
  return checklist.versions.find((v) => v.status === "published");
}

export default function Checklists() {
  const can = useAbilities();
  const location = useLocation<{ notice?: string }>();
  const checklists = createAsync(() => (can().checklists ? getChecklists() : Promise.resolve(undefined)));

  return (
    <Show when={can().checklists} fallback={<NoAccess />}>
      <PageHeader
        title={tc("list.title")}
        actions={
          <>
            <A class="button button--secondary" href="/checklists/phrases">
              {tc("list.phrases")}
            </A>
            <Show when={can().manage}>
              <A class="button button--primary" href="/checklists/new">
                <Icon name="plus" />
                {tc("list.new")}
              </A>
            </Show>
          </>
        }
      />
      <FormSuccess message={location.state?.notice} />
      <Show when={checklists()}>
        {(items) => (
          <Show
            when={items().length > 0}
            fallback={<Empty>{can().manage ? tc("list.empty") : tc("list.emptyReader")}</Empty>}
          >
            <ul class="list" aria-label={tc("list.title")}>
              <For each={items()}>
                {(checklist) => (
                  <li>
                    <A class="row" href={`/checklists/${checklist.id}`}>
                      <span class="row__main">
                        <span class="row__title">{localName(checklist.name)}</span>
                        <span class="row__meta">
                          <Show when={latestPublished(checklist)} fallback={<span>{tc("list.notPublished")}</span>}>
                            {(version) => (
                              <span>
                                {tc("list.latest", {
                                  number: version().number,
                                  date: formatDate(version().publishedAt ?? version().createdAt),
                                })}
                              </span>
                            )}
                          </Show>
                        </span>
                        <span class="row__tags">
                          <Badge tone={checklist.channel === "store" ? "neutral" : "accent"}>
                            {t(`channels.${checklist.channel}`)}
                          </Badge>
                          <Badge tone={checklist.status === "active" ? "success" : "neutral"}>
                            {tc(`status.${checklist.status}`)}
                          </Badge>
                          <Show when={can().manage && checklist.draftVersionId}>
                            <Badge tone="warning">{tc("list.draft")}</Badge>
                          </Show>
                        </span>
                      </span>
                      <Icon name="chevron" class="row__chevron" />
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Show>
  );
}
