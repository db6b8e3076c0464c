/**
 * How hard a submission works D1: the issue's budget is at most 3 round trips for a
 * 60-answer report (session included), with every statement under D1's 100-parameter limit.
 * The app is called directly with a D1 binding that counts what reaches the database.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { branches, membershipBranches, memberships, regions, users } from "../../schema";
import app from "../../worker/app";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { createSession } from "../../worker/data/sessions";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { MAX_SCOPE_ITEMS } from "../../worker/validation/common";
import {
  completeAnswers,
  createAssignment,
  DEMO,
  db,
  publishChecklist,
  reportBody,
  seed,
  signIn,
  uniqueEmail,
} from "./helpers";

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

/** Calls the app with a counting D1 binding; the response and what reached the database. */
async function counted(path: string, init: RequestInit = {}): Promise<{ res: Response; stats: Stats }> {
  const stats: Stats = { roundTrips: 0, statements: 0, maxParams: 0 };
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`http://localhost${path}`, init),
    { ...env, DB: countingD1(env.DB, stats) },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, stats };
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
  const { res, stats } = await counted(`/api/v1/audits/${crypto.randomUUID()}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie: shopper },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  expect((await res.json()) as { answers: unknown[] }).toMatchObject({ answers: expect.any(Array) });
  expect(stats.roundTrips).toBeLessThanOrEqual(3);
  expect(stats.maxParams).toBeLessThanOrEqual(100);
  // 1 audit + 3 chunks of answers + the assignment update, at least.
  expect(stats.statements).toBeGreaterThanOrEqual(5);
});

it("a manager of the most branches a scope may hold binds each id list as one parameter", async () => {
  const database = db();
  const org = `round-trips-${crypto.randomUUID()}`;
  const branchIds = Array.from({ length: MAX_SCOPE_ITEMS }, (_, i) => `${org}-b${i}`);
  const now = Date.now();
  const [first, ...rest] = [
    ...createOrganizationStatements(database, { id: org, slug: org, nameEn: "Round trips", nameZh: "往返" }, now),
    database.insert(regions).values({ id: `${org}-r`, organizationId: org, code: "R", nameEn: "R", nameZh: "区" }),
    ...branchIds.map((id, i) =>
      database.insert(branches).values({
        id,
        organizationId: org,
        regionId: `${org}-r`,
        code: `B${i}`,
        nameEn: `B${i}`,
        nameZh: `店${i}`,
        channel: "store",
      }),
    ),
    database.insert(users).values({ id: `${org}-m`, email: uniqueEmail("manager"), displayName: "Manager" }),
    database
      .insert(memberships)
      .values({ id: `${org}-mm`, userId: `${org}-m`, organizationId: org, role: "branch_manager", acceptedAt: 1 }),
    database.insert(membershipBranches).values(branchIds.map((branchId) => ({ membershipId: `${org}-mm`, branchId }))),
  ];
  if (first) await database.batch([first, ...rest]);
  const { token } = await createSession(database, { userId: `${org}-m`, organizationId: org, now });
  const cookie = `courtesy_session=${token}`;
  for (const path of ["/api/v1/branches?limit=100", "/api/v1/scorecards/league?from=2026-01-01&to=2026-06-30"]) {
    const { res, stats } = await counted(path, { headers: { cookie } });
    expect(res.status, await res.clone().text()).toBe(200);
    // The 40 branch ids travel as one JSON parameter (json_each), not 40.
    expect(stats.maxParams, path).toBeLessThan(MAX_SCOPE_ITEMS);
  }
});

/** What the session costs every signed-in request: one read (a fresh session needs no touch). */
const ROUND_TRIPS = { session: 1 };

/** A JSON request with the session cookie, counted. */
function send(method: string, path: string, cookie: string, body?: unknown) {
  return counted(path, {
    method,
    headers: { "content-type": "application/json", cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// Answer from the write: a change and its answer travel in one batch, after the session and
// the read that authorises it.
describe("writes answer from the write", () => {
  it("creating a checklist: session, then one batch that writes and answers", async () => {
    const { res, stats } = await send("POST", "/api/v1/checklists", admin, sixtyItems());
    expect(res.status, await res.clone().text()).toBe(201);
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 1);
  });

  it("archiving a checklist: session, the authorising read, one batch", async () => {
    const created = await send("POST", "/api/v1/checklists", admin, sixtyItems());
    const { checklist } = (await created.res.json()) as { checklist: { id: string } };
    const { res, stats } = await send("PATCH", `/api/v1/checklists/${checklist.id}`, admin, { status: "archived" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: checklist.id, status: "archived" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("cancelling an assignment: session, the authorising read, one update", async () => {
    const version = await publishChecklist(admin, sixtyItems());
    const assignment = await createAssignment(admin, version.id);
    const { res, stats } = await send("PATCH", `/api/v1/assignments/${assignment.id}`, admin, { status: "cancelled" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: assignment.id, status: "cancelled" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("renaming a member: session, the authorising read (member and scope together), one batch", async () => {
    const invited = await send("POST", "/api/v1/users", admin, {
      email: uniqueEmail("trips"),
      displayName: "Round Trip",
      role: "shopper",
    });
    expect(invited.res.status, await invited.res.clone().text()).toBe(201);
    const { user } = (await invited.res.json()) as { user: { id: string } };
    const { res, stats } = await send("PATCH", `/api/v1/users/${user.id}`, admin, {
      displayName: "Renamed",
      version: 1,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: user.id, displayName: "Renamed" });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });

  it("renaming a branch: session, the authorising read, one batch (the row is not read again)", async () => {
    const created = await send("POST", "/api/v1/branches", admin, {
      code: `RT${crypto.randomUUID().slice(0, 6)}`,
      nameEn: "Round trip",
      nameZh: "往返",
      regionId: DEMO.regionIds.east,
      channel: "store",
    });
    expect(created.res.status, await created.res.clone().text()).toBe(201);
    const branch = (await created.res.json()) as { id: string };
    const { res, stats } = await send("PATCH", `/api/v1/branches/${branch.id}`, admin, {
      nameEn: "Renamed",
      version: 1,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: branch.id, name: { en: "Renamed" } });
    expect(stats.roundTrips).toBeLessThanOrEqual(ROUND_TRIPS.session + 2);
  });
});
