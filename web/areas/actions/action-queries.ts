/**
 * Reads and changes of corrective actions (issue 14; the contract in docs/ACTIONS.md): the board,
 * one action with its history, the figures, and the changes a reader may make. Only the (lazy)
 * actions pages, the report page's "Create action", the branch scorecard's figures and the
 * manager's home import this: none of it is in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { ActionStatus } from "../../../schema/enums";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { firstParam, paramIn } from "../../lib/search-params";

export type { ActionStatus } from "../../../schema/enums";

/**
 * schema/enums' ACTION_STATUSES, restated: importing the value would put it in the app chunk
 * (vite.config.ts puts schema/enums there), the shopper's first download.
 */
export const ACTION_STATUSES = [
  "open",
  "done",
  "verified",
  "verified_by_visit",
] as const satisfies readonly ActionStatus[];

export type ActionPage = InferResponseType<typeof api.actions.$get, 200>;
/** One action as the API presents it (ActionBody). */
export type Action = ActionPage["items"][number];
export type ActionDetail = InferResponseType<(typeof api.actions)[":id"]["$get"], 200>;
export type ActionEvent = ActionDetail["history"][number];
export type ActionFigureRow = InferResponseType<typeof api.actions.figures.$get, 200>["rows"][number];
/** The new action's body (POST /actions). */
export type NewAction = InferRequestType<typeof api.actions.$post>["json"];
/** A change (PATCH /actions/:id): a step (`status`) with its note or reason, or edits. */
export type ActionChange = InferRequestType<(typeof api.actions)[":id"]["$patch"]>["json"];

/** What an action is called: its title, or for an automatic one (no title) its items' labels. */
export const actionTitle = (action: Action) => action.title || action.items.map((i) => localName(i.label)).join(" · ");

/** The board's filter in the URL (`?status=&regionId=&branchId=&overdue=1`). */
export interface ActionFilter {
  status?: ActionStatus | undefined;
  regionId?: string | undefined;
  branchId?: string | undefined;
  overdue?: boolean | undefined;
}

export function actionFilter(params: SearchParams): ActionFilter {
  return {
    status: paramIn(params.status, ACTION_STATUSES),
    regionId: firstParam(params.regionId) || undefined,
    branchId: firstParam(params.branchId) || undefined,
    overdue: firstParam(params.overdue) === "1" || undefined,
  };
}

/** One page of the board: overdue first, then by due date. */
export const getActions = query(
  (filter: ActionFilter, cursor?: string) =>
    call(
      api.actions.$get({
        query: {
          status: filter.status,
          regionId: filter.regionId,
          branchId: filter.branchId,
          overdue: filter.overdue ? "true" : undefined,
          cursor,
          limit: "100",
        },
      }),
    ),
  "actions",
);

/** The actions one report started (its page lists them; printed too). */
export const getReportActions = query(
  (auditId: string) => call(api.actions.$get({ query: { auditId, limit: "100" } })),
  "reportActions",
);

export const getAction = query((id: string) => call(api.actions[":id"].$get({ param: { id } })), "action");

/** Open, overdue, closure on time, days to close and recurrence, per branch or per region. */
export const getActionFigures = query(
  (groupBy: "branch" | "region", scope: { branchId?: string | undefined; regionId?: string | undefined }) =>
    call(api.actions.figures.$get({ query: { groupBy, branchId: scope.branchId, regionId: scope.regionId } })).then(
      (body) => body.rows,
    ),
  "actionFigures",
);

export const actionChanges = {
  create: (json: NewAction) => call(api.actions.$post({ json })),
  change: (id: string, json: ActionChange) => call(api.actions[":id"].$patch({ param: { id }, json })),
};
