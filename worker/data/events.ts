/**
 * Appending to and reading the trail (`events`). The only writes to the table are the INSERTs
 * built here (a test greps for any other); triggers in the database refuse UPDATE and DELETE.
 *
 * How a change records itself, in one D1 batch:
 * 1. read the chain's head with the request's other reads (`chainHeadQuery`);
 * 2. chain the drafts after it (`chainEvents` in the domain: seq, prev hash, hash);
 * 3. batch the change's statements with `appendEventStatements`; when the change is a guarded
 *    UPDATE (a version in its WHERE), put the guarded statement FIRST and pass `guarded`: the
 *    event then only fits if that UPDATE changed a row, otherwise the batch fails as a whole
 *    and `commitChained` reports `stale`;
 * 4. `commitChained` retries from step 1 when another request took the same seq meanwhile
 *    (the primary key (organisation, seq) lets only one of them commit: the chain never forks).
 */
import { and, desc, eq, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { events } from "../../schema";
import type { ChainedEvent, ChainHead } from "../domain/trail";
import { ApiError } from "../lib/errors";
import { type Db, isUniqueViolation, jsonInsertStatements } from "./db";

/** The last event of an organisation's chain, as a statement to batch with other reads. */
export function chainHeadQuery(db: Db, organizationId: string) {
  return db
    .select({ seq: events.seq, hash: events.hash })
    .from(events)
    .where(eq(events.organizationId, organizationId))
    .orderBy(desc(events.seq))
    .limit(1);
}

/** The head from `chainHeadQuery`'s rows. */
export function chainHeadOf(rows: ReadonlyArray<ChainHead>): ChainHead | null {
  return rows[0] ?? null;
}

/**
 * The INSERTs of chained events. With `guarded`, the first event's seq is bound only when the
 * statement just before it in the batch changed exactly one row (`changes() = 1`; or
 * `changedRows`, for a bulk UPDATE); with `guard`, only when that condition holds (read after
 * the batch's earlier statements). Otherwise the seq is NULL, the NOT NULL constraint fails the
 * batch, and nothing in it is kept.
 */
export function appendEventStatements(
  db: Db,
  chained: readonly ChainedEvent[],
  options: { guarded?: boolean; changedRows?: number; guard?: SQL } = {},
): BatchItem<"sqlite">[] {
  const changed = options.changedRows ?? 1;
  return chained.map((event, index) =>
    db.insert(events).values({
      ...event,
      seq:
        options.guard && index === 0
          ? sql<number>`(case when ${options.guard} then ${event.seq} end)`
          : options.guarded && index === 0
            ? sql<number>`(case when changes() = ${changed} then ${event.seq} end)`
            : event.seq,
    }),
  );
}

/**
 * The INSERTs of many chained events at once (a few statements, one JSON parameter each): for
 * the demo seed, which writes a year of history in one batch, and for changes of many events
 * (`recordChange`: a round's assignments).
 */
export function appendEventStatementsInBulk(db: Db, chained: readonly ChainedEvent[]): BatchItem<"sqlite">[] {
  return jsonInsertStatements(db, events, chained);
}

/** A guarded change found its row changed (or gone) since it was read. */
export class StaleWrite extends Error {
  constructor() {
    super("The row changed since it was read");
  }
}

function isSeqCollision(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return isUniqueViolation(error) && text.includes("events.");
}

function isGuardFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return text.includes("NOT NULL constraint failed: events.seq");
}

/** How many times a request re-reads the head after losing a seq to another request. */
const CHAIN_ATTEMPTS = 12;

/** The pause before attempt `tries + 1`: random (so two losers part), doubling up to 250 ms (~2 s in all at worst). */
const chainBackoffMs = (tries: number) => Math.random() * Math.min(250, 5 * 2 ** tries);

/**
 * Lost the seq CHAIN_ATTEMPTS times (many writers in one organisation at once): nothing was
 * written; 503 with Retry-After, which clients (the phone's outbox) retry — not a 500, and not
 * the unique violation callers read as "already exists" (bench/load.ts found both).
 */
function chainBusy(): ApiError {
  return new ApiError("busy", "Too many changes at once in this organisation; nothing was saved: try again", {
    headers: { "Retry-After": "1" },
  });
}

/**
 * Runs `attempt` (read the head, chain, batch) until it commits; `tries` is 1 the first time
 * (when the head may come from the request's first read batch) and counts up on retries. Losing the seq to a
 * concurrent request retries with a fresh head (after a short random pause, so two losers do
 * not collide again), CHAIN_ATTEMPTS times at most, then throws `busy` (503); a failed guard
 * throws `StaleWrite`; any other error propagates.
 *
 * @example
 * const result = await commitChained(async () => {
 *   const [row, head] = await db.batch([readRow, chainHeadQuery(db, org)]);
 *   const chained = await chainEvents(chainHeadOf(head), [draft], context);
 *   await db.batch([guardedUpdate, ...appendEventStatements(db, chained, { guarded: true })]);
 *   return row;
 * });
 */
export async function commitChained<T>(attempt: (tries: number) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(tries);
    } catch (error) {
      if (isGuardFailure(error)) throw new StaleWrite();
      if (!isSeqCollision(error)) throw error;
      if (tries >= CHAIN_ATTEMPTS) throw chainBusy();
      await new Promise((resolve) => setTimeout(resolve, chainBackoffMs(tries)));
    }
  }
}

export type EventRow = typeof events.$inferSelect;

/** Filters of the audit log. */
export interface EventFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  type?: string;
  /** Inclusive lower and exclusive upper bounds on `at`. */
  from?: number;
  to?: number;
}

/**
 * A page of an organisation's events, newest first, after the cursor seq. Every filter has
 * an index that starts with (organisation, that column) and ends in seq.
 */
export function listEventsQuery(
  db: Db,
  organizationId: string,
  filter: EventFilter,
  before: number | null,
  limit: number,
) {
  const conditions: SQL[] = [eq(events.organizationId, organizationId)];
  if (filter.subjectType) conditions.push(eq(events.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(events.subjectId, filter.subjectId));
  if (filter.actorId) conditions.push(eq(events.actorId, filter.actorId));
  if (filter.type) conditions.push(eq(events.type, filter.type));
  if (filter.from !== undefined) conditions.push(gte(events.at, filter.from));
  if (filter.to !== undefined) conditions.push(lt(events.at, filter.to));
  if (before !== null) conditions.push(lt(events.seq, before));
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.seq))
    .limit(limit);
}

/** The events of one subject (a report's timeline), oldest first. */
export function subjectEventsQuery(db: Db, organizationId: string, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        eq(events.subjectType, subjectType),
        eq(events.subjectId, subjectId),
      ),
    )
    .orderBy(events.seq);
}

/** One page of the chain in seq order, for verification: events with seq in (after, after + size]. */
export function chainPageQuery(db: Db, organizationId: string, after: number, size: number) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), gt(events.seq, after), lte(events.seq, after + size)))
    .orderBy(events.seq);
}
