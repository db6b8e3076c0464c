/**
 * Scorecards at scale (issue 5, "Speed at scale"). On a large organisation in a local D1
 * (bench/scale-data.ts: 2,000 branches, 24 months, 201,600 audits, 8,064,000 answers, cached in
 * .wrangler/bench-scale) it measures, for the league table, the heatmaps, one branch scorecard,
 * the trends and the regions:
 *
 * 1. server time: median and 95th percentile of N sequential requests (after a warm-up) to
 *    `wrangler dev` on 127.0.0.1, signed in as the organisation's admin;
 * 2. D1 rows read per request: the real Hono app (worker/app.ts) is called in this Node process
 *    with a D1 binding from wrangler's platform proxy over the same database, wrapped so that
 *    every statement's `meta.rows_read` and `meta.duration` are summed (drizzle reads selects
 *    with `raw()`, which has no meta: the wrapper also runs `all()` for the meta and returns
 *    raw()'s rows unchanged);
 * 3. the same questions as naive SQL over the raw audits and answers on the same data, through
 *    the same binding (rows read and D1 server time, median of a few runs), and the ratios.
 *
 *   npx tsx bench/scorecards.ts                        (builds the app first)
 *   BENCH_SCALE_N=60 npx tsx bench/scorecards.ts       (more samples; default 30)
 *   BENCH_SCALE_REGEN=1 npx tsx bench/scorecards.ts    (regenerate the data)
 *   BENCH_SCALE_VERBOSE=1 npx tsx bench/scorecards.ts  (also print every statement's rows read and SQL)
 *   npm run bench                                      (runs this last; BENCH_SCALE=0 skips it)
 *
 * Targets: rows read per dashboard request ≤ branches × months in the range (never proportional
 * to answers); median ≤ 100 ms locally; roll-ups 20× or more ahead of naive queries. Client and
 * server share the machine's cores: the HTTP times include loopback and wrangler's proxy.
 */
import { getPlatformProxy } from "wrangler";
import { type D1, type Meta, meteredD1, type StatementCost } from "./metered-d1";
import { ensureScaleData, MANAGED_BRANCH, regionId, SCALE, SCALE_STATE_DIR } from "./scale-data";
import { buildApp, quantile, startWranglerDev } from "./server";

/** The period of the dashboards (3 months) and of the trends (12 months), inside the generated 24. */
const RANGE = { from: "2026-09-01", to: "2026-11-30", fromMonth: "2026-09", toMonth: "2026-11", months: 3 };
const YEAR = { from: "2025-12-01", to: "2026-11-30", fromMonth: "2025-12", toMonth: "2026-11", months: 12 };
/** The period before RANGE ("change since"), and RANGE with it (a branch card's trend line). */
const PREVIOUS = { fromMonth: "2026-06", toMonth: "2026-08" };
const SPAN = { fromMonth: "2026-06", toMonth: "2026-11" };
const ALL_BRANCHES = SCALE.regions * SCALE.branchesPerRegion;

type Months = { fromMonth: string; toMonth: string };

interface Case {
  name: string;
  path: string;
  /** Branches × months the view covers (of the asked range): the rows-read budget. */
  branchMonths: number;
  /** The same question over raw audits / answers: [sql, params] statements. */
  naive: Array<[string, unknown[]]>;
  naiveNote?: string;
}

const ORG = SCALE.orgId;
const inMonths = (r: Months) => [ORG, r.fromMonth, r.toMonth];
const FROM_AUDITS = `from audits a join branches b on b.id = a.branch_id
  where a.organization_id = ? and a.status = 'published' and a.visit_month between ? and ?`;

/** Per-item pass / fail / N/A counts from raw answers, grouped by `group` (a column list, may be empty). */
function answersBy(range: Months, group: string, where = "", extra: unknown[] = []): [string, unknown[]] {
  const groupBy = group ? `${group}, ` : "";
  return [
    `select ${groupBy}n.item_key, sum(n.na = 0 and n.value = 'true') as passes,
       sum(n.na = 0 and n.value = 'false') as fails, sum(n.na) as nas
     from audits a join answers n on n.audit_id = a.id join branches b on b.id = a.branch_id
     where a.organization_id = ? and a.status = 'published' and a.visit_month between ? and ? ${where}
     group by ${groupBy}n.item_key`,
    [...inMonths(range), ...extra],
  ];
}

