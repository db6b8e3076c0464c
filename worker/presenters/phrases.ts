import type { PhraseRow } from "../data/phrases";

/** A phrase of the organisation's list (`/phrase-lists`). */
export interface PhraseBody {
  id: string;
  locale: "en" | "zh";
  pattern: string;
  itemKey: string | null;
  better: string;
  active: boolean;
  updatedAt: string;
  version: number;
}

export function presentPhrase(row: PhraseRow): PhraseBody {
  return {
    id: row.id,
    locale: row.locale,
    pattern: row.pattern,
    itemKey: row.itemKey,
    better: row.better,
    active: row.active,
    updatedAt: new Date(row.updatedAt).toISOString(),
    version: row.version,
  };
}
