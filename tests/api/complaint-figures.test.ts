/**
 * Complaints next to audits: GET /api/v1/complaints/figures, /by-section and /export.csv, in
 * workerd against D1. Audits arrive through the API (published on arrival); complaints are
 * written straight into the table with known times, so every figure can be checked exactly.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { branches, complaints, events, rollupItems } from "../../schema";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { visitsInPeriod } from "../../worker/domain/complaint-figures";
import { resolvePeriod } from "../../worker/domain/periods";
import { parseCsv } from "../csv-parse";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { type AnswerJson, api, db, expectJson, expectOk, expectProblem } from "./helpers";
import { planVisit, publishChecklistAs, report, submitReport, type Version } from "./report-helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let org: TestOrganization;
let version: Version;
const NOW = Date.now();
/** From the first day of last month to today: the complaints and audits below all fall inside. */
const today = new Date(NOW).toISOString().slice(0, 10);
const lastMonth = new Date(Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 10);
const PERIOD = { from: lastMonth, to: today };

function figureDocument(): ChecklistDocument {
  const name = `Figures ${crypto.randomUUID().slice(0, 8)}`;
  const yesNo = (key: string, en: string) => ({
    key,
    kind: "yes_no" as const,
    prompt: { en, zh: `${en}？` },
    guidance: { en: "", zh: "" },
    critical: "none" as const,
    evidenceOnFail: "none" as const,
    weight: 1,
    naAllowed: false,
  });
  return {
    name: { en: name, zh: `投诉 ${name}` },
    channel: "store",
    sections: [
      {
        key: "welcome",
        title: { en: "Welcome", zh: "迎接" },
        weight: 1,
        items: [yesNo("greets", "Greeted"), yesNo("smiles", "Smiled")],
      },
      { key: "returns", title: { en: "Returns", zh: "退换货" }, weight: 1, items: [yesNo("explains", "Explained")] },
    ],
  };
}

async function publishAudit(branchId: string, greets: boolean, smiles: boolean, explains: boolean) {
  const assignment = await planVisit(org, version.id, { branchId });
  const answers: AnswerJson[] = [
    { item: "greets", value: greets },
    { item: "smiles", value: smiles },
    { item: "explains", value: explains },
  ];
  await expectOk(await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, answers)), 201);
}

interface ComplaintSpec {
  branchId: string;
  /** Hours before now it was received. */
  ago: number;
  ackAfter?: number;
  ackBy?: number;
  resolvedAfterDays?: number;
  satisfaction?: number;
  sections?: string[];
  problem?: string;
}

const ids: Record<string, string> = {};

async function insertComplaint(key: string, spec: ComplaintSpec) {
  const id = crypto.randomUUID();
  ids[key] = id;
  const received = NOW - spec.ago * HOUR;
  const resolvedAt = spec.resolvedAfterDays === undefined ? null : received + spec.resolvedAfterDays * DAY;
  await db()
    .insert(complaints)
    .values({
      id,
      organizationId: org.id,
      branchId: spec.branchId,
      channel: "in_store",
      receivedAt: received,
      problem: spec.problem ?? `Complaint ${key}`,
      customerName: `Customer ${key}`,
      customerPhone: "+86 138 0000 0000",
      customerEmail: `${key}@customer.test`,
      contactConsent: true,
      categories: (spec.sections ?? []).map((sectionKey) => ({ checklistId: version.checklistId, sectionKey })),
      tags: ["demo"],
      status: spec.satisfaction ? "followed_up" : resolvedAt ? "resolved" : spec.ackAfter ? "acknowledged" : "new",
      acknowledgeBy: received + (spec.ackBy ?? 24) * HOUR,
      remedyBy: received + 5 * DAY,
      resolveBy: received + 56 * DAY,
      acknowledgedAt: spec.ackAfter === undefined ? null : received + spec.ackAfter * HOUR,
      remedyProposedAt: resolvedAt === null ? null : received + 12 * HOUR,
      resolvedAt,
      satisfaction: spec.satisfaction ?? null,
      followedUpAt: spec.satisfaction ? NOW : null,
    });
}

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
  version = await publishChecklistAs(org.as.admin, figureDocument());
  // north1: welcome 3 of 4 passed, returns 0 of 2; north2: everything passed.
  await publishAudit(org.branchIds.north1, true, true, false);
  await publishAudit(org.branchIds.north1, true, false, false);
  await publishAudit(org.branchIds.north2, true, true, true);
  await db().update(branches).set({ footfallPerMonth: 3000 }).where(eq(branches.id, org.branchIds.north1));
  // north1: A on time; B acknowledged late; C never acknowledged, past its deadline; D on time.
  await insertComplaint("A", {
    branchId: org.branchIds.north1,
    ago: 30,
    ackAfter: 2,
    resolvedAfterDays: 1,
    satisfaction: 4,
    sections: ["returns"],
  });
  await insertComplaint("B", {
    branchId: org.branchIds.north1,
    ago: 50,
    ackAfter: 30,
    resolvedAfterDays: 2,
    satisfaction: 5,
    sections: ["returns", "welcome"],
  });
  await insertComplaint("C", {
    branchId: org.branchIds.north1,
    ago: 72,
    ackBy: 1,
    sections: ["returns"],
    problem: '=HYPERLINK("http://evil.example")',
  });
  await insertComplaint("D", {
    branchId: org.branchIds.north1,
    ago: 40,
    ackAfter: 10,
    resolvedAfterDays: 1.5,
    satisfaction: 3,
  });
  await insertComplaint("E", { branchId: org.branchIds.north2, ago: 10, ackAfter: 1, sections: ["welcome"] });
  await insertComplaint("F", { branchId: org.branchIds.east1, ago: 10, ackAfter: 1 });
});

