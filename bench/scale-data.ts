/**
 * A large organisation in a local D1, for bench/scorecards.ts (issue 5, "Speed at scale"):
 * 20 regions, 2,000 store branches, 24 months (2024-12 .. 2026-11), 201,600 published audits of
 * one 40-item yes/no checklist (8,064,000 answers), and every roll-up table.
 *
 *   npx tsx bench/scale-data.ts        (BENCH_SCALE_REGEN=1 rebuilds even when the data is there)
 *
 * How: a fresh state folder (.wrangler/bench-scale, git-ignored), migrated by wrangler exactly as
 * production is, then Miniflare's SQLite file for the DB binding is filled directly with
 * node:sqlite in one transaction (wrangler is not running meanwhile). Scores come from the real
 * `scoreAudit` over the generated answers; the roll-ups are then computed by SQL aggregation:
 * scores and sections from the audits' stored results (the same statements as `rebuildRollups`),
 * item counts from the answers (a yes/no `true` is a pass, `false` a fail, N/A an N/A), region
 * tables from the branch tables. Deterministic (seeded), so every run measures the same data.
 *
 * Simplification: `score_result` keeps the score, the critical flag and each section's ratio but
 * not the 40 item results (they would add ~300 MB), so `npm run db:rollups` on this database
 * would drop the item roll-ups; the drill-down "audits behind a cell" has no item outcomes here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { checkChecklist } from "../worker/domain/checklist-rules";
import type { ChecklistDocument, ChecklistItem } from "../worker/domain/checklists";
import { scoreAudit } from "../worker/domain/scoring";
import { hashPassword } from "../worker/lib/crypto";
import { seededRandom } from "./random";

export const SCALE_STATE_DIR = ".wrangler/bench-scale";
/** Bump when the generated data changes shape: a cached database of another version is rebuilt. */
const DATA_VERSION = 3;

export const SCALE = {
  orgId: "scale-org",
  regions: 20,
  branchesPerRegion: 100,
  /** 2024-12 .. 2026-11. */
  months: monthsEnding("2026-11", 24),
  sections: 5,
  itemsPerSection: 8,
  checklistId: "scale-checklist-store",
  versionId: "scale-version-store-1",
  adminEmail: "admin@scale.test",
  branchManagerEmail: "manager@scale.test",
  password: "courtesy-scale",
  shoppers: 40,
} as const;

export const regionId = (r: number) => `scale-region-${String(r + 1).padStart(2, "0")}`;
export const branchId = (b: number) => `scale-branch-${String(b + 1).padStart(4, "0")}`;
export const itemKey = (i: number) => `item_${String(i + 1).padStart(2, "0")}`;
/** The branch the branch manager runs (and the branch scorecard's subject). */
export const MANAGED_BRANCH = branchId(0);

/** Audits of branch `b` in month `m`: 4, and 5 in every fifth branch-month → 201,600 in all. */
const auditsIn = (b: number, m: number) => 4 + ((b * 24 + m) % 5 === 0 ? 1 : 0);
export const EXPECTED = (() => {
  let audits = 0;
  for (let b = 0; b < SCALE.regions * SCALE.branchesPerRegion; b++)
    for (let m = 0; m < SCALE.months.length; m++) audits += auditsIn(b, m);
  return { audits, answers: audits * SCALE.sections * SCALE.itemsPerSection };
})();