/** Score statistics from raw audits (the score is stored per audit, so no answers are needed). */
function auditsBy(range: Months, group: string, where = "", extra: unknown[] = []): [string, unknown[]] {
  return [
    `select ${group ? `${group}, ` : ""}count(*) as n, count(a.score) as scored, avg(a.score) as mean,
       sum(a.score * a.score) as squares, sum(a.critical_failed) as critical
     ${FROM_AUDITS} ${where} ${group ? `group by ${group}` : ""}`,
    [...inMonths(range), ...extra],
  ];
}

/** Section means from the audits' stored results. */
function sectionsOf(range: Months, where = "", extra: unknown[] = []): [string, unknown[]] {
  return [
    `select s.value ->> '$.key' as section, count(*) as n, avg(s.value ->> '$.ratio') as mean
     from audits a join branches b on b.id = a.branch_id, json_each(a.score_result, '$.sections') s
     where a.organization_id = ? and a.status = 'published' and a.visit_month between ? and ? ${where}
       and s.value ->> '$.ratio' is not null
     group by 1`,
    [...inMonths(range), ...extra],
  ];
}

const branchNames: [string, unknown[]] = [
  "select id, code, name_en, name_zh, region_id from branches where organization_id = ? order by code",
  [ORG],
];

function cases(): Case[] {
  const q = (r: typeof RANGE) => `from=${r.from}&to=${r.to}`;
  const region = regionId(0);
  const one = MANAGED_BRANCH;
  return [
    {
      name: "league (all branches)",
      path: `/api/v1/scorecards/league?${q(RANGE)}`,
      branchMonths: ALL_BRANCHES * RANGE.months,
      naive: [auditsBy(RANGE, "a.branch_id"), auditsBy(PREVIOUS, "a.branch_id"), auditsBy(RANGE, ""), branchNames],
      naiveNote: "reads audits, not answers (the score is stored per audit)",
    },
    {
      name: "heatmap by region",
      path: `/api/v1/scorecards/heatmap?${q(RANGE)}`,
      branchMonths: ALL_BRANCHES * RANGE.months,
      naive: [answersBy(RANGE, "b.region_id"), answersBy(RANGE, "")],
    },
    {
      name: `heatmap by branch (1 region, ${SCALE.branchesPerRegion} branches)`,
      path: `/api/v1/scorecards/heatmap?by=branch&regionId=${region}&${q(RANGE)}`,
      branchMonths: SCALE.branchesPerRegion * RANGE.months,
      naive: [answersBy(RANGE, "a.branch_id", "and b.region_id = ?", [region]), answersBy(RANGE, "")],
      naiveNote: "the organisation column (all answers) is most of it",
    },
    {
      name: "branch scorecard (1 branch)",
      path: `/api/v1/scorecards/branches/${one}?${q(RANGE)}`,
      branchMonths: 1 * RANGE.months,
      naive: [
        auditsBy(SPAN, "a.visit_month", "and a.branch_id = ?", [one]),
        auditsBy(SPAN, "a.visit_month"),
        answersBy(RANGE, "", "and a.branch_id = ?", [one]),
        answersBy(RANGE, ""),
        sectionsOf(RANGE, "and a.branch_id = ?", [one]),
        sectionsOf(RANGE),
        [
          `select id, score from audits where organization_id = ? and branch_id = ? and status = 'published'
             and visit_month <= ? order by visit_started_at desc limit 1`,
          [ORG, one, RANGE.toMonth],
        ],
      ],
      naiveNote: "the organisation's item and section comparison comes from all answers / audits",
    },
    {
      name: "trends (12 months)",
      path: `/api/v1/scorecards/trends?${q(YEAR)}`,
      branchMonths: ALL_BRANCHES * YEAR.months,
      naive: [
        auditsBy(YEAR, "a.visit_month"),
        auditsBy(YEAR, "b.region_id, a.visit_month"),
        answersBy(YEAR, "a.visit_month"),
      ],
    },
    {
      name: "regions",
      path: `/api/v1/scorecards/regions?${q(RANGE)}`,
      branchMonths: ALL_BRANCHES * RANGE.months,
      naive: [auditsBy(RANGE, "b.region_id"), auditsBy(PREVIOUS, "b.region_id"), auditsBy(RANGE, "")],
      naiveNote: "reads audits, not answers",
    },
  ];
}

