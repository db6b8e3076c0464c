/**
 * The benchmarks' server: a fresh local database in its own state folder (.wrangler/bench-state
 * unless COURTESY_STATE_DIR says otherwise), migrated and seeded with the demo data through
 * scripts/local-db.ts, then `wrangler dev` on 127.0.0.1, as scripts/e2e-server.ts does for the
 * end-to-end tests. Loopback only; `stop()` ends it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { openSync, rmSync } from "node:fs";
import { freePort } from "../scripts/free-port";

/** `vite build` (the app and the Worker), quietly. Throws when it fails. */
export function buildApp(): void {
  const build = spawnSync("vite", ["build", "--logLevel", "warn"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
}

export interface BenchServer {
  /** http://127.0.0.1:<port> */
  base: string;
  stop: () => Promise<void>;
}

/**
 * Starts the app on a fresh database. `build: false` serves the last build (bench/run.ts builds
 * once for every benchmark).
 */
export async function startBenchServer(options: { build: boolean }): Promise<BenchServer> {
  process.env.COURTESY_STATE_DIR ??= ".wrangler/bench-state";
  const { migrate, seedIfEmpty, stateDir } = await import("../scripts/local-db");
  if (stateDir === ".wrangler/state") throw new Error("The benchmarks never use the developer's own data");

  rmSync(stateDir, { recursive: true, force: true });
  if (options.build) buildApp();
  migrate();
  await seedIfEmpty();

  return startWranglerDev(stateDir);
}

/**
 * `wrangler dev` on a free loopback port over `stateDir` (the last build), ready once
 * /api/v1/health answers; `stop()` ends it. `logFile` keeps its stderr (the app's error log).
 */
export async function startWranglerDev(stateDir: string, options: { logFile?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    "wrangler",
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      stateDir,
      "--log-level",
      "warn",
    ],
    { stdio: options.logFile ? ["ignore", "ignore", openSync(options.logFile, "w")] : "ignore" },
  );
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  };
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error("the server did not start within 60 s");
}

/** The q-quantile of ascending `sorted` values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
