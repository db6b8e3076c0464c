/**
 * Rows for a factory organisation (./factory) through the typed client: the org-aware
 * counterparts of `createBranch`, `publishChecklist`, `createAssignment`, `reportBody` and
 * `putAudit` in ./helpers (which default to the demo's ids).
 *
 * Written in parallel with tests/api/report-helpers.ts and member-helpers.ts (other files of the
 * same conversion) with the same names and signatures, so one copy can replace the others.
 *
 * @example
 * const version = await publishChecklistAs(org.as.admin, doc);
 * const assignment = await planVisit(org, version.id, { branchId: org.branchIds.north2 });
 * await expectOk(await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, answers)), 201);
 */
import type { InferRequestType } from "hono/client";
import { expect } from "vitest";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import type { Client, TestOrganization } from "./factory";
import { type AnswerJson, expectOk, isoDay, type JsonFor, uniqueCode } from "./helpers";

export type BranchInput = InferRequestType<Client["api"]["v1"]["branches"]["$post"]>["json"];

/** Creates a store branch in the organisation's east region (never north) unless `overrides` say otherwise. */
export async function createBranchIn(org: TestOrganization, overrides: Partial<BranchInput> = {}) {
  const code = uniqueCode("B");
  const json: BranchInput = {
    code,
    nameEn: `Branch ${code}`,
    nameZh: `分店 ${code}`,
    regionId: org.regionIds.east,
    channel: "store",
    ...overrides,
  };
  return expectOk(await org.as.admin.api.v1.branches.$post({ json }), 201);
}

/** Creates a checklist from a document and publishes its first version. */
export async function publishChecklistAs(as: Client, doc: ChecklistDocument) {
  const created = await expectOk(await as.api.v1.checklists.$post({ json: doc }), 201);
  const id = created.version.id;
  return expectOk(await as.api.v1["checklist-versions"][":id"].publish.$post({ param: { id } }), 200);
}
export type Version = Awaited<ReturnType<typeof publishChecklistAs>>;

export type AssignmentInput = InferRequestType<Client["api"]["v1"]["assignments"]["$post"]>["json"];

/**
 * Plans a visit by the organisation's admin (or `as`): by default the org's `shopper` to `north1`
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

export type BranchQuery = NonNullable<Parameters<Client["api"]["v1"]["branches"]["$get"]>[0]>["query"];

/** Reads every page of a branch listing as `as` (`query` without `cursor`), typed by the route. */
export async function listAllBranchesAs(as: Client, query: Omit<BranchQuery, "cursor"> = {}) {
  const items: Array<JsonFor<Awaited<ReturnType<Client["api"]["v1"]["branches"]["$get"]>>, 200>["items"][number]> = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const page = await expectOk(
      await as.api.v1.branches.$get({ query: { ...query, ...(cursor ? { cursor } : {}) } }),
      200,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}
