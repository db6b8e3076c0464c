/**
 * Reads and changes of complaints (issue 17; the contract in docs/COMPLAINTS.md): the log with
 * its filters, one complaint with its steps, and the changes a reader may make. Only the (lazy)
 * complaints pages import this: none of it is in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import { api, call, Problem, toProblem } from "../../lib/api";
import { noteReached } from "../../lib/network";
import { firstParam, paramIn } from "../../lib/search-params";

/**
 * schema/enums' complaint lists, restated: importing the values would put them in the app chunk
 * (vite.config.ts puts schema/enums there), the shopper's first download.
 */
export const COMPLAINT_STATUSES = [
  "new",
  "acknowledged",
  "remedy_proposed",
  "resolved",
  "followed_up",
  "closed",
] as const;
export const COMPLAINT_CHANNELS = ["in_store", "phone", "online", "social"] as const;
export const REMEDY_KINDS = ["refund", "exchange", "repair", "discount", "gift", "apology", "other"] as const;
export const OVERDUE_KINDS = ["acknowledge", "remedy", "resolve", "follow_up"] as const;

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

export interface ComplaintCategory {
  checklistId: string;
  sectionKey: string;
  itemKey?: string | undefined;
}

export interface ComplaintBranch {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
}

/** One complaint in the log (GET /complaints). */
export interface ComplaintSummary {
  id: string;
  branch: ComplaintBranch;
  channel: ComplaintChannel;
  receivedAt: string;
  product: string | null;
  problem: string;
  status: ComplaintStatus;
  acknowledgeBy: string;
  remedyBy: string;
  resolveBy: string;
  followUpDue: string | null;
  overdue: string[];
  categories: ComplaintCategory[];
  tags: string[];
  version: number;
}

export interface ComplaintPage {
  items: ComplaintSummary[];
  nextCursor: string | null;
}

export interface ComplaintStep {
  type: string;
  at: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

/** One complaint with its facts and steps (GET /complaints/:id). */
export interface ComplaintDetail extends ComplaintSummary {
  wants: string | null;
  purchaseDate: string | null;
  purchasePlace: string | null;
  transcript: string | null;
  customer: { name: string | null; phone: string | null; email: string | null; consent: boolean } | null;
  contactVisible: boolean;
  contactErased: boolean;
  acknowledgedAt: string | null;
  remedyProposedAt: string | null;
  remedyKind: RemedyKind | null;
  remedyAmountCents: number | null;
  remedyNote: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  summaryResolution: boolean | null;
  satisfaction: number | null;
  followUpComment: string | null;
  followedUpAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  steps: ComplaintStep[];
}

/** The new complaint's body (POST /complaints). */
export interface NewComplaint {
  id: string;
  branchId: string;
  channel: ComplaintChannel;
  receivedAt: string;
  problem: string;
  product?: string | undefined;
  wants?: string | undefined;
  purchaseDate?: string | undefined;
  purchasePlace?: string | undefined;
  customer?:
    | { name?: string | undefined; phone?: string | undefined; email?: string | undefined; consent: boolean }
    | undefined;
  categories?: ComplaintCategory[] | undefined;
  tags?: string[] | undefined;
}

/** A step (POST /complaints/:id/steps). */
export interface ComplaintStepBody {
  version: number;
  step: "acknowledge" | "propose_remedy" | "resolve" | "close";
  remedyKind?: RemedyKind | undefined;
  remedyAmountCents?: number | undefined;
  remedyNote?: string | undefined;
  resolution?: string | undefined;
  summary?: boolean | undefined;
  closeReason?: string | undefined;
}

export interface FollowUpBody {
  version: number;
  satisfaction: number;
  comment?: string | undefined;
}

/** An edit of the logged facts (PATCH /complaints/:id). */
export type ComplaintEdit = { version: number } & Partial<
  Pick<NewComplaint, "product" | "problem" | "wants" | "purchaseDate" | "purchasePlace" | "tags">
>;

/**
 * Until the complaints routes are in the app's type (i17-core), calls go through this: the same
 * fetch, the same problem+json, typed by the interfaces above.
 */
async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    noteReached(false);
    throw new Problem({ status: 0, code: "network_error", title: "Network error" });
  }
  noteReached(true);
  if (!response.ok) throw await toProblem(response);
  return (await response.json()) as T;
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

function queryString(values: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** One page of the log, newest first. */
export const getComplaints = query(
  (filter: ComplaintFilter, cursor?: string) =>
    send<ComplaintPage>(
      "GET",
      `/complaints${queryString({ status: filter.status, overdue: filter.overdue, branchId: filter.branchId, cursor, limit: "50" })}`,
    ),
  "complaints",
);

/** The follow-ups due (or overdue): resolved complaints waiting for the customer's call. */
export const getFollowUps = query(
  (branchId: string | undefined) =>
    send<ComplaintPage>("GET", `/complaints${queryString({ status: "resolved", branchId, limit: "50" })}`),
  "complaintFollowUps",
);

export const getComplaint = query(
  (id: string) =>
    send<{ complaint: ComplaintDetail }>("GET", `/complaints/${encodeURIComponent(id)}`).then((body) => body.complaint),
  "complaint",
);

export const complaintChanges = {
  create: (body: NewComplaint) => send<{ complaint: ComplaintDetail }>("POST", "/complaints", body),
  edit: (id: string, body: ComplaintEdit) =>
    send<{ complaint: ComplaintDetail }>("PATCH", `/complaints/${encodeURIComponent(id)}`, body),
  step: (id: string, body: ComplaintStepBody) =>
    send<{ complaint: ComplaintDetail }>("POST", `/complaints/${encodeURIComponent(id)}/steps`, body),
  followUp: (id: string, body: FollowUpBody) =>
    send<{ complaint: ComplaintDetail }>("POST", `/complaints/${encodeURIComponent(id)}/follow-up`, body),
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