type FigureQuery = NonNullable<Parameters<Client["api"]["v1"]["complaints"]["figures"]["$get"]>[0]>["query"];
const figuresAs = (as: Client, query: FigureQuery = {}) =>
  as.api.v1.complaints.figures.$get({ query: { ...PERIOD, ...query } });

describe("GET /api/v1/complaints/figures", () => {
  it("counts, rates, medians, the past-deadline share and the satisfaction interval per branch", async () => {
    const body = await expectOk(await figuresAs(org.as.admin), 200);
    const north1 = body.rows.find((r) => r.id === org.branchIds.north1);
    const period = resolvePeriod(PERIOD, today);
    expect(north1).toMatchObject({
      complaints: 4,
      publishedAudits: 2,
      perAudit: 2,
      medianAckHours: 10,
      medianResolveDays: 1.5,
      pastDeadlineShare: 0.5,
    });
    expect(north1?.per1000Visits).toBeCloseTo((4 / visitsInPeriod(3000, period.months, period.asOf)) * 1000, 9);
    // Satisfaction 4, 5, 3: mean 4, sd 1, t(2) = 4.303: 4 ± 2.484, clamped to 1..5.
    expect(north1?.satisfaction?.n).toBe(3);
    expect(north1?.satisfaction?.mean).toBe(4);
    expect(north1?.satisfaction?.low).toBeCloseTo(4 - 4.303 / Math.sqrt(3), 9);
    expect(north1?.satisfaction?.high).toBe(5);

    const north2 = body.rows.find((r) => r.id === org.branchIds.north2);
    expect(north2).toMatchObject({ complaints: 1, per1000Visits: null, perAudit: 1, satisfaction: null });
    const south1 = body.rows.find((r) => r.id === org.branchIds.south1);
    expect(south1).toMatchObject({ complaints: 0, perAudit: null, pastDeadlineShare: null, medianAckHours: null });
    expect(body.totals).toMatchObject({ complaints: 6, publishedAudits: 3, pastDeadlineShare: 2 / 6 });
  });

  it("groups by region: the per-1,000 rate needs every branch's footfall", async () => {
    const body = await expectOk(await figuresAs(org.as.analyst, { groupBy: "region" }), 200);
    const north = body.rows.find((r) => r.id === org.regionIds.north);
    expect(north).toMatchObject({ complaints: 5, per1000Visits: null, publishedAudits: 3, medianAckHours: 6 });
    expect(body.rows.find((r) => r.id === org.regionIds.east)?.complaints).toBe(1);
  });

  it("leaves out complaints outside the period", async () => {
    const body = await expectOk(await figuresAs(org.as.admin, { from: "2020-01-01", to: "2020-03-31" }), 200);
    expect(body.totals.complaints).toBe(0);
  });

  it("shows managers their scope only; reviewers and shoppers are refused before validation", async () => {
    const mine = await expectOk(await figuresAs(org.as.manager), 200);
    expect(mine.rows.map((r) => r.id)).toEqual([org.branchIds.north1]);
    expect(mine.totals.complaints).toBe(4);
    const region = await expectOk(await figuresAs(org.as.regional), 200);
    expect(region.rows.map((r) => r.id).sort()).toEqual(
      [org.branchIds.north1, org.branchIds.north2, org.branchIds.northCall].sort(),
    );
    expect(region.totals.complaints).toBe(5);
    await expectProblem(await figuresAs(org.as.reviewer, { groupBy: "nope" as "branch" }), 403, "forbidden");
    await expectProblem(await figuresAs(org.as.shopper), 403, "forbidden");
    await expectProblem(await figuresAs(org.as.admin, { groupBy: "nope" as "branch" }), 400, "validation_failed");
    await expectProblem(await figuresAs(org.as.manager, { regionId: org.regionIds.south }), 400, "validation_failed");
  });
});

