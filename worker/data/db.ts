import { getTableColumns, is, SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../schema";

export type Db = DrizzleD1Database<typeof schema>;

/**
 * Wraps D1 in drizzle. Cheap: call once per request. Requests pass their D1 session
 * (`env.DB.withSession(…)`, worker/middleware/database.ts); the scheduled job and scripts pass
 * the binding itself, which always reads and writes the primary. Drizzle's D1 driver only ever
 * calls `prepare` and `batch`, which a session has (it lacks `exec` and `dump`: nothing here
 * uses them); drizzle 0.45 types its client as `D1Database`, hence the cast.
 */
export function getDb(d1: D1Database | D1DatabaseSession): Db {
  return drizzle(d1 as D1Database, { schema });
}

/** SQLite's message for a unique index violation; D1 passes it through. */
export function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return text.includes("UNIQUE constraint failed");
}

/** D1 binds at most 100 parameters per statement. */
export const MAX_BOUND_PARAMETERS = 100;

/** Matches no row: what an empty list stands for (an empty `in ()` is not valid SQL). */
const NOTHING = sql`0`;

/**
 * `column in (values)`, with the whole list bound as ONE JSON array parameter read back through
 * `json_each`: the one way around D1's 100 bound parameters for id lists, however long. An
 * empty list matches nothing. Scope the statement by organisation as well: this only narrows.
 *
 * @example db.select().from(regions).where(and(eq(regions.organizationId, org), inJsonList(regions.id, ids)))
 */
export function inJsonList(column: SQLiteColumn | SQL.Aliased | SQL, values: readonly string[]): SQL {
  return values.length ? sql`${column} in (select value from json_each(${JSON.stringify(values)}))` : NOTHING;
}

/**
 * A JSON column's value. Drizzle parses `{ mode: "json" }` columns of a plain select, but inside
 * `db.batch` and under a `sql` alias D1 hands back the stored text: this reads either.
 *
 * @example parseJsonColumn<ChecklistDocument>(row.document)
 */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * How many rows one multi-row INSERT into `table` may carry under D1's parameter limit: at most
 * one bound parameter per column and row, so the count comes from the table, never by hand.
 */
export function rowsPerInsert(table: SQLiteTable): number {
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Object.keys(getTableColumns(table)).length));
}

/** `rows` in slices of `size` (the last may be shorter). */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Largest JSON payload per statement: far below D1's 2 MB limit on a single value. */
const MAX_PAYLOAD_CHARS = 400_000;

/**
 * Inserts many rows as `INSERT … SELECT … FROM json_each(?)` (the seed, bulk appends): each statement binds ONE parameter, a
 * JSON array of rows, instead of one parameter per value. D1 binds at most 100 parameters per
 * statement, and locally every statement costs a few milliseconds: the history as 100-parameter
 * inserts (some 2,900 statements) took about 15 s to write; this way it is a few dozen.
 * Values go through each column's own driver mapping, exactly as a drizzle insert stores them
 * (JSON columns as JSON text, booleans as 0/1). Every column is written: give complete rows.
 */
export function jsonInsertStatements<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
): BatchItem<"sqlite">[] {
  // Drizzle's insert … select lists every column of the table in this same order.
  const columns = Object.entries(getTableColumns(table));
  const values = sql.join(
    columns.map(([, column], i) => {
      const cell = sql.raw(`json_extract(value, '$[${i}]')`);
      // A required column whose default is SQL (`'[]'`, the time) takes it when the row leaves
      // the column out, as an INSERT … VALUES would: the JSON row can only carry a null there.
      return column.notNull && is(column.default, SQL) ? sql`coalesce(${cell}, ${column.default})` : cell;
    }),
    sql`, `,
  );
  const statement = (payload: string) =>
    db.insert(table).select(sql`select ${values} from json_each(${payload}) order by key`);

  const statements: BatchItem<"sqlite">[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const json = JSON.stringify(
      columns.map(([key, column]) => {
        // A key left out takes the column's plain default, as an INSERT … VALUES would (a new
        // column with a default must not break rows written before it existed).
        const value = record[key] === undefined && !is(column.default, SQL) ? column.default : record[key];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    );
    if (chunk.length > 0 && size + json.length > MAX_PAYLOAD_CHARS) {
      statements.push(statement(`[${chunk.join(",")}]`));
      chunk = [];
      size = 0;
    }
    chunk.push(json);
    size += json.length + 1;
  }
  if (chunk.length > 0) statements.push(statement(`[${chunk.join(",")}]`));
  return statements;
}
