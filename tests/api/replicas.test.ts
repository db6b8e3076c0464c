/**
 * Read replicas (docs/SCALING.md, "Read replicas"): every request runs on one D1 session, started
 * from the browser's bookmark cookie or from a constraint, and the answer carries the session's
 * latest bookmark back. The app is called directly with a binding that records what each
 * request opened its session with (no replicas run locally: what is checked is the routing and
 * the cookie; read-your-writes is checked end to end on the one local database).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../worker/app";
import { CHAINING_READ_ROUTES, isBookmark, REPLICA_READ_ROUTES, sessionStart } from "../../worker/lib/read-replicas";
import { runScheduledJob } from "../../worker/scheduled";
import { client, createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { type AnyResponse, expectOk, expectProblem, sessionCookieOf, uniqueCode } from "./helpers";

/** One session the app opened: what it started from, and the session itself. */
interface Opened {
  start: string | undefined;
  session: D1DatabaseSession;
}

/** A session whose every statement fails as D1 would for a bookmark it refuses. */
function refusingSession(real: D1DatabaseSession): D1DatabaseSession {
  const refuse = () => Promise.reject(new Error("D1_ERROR: invalid bookmark (simulated)"));
  const statement = new Proxy({} as D1PreparedStatement, {
    get: (_target, property) => (property === "bind" ? () => statement : refuse),
  });
  return { prepare: () => statement, batch: refuse, getBookmark: () => real.getBookmark() };
}

