/**
 * Reads and actions of the disputes area (issue 14, docs/DISPUTES.md): the scoped list, one
 * dispute, the figures, raising a dispute on a report and deciding one. Only the (lazy) disputes
 * pages, the report page and the branch scorecard import this: none of it is in the first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";
import type { LocalizedName } from "../../lib/types";

/* Local contract types (i14-common.md) until the API lands; then the client's inferred types. */
export type ItemDecision = "upheld" | "not_applicable" | "overturned";
export type ReportOutcome = "void" | "reshop";

export interface DisputeItem {
  itemKey: string;
  reason: string;
  evidence: { sha256: string; url: string } | null;
  outcome: ItemDecision | null;
  decisionReason: string | null;
}

export interface Dispute {
  id: string;
  auditId: string;
  status: "open" | "decided";
  version: number;
  branch: { id: string; code: string; name: LocalizedName };
  checklist: { id: string; name: LocalizedName };
  raisedAt: string;
  raisedBy: { name: string } | null;
  decidedAt: string | null;
  decidedBy: { name: string } | null;
  reportOutcome: ReportOutcome | null;
  reshopAssignmentId: string | null;
  score: { before: number | null; after: number | null };
  windowEndsAt: string;
  items: DisputeItem[];
}

export interface DisputePage {
  items: Dispute[];
  nextCursor: string | null;
}

/** What a report (`GET /audits/:id`) says about its disputes. */
export interface ReportDisputes {
  disputes?: Dispute[];
  dispute?: { open: boolean; windowEndsAt: string | null; disputable: string[] } | null;
}

export interface FigureRow {
  id: string;
  name: LocalizedName | string;
  reports: number;
  disputes: number;
  rate: number | null;
  items: number;
  upheld: number;
  upheldRate: number | null;
  overturned: number;
  overturnedRate: number | null;
  medianDaysToDecide: number | null;
}

/** Until the typed client has the disputes routes: the same `call` semantics over fetch. */
async function request<T>(path: string, init?: { method: string; json: unknown }): Promise<T> {
  const response = fetch(`/api/v1${path}`, {
    credentials: "same-origin",
    ...(init
      ? { method: init.method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(init.json) }
      : {}),
  });
  return (await call(response as never)) as T;
}

export const DISPUTE_STATES = ["open", "decided"] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** The list's filter in the URL (`?status=&branchId=&regionId=`): open ones (the queue) unless asked otherwise. */
export interface DisputeFilter {
  status?: DisputeState | undefined;
  branchId?: string | undefined;
  regionId?: string | undefined;
}

export function disputeFilter(params: SearchParams): DisputeFilter {
  const status = firstParam(params.status);
  return {
    status: status === "all" ? undefined : (paramIn(params.status, DISPUTE_STATES) ?? "open"),
    branchId: firstParam(params.branchId) || undefined,
    regionId: firstParam(params.regionId) || undefined,
  };
}

const search = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
};

/** One page of disputes (open ones oldest first: a queue; otherwise newest first). */
export const getDisputes = query(
  (filter: DisputeFilter, cursor?: string) =>
    request<DisputePage>(
      `/disputes${search({ status: filter.status, branchId: filter.branchId, regionId: filter.regionId, cursor })}`,
    ),
  "disputes",
);

export const getDispute = query((id: string) => request<Dispute>(`/disputes/${encodeURIComponent(id)}`), "dispute");

/** Disputes per branch (or shopper): rate per report, upheld rate, days to decide. */
export const getDisputeFigures = query(
  (filter: {
    groupBy?: "branch" | "shopper";
    branchId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }) =>
    request<{ rows: FigureRow[] }>(
      `/disputes/figures${search({ groupBy: filter.groupBy ?? "branch", branchId: filter.branchId, from: filter.from, to: filter.to })}`,
    ).then((body) => body.rows),
  "disputeFigures",
);

export interface RaiseItem {
  itemKey: string;
  reason: string;
  evidence?: string;
}

export interface Decision {
  version: number;
  items: Array<{ itemKey: string; outcome: ItemDecision; reason: string }>;
  report?: ReportOutcome;
}

export const disputeActions = {
  raise: (auditId: string, items: RaiseItem[]) =>
    request<Dispute>(`/audits/${encodeURIComponent(auditId)}/disputes`, { method: "POST", json: { items } }),
  decide: (id: string, decision: Decision) =>
    request<Dispute>(`/disputes/${encodeURIComponent(id)}/decisions`, { method: "POST", json: decision }),
  /** The same evidence store as the phone's photos (`PUT /evidence/:sha256`), by the prepared JPEG's hash. */
  uploadPhoto: async (photo: { blob: Blob; sha256: string; contentType: string }) =>
    call(
      api.evidence[":sha256"].$put(
        { param: { sha256: photo.sha256 } },
        { init: { method: "PUT", body: photo.blob, headers: { "Content-Type": photo.contentType } } },
      ),
    ),
};
