/**
 * Mixed load (issue 18): N concurrent clients for T seconds against `wrangler dev` on a fresh
 * database with the demo data (.wrangler/bench-load), then checks that nothing was lost,
 * doubled or miscounted.
 *
 * The clients (closed loop, no think time):
 * - shoppers (each its own shopper account, made for the run): submit a report for each of their
 *   visits (planned beforehand through the API by the admin), then RETRY it once or twice as a
 *   phone whose acknowledgement got lost would (same id, same body); a share of the retries go
 *   out at the same moment as the first send (the phone gave up waiting while it was in flight);
 * - head-office readers (admin, analyst): league, heatmap, trends and a branch scorecard;
 * - managers (branch manager, regional manager): CSV exports (audits.csv, items.csv);
 * - reviewers (reviewer, and the admin when there are 8 clients or more): claim and publish
 *   reports that arrived during the run, so the roll-ups move; two reviewers racing for the same
 *   report is a designed conflict (409), counted apart.
 *
 * Afterwards, on a copy of the database (the server stopped): every acknowledged report is
 * stored exactly once (and has one `audit.submitted` event), no report is stored that was not
 * acknowledged (one whose every send timed out is reported, not failed), every answer to the
 * same id was the same report; every roll-up table equals a rebuild from the raw audits, row for
 * row; the trail's hash chain verifies. Prints PASS / FAIL; exits non-zero on FAIL (standalone).
 *
 *   npx tsx bench/load.ts                                  (16 clients × 30 s; builds the app first)
 *   LOAD_CLIENTS=32 LOAD_SECONDS=60 npx tsx bench/load.ts
 *   LOAD_BUILD=0 npx tsx bench/load.ts                     (serve the last build in dist/)
 *   npm run bench                                          (8 clients × 5 s; BENCH_LOAD=0 skips it)
 *
 * Client and server share this machine's cores (2 here): the figures are for the pair, loopback
 * and wrangler's local proxy included — read them as a floor and as ratios, not as production.
 */
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { and, eq, getTableName, like, sql } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";
import { audits, events, memberships, organizations, users } from "../schema";
import { verifyChain } from "../worker/data/audit-log";
import { type Db, getDb } from "../worker/data/db";
import { ROLLUP_TABLES, rebuildRollups } from "../worker/data/rollups";
import { createSession } from "../worker/data/sessions";
import { type ChecklistDocument, listItems } from "../worker/domain/checklists";
import type { D1 } from "./metered-d1";
import { seededRandom } from "./random";
import { buildApp, quantile, startWranglerDev } from "./server";

const STATE_DIR = ".wrangler/bench-load";
const COPY_DIR = ".wrangler/bench-load-rebuild";
/** wrangler dev's stderr: the app logs every 5xx there with its request id and stack. */
const SERVER_LOG = ".wrangler/bench-load-server.log";
const ORG = "demo-org";
/** A request that has not answered in this long counts as timed out (its outcome unknown). */
const TIMEOUT_MS = 30_000;
const fmt = (n: number) => n.toLocaleString("en");

type Kind = "submit" | "retry" | "read" | "export" | "claim" | "publish";
const KINDS: Kind[] = ["submit", "retry", "read", "export", "claim", "publish"];

interface Sample {
  kind: Kind;
  ms: number;
  /** HTTP status, or 0 for a timeout / network error. */
  status: number;
  /** A conflict the workload provokes on purpose (two reviewers claiming the same report). */
  designed?: boolean;
  /**
   * A 503 `busy` (too many writers in one organisation; nothing saved, `Retry-After`) that the
   * client then sent again after the pause, as the phone's outbox does: backpressure, not a failure.
   * A `busy` that is the last answer a client got stays a 5xx.
   */
  retried?: boolean;
}

/** Most times a client sends a request again after a 503 `busy` (the outbox keeps trying; a client here gives up sooner). */
const BUSY_RETRIES = 3;

