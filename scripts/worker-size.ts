/**
 * The production Worker's size against the Workers upload limit (gzip): 3 MB on the free plan,
 * 10 MB on the paid plan. Reads the bundle `wrangler deploy --dry-run --outdir DIR` wrote, gzips
 * every module in it (what Cloudflare measures), prints the total and fails above the paid limit.
 * Usage: tsx scripts/worker-size.ts DIR
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const FREE_LIMIT = 3 * 1024 * 1024;
export const PAID_LIMIT = 10 * 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    // Source maps and wrangler's README are not uploaded as modules.
    return name.endsWith(".map") || name === "README.md" ? [] : [path];
  });
}

const dir = process.argv[2];
if (!dir) {
  console.error("Usage: tsx scripts/worker-size.ts DIR (the --outdir of wrangler deploy --dry-run)");
  process.exit(2);
}
let raw = 0;
let gzip = 0;
for (const path of files(dir)) {
  const bytes = readFileSync(path);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const share = (limit: number) => `${((gzip / limit) * 100).toFixed(1)} %`;
console.log(
  `Worker bundle: ${kib(raw)} raw, ${kib(gzip)} gzip — ${share(FREE_LIMIT)} of the free plan's 3 MB, ${share(PAID_LIMIT)} of the paid plan's 10 MB`,
);
if (raw === 0) {
  console.error(`No Worker bundle in ${dir}`);
  process.exit(1);
}
if (gzip > PAID_LIMIT) {
  console.error("The Worker is above the Workers paid plan's 10 MB (gzip): it cannot be deployed.");
  process.exit(1);
}
if (gzip > FREE_LIMIT) console.log("Note: above the free plan's 3 MB; deploys need the paid plan.");
