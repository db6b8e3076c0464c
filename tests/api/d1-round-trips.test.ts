/**
 * How hard a submission works D1: the issue's budget is at most 3 round trips for a
 * 60-answer report (session included), with every statement under D1's 100-parameter limit.
 * The app is called directly with a D1 binding that counts what reaches the database.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import app from "../../worker/app";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { completeAnswers, createAssignment, publishChecklist, reportBody, seed, signIn } from "./helpers";

interface Stats {
  roundTrips: number;
  statements: number;
  maxParams: number;
}

/** Wraps a D1 binding: each batch or single statement execution is one round trip. */
function countingD1(real: D1Database, stats: Stats): D1Database {
  const realOf = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") {
          return (...params: unknown[]) => {
            stats.maxParams = Math.max(stats.maxParams, params.length);
            return wrap(target.bind(...params));
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
    return proxy;
  };
  return new Proxy(real, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
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

function sixtyItems(): ChecklistDocument {
  return {
    name: { en: `Sixty ${crypto.randomUUID().slice(0, 6)}`, zh: "六十项" },
    channel: "store",
    sections: [0, 1, 2].map((s) => ({
      key: `s${s}`,
      title: { en: `Section ${s}`, zh: `第${s}节` },
      weight: 1,
      items: Array.from({ length: 20 }, (_, i) => ({
        key: `s${s}_i${i}`,
        kind: "yes_no" as const,
        prompt: { en: `Question ${i}`, zh: `问题${i}` },
        guidance: { en: "", zh: "" },
        weight: 1,
        critical: "none" as const,
        naAllowed: false,
        evidenceOnFail: "none" as const,
      })),
    })),
  };
}

let admin: string;
let shopper: string;

beforeAll(async () => {
  await seed();
  [admin, shopper] = await Promise.all([signIn("admin@demo.test"), signIn("shopper@demo.test")]);
});

it("a 60-answer report costs at most 3 D1 round trips, every statement under 100 parameters", async () => {
  const doc = sixtyItems();
  const version = await publishChecklist(admin, doc);
  const assignment = await createAssignment(admin, version.id);
  const body = reportBody(assignment, completeAnswers(doc));
  const stats: Stats = { roundTrips: 0, statements: 0, maxParams: 0 };
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`http://localhost/api/v1/audits/${crypto.randomUUID()}`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: shopper },
      body: JSON.stringify(body),
    }),
    { ...env, DB: countingD1(env.DB, stats) },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(res.status, await res.clone().text()).toBe(201);
  expect((await res.json()) as { answers: unknown[] }).toMatchObject({ answers: expect.any(Array) });
  expect(stats.roundTrips).toBeLessThanOrEqual(3);
  expect(stats.maxParams).toBeLessThanOrEqual(100);
  // 1 audit + 3 chunks of answers + the assignment update, at least.
  expect(stats.statements).toBeGreaterThanOrEqual(5);
});
