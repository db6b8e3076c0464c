/**
 * Fees, expenses and payouts (docs/PAYOUTS.md): a publication makes a visit's earning exactly
 * once (review publish, policy `none`, re-publication after a reopen), a void withdraws a
 * payable one, expenses are capped and locked once approved, two approvals at once never pay a
 * fee twice, approval is idempotent by its id, the CSV, marking paid, the shopper's earnings,
 * roles (every non-admin 403 before validation), other organisations' ids 404, hostile bodies.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, earnings, events, expenses, memberships, notifications, payouts } from "../../schema";
import { auditEarningQuery, withdrawEarningStatement } from "../../worker/data/earnings";
import { appendEventStatements, chainHeadQuery } from "../../worker/data/events";
import { insertExpenseStatement } from "../../worker/data/expenses";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { chainEvents } from "../../worker/domain/trail";
import { counted } from "./counting-d1";
import { createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors, uniqueJpeg, uploadEvidence } from "./helpers";
import { planVisit, publishChecklistAs, report, submitReport, type Version } from "./report-helpers";

function item(key: string) {
  return {
    key,
    kind: "yes_no" as const,
    prompt: { en: `Item ${key}`, zh: `项目 ${key}` },
    guidance: { en: "", zh: "" },
    weight: 1,
    critical: "none" as const,
    naAllowed: false,
    evidenceOnFail: "none" as const,
  };
}

function checklist(): ChecklistDocument {
  return {
    name: { en: `Fees ${crypto.randomUUID().slice(0, 6)}`, zh: "酬金清单" },
    channel: "store",
    sections: [{ key: "A", title: { en: "A", zh: "甲" }, weight: 1, items: [item("a1"), item("a2")] }],
  };
}

const ANSWERS = [
  { item: "a1", value: true },
  { item: "a2", value: false },
];

/** A visit of `shopper` with a fee and a cap, and its submitted report's id. */
async function submitted(
  o: TestOrganization,
  v: Version,
  fees: { feeCents: number; reimbursementCapCents: number },
  shopper: PersonKey = "shopper",
) {
  const assignment = await planVisit(o, v.id, { shopperId: o.people[shopper].id });
  await db().update(assignments).set(fees).where(eq(assignments.id, assignment.id));
  const id = crypto.randomUUID();
  const audit = await expectOk(await submitReport(o.as[shopper], id, report(assignment, ANSWERS)), 201);
  return { assignmentId: assignment.id, auditId: id, audit };
}

async function earningOf(assignmentId: string) {
  const [row] = await db().select().from(earnings).where(eq(earnings.assignmentId, assignmentId));
  return row;
}

async function eventsOf(organizationId: string, type: string, subjectId: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.type, type), eq(events.subjectId, subjectId)));
}

/** Claims and publishes a waiting report as the reviewer. */
async function reviewPublish(o: TestOrganization, auditId: string, version: number) {
  const routes = o.as.reviewer.api.v1.audits[":id"];
  const claimed = await expectOk(await routes.claim.$post({ param: { id: auditId }, json: { version } }), 200);
  return expectOk(await routes.publish.$post({ param: { id: auditId }, json: { version: claimed.version } }), 200);
}

/** A raw PUT of an expense (hostile bodies the typed client would not send). */
function putExpense(cookie: string, assignmentId: string, json: Record<string, unknown>) {
  return api(`/api/v1/assignments/${assignmentId}/expense`, { method: "PUT", cookie, body: json });
}

async function receipt(o: TestOrganization, person: PersonKey = "shopper") {
  const { res, sha256 } = await uploadEvidence(o.people[person].cookie, uniqueJpeg());
  expect(res.status).toBeLessThan(300);
  return sha256;
}

/** A manager disputes item a2 of the report and a reviewer upholds it, voiding the report. */
async function voidReport(o: TestOrganization, auditId: string) {
  const dispute = await expectOk(
    await o.as.manager.api.v1.audits[":id"].disputes.$post({
      param: { id: auditId },
      json: { items: [{ itemKey: "a2", reason: "The camera shows it." }] },
    }),
    201,
  );
  return expectOk(
    await o.as.reviewer.api.v1.disputes[":id"].decisions.$post({
      param: { id: dispute.id },
      json: {
        version: dispute.version,
        items: [{ itemKey: "a2", outcome: "upheld", reason: "Seen." }],
        report: "void",
      },
    }),
    200,
  );
}

