/**
 * D1 budgets: the app called directly with a D1 binding that counts what reaches the database
 * (see d1-round-trips.test.ts and the review budgets in review.test.ts).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import app from "../../worker/app";
import { type Client, client } from "./factory";

export interface Stats {
  roundTrips: number;
  statements: number;
  maxParams: number;
}

/**
 * Runs before a batch reaches the database, with the batch's SQL: a test makes something happen
 * "between the read and the write" (another request) when it sees the write coming.
 */
export type BeforeBatch = (queries: readonly string[]) => Promise<void> | void;

/**
 * Wraps a D1 binding: each batch or single statement execution is one round trip. The app runs
 * each request on a D1 session (`withSession`, worker/middleware/database.ts): the session it
 * opens is wrapped the same way, so its statements are counted too.
 */
export function countingD1<T extends D1Database | D1DatabaseSession>(
  real: T,
  stats: Stats,
  beforeBatch?: BeforeBatch,
): T {
  const realOf = new WeakMap<object, D1PreparedStatement>();
  const queryOf = new WeakMap<object, string>();
  const wrap = (statement: D1PreparedStatement, query: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") {
          return (...params: unknown[]) => {
            stats.maxParams = Math.max(stats.maxParams, params.length);
            return wrap(target.bind(...params), queryOf.get(proxy) ?? "");
          };
        }
        if (property === "all" || property === "run" || property === "first" || property === "raw") {
          return (...args: unknown[]) => {
            stats.roundTrips++;
            stats.statements++;
            return (target[property] as (...a: unknown[]) => unknown).apply(target, args);
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
  return new Proxy(real, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query), query);
      if (property === "withSession" && "withSession" in target) {
        return (start?: string) => countingD1(target.withSession(start), stats, beforeBatch);
      }
      if (property === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          await beforeBatch?.(statements.map((s) => queryOf.get(s) ?? ""));
          stats.roundTrips++;
          stats.statements += statements.length;
          return target.batch(statements.map((s) => realOf.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A typed client signed in with `cookie` whose requests reach the app with a counting D1
 * binding; `stats` adds up what reached the database over its calls (make one per measurement);
 * `beforeBatch` runs before each of its batches.
 */
export function counted(cookie: string, beforeBatch?: BeforeBatch): { as: Client; stats: Stats } {
  const stats: Stats = { roundTrips: 0, statements: 0, maxParams: 0 };
  const as = client(cookie, async (input, init) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(input, init), { ...env, DB: countingD1(env.DB, stats, beforeBatch) }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  });
  return { as, stats };
}
