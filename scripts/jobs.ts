/**
 * `npm run jobs`: one run of the scheduled job on demand (docs/JOBS.md), locally.
 *
 *   npm run jobs                       the job's own code against the local D1 and R2 (wrangler's
 *                                      platform proxy, like scripts/local-db.ts): no server needed;
 *                                      prints what it did and how long it took
 *   npm run jobs -- --at 2027-01-01T00:30:00Z
 *                                      the same, as if it ran then (retention cutoffs, digests)
 *   npm run jobs -- --url http://localhost:8787
 *                                      fires the running server's Cron Trigger instead (`npm start`
 *                                      does so every 15 minutes): the Worker's own `scheduled`
 *                                      handler through wrangler's /cdn-cgi/local/scheduled route;
 *                                      the run's report is in the server's log at info level
 *                                      (`WRANGLER_LOG=info npm start`)
 *
 * COURTESY_STATE_DIR picks another local state folder (as for `npm run db:reset`).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { runScheduledJob } from "../worker/scheduled";

process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
const stateDir = process.env.COURTESY_STATE_DIR ?? ".wrangler/state";
const { values } = parseArgs({ options: { at: { type: "string" }, url: { type: "string" } } });

const now = values.at ? Date.parse(values.at) : Date.now();
if (Number.isNaN(now)) {
  console.error(`--at ${values.at}: not a date (use ISO 8601, e.g. 2027-01-01T00:30:00Z)`);
  process.exit(1);
}

if (values.url) {
  const url = new URL("/cdn-cgi/local/scheduled", values.url);
  url.searchParams.set("cron", "*/15 * * * *");
  url.searchParams.set("time", String(now));
  const started = performance.now();
  const res = await fetch(url).catch((error: unknown) => {
    console.error(`${values.url} does not answer (is \`npm start\` running?): ${String(error)}`);
    process.exit(1);
  });
  console.log(
    `Fired the Cron Trigger at ${values.url}: ${res.status} ${await res.text()} in ${Math.round(performance.now() - started)} ms (the report is in the server's log at info level: WRANGLER_LOG=info npm start; \`npm run mail\` shows the email)`,
  );
} else {
  type Env = Parameters<typeof runScheduledJob>[0];
  const proxy = await getPlatformProxy<Env>({
    configPath: "wrangler.toml",
    persist: { path: join(stateDir, "v3") },
    // Never proxy a binding to Cloudflare.
    remoteBindings: false,
  });
  try {
    const started = performance.now();
    const report = await runScheduledJob(proxy.env, now);
    const ms = Math.round(performance.now() - started);
    console.log(`\nOne run at ${new Date(now).toISOString()} against ${stateDir}: ${ms} ms`);
    console.log(JSON.stringify(report, null, 2));
    if (report.failures.length) process.exitCode = 1;
  } finally {
    await proxy.dispose();
  }
}