/** How the clients split: one reviewer (two from 8 clients), a fifth readers, an eighth exporters, the rest shoppers. */
export function clientMix(clients: number) {
  const reviewers = clients >= 8 ? 2 : 1;
  const readers = Math.max(1, Math.round(clients / 5));
  const exporters = Math.max(1, Math.round(clients / 8));
  const shoppers = Math.max(1, clients - reviewers - readers - exporters);
  return { shoppers, readers, exporters, reviewers };
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A complete report's answers, with `fails` yes/no items answered "no" (so the scores vary). */
function answersFor(doc: ChecklistDocument, rand: () => number, fails: number) {
  // Only items that take a comment when they fail (a photo would need an upload first).
  const yesNo = listItems(doc).filter(({ item }) => item.kind === "yes_no" && item.evidenceOnFail !== "photo");
  const failed = new Set<string>();
  while (failed.size < Math.min(fails, yesNo.length))
    failed.add(yesNo[Math.floor(rand() * yesNo.length)]?.item.key ?? "");
  type Answer = { item: string; value: boolean | number | string; comment?: string };
  return listItems(doc).flatMap(({ item }): Answer[] => {
    switch (item.kind) {
      case "yes_no":
        return failed.has(item.key)
          ? [{ item: item.key, value: false, comment: "Not done." }]
          : [{ item: item.key, value: true }];
      case "number":
        return [{ item: item.key, value: item.pass.min ?? item.pass.max ?? 0 }];
      case "scale":
        return [{ item: item.key, value: Math.max(1, item.max - Math.floor(rand() * 2)) }];
      case "choice": {
        const best = [...item.options].sort((a, b) => b.points - a.points)[0];
        return [{ item: item.key, value: best?.key ?? "" }];
      }
      case "text":
        return [{ item: item.key, value: "Nothing else to note." }];
      default:
        return []; // photo items take photos, never a value (none required by the store checklist)
    }
  });
}

/** The local database with the demo data (migrated by wrangler, seeded) in STATE_DIR. */
function prepareDatabase(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  rmSync(COPY_DIR, { recursive: true, force: true });
  const prepared = spawnSync("tsx", ["scripts/local-db.ts", "prepare"], {
    env: { ...process.env, COURTESY_STATE_DIR: STATE_DIR, CI: "true" },
    encoding: "utf8",
  });
  if (prepared.status !== 0) {
    process.stderr.write(`${prepared.stdout}${prepared.stderr}`);
    throw new Error(`preparing ${STATE_DIR} failed (exit ${prepared.status})`);
  }
}

async function withProxy<T>(dir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1 }>({
    configPath: "wrangler.toml",
    persist: { path: `${dir}/v3` },
    remoteBindings: false,
  });
  try {
    return await work(getDb(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

interface Cookies {
  shoppers: string[];
  readers: string[];
  exporters: string[];
  reviewers: string[];
  admin: string;
}

/**
 * The run's shopper accounts (load-shopper-NNN, members of Demo Retail) and a session for every
 * client, written straight into the database before the server starts (sign-in is PBKDF2 and
 * throttled; inviting is rate-limited: neither is what this bench measures).
 */
async function createAccounts(mix: ReturnType<typeof clientMix>): Promise<Cookies> {
  return withProxy(STATE_DIR, async (db) => {
    const now = Date.now();
    const shopperIds = Array.from({ length: mix.shoppers }, (_, i) => `load-shopper-${String(i + 1).padStart(3, "0")}`);
    for (const id of shopperIds) {
      await db.batch([
        db.insert(users).values({ id, email: `${id}@load.test`, displayName: `Load ${id.slice(-3)}`, locale: "en" }),
        db.insert(memberships).values({
          id: `${id}-membership`,
          userId: id,
          organizationId: ORG,
          role: "shopper",
          status: "active",
          acceptedAt: now,
        }),
      ]);
    }
    const cookie = async (userId: string) =>
      `courtesy_session=${(await createSession(db, { userId, organizationId: ORG, now })).token}`;
    const many = async (ids: string[], n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => cookie(ids[i % ids.length] ?? "")));
    return {
      shoppers: await Promise.all(shopperIds.map(cookie)),
      readers: await many(["demo-user-admin", "demo-user-analyst"], mix.readers),
      exporters: await many(["demo-user-manager", "demo-user-regional"], mix.exporters),
      reviewers: await many(["demo-user-reviewer", "demo-user-admin"], mix.reviewers),
      admin: await cookie("demo-user-admin"),
    };
  });
}

interface Visit {
  id: string;
  checklist: { versionId: string };
}

/** What one report id was answered, over all its sends. */
interface Submission {
  id: string;
  shopper: number;
  sends: number;
  /** Every 2xx answer's identity: id, submittedAt, score, assignment (must all be the same). */
  answers: string[];
  statuses: number[];
  acknowledged: boolean;
}

export interface LoadOptions {
  build: boolean;
  clients: number;
  seconds: number;
}

/** Runs the mixed load and its checks; true when every check passed. */
export async function benchLoad(options: LoadOptions): Promise<boolean> {
  const mix = clientMix(options.clients);
  const cores = availableParallelism();
  console.log(
    `\nMixed load: ${options.clients} clients × ${options.seconds} s (${mix.shoppers} shoppers, ${mix.readers} readers, ${mix.exporters} exporters, ${mix.reviewers} reviewers) on a fresh demo database (${STATE_DIR})`,
  );
  console.log(
    `  client and server share this machine's ${cores} cores (load generator, wrangler dev and workerd on the same CPUs; load average ${loadavg()[0]?.toFixed(1)} before the run)`,
  );
  if (options.build) buildApp();
  prepareDatabase();
  const cookies = await createAccounts(mix);
  const server = await startWranglerDev(STATE_DIR, { logFile: SERVER_LOG });
  const base = server.base;

  const samples: Sample[] = [];
  /** The first answer of each kind × non-2xx status, shown with the figures. */
  const firstBodies = new Map<string, string>();
  const once = async (
    kind: Kind,
    method: string,
    path: string,
    cookie: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; sample: Sample; retryAfter: number }> => {
    const t0 = performance.now();
    let status = 0;
    let text = "";
    let retryAfter = 1;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie,
          origin: base,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await res.text();
      status = res.status;
      retryAfter = Number(res.headers.get("retry-after") ?? 1);
    } catch {
      status = 0;
    }
    const sample: Sample = { kind, ms: performance.now() - t0, status };
    samples.push(sample);
    const key = `${kind} ${status}`;
    if ((status < 200 || status >= 300) && !firstBodies.has(key)) firstBodies.set(key, text.slice(0, 400));
    return { status, text, sample, retryAfter };
  };
  /** One request as a client sends it: after a 503 `busy` it waits `Retry-After` and sends again (BUSY_RETRIES at most). */
  const request = async (kind: Kind, method: string, path: string, cookie: string, body?: unknown) => {
    let answer = await once(kind, method, path, cookie, body);
    for (let retry = 0; retry < BUSY_RETRIES && answer.status === 503 && answer.text.includes('"busy"'); retry++) {
      answer.sample.retried = true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, answer.retryAfter) * 1000));
      answer = await once(kind, method, path, cookie, body);
    }
    return answer;
  };
  const setupJson = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie: cookies.admin, origin: base, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  let submissions: Submission[] = [];
  let elapsed = 0;
  try {
    // ---- Setup through the API, as the admin: the store checklist, the stores, the visits.
    const lists = (await setupJson("GET", "/api/v1/checklists")) as {
      items: Array<{ name: { en: string }; latestPublishedVersionId: string | null }>;
    };
    const storeVersion = lists.items.find((c) => c.name.en === "Store visit")?.latestPublishedVersionId;
    if (!storeVersion) throw new Error("no published store checklist in the demo data");
    const version = (await setupJson("GET", `/api/v1/checklist-versions/${storeVersion}`)) as {
      document: ChecklistDocument;
    };
    const branchList = (await setupJson("GET", "/api/v1/branches?limit=100")) as {
      items: Array<{ id: string; channel: string; active: boolean }>;
    };
    const stores = branchList.items.filter((b) => b.channel === "store" && b.active).map((b) => b.id);
    // Enough visits that no shopper runs dry: 2 cores reach ~1 report a second per shopper at 16 clients.
    const perShopper = Number(process.env.LOAD_VISITS_PER_SHOPPER ?? Math.ceil(options.seconds * 2.5) + 10);
    const shopperIds = Array.from({ length: mix.shoppers }, (_, i) => `load-shopper-${String(i + 1).padStart(3, "0")}`);
    const planned: Visit[][] = shopperIds.map(() => []);
    const planStarted = performance.now();
    const jobs = shopperIds.flatMap((shopperId, s) =>
      Array.from({ length: perShopper }, (_, v) => ({ shopperId, s, v })),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let job = jobs[next++]; job; job = jobs[next++]) {
          const visit = (await setupJson("POST", "/api/v1/assignments", {
            branchId: stores[(job.s * 7 + job.v) % stores.length],
            checklistVersionId: storeVersion,
            shopperId: job.shopperId,
            windowStart: isoDay(-1),
            windowEnd: isoDay(7),
            scenario: "Load benchmark visit.",
          })) as Visit;
          planned[job.s]?.push(visit);
        }
      }),
    );
    const planSeconds = (performance.now() - planStarted) / 1000;
    console.log(
      `  planned ${fmt(jobs.length)} visits through the API as the admin (${perShopper} per shopper) in ${planSeconds.toFixed(1)} s`,
    );

    // ---- The load.
    const deadline = performance.now() + options.seconds * 1000;
    const running = () => performance.now() < deadline;
    const arrived: Array<{ id: string; version: number }> = [];
    const all: Submission[] = [];
    const exhausted = { shoppers: 0 };
    const monthStart = (back: number) => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
    };
    const range = `from=${monthStart(2)}&to=${isoDay(0)}`;
    const year = `from=${monthStart(11)}&to=${isoDay(0)}`;

    const shopper = async (s: number) => {
      const rand = seededRandom(1000 + s);
      const cookie = cookies.shoppers[s] ?? "";
      for (const visit of planned[s] ?? []) {
        if (!running()) return;
        const id = crypto.randomUUID();
        const start = Date.now() - 3_600_000;
        const body = {
          assignmentId: visit.id,
          checklistVersionId: visit.checklist.versionId,
          contact: "visit",
          visitStartedAt: new Date(start).toISOString(),
          visitEndedAt: new Date(start + 20 * 60_000).toISOString(),
          staffDescription: "Young man, glasses, blue lanyard.",
          overallComment: "Load benchmark visit.",
          answers: answersFor(version.document, rand, Math.floor(rand() * 4)),
          formSeconds: 600 + Math.floor(rand() * 900),
        };
        const sub: Submission = { id, shopper: s, sends: 0, answers: [], statuses: [], acknowledged: false };
        all.push(sub);
        const send = async (kind: Kind) => {
          sub.sends++;
          const res = await request(kind, "PUT", `/api/v1/audits/${id}`, cookie, body);
          sub.statuses.push(res.status);
          if (res.status === 200 || res.status === 201) {
            const answer = JSON.parse(res.text) as {
              id: string;
              version: number;
              submittedAt: string;
              score: number | null;
              assignmentId?: string;
            };
            sub.answers.push(JSON.stringify([answer.id, answer.submittedAt, answer.score, answer.assignmentId]));
            if (!sub.acknowledged && answer.id === id) {
              sub.acknowledged = true;
              arrived.push({ id, version: answer.version });
            }
          }
        };
        const retries = rand() < 0.5 ? 1 : 2;
        // A quarter of the reports: the first retry leaves while the first send is in flight.
        if (rand() < 0.25) await Promise.all([send("submit"), send("retry")]);
        else {
          await send("submit");
          await send("retry");
        }
        if (retries === 2) await send("retry");
      }
      if (running()) exhausted.shoppers++;
    };

    const reader = async (r: number) => {
      const rand = seededRandom(2000 + r);
      const cookie = cookies.readers[r] ?? "";
      const paths = [
        () => `/api/v1/scorecards/league?${range}`,
        () => `/api/v1/scorecards/heatmap?${range}`,
        () => `/api/v1/scorecards/trends?${year}`,
        () => `/api/v1/scorecards/branches/${stores[Math.floor(rand() * stores.length)]}?${range}`,
      ];
      for (let i = r; running(); i++) await request("read", "GET", paths[i % paths.length]?.() ?? "", cookie);
    };

    const exporter = async (e: number) => {
      const cookie = cookies.exporters[e] ?? "";
      const files = [`/api/v1/exports/audits.csv?${range}`, `/api/v1/exports/items.csv?${range}`];
      for (let i = e; running(); i++) await request("export", "GET", files[i % files.length] ?? "", cookie);
    };

    const reviewer = async (r: number) => {
      const rand = seededRandom(3000 + r);
      const cookie = cookies.reviewers[r] ?? "";
      while (running()) {
        // One of the latest arrivals: the reviewers work the same end of the queue, so they collide.
        const window = Math.min(arrived.length, 6);
        const pick = window ? arrived[arrived.length - 1 - Math.floor(rand() * window)] : undefined;
        if (!pick) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        arrived.splice(arrived.indexOf(pick), 1);
        const claim = await request("claim", "POST", `/api/v1/audits/${pick.id}/claim`, cookie, {
          version: pick.version,
        });
        if (claim.status === 409) {
          claim.sample.designed = true;
          continue;
        }
        if (claim.status !== 200) continue;
        const claimed = JSON.parse(claim.text) as { version: number };
        const published = await request("publish", "POST", `/api/v1/audits/${pick.id}/publish`, cookie, {
          version: claimed.version,
        });
        if (published.status === 409) published.sample.designed = true;
      }
    };

    // The second reviewer (the admin) works from a stale queue: it claims recent arrivals at their
    // arrival version, often after the first reviewer took them (409 stale_version, by design),
    // sometimes first (then the first reviewer gets the 409, and the report stays claimed).
    const racer = async () => {
      const cookie = cookies.reviewers[1] ?? "";
      const rand = seededRandom(4000);
      const seen: Array<{ id: string; version: number }> = [];
      while (running()) {
        const latest = arrived.at(-1);
        if (latest && !seen.includes(latest)) seen.push(latest);
        const stale = seen.length && rand() < 0.3 ? seen[Math.floor(rand() * seen.length)] : undefined;
        if (stale) {
          const claim = await request("claim", "POST", `/api/v1/audits/${stale.id}/claim`, cookie, {
            version: stale.version,
          });
          if (claim.status === 409) claim.sample.designed = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: mix.shoppers }, (_, i) => shopper(i)),
      ...Array.from({ length: mix.readers }, (_, i) => reader(i)),
      ...Array.from({ length: mix.exporters }, (_, i) => exporter(i)),
      reviewer(0),
      ...(mix.reviewers > 1 ? [racer()] : []),
    ]);
    elapsed = (performance.now() - started) / 1000;
    console.log(`  load average at the end of the run: ${loadavg()[0]?.toFixed(1)} (on ${cores} cores)`);
    submissions = all;
    if (exhausted.shoppers)
      console.log(`  note: ${exhausted.shoppers} shopper(s) ran out of planned visits (LOAD_VISITS_PER_SHOPPER)`);
  } finally {
    await server.stop();
  }

  printFigures(samples, elapsed);
  for (const [key, text] of firstBodies) console.log(`    first ${key}: ${text || "(no answer)"}`);
  return checkAfterwards(samples, submissions);
}

