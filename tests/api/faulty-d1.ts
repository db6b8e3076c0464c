/**
 * Fault injection: the app called with a D1 binding whose k-th statement of its n-th write fails
 * INSIDE D1 (see fault-injection.test.ts and the "Fault injection" paragraph of docs/TRAIL.md).
 *
 * A write is a batch, or a single statement, that holds an INSERT, UPDATE, DELETE or REPLACE
 * (a session's background touch is not counted, and never fails).
 * The faulted write runs for real with its statement k swapped for `SELECT json('…')`, which
 * prepares fine and fails when SQLite steps it ("malformed JSON"): D1 itself then rolls back
 * statements 1..k-1 of the batch, exactly as a constraint or an outage at that point would.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import app from "../../worker/app";
import { type Client, client } from "./factory";

/** What a request wrote, write by write: how many statements each, and the first one's SQL. */
export interface WriteShape {
  statements: number;
  sql: string;
}

/** Where to fail: the `write`-th write of the wrapped binding's life (1-based), at its `statement`-th statement. */
export interface Fault {
  write: number;
  statement: number;
  /** Runs just before the faulted write reaches the database (to snapshot what it must not change). */
  before?: () => Promise<void>;
}

/** The statement put in place of the one that fails: valid SQL that raises an error inside SQLite. */
export const FAILING_SQL = "SELECT json('fault injected: not json')";

const WRITE = /^\s*(insert|update|delete|replace|with\b[\s\S]*\b(insert|update|delete)\b)/i;

/**
 * Writes that are no flow's: the session's sliding expiry (written in the background, after
 * the answer, once a session is old enough) and sign-in bookkeeping.
 */
const BOOKKEEPING = /^\s*(update|insert\s+into|delete\s+from)\s+"?(sessions|rate_limit_hits|login_attempts)"?\s/i;

/** Whether a statement's SQL writes (drizzle's statements start with their verb), bookkeeping aside. */
export const isWrite = (sql: string) => WRITE.test(sql) && !BOOKKEEPING.test(sql);

/**
 * Wraps a D1 binding: records every write's shape in `writes`, and fails `fault` (once) when its
 * write comes.
 */
export function faultyD1(real: D1Database, writes: WriteShape[], fault?: Fault): D1Database {
  const realOf = new WeakMap<object, D1PreparedStatement>();
  const queryOf = new WeakMap<object, string>();
  let fired = false;
  /** Counts a write; answers whether it is the one to fail (at which statement). */
  const next = async (sqls: readonly string[]): Promise<number | null> => {
    if (!sqls.some(isWrite)) return null;
    writes.push({ statements: sqls.length, sql: sqls.find(isWrite) ?? "" });
    if (!fault || fired || writes.length !== fault.write) return null;
    if (fault.statement < 1 || fault.statement > sqls.length) {
      throw new Error(`fault at statement ${fault.statement} of a write of ${sqls.length}`);
    }
    fired = true;
    await fault.before?.();
    return fault.statement;
  };
  const wrap = (statement: D1PreparedStatement, query: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") {
          return (...params: unknown[]) => wrap(target.bind(...params), queryOf.get(proxy) ?? "");
        }
        if (property === "all" || property === "run" || property === "first" || property === "raw") {
          return async (...args: unknown[]) => {
            const at = await next([query]);
            const run = at === null ? target : real.prepare(FAILING_SQL);
            return (run[property] as (...a: unknown[]) => unknown).apply(run, args);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    realOf.set(proxy, statement);
    queryOf.set(proxy, query);
    return proxy;
  };
  // The app runs each request on a D1 session (worker/middleware/database.ts): the session is
  // wrapped too, or its statements would pass by unseen.
  const wrapDatabase = (database: D1Database): D1Database =>
    new Proxy(database, {
      get(target, property) {
        if (property === "prepare") return (query: string) => wrap(target.prepare(query), query);
        if (property === "withSession" && "withSession" in target) {
          return (start?: string) => wrapDatabase(target.withSession(start) as unknown as D1Database);
        }
        if (property === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            const at = await next(statements.map((s) => queryOf.get(s) ?? ""));
            return target.batch(
              statements.map((s, i) =>
                at !== null && i === at - 1 ? target.prepare(FAILING_SQL) : (realOf.get(s) ?? s),
              ),
            );
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrapDatabase(real);
}

/**
 * A typed client signed in with `cookie` whose requests reach the app through ONE faulty
 * binding: `writes` lists the writes of all its requests in order; `fault` (if given) fails once.
 */
export function faulty(cookie: string, fault?: Fault): { as: Client; writes: WriteShape[] } {
  const writes: WriteShape[] = [];
  const as = client(cookie, async (input, init) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(input, init), { ...env, DB: faultyD1(env.DB, writes, fault) }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  });
  return { as, writes };
}