function monthsEnding(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

/** Items 1 (critical for the audit) and 4 of each section allow N/A (items 04, 12, 20, 28, 36). */
function buildDocument(): ChecklistDocument {
  const sections = Array.from({ length: SCALE.sections }, (_, s) => ({
    key: `section_${s + 1}`,
    title: { en: `Section ${s + 1}`, zh: `第${s + 1}部分` },
    weight: 1,
    items: Array.from({ length: SCALE.itemsPerSection }, (_, j): ChecklistItem => {
      const i = s * SCALE.itemsPerSection + j;
      return {
        key: itemKey(i),
        kind: "yes_no",
        prompt: { en: `Standard ${i + 1} was met?`, zh: `是否达到标准${i + 1}？` },
        guidance: { en: "Yes if it was done as described.", zh: "按描述完成即为是。" },
        weight: 1,
        critical: i === 0 ? "audit" : "none",
        naAllowed: j === 3,
        evidenceOnFail: "none",
      };
    }),
  }));
  return { name: { en: "Store visit (scale)", zh: "门店到访（规模）" }, channel: "store", sections };
}

/** Miniflare's SQLite file for the DB binding under a state folder, or undefined. */
export function findD1File(stateDir: string): string | undefined {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  return files.length === 1 ? join(dir, files[0] as string) : undefined;
}

export interface ScaleInfo {
  file: string;
  bytes: number;
  audits: number;
  answers: number;
  generatedSeconds: number | null;
}

function databaseBytes(file: string): number {
  return [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
}

/** The data is there, complete and of this version? */
function cached(file: string | undefined): ScaleInfo | undefined {
  if (!file) return undefined;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const org = db.prepare("select name_en from organizations where id = ?").get(SCALE.orgId) as
      | { name_en: string }
      | undefined;
    if (org?.name_en !== `Scale Co (bench data v${DATA_VERSION})`) return undefined;
    const audits = (db.prepare("select count(*) as n from audits").get() as { n: number }).n;
    const answers = (db.prepare("select count(*) as n from answers").get() as { n: number }).n;
    const rollups = (db.prepare("select count(*) as n from rollup_org_items").get() as { n: number }).n;
    if (audits !== EXPECTED.audits || answers !== EXPECTED.answers || rollups === 0) return undefined;
    return { file, bytes: databaseBytes(file), audits, answers, generatedSeconds: null };
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

function migrate(stateDir: string): void {
  const result = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

/**
 * Makes sure the large organisation exists in `.wrangler/bench-scale` (or `stateDir`): reuses it
 * when complete, else rebuilds from scratch. `BENCH_SCALE_REGEN=1` forces a rebuild.
 */
export async function ensureScaleData(stateDir = SCALE_STATE_DIR): Promise<ScaleInfo> {
  if (process.env.BENCH_SCALE_REGEN !== "1") {
    const hit = cached(findD1File(stateDir));
    if (hit) {
      console.log(
        `Scale data: reusing ${hit.file} (${hit.audits.toLocaleString("en")} audits, ${hit.answers.toLocaleString("en")} answers, ${(hit.bytes / 2 ** 30).toFixed(2)} GiB); BENCH_SCALE_REGEN=1 rebuilds it.`,
      );
      return hit;
    }
  }
  const started = performance.now();
  console.log(
    `Scale data: generating ${EXPECTED.audits.toLocaleString("en")} audits / ${EXPECTED.answers.toLocaleString("en")} answers in ${stateDir} (a few minutes) …`,
  );
  rmSync(stateDir, { recursive: true, force: true });
  migrate(stateDir);
  const file = findD1File(stateDir);
  if (!file) throw new Error(`no D1 SQLite file under ${stateDir} after migrating`);
  await fill(file, started);
  const info: ScaleInfo = {
    file,
    bytes: databaseBytes(file),
    audits: EXPECTED.audits,
    answers: EXPECTED.answers,
    generatedSeconds: (performance.now() - started) / 1000,
  };
  console.log(
    `Scale data: generated in ${info.generatedSeconds?.toFixed(0)} s; database ${(info.bytes / 2 ** 30).toFixed(2)} GiB (${file}).`,
  );
  return info;
}

async function fill(file: string, started: number): Promise<void> {
  const step = (what: string) => console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${what}`);
  const doc = buildDocument();
  const problems = checkChecklist(doc);
  if (problems.length) throw new Error(`bench checklist does not pass checkChecklist: ${JSON.stringify(problems)}`);
  const [adminHash, managerHash] = await Promise.all([hashPassword(SCALE.password), hashPassword(SCALE.password)]);

  const db = new DatabaseSync(file);
  // Nothing else has the file open: no journal while loading, WAL again (as Miniflare left it) at the end.
  db.exec(
    "pragma journal_mode = off; pragma synchronous = off; pragma cache_size = -2000000; pragma temp_store = memory;",
  );
  const now = Date.now();
  const org = SCALE.orgId;
  db.exec("begin");
  try {
    db.prepare("insert into organizations (id, slug, name_en, name_zh, created_at) values (?, ?, ?, ?, ?)").run(
      org,
      "bench-scale",
      `Scale Co (bench data v${DATA_VERSION})`,
      "规模公司",
      now,
    );
    const insertUser = db.prepare(
      "insert into users (id, email, display_name, locale, password_hash) values (?, ?, ?, 'en', ?)",
    );
    const insertMembership = db.prepare(
      "insert into memberships (id, user_id, organization_id, role, status, accepted_at) values (?, ?, ?, ?, 'active', 0)",
    );
    insertUser.run("scale-user-admin", SCALE.adminEmail, "Scale Admin", adminHash);
    insertMembership.run("scale-m-admin", "scale-user-admin", org, "admin");
    insertUser.run("scale-user-manager", SCALE.branchManagerEmail, "Scale Branch Manager", managerHash);
    insertMembership.run("scale-m-manager", "scale-user-manager", org, "branch_manager");
    const shopperIds = Array.from({ length: SCALE.shoppers }, (_, s) => `scale-user-shopper-${s + 1}`);
    shopperIds.forEach((id, s) => {
      insertUser.run(id, `shopper${s + 1}@scale.test`, `Scale Shopper ${s + 1}`, null);
      insertMembership.run(`scale-m-shopper-${s + 1}`, id, org, "shopper");
    });

    const insertRegion = db.prepare(
      "insert into regions (id, organization_id, code, name_en, name_zh) values (?, ?, ?, ?, ?)",
    );
    const insertBranch = db.prepare(
      `insert into branches (id, organization_id, region_id, code, name_en, name_zh, channel, timezone)
       values (?, ?, ?, ?, ?, ?, 'store', 'Asia/Shanghai')`,
    );
    for (let r = 0; r < SCALE.regions; r++) {
      insertRegion.run(regionId(r), org, `R${String(r + 1).padStart(2, "0")}`, `Region ${r + 1}`, `第${r + 1}区`);
      for (let k = 0; k < SCALE.branchesPerRegion; k++) {
        const b = r * SCALE.branchesPerRegion + k;
        const code = `S${String(b + 1).padStart(4, "0")}`;
        insertBranch.run(branchId(b), org, regionId(r), code, `Store ${b + 1}`, `门店${b + 1}`);
      }
    }
    db.prepare("insert into membership_branches (membership_id, branch_id) values (?, ?)").run(
      "scale-m-manager",
      MANAGED_BRANCH,
    );

    db.prepare(
      "insert into checklists (id, organization_id, name_en, name_zh, channel, created_by) values (?, ?, ?, ?, 'store', ?)",
    ).run(SCALE.checklistId, org, doc.name.en, doc.name.zh, "scale-user-admin");
    db.prepare(
      `insert into checklist_versions (id, checklist_id, organization_id, number, status, document, created_by, published_at, published_by)
       values (?, ?, ?, 1, 'published', ?, ?, ?, ?)`,
    ).run(
      SCALE.versionId,
      SCALE.checklistId,
      org,
      JSON.stringify(doc),
      "scale-user-admin",
      Date.UTC(2024, 10, 1),
      "scale-user-admin",
    );
    step("organisation, 20 regions, 2,000 branches, users, checklist");

    const insertAssignment = db.prepare(
      `insert into assignments (id, organization_id, branch_id, checklist_version_id, shopper_id, window_start, window_end, status, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 'submitted', 'scale-user-admin', ?, ?)`,
    );
    const insertAudit = db.prepare(
      `insert into audits (id, organization_id, assignment_id, branch_id, checklist_version_id, shopper_id, status, contact,
         visit_started_at, visit_ended_at, visit_month, score, critical_failed, score_result, late, content_hash, submitted_at, published_at)
       values (?, ?, ?, ?, ?, ?, 'published', 'visit', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    );
    const itemCount = SCALE.sections * SCALE.itemsPerSection;
    const insertAnswers = db.prepare(
      `insert into answers (audit_id, item_key, value, na) values ${Array.from({ length: itemCount }, () => "(?, ?, ?, ?)").join(", ")}`,
    );
    const keys = Array.from({ length: itemCount }, (_, i) => itemKey(i));
    const random = seededRandom(20261123);
    // How often each item passes, and how each region and branch shifts it: a heatmap with texture.
    const itemBase = keys.map((_, i) => (i === 0 ? 0.985 : 0.55 + 0.42 * random()));
    const regionShift = Array.from({ length: SCALE.regions }, () => (random() - 0.5) * 0.16);
    const params: Array<string | number | null> = new Array(itemCount * 4);
    let auditNo = 0;
    const branchCount = SCALE.regions * SCALE.branchesPerRegion;
    for (let b = 0; b < branchCount; b++) {
      const r = Math.floor(b / SCALE.branchesPerRegion);
      const branchShift = (random() - 0.5) * 0.2;
      const weakItem = Math.floor(random() * itemCount); // every branch has one standard it struggles with
      const trend = (random() - 0.4) * 0.006; // per month
      SCALE.months.forEach((month, m) => {
        const [y, mo] = month.split("-").map(Number) as [number, number];
        for (let k = 0; k < auditsIn(b, m); k++) {
          auditNo++;
          const no = String(auditNo).padStart(6, "0");
          const auditId = `scale-audit-${no}`;
          const assignmentId = `scale-asg-${no}`;
          const shopper = shopperIds[auditNo % SCALE.shoppers] as string;
          const day = 1 + Math.floor(random() * 28);
          // 10:00–18:00 in Asia/Shanghai (UTC+8): the visit month is the same in UTC and locally.
          const startedAt = Date.UTC(y, mo - 1, day, 2 + Math.floor(random() * 8), Math.floor(random() * 60));
          const endedAt = startedAt + (15 + Math.floor(random() * 30)) * 60_000;
          const answers = keys.map((item, i) => {
            if (i % SCALE.itemsPerSection === 3 && random() < 0.1) return { item, na: true };
            let p = itemBase[i] as number;
            if (i !== 0) p += (regionShift[r] as number) + branchShift + trend * m - (i === weakItem ? 0.3 : 0);
            return { item, value: random() < Math.min(0.995, Math.max(0.02, p)) };
          });
          const result = scoreAudit(doc, answers);
          const stored = {
            score: result.score,
            criticalFailed: result.criticalFailed,
            criticalItem: result.criticalItem,
            complete: result.complete,
            missing: result.missing,
            sections: result.sections.map(({ items: _items, ...section }) => ({ ...section, items: [] })),
          };
          const windowStart = `${month}-01`;
          const windowEnd = `${month}-28`;
          insertAssignment.run(
            assignmentId,
            org,
            branchId(b),
            SCALE.versionId,
            shopper,
            windowStart,
            windowEnd,
            startedAt - 86_400_000,
            endedAt,
          );
          insertAudit.run(
            auditId,
            org,
            assignmentId,
            branchId(b),
            SCALE.versionId,
            shopper,
            startedAt,
            endedAt,
            month,
            result.score,
            result.criticalFailed ? 1 : 0,
            JSON.stringify(stored),
            `bench-${no}`,
            endedAt + 3_600_000,
            endedAt + 3_600_000,
          );
          answers.forEach((a, i) => {
            params[i * 4] = auditId;
            params[i * 4 + 1] = a.item;
            params[i * 4 + 2] = a.na ? null : a.value ? "true" : "false";
            params[i * 4 + 3] = a.na ? 1 : 0;
          });
          insertAnswers.run(...params);
        }
      });
      if ((b + 1) % 250 === 0) step(`${b + 1} of ${branchCount} branches (${auditNo.toLocaleString("en")} audits)`);
    }

    // Roll-ups by SQL aggregation. Scores and sections: the statements of `rebuildRollups`.
    db.prepare(
      `insert into rollup_scores select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
         v.checklist_id, count(*), count(a.score), coalesce(sum(cast(round(a.score * 10000) as integer)), 0),
         coalesce(sum(cast(round(a.score * 10000) as integer) * cast(round(a.score * 10000) as integer)), 0),
         sum(a.critical_failed)
       from audits a join checklist_versions v on v.id = a.checklist_version_id
       where a.organization_id = ? and a.status = 'published'
       group by a.branch_id, a.visit_month, a.checklist_version_id`,
    ).run(org);
    db.prepare(
      `insert into rollup_sections select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
         v.checklist_id, s.value ->> '$.key', count(*), sum(cast(round((s.value ->> '$.ratio') * 10000) as integer))
       from audits a join checklist_versions v on v.id = a.checklist_version_id, json_each(a.score_result, '$.sections') s
       where a.organization_id = ? and a.status = 'published' and s.value ->> '$.ratio' is not null
       group by a.branch_id, a.visit_month, a.checklist_version_id, s.value ->> '$.key'`,
    ).run(org);
    step("rollup_scores, rollup_sections");
    // Items from the answers: yes/no only in this checklist, so true = pass, false = fail.
    db.prepare(
      `insert into rollup_items select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
         v.checklist_id, n.item_key, sum(n.na = 0 and n.value = 'true'), sum(n.na = 0 and n.value = 'false'), sum(n.na = 1)
       from audits a join checklist_versions v on v.id = a.checklist_version_id join answers n on n.audit_id = a.id
       where a.organization_id = ? and a.status = 'published'
       group by a.branch_id, a.visit_month, a.checklist_version_id, n.item_key`,
    ).run(org);
    step("rollup_items (from 8M answers)");
    // Region tables from the branch tables, by each branch's region (as migration 0004 and `rebuildRollups`).
    db.prepare(
      `insert into rollup_region_scores select r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
         sum(r.audits), sum(r.scored), sum(r.score_sum), sum(r.score_squares), sum(r.critical_failed)
       from rollup_scores r join branches b on b.id = r.branch_id where r.organization_id = ?
       group by b.region_id, r.month, r.checklist_version_id`,
    ).run(org);
    db.prepare(
      `insert into rollup_region_items select r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
         r.item_key, sum(r.passes), sum(r.fails), sum(r.nas)
       from rollup_items r join branches b on b.id = r.branch_id where r.organization_id = ?
       group by b.region_id, r.month, r.checklist_version_id, r.item_key`,
    ).run(org);
    db.prepare(
      `insert into rollup_region_sections select r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
         r.section_key, sum(r.scored), sum(r.ratio_sum)
       from rollup_sections r join branches b on b.id = r.branch_id where r.organization_id = ?
       group by b.region_id, r.month, r.checklist_version_id, r.section_key`,
    ).run(org);
    step("region roll-ups");
    // The organisation's tables from the branch tables (as migration 0004 and `rebuildRollups`).
    db.prepare(
      `insert into rollup_org_scores select organization_id, month, checklist_version_id, checklist_id,
         sum(audits), sum(scored), sum(score_sum), sum(score_squares), sum(critical_failed)
       from rollup_scores where organization_id = ? group by month, checklist_version_id`,
    ).run(org);
    db.prepare(
      `insert into rollup_org_items select organization_id, month, checklist_version_id, checklist_id,
         item_key, sum(passes), sum(fails), sum(nas)
       from rollup_items where organization_id = ? group by month, checklist_version_id, item_key`,
    ).run(org);
    db.prepare(
      `insert into rollup_org_sections select organization_id, month, checklist_version_id, checklist_id,
         section_key, sum(scored), sum(ratio_sum)
       from rollup_sections where organization_id = ? group by month, checklist_version_id, section_key`,
    ).run(org);
    step("organisation roll-ups");

    // Cross-checks: the totals agree both ways.
    const one = (q: string) => Object.values(db.prepare(q).get() as object)[0] as number;
    const checks: Array<[string, number, number]> = [
      ["audits", one("select count(*) from audits"), EXPECTED.audits],
      ["answers", one("select count(*) from answers"), EXPECTED.answers],
      ["Σ rollup_scores.audits", one("select sum(audits) from rollup_scores"), EXPECTED.audits],
      [
        "Σ rollup_region_items.passes",
        one("select sum(passes) from rollup_region_items"),
        one("select count(*) from answers where value = 'true'"),
      ],
      [
        "Σ rollup_region_scores.critical_failed",
        one("select sum(critical_failed) from rollup_region_scores"),
        one("select count(*) from audits where critical_failed = 1"),
      ],
    ];
    for (const [what, got, want] of checks) if (got !== want) throw new Error(`${what}: ${got}, expected ${want}`);
    db.exec("commit");
  } catch (error) {
    db.exec("rollback");
    db.close();
    throw error;
  }
  db.exec("pragma journal_mode = wal");
  db.close();
  step("committed");
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureScaleData();
