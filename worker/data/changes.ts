/**
 * Recording a change with its events, for every route outside the review workflow: the change's
 * statements, its chained events and whatever follows (read-backs, roll-ups) in ONE D1 batch,
 * retried by `commitChained` when another request took the same seq. See `data/events.ts`.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { type ChainHead, chainEvents, type EventDraft } from "../domain/trail";
import { ApiError } from "../lib/errors";
import type { Db } from "./db";
import {
  appendEventStatements,
  appendEventStatementsInBulk,
  chainHeadOf,
  chainHeadQuery,
  commitChained,
  StaleWrite,
} from "./events";

/**
 * From this many events on, a change appends all but its first in bulk (a few statements of
 * one JSON parameter each: a round's 4,000 `assignment.created`) instead of one INSERT each.
 */
const BULK_EVENTS_FROM = 20;

export interface Change {
  organizationId: string;
  /** Who did it; null for the system (an account locked by failed sign-ins). */
  actor: { userId: string; role: string } | null;
  drafts: readonly EventDraft[];
  /** The head read with the request's first read batch (used on the first try only). */
  head?: ChainHead | null;
  /** The change itself; with `guarded`, its LAST statement is the guarded UPDATE (`WHERE version = ?`). */
  change: readonly BatchItem<"sqlite">[];
  guarded?: boolean;
  /** Statements after the events (read-backs, roll-ups): they see the change. */
  after?: readonly BatchItem<"sqlite">[];
  at?: number;
}

/**
 * Commits a change and its events in one batch and answers the results of `change` and `after`.
 * A guarded change whose row moved on throws `StaleWrite` (the caller answers 409 `stale_version`).
 *
 * @example
 * const { after: [rows] } = await recordChange(db, { organizationId, actor, head, drafts,
 *   change: [guardedUpdate], guarded: true, after: [readBack] });
 */
export async function recordChange(
  db: Db,
  input: Change,
): Promise<{ change: readonly unknown[]; after: readonly unknown[] }> {
  const at = input.at ?? Date.now();
  const after = input.after ?? [];
  // Payloads as the JSON column will store them (no `undefined` members), so the hash of what
  // is stored is the hash that was computed.
  const drafts = input.drafts.map((draft) => ({ ...draft, payload: JSON.parse(JSON.stringify(draft.payload)) }));
  return commitChained(async (tries) => {
    const head =
      tries === 1 && input.head !== undefined
        ? input.head
        : chainHeadOf(await chainHeadQuery(db, input.organizationId));
    const chained = await chainEvents(head, drafts, {
      organizationId: input.organizationId,
      at,
      actor: input.actor,
    });
    const trail =
      chained.length < BULK_EVENTS_FROM
        ? appendEventStatements(db, chained, { guarded: input.guarded })
        : [
            // The first alone, so a guard still decides whether the batch fits.
            ...appendEventStatements(db, chained.slice(0, 1), { guarded: input.guarded }),
            ...appendEventStatementsInBulk(db, chained.slice(1)),
          ];
    const statements = [...input.change, ...trail, ...after] as unknown as [BatchItem<"sqlite">];
    const results: readonly unknown[] = await db.batch(statements);
    return {
      change: results.slice(0, input.change.length),
      after: results.slice(input.change.length + trail.length),
    };
  });
}

/** 409 `stale_version` with the row's current version as an extension member. */
export function staleVersion(current: number): ApiError {
  return new ApiError("stale_version", "Someone else changed this since you loaded it; reload and try again", {
    extensions: { version: current },
  });
}

/** Rethrows a `StaleWrite` as `stale_version` with the version `current()` reads now. */
export async function orStale<T>(write: Promise<T>, current: () => Promise<number | null>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!(error instanceof StaleWrite)) throw error;
    const version = await current();
    if (version === null) throw new ApiError("not_found");
    throw staleVersion(version);
  }
}

/**
 * Old → new of the fields of `patch` that differ from `existing` (what a `*.changed` event carries).
 * @example fieldChanges({ nameEn: "North", code: "N" }, { nameEn: "Northern", code: "N" })
 * // { nameEn: { from: "North", to: "Northern" } }
 */
export function fieldChanges<T extends object>(
  existing: T,
  patch: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    if (to === undefined) continue;
    const from = (existing as Record<string, unknown>)[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: from ?? null, to };
  }
  return changes;
}
