/** Bindings of the Worker, as declared in wrangler.toml. */
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
  }
}
