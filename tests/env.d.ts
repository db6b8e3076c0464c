/// <reference path="../worker/worker-configuration.d.ts" />
import type { D1Migration } from "cloudflare:test";

/** What the tests add to the Worker's bindings (generated from wrangler.toml): the migrations to apply. */
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
