/**
 * Bulk import at scale (issue 15): 10,000 branches from one CSV file, on a fresh local D1
 * (.wrangler/bench-imports, migrated by wrangler like production), through the real Hono app
 * in-process on a metered binding (bench/metered-d1.ts):
 *
 * 1. dry run of the file (nothing written): wall time, D1 round trips, rows read;
 * 2. commit: wall time, round trips (one batch per chunk of 500 rows, plus the import row and
 *    the summary), rows written (D1's `rows_written`: table rows and index entries), and events;
 * 3. the same file again: dry run says 10,000 unchanged, the commit writes only the import's
 *    own row and its `import.committed` event.
 *
 *   npx tsx bench/imports.ts          (npm run bench runs it too; BENCH_IMPORTS=0 skips it there)
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { rmSync } from "node:fs";
import type { BatchItem } from "drizzle-orm/batch";
import { getPlatformProxy } from "wrangler";
import { memberships, regions, users } from "../schema";
import { getDb } from "../worker/data/db";
import { createOrganizationStatements } from "../worker/data/organizations";
import { createSession } from "../worker/data/sessions";
import { type D1, meteredD1, type StatementCost } from "./metered-d1";

const STATE_DIR = ".wrangler/bench-imports";
const ORG = "bench-imports-org";
const ROWS = 10_000;
const fmt = (n: number) => n.toLocaleString("en");

function migrate(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  const result = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

async function seed(real: D1): Promise<string> {
  const db = getDb(real);
  const now = Date.now();
  await db.batch([
    ...(createOrganizationStatements(db, { id: ORG, slug: "bench-imports", nameEn: "Bench", nameZh: "基准" }, now) as [
      BatchItem<"sqlite">,
    ]),
    db.insert(regions).values(
      ["NORTH", "EAST", "SOUTH", "WEST"].map((code) => ({
        id: `bi-${code}`,
        organizationId: ORG,
        code,
        nameEn: code,
        nameZh: code,
      })),
    ),
    db.insert(users).values({ id: "bi-admin", email: "admin@bench-imports.test", displayName: "Admin" }),
    db
      .insert(memberships)
      .values({ id: "bi-m1", userId: "bi-admin", organizationId: ORG, role: "admin", acceptedAt: now }),
  ]);
  const session = await createSession(db, { userId: "bi-admin", organizationId: ORG, now });
  return `courtesy_session=${session.token}`;
}

/** 10,000 branches with every column, Chinese names, leading zeros in codes. */
function file(): string {
  const header = "code,name_en,name_zh,region,channel,address,phone,timezone,latitude,longitude,opening_hours";
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const region = ["NORTH", "EAST", "SOUTH", "WEST"][i % 4];
    return `${String(i).padStart(6, "0")},Branch ${i},第${i}分店,${region},store,"${i} Nanjing Road, Shanghai",+86 21 ${String(i).padStart(8, "0")},Asia/Shanghai,31.23,121.47,mon-fri 09:00-21:00; sat-sun 10:00-22:00`;
  });
  return `\uFEFF${[header, ...rows].join("\r\n")}\r\n`;
}

const ctx = { waitUntil: (_p: Promise<unknown>) => {}, passThroughOnException: () => {}, props: {} };

export async function benchImports(): Promise<void> {
  console.log(`\nImport ${fmt(ROWS)} branches from one CSV (fresh D1 in ${STATE_DIR}) …`);
  migrate();
  const proxy = await getPlatformProxy<{ DB: D1 }>({
    configPath: "wrangler.toml",
    persist: { path: `${STATE_DIR}/v3` },
  });
  try {
    const cookie = await seed(proxy.env.DB);
    const { default: app } = await import("../worker/app");
    const receiptKey = JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));
    const csv = file();
    console.log(`  file: ${fmt(Buffer.byteLength(csv))} bytes`);

    const call = async (dryRun: boolean) => {
      const log: StatementCost[] = [];
      const trips = { count: 0 };
      const env = { DB: meteredD1(proxy.env.DB, log, trips), RECEIPT_SIGNING_KEY: receiptKey };
      const started = performance.now();
      const res = await app.fetch(
        new Request(`http://localhost/api/v1/imports/branches?dryRun=${dryRun}&id=${crypto.randomUUID()}`, {
          method: "POST",
          headers: { cookie, "content-type": "text/csv" },
          body: csv,
        }),
        env,
        ctx,
      );
      const body = (await res.json()) as Record<string, unknown>;
      const ms = performance.now() - started;
      if (!res.ok) throw new Error(`HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      return {
        body,
        ms,
        trips: trips.count,
        statements: log.length,
        rowsRead: log.reduce((n, s) => n + s.rowsRead, 0),
        rowsWritten: log.reduce((n, s) => n + s.rowsWritten, 0),
        sqlMs: log.reduce((n, s) => n + s.duration, 0),
      };
    };
    const line = (name: string, r: Awaited<ReturnType<typeof call>>, extra = "") =>
      console.log(
        `  ${name}: ${fmt(Math.round(r.ms))} ms wall, ${r.trips} D1 round trips (${r.statements} statements, ${fmt(Math.round(r.sqlMs))} ms in SQL), ${fmt(r.rowsRead)} rows read, ${fmt(r.rowsWritten)} rows written${extra}`,
      );

    const dry = await call(true);
    const totals = (dry.body.report as { totals: Record<string, number> }).totals;
    line("dry run", dry, ` → ${JSON.stringify(totals)}`);
    const commit = await call(false);
    const events = await proxy.env.DB.prepare("select count(*) as n from events where organization_id = ?")
      .bind(ORG)
      .first<{ n: number }>();
    line(
      "commit ",
      commit,
      ` → ${JSON.stringify((commit.body.import as { summary: unknown }).summary)}; ${fmt(events?.n ?? 0)} events in the trail`,
    );
    const again = await call(true);
    line("same file again, dry run", again, ` → ${JSON.stringify((again.body.report as { totals: unknown }).totals)}`);
    const recommit = await call(false);
    line("same file again, commit", recommit);
  } finally {
    await proxy.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImports();