function approve(o: TestOrganization, json: { id: string; shopperIds?: string[]; note?: string }) {
  return o.as.admin.api.v1.payouts.$post({ json });
}

describe("earning on publication", () => {
  let org: TestOrganization;
  let version: Version;
  beforeAll(async () => {
    org = await createOrganization();
    version = await publishChecklistAs(org.as.admin, checklist());
  });

  it("a review publish makes the earning once; a reopen and re-publication changes nothing", async () => {
    const visit = await submitted(org, version, { feeCents: 5000, reimbursementCapCents: 2000 });
    expect(await earningOf(visit.assignmentId)).toBeUndefined();
    const published = await reviewPublish(org, visit.auditId, visit.audit.version);
    expect(await earningOf(visit.assignmentId)).toMatchObject({
      status: "payable",
      feeCents: 5000,
      reimbursementCapCents: 2000,
      auditId: visit.auditId,
      shopperId: org.people.shopper.id,
      version: 1,
    });
    expect(await eventsOf(org.id, "earning.payable", visit.assignmentId)).toHaveLength(1);
    // Reopen, then publish again: still one earning, one event.
    const routes = org.as.admin.api.v1.audits[":id"];
    const reopened = await expectOk(
      await routes.reopen.$post({
        param: { id: visit.auditId },
        json: { version: published.version, reason: "Again." },
      }),
      200,
    );
    await reviewPublish(org, visit.auditId, reopened.version);
    expect(await eventsOf(org.id, "earning.payable", visit.assignmentId)).toHaveLength(1);
    const rows = await db().select().from(earnings).where(eq(earnings.assignmentId, visit.assignmentId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.version).toBe(1);
  });

  it("a visit without fee or cap earns nothing", async () => {
    const visit = await submitted(org, version, { feeCents: 0, reimbursementCapCents: 0 });
    await reviewPublish(org, visit.auditId, visit.audit.version);
    expect(await earningOf(visit.assignmentId)).toBeUndefined();
  });

  it("the shopper sees awaiting_review before publication, payable after", async () => {
    const o = await createOrganization();
    const v = await publishChecklistAs(o.as.admin, checklist());
    const visit = await submitted(o, v, { feeCents: 3000, reimbursementCapCents: 0 });
    let mine = await expectOk(await o.as.shopper.api.v1.me.earnings.$get(), 200);
    expect(mine.currency).toBe("CNY");
    expect(mine.items).toEqual([
      expect.objectContaining({ assignmentId: visit.assignmentId, status: "awaiting_review", feeCents: 3000 }),
    ]);
    expect(mine.totals).toEqual({ awaitingReviewCents: 3000, payableCents: 0, approvedCents: 0, paidCents: 0 });
    await reviewPublish(o, visit.auditId, visit.audit.version);
    mine = await expectOk(await o.as.shopper.api.v1.me.earnings.$get(), 200);
    expect(mine.items[0]).toMatchObject({
      status: "payable",
      auditId: visit.auditId,
      branchNameEn: "Wangfujing",
      branchNameZh: "王府井店",
      expenseCents: null,
      reimbursementCents: 0,
      payoutId: null,
      paidAt: null,
    });
    expect(mine.items[0]?.visitDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(mine.totals.payableCents).toBe(3000);
    // Another shopper sees none of it; head office has no "my earnings".
    expect((await expectOk(await o.as.shopper2.api.v1.me.earnings.$get(), 200)).items).toEqual([]);
    await expectProblem(await o.as.admin.api.v1.me.earnings.$get(), 403, "forbidden");
  });
});

describe("policy none, void and expenses", () => {
  let org: TestOrganization;
  let version: Version;
  beforeAll(async () => {
    org = await createOrganization({ reviewPolicy: "none" });
    version = await publishChecklistAs(org.as.admin, checklist());
  });

  it("a report published on arrival makes its earning in the same batch", async () => {
    const visit = await submitted(org, version, { feeCents: 4000, reimbursementCapCents: 0 });
    expect(visit.audit.status).toBe("published");
    expect(await earningOf(visit.assignmentId)).toMatchObject({ status: "payable", feeCents: 4000 });
    expect(await eventsOf(org.id, "earning.payable", visit.assignmentId)).toHaveLength(1);
  });

  it("a void withdraws a payable earning (event in the decision's batch); an approved one stays", async () => {
    const payable = await submitted(org, version, { feeCents: 4000, reimbursementCapCents: 0 }, "shopper3");
    await voidReport(org, payable.auditId);
    expect(await earningOf(payable.assignmentId)).toMatchObject({ status: "withdrawn", version: 2 });
    expect(await eventsOf(org.id, "earning.withdrawn", payable.assignmentId)).toHaveLength(1);

    // Approved first (a payout took it), then voided: it stays approved, no withdrawal event.
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    const approved = await submitted(o, v, { feeCents: 4000, reimbursementCapCents: 0 });
    await expectOk(await approve(o, { id: crypto.randomUUID() }), 201);
    await voidReport(o, approved.auditId);
    expect(await earningOf(approved.assignmentId)).toMatchObject({ status: "approved" });
    expect(await eventsOf(o.id, "earning.withdrawn", approved.assignmentId)).toHaveLength(0);
    // The withdrawn earning's expense can no longer change.
    const sha = await receipt(org, "shopper3");
    await expectProblem(
      await putExpense(org.people.shopper3.cookie, payable.assignmentId, { amountCents: 100, receiptSha256: sha }),
      409,
      "no_reimbursement",
    );
  });

  it("a withdrawal read before a payout took the fee fails as a whole: no event, the fee stays approved", async () => {
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    const visit = await submitted(o, v, { feeCents: 4000, reimbursementCapCents: 0 });
    // What a decision read: the earning payable at version 1.
    const [read] = await auditEarningQuery(db(), o.id, visit.auditId);
    if (!read) throw new Error("no earning");
    expect(read).toMatchObject({ earningStatus: "payable", earningVersion: 1 });
    // Meanwhile a payout takes it.
    await expectOk(await approve(o, { id: crypto.randomUUID() }), 201);
    const [head] = await chainHeadQuery(db(), o.id);
    const chained = await chainEvents(
      head ?? null,
      [{ type: "earning.withdrawn", subject: { type: "earning", id: visit.assignmentId }, payload: {} }],
      { organizationId: o.id, at: Date.now(), actor: { userId: o.people.reviewer.id, role: "reviewer" } },
    );
    await expect(
      db().batch([
        withdrawEarningStatement(db(), o.id, read),
        ...appendEventStatements(db(), chained, { guarded: true }),
      ]),
    ).rejects.toThrow(/NOT NULL constraint failed: events.seq/);
    expect(await earningOf(visit.assignmentId)).toMatchObject({ status: "approved" });
    expect(await eventsOf(o.id, "earning.withdrawn", visit.assignmentId)).toHaveLength(0);
  });

  it("an expense written after a payout took the fee (read before it) changes nothing", async () => {
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    const visit = await submitted(o, v, { feeCents: 4000, reimbursementCapCents: 3000 });
    await expectOk(await approve(o, { id: crypto.randomUUID() }), 201);
    const values = {
      assignmentId: visit.assignmentId,
      organizationId: o.id,
      shopperId: o.people.shopper.id,
      amountCents: 2000,
      receiptSha256: "0".repeat(64),
      note: "",
      now: Date.now(),
    };
    const result = await insertExpenseStatement(db(), values);
    expect(result.meta.changes).toBe(0);
    expect(await db().select().from(expenses).where(eq(expenses.assignmentId, visit.assignmentId))).toEqual([]);
  });

  it("expenses: capped, versioned, own receipt only, locked once approved", async () => {
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    const visit = await submitted(o, v, { feeCents: 5000, reimbursementCapCents: 2000 });
    const sha = await receipt(o);
    const other = await receipt(o, "shopper2");
    // Someone else's upload (or none) is a field error; nothing is stored.
    const refused = await expectProblem(
      await putExpense(o.people.shopper.cookie, visit.assignmentId, { amountCents: 3500, receiptSha256: other }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(refused)).toEqual(["receiptSha256:required"]);
    const first = await expectOk(
      await o.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: visit.assignmentId },
        json: { amountCents: 3500, receiptSha256: sha, note: "Lunch set" },
      }),
      200,
    );
    expect(first.expense).toMatchObject({
      assignmentId: visit.assignmentId,
      amountCents: 3500,
      capCents: 2000,
      reimbursableCents: 2000,
      receiptSha256: sha,
      note: "Lunch set",
      version: 1,
    });
    expect(await eventsOf(o.id, "expense.claimed", visit.assignmentId)).toHaveLength(1);
    // Once it exists, a change needs its version.
    await expectProblem(
      await o.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: visit.assignmentId },
        json: { amountCents: 1500, receiptSha256: sha },
      }),
      409,
      "stale_version",
    );
    const second = await expectOk(
      await o.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: visit.assignmentId },
        json: { amountCents: 1500, receiptSha256: sha, version: 1 },
      }),
      200,
    );
    expect(second.expense).toMatchObject({ amountCents: 1500, reimbursableCents: 1500, version: 2, note: "" });
    // The shopper and admins read it and its photo; another shopper, managers and analysts do not.
    expect(
      (
        await expectOk(
          await o.as.admin.api.v1.assignments[":id"].expense.$get({ param: { id: visit.assignmentId } }),
          200,
        )
      ).expense?.amountCents,
    ).toBe(1500);
    const photo = await api(`/api/v1/assignments/${visit.assignmentId}/expense/receipt`, {
      cookie: o.people.shopper.cookie,
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    await expectProblem(
      await o.as.shopper2.api.v1.assignments[":id"].expense.$get({ param: { id: visit.assignmentId } }),
      404,
      "not_found",
    );
    for (const person of ["analyst", "manager", "regional", "reviewer"] as const) {
      await expectProblem(
        await o.as[person].api.v1.assignments[":id"].expense.$get({ param: { id: visit.assignmentId } }),
        403,
        "forbidden",
      );
    }
    // Approved with the expense capped: then locked.
    await db().update(assignments).set({ reimbursementCapCents: 1000 }).where(eq(assignments.id, visit.assignmentId));
    const payout = await expectOk(await approve(o, { id: crypto.randomUUID() }), 201);
    // The cap of the earning (fixed at publication: 2000) applies, not the visit's later one.
    expect(payout.payout).toMatchObject({ visitCount: 1, feeCents: 5000, reimbursementCents: 1500, totalCents: 6500 });
    expect(await earningOf(visit.assignmentId)).toMatchObject({ status: "approved", reimbursementCents: 1500 });
    await expectProblem(
      await o.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: visit.assignmentId },
        json: { amountCents: 1900, receiptSha256: sha, version: 2 },
      }),
      409,
      "expense_locked",
    );
    const [stored] = await db().select().from(expenses).where(eq(expenses.assignmentId, visit.assignmentId));
    expect(stored?.amountCents).toBe(1500);
  });

  it("no cap: no_reimbursement; a cancelled visit, another shopper's, hostile bodies", async () => {
    const visit = await submitted(org, version, { feeCents: 1000, reimbursementCapCents: 0 });
    const sha = await receipt(org);
    await expectProblem(
      await putExpense(org.people.shopper.cookie, visit.assignmentId, { amountCents: 100, receiptSha256: sha }),
      409,
      "no_reimbursement",
    );
    const open = await planVisit(org, version.id);
    await db().update(assignments).set({ reimbursementCapCents: 500 }).where(eq(assignments.id, open.id));
    await expectProblem(
      await putExpense(org.people.shopper2.cookie, open.id, { amountCents: 100, receiptSha256: sha }),
      404,
      "not_found",
    );
    for (const body of [
      { amountCents: 0, receiptSha256: sha },
      { amountCents: 10_000_001, receiptSha256: sha },
      { amountCents: 1.5, receiptSha256: sha },
      { amountCents: 100, receiptSha256: "XYZ" },
      { amountCents: 100, receiptSha256: sha, note: "x".repeat(501) },
      { amountCents: 100, receiptSha256: sha, note: "bad\u0000" },
      { amountCents: 100, receiptSha256: sha, extra: true },
    ]) {
      await expectProblem(await putExpense(org.people.shopper.cookie, open.id, body), 400, "validation_failed");
    }
    // Before the report: an open visit takes an expense.
    await expectOk(
      await org.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: open.id },
        json: { amountCents: 800, receiptSha256: sha },
      }),
      200,
    );
    await db().update(assignments).set({ status: "cancelled" }).where(eq(assignments.id, open.id));
    await expectProblem(
      await putExpense(org.people.shopper.cookie, open.id, { amountCents: 100, receiptSha256: sha, version: 1 }),
      409,
      "invalid_state",
    );
    // Every non-shopper is refused before the body is read.
    for (const person of ["admin", "analyst", "manager", "regional", "reviewer"] as const) {
      await expectProblem(await putExpense(org.people[person].cookie, open.id, { nonsense: 1 }), 403, "forbidden");
    }
  });
});

