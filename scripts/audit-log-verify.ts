/**
 * Verifies every organisation's trail in the local database (Miniflare's SQLite, through
 * wrangler's platform proxy like scripts/local-db.ts): one line per organisation, exit code 1
 * when any chain is broken. No time limit here, unlike GET /api/v1/audit-log/verify in a Worker.
 * Usage: npm run audit-log:verify [-- <organisation id>]
 */
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { organizations } from "../schema";
import { verifyChain } from "../worker/data/audit-log";
import { getDb } from "../worker/data/db";

process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
const stateDir = process.env.COURTESY_STATE_DIR ?? ".wrangler/state";

const proxy = await getPlatformProxy<{ DB: Parameters<typeof getDb>[0] }>({
  configPath: "wrangler.toml",
  persist: { path: join(stateDir, "v3") },
});
let broken = 0;
try {
  const db = getDb(proxy.env.DB);
  const only = process.argv[2];
  const orgs = (await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).filter(
    (o) => !only || o.id === only || o.slug === only,
  );
  for (const org of orgs) {
    const verdict = await verifyChain(db, org.id);
    if (!verdict.ok) broken += 1;
    console.log(
      verdict.ok
        ? `ok      ${org.slug}: ${verdict.events} events, head seq ${verdict.head?.seq ?? 0}`
        : `BROKEN  ${org.slug}: first broken seq ${verdict.firstBrokenSeq} of ${verdict.events} events`,
    );
  }
} finally {
  await proxy.dispose();
}
process.exit(broken > 0 ? 1 : 0);
