/**
 * Reads and changes of complaints (issue 17; the contract in docs/COMPLAINTS.md): the log with
 * its filters, one complaint with its steps, and the changes a reader may make. Only the (lazy)
 * complaints pages import this: none of it is in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { ComplaintChannel, ComplaintStatus, RemedyKind } from "../../../schema/enums";
import { api, call, isProblem } from "../../lib/api";
import { noteReached } from "../../lib/network";
import { firstParam, paramIn } from "../../lib/search-params";

/**
 * schema/enums' complaint lists, restated (checked against its types): importing the values would put them in the app chunk
 * (vite.config.ts puts schema/enums there), the shopper's first download.
 */
export const COMPLAINT_STATUSES = [
  "new",
  "acknowledged",
  "remedy_proposed",
  "resolved",
  "followed_up",
  "closed",
] as const satisfies readonly ComplaintStatus[];
export const COMPLAINT_CHANNELS = [
  "in_store",
  "phone",
  "online",
  "social",
] as const satisfies readonly ComplaintChannel[];
export const REMEDY_KINDS = [
  "refund",
  "exchange",
  "repair",
  "discount",
  "gift",
  "apology_only",
  "other",
] as const satisfies readonly RemedyKind[];
/** The deadlines the log filters on (`?overdue=`), as worker/domain/complaints.ts names them. */
export const OVERDUE_KINDS = ["acknowledge", "remedy", "resolve", "follow_up"] as const;

export type { ComplaintChannel, ComplaintStatus, RemedyKind } from "../../../schema/enums";
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

export type ComplaintPage = InferResponseType<typeof api.complaints.$get, 200>;
/** One complaint in the log (GET /complaints). */
export type ComplaintSummary = ComplaintPage["items"][number];
export type ComplaintBranch = ComplaintSummary["branch"];
export type ComplaintCategory = ComplaintSummary["categories"][number];
/** One complaint with its facts and steps (GET /complaints/:id). */
export type ComplaintDetail = InferResponseType<(typeof api.complaints)[":id"]["$get"], 200>["complaint"];
export type ComplaintStep = ComplaintDetail["steps"][number];
/** The new complaint's body (POST /complaints). */
export type NewComplaint = InferRequestType<typeof api.complaints.$post>["json"];
/** A step (POST /complaints/:id/steps). */
export type ComplaintStepBody = InferRequestType<(typeof api.complaints)[":id"]["steps"]["$post"]>["json"];
export type FollowUpBody = InferRequestType<(typeof api.complaints)[":id"]["follow-up"]["$post"]>["json"];
/** An edit of the logged facts (PATCH /complaints/:id). */
export type ComplaintEdit = InferRequestType<(typeof api.complaints)[":id"]["$patch"]>["json"];

/**
 * Calls that note whether the server answered (lib/network's `online`): the form's queue sends
 * itself again when it is back.
 */
async function reached<T>(request: Promise<T>): Promise<T> {
  try {
    const body = await request;
    noteReached(true);
    return body;
  } catch (error) {
    if (isProblem(error)) noteReached(error.status !== 0);
    throw error;
  }
}

/** The log's filter in the URL (`?status=&overdue=&branchId=`). */
export interface ComplaintFilter {
  status?: ComplaintStatus | undefined;
  overdue?: OverdueKind | undefined;
  branchId?: string | undefined;
}

export function complaintFilter(params: SearchParams): ComplaintFilter {
  return {
    status: paramIn(params.status, COMPLAINT_STATUSES),
    overdue: paramIn(params.overdue, OVERDUE_KINDS),
    branchId: firstParam(params.branchId) || undefined,
  };
}

/** One page of the log, newest first. */
export const getComplaints = query(
  (filter: ComplaintFilter, cursor?: string) =>
    reached(
      call(
        api.complaints.$get({
          query: { status: filter.status, overdue: filter.overdue, branchId: filter.branchId, cursor, limit: "50" },
        }),
      ),
    ),
  "complaints",
);

/** The follow-ups due (or overdue): resolved complaints waiting for the customer's call. */
export const getFollowUps = query(
  (branchId: string | undefined) =>
    reached(call(api.complaints.$get({ query: { status: "resolved", branchId, limit: "50" } }))),
  "complaintFollowUps",
);

export const getComplaint = query(
  (id: string) => reached(call(api.complaints[":id"].$get({ param: { id } }))).then((body) => body.complaint),
  "complaint",
);

export const complaintChanges = {
  create: (json: NewComplaint) => reached(call(api.complaints.$post({ json }))),
  edit: (id: string, json: ComplaintEdit) => reached(call(api.complaints[":id"].$patch({ param: { id }, json }))),
  step: (id: string, json: ComplaintStepBody) =>
    reached(call(api.complaints[":id"].steps.$post({ param: { id }, json }))),
  followUp: (id: string, json: FollowUpBody) =>
    reached(call(api.complaints[":id"]["follow-up"].$post({ param: { id }, json }))),
};

/** One choice of the category checklist: a section, or an item in it, of a published checklist. */
export interface TaxonomyEntry {
  category: ComplaintCategory;
  checklist: { en: string; zh: string };
  section: { en: string; zh: string };
  item?: { en: string; zh: string } | undefined;
}

/**
 * The checklist taxonomy complaints are filed under: every section and item of the latest
 * published version of each checklist (the same keys the audits score), read once per session.
 */
export const getTaxonomy = query(async (): Promise<TaxonomyEntry[]> => {
  const checklists = (await call(api.checklists.$get())).items.filter((c) => c.latestPublishedVersionId);
  const versions = await Promise.all(
    checklists.map((c) =>
      call(api["checklist-versions"][":id"].$get({ param: { id: c.latestPublishedVersionId as string } })),
    ),
  );
  return versions.flatMap((version, i) => {
    const checklist = checklists[i]?.name ?? { en: "", zh: "" };
    return version.document.sections.flatMap((section): TaxonomyEntry[] => [
      { category: { checklistId: version.checklistId, sectionKey: section.key }, checklist, section: section.title },
      ...section.items.map((item) => ({
        category: { checklistId: version.checklistId, sectionKey: section.key, itemKey: item.key },
        checklist,
        section: section.title,
        item: item.prompt,
      })),
    ]);
  });
}, "complaintTaxonomy");

export const sameCategory = (a: ComplaintCategory, b: ComplaintCategory) =>
  a.checklistId === b.checklistId && a.sectionKey === b.sectionKey && (a.itemKey ?? "") === (b.itemKey ?? "");

/** The keys to read again after a change. */
export const complaintKeys = [getComplaints.key, getFollowUps.key, getComplaint.key];
