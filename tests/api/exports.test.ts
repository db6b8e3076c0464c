/**
 * CSV exports: GET /api/v1/exports/audits.csv and items.csv, in workerd against D1, in a
 * factory organisation of the file's own; every test also filters on a checklist of its own.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { beforeAll, describe, expect, it } from "vitest";
import { answers, assignments, audits } from "../../schema";
import { rollupStatements } from "../../worker/data/rollups";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type RollupDelta, rollupDelta } from "../../worker/domain/rollups";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";
import { AUDIT_COLUMNS, ITEM_COLUMNS } from "../../worker/presenters/exports";
import { parseCsv } from "../csv-parse";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { type AnswerJson, api, db, expectOk, expectProblem, uniqueJpeg, uploadEvidence } from "./helpers";
import { createBranchIn } from "./org-helpers";
import { planVisit, publishChecklistAs, type ReportInput, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let version: Version;
const CHINESE_COMMENT = "店员很热情，解释得很清楚。\n下次还来！";
const FORMULA_COMMENT = '=HYPERLINK("http://evil.example","点击")';

function exportDocument(): ChecklistDocument {
  const name = `Export ${crypto.randomUUID().slice(0, 8)}`;
  const base = { guidance: { en: "", zh: "" }, critical: "none" as const, evidenceOnFail: "none" as const };
  return {
    name: { en: name, zh: `导出 ${name}` },
    channel: "store",
    sections: [
      {
        key: "welcome",
        title: { en: "Welcome", zh: "迎接" },
        weight: 1,
        items: [
          {
            ...base,
            key: "greets",
            kind: "yes_no",
            prompt: { en: "Greeted?", zh: "是否问候？" },
            weight: 1,
            naAllowed: false,
          },
          {
            ...base,
            key: "wait",
            kind: "number",
            unit: "minutes",
            pass: { max: 5 },
            prompt: { en: "Minutes waited", zh: "等候分钟" },
            weight: 1,
            naAllowed: true,
          },
        ],
      },
      {
        key: "store",
        title: { en: "Store", zh: "门店" },
        weight: 1,
        items: [
          {
            ...base,
            key: "tidy",
            kind: "yes_no",
            prompt: { en: "Tidy shelves?", zh: "货架整齐？" },
            weight: 1,
            naAllowed: false,
          },
          {
            ...base,
            key: "shelf_photo",
            kind: "photo",
            prompt: { en: "Shelf photo", zh: "货架照片" },
            weight: 0,
            naAllowed: false,
          },
        ],
      },
    ],
  };
}

type Rows = string[][];

type ExportQuery = NonNullable<Parameters<Client["api"]["v1"]["exports"]["audits.csv"]["$get"]>[0]>["query"];
type ExportFile = "audits.csv" | "items.csv";

/** An export of the file's checklist (narrowed by `query`), as `as` sees it. */
const exportAs = (as: Client, file: ExportFile, query: ExportQuery = {}) =>
  as.api.v1.exports[file].$get({ query: { checklistId: version.checklistId, ...query } });

/** A CSV export: status 200, the CSV headers, the BOM, and its records parsed. */
async function getCsv(as: Client, file: ExportFile, query: ExportQuery = {}) {
  const res = await exportAs(as, file, query);
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  expect(res.status, new TextDecoder().decode(bytes)).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
  const [header = [], ...rows] = parseCsv(text);
  return { res, header, rows };
}

/** Rows as objects keyed by the header. */
const asObjects = (header: string[], rows: Rows) =>
  rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));

interface Submitted {
  id: string;
  branchId: string;
}

async function submit(branchId: string, list: AnswerJson[], overrides: Partial<ReportInput>): Promise<Submitted> {
  const assignment = await planVisit(org, version.id, { branchId });
  const id = crypto.randomUUID();
  await expectOk(await submitReport(org.as.shopper, id, report(assignment, list, overrides)), 201);
  return { id, branchId };
}

let wangfujing: Submitted;
let zhongguancun: Submitted;
let nanjingRoad: Submitted;

