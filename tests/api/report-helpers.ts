/**
 * Checklists, assignments and reports for a factory organisation (./factory), through the
 * typed client (`reportBody` and `putAudit` in ./helpers send what the typed client would not).
 *
 * @example
 * const store = await readVersion(org.as.admin, org.versionIds.store);
 * const assignment = await planVisit(org, store.id);
 * const res = await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(store.document)));
 * const audit = await expectOk(res, 201);
 */
import type { InferRequestType } from "hono/client";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import type { Client, TestOrganization } from "./factory";
import { type AnswerJson, expectOk, isoDay, type JsonFor } from "./helpers";

/** A checklist version as the API answers it (with its document). */
export async function readVersion(as: Client, id: string) {
  return expectOk(await as.api.v1["checklist-versions"][":id"].$get({ param: { id } }), 200);
}
export type Version = Awaited<ReturnType<typeof readVersion>>;

/** Creates a checklist from a document and publishes its first version. */
export async function publishChecklistAs(as: Client, doc: ChecklistDocument): Promise<Version> {
  const created = await expectOk(await as.api.v1.checklists.$post({ json: doc }), 201);
  const id = created.version.id;
  return expectOk(await as.api.v1["checklist-versions"][":id"].publish.$post({ param: { id } }), 200);
}

export type AssignmentInput = InferRequestType<Client["api"]["v1"]["assignments"]["$post"]>["json"];

/**
 * Plans a visit by the organisation's admin (or `as`): by default org's `shopper` to `north1`
 * with `checklistVersionId`, in a window from yesterday to a week from now.
 */
export async function planVisit(
  org: TestOrganization,
  checklistVersionId: string,
  overrides: Partial<AssignmentInput> = {},
  as: Client = org.as.admin,
) {
  const json: AssignmentInput = {
    branchId: org.branchIds.north1,
    checklistVersionId,
    shopperId: org.people.shopper.id,
    windowStart: isoDay(-1),
    windowEnd: isoDay(7),
    scenario: "Ask about a phone upgrade.",
    ...overrides,
  };
  return expectOk(await as.api.v1.assignments.$post({ json }), 201);
}
export type Assignment = Awaited<ReturnType<typeof planVisit>>;

/** Cancels an assignment (as the organisation's admin unless `as` is given). */
export function cancelAssignment(as: Client, id: string) {
  return as.api.v1.assignments[":id"].$patch({ param: { id }, json: { status: "cancelled" } });
}

/** Reads an assignment. */
export function readAssignment(as: Client, id: string) {
  return as.api.v1.assignments[":id"].$get({ param: { id } });
}

export type ReportInput = InferRequestType<Client["api"]["v1"]["audits"][":id"]["$put"]>["json"];

/** A report body for an assignment: a 20-minute visit an hour ago, with `answers` (typed). */
export function report(
  assignment: { id: string; checklist: { versionId: string } },
  answers: AnswerJson[],
  overrides: Partial<ReportInput> = {},
): ReportInput {
  const start = Date.now() - 3_600_000;
  return {
    assignmentId: assignment.id,
    checklistVersionId: assignment.checklist.versionId,
    contact: "visit",
    visitStartedAt: new Date(start).toISOString(),
    visitEndedAt: new Date(start + 20 * 60_000).toISOString(),
    location: { lat: 39.9139, lng: 116.4102, accuracy: 25, takenAt: new Date(start).toISOString() },
    staffDescription: "Young man, glasses, blue lanyard.",
    overallComment: "A good visit.",
    answers,
    ...overrides,
  };
}

/** PUT /api/v1/audits/:id with a well-formed body, through the typed client. */
export function submitReport(as: Client, id: string, json: ReportInput) {
  return as.api.v1.audits[":id"].$put({ param: { id }, json });
}

/** Reads a report. */
export function readAudit(as: Client, id: string) {
  return as.api.v1.audits[":id"].$get({ param: { id } });
}

/** A report as the API answers a submission. */
export type Audit = JsonFor<Awaited<ReturnType<typeof submitReport>>, 201>;
