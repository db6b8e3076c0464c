/**
 * The app's API client runtime (web/lib/rpc.ts) builds each request exactly as Hono's own `hc`
 * does (the types the app compiles against are `hc`'s): the same URL, method, headers and body,
 * call for call, for every shape of call the app makes.
 */
import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import { rpc } from "../../web/lib/rpc";

interface Seen {
  url: string;
  method: string | undefined;
  headers: [string, string][];
  body: unknown;
}

/** A fetch that records what it was asked and answers 204. */
function recorder() {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body;
    seen.push({
      url: String(input),
      method: init?.method,
      headers: [...new Headers(init?.headers).entries()],
      body: body instanceof FormData ? [...body.entries()].map(([k, v]) => [k, String(v)]) : body,
    });
    return new Response(null, { status: 204 });
  };
  return { seen, fetch };
}

// biome-ignore lint/suspicious/noExplicitAny: the same untyped calls on both clients.
type Client = any;

const calls: Array<[string, (client: Client) => Promise<unknown>]> = [
  ["no arguments", (c) => c.api.v1.me.$get()],
  [
    "a query: numbers, undefined left out, arrays repeated",
    (c) =>
      c.api.v1.branches.$get({ query: { q: "bei jing", limit: 20, cursor: undefined, ids: ["a", "b", undefined] } }),
  ],
  ["a path parameter", (c) => c.api.v1.branches[":id"].$get({ param: { id: "b-1" } })],
  [
    "a parameter and a JSON body",
    (c) => c.api.v1["checklist-versions"][":id"].publish.$post({ param: { id: "v1" }, json: { revision: 3, x: [1] } }),
  ],
  ["PATCH with JSON", (c) => c.api.v1.me.$patch({ json: { locale: "zh" } })],
  ["PUT with JSON", (c) => c.api.v1.assignments[":id"].$put({ param: { id: "a1" }, json: { a: null } })],
  ["DELETE", (c) => c.api.v1.sessions[":id"].$delete({ param: { id: "s1" } })],
  [
    "a file as the body through init (CSV import)",
    (c) =>
      c.api.v1.imports[":kind"].$post(
        { param: { kind: "branches" }, query: { dryRun: "true" } },
        { init: { body: "code,name\n", headers: { "content-type": "text/csv" } } },
      ),
  ],
  ["a form", (c) => c.api.v1.photos.$post({ form: { name: "a", parts: ["1", "2"], skip: undefined } })],
  ["headers", (c) => c.api.v1.me.$get({ header: { "X-Request": "1" } })],
  ["an index route", (c) => c.api.v1.index.$get()],
  ["a GET never sends a body", (c) => c.api.v1.me.$get({ json: { no: true } })],
];

describe("rpc builds the requests hc builds", () => {
  for (const [name, call] of calls) {
    it(name, async () => {
      const hono = recorder();
      const ours = recorder();
      await call(hc("/", { fetch: hono.fetch }));
      await call(rpc(ours.fetch));
      expect(ours.seen).toEqual(hono.seen);
      expect(ours.seen).toHaveLength(1);
    });
  }
});
