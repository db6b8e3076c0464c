/**
 * `npm start`: build, migrate the local D1, seed the demo data when the database is empty,
 * and serve the app and the API on one origin (http://localhost:8787, PORT overrides).
 *
 * `start()` is also what the end-to-end tests' server (scripts/e2e-server.ts) runs.
 *
 * The output is a few calm lines, then the banner with the URL and the demo sign-ins;
 * COURTESY_VERBOSE=1 shows every tool's own log (vite, wrangler's migration tables, wrangler
 * dev at info level). COURTESY_SKIP_BUILD=1 serves the app as last built (tests that built it).
 */
import { spawn, spawnSync } from "node:child_process";
import { freePort } from "./free-port";
import { migrate, printSignIns, seedIfEmpty, stateDir, verbose } from "./local-db";

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Courtesy needs Node >= 22.12 (this is ${process.version}). Run it through npm, which uses the project's own Node.`,
  );
  process.exit(1);
}

/** How often the Worker's Cron Trigger fires (wrangler.toml `[triggers] crons`). */
const SCHEDULE_MS = 15 * 60_000;

/**
 * wrangler dev never fires Cron Triggers itself and says so at start-up (four lines that would
 * drown the banner); `npm start` fires them instead (`runScheduledLocally`), so the warning is
 * dropped. Everything else wrangler prints passes through.
 */
function quietScheduledWarning(write: (text: string) => void): (chunk: Buffer) => void {
  let skipping = false;
  return (chunk) => {
    const kept = chunk
      .toString()
      .split(/(?<=\n)/)
      .filter((line) => {
        if (line.includes("Scheduled Workers are not automatically triggered")) skipping = true;
        const drop = skipping;
        if (skipping && line.includes("cron-triggers")) skipping = false;
        return !drop;
      })
      .join("");
    if (kept) write(kept);
  };
}

/**
 * Fires the scheduled job (escalations, review SLA breaches, notification clean-up, mail) every
 * 15 minutes, as the Cron Trigger does in production, through Miniflare's local endpoint.
 */
function runScheduledLocally(url: string): void {
  const fire = () => fetch(`${url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/15 * * * *")}`).catch(() => {});
  setInterval(fire, SCHEDULE_MS).unref();
  void fire();
}

/** One line saying what start-up is doing. */
function step(text: string): void {
  console.log(text);
}

/**
 * Builds, migrates, seeds when empty, then serves on `port` until the process is stopped.
 * Resolves once the API answers (the server keeps running; its exit ends this process).
 */
export async function start(port: number, options: { cron?: boolean } = {}): Promise<void> {
  if (process.env.COURTESY_SKIP_BUILD !== "1") {
    step("Building the app…");
    const build = spawnSync("vite", ["build", "--logLevel", verbose ? "info" : "error"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  step("Preparing the local database…");
  migrate();
  const seeded = await seedIfEmpty();
  if (!seeded) console.log("The local database already has data: left as it is.");
  step("Starting the server…");

  const url = `http://localhost:${port}`;
  const server = spawn(
    "wrangler",
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "localhost",
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      stateDir,
      ...(process.env.WRANGLER_LOG || verbose ? [] : ["--log-level", "warn"]),
    ],
    { stdio: ["inherit", "pipe", "pipe"] },
  );
  server.stdout.on(
    "data",
    quietScheduledWarning((text) => process.stdout.write(text)),
  );
  server.stderr.on(
    "data",
    quietScheduledWarning((text) => process.stderr.write(text)),
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  // wrangler at warn level prints nothing when ready: wait until the API answers, then say where to go.
  for (let tries = 0; tries < 300; tries++) {
    const up = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      printSignIns(url);
      // The end-to-end tests' server leaves it off: their data must not move under them.
      if (options.cron) runScheduledLocally(url);
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await start(Number(process.env.PORT ?? 8787), { cron: true });
