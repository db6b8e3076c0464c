/**
 * Benchmarks. First the scoring engine, the round scheduler and the shopper-quality pieces
 * (bench/scoring.ts, bench/rounds.ts, bench/quality.ts: pure CPU, no server); then the API
 * on loopback: builds the app, starts `wrangler dev` on its own state folder with the demo
 * data (bench/server.ts), and measures request latency for the hot paths of the foundation;
 * then the shopper's first download (bench/bundle-size.ts) and the shopper's form on a phone at
 * 4× CPU (bench/form-open.ts), against the same server: its warm open (HTTP cache and service
 * worker) and cold open (fresh context, slow 4G) against the 500 / 800 ms targets, and
 * input-to-paint while typing and tapping (Event Timing, p95 target 50 ms), and the same 40 items
 * in SurveyJS side by side with the harness's floor, the same first section as static HTML
 * (bench/surveyjs-bench.ts: medians, bytes, ratios; repeated in the closing summary); then
 * the review queue and the trail at 10,000 waiting reports / 200,000 events (bench/review.ts);
 * importing 10,000 branches from one CSV file (bench/imports.ts),
 * then an audit round of 2,000 branches × 2 visits previewed, committed, covered and cancelled
 * through the API (bench/rounds-api.ts); then a short mixed load (bench/load.ts: 8 clients × 5 s
 * of submissions with retries, scorecard reads, exports and reviews, then its exactly-once,
 * roll-up and trail checks; LOAD_CLIENTS / LOAD_SECONDS change it; a FAIL makes the run exit 1).
 *
 *   npm run bench            (BENCH_N=400 npm run bench for more samples)
 *   FORM_OPEN_TRACE=1 npx tsx bench/form-open.ts   (the waterfall of one warm form open, alone)
 *
 * Client and server share this machine's cores, so read ratios and medians, not absolutes.
 * Every loop is bounded in count; the server is stopped at the end.
 */
import { benchBundleSize } from "./bundle-size";
import { benchFormOpen } from "./form-open";
import { benchImports } from "./imports";
import { benchLoad } from "./load";
import { benchQuality } from "./quality";
import { benchReview } from "./review";
import { benchRounds } from "./rounds";
import { benchRoundsApi } from "./rounds-api";
import { benchScaleSim } from "./scale-sim";
import { benchScorecards } from "./scorecards";
import { benchScoring } from "./scoring";
import { quantile, startBenchServer } from "./server";
import { benchSurveyJsSideBySide } from "./surveyjs-bench";

await benchScoring();
await benchRounds();
await benchQuality();
// Where D1's 10 GB and R2 growth are hit: 100 organisations, 5 years (pure arithmetic, docs/SCALING.md).
benchScaleSim();

const N = Number(process.env.BENCH_N ?? 200);

async function measure(name: string, n: number, request: () => Promise<Response>) {
  for (let i = 0; i < Math.min(20, n); i++) await (await request()).arrayBuffer(); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await request();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    times.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  return { name, n, p50: quantile(times, 0.5), p95: quantile(times, 0.95), rps: (n / elapsed) * 1000 };
}

/** Printed again at the very end, where a long run leaves it in view. */
const summary: string[] = [];

const server = await startBenchServer({ build: true });
const base = server.base;
try {
  const login = () =>
    fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@demo.test", password: "courtesy-demo" }),
    });
  const cookie = (await login()).headers.get("set-cookie")?.split(";")[0] ?? "";
  const get = (path: string) => () => fetch(`${base}${path}`, { headers: { cookie } });
  const anonymous = (path: string) => () => fetch(`${base}${path}`);

  const results = [
    await measure("GET /api/v1/health (no cookie, no D1)", N, anonymous("/api/v1/health")),
    await measure("GET /api/v1/me (session: 1 D1 batch + memberships)", N, get("/api/v1/me")),
    await measure("GET /api/v1/branches?limit=50", N, get("/api/v1/branches?limit=50")),
    await measure("GET /api/v1/users", N, get("/api/v1/users")),
    await measure("POST /api/v1/auth/login (PBKDF2 100k)", Math.min(N, 60), login),
  ];
  const health = results[0]?.p50 ?? 1;
  console.log(`\nCourtesy API on loopback, ${N} sequential requests per row (login: ${Math.min(N, 60)})\n`);
  console.log("| request | p50 ms | p95 ms | req/s | p50 vs health |\n| --- | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.rps.toFixed(0)} | ${(r.p50 / health).toFixed(1)}× |`,
    );
  }

  const bytes = [await benchBundleSize("dist/client", "en"), await benchBundleSize("dist/client", "zh")];
  // Warm (15 opens), cold (5 opens on slow 4G, 5 more with DevTools multipliers) and input-to-paint (71 interactions); FORM_OPEN_MODES picks some.
  const formOpen = await benchFormOpen({ base });
  // The same 40 items in SurveyJS, and the floor (static HTML), measured the same way; medians, first downloads, ratios.
  const sideBySide = await benchSurveyJsSideBySide({ courtesy: formOpen, courtesyBytes: bytes, base });
  summary.push(`Form open side by side (warm, 4× CPU): ${sideBySide.summary}.`);
} finally {
  await server.stop();
}

// Review queue, review actions and chain verification at scale (its own database). BENCH_REVIEW=0 skips it.
if (process.env.BENCH_REVIEW !== "0") await benchReview();
// A round of 2,000 branches × 2 visits committed through the API (its own database). BENCH_ROUNDS_API=0 skips it.
if (process.env.BENCH_ROUNDS_API !== "0") await benchRoundsApi();

// Bulk import of 10,000 branches: dry run, commit, the same file again (its own database). BENCH_IMPORTS=0 skips it.
if (process.env.BENCH_IMPORTS !== "0") await benchImports();

// Mixed load with retries, then exactly-once / roll-up / trail checks (its own database). BENCH_LOAD=0 skips it.
if (process.env.BENCH_LOAD !== "0") {
  const passed = await benchLoad({
    build: false,
    clients: Number(process.env.LOAD_CLIENTS ?? 8),
    seconds: Number(process.env.LOAD_SECONDS ?? 5),
  });
  if (!passed) process.exitCode = 1;
}

// Scorecards on a large organisation (its own database and server; minutes the first time). BENCH_SCALE=0 skips it.
await benchScorecards({ build: false });

if (summary.length) console.log(`\nSummary\n${summary.map((line) => `- ${line}`).join("\n")}`);