type SectionQuery = NonNullable<Parameters<Client["api"]["v1"]["complaints"]["by-section"]["$get"]>[0]>["query"];
const bySectionAs = (as: Client, query: SectionQuery = {}) =>
  as.api.v1.complaints["by-section"].$get({ query: { ...PERIOD, checklistId: version.checklistId, ...query } });

describe("GET /api/v1/complaints/by-section", () => {
  it("puts each section's pass rate from the roll-ups next to the complaints filed under it", async () => {
    const body = await expectOk(await bySectionAs(org.as.admin), 200);
    expect(body.sections.map((s) => s.sectionKey)).toEqual(["welcome", "returns"]);
    const cell = (branchId: string, sectionKey: string) =>
      body.rows.find((r) => r.branchId === branchId)?.cells.find((c) => c.sectionKey === sectionKey);
    expect(cell(org.branchIds.north1, "welcome")).toMatchObject({ passes: 3, fails: 1, passRate: 0.75, complaints: 1 });
    expect(cell(org.branchIds.north1, "returns")).toMatchObject({
      passes: 0,
      fails: 2,
      passRate: 0,
      complaints: 3,
      disagreement: null,
    });
    expect(cell(org.branchIds.north2, "returns")).toMatchObject({ passRate: 1, complaints: 0 });
    expect(cell(org.branchIds.east1, "welcome")).toMatchObject({ passRate: null, complaints: 0 });

    // The same counts as the roll-up rows themselves.
    const rolled = await db()
      .select({
        branchId: rollupItems.branchId,
        itemKey: rollupItems.itemKey,
        passes: sql<number>`sum(${rollupItems.passes})`,
        fails: sql<number>`sum(${rollupItems.fails})`,
      })
      .from(rollupItems)
      .where(and(eq(rollupItems.organizationId, org.id), eq(rollupItems.checklistId, version.checklistId)))
      .groupBy(rollupItems.branchId, rollupItems.itemKey);
    const sectionOf: Record<string, string> = { greets: "welcome", smiles: "welcome", explains: "returns" };
    for (const row of body.rows) {
      for (const c of row.cells) {
        const mine = rolled.filter((r) => r.branchId === row.branchId && sectionOf[r.itemKey] === c.sectionKey);
        expect(c.passes).toBe(mine.reduce((s, r) => s + Number(r.passes), 0));
        expect(c.fails).toBe(mine.reduce((s, r) => s + Number(r.fails), 0));
      }
    }
  });

  it("flags a section the audits pass while customers complain about it", async () => {
    for (const key of ["G", "H", "I"]) {
      await insertComplaint(key, { branchId: org.branchIds.north2, ago: 5, ackAfter: 1, sections: ["returns"] });
    }
    const body = await expectOk(await bySectionAs(org.as.admin), 200);
    const cell = body.rows
      .find((r) => r.branchId === org.branchIds.north2)
      ?.cells.find((c) => c.sectionKey === "returns");
    expect(cell).toMatchObject({ passRate: 1, complaints: 3, disagreement: "complaints_despite_passing" });
    await db()
      .delete(complaints)
      .where(inArray(complaints.id, [ids.G, ids.H, ids.I] as string[]));
  });

  it("keeps managers to their branches", async () => {
    const body = await expectOk(await bySectionAs(org.as.manager), 200);
    expect(body.rows.map((r) => r.branchId)).toEqual([org.branchIds.north1]);
    await expectProblem(await bySectionAs(org.as.reviewer), 403, "forbidden");
  });
});

type ExportQuery = NonNullable<Parameters<Client["api"]["v1"]["complaints"]["export.csv"]["$get"]>[0]>["query"];
const exportAs = (as: Client, query: ExportQuery = {}) =>
  as.api.v1.complaints["export.csv"].$get({ query: { ...PERIOD, ...query } });

async function csvOf(as: Client, query: ExportQuery = {}) {
  const res = await exportAs(as, query);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  return { text, header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))) };
}

async function lastExportEvent() {
  const [row] = await db()
    .select({ payload: events.payload, actorId: events.actorId })
    .from(events)
    .where(and(eq(events.organizationId, org.id), eq(events.type, "export.downloaded")))
    .orderBy(sql`${events.seq} desc`)
    .limit(1);
  return row;
}

