/**
 * A D1 binding that records every statement's rows read and server time (and each round trip),
 * for benchmarks that call the real Hono app in-process (bench/scorecards.ts, bench/review.ts).
 */
import type { getDb } from "../worker/data/db";

export type D1 = Parameters<typeof getDb>[0];
type Statement = ReturnType<D1["prepare"]>;
export interface Meta {
  rows_read?: number;
  rows_written?: number;
  duration?: number;
}

export interface StatementCost {
  sql: string;
  rowsRead: number;
  /** Rows the statement wrote (index entries included, as D1 counts them). */
  rowsWritten: number;
  duration: number;
}

/** A D1 binding that records every statement's rows read and server time into `log` (and round trips and the most parameters bound to one statement into `trips`). */
export function meteredD1(real: D1, log: StatementCost[], trips?: { count: number; maxParams?: number }): D1 {
  const record = (sql: string, meta: Meta | undefined): void => {
    log.push({
      sql,
      rowsRead: meta?.rows_read ?? 0,
      rowsWritten: meta?.rows_written ?? 0,
      duration: meta?.duration ?? 0,
    });
  };
  const wrap = (stmt: Statement, sql: string): Statement => {
    const wrapped: MeteredStatement = {
      real: stmt,
      sql,
      bind: (...values: unknown[]) => {
        if (trips) trips.maxParams = Math.max(trips.maxParams ?? 0, values.length);
        return wrap(stmt.bind(...values), sql);
      },
      all: async () => {
        if (trips) trips.count += 1;
        const result = await stmt.all();
        record(sql, result.meta as Meta);
        return result;
      },
      run: async () => {
        if (trips) trips.count += 1;
        const result = await stmt.run();
        record(sql, result.meta as Meta);
        return result;
      },
      first: async (column?: string) => {
        if (trips) trips.count += 1;
        const result = await stmt.all();
        record(sql, result.meta as Meta);
        const row = (result.results[0] as Record<string, unknown> | undefined) ?? null;
        return column === undefined ? row : (row?.[column] ?? null);
      },
      // raw() has no meta: run all() for the meta, then return raw()'s own rows (column order intact).
      raw: async (options?: { columnNames?: boolean }) => {
        if (trips) trips.count += 1;
        // A write (`insert … returning`) must run once: no meta for it, rather than writing twice.
        if (/^\s*(insert|update|delete)\b/i.test(sql)) {
          record(sql, undefined);
          return stmt.raw(options as { columnNames: true });
        }
        const result = await stmt.all();
        record(sql, result.meta as Meta);
        return stmt.raw(options as { columnNames: true });
      },
    };
    return wrapped as unknown as Statement;
  };
  const metered = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    batch: async (statements: Statement[]) => {
      if (trips) trips.count += 1;
      const own = statements as unknown as MeteredStatement[];
      const results = await real.batch(own.map((s) => s.real));
      results.forEach((result: { meta: unknown }, i: number) => {
        record(own[i]?.sql ?? "", result.meta as Meta);
      });
      return results;
    },
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error("withSession is not metered");
    },
  };
  return metered as unknown as D1;
}

interface MeteredStatement {
  real: Statement;
  sql: string;
  bind: (...values: unknown[]) => Statement;
  all: () => Promise<unknown>;
  run: () => Promise<unknown>;
  first: (column?: string) => Promise<unknown>;
  raw: (options?: { columnNames?: boolean }) => Promise<unknown>;
}
