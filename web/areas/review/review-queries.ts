/**
 * Reads and actions of the review area (docs/REVIEW.md): the queue, one report's history and
 * impact, the organisation's review settings. Only the (lazy) review pages, the report page's
 * history and the reviewer's home import this: none of it is in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { QUALITY_FLAG_CODES, type QualityFlagCode } from "../../../worker/domain/quality-flags";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";

export type QueuePage = InferResponseType<(typeof api)["review-queue"]["$get"], 200>;
export type QueueItem = QueuePage["items"][number];
export type QueueCounts = NonNullable<QueuePage["counts"]>;
export type HistoryItem = InferResponseType<(typeof api.audits)[":id"]["history"]["$get"], 200>["items"][number];
export type Impact = InferResponseType<(typeof api.audits)[":id"]["impact"]["$get"], 200>;
export type OrganizationSettings = InferResponseType<typeof api.organization.$get, 200>;

export const QUEUE_STATES = ["waiting", "claimed", "returned"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** The queue's filter in the URL (`?status=&branchId=&regionId=&mine=1&flag=&sort=flags`). */
export interface QueueFilter {
  status?: QueueState | undefined;
  branchId?: string | undefined;
  regionId?: string | undefined;
  mine?: boolean | undefined;
  /** Only reports with this quality flag. */
  flag?: QualityFlagCode | undefined;
  /** Most flags first instead of oldest first. */
  byFlags?: boolean | undefined;
}

export function queueFilter(params: SearchParams): QueueFilter {
  return {
    status: paramIn(params.status, QUEUE_STATES),
    branchId: firstParam(params.branchId) || undefined,
    regionId: firstParam(params.regionId) || undefined,
    mine: firstParam(params.mine) === "1" || undefined,
    flag: paramIn(params.flag, QUALITY_FLAG_CODES),
    byFlags: firstParam(params.sort) === "flags" || undefined,
  };
}

/** One page of the queue, oldest first; the first page also asks for the state counts (they cost a scan). */
export const getReviewQueue = query(
  (filter: QueueFilter, cursor?: string) =>
    call(
      api["review-queue"].$get({
        query: {
          status: filter.status,
          branchId: filter.branchId,
          regionId: filter.regionId,
          claimedByMe: filter.mine ? "true" : undefined,
          flag: filter.flag,
          sort: filter.byFlags ? "flags" : undefined,
          counts: cursor ? undefined : "true",
          cursor,
        },
      }),
    ),
  "reviewQueue",
);

export const getHistory = query(
  (id: string) => call(api.audits[":id"].history.$get({ param: { id } })).then((body) => body.items),
  "auditHistory",
);

export const getImpact = query((id: string) => call(api.audits[":id"].impact.$get({ param: { id } })), "auditImpact");

export const getOrganizationSettings = query(() => call(api.organization.$get()), "organizationSettings");

const audit = api.audits[":id"];

/** The review actions, each with the report's `version` (docs/REVIEW.md). */
export const reviewActions = {
  claim: (id: string, version: number) => call(audit.claim.$post({ param: { id }, json: { version } })),
  release: (id: string, version: number) => call(audit.release.$post({ param: { id }, json: { version } })),
  publish: (id: string, version: number) => call(audit.publish.$post({ param: { id }, json: { version } })),
  reject: (id: string, version: number, reason: string) =>
    call(audit.reject.$post({ param: { id }, json: { version, reason } })),
  returnWith: (id: string, version: number, questions: Array<{ itemKey?: string; text: string }>) =>
    call(audit.return.$post({ param: { id }, json: { version, questions } })),
  edit: (
    id: string,
    itemKey: string,
    body: { value?: boolean | number | string; na?: true; comment?: string; reason: string; version: number },
  ) => call(audit.answers[":itemKey"].$patch({ param: { id, itemKey }, json: body })),
};