/** Wraps the D1 binding: records each `withSession`; sessions started from `refused` fail. */
function recordingD1(real: D1Database, opened: Opened[], refused?: string): D1Database {
  return new Proxy(real, {
    get(target, property) {
      if (property === "withSession") {
        return (start?: string) => {
          const session = target.withSession(start);
          opened.push({ start, session });
          return start !== undefined && start === refused ? refusingSession(session) : session;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A typed client sending `cookie` whose requests reach the app through `recordingD1`. */
function recorded(cookie: string, options: { refused?: string; origin?: string } = {}) {
  const opened: Opened[] = [];
  const as = client(cookie, async (input, init) => {
    const ctx = createExecutionContext();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target = options.origin ? new URL(url.pathname + url.search, options.origin) : url;
    const res = await app.fetch(
      new Request(target, init),
      { ...env, DB: recordingD1(env.DB, opened, options.refused) },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  });
  return { as, opened };
}

/** The bookmark cookie a response sets (`name=value; attributes`), or null. */
function bookmarkSetCookie(res: AnyResponse): string | null {
  return res.headers.getSetCookie().find((c) => /^(__Secure-)?courtesy_bookmark=/.test(c)) ?? null;
}

/** The bookmark a response hands back. */
function bookmarkOf(res: AnyResponse): string {
  const header = bookmarkSetCookie(res);
  const value = header?.slice(header.indexOf("=") + 1).split(";")[0] ?? "";
  expect(isBookmark(value), header ?? "no bookmark cookie").toBe(true);
  return value;
}

const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const FORGED = `ffffffff-ffffffff-ffffffff-${"f".repeat(32)}`;

let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization();
});

describe("where a request's session starts", () => {
  it("a dashboard without a bookmark starts on any replica (first-unconstrained)", async () => {
    const { as, opened } = recorded(org.people.analyst.cookie);
    const reads = [
      () => as.api.v1.scorecards.league.$get({ query: PERIOD }),
      () => as.api.v1.scorecards.trends.$get({ query: PERIOD }),
      () => as.api.v1.complaints.figures.$get({ query: PERIOD }),
      () => as.api.v1["audit-log"].$get({ query: {} }),
      () => as.api.v1.shoppers.reliability.$get({ query: {} }),
    ];
    for (const read of reads) await expectOk(await read(), 200);
    expect(opened.map((o) => o.start)).toEqual(Array(reads.length).fill("first-unconstrained"));
  });

  it("any other read, a write and an export start on the primary (first-primary)", async () => {
    const { as, opened } = recorded(org.people.admin.cookie);
    await expectOk(await as.api.v1.branches.$get({ query: {} }), 200);
    await expectOk(
      await as.api.v1.regions.$post({ json: { code: uniqueCode("R"), nameEn: "West", nameZh: "西区" } }),
      201,
    );
    const csv = await as.api.v1.exports["audits.csv"].$get({ query: PERIOD });
    expect(csv.status).toBe(200);
    await csv.arrayBuffer();
    expect(opened.map((o) => o.start)).toEqual(["first-primary", "first-primary", "first-primary"]);
  });

  it("a read with the bookmark cookie starts from that bookmark; a write still starts on the primary", async () => {
    const first = recorded(org.people.admin.cookie);
    const bookmark = bookmarkOf(await first.as.api.v1.branches.$get({ query: {} }));
    const { as, opened } = recorded(`${org.people.admin.cookie}; courtesy_bookmark=${bookmark}`);
    await expectOk(await as.api.v1.branches.$get({ query: {} }), 200);
    await expectOk(await as.api.v1.scorecards.league.$get({ query: PERIOD }), 200);
    await expectOk(
      await as.api.v1.regions.$post({ json: { code: uniqueCode("R"), nameEn: "East", nameZh: "东区" } }),
      201,
    );
    expect(opened.map((o) => o.start)).toEqual([bookmark, bookmark, "first-primary"]);
  });

  it("every listed route names a GET route the app has (a rename cannot silently drop one)", () => {
    const gets = app.routes
      .filter((r) => r.method === "GET")
      .map((r) => r.path.replace(/:[^/]+/g, "x"))
      .filter((p) => !p.includes("me/export")); // not on this branch yet (privacy-api)
    for (const route of [...REPLICA_READ_ROUTES, ...CHAINING_READ_ROUTES]) {
      if (route.source.includes("me\\/export")) continue;
      expect(
        gets.some((p) => route.test(p)),
        route.source,
      ).toBe(true);
    }
    expect(sessionStart("POST", "/api/v1/scorecards/league", FORGED)).toBe("first-primary");
    expect(sessionStart("GET", "/api/v1/scorecards/league", "nonsense")).toBe("first-unconstrained");
  });

  it("the scheduled job never opens a session: it reads and writes the primary", async () => {
    const opened: Opened[] = [];
    await runScheduledJob({ ...env, DB: recordingD1(env.DB, opened) }, Date.now());
    expect(opened).toEqual([]);
  });
});

describe("the bookmark cookie", () => {
  it("carries the session's latest bookmark back: HttpOnly, SameSite=Lax, only for the API", async () => {
    const { as, opened } = recorded(org.people.analyst.cookie);
    const res = await as.api.v1.scorecards.league.$get({ query: PERIOD });
    await expectOk(res, 200);
    expect(bookmarkOf(res)).toBe(opened[0]?.session.getBookmark());
    expect(bookmarkSetCookie(res)).toMatch(
      /^courtesy_bookmark=[^;]+; Max-Age=86400; Path=\/api; HttpOnly; SameSite=Lax$/,
    );
  });

  it("over https it is __Secure- and Secure", async () => {
    const cookie = org.people.analyst.cookie.replace(/^courtesy_session=/, "__Host-courtesy_session=");
    const { as } = recorded(cookie, { origin: "https://audit.example.com" });
    const res = await as.api.v1.scorecards.league.$get({ query: PERIOD });
    await expectOk(res, 200);
    expect(bookmarkSetCookie(res)).toMatch(
      /^__Secure-courtesy_bookmark=[^;]+; .*Path=\/api; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it("sign-in sets it, and the next request (a dashboard) starts from it and finds the new session", async () => {
    const login = recorded("");
    const res = await login.as.api.v1.auth.login.$post({
      json: { email: org.people.reviewer.email, password: FACTORY_PASSWORD },
    });
    await expectOk(res, 200);
    const session = sessionCookieOf(res);
    const bookmark = bookmarkOf(res);
    expect(bookmark).toBe(login.opened[0]?.session.getBookmark());
    const next = recorded(`${session}; courtesy_bookmark=${bookmark}`);
    await expectOk(await next.as.api.v1.scorecards.league.$get({ query: PERIOD }), 200);
    expect(next.opened.map((o) => o.start)).toEqual([bookmark]);
  });

  it("a failed sign-in sets no cookie at all", async () => {
    const { as } = recorded("");
    const res = await as.api.v1.auth.login.$post({ json: { email: org.people.reviewer.email, password: "wrong-1" } });
    await expectProblem(res, 401, "invalid_credentials");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("read-your-writes: a write's bookmark makes the next read (and dashboard) see the write", async () => {
    const writer = recorded(org.people.admin.cookie);
    const code = uniqueCode("R");
    const created = await writer.as.api.v1.regions.$post({ json: { code, nameEn: "North-west", nameZh: "西北" } });
    const region = await expectOk(created, 201);
    const bookmark = bookmarkOf(created);
    expect(bookmark).toBe(writer.opened[0]?.session.getBookmark());

    const reader = recorded(`${org.people.admin.cookie}; courtesy_bookmark=${bookmark}`);
    const list = await expectOk(await reader.as.api.v1.regions.$get({ query: {} }), 200);
    expect(list.items.map((r) => r.id)).toContain(region.id);
    const log = await expectOk(await reader.as.api.v1["audit-log"].$get({ query: { subjectId: region.id } }), 200);
    expect(log.items.map((e) => e.type)).toEqual(["region.created"]);
    expect(reader.opened.map((o) => o.start)).toEqual([bookmark, bookmark]);
  });

  it("a cookie that is not a bookmark is ignored (never handed to D1) and replaced", async () => {
    for (const garbage of ["zzzz", "not%20a%20bookmark", `${FORGED}x`, "' or 1=1 --"]) {
      const { as, opened } = recorded(`${org.people.analyst.cookie}; courtesy_bookmark=${garbage}`);
      const res = await as.api.v1.scorecards.league.$get({ query: PERIOD });
      await expectOk(res, 200);
      expect(opened.map((o) => o.start)).toEqual(["first-unconstrained"]);
      expect(bookmarkOf(res)).not.toBe(garbage);
    }
  });

  it("a well-formed bookmark D1 refuses costs one failed request: the cookie is dropped, the next one works", async () => {
    const { as } = recorded(`${org.people.analyst.cookie}; courtesy_bookmark=${FORGED}`, { refused: FORGED });
    const res = await as.api.v1.scorecards.league.$get({ query: PERIOD });
    await expectProblem(res, 500, "internal_error");
    expect(bookmarkSetCookie(res)).toMatch(/^courtesy_bookmark=; Max-Age=0; Path=\/api/);
    // The browser no longer sends it: the next request starts afresh and succeeds.
    const next = recorded(org.people.analyst.cookie, { refused: FORGED });
    await expectOk(await next.as.api.v1.scorecards.league.$get({ query: PERIOD }), 200);
    expect(next.opened.map((o) => o.start)).toEqual(["first-unconstrained"]);
  });

  it("an error answer sets no bookmark (a refused request stays cookie-free)", async () => {
    const { as } = recorded(org.people.shopper.cookie);
    const res = await as.api.v1.scorecards.league.$get({ query: PERIOD });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
