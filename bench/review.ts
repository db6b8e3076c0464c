/**
 * Review and trail at scale (issue 13), on a fresh local D1 (.wrangler/bench-review, migrated by
 * wrangler like production) with one organisation holding 10,000 reports waiting for review and
 * a trail of 200,000 events:
 *
 * 1. The review queue: D1 rows read per page (Σ meta.rows_read of the request's statements,
 *    the real Hono app in-process on a metered binding), first page (with the state counts)
 *    and later pages; target ≤ 2 × page size for a page.
 * 2. Claim, edit one answer, publish: D1 round trips per request (session included; ≤ 3) and
 *    rows read.
 * 3. Chain verification: events per second, reading the chain in pages of 500 and checking it
 *    with `verifyChain` (what GET /audit-log/verify does).
 *
 *   npx tsx bench/review.ts          (npm run bench runs it too; BENCH_REVIEW=0 skips it there)
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { rmSync } from "node:fs";
import type { BatchItem } from "drizzle-orm/batch";
import { getPlatformProxy } from "wrangler";
import { answers, assignments, audits, branches, memberships, regions, users } from "../schema";
import { verifyChain } from "../worker/data/audit-log";
import { unreviewedColumns } from "../worker/data/audits";
import { getDb, jsonInsertStatements } from "../worker/data/db";
import { appendEventStatementsInBulk } from "../worker/data/events";
import { createOrganizationStatements } from "../worker/data/organizations";
import { createSession } from "../worker/data/sessions";
import { listItems } from "../worker/domain/checklists";
import { scoreAudit } from "../worker/domain/scoring";
import { type ChainedEvent, type ChainHead, chainEvents, createChainVerifier } from "../worker/domain/trail";
import { STORE_VISIT_TEMPLATE } from "../worker/seed/templates";
import { type D1, meteredD1, type StatementCost } from "./metered-d1";
import { quantile } from "./server";

const STATE_DIR = ".wrangler/bench-review";
const ORG = "bench-review-org";
const WAITING = 10_000;
const EVENTS = 200_000;
const PAGE = 50;
const fmt = (n: number) => n.toLocaleString("en");

function migrate(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  const result = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

/** The organisation, 10,000 waiting reports (with answers) and a 200,000-event chain. */
async function seed(real: D1): Promise<{ reviewerCookie: string; adminCookie: string; firstAudit: string }> {
  const db = getDb(real);
  const now = Date.now();
  await db.batch([
    ...(createOrganizationStatements(db, { id: ORG, slug: "bench-review", nameEn: "Bench", nameZh: "基准" }, now) as [
      BatchItem<"sqlite">,
    ]),
    db.insert(regions).values({ id: "br-region", organizationId: ORG, code: "R", nameEn: "R", nameZh: "R" }),
    db.insert(users).values([
      { id: "br-reviewer", email: "reviewer@bench.test", displayName: "Reviewer" },
      { id: "br-admin", email: "admin@bench.test", displayName: "Admin" },
      { id: "br-shopper", email: "shopper@bench.test", displayName: "Shopper" },
    ]),
    db.insert(memberships).values([
      { id: "br-m1", userId: "br-reviewer", organizationId: ORG, role: "reviewer", acceptedAt: now },
      { id: "br-m2", userId: "br-admin", organizationId: ORG, role: "admin", acceptedAt: now },
      { id: "br-m3", userId: "br-shopper", organizationId: ORG, role: "shopper", acceptedAt: now },
    ]),
  ]);
  const version = (await real
    .prepare("select id, checklist_id from checklist_versions where organization_id = ? and document like '%store%'")
    .bind(ORG)
    .first()) as { id: string; checklist_id: string };
  const branchRows = Array.from({ length: 50 }, (_, i) => ({
    id: `br-branch-${i}`,
    organizationId: ORG,
    regionId: "br-region",
    code: `B-${i}`,
    nameEn: `Branch ${i}`,
    nameZh: `分店 ${i}`,
    channel: "store" as const,
    address: "",
    phone: "",
    timezone: "Asia/Shanghai",
    active: true,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  const answerSet = listItems(STORE_VISIT_TEMPLATE)
    .filter(({ item }) => item.kind === "yes_no")
    .map(({ item }) => ({ item: item.key, value: true }));
  const result = scoreAudit(STORE_VISIT_TEMPLATE, answerSet);
  const assignmentRows = [];
  const auditRows = [];
  const answerRows = [];
  for (let i = 0; i < WAITING; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const branchId = `br-branch-${i % 50}`;
    const at = now - (WAITING - i) * 60_000;
    assignmentRows.push({
      id,
      organizationId: ORG,
      branchId,
      checklistVersionId: version.id,
      shopperId: "br-shopper",
      windowStart: "2026-11-01",
      windowEnd: "2026-11-30",
      scenario: "",
      status: "submitted" as const,
      createdBy: "br-admin",
      createdAt: at,
      updatedAt: at,
    });
    auditRows.push({
      id,
      organizationId: ORG,
      assignmentId: id,
      branchId,
      checklistVersionId: version.id,
      shopperId: "br-shopper",
      status: "waiting" as const,
      contact: "visit" as const,
      visitStartedAt: at - 3_600_000,
      visitEndedAt: at - 1_800_000,
      visitMonth: "2026-11",
      locationLat: null,
      locationLng: null,
      locationAccuracy: null,
      locationTakenAt: null,
      staffDescription: "",
      overallComment: "",
      score: result.score,
      criticalFailed: false,
      scoreResult: result,
      late: false,
      flags: [],
      contentHash: id,
      submittedAt: at,
      publishedAt: null,
      ...unreviewedColumns(result.score),
    });
    // Answers for the first report only (the one the bench edits and publishes).
    if (i === 0)
      for (const a of answerSet)
        answerRows.push({ auditId: id, itemKey: a.item, value: a.value, na: false, comment: "" });
  }
  const write = async (statements: BatchItem<"sqlite">[]) => {
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  };
  await write([
    ...jsonInsertStatements(db, branches, branchRows),
    ...jsonInsertStatements(db, assignments, assignmentRows),
    ...jsonInsertStatements(db, audits, auditRows),
    ...jsonInsertStatements(db, answers, answerRows),
  ]);
  // The trail: 200,000 chained events, written in slices.
  let head: ChainHead | null = null;
  for (let done = 0; done < EVENTS; done += 20_000) {
    const drafts = Array.from({ length: 20_000 }, (_, i) => ({
      type: "region.changed" as const,
      subject: { type: "region", id: "br-region" },
      payload: { n: done + i, name: { from: "a", to: "b" } },
    }));
    const chained: ChainedEvent[] = await chainEvents(head, drafts, {
      organizationId: ORG,
      at: now,
      actor: { userId: "br-admin", role: "admin" },
    });
    const last = chained.at(-1);
    head = last ? { seq: last.seq, hash: last.hash } : head;
    await write(appendEventStatementsInBulk(db, chained));
  }
  const reviewer = await createSession(db, { userId: "br-reviewer", organizationId: ORG, now });
  const admin = await createSession(db, { userId: "br-admin", organizationId: ORG, now });
  return {
    reviewerCookie: `courtesy_session=${reviewer.token}`,
    adminCookie: `courtesy_session=${admin.token}`,
    firstAudit: auditRows[0]?.id ?? "",
  };
}

const ctx = { waitUntil: (_p: Promise<unknown>) => {}, passThroughOnException: () => {}, props: {} };

export async function benchReview(): Promise<void> {
  console.log(`\nReview at scale: ${fmt(WAITING)} waiting reports, ${fmt(EVENTS)} events (fresh D1 in ${STATE_DIR}) …`);
  migrate();
  const proxy = await getPlatformProxy<{ DB: D1 }>({
    configPath: "wrangler.toml",
    persist: { path: `${STATE_DIR}/v3` },
  });
  try {
    const seedStarted = performance.now();
    const { reviewerCookie, firstAudit } = await seed(proxy.env.DB);
    console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const { default: app } = await import("../worker/app");
    const receiptKey = JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));

    /** One request through the app on a metered binding: its answer, rows read and round trips. */
    const call = async (path: string, init: RequestInit = {}) => {
      const log: StatementCost[] = [];
      const trips = { count: 0 };
      const env = { DB: meteredD1(proxy.env.DB, log, trips), RECEIPT_SIGNING_KEY: receiptKey };
      const headers = new Headers(init.headers);
      headers.set("cookie", reviewerCookie);
      if (init.body) headers.set("content-type", "application/json");
      const res = await app.fetch(new Request(`http://localhost${path}`, { ...init, headers }), env, ctx);
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return { body, rowsRead: log.reduce((n, s) => n + s.rowsRead, 0), trips: trips.count, log };
    };

    // 1. The queue, page by page.
    const counts = await call(`/api/v1/review-queue?limit=1&counts=true`);
    const first = await call(`/api/v1/review-queue?limit=${PAGE}`);
    const pages: Array<{ rowsRead: number; trips: number; log: StatementCost[] }> = [];
    let cursor = first.body.nextCursor as string | null;
    for (let i = 0; i < 10 && cursor; i++) {
      const page = await call(`/api/v1/review-queue?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`);
      pages.push(page);
      cursor = page.body.nextCursor as string | null;
    }
    const later = pages.map((p) => p.rowsRead).sort((a, b) => a - b);
    if (process.env.BENCH_VERBOSE === "1") {
      for (const x of pages[0]?.log ?? [])
        console.log(`    ${x.rowsRead}\t${x.sql.replace(/\s+/g, " ").slice(0, 160)}`);
    }
    const queueStatement = (log: StatementCost[]) => log.find((x) => /from "audits"/.test(x.sql))?.rowsRead ?? 0;
    const ownRows = pages.map((p) => queueStatement(p.log)).sort((a, b) => a - b);
    console.log(
      `  queue, page of ${PAGE}: the queue statement reads ${fmt(queueStatement(first.log))} rows on the first page, median ${fmt(
        quantile(ownRows, 0.5),
      )} on the next ${pages.length} (target ≤ ${2 * PAGE}); the whole request with session and names ${fmt(first.rowsRead)} / median ${fmt(
        quantile(later, 0.5),
      )} rows, ${first.trips} round trips`,
    );
    console.log(
      `  queue counts (counts=true: waiting, overdue, claimed by me, returned): ${fmt(counts.rowsRead)} rows read (index-only counts over ${fmt(WAITING)} waiting)`,
    );

    // 2. Claim, edit, publish one report.
    const audit = `/api/v1/audits/${firstAudit}`;
    const claim = await call(`${audit}/claim`, { method: "POST", body: JSON.stringify({ version: 1 }) });
    const itemKey = listItems(STORE_VISIT_TEMPLATE).find(({ item }) => item.kind === "yes_no")?.item.key ?? "";
    const edit = await call(`${audit}/answers/${itemKey}`, {
      method: "PATCH",
      body: JSON.stringify({ value: false, comment: "Not done.", reason: "The photo shows otherwise.", version: 2 }),
    });
    const publish = await call(`${audit}/publish`, { method: "POST", body: JSON.stringify({ version: 3 }) });
    for (const [name, r] of [
      ["claim", claim],
      ["edit", edit],
      ["publish", publish],
    ] as const) {
      console.log(`  ${name}: ${r.trips} D1 round trips (target ≤ 3, session included), ${fmt(r.rowsRead)} rows read`);
    }

    // 3. Verify the chain (what GET /audit-log/verify does), timed.
    const db = getDb(proxy.env.DB);
    const runs: number[] = [];
    let verdict = createChainVerifier().verdict();
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      verdict = await verifyChain(db, ORG);
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    const median = quantile(runs, 0.5);
    console.log(
      `  chain verification: ${fmt(verdict.events)} events ok=${verdict.ok} in ${(median / 1000).toFixed(2)} s median of 3 → ${fmt(
        Math.round(verdict.events / (median / 1000)),
      )} events/s (pages of 500 from local D1 + SHA-256 per event)`,
    );
  } finally {
    await proxy.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReview();