describe("GET /api/v1/complaints/export.csv", () => {
  it("leaves the contact details out by default and neutralises formulas", async () => {
    const { text, header, rows } = await csvOf(org.as.analyst);
    expect(header).not.toContain("customer_name");
    expect(text).not.toContain("@customer.test");
    expect(text).not.toContain("+86 138");
    expect(rows).toHaveLength(6);
    const c = rows.find((r) => r.complaint_id === ids.C);
    expect(c).toMatchObject({ problem: `'=HYPERLINK("http://evil.example")`, past_deadline: "true", status: "new" });
    expect(rows.find((r) => r.complaint_id === ids.A)).toMatchObject({ satisfaction: "4", past_deadline: "false" });
    expect(await lastExportEvent()).toMatchObject({
      actorId: org.people.analyst.id,
      payload: { file: "complaints.csv", contact: false, filter: PERIOD },
    });
  });

  it("gives an admin the contact details when asked, and the trail says so", async () => {
    const { header, rows } = await csvOf(org.as.admin, { contact: "true", status: "followed_up" });
    expect(header.slice(-5)).toEqual([
      "customer_name",
      "customer_phone",
      "customer_email",
      "contact_consent",
      "contact_erased_at",
    ]);
    expect(rows.map((r) => r.complaint_id).sort()).toEqual([ids.A, ids.B, ids.D].sort());
    expect(rows.find((r) => r.complaint_id === ids.A)).toMatchObject({
      customer_name: "Customer A",
      customer_email: "A@customer.test",
      contact_consent: "true",
    });
    expect(await lastExportEvent()).toMatchObject({
      actorId: org.people.admin.id,
      payload: { contact: true, filter: { status: "followed_up" } },
    });
  });

  it("refuses contact details to everyone but admins, and exports nothing then", async () => {
    const before = await lastExportEvent();
    for (const as of [org.as.analyst, org.as.regional, org.as.manager]) {
      await expectProblem(await exportAs(as, { contact: "true" }), 403, "forbidden");
    }
    expect(await lastExportEvent()).toEqual(before);
    await expectProblem(await exportAs(org.as.reviewer), 403, "forbidden");
    await expectProblem(await exportAs(org.as.shopper), 403, "forbidden");
  });

  it("exports each manager's scope only; another branch is a 404", async () => {
    const mine = await csvOf(org.as.manager);
    expect(new Set(mine.rows.map((r) => r.branch_code))).toEqual(new Set(["NO-001"]));
    expect(mine.rows).toHaveLength(4);
    const region = await csvOf(org.as.regional);
    expect(region.rows).toHaveLength(5);
    await expectProblem(await exportAs(org.as.manager, { branchId: org.branchIds.east1 }), 404, "not_found");
  });
});

describe("complaints logged through the API", () => {
  it("count in the figures and the comparison as soon as they are logged and acknowledged", async () => {
    const before = await expectOk(await figuresAs(org.as.admin), 200);
    const south = () => before.rows.find((r) => r.id === org.branchIds.south1);
    expect(south()?.complaints).toBe(0);
    const created = await api("/api/v1/complaints", {
      method: "POST",
      cookie: org.people.admin.cookie,
      body: {
        id: crypto.randomUUID(),
        branchId: org.branchIds.south1,
        channel: "phone",
        receivedAt: new Date(NOW - 2 * HOUR).toISOString(),
        problem: "Nobody explained the return policy.",
        categories: [{ checklistId: version.checklistId, sectionKey: "returns", itemKey: "explains" }],
      },
    });
    const { complaint } = await expectJson<{ complaint: { id: string; version: number } }>(created, 201);
    await expectJson(
      await api(`/api/v1/complaints/${complaint.id}/steps`, {
        method: "POST",
        cookie: org.people.admin.cookie,
        body: { version: complaint.version, step: "acknowledge" },
      }),
      200,
    );
    const after = await expectOk(await figuresAs(org.as.admin), 200);
    const row = after.rows.find((r) => r.id === org.branchIds.south1);
    expect(row).toMatchObject({ complaints: 1, pastDeadlineShare: 0 });
    expect(row?.medianAckHours).toBeGreaterThanOrEqual(2);
    const sections = await expectOk(await bySectionAs(org.as.admin), 200);
    const cell = sections.rows
      .find((r) => r.branchId === org.branchIds.south1)
      ?.cells.find((c) => c.sectionKey === "returns");
    expect(cell?.complaints).toBe(1);
  });
});
