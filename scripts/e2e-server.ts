/**
 * The end-to-end tests' server (started by playwright.config.ts): a fresh local database in
 * its own state folder, seeded with the demo data, served like `npm start`. A developer's
 * own data under .wrangler/state is never touched.
 *
 * Usage: COURTESY_STATE_DIR=.wrangler/e2e-state PORT=8799 tsx scripts/e2e-server.ts
 */
import { rmSync } from "node:fs";
import { stateDir } from "./local-db";
import { start } from "./start";

if (!process.env.COURTESY_STATE_DIR || stateDir === ".wrangler/state") {
  console.error("Set COURTESY_STATE_DIR to a folder of its own (e.g. .wrangler/e2e-state): it is deleted first.");
  process.exit(2);
}

rmSync(stateDir, { recursive: true, force: true });
await start(Number(process.env.PORT ?? 8799));
