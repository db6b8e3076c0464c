/**
 * The local database (Miniflare's SQLite under .wrangler/): migrate, seed the demo data
 * when empty, reset, or rebuild the scorecard roll-ups from raw audits.
 * Usage: tsx scripts/local-db.ts prepare|seed|reset|rollups
 *
 * COURTESY_STATE_DIR picks another state folder (the end-to-end tests use their own).
 * COURTESY_VERBOSE=1 shows wrangler's own output (migration tables and the rest); without it
 * a step prints one line, and the tool's output only when it fails.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { experimental_readRawConfig, getPlatformProxy } from "wrangler";
import { organizations } from "../schema";
import { getDb } from "../worker/data/db";
import { backfillDefaultChecklists } from "../worker/data/organizations";
import { backfillDefaultPhrases } from "../worker/data/phrases";
import { rebuildRollups } from "../worker/data/rollups";
import { DEMO, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../worker/seed/demo";
import { type RawWranglerConfig, seedRefusal } from "../worker/seed/guard";
import { seedDemoHistory } from "../worker/seed/history";

export const stateDir = process.env.COURTESY_STATE_DIR ?? ".wrangler/state";

/** Full logs from the tools (COURTESY_VERBOSE=1); otherwise one line a step. */
export const verbose = process.env.COURTESY_VERBOSE === "1";

// Miniflare fetches a `Request.cf` sample from the internet at each start and, offline, prints
// a stack trace that reads like a crash before using its built-in placeholder. Locally the
// placeholder is all the app needs, so go straight to it (and to the same in child processes).
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

/** Runs a tool; quiet unless verbose, its output shown only if it fails. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: verbose ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
  }
}

/**
 * Applies every pending drizzle-kit migration with wrangler, exactly as production does, after
 * making sure the local secrets exist (`ensureDevVars`).
 */
export function migrate(): void {
  ensureDevVars();
  run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir]);
}

/**
 * Local secrets live in `.dev.vars` (git-ignored; wrangler and the Vite plugin read it). The
 * first start generates the Ed25519 key that signs report receipts; production sets its own
 * with `wrangler secret put RECEIPT_SIGNING_KEY` (docs/TRAIL.md).
 */
export function ensureDevVars(): void {
  const path = ".dev.vars";
  const current = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (/^RECEIPT_SIGNING_KEY=/m.test(current)) return;
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const line = `RECEIPT_SIGNING_KEY='${JSON.stringify(jwk)}'\n`;
  writeFileSync(path, current && !current.endsWith("\n") ? `${current}\n${line}` : `${current}${line}`);
  console.log("Generated a receipt-signing key into .dev.vars (local only).");
}

/**
 * Stops the demo seed (demo passwords) from reaching anything but the local database: exits
 * with the reason when the command line, the environment or wrangler.toml points elsewhere.
 */
export function assertLocalSeedTarget(): void {
  const { rawConfig } = experimental_readRawConfig({ config: "wrangler.toml" });
  const refusal = seedRefusal({
    args: process.argv.slice(2),
    env: process.env,
    config: rawConfig as RawWranglerConfig,
  });
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
}

/** Runs `work` against the local D1 (Miniflare's SQLite in the state folder), then lets it go. */
async function withLocalDb<T>(
  work: (db: ReturnType<typeof getDb>, secrets: { receiptKey?: string }) => Promise<T>,
): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: Parameters<typeof getDb>[0]; RECEIPT_SIGNING_KEY?: string }>({
    configPath: "wrangler.toml",
    persist: { path: join(stateDir, "v3") },
    // Never proxy a binding to Cloudflare (a `remote = true` binding would be, by default).
    remoteBindings: false,
  });
  try {
    return await work(getDb(proxy.env.DB), { receiptKey: proxy.env.RECEIPT_SIGNING_KEY });
  } finally {
    await proxy.dispose();
  }
}

/**
 * Seeds the demo organisations, but only into a database that has no organisation yet, with a
 * year of audit history for Demo Retail (worker/seed/history.ts; COURTESY_DEMO_HISTORY=off
 * leaves it out). A database that has data only gets what newer features add to every
 * organisation (the default checklists), never anything removed or overwritten.
 */
export async function seedIfEmpty(): Promise<boolean> {
  assertLocalSeedTarget();
  return withLocalDb(async (db, secrets) => {
    if (!(await isDatabaseEmpty(db))) {
      const filled = await backfillDefaultChecklists(db, Date.now());
      if (filled > 0) console.log(`Added the default checklists to ${filled} organisation(s).`);
      const phrased = await backfillDefaultPhrases(db, Date.now());
      if (phrased > 0) console.log(`Added the default forbidden phrases to ${phrased} organisation(s).`);
      return false;
    }
    await seedDemo(db);
    if (process.env.COURTESY_DEMO_HISTORY !== "off") {
      const started = performance.now();
      const history = await seedDemoHistory(db, Date.now(), { receiptKey: secrets.receiptKey });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Seeded the demo data: ${history.audits} audits and ${history.assignments} assignments (${history.assignments - history.audits} open) in ${seconds} s.`,
      );
    } else {
      console.log("Seeded the demo data.");
    }
    return true;
  });
}

/** Drops the local D1 data (R2 and the rest stay), then migrates and seeds. */
export async function reset(): Promise<void> {
  assertLocalSeedTarget();
  rmSync(join(stateDir, "v3", "d1"), { recursive: true, force: true });
  migrate();
  await seedIfEmpty();
}

/** Recomputes every organisation's roll-ups from its published audits (docs/SCORING.md). */
export async function rebuildAllRollups(): Promise<number> {
  return withLocalDb(async (db) => {
    const orgs = await db.select({ id: organizations.id }).from(organizations);
    for (const org of orgs) await rebuildRollups(db, org.id);
    return orgs.length;
  });
}

export function printSignIns(url?: string): void {
  const lines = [
    "",
    ...(url ? [`  Courtesy is running at ${url}`, ""] : []),
    `  Demo sign-ins (password: ${DEMO_PASSWORD})`,
    ...DEMO.signIns.map((s) => `    ${s.email.padEnd(22)} ${s.role}`),
    "",
  ];
  console.log(lines.join("\n"));
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "prepare": {
      migrate();
      const seeded = await seedIfEmpty();
      if (!seeded) console.log("The local database already has data: left as it is.");
      printSignIns();
      return;
    }
    case "seed": {
      const seeded = await seedIfEmpty();
      if (!seeded) console.log("Database already has data: nothing seeded (use npm run db:reset).");
      return;
    }
    case "reset":
      await reset();
      console.log("Local database reset and seeded.");
      printSignIns();
      return;
    case "rollups": {
      const started = performance.now();
      const count = await rebuildAllRollups();
      console.log(
        `Rebuilt the roll-ups of ${count} organisation(s) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return;
    }
    default:
      console.error("Usage: tsx scripts/local-db.ts prepare|seed|reset|rollups");
      process.exitCode = 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2]);
