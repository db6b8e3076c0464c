/** An answer's value as a reader says it: yes/no, the choice's label, a number or N/A. */
import type { ChecklistDocument, ChecklistItem } from "../../../../worker/domain/checklists";
import { formatNumber, localName } from "../../../lib/formats";
import { tr } from "../review-i18n";

/** The item of `key` in the report's checklist version (undefined for an unknown key). */
export function itemOf(document: ChecklistDocument | undefined, key: string): ChecklistItem | undefined {
  for (const section of document?.sections ?? []) {
    const item = section.items.find((i) => i.key === key);
    if (item) return item;
  }
  return undefined;
}

/** The item's label in the current language, else its key. */
export function itemLabel(document: ChecklistDocument | undefined, key: string): string {
  const item = itemOf(document, key);
  return (item && localName(item.prompt)) || key;
}

/** `{value, na}` as words: "yes", "N/A", the choice's label, "12", "no answer". */
export function valueText(
  item: ChecklistItem | undefined,
  answer: { value?: unknown; na?: boolean } | undefined,
): string {
  if (!answer) return tr("history.blank");
  if (answer.na) return tr("history.na");
  const value = answer.value;
  if (value === null || value === undefined || value === "") return tr("history.blank");
  if (typeof value === "boolean") return value ? tr("history.yes") : tr("history.no");
  if (item?.kind === "choice") {
    const option = item.options.find((o) => o.key === value);
    if (option) return localName(option.label) || String(value);
  }
  if (typeof value === "number") return formatNumber(value);
  return item?.kind === "text" ? `“${String(value)}”` : String(value);
}