function printFigures(samples: Sample[], elapsed: number): void {
  const ms = (values: number[], q: number) =>
    quantile(
      [...values].sort((a, b) => a - b),
      q,
    ).toFixed(1);
  console.log(
    `\n  ${fmt(samples.length)} requests in ${elapsed.toFixed(1)} s = ${(samples.length / elapsed).toFixed(0)} req/s (every request, all kinds)\n`,
  );
  console.log("  | kind | requests | req/s | p50 ms | p95 ms | p99 ms |");
  console.log("  | --- | ---: | ---: | ---: | ---: | ---: |");
  const row = (name: string, of: Sample[]) => {
    if (!of.length) return;
    const times = of.map((x) => x.ms);
    console.log(
      `  | ${name} | ${fmt(of.length)} | ${(of.length / elapsed).toFixed(1)} | ${ms(times, 0.5)} | ${ms(times, 0.95)} | ${ms(times, 0.99)} |`,
    );
  };
  for (const kind of KINDS)
    row(
      kind,
      samples.filter((x) => x.kind === kind),
    );
  row("**all**", samples);

  const byStatus = new Map<string, number>();
  for (const x of samples) {
    if (x.status >= 200 && x.status < 300) continue;
    const key = `${x.kind} ${x.status === 0 ? "timeout/network" : x.status}${x.designed ? " (designed)" : ""}${x.retried ? " (busy, sent again)" : ""}`;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  const list = [...byStatus].map(([k, n]) => `${k} ×${n}`).join(", ");
  console.log(`\n  non-2xx answers: ${list || "none"}`);
}

/** Every roll-up table's rows (all organisations), as sorted JSON lines, by table name. */
async function readAllRollups(db: Db): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const table of Object.values(ROLLUP_TABLES)) {
    const rows = await db.select().from(table);
    out.set(getTableName(table), rows.map((row) => JSON.stringify(row)).sort());
  }
  return out;
}

