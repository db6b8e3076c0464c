/**
 * Reads and actions of the disputes area (issue 14, docs/DISPUTES.md): the scoped list, one
 * dispute, the figures, raising a dispute on a report and deciding one. Only the (lazy) disputes
 * pages, the report page and the branch scorecard import this: none of it is in the first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import type { ItemOutcomeDecision, ReportOutcome } from "../../../schema/enums";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";

export type Dispute = InferResponseType<(typeof api.disputes)[":id"]["$get"], 200>;
export type DisputeItem = Dispute["items"][number];
export type DisputePage = InferResponseType<typeof api.disputes.$get, 200>;
export type FigureRow = InferResponseType<typeof api.disputes.figures.$get, 200>["rows"][number];
export type ItemDecision = ItemOutcomeDecision;
export type { ReportOutcome };

export const DISPUTE_STATES = ["open", "decided"] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/**
 * The list's filter in the URL (`?status=&branchId=&regionId=`): for arbiters the open ones (the
 * queue) unless asked otherwise; for the branch's managers every dispute (their outcomes too).
 */
export interface DisputeFilter {
  status?: DisputeState | undefined;
  branchId?: string | undefined;
  regionId?: string | undefined;
}

/** The status the list shows when the URL names none. */
export const defaultStatus = (queue: boolean): DisputeState | "all" => (queue ? "open" : "all");

export function disputeFilter(params: SearchParams, queue: boolean): DisputeFilter {
  const status =
    firstParam(params.status) === "all" ? "all" : (paramIn(params.status, DISPUTE_STATES) ?? defaultStatus(queue));
  return {
    status: status === "all" ? undefined : status,
    branchId: firstParam(params.branchId) || undefined,
    regionId: firstParam(params.regionId) || undefined,
  };
}

/** One page of disputes (open ones oldest first: a queue; otherwise newest first). */
export const getDisputes = query(
  (filter: DisputeFilter, cursor?: string) =>
    call(
      api.disputes.$get({
        query: { status: filter.status, branchId: filter.branchId, regionId: filter.regionId, cursor },
      }),
    ),
  "disputes",
);

export const getDispute = query((id: string) => call(api.disputes[":id"].$get({ param: { id } })), "dispute");

/** Disputes per branch (`from`/`to` are months, YYYY-MM): rate per report, upheld rate, days to decide. */
export const getDisputeFigures = query(
  (filter: { branchId?: string | undefined; from?: string | undefined; to?: string | undefined }) =>
    call(
      api.disputes.figures.$get({
        query: { groupBy: "branch", branchId: filter.branchId, from: filter.from, to: filter.to },
      }),
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
    call(api.audits[":id"].disputes.$post({ param: { id: auditId }, json: { items } })),
  decide: (id: string, decision: Decision) =>
    call(api.disputes[":id"].decisions.$post({ param: { id }, json: decision })),
  /** The same evidence store as the phone's photos (`PUT /evidence/:sha256`), by the prepared JPEG's hash. */
  uploadPhoto: async (photo: { blob: Blob; sha256: string; contentType: string }) =>
    call(
      api.evidence[":sha256"].$put(
        { param: { sha256: photo.sha256 } },
        { init: { method: "PUT", body: photo.blob, headers: { "Content-Type": photo.contentType } } },
      ),
    ),
};