describe("payouts", () => {
  let org: TestOrganization;
  let version: Version;
  beforeAll(async () => {
    org = await createOrganization({ reviewPolicy: "none" });
    version = await publishChecklistAs(org.as.admin, checklist());
  });

  it("payable per shopper, approve (idempotent by id), list, read, CSV, mark paid, notified", async () => {
    const a1 = await submitted(org, version, { feeCents: 5000, reimbursementCapCents: 2000 });
    await submitted(org, version, { feeCents: 2550, reimbursementCapCents: 0 });
    const b1 = await submitted(org, version, { feeCents: 1000, reimbursementCapCents: 1000 }, "shopper2");
    const sha = await receipt(org);
    await expectOk(
      await org.as.shopper.api.v1.assignments[":id"].expense.$put({
        param: { id: a1.assignmentId },
        json: { amountCents: 3000, receiptSha256: sha },
      }),
      200,
    );
    const payable = await expectOk(await org.as.admin.api.v1.payouts.payable.$get(), 200);
    expect(payable.currency).toBe("CNY");
    const shopperLine = payable.shoppers.find((s) => s.shopperId === org.people.shopper.id);
    expect(shopperLine).toMatchObject({
      email: org.people.shopper.email,
      visits: 2,
      feeCents: 7550,
      reimbursementCents: 2000,
      totalCents: 9550,
    });
    expect(payable.totals).toMatchObject({ shoppers: 2, visits: 3, feeCents: 8550, reimbursementCents: 2000 });

    // Only shopper's fees; the same id twice is one payout.
    const id = crypto.randomUUID();
    const created = await expectOk(
      await approve(org, { id, shopperIds: [org.people.shopper.id], note: "=SUM(A1)" }),
      201,
    );
    expect(created.payout).toMatchObject({
      id,
      status: "approved",
      shopperCount: 1,
      visitCount: 2,
      feeCents: 7550,
      reimbursementCents: 2000,
      totalCents: 9550,
      note: "=SUM(A1)",
      version: 1,
      paidAt: null,
    });
    expect(created.payout.approvedByName).toBeTruthy();
    const again = await expectOk(await approve(org, { id }), 200);
    expect(again.payout).toEqual(created.payout);
    expect(await earningOf(b1.assignmentId)).toMatchObject({ status: "payable" });
    const [approvedEvent] = await eventsOf(org.id, "payout.approved", id);
    expect(approvedEvent?.payload).toMatchObject({ visitCount: 2, totalCents: 9550, shopperCount: 1 });

    const list = await expectOk(await org.as.admin.api.v1.payouts.$get(), 200);
    expect(list.payouts.map((p) => p.id)).toContain(id);
    // A name that a spreadsheet would run as a formula (the CSV neutralises it).
    await db()
      .update(memberships)
      .set({ displayLabel: "=1+2" })
      .where(eq(memberships.id, org.people.shopper.membershipId));
    const read = await expectOk(await org.as.admin.api.v1.payouts[":id"].$get({ param: { id } }), 200);
    expect(read.lines).toEqual([
      {
        shopperId: org.people.shopper.id,
        name: "=1+2",
        email: org.people.shopper.email,
        visits: 2,
        feeCents: 7550,
        reimbursementCents: 2000,
        totalCents: 9550,
      },
    ]);

    const csv = await api(`/api/v1/payouts/${id}/csv`, { cookie: org.people.admin.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    // With its byte-order mark (text() would drop it).
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text).toBe(
      `\uFEFFshopper,email,visits,fees,reimbursements,total,currency\r\n'=1+2,${org.people.shopper.email},2,75.50,20.00,95.50,CNY\r\nTOTAL,,2,75.50,20.00,95.50,CNY\r\n`,
    );

    // Mark paid: a stale version is refused; then the earnings are paid and the shopper told.
    await expectProblem(
      await org.as.admin.api.v1.payouts[":id"].paid.$post({ param: { id }, json: { version: 2 } }),
      409,
      "stale_version",
    );
    const paid = await expectOk(
      await org.as.admin.api.v1.payouts[":id"].paid.$post({ param: { id }, json: { version: 1 } }),
      200,
    );
    expect(paid.payout).toMatchObject({ status: "paid", version: 2 });
    expect(paid.payout.paidAt).toBeTruthy();
    await expectProblem(
      await org.as.admin.api.v1.payouts[":id"].paid.$post({ param: { id }, json: { version: 2 } }),
      409,
      "payout_paid",
    );
    expect(await earningOf(a1.assignmentId)).toMatchObject({ status: "paid", payoutId: id, reimbursementCents: 2000 });
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.organizationId, org.id), eq(notifications.kind, "payout_paid")));
    expect(told.map((n) => n.userId)).toEqual([org.people.shopper.id]);
    expect(await eventsOf(org.id, "payout.paid", id)).toHaveLength(1);
    const mine = await expectOk(await org.as.shopper.api.v1.me.earnings.$get(), 200);
    const a1Item = mine.items.find((i) => i.assignmentId === a1.assignmentId);
    expect(a1Item).toMatchObject({ status: "paid", payoutId: id, expenseCents: 3000, reimbursementCents: 2000 });
    expect(a1Item?.paidAt).toBeTruthy();
    expect(mine.totals.paidCents).toBe(9550);

    // Nothing left for shopper: nothing_payable; nothing stored.
    await expectProblem(
      await approve(org, { id: crypto.randomUUID(), shopperIds: [org.people.shopper.id] }),
      409,
      "nothing_payable",
    );
  });

  it("two approvals at once never pay a fee twice", async () => {
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    for (let i = 0; i < 3; i++) await submitted(o, v, { feeCents: 1000, reimbursementCapCents: 0 });
    const results = await Promise.all([
      approve(o, { id: crypto.randomUUID() }),
      approve(o, { id: crypto.randomUUID() }),
      approve(o, { id: crypto.randomUUID() }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const stored = await db().select().from(payouts).where(eq(payouts.organizationId, o.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ visitCount: 3, feeCents: 3000, totalCents: 3000 });
    const taken = await db().select().from(earnings).where(eq(earnings.organizationId, o.id));
    expect(taken.every((e) => e.status === "approved" && e.payoutId === stored[0]?.id)).toBe(true);
    // The same id at once: one payout, both answers name it.
    await submitted(o, v, { feeCents: 700, reimbursementCapCents: 0 });
    const id = crypto.randomUUID();
    const same = await Promise.all([approve(o, { id }), approve(o, { id })]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await db().select().from(payouts).where(eq(payouts.organizationId, o.id))).toHaveLength(2);
  });

  it("approving 40 visits costs 3 D1 round trips (session, one read, one write), marking paid too", async () => {
    const o = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(o.as.admin, checklist());
    const visit = await submitted(o, v, { feeCents: 100, reimbursementCapCents: 0 });
    // 39 more payable earnings straight in the table (like the one the API made).
    const [row] = await db().select().from(earnings).where(eq(earnings.assignmentId, visit.assignmentId));
    const [planned] = await db().select().from(assignments).where(eq(assignments.id, visit.assignmentId));
    if (!row || !planned) throw new Error("no earning");
    for (let i = 0; i < 39; i++) {
      const id = crypto.randomUUID();
      await db().batch([
        db()
          .insert(assignments)
          .values({ ...planned, id }),
        db()
          .insert(earnings)
          .values({ ...row, assignmentId: id }),
      ]);
    }
    const { as, stats } = counted(o.people.admin.cookie);
    const created = await expectOk(await as.api.v1.payouts.$post({ json: { id: crypto.randomUUID() } }), 201);
    expect(created.payout).toMatchObject({ visitCount: 40, feeCents: 4000 });
    expect(stats.roundTrips).toBe(3);
    expect(stats.maxParams).toBeLessThanOrEqual(100);
    const paying = counted(o.people.admin.cookie);
    await expectOk(
      await paying.as.api.v1.payouts[":id"].paid.$post({ param: { id: created.payout.id }, json: { version: 1 } }),
      200,
    );
    expect(paying.stats.roundTrips).toBe(3);
  });

  it("every non-admin is refused before validation; another organisation's ids are 404; hostile bodies 400", async () => {
    const other = await createOrganization({ reviewPolicy: "none" });
    const v = await publishChecklistAs(other.as.admin, checklist());
    await submitted(other, v, { feeCents: 1000, reimbursementCapCents: 0 });
    const theirs = await expectOk(await approve(other, { id: crypto.randomUUID() }), 201);
    const id = theirs.payout.id;
    for (const person of ["analyst", "manager", "regional", "reviewer", "shopper"] as const) {
      const as = org.as[person].api.v1.payouts;
      await expectProblem(await as.payable.$get(), 403, "forbidden");
      await expectProblem(await as.$get(), 403, "forbidden");
      await expectProblem(
        await api("/api/v1/payouts", { cookie: org.people[person].cookie, body: { bad: 1 } }),
        403,
        "forbidden",
      );
      await expectProblem(await as[":id"].$get({ param: { id } }), 403, "forbidden");
      await expectProblem(
        await api(`/api/v1/payouts/${id}/csv`, { cookie: org.people[person].cookie }),
        403,
        "forbidden",
      );
      await expectProblem(
        await api(`/api/v1/payouts/${id}/paid`, { cookie: org.people[person].cookie, body: { nonsense: true } }),
        403,
        "forbidden",
      );
    }
    // Another organisation's payout: 404 everywhere, and its id cannot be reused.
    await expectProblem(await org.as.admin.api.v1.payouts[":id"].$get({ param: { id } }), 404, "not_found");
    await expectProblem(await api(`/api/v1/payouts/${id}/csv`, { cookie: org.people.admin.cookie }), 404, "not_found");
    await expectProblem(
      await org.as.admin.api.v1.payouts[":id"].paid.$post({ param: { id }, json: { version: 1 } }),
      404,
      "not_found",
    );
    await submitted(org, version, { feeCents: 1000, reimbursementCapCents: 0 });
    await expectProblem(await approve(org, { id }), 409, "conflict");
    expect((await db().select().from(payouts).where(eq(payouts.id, id)))[0]?.organizationId).toBe(other.id);
    // Hostile bodies.
    for (const body of [
      {},
      { id: "not-a-uuid" },
      { id: crypto.randomUUID(), shopperIds: [] },
      { id: crypto.randomUUID(), shopperIds: "all" },
      { id: crypto.randomUUID(), note: "x".repeat(501) },
      { id: crypto.randomUUID(), extra: 1 },
    ]) {
      await expectProblem(
        await api("/api/v1/payouts", { cookie: org.people.admin.cookie, body }),
        400,
        "validation_failed",
      );
    }
    await expectProblem(
      await api(`/api/v1/payouts/${id}/paid`, { cookie: org.people.admin.cookie, body: { version: "1" } }),
      400,
      "validation_failed",
    );
    // An expense of another organisation's visit is not there.
    const [visit] = await db().select().from(assignments).where(eq(assignments.organizationId, other.id));
    await expectProblem(
      await org.as.shopper.api.v1.assignments[":id"].expense.$get({ param: { id: visit?.id ?? "x" } }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/assignments/${visit?.id}/expense/receipt`, { cookie: org.people.admin.cookie }),
      404,
      "not_found",
    );
  });

  it("the organisation's currency: shown, changed by admins, validated", async () => {
    const o = await createOrganization();
    const current = await expectOk(await o.as.admin.api.v1.organization.$get(), 200);
    expect(current.currency).toBe("CNY");
    const changed = await expectOk(
      await o.as.admin.api.v1.organization.$patch({ json: { currency: "HKD", version: current.version } }),
      200,
    );
    expect(changed).toMatchObject({ currency: "HKD", version: current.version + 1 });
    expect((await expectOk(await o.as.admin.api.v1.payouts.payable.$get(), 200)).currency).toBe("HKD");
    for (const currency of ["hkd", "HK", "HKDX", "ZZZ", 1]) {
      await expectProblem(
        await api("/api/v1/organization", {
          method: "PATCH",
          cookie: o.people.admin.cookie,
          body: { currency, version: changed.version },
        }),
        400,
        "validation_failed",
      );
    }
  });
});