async function checkAfterwards(samples: Sample[], submissions: Submission[]): Promise<boolean> {
  const verdicts: Array<[boolean, string]> = [];
  const check = (ok: boolean, text: string) => verdicts.push([ok, text]);

  const fivexx = samples.filter((x) => x.status >= 500 && !x.retried).length;
  const busy = samples.filter((x) => x.retried).length;
  check(fivexx === 0, `no 5xx answer left unanswered (${fivexx}; ${busy} × 503 busy sent again after Retry-After)`);
  const unexpected = samples.filter(
    (x) => !x.designed && !x.retried && x.status !== 0 && (x.status < 200 || x.status >= 300),
  );
  check(
    unexpected.length === 0,
    `no other error than the designed conflicts (${unexpected.length} unexpected 4xx/5xx; ${samples.filter((x) => x.designed).length} designed 409s counted apart)`,
  );

  const acked = submissions.filter((s) => s.acknowledged);
  const unknown = submissions.filter((s) => !s.acknowledged && s.statuses.every((status) => status === 0));
  const refused = submissions.filter((s) => !s.acknowledged && s.statuses.some((status) => status !== 0));
  // A send that timed out or was told "busy, nothing saved" (503) got no answer to compare; every
  // other send must have been answered with the report (a 503 left after the retries fails the 5xx check above).
  const answered = (status: number) => status !== 0 && status !== 503;
  const inconsistent = acked.filter(
    (s) => new Set(s.answers).size !== 1 || s.answers.length !== s.statuses.filter(answered).length,
  );
  check(
    inconsistent.length === 0,
    `every send of an acknowledged report (${fmt(acked.reduce((n, s) => n + s.sends, 0))} sends of ${fmt(acked.length)} reports) was answered with the same report (${inconsistent.length} not)`,
  );

  rmSync(COPY_DIR, { recursive: true, force: true });
  cpSync(STATE_DIR, COPY_DIR, { recursive: true });
  await withProxy(COPY_DIR, async (db) => {
    // Stored reports of the run's shoppers, and their audit.submitted events.
    const stored = await db
      .select({ id: audits.id, assignmentId: audits.assignmentId })
      .from(audits)
      .where(like(audits.shopperId, "load-shopper-%"));
    const storedIds = new Map(stored.map((r) => [r.id, r.assignmentId]));
    const submittedEvents = await db
      .select({ id: events.subjectId, n: sql<number>`count(*)` })
      .from(events)
      .where(and(eq(events.type, "audit.submitted"), like(events.actorId, "load-shopper-%")))
      .groupBy(events.subjectId);
    const eventCount = new Map(submittedEvents.map((r) => [r.id, Number(r.n)]));

    const missing = acked.filter((s) => !storedIds.has(s.id));
    const ackedIds = new Set(acked.map((s) => s.id));
    const unknownIds = new Set(unknown.map((s) => s.id));
    const strays = stored.filter((r) => !ackedIds.has(r.id) && !unknownIds.has(r.id));
    const timedOutStored = stored.filter((r) => unknownIds.has(r.id));
    const perAssignment = new Map<string, number>();
    for (const r of stored) perAssignment.set(r.assignmentId, (perAssignment.get(r.assignmentId) ?? 0) + 1);
    const doubled = [...perAssignment.values()].filter((n) => n > 1).length;
    const wrongEvents = acked.filter((s) => eventCount.get(s.id) !== 1).length;
    check(
      missing.length === 0 && doubled === 0 && wrongEvents === 0,
      `every acknowledged report stored exactly once: ${fmt(acked.length)} acknowledged, ${fmt(stored.length)} stored, ${missing.length} missing, ${doubled} visits with two reports, ${wrongEvents} without exactly one audit.submitted event`,
    );
    check(
      strays.length === 0,
      `no report stored that was not acknowledged (${strays.length}; ${timedOutStored.length} stored whose every send timed out, of ${unknown.length} such; ${refused.length} refused, never acknowledged)`,
    );

    const published = await db
      .select({ n: sql<number>`count(*)` })
      .from(audits)
      .where(and(like(audits.shopperId, "load-shopper-%"), eq(audits.status, "published")));
    // Roll-ups as the incremental writes left them, then rebuilt from raw audits in this copy.
    const incremental = await readAllRollups(db);
    const orgs = await db.select({ id: organizations.id }).from(organizations);
    for (const org of orgs) await rebuildRollups(db, org.id);
    const rebuilt = await readAllRollups(db);
    const differences: string[] = [];
    let rows = 0;
    for (const [name, before] of incremental) {
      const after = rebuilt.get(name) ?? [];
      rows += after.length;
      const a = new Set(before);
      const b = new Set(after);
      const onlyBefore = before.filter((x) => !b.has(x)).length;
      const onlyAfter = after.filter((x) => !a.has(x)).length;
      if (onlyBefore || onlyAfter || before.length !== after.length)
        differences.push(`${name}: ${onlyBefore} rows only incremental, ${onlyAfter} only in the rebuild`);
    }
    check(
      differences.length === 0,
      `the roll-ups equal a rebuild, row for row, in all ${Object.keys(ROLLUP_TABLES).length} tables (${fmt(rows)} rows; ${fmt(Number(published[0]?.n ?? 0))} of the run's reports published)${differences.length ? `: ${differences.join("; ")}` : ""}`,
    );

    for (const org of orgs) {
      const verdict = await verifyChain(db, org.id);
      check(verdict.ok, `the trail of ${org.id} verifies (${fmt(verdict.events)} events)`);
    }
  });
  rmSync(COPY_DIR, { recursive: true, force: true });

  console.log("");
  for (const [ok, text] of verdicts) console.log(`  ${ok ? "PASS" : "FAIL"}  ${text}`);
  const passed = verdicts.every(([ok]) => ok);
  console.log(`\n  Load: ${passed ? "PASS" : "FAIL"}`);
  return passed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const passed = await benchLoad({
    build: process.env.LOAD_BUILD !== "0",
    clients: Number(process.env.LOAD_CLIENTS ?? 16),
    seconds: Number(process.env.LOAD_SECONDS ?? 30),
  });
  if (!passed) process.exitCode = 1;
}
