/**
 * Audit rounds through the API at scale (issue 15, "Measure"), on a fresh local D1
 * (.wrangler/bench-rounds, migrated by wrangler like production) with the real Hono app
 * in-process on a metered binding: 2,000 stores × 2 visits, 300 shoppers (with coverage
 * profiles) and the last three months of bench/rounds.ts's history as published reports
 * (≈ 12,000, each with its assignment: what the rotation lockout reads).
 *
 * For preview, commit, a repeated commit, coverage (JSON and CSV) and cancel: wall time, D1
 * round trips, statements and the most parameters bound to one statement.
 *
 *   npx tsx bench/rounds-api.ts          (npm run bench runs it too; BENCH_ROUNDS_API=0 skips it there)
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { rmSync } from "node:fs";
import type { BatchItem } from "drizzle-orm/batch";
import { getPlatformProxy } from "wrangler";
import { assignments, audits, branches, memberships, regions, shopperProfiles, users } from "../schema";
import { unreviewedColumns } from "../worker/data/audits";
import { getDb, jsonInsertStatements } from "../worker/data/db";
import { createOrganizationStatements } from "../worker/data/organizations";
import { createSession } from "../worker/data/sessions";
import { listItems } from "../worker/domain/checklists";
import { dayNumber } from "../worker/domain/rounds";
import { scoreAudit } from "../worker/domain/scoring";
import { STORE_VISIT_TEMPLATE } from "../worker/seed/templates";
import { type D1, meteredD1, type StatementCost } from "./metered-d1";
import { benchRoundData } from "./rounds";
import { quantile } from "./server";

const STATE_DIR = ".wrangler/bench-rounds";
const ORG = "bench-rounds-org";
const fmt = (n: number) => n.toLocaleString("en");

function migrate(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  const result = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

/** The organisation, its regions, 2,000 stores, 300 shoppers with profiles and their recent reports. */
async function seed(real: D1): Promise<{ adminCookie: string; checklistId: string; reports: number }> {
  const db = getDb(real);
  const now = Date.now();
  const data = benchRoundData();
  const write = async (statements: BatchItem<"sqlite">[]) => {
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  };
  const regionIds = [...new Set(data.branches.map((b) => b.regionId))].sort();
  await write([
    ...createOrganizationStatements(db, { id: ORG, slug: "bench-rounds", nameEn: "Bench", nameZh: "基准" }, now),
    db
      .insert(regions)
      .values(regionIds.map((id) => ({ id, organizationId: ORG, code: id.toUpperCase(), nameEn: id, nameZh: id }))),
    db.insert(users).values({ id: "bench-admin", email: "admin@rounds.bench", displayName: "Admin" }),
    db
      .insert(memberships)
      .values({ id: "bench-admin-m", userId: "bench-admin", organizationId: ORG, role: "admin", acceptedAt: now }),
  ]);
  const version = (await real
    .prepare(
      "select v.id, v.checklist_id from checklist_versions v join checklists c on c.id = v.checklist_id where v.organization_id = ? and c.channel = 'store'",
    )
    .bind(ORG)
    .first()) as { id: string; checklist_id: string };

  // Every branch a store here: the round's checklist is the store visit, so all 2,000 are targeted.
  const branchRows = data.branches.map((b, i) => ({
    id: b.id,
    organizationId: ORG,
    regionId: b.regionId,
    code: `B-${String(i).padStart(5, "0")}`,
    nameEn: `Branch ${i}`,
    nameZh: `分店 ${i}`,
    channel: "store" as const,
    address: "",
    phone: "",
    timezone: "Asia/Shanghai",
    city: "",
    latitude: null,
    longitude: null,
    openingHours: (b.openingHours ?? null) as Record<string, [string, string][]> | null,
    active: true,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  const userRows = data.shoppers.map((s) => ({
    id: s.id,
    email: `${s.id}@rounds.bench`,
    displayName: s.id,
    locale: "en" as const,
    passwordHash: null,
    createdAt: now,
    updatedAt: now,
  }));
  const membershipRows = data.shoppers.map((s) => ({
    id: `${s.id}-m`,
    userId: s.id,
    organizationId: ORG,
    role: "shopper" as const,
    status: s.active ? ("active" as const) : ("deactivated" as const),
    displayLabel: null,
    acceptedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  const profileRows = data.shoppers.map((s) => ({
    membershipId: `${s.id}-m`,
    organizationId: ORG,
    channels: [...s.channels],
    regionIds: [...s.regionIds],
    cities: [],
    excludedBranchIds: [...(s.excludedBranchIds ?? [])],
    rating: s.rating ?? null,
    updatedAt: now,
    version: 1,
  }));
  // The lockout reads the 90 days before the period: seed those reports (a published report per past visit).
  const since = dayNumber(data.round.from) - 92;
  const recent = data.history.filter((p) => dayNumber(p.date) >= since);
  const result = scoreAudit(
    STORE_VISIT_TEMPLATE,
    listItems(STORE_VISIT_TEMPLATE)
      .filter(({ item }) => item.kind === "yes_no")
      .map(({ item }) => ({ item: item.key, value: true })),
  );
  const assignmentRows = recent.map((p, i) => ({
    id: `bench-past-${i}`,
    organizationId: ORG,
    branchId: p.branchId,
    checklistVersionId: version.id,
    shopperId: p.shopperId,
    windowStart: p.date,
    windowEnd: p.date,
    scenario: "",
    status: "submitted" as const,
    reshopOf: null,
    roundId: null,
    roundVisitId: null,
    scenarioZh: "",
    feeCents: 0,
    reimbursementCapCents: 0,
    createdBy: "bench-admin",
    createdAt: now,
    updatedAt: now,
  }));
  const auditRows = recent.map((p, i) => {
    const at = Date.parse(`${p.date}T02:00:00Z`);
    return {
      id: `bench-past-${i}`,
      organizationId: ORG,
      assignmentId: `bench-past-${i}`,
      branchId: p.branchId,
      checklistVersionId: version.id,
      shopperId: p.shopperId,
      status: "published" as const,
      contact: "visit" as const,
      visitStartedAt: at,
      visitEndedAt: at + 1_800_000,
      visitMonth: p.date.slice(0, 7),
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
      contentHash: `bench-past-${i}`,
      submittedAt: at,
      publishedAt: at,
      ...unreviewedColumns(result.score),
    };
  });
  await write([
    ...jsonInsertStatements(db, branches, branchRows),
    ...jsonInsertStatements(db, users, userRows),
    ...jsonInsertStatements(db, memberships, membershipRows),
    ...jsonInsertStatements(db, shopperProfiles, profileRows),
  ]);
  await write([
    ...jsonInsertStatements(db, assignments, assignmentRows),
    ...jsonInsertStatements(db, audits, auditRows),
  ]);
  const admin = await createSession(db, { userId: "bench-admin", organizationId: ORG, now });
  return { adminCookie: `courtesy_session=${admin.token}`, checklistId: version.checklist_id, reports: recent.length };
}

const ctx = { waitUntil: (_p: Promise<unknown>) => {}, passThroughOnException: () => {}, props: {} };

export async function benchRoundsApi(): Promise<void> {
  console.log(`\nRounds through the API: 2,000 stores × 2 visits, 300 shoppers (fresh D1 in ${STATE_DIR}) …`);
  migrate();
  const proxy = await getPlatformProxy<{ DB: D1 }>({
    configPath: "wrangler.toml",
    persist: { path: `${STATE_DIR}/v3` },
  });
  try {
    const seedStarted = performance.now();
    const { adminCookie, checklistId, reports } = await seed(proxy.env.DB);
    console.log(
      `  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${fmt(reports)} past reports)`,
    );
    const { default: app } = await import("../worker/app");
    const receiptKey = JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));

    /** One request through the app on a metered binding: status, body, wall time, round trips, statements, most parameters. */
    const call = async (path: string, init: RequestInit = {}) => {
      const log: StatementCost[] = [];
      const trips = { count: 0, maxParams: 0 };
      const env = { DB: meteredD1(proxy.env.DB, log, trips), RECEIPT_SIGNING_KEY: receiptKey };
      const headers = new Headers(init.headers);
      headers.set("cookie", adminCookie);
      if (init.body) headers.set("content-type", "application/json");
      const started = performance.now();
      const res = await app.fetch(new Request(`http://localhost${path}`, { ...init, headers }), env, ctx);
      const text = await res.text();
      const ms = performance.now() - started;
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
      if (process.env.BENCH_VERBOSE === "1") {
        console.log(`  ${init.method ?? "GET"} ${path}: ${ms.toFixed(0)} ms`);
        for (const x of log)
          console.log(`    ${x.rowsRead}\t${x.duration.toFixed(1)} ms\t${x.sql.replace(/\s+/g, " ").slice(0, 120)}`);
      }
      return { status: res.status, text, ms, trips: trips.count, statements: log.length, maxParams: trips.maxParams };
    };

    const { round } = benchRoundData();
    const body = (id: string) =>
      JSON.stringify({
        id,
        name: "March 2026",
        checklistId,
        period: { from: round.from, to: round.to },
        target: { kind: "all" },
        visitsPerBranch: round.visitsPerBranch,
        minGapDays: round.minGapDays,
        windowDays: round.windowDays,
        strata: round.strata,
        scenarios: round.scenarios.filter((s) => s.channel !== "call_centre"),
        blackoutDates: round.blackoutDates,
        feeCents: 8000,
        reimbursementCapCents: 3000,
        staffing: "rule",
      });
    const id = crypto.randomUUID();
    const rows: string[] = [];
    const row = (name: string, r: Awaited<ReturnType<typeof call>>, note = "") =>
      rows.push(
        `| ${name} | ${r.status} | ${r.ms.toFixed(0)} | ${r.trips} | ${r.statements} | ${r.maxParams} | ${note} |`,
      );

    const previews = [];
    for (let i = 0; i < 3; i++) previews.push(await call("/api/v1/rounds/preview", { method: "POST", body: body(id) }));
    const previewMs = quantile(
      previews.map((p) => p.ms).sort((a, b) => a - b),
      0.5,
    );
    const preview = previews[0] as (typeof previews)[number];
    const summary = (JSON.parse(preview.text) as { summary: { visits: number; staffed: number; unstaffed: number } })
      .summary;
    row(
      "POST /rounds/preview (median of 3)",
      { ...preview, ms: previewMs },
      `${fmt(summary.visits)} visits, ${fmt(summary.staffed)} staffed`,
    );

    const commit = await call("/api/v1/rounds", { method: "POST", body: body(id) });
    const committed = JSON.parse(commit.text) as { round: { version: number }; summary: { staffed: number } };
    row("POST /rounds (commit)", commit, `${fmt(committed.summary.staffed)} assignments + events written`);
    const again = await call("/api/v1/rounds", { method: "POST", body: body(id) });
    row("POST /rounds (same id again)", again, "answers the round, writes nothing");
    const coverage = await call(`/api/v1/rounds/${id}/coverage`);
    row("GET /rounds/:id/coverage", coverage);
    const csv = await call(`/api/v1/rounds/${id}/coverage?format=csv`);
    row("GET /rounds/:id/coverage?format=csv", csv, `${fmt(csv.text.length)} characters`);
    const detail = await call(`/api/v1/rounds/${id}`);
    row("GET /rounds/:id", detail);
    const cancel = await call(`/api/v1/rounds/${id}/cancel`, {
      method: "POST",
      body: JSON.stringify({ version: committed.round.version }),
    });
    row("POST /rounds/:id/cancel", cancel, `${fmt(committed.summary.staffed)} assignments cancelled`);

    console.log(
      "\n| request | status | wall ms | D1 round trips | statements | max params | |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    );
    for (const line of rows) console.log(line);
    console.log("\n(wall time includes the session lookup; local D1 through the platform proxy, one process)");
  } finally {
    await proxy.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRoundsApi();
