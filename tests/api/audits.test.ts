/**
 * Reports: PUT /api/v1/audits/:uuid by the shopper's phone (the id is the phone's, so a retry
 * is always safe), scored by the server, published at once; read by the people who may see
 * them, without the shopper's identity for branch and regional managers.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { answers, assignments, audits, evidence } from "../../schema";
import { type ChecklistDocument, type ChecklistItem, listItems } from "../../worker/domain/checklists";
import { scoreAudit } from "../../worker/domain/scoring";
import { type Client, client, createOrganization, type TestOrganization } from "./factory";
import {
  type AnswerJson,
  type AnyResponse,
  completeAnswers,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  isoDay,
  putAudit,
  reportBody,
  uniqueJpeg,
  uploadEvidence,
} from "./helpers";
import { createMemberBy } from "./member-helpers";
import { createBranchIn } from "./org-helpers";
import {
  type Assignment,
  type Audit,
  cancelAssignment,
  planVisit,
  publishChecklistAs,
  type ReportInput,
  readAssignment,
  readAudit,
  readVersion,
  report,
  submitReport,
  type Version,
} from "./report-helpers";

let org: TestOrganization;
let other: TestOrganization;
/** Cookies, for the requests the typed client cannot send (unknown fields, malformed values). */
let shopper: string;
let store: Version;
let callCentre: Version;
let shopperId: string;
let shopper2Id: string;

beforeAll(async () => {
  // Published on arrival: these tests are about submission and reading, not review (review.test.ts).
  [org, other] = await Promise.all([
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "none" }),
  ]);
  shopper = org.people.shopper.cookie;
  shopperId = org.people.shopper.id;
  shopper2Id = org.people.shopper2.id;
  [store, callCentre] = await Promise.all([
    readVersion(org.as.admin, org.versionIds.store),
    readVersion(org.as.admin, org.versionIds.call),
  ]);
});

/** Plans a visit in `org` (to north1 for its shopper unless overridden). */
const plan = (versionId: string, overrides: Parameters<typeof planVisit>[2] = {}) =>
  planVisit(org, versionId, overrides);

/** The first item of the store checklist that matches, so the tests follow the document. */
function storeItem(test: (item: ChecklistItem) => boolean): ChecklistItem {
  const found = listItems(store.document).find(({ item }) => test(item))?.item;
  if (!found) throw new Error("the store checklist has no such item");
  return found;
}

const commentOnFail = () =>
  storeItem((i) => i.kind === "yes_no" && i.evidenceOnFail === "comment" && !i.naAllowed && i.critical === "none");
const photoOnFail = () => storeItem((i) => i.evidenceOnFail === "photo" && i.critical === "none");
const scale = () => storeItem((i) => i.kind === "scale") as Extract<ChecklistItem, { kind: "scale" }>;
const photoItem = () => storeItem((i) => i.kind === "photo");
const criticalAudit = () => storeItem((i) => i.critical === "audit");

/** Complete passing answers with `changes` applied to the answers of the given items. */
function answersWith(changes: Record<string, Partial<AnswerJson> | null> = {}, doc = store.document): AnswerJson[] {
  const base = completeAnswers(doc);
  const out: AnswerJson[] = [];
  for (const answer of base) {
    const change = changes[answer.item];
    if (change === null) continue;
    out.push(change ? { item: answer.item, ...change } : answer);
  }
  for (const [item, change] of Object.entries(changes)) {
    if (change && !base.some((a) => a.item === item)) out.push({ item, ...change });
  }
  return out;
}

const indexOf = (list: AnswerJson[], item: string) => list.findIndex((a) => a.item === item);

async function rowCounts(auditId: string): Promise<{ audits: number; answers: number; evidence: number }> {
  const d = db();
  const [a, b, c] = await Promise.all([
    d.select({ n: count() }).from(audits).where(eq(audits.id, auditId)),
    d.select({ n: count() }).from(answers).where(eq(answers.auditId, auditId)),
    d.select({ n: count() }).from(evidence).where(eq(evidence.auditId, auditId)),
  ]);
  return { audits: a[0]?.n ?? -1, answers: b[0]?.n ?? -1, evidence: c[0]?.n ?? -1 };
}

async function assignmentStatus(id: string): Promise<string | undefined> {
  const [row] = await db().select({ status: assignments.status }).from(assignments).where(eq(assignments.id, id));
  return row?.status;
}

/** A rejected submission: the problem, and nothing written for that id or the assignment. */
async function expectRejected(
  res: AnyResponse,
  status: number,
  code: string,
  auditId: string,
  assignment?: Pick<Assignment, "id" | "status">,
) {
  const problem = await expectProblem(res, status, code);
  expect(await rowCounts(auditId)).toEqual({ audits: 0, answers: 0, evidence: 0 });
  if (assignment) expect(await assignmentStatus(assignment.id)).toBe(assignment.status);
  return problem;
}

async function uploadPhoto(cookie = shopper): Promise<string> {
  const { res, sha256 } = await uploadEvidence(cookie, uniqueJpeg());
  expect(res.status, await res.clone().text()).toBe(201);
  return sha256;
}

async function submit(
  assignment: Assignment,
  list: AnswerJson[] = completeAnswers(store.document),
  overrides: Partial<ReportInput> = {},
): Promise<{ id: string; audit: Audit; body: ReportInput }> {
  const id = crypto.randomUUID();
  const body = report(assignment, list, overrides);
  const audit = await expectOk(await submitReport(org.as.shopper, id, body), 201);
  return { id, audit, body };
}

