/**
 * Complaints (docs/COMPLAINTS.md): scope (another branch is 404, analysts never see contact
 * details, reviewers and shoppers 403 before the body is read), idempotent creation, every step
 * and the ones a status refuses, stale versions, deadlines stored, the follow-up, the calendar,
 * the settings, contact erasure by the scheduled handler, and hostile bodies.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarDays, complaints, events } from "../../schema";
import { verifyChain } from "../../worker/data/audit-log";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { calendarOf, dateIn } from "../../worker/domain/business-days";
import { CHINA_DAYS } from "../../worker/domain/calendars";
import { complaintDeadlines } from "../../worker/domain/complaints";
import worker from "../../worker/index";
import { createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, db, expectJson, expectProblem, fieldErrors } from "./helpers";

let org: TestOrganization;
const DAY = 86_400_000;

beforeAll(async () => {
  org = await createOrganization();
});

type Json = Record<string, unknown>;
interface Complaint {
  id: string;
  status: string;
  version: number;
  customer: { name: string; phone: string; email: string; consent: boolean } | null;
  contactVisible: boolean;
  contactErased: boolean;
  acknowledgeBy: string;
  remedyBy: string;
  resolveBy: string;
  followUpDue: string | null;
  overdue: string[];
  summaryResolution: boolean;
  satisfaction: number | null;
  steps: Array<{ type: string; at: string; actorName: string | null; payload: Json }>;
  [key: string]: unknown;
}

function call(person: PersonKey, method: string, path: string, body?: unknown) {
  return api(`/api/v1${path}`, { method, body, cookie: org.people[person].cookie });
}

function body(overrides: Json = {}): Json {
  return {
    id: crypto.randomUUID(),
    branchId: org.branchIds.north1,
    channel: "in_store",
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    problem: "The jacket's zip broke after two days.",
    product: "Rain jacket",
    wants: "An exchange",
    purchaseDate: "2026-11-20",
    customer: { name: "Wang Fang", phone: "+86 138 0000 0000", email: "wf@example.com", consent: true },
    categories: [{ checklistId: org.checklistIds.store, sectionKey: firstSection }],
    tags: ["zip", "jacket"],
    ...overrides,
  };
}

let firstSection = "";
let firstItem = "";

beforeAll(async () => {
  const res = await call("admin", "GET", `/checklist-versions/${org.versionIds.store}`);
  const version = await expectJson<{ document: { sections: Array<{ key: string; items: Array<{ key: string }> }> } }>(
    res,
    200,
  );
  const section = version.document.sections[0];
  firstSection = section?.key ?? "";
  firstItem = section?.items[0]?.key ?? "";
});

async function create(person: PersonKey = "manager", overrides: Json = {}): Promise<Complaint> {
  const res = await call(person, "POST", "/complaints", body(overrides));
  return (await expectJson<{ complaint: Complaint }>(res, 201)).complaint;
}

function step(person: PersonKey, c: { id: string; version: number }, json: Json) {
  return call(person, "POST", `/complaints/${c.id}/steps`, { version: c.version, ...json });
}

async function stepOk(person: PersonKey, c: { id: string; version: number }, json: Json): Promise<Complaint> {
  return (await expectJson<{ complaint: Complaint }>(await step(person, c, json), 200)).complaint;
}

describe("creating", () => {
  it("a branch manager logs a complaint of their branch: 201 with its deadlines and one event", async () => {
    const c = await create();
    expect(c.status).toBe("new");
    expect(c.customer).toEqual({
      name: "Wang Fang",
      phone: "+86 138 0000 0000",
      email: "wf@example.com",
      consent: true,
    });
    expect(c.contactVisible).toBe(true);
    expect(c.steps.map((s) => s.type)).toEqual(["complaint.created"]);
    expect(JSON.stringify(c.steps[0]?.payload)).not.toContain("Wang Fang");
    const [row] = await db().select().from(complaints).where(eq(complaints.id, c.id));
    if (!row) throw new Error("no row");
    const expected = complaintDeadlines(
      row.receivedAt,
      {
        complaintAckDays: 1,
        complaintRemedyDays: 5,
        complaintResolveWeeks: 8,
        complaintSummaryDays: 3,
      },
      "Asia/Shanghai",
      calendarOf([]),
    );
    expect(row.acknowledgeBy).toBe(expected.acknowledgeBy);
    expect(row.remedyBy).toBe(expected.remedyBy);
    expect(row.resolveBy).toBe(expected.resolveBy);
    expect(new Date(c.acknowledgeBy).getTime()).toBe(expected.acknowledgeBy);
    expect(row.acknowledgeBy).toBeGreaterThan(row.receivedAt);
    expect(row.remedyBy).toBeGreaterThan(row.acknowledgeBy);
  });

  it("is idempotent by id: the same body again is 200 and the same complaint, one event; another body 409", async () => {
    const json = body();
    const first = await expectJson<{ complaint: Complaint }>(await call("manager", "POST", "/complaints", json), 201);
    const again = await expectJson<{ complaint: Complaint }>(await call("manager", "POST", "/complaints", json), 200);
    expect(again.complaint.id).toBe(first.complaint.id);
    expect(again.complaint.version).toBe(1);
    const created = await db()
      .select()
      .from(events)
      .where(and(eq(events.subjectId, String(json.id)), eq(events.type, "complaint.created")));
    expect(created).toHaveLength(1);
    await expectProblem(
      await call("manager", "POST", "/complaints", { ...json, problem: "Something else" }),
      409,
      "conflict",
    );
    // The same id from someone else is taken too.
    await expectProblem(await call("admin", "POST", "/complaints", json), 409, "conflict");
  });

  it("refuses contact details without consent, unknown categories, and more than 10 tags", async () => {
    const problem = await expectProblem(
      await call("manager", "POST", "/complaints", body({ customer: { name: "X", consent: false } })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["customer.consent:required"]);
    const cat = await expectProblem(
      await call(
        "manager",
        "POST",
        "/complaints",
        body({
          categories: [
            { checklistId: org.checklistIds.store, sectionKey: "no_such_section" },
            { checklistId: org.checklistIds.store, sectionKey: firstSection, itemKey: "no_such_item" },
            { checklistId: "no-such-checklist", sectionKey: firstSection },
          ],
        }),
      ),
      400,
      "validation_failed",
    );
    expect(fieldErrors(cat)).toEqual([
      "categories[0].sectionKey:unknown_reference",
      "categories[1].itemKey:unknown_reference",
      "categories[2].checklistId:unknown_reference",
    ]);
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    await expectProblem(await call("manager", "POST", "/complaints", body({ tags })), 400, "validation_failed");
    // An item of the section is fine.
    await create("manager", {
      categories: [{ checklistId: org.checklistIds.store, sectionKey: firstSection, itemKey: firstItem }],
    });
  });

  it("takes a phone call's transcript of 50,000 Chinese characters (150 KB) on create and PATCH; one more is a field error", async () => {
    const line = "顾客：你好，我想退货。\n店员：这不是我的工作，我不知道。\n";
    const transcript = line.repeat(Math.ceil(50_000 / line.length)).slice(0, 50_000);
    expect(transcript).toHaveLength(50_000);
    expect(new TextEncoder().encode(JSON.stringify(body({ transcript }))).length).toBeGreaterThan(140 * 1024);
    const c = await create("manager", { channel: "phone", transcript });
    const [row] = await db().select().from(complaints).where(eq(complaints.id, c.id));
    expect(row?.transcript).toBe(transcript);
    const longer = await expectProblem(
      await call("manager", "POST", "/complaints", body({ channel: "phone", transcript: `${transcript}我` })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(longer).map((e) => e.split(":")[0])).toEqual(["transcript"]);
    const edited = `${transcript.slice(0, 49_999)}！`;
    const patched = await call("manager", "PATCH", `/complaints/${c.id}`, { version: c.version, transcript: edited });
    expect((await expectJson<{ complaint: Complaint }>(patched, 200)).complaint.transcript).toBe(edited);
    const tooLong = await expectProblem(
      await call("manager", "PATCH", `/complaints/${c.id}`, { version: c.version + 1, transcript: `${edited}我` }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(tooLong).map((e) => e.split(":")[0])).toEqual(["transcript"]);
    // The steps keep the small limit: only the facts carry a transcript.
    await expectProblem(
      await step("manager", c, { step: "close", closeReason: "x".repeat(70 * 1024) }),
      413,
      "payload_too_large",
    );
  });

  it("hostile bodies: unknown fields, control characters, an oversized problem, a bad id, a future date, wrong types", async () => {
    const bad: Json[] = [
      body({ extra: 1 }),
      body({ problem: "bad\u0000text" }),
      body({ problem: "x".repeat(4001) }),
      body({ problem: "" }),
      body({ id: "not-a-uuid" }),
      body({ channel: "fax" }),
      body({ receivedAt: "yesterday" }),
      body({ purchaseDate: "2026-02-30" }),
      body({ tags: "zip" }),
      body({ customer: { name: "A", email: "not-an-email", consent: true } }),
      body({ categories: [{ checklistId: org.checklistIds.store, sectionKey: firstSection, evil: true }] }),
    ];
    for (const json of bad)
      await expectProblem(await call("manager", "POST", "/complaints", json), 400, "validation_failed");
    const future = await expectProblem(
      await call("manager", "POST", "/complaints", body({ receivedAt: new Date(Date.now() + DAY).toISOString() })),
      400,
      "validation_failed",
    );
    expect(fieldErrors(future)).toEqual(["receivedAt:not_allowed"]);
    const raw = await api("/api/v1/complaints", {
      method: "POST",
      body: "{not json",
      cookie: org.people.manager.cookie,
    });
    expect(raw.status).toBe(400);
  });
});

describe("scope", () => {
  let ours: Complaint;
  let theirs: Complaint;
  beforeAll(async () => {
    ours = await create("manager");
    theirs = await create("admin", { branchId: org.branchIds.east1 });
  });

  it("a branch manager never sees another branch's complaint (404) nor logs one there (404)", async () => {
    await expectProblem(await call("manager", "GET", `/complaints/${theirs.id}`), 404, "not_found");
    await expectProblem(
      await call("manager", "POST", `/complaints/${theirs.id}/steps`, { version: 1, step: "acknowledge" }),
      404,
      "not_found",
    );
    await expectProblem(
      await call("manager", "POST", "/complaints", body({ branchId: org.branchIds.east1 })),
      404,
      "not_found",
    );
    const list = await expectJson<{ items: Complaint[] }>(await call("manager", "GET", "/complaints?limit=100"), 200);
    expect(list.items.map((i) => i.id)).toContain(ours.id);
    expect(list.items.map((i) => i.id)).not.toContain(theirs.id);
  });

  it("a regional manager sees their region's complaints without contact details; east is 404", async () => {
    const read = await expectJson<{ complaint: Complaint }>(
      await call("regional", "GET", `/complaints/${ours.id}`),
      200,
    );
    expect(read.complaint.customer).toBeNull();
    expect(read.complaint.contactVisible).toBe(false);
    await expectProblem(await call("regional", "GET", `/complaints/${theirs.id}`), 404, "not_found");
  });

  it("an analyst reads every complaint but never the contact details, and takes no step (403)", async () => {
    const read = await expectJson<{ complaint: Complaint }>(
      await call("analyst", "GET", `/complaints/${theirs.id}`),
      200,
    );
    expect(read.complaint.customer).toBeNull();
    expect(read.complaint.contactVisible).toBe(false);
    expect(JSON.stringify(read.complaint)).not.toContain("Wang Fang");
    await expectProblem(
      await call("analyst", "POST", `/complaints/${ours.id}/steps`, { version: ours.version, step: "acknowledge" }),
      403,
      "forbidden",
    );
    await expectProblem(await call("analyst", "POST", "/complaints", body()), 403, "forbidden");
  });

  it("reviewers and shoppers are 403 before the body is read", async () => {
    for (const person of ["reviewer", "shopper"] as const) {
      await expectProblem(await call(person, "GET", "/complaints"), 403, "forbidden");
      await expectProblem(await call(person, "POST", "/complaints", { nonsense: true }), 403, "forbidden");
      await expectProblem(await call(person, "GET", `/complaints/${ours.id}`), 403, "forbidden");
      await expectProblem(await call(person, "POST", `/complaints/${ours.id}/steps`, "{bad"), 403, "forbidden");
    }
  });

  it("an admin sees the contact details of any branch", async () => {
    const read = await expectJson<{ complaint: Complaint }>(await call("admin", "GET", `/complaints/${ours.id}`), 200);
    expect(read.complaint.customer?.name).toBe("Wang Fang");
  });
});

describe("the steps", () => {
  it("new → acknowledged → remedy_proposed → resolved → followed_up, each with its event and actor", async () => {
    let c = await create();
    c = await stepOk("manager", c, { step: "acknowledge" });
    expect(c.status).toBe("acknowledged");
    c = await stepOk("manager", c, {
      step: "propose_remedy",
      remedyKind: "exchange",
      remedyAmountCents: 0,
      remedyNote: "A new jacket",
    });
    expect(c.status).toBe("remedy_proposed");
    expect(c.remedyKind).toBe("exchange");
    c = await stepOk("regional", c, { step: "resolve", resolution: "Exchanged on the spot", summary: true });
    expect(c.status).toBe("resolved");
    expect(c.summaryResolution).toBe(true);
    expect(c.followUpDue).not.toBeNull();
    // The follow-up call: 10:00 in Shanghai, on a later day.
    const due = new Date(c.followUpDue ?? "");
    expect(due.getUTCHours()).toBe(2);
    expect(due.getUTCMinutes()).toBe(0);
    expect(dateIn(due.getTime(), "Asia/Shanghai") > dateIn(Date.now(), "Asia/Shanghai")).toBe(true);
    const res = await call("manager", "POST", `/complaints/${c.id}/follow-up`, {
      version: c.version,
      satisfaction: 4,
      comment: "Happy with the new one",
    });
    c = (await expectJson<{ complaint: Complaint }>(res, 200)).complaint;
    expect(c.status).toBe("followed_up");
    expect(c.satisfaction).toBe(4);
    expect(c.steps.map((s) => s.type)).toEqual([
      "complaint.created",
      "complaint.acknowledged",
      "complaint.remedy_proposed",
      "complaint.resolved",
      "complaint.followed_up",
    ]);
    expect(c.steps[3]?.actorName).toBe("Liu Yang");
    expect(c.steps[1]?.actorName).toBe("Li Na");
    // Finished: no more steps, no more edits.
    await expectProblem(await step("manager", c, { step: "close", closeReason: "x" }), 409, "invalid_state");
    await expectProblem(
      await call("manager", "PATCH", `/complaints/${c.id}`, { version: c.version, problem: "Edited" }),
      409,
      "invalid_state",
    );
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("close without a follow-up needs a reason, and only from resolved", async () => {
    let c = await create();
    await expectProblem(await step("manager", c, { step: "close", closeReason: "No answer" }), 409, "invalid_state");
    await expectProblem(await step("manager", c, { step: "resolve", resolution: "Done" }), 409, "invalid_state");
    await expectProblem(
      await step("manager", c, { step: "propose_remedy", remedyKind: "refund" }),
      409,
      "invalid_state",
    );
    c = await stepOk("manager", c, { step: "acknowledge" });
    await expectProblem(await step("manager", c, { step: "acknowledge" }), 409, "invalid_state");
    c = await stepOk("manager", c, { step: "propose_remedy", remedyKind: "refund", remedyAmountCents: 12_900 });
    c = await stepOk("manager", c, { step: "resolve", resolution: "Refunded" });
    const missing = await expectProblem(await step("manager", c, { step: "close" }), 400, "validation_failed");
    expect(fieldErrors(missing)).toEqual(["closeReason:required"]);
    c = await stepOk("manager", c, { step: "close", closeReason: "Customer could not be reached" });
    expect(c.status).toBe("closed");
    expect(c.closeReason).toBe("Customer could not be reached");
    await expectProblem(
      await call("manager", "POST", `/complaints/${c.id}/follow-up`, { version: c.version, satisfaction: 3 }),
      409,
      "invalid_state",
    );
  });

  it("refuses a stale version (409 stale_version with the current one) and bodies that do not fit the step", async () => {
    const c = await create();
    const stale = await expectProblem(
      await step("manager", { id: c.id, version: 7 }, { step: "acknowledge" }),
      409,
      "stale_version",
    );
    expect((stale as unknown as { version: number }).version).toBe(1);
    const cases: Array<[Json, string[]]> = [
      [{ step: "propose_remedy" }, ["remedyKind:required"]],
      [{ step: "acknowledge", remedyKind: "refund" }, ["remedyKind:not_allowed"]],
      [{ step: "resolve" }, ["resolution:required"]],
      [{ step: "acknowledge", summary: true }, ["summary:not_allowed"]],
      [{ step: "propose_remedy", remedyKind: "refund", remedyAmountCents: -1 }, ["remedyAmountCents:too_small"]],
      [{ step: "fly" }, ["step:invalid_value"]],
    ];
    for (const [json, errors] of cases) {
      const problem = await expectProblem(await step("manager", c, json), 400, "validation_failed");
      expect(fieldErrors(problem)).toEqual(errors);
    }
    await expectProblem(
      await call("manager", "POST", `/complaints/${c.id}/follow-up`, { version: 1, satisfaction: 6 }),
      400,
      "validation_failed",
    );
  });

  it("a summary resolution is refused after the summary window", async () => {
    // Received three weeks ago: far past the third business day.
    let c = await create("manager", { receivedAt: new Date(Date.now() - 21 * DAY).toISOString() });
    expect(c.overdue).toEqual(expect.arrayContaining(["acknowledge", "remedy"]));
    c = await stepOk("manager", c, { step: "acknowledge" });
    c = await stepOk("manager", c, { step: "propose_remedy", remedyKind: "apology_only" });
    const problem = await expectProblem(
      await step("manager", c, { step: "resolve", resolution: "Apologised", summary: true }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["summary:not_allowed"]);
    c = await stepOk("manager", c, { step: "resolve", resolution: "Apologised" });
    expect(c.summaryResolution).toBe(false);
  });
});

describe("editing the facts (PATCH)", () => {
  it("changes the facts with a complaint.changed event that never carries contact details", async () => {
    const c = await create();
    const res = await call("manager", "PATCH", `/complaints/${c.id}`, {
      version: c.version,
      product: "Rain jacket, size L",
      customer: { name: "Wang Fang", phone: "+86 139 1111 1111", consent: true },
    });
    const changed = (await expectJson<{ complaint: Complaint }>(res, 200)).complaint;
    expect(changed.version).toBe(2);
    expect(changed.product).toBe("Rain jacket, size L");
    expect(changed.customer?.phone).toBe("+86 139 1111 1111");
    const event = changed.steps.at(-1);
    expect(event?.type).toBe("complaint.changed");
    expect(JSON.stringify(event?.payload)).not.toContain("139");
    await expectProblem(
      await call("manager", "PATCH", `/complaints/${c.id}`, { version: 1, product: "Again" }),
      409,
      "stale_version",
    );
    // A regional manager may edit the facts, not the contact details they cannot see.
    const refused = await expectProblem(
      await call("regional", "PATCH", `/complaints/${c.id}`, { version: 2, customer: { consent: false } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(refused)).toEqual(["customer:not_allowed"]);
    await expectProblem(
      await call("analyst", "PATCH", `/complaints/${c.id}`, { version: 2, product: "X" }),
      403,
      "forbidden",
    );
  });

  it("moving the day received moves the deadlines", async () => {
    const c = await create();
    const earlier = new Date(Date.now() - 10 * DAY).toISOString();
    const res = await call("manager", "PATCH", `/complaints/${c.id}`, { version: c.version, receivedAt: earlier });
    const moved = (await expectJson<{ complaint: Complaint }>(res, 200)).complaint;
    expect(Date.parse(moved.acknowledgeBy)).toBeLessThan(Date.parse(c.acknowledgeBy));
    expect(moved.overdue).toContain("acknowledge");
  });
});

describe("the list", () => {
  it("filters by status, overdue, tag, category and branch, and pages with a cursor", async () => {
    const tag = `t${Date.now()}`;
    const made: Complaint[] = [];
    for (let i = 0; i < 3; i++)
      made.push(
        await create("manager", { tags: [tag], receivedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString() }),
      );
    const acked = await stepOk("manager", made[0] as Complaint, { step: "acknowledge" });
    const page1 = await expectJson<{ items: Complaint[]; nextCursor: string | null }>(
      await call("manager", "GET", `/complaints?tag=${tag}&limit=2`),
      200,
    );
    expect(page1.items.map((i) => i.id)).toEqual([made[0]?.id, made[1]?.id]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await expectJson<{ items: Complaint[]; nextCursor: string | null }>(
      await call("manager", "GET", `/complaints?tag=${tag}&limit=2&cursor=${page1.nextCursor}`),
      200,
    );
    expect(page2.items.map((i) => i.id)).toEqual([made[2]?.id]);
    expect(page2.nextCursor).toBeNull();
    const byStatus = await expectJson<{ items: Complaint[] }>(
      await call("manager", "GET", `/complaints?tag=${tag}&status=acknowledged`),
      200,
    );
    expect(byStatus.items.map((i) => i.id)).toEqual([acked.id]);
    const byCategory = await expectJson<{ items: Complaint[] }>(
      await call("admin", "GET", `/complaints?tag=${tag}&category=${firstSection}&branchId=${org.branchIds.north1}`),
      200,
    );
    expect(byCategory.items).toHaveLength(3);
    const old = await create("manager", { tags: [tag], receivedAt: new Date(Date.now() - 20 * DAY).toISOString() });
    const overdue = await expectJson<{ items: Complaint[] }>(
      await call("manager", "GET", `/complaints?tag=${tag}&overdue=acknowledge`),
      200,
    );
    expect(overdue.items.map((i) => i.id)).toEqual([old.id]);
    expect(overdue.items[0]?.overdue).toEqual(["acknowledge", "remedy"]);
    for (const bad of ["overdue=soon", "status=lost", "cursor=abc", "limit=0", "from=2026-13-01", "nope=1"])
      await expectProblem(await call("manager", "GET", `/complaints?${bad}`), 400, "validation_failed");
  });
});

describe("the calendar and settings", () => {
  it("an admin reads and replaces a year's days (calendar.changed); others are 403; deadlines follow it", async () => {
    const read = await expectJson<{ year: number; days: unknown[]; version: number }>(
      await call("admin", "GET", "/organization/calendar?year=2027"),
      200,
    );
    expect(read.days).toEqual([]);
    await expectProblem(await call("manager", "GET", "/organization/calendar"), 403, "forbidden");
    await expectProblem(await call("analyst", "PUT", "/organization/calendar", { year: 2027 }), 403, "forbidden");
    const days = [
      { date: "2027-01-01", kind: "holiday", nameEn: "New Year's Day", nameZh: "元旦" },
      { date: "2027-01-09", kind: "workday", nameEn: "Working Saturday", nameZh: "调休上班" },
    ];
    const put = await expectJson<{ days: unknown[]; version: number }>(
      await call("admin", "PUT", "/organization/calendar", { year: 2027, days, version: read.version }),
      200,
    );
    expect(put.days).toEqual(days);
    expect(put.version).toBe(read.version + 1);
    await expectProblem(
      await call("admin", "PUT", "/organization/calendar", { year: 2027, days: [], version: read.version }),
      409,
      "stale_version",
    );
    const wrongYear = await expectProblem(
      await call("admin", "PUT", "/organization/calendar", {
        year: 2027,
        days: [{ date: "2026-05-01", kind: "holiday" }],
        version: put.version,
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrongYear)).toEqual(["days[0].date:not_allowed"]);
    const changed = await db()
      .select()
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.type, "calendar.changed")));
    expect(changed).toHaveLength(1);
    const stored = await db().select().from(calendarDays).where(eq(calendarDays.organizationId, org.id));
    expect(stored.map((d) => d.date).sort()).toEqual(["2027-01-01", "2027-01-09"]);
  });

  it("PATCH /organization takes the complaint settings within their ranges", async () => {
    const current = await expectJson<{ version: number; complaintAckDays: number }>(
      await call("admin", "GET", "/organization"),
      200,
    );
    expect(current.complaintAckDays).toBe(1);
    const bad = await expectProblem(
      await call("admin", "PATCH", "/organization", {
        version: current.version,
        complaintAckDays: 0,
        complaintResolveWeeks: 27,
        contactRetentionDays: 10,
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual([
      "complaintAckDays:too_small",
      "complaintResolveWeeks:too_big",
      "contactRetentionDays:too_small",
    ]);
    const order = await expectProblem(
      await call("admin", "PATCH", "/organization", { version: current.version, complaintAckDays: 6 }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(order)).toEqual(["complaintRemedyDays:not_allowed"]);
    const ok = await expectJson<{ version: number; contactRetentionDays: number; complaintRemedyDays: number }>(
      await call("admin", "PATCH", "/organization", {
        version: current.version,
        complaintRemedyDays: 4,
        contactRetentionDays: 90,
      }),
      200,
    );
    expect(ok.contactRetentionDays).toBe(90);
    expect(ok.complaintRemedyDays).toBe(4);
  });
});

describe("erasure of contact details", () => {
  async function finished(daysAgo: number, how: "close" | "follow_up") {
    let c = await create();
    c = await stepOk("manager", c, { step: "acknowledge" });
    c = await stepOk("manager", c, { step: "propose_remedy", remedyKind: "gift" });
    c = await stepOk("manager", c, { step: "resolve", resolution: "A voucher" });
    if (how === "close") c = await stepOk("manager", c, { step: "close", closeReason: "No answer" });
    else
      c = (
        await expectJson<{ complaint: Complaint }>(
          await call("manager", "POST", `/complaints/${c.id}/follow-up`, { version: c.version, satisfaction: 5 }),
          200,
        )
      ).complaint;
    const at = Date.now() - daysAgo * DAY;
    await db()
      .update(complaints)
      .set(how === "close" ? { closedAt: at } : { followedUpAt: at })
      .where(eq(complaints.id, c.id));
    return c;
  }

  async function runHandler() {
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
  }

  it("the scheduled handler erases details of complaints finished past the retention, once, with an event", async () => {
    // The settings test set 90 days.
    const oldClosed = await finished(100, "close");
    const oldFollowed = await finished(91, "follow_up");
    const recent = await finished(30, "close");
    const open = await create("manager", { receivedAt: new Date(Date.now() - 200 * DAY).toISOString() });
    await runHandler();
    await runHandler();
    for (const c of [oldClosed, oldFollowed]) {
      const read = (
        await expectJson<{ complaint: Complaint }>(await call("manager", "GET", `/complaints/${c.id}`), 200)
      ).complaint;
      expect(read.customer).toEqual({ name: "", phone: "", email: "", consent: true });
      expect(read.contactErased).toBe(true);
      expect(read.problem).toBe("The jacket's zip broke after two days.");
      const erased = read.steps.filter((s) => s.type === "complaint.contact_erased");
      expect(erased).toHaveLength(1);
      expect(erased[0]?.actorName).toBeNull();
      expect(JSON.stringify(erased[0]?.payload)).not.toMatch(/Wang|138|example/);
    }
    for (const c of [recent, open]) {
      const read = (
        await expectJson<{ complaint: Complaint }>(await call("manager", "GET", `/complaints/${c.id}`), 200)
      ).complaint;
      expect(read.customer?.name).toBe("Wang Fang");
      expect(read.contactErased).toBe(false);
    }
    // Nothing in the trail holds the erased details.
    const trail = await db().select().from(events).where(eq(events.organizationId, org.id));
    expect(JSON.stringify(trail)).not.toContain("Wang Fang");
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });
});

describe("other organisations and hostile input", () => {
  it("another organisation's complaint is 404 for everyone here, even an admin", async () => {
    const other = await createOrganization();
    const theirs = (
      await expectJson<{ complaint: Complaint }>(
        await api("/api/v1/complaints", {
          method: "POST",
          cookie: other.people.manager.cookie,
          body: { ...body(), branchId: other.branchIds.north1, categories: [] },
        }),
        201,
      )
    ).complaint;
    for (const person of ["admin", "analyst", "manager"] as const)
      await expectProblem(await call(person, "GET", `/complaints/${theirs.id}`), 404, "not_found");
    await expectProblem(
      await call("admin", "POST", `/complaints/${theirs.id}/steps`, { version: 1, step: "acknowledge" }),
      404,
      "not_found",
    );
    // Its id is taken, but nothing of it shows.
    const taken = await call("admin", "POST", "/complaints", { ...body(), id: theirs.id });
    expect([404, 409]).toContain(taken.status);
  });

  it("random bodies for create, PATCH, steps and follow-up are 4xx problems and change nothing (fast-check)", async () => {
    const target = await create();
    const count = async () =>
      (await db().select().from(complaints).where(eq(complaints.organizationId, org.id))).length;
    const before = { n: await count(), row: await db().select().from(complaints).where(eq(complaints.id, target.id)) };
    const anything = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          id: fc.oneof(fc.uuid(), fc.string()),
          version: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
          step: fc.oneof(fc.constantFrom("acknowledge", "close", "resolve", "propose_remedy"), fc.string()),
          branchId: fc.string(),
          channel: fc.string(),
          receivedAt: fc.oneof(fc.string(), fc.integer()),
          problem: fc.oneof(fc.string({ maxLength: 50 }), fc.integer()),
          customer: fc.jsonValue(),
          categories: fc.jsonValue(),
          tags: fc.jsonValue(),
          satisfaction: fc.oneof(fc.integer({ min: -5, max: 10 }), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(anything, fc.constantFrom("create", "patch", "steps", "follow-up"), async (json, kind) => {
        const path =
          kind === "create" ? "/complaints" : `/complaints/${target.id}${kind === "patch" ? "" : `/${kind}`}`;
        // A body that happens to be valid and current could change the row: send a stale version.
        const sent =
          json && typeof json === "object" && !Array.isArray(json) && kind !== "create"
            ? { ...json, version: 999 }
            : json;
        const res = await call("manager", kind === "patch" ? "PATCH" : "POST", path, sent);
        const text = await res.text();
        expect(res.status, text).toBeGreaterThanOrEqual(400);
        expect(res.status, text).toBeLessThan(500);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      }),
      { numRuns: 150 },
    );
    expect({ n: await count(), row: await db().select().from(complaints).where(eq(complaints.id, target.id)) }).toEqual(
      before,
    );
  }, 30_000);

  it("an organisation created in Chinese starts with China's calendar; in English with none", async () => {
    const zh = crypto.randomUUID();
    const en = crypto.randomUUID();
    const now = Date.now();
    const database = db();
    const [first, ...rest] = [
      ...createOrganizationStatements(
        database,
        { id: zh, slug: `zh-${zh}`, nameEn: "ZH", nameZh: "中", locale: "zh" },
        now,
      ),
      ...createOrganizationStatements(
        database,
        { id: en, slug: `en-${en}`, nameEn: "EN", nameZh: "英", locale: "en" },
        now,
      ),
    ];
    if (first) await database.batch([first, ...rest]);
    const zhDays = await database.select().from(calendarDays).where(eq(calendarDays.organizationId, zh));
    expect(zhDays.map((d) => d.date).sort()).toEqual(CHINA_DAYS.map((d) => d.date).sort());
    const enDays = await database.select().from(calendarDays).where(eq(calendarDays.organizationId, en));
    expect(enDays).toEqual([]);
  });
});