const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

// ---------------------------------------------------------------- server time over HTTP

async function signIn(fetcher: (req: Request) => Promise<Response>, origin: string): Promise<string> {
  const res = await fetcher(
    new Request(`${origin}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email: SCALE.adminEmail, password: SCALE.password }),
    }),
  );
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return cookie;
}

interface Timing {
  p50: number;
  p95: number;
  bytes: number;
}

async function timeOverHttp(base: string, cookie: string, path: string, n: number): Promise<Timing> {
  const get = async () => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${new TextDecoder().decode(body).slice(0, 400)}`);
    return body.byteLength;
  };
  for (let i = 0; i < 5; i++) await get(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    bytes = await get();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), bytes };
}

// ---------------------------------------------------------------- rows read, through a metered binding

interface Metered {
  rowsRead: number;
  /** Median over runs of Σ meta.duration of the request's statements. */
  sqlMs: number;
  statements: number;
  top: StatementCost;
}

const ctx = { waitUntil: (_p: Promise<unknown>) => {}, passThroughOnException: () => {}, props: {} };

async function meterRequests(list: Case[], runs: number, real: D1, env: Record<string, unknown>): Promise<Metered[]> {
  const log: StatementCost[] = [];
  const db = meteredD1(real, log);
  const { default: app } = await import("../worker/app");
  const fetcher = async (req: Request) => app.fetch(req, { ...env, DB: db }, ctx);
  const origin = "http://127.0.0.1";
  const cookie = await signIn(fetcher, origin);
  const out: Metered[] = [];
  for (const c of list) {
    const durations: number[] = [];
    let last: StatementCost[] = [];
    for (let i = 0; i < runs + 1; i++) {
      log.length = 0;
      const res = await fetcher(new Request(`${origin}${c.path}`, { headers: { cookie } }));
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${c.path} (in-process): HTTP ${res.status} ${text.slice(0, 400)}`);
      if (i > 0) durations.push(log.reduce((s, x) => s + x.duration, 0)); // first run: warm-up
      last = [...log];
    }
    if (process.env.BENCH_SCALE_VERBOSE === "1") {
      console.log(`  ${c.name}: every statement (rows read, ms)`);
      for (const x of last) console.log(`    ${x.rowsRead}\t${x.duration}\t${x.sql.replace(/\s+/g, " ")}`);
    }
    const top = last.reduce((a, b) => (b.rowsRead > a.rowsRead ? b : a), last[0] as StatementCost);
    out.push({
      rowsRead: last.reduce((s, x) => s + x.rowsRead, 0),
      sqlMs: median(durations),
      statements: last.length,
      top,
    });
  }
  return out;
}

async function runNaive(c: Case, runs: number, db: D1): Promise<{ rowsRead: number; sqlMs: number }> {
  const once = async () => {
    let rowsRead = 0;
    let ms = 0;
    for (const [sql, params] of c.naive) {
      const result = await db
        .prepare(sql)
        .bind(...params)
        .all();
      rowsRead += (result.meta as Meta).rows_read ?? 0;
      ms += (result.meta as Meta).duration ?? 0;
    }
    return { rowsRead, ms };
  };
  await once(); // warm-up (page cache)
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return { rowsRead: results[0]?.rowsRead ?? 0, sqlMs: median(results.map((r) => r.ms)) };
}

// ---------------------------------------------------------------- the benchmark

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : "∞");

/**
 * Generates (or reuses) the large organisation and prints the scorecard table. `build: false`
 * serves the last `vite build` (bench/run.ts builds once); `n` sequential requests per row.
 */
export async function benchScorecards(options: { build?: boolean; n?: number; runs?: number } = {}): Promise<void> {
  if (process.env.BENCH_SCALE === "0") {
    console.log("\nScorecards at scale: skipped (BENCH_SCALE=0).");
    return;
  }
  const n = options.n ?? Number(process.env.BENCH_SCALE_N ?? 30);
  const runs = options.runs ?? 5;
  console.log(`\nScorecards at scale (bench/scorecards.ts)`);
  const data = await ensureScaleData();
  if (options.build ?? true) buildApp();
  const list = cases();

  // 1. Server time over HTTP.
  console.log(`Timing ${list.length} requests × ${n} against wrangler dev …`);
  const server = await startWranglerDev(SCALE_STATE_DIR);
  const timings: Timing[] = [];
  try {
    const cookie = await signIn((req) => fetch(req), server.base);
    const probe = await fetch(`${server.base}${list[0]?.path}`, { headers: { cookie } });
    await probe.arrayBuffer();
    if (probe.status === 404) {
      console.log("The scorecard endpoints are not in worker/app.ts yet (404): nothing to measure.");
      return;
    }
    for (const c of list) {
      timings.push(await timeOverHttp(server.base, cookie, c.path, n));
      console.log(`  ${c.name}: p50 ${timings.at(-1)?.p50.toFixed(1)} ms`);
    }
  } finally {
    await server.stop();
  }

  // 2 and 3. Rows read of the app's statements, then the naive queries, on the same database.
  console.log("Metering D1 rows read (app in-process) and running the naive queries …");
  const proxy = await getPlatformProxy<{ DB: D1; EVIDENCE: unknown }>({
    configPath: "wrangler.toml",
    persist: { path: `${SCALE_STATE_DIR}/v3` },
  });
  let metered: Metered[];
  const naive: Array<{ rowsRead: number; sqlMs: number }> = [];
  try {
    metered = await meterRequests(list, runs, proxy.env.DB, { EVIDENCE: proxy.env.EVIDENCE });
    for (const c of list) {
      naive.push(await runNaive(c, runs, proxy.env.DB));
      console.log(`  naive ${c.name}: ${naive.at(-1)?.sqlMs} ms`);
    }
  } finally {
    await proxy.dispose();
  }

  const size = `${(data.bytes / 2 ** 30).toFixed(2)} GiB`;
  const generated = data.generatedSeconds === null ? "cached" : `generated in ${data.generatedSeconds.toFixed(0)} s`;
  console.log(
    `\nScorecards at scale: ${fmt(ALL_BRANCHES)} branches in ${SCALE.regions} regions, ${SCALE.months.length} months, ` +
      `${fmt(data.audits)} audits, ${fmt(data.answers)} answers (D1 file ${size}, ${generated}).`,
  );
  console.log(
    `Range ${RANGE.from} .. ${RANGE.to} (${RANGE.months} months; trends ${YEAR.months}). HTTP: ${n} sequential requests ` +
      `after 5 warm-ups, wrangler dev on loopback. Rows read and SQL ms: Σ D1 meta over the request's statements ` +
      `(SQL ms: median of ${runs}); naive: the same question over raw audits/answers, median of ${runs}.\n`,
  );
  console.log(
    "| request | p50 ms | p95 ms | rows read | rows / (branches × months) | roll-up SQL ms | naive rows | naive SQL ms | rows ratio | SQL time ratio |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  list.forEach((c, i) => {
    const t = timings[i] as Timing;
    const m = metered[i] as Metered;
    const v = naive[i] as { rowsRead: number; sqlMs: number };
    console.log(
      `| ${c.name} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${fmt(m.rowsRead)} | ${(m.rowsRead / c.branchMonths).toFixed(2)} ` +
        `(${fmt(c.branchMonths)}) | ${m.sqlMs} | ${fmt(v.rowsRead)} | ${v.sqlMs} | ${times(v.rowsRead, m.rowsRead)} | ${times(v.sqlMs, m.sqlMs)} |`,
    );
  });
  console.log("\nTargets: rows / (branches × months) ≤ 1, p50 ≤ 100 ms, ratios ≥ 20×.");
  list.forEach((c, i) => {
    const m = metered[i] as Metered;
    const t = timings[i] as Timing;
    const flags = [
      m.rowsRead > c.branchMonths ? "rows read over budget" : "",
      t.p50 > 100 ? "p50 over 100 ms" : "",
    ].filter(Boolean);
    const note = c.naiveNote ? ` Naive: ${c.naiveNote}.` : "";
    console.log(
      `- ${c.name}: ${m.statements} statements, response ${fmt(t.bytes)} bytes; most rows: ${fmt(m.top.rowsRead)} (${m.top.duration} ms) ` +
        `\`${m.top.sql.replace(/\s+/g, " ").slice(0, 300)}\`${flags.length ? ` — ${flags.join(", ")}` : ""}.${note}`,
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchScorecards({ build: process.env.BENCH_SCALE_BUILD !== "0" });
  // wrangler's proxy can leave handles open.
  process.exit(0);
}
