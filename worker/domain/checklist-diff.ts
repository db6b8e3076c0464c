/**
 * What changed between two versions of a checklist, by stable keys: the builder's version
 * history shows it as "items added, removed, changed". Pure, shared with the web app.
 */
import type { ChecklistDocument, ChecklistItem, ChecklistSection } from "./checklists";

export interface ItemChange {
  key: string;
  section: string;
  /** Field names that differ: `prompt`, `weight`, `critical`, `section` (moved), … */
  fields: string[];
}

export interface ChecklistDiff {
  nameChanged: boolean;
  sectionsAdded: string[];
  sectionsRemoved: string[];
  sectionsChanged: Array<{ key: string; fields: string[] }>;
  itemsAdded: Array<{ key: string; section: string }>;
  itemsRemoved: Array<{ key: string; section: string }>;
  itemsChanged: ItemChange[];
  /** True when nothing differs at all, including order. */
  identical: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function itemsByKey(doc: ChecklistDocument): Map<string, { item: ChecklistItem; section: string; index: number }> {
  const map = new Map<string, { item: ChecklistItem; section: string; index: number }>();
  let index = 0;
  for (const section of doc.sections) {
    for (const item of section.items) map.set(item.key, { item, section: section.key, index: index++ });
  }
  return map;
}

function changedFields<T extends object>(before: T, after: T, ignore: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !ignore.includes(k))
    .filter((k) => !same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]))
    .sort();
}

/**
 * Compares two checklist documents by section and item keys.
 * @example diffChecklists(v1, v2).itemsAdded // [{ key: "offers_water", section: "welcome" }]
 */
export function diffChecklists(before: ChecklistDocument, after: ChecklistDocument): ChecklistDiff {
  const sectionsBefore = new Map<string, ChecklistSection>(before.sections.map((s) => [s.key, s]));
  const sectionsAfter = new Map<string, ChecklistSection>(after.sections.map((s) => [s.key, s]));
  const itemsBefore = itemsByKey(before);
  const itemsAfter = itemsByKey(after);

  const sectionsChanged = after.sections
    .filter((s) => sectionsBefore.has(s.key))
    .map((s) => ({ key: s.key, fields: changedFields(sectionsBefore.get(s.key) as ChecklistSection, s, ["items"]) }))
    .filter((s) => s.fields.length > 0);

  const itemsChanged: ItemChange[] = [];
  for (const [key, now] of itemsAfter) {
    const was = itemsBefore.get(key);
    if (!was) continue;
    const fields = changedFields(was.item, now.item);
    if (was.section !== now.section) fields.push("section");
    if (fields.length > 0) itemsChanged.push({ key, section: now.section, fields });
  }

  return {
    nameChanged: !same(before.name, after.name),
    sectionsAdded: after.sections.filter((s) => !sectionsBefore.has(s.key)).map((s) => s.key),
    sectionsRemoved: before.sections.filter((s) => !sectionsAfter.has(s.key)).map((s) => s.key),
    sectionsChanged,
    itemsAdded: [...itemsAfter].filter(([k]) => !itemsBefore.has(k)).map(([key, v]) => ({ key, section: v.section })),
    itemsRemoved: [...itemsBefore].filter(([k]) => !itemsAfter.has(k)).map(([key, v]) => ({ key, section: v.section })),
    itemsChanged,
    identical: same(before, after),
  };
}
