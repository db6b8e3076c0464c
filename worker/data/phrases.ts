/**
 * The organisation's forbidden phrases (docs/COMPLAINTS.md, "Forbidden phrases"): the list the
 * transcript check reads, its writes with their trail events, and the default list every
 * organisation starts with.
 */
import { and, asc, eq, notExists, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { organizations, phrases } from "../../schema";
import { DEFAULT_PHRASES, type PhraseLocale } from "../domain/phrases";
import type { ChainHead } from "../domain/trail";
import { fieldChanges, recordChange } from "./changes";
import type { Db } from "./db";
import { chainHeadOf, chainHeadQuery } from "./events";

export interface PhraseInput {
  locale: PhraseLocale;
  pattern: string;
  itemKey: string | null;
  better: string;
}

export interface PhrasePatch {
  pattern?: string;
  itemKey?: string | null;
  better?: string;
  active?: boolean;
}

const phraseColumns = {
  id: phrases.id,
  locale: phrases.locale,
  pattern: phrases.pattern,
  itemKey: phrases.itemKey,
  better: phrases.better,
  active: phrases.active,
  createdAt: phrases.createdAt,
  updatedAt: phrases.updatedAt,
  version: phrases.version,
};

function selectPhrases(db: Db) {
  return db.select(phraseColumns).from(phrases);
}

export type PhraseRow = Awaited<ReturnType<typeof selectPhrases>>[number];

function phraseWhere(organizationId: string, id: string) {
  return and(eq(phrases.organizationId, organizationId), eq(phrases.id, id));
}

/**
 * The organisation's phrases, by language then pattern (case aside); only the active ones when asked
 * (the transcript check). Served by `phrases_org_idx` (organisation, locale).
 */
export function listPhrases(db: Db, organizationId: string, options: { activeOnly?: boolean } = {}) {
  return selectPhrases(db)
    .where(and(eq(phrases.organizationId, organizationId), options.activeOnly ? eq(phrases.active, true) : undefined))
    .orderBy(asc(phrases.locale), asc(sql`lower(${phrases.pattern})`), asc(phrases.id));
}

/** One phrase of the organisation and the chain head, in one round trip (for a change). */
export async function getPhraseForChange(
  db: Db,
  organizationId: string,
  id: string,
): Promise<{ phrase: PhraseRow | null; head: ChainHead | null }> {
  const [rows, head] = await db.batch([
    selectPhrases(db).where(phraseWhere(organizationId, id)),
    chainHeadQuery(db, organizationId),
  ]);
  return { phrase: rows[0] ?? null, head: chainHeadOf(head) };
}

type Actor = { userId: string; role: string };

/** Adds a phrase and its `phrase.created` event, and reads it back: one batch. */
export async function createPhrase(db: Db, organizationId: string, input: PhraseInput, actor: Actor) {
  const id = crypto.randomUUID();
  const { after } = await recordChange(db, {
    organizationId,
    actor,
    drafts: [{ type: "phrase.created", subject: { type: "phrase", id }, payload: { ...input } }],
    change: [db.insert(phrases).values({ id, organizationId, ...input })],
    after: [selectPhrases(db).where(phraseWhere(organizationId, id))],
  });
  const created = (after[0] as PhraseRow[])[0];
  if (!created) throw new Error("phrase vanished after insert");
  return created;
}

/**
 * Changes the phrase the route read (at its `version`) with a `phrase.changed` event naming
 * old → new of each changed field, and reads it back: one batch. Throws `StaleWrite` when it
 * moved on since. Nothing to change: answers `existing`.
 */
export async function updatePhrase(
  db: Db,
  organizationId: string,
  existing: PhraseRow,
  patch: PhrasePatch,
  trail: { actor: Actor; head: ChainHead | null },
): Promise<PhraseRow | null> {
  const changes = fieldChanges(existing, patch);
  if (Object.keys(changes).length === 0) return existing;
  const { after } = await recordChange(db, {
    organizationId,
    actor: trail.actor,
    head: trail.head,
    drafts: [
      {
        type: "phrase.changed",
        subject: { type: "phrase", id: existing.id },
        payload: { locale: existing.locale, changes },
      },
    ],
    change: [
      db
        .update(phrases)
        .set({ ...patch, updatedAt: Date.now(), version: sql`${phrases.version} + 1` })
        .where(and(phraseWhere(organizationId, existing.id), eq(phrases.version, existing.version))),
    ],
    guarded: true,
    after: [selectPhrases(db).where(phraseWhere(organizationId, existing.id))],
  });
  return (after[0] as PhraseRow[])[0] ?? null;
}

/** Rows per insert: eight bound columns each stay under D1's 100 parameters. */
const ROWS_PER_INSERT = 10;

/**
 * The statements that give an organisation the default phrase list (domain/phrases.ts), in
 * inserts small enough for D1. Part of making an organisation (data/organizations.ts).
 */
export function defaultPhraseStatements(db: Db, organizationId: string, now: number): BatchItem<"sqlite">[] {
  const rows = DEFAULT_PHRASES.map((p) => ({
    id: crypto.randomUUID(),
    organizationId,
    locale: p.locale,
    pattern: p.pattern,
    itemKey: p.itemKey,
    better: p.better,
    createdAt: now,
    updatedAt: now,
  }));
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    statements.push(db.insert(phrases).values(rows.slice(i, i + ROWS_PER_INSERT)));
  }
  return statements;
}

/**
 * Gives every organisation without a single phrase the default list: organisations made
 * before the list existed (the local demo database). Idempotent; answers how many it filled.
 */
export async function backfillDefaultPhrases(db: Db, now: number): Promise<number> {
  const bare = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(notExists(db.select({ one: sql`1` }).from(phrases).where(eq(phrases.organizationId, organizations.id))));
  const statements = bare.flatMap((org) => defaultPhraseStatements(db, org.id, now));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return bare.length;
}
