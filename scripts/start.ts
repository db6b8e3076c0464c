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

/** One line saying what start-up is doing. */
function step(text: string): void {
  console.log(text);
}

/**
 * Builds, migrates, seeds when empty, then serves on `port` until the process is stopped.
 * Resolves once the API answers (the server keeps running; its exit ends this process).
 */
export async function start(port: number): Promise<void> {
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
    { stdio: ["inherit", "pipe", "inherit"] },
  );
  server.stdout.on("data", (chunk: Buffer) => process.stdout.write(chunk));
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
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await start(Number(process.env.PORT ?? 8787));
