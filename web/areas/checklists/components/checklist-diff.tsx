/**
 * What changed between two versions of a checklist, from the shared `diffChecklists`:
 * sections and items added, removed and changed, named by their titles and prompts in the
 * current language, with the changed fields in words.
 */
import { createMemo, For, Show } from "solid-js";
import { diffChecklists } from "../../../../worker/domain/checklist-diff";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { Badge, type BadgeTone } from "../../../components/badge";
import { localName } from "../../../lib/formats";
import { tc } from "../checklist-i18n";

type Change = "added" | "removed" | "changed";
const TONES: Record<Change, BadgeTone> = { added: "success", removed: "danger", changed: "warning" };

interface Row {
  change: Change;
  /** A section row or an item row. */
  section: boolean;
  name: string;
  where: string;
  fields: string[];
}

function fieldLabel(field: string): string {
  const label = tc(`diff.fields.${field as "prompt"}`);
  return typeof label === "string" && label ? label : field;
}

export function ChecklistDiffView(props: { before: ChecklistDocument; after: ChecklistDocument }) {
  const diff = createMemo(() => diffChecklists(props.before, props.after));

  const rows = createMemo((): Row[] => {
    const d = diff();
    const sectionTitle = (doc: ChecklistDocument, key: string) => {
      const section = doc.sections.find((s) => s.key === key);
      return section ? localName(section.title) || key : key;
    };
    const itemPrompt = (doc: ChecklistDocument, key: string) => {
      for (const section of doc.sections) {
        const item = section.items.find((i) => i.key === key);
        if (item) return localName(item.prompt) || key;
      }
      return key;
    };
    const inSection = (doc: ChecklistDocument, key: string) =>
      tc("diff.inSection", { section: sectionTitle(doc, key) });
    return [
      ...d.sectionsAdded.map((key) => ({
        change: "added" as const,
        section: true,
        name: sectionTitle(props.after, key),
        where: "",
        fields: [],
      })),
      ...d.sectionsRemoved.map((key) => ({
        change: "removed" as const,
        section: true,
        name: sectionTitle(props.before, key),
        where: "",
        fields: [],
      })),
      ...d.sectionsChanged.map((s) => ({
        change: "changed" as const,
        section: true,
        name: sectionTitle(props.after, s.key),
        where: "",
        fields: s.fields,
      })),
      ...d.itemsAdded.map((i) => ({
        change: "added" as const,
        section: false,
        name: itemPrompt(props.after, i.key),
        where: inSection(props.after, i.section),
        fields: [],
      })),
      ...d.itemsRemoved.map((i) => ({
        change: "removed" as const,
        section: false,
        name: itemPrompt(props.before, i.key),
        where: inSection(props.before, i.section),
        fields: [],
      })),
      ...d.itemsChanged.map((i) => ({
        change: "changed" as const,
        section: false,
        name: itemPrompt(props.after, i.key),
        where: inSection(props.after, i.section),
        fields: i.fields,
      })),
    ];
  });

  const badge = (row: Row) =>
    row.section
      ? tc(
          row.change === "added"
            ? "diff.sectionAdded"
            : row.change === "removed"
              ? "diff.sectionRemoved"
              : "diff.sectionChanged",
        )
      : tc(`diff.${row.change}`);

  return (
    <div class="diff">
      <Show when={!diff().identical} fallback={<p class="diff__none">{tc("diff.identical")}</p>}>
        <Show when={diff().nameChanged}>
          <p class="diff__name">
            {tc("diff.nameChanged", { before: localName(props.before.name), after: localName(props.after.name) })}
          </p>
        </Show>
        <Show
          when={rows().length > 0}
          fallback={<Show when={!diff().nameChanged}>{<p class="diff__none">{tc("diff.orderOnly")}</p>}</Show>}
        >
          <ul class="diff__list">
            <For each={rows()}>
              {(row) => (
                <li class={`diff__row diff__row--${row.change}`}>
                  <Badge tone={TONES[row.change]}>{badge(row)}</Badge>
                  <span class="diff__text">
                    <span class="diff__subject">{row.name}</span>
                    <Show when={row.where}>
                      <span class="diff__where">{row.where}</span>
                    </Show>
                    <Show when={row.fields.length > 0}>
                      <span class="diff__fields">
                        {tc("diff.changedFields", {
                          fields: row.fields.map(fieldLabel).join(tc("diff.separator")),
                        })}
                      </span>
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