beforeAll(async () => {
  // Published on arrival: exports hold published reports only (review.test.ts covers review).
  org = await createOrganization({ reviewPolicy: "none" });
  version = await publishChecklistAs(org.as.admin, exportDocument());
  const { res, sha256: photo } = await uploadEvidence(org.people.shopper.cookie, uniqueJpeg());
  expect(res.status, await res.clone().text()).toBe(201);
  wangfujing = await submit(
    org.branchIds.north1,
    [
      { item: "greets", value: true },
      { item: "wait", value: 3, comment: "排队 3 分钟" },
      { item: "tidy", value: false, comment: '货架很乱, 需要"整理"' },
      { item: "shelf_photo", evidence: [photo] },
    ],
    { overallComment: CHINESE_COMMENT, staffDescription: "@sales 戴眼镜的年轻人" },
  );
  zhongguancun = await submit(
    org.branchIds.north2,
    [
      { item: "greets", value: true },
      { item: "wait", na: true },
      { item: "tidy", value: true },
    ],
    { overallComment: FORMULA_COMMENT },
  );
  nanjingRoad = await submit(
    org.branchIds.east1,
    [
      { item: "greets", value: false },
      { item: "wait", value: 9 },
      { item: "tidy", value: false },
    ],
    { overallComment: "-2+3", contact: "visit" },
  );
});

