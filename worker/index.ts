/**
 * The Worker's entry point. Requests for /api/* reach the Hono app; everything else is
 * served from the built single-page app by the static assets layer (see wrangler.toml).
 * The cron trigger runs the scheduled job (worker/scheduled.ts).
 */
import app from "./app";
import { scheduled } from "./scheduled";

export type { AppType } from "./app";
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Cloudflare.Env>;
