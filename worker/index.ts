/**
 * The Worker's entry point. Requests for /api/* reach the Hono app; everything else is
 * served from the built single-page app by the static assets layer (see wrangler.toml).
 */
import app from "./app";

export type { AppType } from "./app";
export default app;
