/**
 * The development mailbox: the email the app wrote with its notifications (`mail_messages` in
 * the local database, through wrangler's platform proxy like scripts/local-db.ts), newest first.
 * With MAIL_MODE = "local" (wrangler.toml) this is where email "goes"; the scheduled job marks
 * the rows sent. Usage: npm run mail [-- --limit 20] [-- --full]  (--full prints the bodies)
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { getDb } from "../worker/data/db";
import { mailboxQuery } from "../worker/data/mail";

process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
const stateDir = process.env.COURTESY_STATE_DIR ?? ".wrangler/state";
const { values } = parseArgs({
  options: { limit: { type: "string", default: "20" }, full: { type: "boolean", default: false } },
});

const proxy = await getPlatformProxy<{ DB: Parameters<typeof getDb>[0]; MAIL_MODE?: string }>({
  configPath: "wrangler.toml",
  persist: { path: join(stateDir, "v3") },
});
try {
  const rows = await mailboxQuery(getDb(proxy.env.DB), { limit: Math.max(1, Number(values.limit) || 20) });
  console.log(`MAIL_MODE=${proxy.env.MAIL_MODE ?? "(unset)"}; ${rows.length} newest email(s) in the mailbox`);
  for (const row of rows) {
    const when = new Date(row.createdAt).toISOString().replace("T", " ").slice(0, 16);
    const state =
      row.status === "failed" || row.lastError ? `${row.status} (${row.attempts}: ${row.lastError})` : row.status;
    console.log(`\n${when}  ${state.padEnd(8)}  to ${row.toAddress}\n  ${row.subject}`);
    if (values.full) console.log(row.body.replace(/^/gm, "    "));
  }
} catch (error) {
  const missing = String((error as Error).cause ?? error).includes("no such table");
  console.error(missing ? "The local database has no mailbox yet: run `npm run db:migrate` (or `npm start`)." : error);
  process.exitCode = 1;
} finally {
  await proxy.dispose();
}