describe("submitting a report", () => {
  it("stores a complete report (201), scored by the server, published, on time", async () => {
    const assignment = await plan(store.id);
    const photo = await uploadPhoto();
    const list = [...completeAnswers(store.document), { item: photoItem().key, evidence: [photo] }];
    const id = crypto.randomUUID();
    const body = report(assignment, list);
    const res = await submitReport(org.as.shopper, id, body);
    const audit = await expectOk(res, 201);

    const expected = scoreAudit(store.document, list);
    expect(expected.complete).toBe(true);
    expect(audit).toMatchObject({
      id,
      status: "published",
      assignmentId: assignment.id,
      branchId: org.branchIds.north1,
      checklistVersionId: store.id,
      shopperId,
      contact: "visit",
      visitStartedAt: body.visitStartedAt,
      visitEndedAt: body.visitEndedAt,
      location: body.location,
      staffDescription: body.staffDescription,
      overallComment: body.overallComment,
      score: expected.score,
      criticalFailed: false,
      late: false,
      result: expected,
    });
    expect(audit.score).toBeCloseTo(100, 10);
    expect(Date.parse(audit.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(audit.publishedAt).toBe(audit.submittedAt);
    expect(audit.answers).toHaveLength(list.length);
    for (const answer of list.filter((a) => a.value !== undefined)) {
      expect(audit.answers.find((a) => a.item === answer.item)).toEqual({
        item: answer.item,
        value: answer.value,
        comment: "",
        evidence: [],
      });
    }
    expect(audit.answers.find((a) => a.item === photoItem().key)).toEqual({
      item: photoItem().key,
      value: null,
      comment: "",
      evidence: [
        { sha256: photo, contentType: "image/jpeg", byteSize: expect.any(Number), url: `/api/v1/evidence/${photo}` },
      ],
    });
    expect(await rowCounts(id)).toEqual({ audits: 1, answers: list.length, evidence: 1 });

    const read = await expectOk(await readAudit(org.as.shopper, id), 200);
    expect(read).toEqual(audit);

    // The assignment is done: the shopper and head office see the report on it, and it can no longer be cancelled.
    const after = await expectOk(await readAssignment(org.as.shopper, assignment.id), 200);
    expect(after).toMatchObject({ status: "submitted", audit: { id, submittedAt: audit.submittedAt, late: false } });
    await expectProblem(await cancelAssignment(org.as.admin, assignment.id), 409, "conflict");
  });

  it("scores N/A, partial and failed answers exactly as scoreAudit does", async () => {
    const assignment = await plan(store.id);
    const photo = await uploadPhoto();
    const list = completeAnswers(store.document, { na: true }).map((a): AnswerJson => {
      if (a.item === commentOnFail().key) return { item: a.item, value: false, comment: "Nobody looked up." };
      if (a.item === photoOnFail().key) return { item: a.item, value: false, evidence: [photo] };
      if (a.item === scale().key) return { item: a.item, value: scale().min + 1 };
      return a;
    });
    expect(list.some((a) => a.na)).toBe(true);
    const { audit } = await submit(assignment, list, { location: null, contact: "visit" });
    const expected = scoreAudit(store.document, list);
    expect(expected.score).toBeGreaterThan(0);
    expect(expected.score).toBeLessThan(100);
    expect(audit.score).toBe(expected.score);
    expect(audit.result).toEqual(expected);
    expect(audit.location).toBeNull();
    expect(audit.answers.find((a) => a.item === commentOnFail().key)).toMatchObject({
      value: false,
      comment: "Nobody looked up.",
    });
    const na = audit.answers.find((a) => list.find((l) => l.na)?.item === a.item);
    expect(na).toEqual({ item: na?.item, na: true, comment: "", evidence: [] });
  });

  it("a failed critical item fails the whole report", async () => {
    const assignment = await plan(store.id);
    const list = answersWith({
      [criticalAudit().key]: { value: false, comment: "Called the shop next door rubbish." },
    });
    const { audit } = await submit(assignment, list);
    expect(audit).toMatchObject({ score: 0, criticalFailed: true, result: { criticalItem: criticalAudit().key } });
  });

  it("a call-centre report is a phone call", async () => {
    const assignment = await plan(callCentre.id, { branchId: org.branchIds.northCall });
    const list = completeAnswers(callCentre.document);
    const id = crypto.randomUUID();
    const audit = await expectOk(
      await submitReport(org.as.shopper, id, report(assignment, list, { contact: "phone_call", location: null })),
      201,
    );
    expect(audit).toMatchObject({ contact: "phone_call", score: scoreAudit(callCentre.document, list).score });
  });

  it("never takes a score, status or lateness from the client (400 unknown fields)", async () => {
    const assignment = await plan(store.id);
    const id = crypto.randomUUID();
    const body = { ...report(assignment, completeAnswers(store.document)), score: 100 };
    const problem = await expectRejected(await putAudit(shopper, id, body), 400, "validation_failed", id, assignment);
    expect(fieldErrors(problem)).toEqual(["score:unknown_field"]);

    const more = { ...body, criticalFailed: false, status: "published", late: false };
    const all = await expectRejected(await putAudit(shopper, id, more), 400, "validation_failed", id, assignment);
    expect(fieldErrors(all)).toEqual([
      "criticalFailed:unknown_field",
      "late:unknown_field",
      "score:unknown_field",
      "status:unknown_field",
    ]);
  });

  it("the same report again answers exactly as the first time (200) and writes nothing", async () => {
    const assignment = await plan(store.id);
    const photo = await uploadPhoto();
    const list = answersWith({ [photoItem().key]: { evidence: [photo] } });
    const id = crypto.randomUUID();
    const body = report(assignment, list);
    const first = await submitReport(org.as.shopper, id, body);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    const counts = await rowCounts(id);
    expect(counts).toEqual({ audits: 1, answers: list.length, evidence: 1 });

    const again = await submitReport(org.as.shopper, id, body);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await again.text()).toBe(firstText);
    expect(await rowCounts(id)).toEqual(counts);

    // The same content with its keys in another order is the same report.
    const reordered: Record<string, unknown> = Object.fromEntries(Object.entries(body).reverse());
    reordered.answers = list.map((a) => Object.fromEntries(Object.entries(a).reverse()));
    // Sent raw: rebuilt key by key, the body is no longer of the route's type.
    const third = await putAudit(shopper, id, reordered);
    expect(third.status).toBe(200);
    expect(await third.text()).toBe(firstText);
    expect(await rowCounts(id)).toEqual(counts);
  });

  it("another report under the same id is a conflict (409 audit_conflict) and changes nothing", async () => {
    const assignment = await plan(store.id);
    const { id, audit, body } = await submit(assignment);
    const counts = await rowCounts(id);

    const changed = { ...body, overallComment: "On second thoughts, a poor visit." };
    await expectProblem(await submitReport(org.as.shopper, id, changed), 409, "audit_conflict");
    const fewer = { ...body, answers: answersWith({ [commentOnFail().key]: { value: false, comment: "Slow." } }) };
    await expectProblem(await submitReport(org.as.shopper, id, fewer), 409, "audit_conflict");
    // Another shopper sending the very same body under that id does not get the report: it is
    // judged as under a fresh id (not their assignment), and their own report collides on the id.
    const stolen = await expectProblem(await submitReport(org.as.shopper2, id, body), 403, "forbidden");
    expect(JSON.stringify(stolen)).not.toContain(shopperId);
    const theirs = await plan(store.id, { shopperId: shopper2Id });
    const collided = await expectProblem(
      await submitReport(org.as.shopper2, id, report(theirs, completeAnswers(store.document))),
      409,
      "audit_conflict",
    );
    expect(JSON.stringify(collided)).not.toContain(shopperId);
    expect(await assignmentStatus(theirs.id)).toBe("open");

    expect(await rowCounts(id)).toEqual(counts);
    expect(await expectOk(await readAudit(org.as.shopper, id), 200)).toEqual(audit);
  });

  it("two copies of a report racing each other store it once: 201 and 200 with the same body", async () => {
    const assignment = await plan(store.id);
    const id = crypto.randomUUID();
    const list = completeAnswers(store.document);
    const body = report(assignment, list);
    const responses = await Promise.all([
      submitReport(org.as.shopper, id, body),
      submitReport(org.as.shopper, id, body),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(responses.map((r) => r.text()));
    expect(a).toBe(b);
    expect(await rowCounts(id)).toEqual({ audits: 1, answers: list.length, evidence: 0 });
  });

  it("two different reports racing for one assignment: one is stored, the other is a conflict", async () => {
    const assignment = await plan(store.id);
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const body = report(assignment, completeAnswers(store.document));
    const responses = await Promise.all(ids.map((id) => submitReport(org.as.shopper, id, body)));
    const statuses: number[] = responses.map((r) => r.status);
    expect([...statuses].sort()).toEqual([201, 409]);
    const loser = statuses.indexOf(409);
    await expectRejected(responses[loser] as AnyResponse, 409, "conflict", ids[loser] ?? "");
    expect((await rowCounts(ids[1 - loser] ?? "")).audits).toBe(1);
  });

  it("an assignment takes one report: a second one under a new id is a conflict (409)", async () => {
    const assignment = await plan(store.id);
    const { body } = await submit(assignment);
    const id = crypto.randomUUID();
    await expectRejected(await submitReport(org.as.shopper, id, body), 409, "conflict", id, {
      id: assignment.id,
      status: "submitted",
    });
  });

  it("a shopper cannot report on another shopper's assignment (403)", async () => {
    const assignment = await plan(store.id);
    const id = crypto.randomUUID();
    const body = report(assignment, completeAnswers(store.document));
    await expectRejected(await submitReport(org.as.shopper2, id, body), 403, "forbidden", id, assignment);
  });

  it("a cancelled assignment takes no report (409)", async () => {
    const assignment = await plan(store.id);
    await expectOk(await cancelAssignment(org.as.admin, assignment.id), 200);
    const id = crypto.randomUUID();
    const body = report(assignment, completeAnswers(store.document));
    await expectRejected(await submitReport(org.as.shopper, id, body), 409, "conflict", id, {
      id: assignment.id,
      status: "cancelled",
    });
  });

  it("the report must use the assigned checklist version (409 checklistVersionId)", async () => {
    const assignment = await plan(store.id);
    const id = crypto.randomUUID();
    const body = report(assignment, completeAnswers(callCentre.document), { checklistVersionId: callCentre.id });
    const problem = await expectRejected(await submitReport(org.as.shopper, id, body), 409, "conflict", id, assignment);
    expect(fieldErrors(problem)).toEqual(["checklistVersionId:not_allowed"]);
  });

  it("an unknown assignment, or one of another organisation, is named (400)", async () => {
    const otherStore = await readVersion(other.as.admin, other.versionIds.store);
    const theirs = await planVisit(other, otherStore.id);
    for (const assignmentId of ["no-such-assignment", theirs.id]) {
      const id = crypto.randomUUID();
      const body = report({ id: assignmentId, checklist: theirs.checklist }, completeAnswers(otherStore.document));
      const problem = await expectRejected(await submitReport(org.as.shopper, id, body), 400, "validation_failed", id);
      expect(fieldErrors(problem)).toEqual(["assignmentId:unknown_reference"]);
    }
    expect(await assignmentStatus(theirs.id)).toBe("open");
  });

  describe("an incomplete or invalid report is refused (400) and writes nothing", () => {
    let assignment: Assignment;

    beforeAll(async () => {
      assignment = await plan(store.id);
    });

    /** Sent raw: some of these bodies are malformed on purpose. */
    async function refused(list: AnswerJson[], overrides: Record<string, unknown> = {}): Promise<string[]> {
      const id = crypto.randomUUID();
      const res = await putAudit(shopper, id, reportBody(assignment, list, overrides));
      return fieldErrors(await expectRejected(res, 400, "validation_failed", id, assignment));
    }

    it("an unknown item, or an item answered twice", async () => {
      const list = answersWith({ no_such_item: { value: true } });
      expect(await refused(list)).toEqual([`answers[${indexOf(list, "no_such_item")}].item:unknown_reference`]);
      const twice = [...completeAnswers(store.document), { item: commentOnFail().key, value: false }];
      expect(await refused(twice)).toEqual([`answers[${twice.length - 1}].item:taken`]);
    });

    it("a value of the wrong kind", async () => {
      const key = commentOnFail().key;
      for (const value of ["yes", 1]) {
        const list = answersWith({ [key]: { value } });
        expect(await refused(list), String(value)).toEqual([`answers[${indexOf(list, key)}].value:invalid_type`]);
      }
      const scaleKey = scale().key;
      const list = answersWith({ [scaleKey]: { value: 4.5 } });
      expect(await refused(list)).toEqual([`answers[${indexOf(list, scaleKey)}].value:invalid_type`]);
      const photo = answersWith({ [photoItem().key]: { value: "a photo" } });
      expect(await refused(photo)).toEqual([`answers[${indexOf(photo, photoItem().key)}].value:not_allowed`]);
    });

    it("a scale answer out of range", async () => {
      const item = scale();
      for (const value of [item.max + 1, item.min - 1]) {
        const list = answersWith({ [item.key]: { value } });
        expect(await refused(list), String(value)).toEqual([`answers[${indexOf(list, item.key)}].value:invalid_value`]);
      }
    });

    it("N/A where the item does not allow it", async () => {
      const key = commentOnFail().key;
      const list = answersWith({ [key]: { na: true } });
      expect(await refused(list)).toEqual([`answers[${indexOf(list, key)}].na:not_allowed`]);
    });

    it("scored items without an answer, each by key", async () => {
      const [first, second] = [commentOnFail().key, scale().key];
      const list = answersWith({ [first]: null, [second]: null });
      expect(await refused(list)).toEqual([`items.${first}:required`, `items.${second}:required`].sort());
      expect(await refused([])).toHaveLength(
        listItems(store.document).filter(({ item }) => ["yes_no", "number", "scale", "choice"].includes(item.kind))
          .length,
      );
    });

    it("a failed item that demands a comment, without one", async () => {
      const key = commentOnFail().key;
      for (const comment of [undefined, "   "]) {
        const list = answersWith({ [key]: { value: false, comment } });
        expect(await refused(list)).toEqual([`answers[${indexOf(list, key)}].comment:required`]);
      }
    });

    it("a failed item that demands a photo, without one", async () => {
      const key = photoOnFail().key;
      const list = answersWith({ [key]: { value: false, comment: "The label said less." } });
      expect(await refused(list)).toEqual([`answers[${indexOf(list, key)}].evidence:required`]);
    });

    it("photos on an item that takes none", async () => {
      const photo = await uploadPhoto();
      const key = commentOnFail().key;
      const list = answersWith({ [key]: { value: true, evidence: [photo] } });
      expect(await refused(list)).toEqual([`answers[${indexOf(list, key)}].evidence:not_allowed`]);
    });

    it("a visit that ends before it starts, and malformed times", async () => {
      const list = completeAnswers(store.document);
      const start = Date.now() - 3_600_000;
      expect(
        await refused(list, {
          visitStartedAt: new Date(start).toISOString(),
          visitEndedAt: new Date(start - 1000).toISOString(),
        }),
      ).toEqual(["visitEndedAt:invalid_value"]);
      expect(await refused(list, { visitStartedAt: "yesterday", contact: "letter" })).toEqual([
        "contact:invalid_value",
        "visitStartedAt:invalid_format",
      ]);
    });

    it("malformed answers and a missing assignment", async () => {
      const list: unknown[] = [{ item: commentOnFail().key, value: true, score: 1 }, { value: true }];
      expect(await refused(list as AnswerJson[], { assignmentId: undefined })).toEqual([
        "answers[0].score:unknown_field",
        "answers[1].item:required",
        "assignmentId:required",
      ]);
    });
  });

  it("photos that were never uploaded are named (409 evidence_missing)", async () => {
    const assignment = await plan(store.id);
    const uploaded = await uploadPhoto();
    const missing = "ab".repeat(32);
    const list = answersWith({
      [photoItem().key]: { evidence: [uploaded, missing] },
      [photoOnFail().key]: { value: false, evidence: [missing] },
    });
    const id = crypto.randomUUID();
    const problem = await expectRejected(
      await submitReport(org.as.shopper, id, report(assignment, list)),
      409,
      "evidence_missing",
      id,
      assignment,
    );
    expect(fieldErrors(problem)).toEqual(
      [
        `answers[${indexOf(list, photoItem().key)}].evidence[1]:required`,
        `answers[${indexOf(list, photoOnFail().key)}].evidence[0]:required`,
      ].sort(),
    );
  });

  it("a photo uploaded in another organisation is missing here", async () => {
    const theirs = await uploadPhoto(other.people.shopper.cookie);
    const assignment = await plan(store.id);
    const list = answersWith({ [photoItem().key]: { evidence: [theirs] } });
    const id = crypto.randomUUID();
    const problem = await expectRejected(
      await submitReport(org.as.shopper, id, report(assignment, list)),
      409,
      "evidence_missing",
      id,
      assignment,
    );
    expect(fieldErrors(problem)).toEqual([`answers[${indexOf(list, photoItem().key)}].evidence[0]:required`]);
  });

  it("the id must be a UUID (400)", async () => {
    const assignment = await plan(store.id);
    const body = report(assignment, completeAnswers(store.document));
    for (const bad of ["not-a-uuid", "12345", `${crypto.randomUUID()}x`]) {
      const problem = await expectProblem(await submitReport(org.as.shopper, bad, body), 400, "validation_failed");
      expect(fieldErrors(problem)).toEqual(["id:invalid_format"]);
    }
    expect(await assignmentStatus(assignment.id)).toBe("open");
  });

  it("only shoppers submit (403); signing in is required (401)", async () => {
    const assignment = await plan(store.id);
    const body = report(assignment, completeAnswers(store.document));
    for (const as of [org.as.manager, org.as.regional, org.as.admin, org.as.analyst, org.as.reviewer]) {
      const id = crypto.randomUUID();
      await expectRejected(await submitReport(as, id, body), 403, "forbidden", id, assignment);
    }
    const id = crypto.randomUUID();
    await expectRejected(await submitReport(client(), id, body), 401, "unauthenticated", id);
  });

  it("a report after the window's last day (in the branch's time zone) is accepted as late", async () => {
    const assignment = await plan(store.id, { windowStart: "2020-01-01", windowEnd: "2020-01-02" });
    // Started at 23:40 on the last day in Shanghai, ended at 00:10 the day after: the visit ended late.
    const { audit } = await submit(assignment, completeAnswers(store.document), {
      visitStartedAt: "2020-01-02T15:40:00.000Z",
      visitEndedAt: "2020-01-02T16:10:00.000Z",
      location: null,
    });
    expect(audit).toMatchObject({ late: true, status: "published" });
    const read = await expectOk(await readAssignment(org.as.admin, assignment.id), 200);
    expect(read.audit).toMatchObject({ id: audit.id, late: true });
  });
});

describe("visit times", () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  /** The calendar date `days` from today in a zone. */
  const localDay = (timeZone: string, days: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone }).format(Date.now() + days * DAY);
  /** Midnight starting a local date, in a zone with a fixed offset (hours east of UTC). */
  const midnight = (date: string, offsetHours: number) => Date.parse(`${date}T00:00:00Z`) - offsetHours * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function attempt(assignment: Assignment, startedAt: number, endedAt: number) {
    const id = crypto.randomUUID();
    const body = report(assignment, completeAnswers(store.document), {
      visitStartedAt: iso(startedAt),
      visitEndedAt: iso(endedAt),
      location: null,
    });
    return { id, res: await submitReport(org.as.shopper, id, body) };
  }

  async function outside(assignment: Assignment, startedAt: number, endedAt = startedAt + 20 * 60_000) {
    const { id, res } = await attempt(assignment, startedAt, endedAt);
    const problem = await expectRejected(res, 400, "validation_failed", id, assignment);
    return fieldErrors(problem);
  }

  /** The report's `too_fast` flags (a perfect report without comments is also `straight_lining`). */
  const tooFast = (read: Pick<Audit, "flags">) => (read.flags ?? []).filter((f) => f.code === "too_fast");

  async function accepted(assignment: Assignment, startedAt: number, endedAt = startedAt + 20 * 60_000) {
    const { res } = await attempt(assignment, startedAt, endedAt);
    return expectOk(res, 201);
  }

  // Shanghai is UTC+8 and Honolulu UTC−10 all year (no daylight saving): the edges are plain arithmetic.
  for (const [zone, offset] of [
    ["Asia/Shanghai", 8],
    ["Pacific/Honolulu", -10],
  ] as const) {
    it(`a visit must start inside the window in the branch's calendar (${zone}), give or take 5 minutes`, async () => {
      const branch =
        zone === "Asia/Shanghai" ? org.branchIds.north1 : (await createBranchIn(org, { timezone: zone })).id;
      const windowStart = localDay(zone, -6);
      const windowEnd = localDay(zone, -4);
      const planned = () => plan(store.id, { branchId: branch, windowStart, windowEnd });
      const opens = midnight(windowStart, offset) - 5 * 60_000;
      const closes = midnight(windowEnd, offset) + DAY + 5 * 60_000;

      expect(await outside(await planned(), opens - 1)).toEqual(["visitStartedAt:outside_window"]);
      expect(await accepted(await planned(), opens)).toMatchObject({ late: false });
      // Started 1 ms before the edge and ended 20 minutes later, after the last day: accepted, late.
      expect(await accepted(await planned(), closes - 1)).toMatchObject({ late: true });
      expect(await outside(await planned(), closes)).toEqual(["visitStartedAt:outside_window"]);
    });
  }

  it("the probes' visits: a year before the window and in 2099 (400, nothing counted)", async () => {
    const assignment = await plan(store.id, { windowStart: isoDay(-1), windowEnd: isoDay(7) });
    const before = Date.now() - 365 * DAY;
    expect(await outside(assignment, before)).toEqual(["visitStartedAt:outside_window"]);
    const future = Date.parse("2099-06-15T02:00:00Z");
    expect(await outside(assignment, future)).toEqual(["visitEndedAt:in_future", "visitStartedAt:in_future"]);
  });

  it("a visit cannot end in the future beyond 5 minutes of clock skew", async () => {
    const now = Date.now();
    expect(await outside(await plan(store.id), now - 20 * 60_000, now + 6 * 60_000)).toEqual([
      "visitEndedAt:in_future",
    ]);
    await accepted(await plan(store.id), now - 20 * 60_000, now + 4 * 60_000);
  });

  it("a visit lasts at most 12 hours; it cannot end before it starts", async () => {
    const assignment = await plan(store.id, { windowStart: isoDay(-2), windowEnd: isoDay(7) });
    const end = Date.now() - 60_000;
    const { id, res } = await attempt(assignment, end - 12 * HOUR - 1000, end);
    const problem = await expectRejected(res, 400, "validation_failed", id, assignment);
    expect(problem.errors).toEqual([expect.objectContaining({ path: "visitEndedAt", code: "too_big", limit: 720 })]);
    expect(await outside(assignment, end - 20 * 60_000, end - 21 * 60_000)).toEqual(["visitEndedAt:invalid_value"]);
    const long = await accepted(assignment, end - 12 * HOUR, end);
    expect(tooFast(await expectOk(await readAudit(org.as.reviewer, long.id), 200))).toEqual([]);
  });

  it("a 6-second visit is accepted, flagged for head office, shown neither to the shopper nor to managers", async () => {
    const assignment = await plan(store.id);
    const start = Date.now() - HOUR;
    const audit = await accepted(assignment, start, start + 6000);
    const flag = { code: "too_fast", basis: "visit", minutes: 0.1, minimumMinutes: 10 };
    expect(audit).toMatchObject({ status: "published" });
    expect("flags" in audit).toBe(false);
    for (const as of [org.as.reviewer, org.as.analyst, org.as.admin]) {
      const read = await expectOk(await readAudit(as, audit.id), 200);
      expect(tooFast(read)).toEqual([flag]);
    }
    for (const as of [org.as.manager, org.as.shopper]) {
      const read = await expectOk(await readAudit(as, audit.id), 200);
      expect("flags" in read).toBe(false);
    }
    // A 20-minute visit on a 30-item store checklist is plausible (the default minimum is 10 minutes).
    const plausible = (await submit(await plan(store.id))).audit;
    expect(tooFast(await expectOk(await readAudit(org.as.reviewer, plausible.id), 200))).toEqual([]);
  });

  it("a checklist's own minimum replaces the default", async () => {
    const doc = { ...store.document, name: { en: `Slow ${crypto.randomUUID()}`, zh: "慢" }, minimumVisitMinutes: 30 };
    const version = await publishChecklistAs(org.as.admin, doc);
    expect(version.document.minimumVisitMinutes).toBe(30);
    const assignment = await plan(version.id);
    const start = Date.now() - HOUR;
    const audit = await accepted(assignment, start, start + 20 * 60_000);
    expect(tooFast(await expectOk(await readAudit(org.as.reviewer, audit.id), 200))).toEqual([
      { code: "too_fast", basis: "visit", minutes: 20, minimumMinutes: 30 },
    ]);
  });

  it("lateness is the visit's: a report received 2 days after its window, for a visit inside it, is on time", async () => {
    const windowStart = localDay("Asia/Shanghai", -6);
    const windowEnd = localDay("Asia/Shanghai", -3);
    const assignment = await plan(store.id, { windowStart, windowEnd });
    // 20:00 to 20:30 on the window's last day, Shanghai time.
    const start = midnight(windowEnd, 8) + 20 * HOUR;
    const audit = await accepted(assignment, start, start + 30 * 60_000);
    expect(audit).toMatchObject({ late: false, status: "published" });
    expect(Date.parse(audit.submittedAt) - (midnight(windowEnd, 8) + DAY)).toBeGreaterThanOrEqual(2 * DAY);
    const read = await expectOk(await readAssignment(org.as.admin, assignment.id), 200);
    expect(read.audit).toMatchObject({ late: false });
  });
});

describe("an id used by someone else answers as an unused id would", () => {
  let theirId: string;
  let mineId: string;
  let otherShopperId: string;

  beforeAll(async () => {
    const otherStore = await readVersion(other.as.admin, other.versionIds.store);
    otherShopperId = other.people.shopper.id;
    const theirs = await planVisit(other, otherStore.id);
    theirId = crypto.randomUUID();
    await expectOk(
      await submitReport(other.as.shopper, theirId, report(theirs, completeAnswers(otherStore.document))),
      201,
    );
    // shopper2's report in our organisation: an id taken by another shopper.
    mineId = (
      await expectOk(
        await submitReport(
          org.as.shopper2,
          crypto.randomUUID(),
          report(await plan(store.id, { shopperId: shopper2Id }), completeAnswers(store.document)),
        ),
        201,
      )
    ).id;
  });

  /** The parts of a problem that may depend on the input, not on the request. */
  const shape = async (res: AnyResponse) => {
    const text = await res.text();
    const { requestId: _, ...problem } = JSON.parse(text) as Record<string, unknown>;
    return { status: res.status, problem };
  };

  it("every refusal that does not depend on the id is the same as under a fresh id", async () => {
    const missingPhoto = "cd".repeat(32);
    const cases: Array<[string, (a: Assignment) => ReportInput]> = [
      ["unknown assignment", (a) => report({ ...a, id: "no-such-assignment" }, completeAnswers(store.document))],
      ["incomplete", (a) => report(a, answersWith({ [scale().key]: null }))],
      [
        "outside the window",
        (a) => report(a, completeAnswers(store.document), { visitStartedAt: "2025-06-15T02:00:00Z" }),
      ],
      [
        "in 2099",
        (a) =>
          report(a, completeAnswers(store.document), {
            visitStartedAt: "2099-06-15T02:00:00Z",
            visitEndedAt: "2099-06-15T02:30:00Z",
          }),
      ],
      ["photo not uploaded", (a) => report(a, answersWith({ [photoItem().key]: { evidence: [missingPhoto] } }))],
    ];
    const assignment = await plan(store.id);
    const others = await plan(store.id, { shopperId: shopper2Id });
    for (const [name, body] of cases) {
      const fresh = await shape(await submitReport(org.as.shopper, crypto.randomUUID(), body(assignment)));
      expect(fresh.status, name).toBeGreaterThanOrEqual(400);
      for (const taken of [theirId, mineId]) {
        expect(
          await shape(await submitReport(org.as.shopper, taken, body(assignment))),
          `${name} under a taken id`,
        ).toEqual(fresh);
      }
    }
    // Another shopper's assignment: 403 whatever the id.
    const fresh = await shape(
      await submitReport(org.as.shopper, crypto.randomUUID(), report(others, completeAnswers(store.document))),
    );
    expect(fresh.status).toBe(403);
    expect(
      await shape(await submitReport(org.as.shopper, theirId, report(others, completeAnswers(store.document)))),
    ).toEqual(fresh);
    expect(await assignmentStatus(assignment.id)).toBe("open");
  });

  it("a valid report under a taken id is a conflict, as a genuine collision is, and changes nothing", async () => {
    const assignment = await plan(store.id);
    for (const taken of [theirId, mineId]) {
      const problem = await expectProblem(
        await submitReport(org.as.shopper, taken, report(assignment, completeAnswers(store.document))),
        409,
        "audit_conflict",
      );
      expect(JSON.stringify(problem)).not.toContain(otherShopperId);
      expect(JSON.stringify(problem)).not.toContain(shopper2Id);
    }
    expect(await assignmentStatus(assignment.id)).toBe("open");
    const [row] = await db()
      .select({ organizationId: audits.organizationId })
      .from(audits)
      .where(eq(audits.id, theirId));
    expect(row?.organizationId).toBe(other.id);
  });
});

describe("reading reports", () => {
  let audit: Audit;
  const readIt = (as: Client) => readAudit(as, audit.id);

  beforeAll(async () => {
    const assignment = await plan(store.id);
    ({ audit } = await submit(assignment));
  });

  it("the shopper reads their own report; another shopper finds nothing", async () => {
    expect(await expectOk(await readIt(org.as.shopper), 200)).toEqual(audit);
    await expectProblem(await readIt(org.as.shopper2), 404, "not_found");
  });

  it("the branch's manager reads it without the shopper's identity or location", async () => {
    const read = await expectOk(await readIt(org.as.manager), 200);
    expect(read.shopperId).toBeNull();
    expect(read.location).toBeNull();
    // Nor the assignment (work managers never see) or the flags (notes on the shopper, for review).
    // Nor the review's internals: questions, replies and a rejection are between head office and the shopper.
    const { assignmentId, flags, questions, replies, rejectionReason, ...content } = audit;
    // Managers may dispute it: every item passed, so nothing is disputable.
    const dispute = { open: false, windowEndsAt: expect.any(String), disputable: [] };
    expect(read).toEqual({ ...content, shopperId: null, location: null, dispute });
    expect("assignmentId" in read).toBe(false);
    expect("flags" in read).toBe(false);
    expect(JSON.stringify(read)).not.toContain(shopperId);
    expect(JSON.stringify(read)).not.toContain(assignmentId);
  });

  it("a manager of another branch finds nothing", async () => {
    const elsewhere = await createMemberBy(org.people.admin, {
      role: "branch_manager",
      branchIds: [org.branchIds.north2],
    });
    await expectProblem(await readIt(client(elsewhere.cookie)), 404, "not_found");
  });

  it("the region's manager reads it anonymised; another region's manager finds nothing", async () => {
    const read = await expectOk(await readIt(org.as.regional), 200);
    expect(read).toMatchObject({ id: audit.id, shopperId: null, location: null });
    expect("assignmentId" in read || "flags" in read).toBe(false);
    const east = await createMemberBy(org.people.admin, {
      role: "regional_manager",
      regionIds: [org.regionIds.east],
    });
    await expectProblem(await readIt(client(east.cookie)), 404, "not_found");
  });

  it("head office reads it with the shopper and the flags", async () => {
    for (const as of [org.as.analyst, org.as.admin, org.as.reviewer]) {
      // Head office also sees who holds the report in review (nobody: it was published on arrival),
      // and the flags (every item at the top, no comment: straight-lined; docs/QUALITY.md).
      expect(await expectOk(await readIt(as), 200)).toEqual({
        ...audit,
        claimedBy: null,
        flags: [{ code: "straight_lining", items: 30, direction: "top" }],
      });
    }
  });

  it("another organisation and anonymous callers find nothing", async () => {
    await expectProblem(await readIt(other.as.admin), 404, "not_found");
    await expectProblem(await readIt(client()), 401, "unauthenticated");
    await expectProblem(await readAudit(org.as.admin, crypto.randomUUID()), 404, "not_found");
  });

  it("shopper ids of other shoppers never show up for their own reports", () => {
    expect(audit.shopperId).toBe(shopperId);
    expect(audit.shopperId).not.toBe(shopper2Id);
  });
});

describe("large reports", () => {
  /** A store checklist of `count` yes/no items in sections of 20, each taking a photo when it fails. */
  function bigDocument(itemCount: number): ChecklistDocument {
    const name = `Big ${crypto.randomUUID().slice(0, 8)}`;
    const sections = Array.from({ length: Math.ceil(itemCount / 20) }, (_, s) => ({
      key: `s${s}`,
      title: { en: `Section ${s}`, zh: `部分 ${s}` },
      weight: 1,
      items: Array.from({ length: Math.min(20, itemCount - s * 20) }, (_, i) => ({
        key: `item_${s}_${i}`,
        kind: "yes_no" as const,
        prompt: { en: `Question ${s}.${i}?`, zh: `问题 ${s}.${i}？` },
        guidance: { en: "", zh: "" },
        weight: 1,
        critical: "none" as const,
        naAllowed: true,
        evidenceOnFail: "photo" as const,
      })),
    }));
    return { name: { en: name, zh: name }, channel: "store", sections };
  }

  it("a 60-answer report with 20 photos is stored whole (statements split under D1's parameter limit)", async () => {
    const version = await publishChecklistAs(org.as.admin, bigDocument(60));
    const assignment = await plan(version.id);
    const photos = await Promise.all([uploadPhoto(), uploadPhoto(), uploadPhoto()]);
    const list: AnswerJson[] = completeAnswers(version.document).map((a, i) => ({
      ...a,
      comment: `Answer ${i}`,
      ...(i < 20 ? { evidence: [photos[i % 3] ?? ""] } : {}),
    }));
    expect(list).toHaveLength(60);
    const id = crypto.randomUUID();
    const body = report(assignment, list);
    const first = await submitReport(org.as.shopper, id, body);
    const firstText = await first.clone().text();
    const audit = await expectOk(first, 201);
    expect(audit.score).toBe(scoreAudit(version.document, list).score);
    expect(audit.answers).toHaveLength(60);
    expect(audit.answers.filter((a) => a.evidence.length === 1)).toHaveLength(20);
    expect(await rowCounts(id)).toEqual({ audits: 1, answers: 60, evidence: 20 });

    const again = await submitReport(org.as.shopper, id, body);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstText);
    expect(await rowCounts(id)).toEqual({ audits: 1, answers: 60, evidence: 20 });
  });

  it("a report with long comments everywhere (within each field's limit) is not refused for its size", async () => {
    const version = await publishChecklistAs(org.as.admin, bigDocument(60));
    const assignment = await plan(version.id);
    const comment = "店员态度很好，".repeat(140); // 980 characters, about 2.9 KB of UTF-8
    const list = completeAnswers(version.document).map((a) => ({ ...a, comment }));
    const body = report(assignment, list, {
      overallComment: "总".repeat(4000),
      staffDescription: "员".repeat(2000),
    });
    expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeGreaterThan(150_000);
    const id = crypto.randomUUID();
    const audit = await expectOk(await submitReport(org.as.shopper, id, body), 201);
    expect(audit.answers.every((a) => a.comment === comment)).toBe(true);
    expect(audit.overallComment).toHaveLength(4000);

    const huge = { ...body, overallComment: "x".repeat(1024 * 1024) };
    const tooBig = crypto.randomUUID();
    await expectRejected(await submitReport(org.as.shopper, tooBig, huge), 413, "payload_too_large", tooBig);
  });

  it("takes up to 90 distinct photos per report and refuses more", async () => {
    const version = await publishChecklistAs(org.as.admin, bigDocument(46));
    const photos: string[] = [];
    for (let i = 0; i < 91; i++) photos.push(await uploadPhoto());
    const withPhotos = (n: number) =>
      completeAnswers(version.document).map((a, i) => ({
        ...a,
        evidence: photos.slice(2 * i, Math.min(2 * i + 2, n)),
      }));

    const tooMany = await plan(version.id);
    const refusedId = crypto.randomUUID();
    const problem = await expectRejected(
      await submitReport(org.as.shopper, refusedId, report(tooMany, withPhotos(91))),
      400,
      "validation_failed",
      refusedId,
      tooMany,
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "answers", code: "too_big", limit: 90 })]);

    const id = crypto.randomUUID();
    const audit = await expectOk(await submitReport(org.as.shopper, id, report(tooMany, withPhotos(90))), 201);
    expect(audit.answers.flatMap((a) => a.evidence)).toHaveLength(90);
    expect(await rowCounts(id)).toEqual({ audits: 1, answers: 46, evidence: 90 });
  });
});
