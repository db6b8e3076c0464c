/**
 * `npm start` starts calmly: a few lines saying what is happening, then the banner with the URL
 * and the demo sign-ins. No migration tables, no stack traces about an unreachable
 * workers.cloudflare.com (there is no network here); COURTESY_VERBOSE=1 brings the full logs back.
 * Runs scripts/start.ts itself (the app was built by the e2e server) on a database of its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/free-port";

const STATE_DIR = ".wrangler/start-output-state";

/** Runs start.ts until its banner is complete (or it exits), then stops it; all it printed. */
async function startOutput(port: number, extraEnv: Record<string, string> = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COURTESY_STATE_DIR: STATE_DIR,
    COURTESY_SKIP_BUILD: "1",
    COURTESY_DEMO_HISTORY: "off",
    PORT: String(port),
    ...extraEnv,
  };
  delete env.CLOUDFLARE_CF_FETCH_ENABLED;
  if (!extraEnv.COURTESY_VERBOSE) delete env.COURTESY_VERBOSE;
  delete env.WRANGLER_LOG;
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], { env, detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !/admin@other\.test/.test(output) && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250));
    }
    // Anything printed just after the banner (a late warning) counts too.
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
  return output;
}

test.describe("npm start's output", () => {
  test.setTimeout(200_000);
  test.beforeEach(() => rmSync(STATE_DIR, { recursive: true, force: true }));
  test.afterEach(() => rmSync(STATE_DIR, { recursive: true, force: true }));

  test("is a few calm lines, then the banner", async () => {
    const port = await freePort();
    const output = await startOutput(port);
    const banner = output.indexOf("Courtesy is running at");
    expect(banner, output).toBeGreaterThan(-1);
    expect(output).toContain(`http://localhost:${port}`);
    expect(output).toContain("Demo sign-ins (password: courtesy-demo)");
    expect(output).toContain("manager@demo.test");

    const before = output
      .slice(0, banner)
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    expect(before.length, before.join("\n")).toBeLessThanOrEqual(5);
    expect(output).not.toMatch(/ENOTFOUND|EBADENGINE|Error|Unable to fetch|┌|│|^\s+at /m);
    expect(before).toContain("Preparing the local database…");
    expect(before).toContain("Starting the server…");
  });

  test("COURTESY_VERBOSE=1 shows the tools' own logs", async () => {
    const output = await startOutput(await freePort(), { COURTESY_VERBOSE: "1" });
    expect(output, output).toContain("Courtesy is running at");
    expect(output).toMatch(/0000_foundation\.sql/);
  });
});