describe("GET /api/v1/exports/audits.csv", () => {
  it("writes one row per published audit, UTF-8 with BOM, with the documented columns", async () => {
    const { res, header, rows } = await getCsv(org.as.admin, "audits.csv");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="courtesy-audits-\d{4}-\d{2}-\d{4}-\d{2}\.csv"$/,
    );
    expect(header).toEqual([...AUDIT_COLUMNS]);
    const byId = new Map(asObjects(header, rows).map((r) => [r.audit_id, r]));
    expect([...byId.keys()].sort()).toEqual([wangfujing.id, zhongguancun.id, nanjingRoad.id].sort());

    const w = byId.get(wangfujing.id);
    expect(w).toMatchObject({
      branch_code: "NO-001",
      region_code: "NORTH",
      checklist_name_en: version.document.name.en,
      checklist_name_zh: version.document.name.zh,
      checklist_version: "1",
      contact: "visit",
      score: "50.00",
      critical_failed: "false",
      late: "false",
      overall_comment: CHINESE_COMMENT,
      staff_description: "'@sales 戴眼镜的年轻人",
    });
    expect(w?.branch_name_zh).toMatch(/王府井/);
    expect(w?.region_name_zh).toBeTruthy();
    expect(w?.visit_started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(w?.visit_month).toMatch(/^\d{4}-\d{2}$/);
    expect(byId.get(zhongguancun.id)?.overall_comment).toBe(`'${FORMULA_COMMENT}`);
    expect(byId.get(nanjingRoad.id)).toMatchObject({ overall_comment: "'-2+3", score: "0.00", region_code: "EAST" });
  });

  it("never names the shopper", async () => {
    const res = await exportAs(org.as.admin, "audits.csv");
    const text = await res.text();
    expect(res.status).toBe(200);
    const { id, email, displayName } = org.people.shopper;
    for (const secret of [id, email, displayName, "39.9139", "116.4102"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("gives a branch manager only their branch's audits, and 404 for another branch", async () => {
    const { rows } = await getCsv(org.as.manager, "audits.csv");
    expect(rows.map((r) => r[0])).toEqual([wangfujing.id]);
    const mine = await getCsv(org.as.manager, "audits.csv", { branchId: org.branchIds.north1 });
    expect(mine.rows.map((r) => r[0])).toEqual([wangfujing.id]);
    await expectProblem(
      await exportAs(org.as.manager, "audits.csv", { branchId: org.branchIds.north2 }),
      404,
      "not_found",
    );
  });

  it("gives a regional manager their regions' branches only", async () => {
    const { rows } = await getCsv(org.as.regional, "audits.csv");
    expect(rows.map((r) => r[0]).sort()).toEqual([wangfujing.id, zhongguancun.id].sort());
    await expectProblem(
      await exportAs(org.as.regional, "audits.csv", { branchId: org.branchIds.east1 }),
      404,
      "not_found",
    );
  });

  it("narrows to a region or a branch for head office", async () => {
    const east = await getCsv(org.as.admin, "audits.csv", { regionId: org.regionIds.east });
    expect(east.rows.map((r) => r[0])).toEqual([nanjingRoad.id]);
    const one = await getCsv(org.as.admin, "audits.csv", { branchId: org.branchIds.north2 });
    expect(one.rows.map((r) => r[0])).toEqual([zhongguancun.id]);
  });

  it("refuses shoppers and unknown branches", async () => {
    await expectProblem(await exportAs(org.as.shopper, "audits.csv"), 403, "forbidden");
    await expectProblem(await exportAs(org.as.shopper, "items.csv"), 403, "forbidden");
    await expectProblem(await api("/api/v1/exports/audits.csv"), 401, "unauthenticated");
    await expectProblem(await exportAs(org.as.admin, "audits.csv", { branchId: "no-such-branch" }), 404, "not_found");
  });

  it("answers bad filters with validation problems", async () => {
    const exports = org.as.admin.api.v1.exports;
    const unknown = await expectProblem(
      await exports["audits.csv"].$get({ query: { checklistId: "no-such-checklist" } }),
      400,
      "validation_failed",
    );
    expect(unknown.errors?.[0]?.path).toBe("checklistId");
    const badDate = await expectProblem(
      await exports["audits.csv"].$get({ query: { from: "2026-02-30" } }),
      400,
      "validation_failed",
    );
    expect(badDate.errors?.[0]?.path).toBe("from");
    const tooLong = await expectProblem(
      await exports["items.csv"].$get({ query: { from: "2020-01-01", to: "2025-06-30" } }),
      400,
      "validation_failed",
    );
    expect(tooLong.errors?.[0]).toMatchObject({ path: "to", code: "too_big" });
    // An unknown filter: a raw request, as the typed client refuses it.
    const extra = await expectProblem(
      await api("/api/v1/exports/audits.csv?shopperId=x", { cookie: org.people.admin.cookie }),
      400,
      "validation_failed",
    );
    expect(extra.errors?.[0]?.code).toBe("unknown_field");
  });
});

describe("GET /api/v1/exports/items.csv", () => {
  it("writes one row per audit × item, with outcomes, answers, comments and photo counts", async () => {
    const { res, header, rows } = await getCsv(org.as.admin, "items.csv");
    expect(res.headers.get("content-disposition")).toMatch(/filename="courtesy-items-\d{4}-\d{2}-\d{4}-\d{2}\.csv"/);
    expect(header).toEqual([...ITEM_COLUMNS]);
    const items = asObjects(header, rows);
    expect(items).toHaveLength(3 * 4);
    const row = (audit: Submitted, item: string) => items.find((r) => r.audit_id === audit.id && r.item_key === item);

    expect(row(wangfujing, "greets")).toMatchObject({
      branch_code: "NO-001",
      region_code: "NORTH",
      checklist_name_en: version.document.name.en,
      section_key: "welcome",
      section_title_en: "Welcome",
      item_title_en: "Greeted?",
      item_title_zh: "是否问候？",
      outcome: "pass",
      answer_value: "true",
      na: "false",
      photos: "0",
    });
    expect(row(wangfujing, "wait")).toMatchObject({ outcome: "pass", answer_value: "3", comment: "排队 3 分钟" });
    expect(row(wangfujing, "tidy")).toMatchObject({
      section_key: "store",
      outcome: "fail",
      answer_value: "false",
      comment: '货架很乱, 需要"整理"',
    });
    expect(row(wangfujing, "shelf_photo")).toMatchObject({ outcome: "unscored", answer_value: "", photos: "1" });
    expect(row(zhongguancun, "wait")).toMatchObject({ outcome: "na", answer_value: "", na: "true" });
    expect(row(nanjingRoad, "wait")).toMatchObject({ outcome: "fail", answer_value: "9" });
  });

  it("follows the same scope rules", async () => {
    const { rows } = await getCsv(org.as.manager, "items.csv");
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([wangfujing.id]));
    await expectProblem(
      await exportAs(org.as.manager, "items.csv", { branchId: org.branchIds.north2 }),
      404,
      "not_found",
    );
  });
});

describe("exports over many pages", () => {
  const COUNT = 230;
  let branchId: string;
  let ids: string[];

  /** Writes published audits straight into D1 (with their roll-ups), across three months. */
  beforeAll(async () => {
    branchId = (await createBranchIn(org)).id;
    const doc = version.document;
    const list: Answer[] = [
      { item: "greets", value: true },
      { item: "wait", value: 2 },
      { item: "tidy", value: true },
    ];
    const result = scoreAudit(doc, list);
    const database = db();
    const statements: BatchItem<"sqlite">[] = [];
    ids = [];
    const perMonth = new Map<string, number>();
    for (let i = 0; i < COUNT; i++) {
      const month = `2025-0${1 + (i % 3)}`;
      // Groups of seven share a start time: the id has to break the ties.
      const start = Date.parse(`${month}-10T02:00:00Z`) + Math.floor(i / 21) * 60_000;
      const id = crypto.randomUUID();
      ids.push(id);
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      statements.push(
        database.insert(assignments).values({
          id: `${id}-a`,
          organizationId: org.id,
          branchId,
          checklistVersionId: version.id,
          shopperId: org.people.shopper.id,
          windowStart: `${month}-01`,
          windowEnd: `${month}-28`,
          status: "submitted",
        }),
        database.insert(audits).values({
          id,
          organizationId: org.id,
          assignmentId: `${id}-a`,
          branchId,
          checklistVersionId: version.id,
          shopperId: org.people.shopper.id,
          status: "published",
          contact: "visit",
          visitStartedAt: start,
          visitEndedAt: start + 20 * 60_000,
          visitMonth: month,
          overallComment: `Visit ${i}`,
          score: result.score,
          criticalFailed: result.criticalFailed,
          scoreResult: result,
          late: false,
          contentHash: id,
          submittedAt: start + 3_600_000,
          publishedAt: start + 3_600_000,
        }),
        database
          .insert(answers)
          .values(list.map((a) => ({ auditId: id, itemKey: a.item, value: a.value ?? null, comment: `#${i}` }))),
      );
    }
    const one = rollupDelta(result, 1);
    for (const [month, n] of perMonth) {
      const delta: RollupDelta = {
        audits: one.audits * n,
        scored: one.scored * n,
        scoreSum: one.scoreSum * n,
        scoreSquares: one.scoreSquares * n,
        criticalFailed: one.criticalFailed * n,
        items: one.items.map((x) => ({ ...x, passes: x.passes * n, fails: x.fails * n, nas: x.nas * n })),
        sections: one.sections.map((x) => ({ ...x, scored: x.scored * n, ratioSum: x.ratioSum * n })),
      };
      const target = {
        organizationId: org.id,
        branchId,
        month,
        checklistVersionId: version.id,
        checklistId: version.checklistId,
      };
      statements.push(...rollupStatements(database, target, delta));
    }
    for (let i = 0; i < statements.length; i += 150) {
      const [first, ...rest] = statements.slice(i, i + 150);
      if (first) await database.batch([first, ...rest]);
    }
  });

  const query = () => ({ branchId, from: "2025-01-01", to: "2025-03-31" });

  it("returns every audit exactly once, in (month, visit time, id) order", async () => {
    const { res, rows } = await getCsv(org.as.admin, "audits.csv", query());
    expect(res.headers.get("content-disposition")).toContain('filename="courtesy-audits-2025-01-2025-03.csv"');
    const got = rows.map((r) => r[0] ?? "");
    expect(got).toHaveLength(COUNT);
    expect(new Set(got).size).toBe(COUNT);
    expect([...got].sort()).toEqual([...ids].sort());
    const keys = rows.map((r) => `${r[2]} ${r[1]} ${r[0]}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("writes every audit × item exactly once in items.csv", async () => {
    const { rows } = await getCsv(org.as.admin, "items.csv", query());
    expect(rows).toHaveLength(COUNT * 4);
    const pairs = new Set(rows.map((r) => `${r[0]} ${r[7]}`));
    expect(pairs.size).toBe(COUNT * 4);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(ids));
    const i = ids.indexOf(rows[0]?.[0] ?? "");
    expect(rows.slice(0, 4).map((r) => [r[7], r[10], r[11], r[13]])).toEqual([
      ["greets", "pass", "true", `#${i}`],
      ["wait", "pass", "2", `#${i}`],
      ["tidy", "pass", "true", `#${i}`],
      ["shelf_photo", "unscored", "", ""],
    ]);
  });
});
