/**
 * Hono's typed RPC client (`hc` from hono/client) at a fraction of its size: the same types (the
 * routes' own, so a changed route still fails to compile) over a small proxy that builds each
 * request exactly as `hc` does for what the app sends: `param` into the path (`/:id`), `query`
 * (arrays repeat the key, undefined is left out), `json` (with its Content-Type), `form`, `header`,
 * and the second argument's `init` last (a CSV import sends its file as the body that way).
 * `hc` also carries cookies, WebSockets and `$url`, which the app never uses, and its cookie
 * helpers came with it into the shopper's first download.
 */
type Query = Record<string, string | number | boolean | undefined | Array<string | number | boolean | undefined>>;

interface Args {
  param?: Record<string, string>;
  query?: Query;
  json?: unknown;
  form?: Record<string, string | Blob | undefined | Array<string | Blob | undefined>>;
  header?: Record<string, string | undefined>;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Repeats `add` for each value of an entry, leaving out undefined ones (as `hc` does). */
function each<V>(record: Record<string, V | undefined | Array<V | undefined>>, add: (key: string, value: V) => void) {
  for (const [key, value] of Object.entries(record)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) add(key, one);
  }
}

function request(path: string[], fetcher: Fetch, args: Args = {}, options: { init?: RequestInit } = {}) {
  const method = (path.at(-1) ?? "").slice(1).toUpperCase();
  // `client.api.v1.branches[":id"].$get` → /api/v1/branches/:id; an `index` segment is the folder itself.
  let url = `/${path.slice(0, -1).join("/")}`.replace(/\/index$/, "");
  each(args.param ?? {}, (key, value) => {
    url = url.replace(new RegExp(`/:${key}(?:{[^/]+})?\\??(?=/|$)`), () => (value ? `/${value}` : ""));
  });
  const query = new URLSearchParams();
  each(args.query ?? {}, (key, value) => query.append(key, String(value)));
  const search = query.toString();
  const headers = new Headers();
  each(args.header ?? {}, (key, value) => headers.set(key, value));
  let body: BodyInit | undefined;
  if (args.form) {
    const form = new FormData();
    each(args.form, (key, value) => form.append(key, value));
    body = form;
  }
  if (args.json !== undefined) {
    body = JSON.stringify(args.json);
    headers.set("Content-Type", "application/json");
  }
  return fetcher(`${url || "/"}${search ? `?${search}` : ""}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : body,
    ...options.init,
  });
}

const proxy = (path: string[], fetcher: Fetch): unknown =>
  new Proxy(() => undefined, {
    get: (_target, key) => (typeof key === "string" && key !== "then" ? proxy([...path, key], fetcher) : undefined),
    apply: (_target, _this, [args, options]: [Args?, { init?: RequestInit }?]) => request(path, fetcher, args, options),
  });

/**
 * The client on the site's own origin, untyped: the caller gives it `hc`'s type for its app.
 * @example const client = rpc(fetch) as ReturnType<typeof hc<AppType>>;
 */
export const rpc = (fetcher: Fetch): unknown => proxy([], fetcher);
