/**
 * Reads and changes of corrective actions (issue 14; the contract in docs/ACTIONS.md): the board,
 * one action with its history, the figures, and the changes a reader may make. Only the (lazy)
 * actions pages, the report page's "Create action", the branch scorecard's figures and the
 * manager's home import this: none of it is in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { ActionStatus } from "../../../schema/enums";
import { Problem, toProblem } from "../../lib/api";
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

interface Name {
  en: string;
  zh: string;
}

/** One action as the API presents it (ActionBody). */
export interface Action {
  id: string;
  version: number;
  status: ActionStatus;
  overdue: boolean;
  automatic: boolean;
  branch: { id: string; code: string; name: Name };
  regionId: string;
  auditId: string;
  checklist: { id: string; name: Name };
  title: string;
  items: { itemKey: string; label: Name }[];
  owner: { userId: string | null; name: string };
  dueDate: string;
  doneNote: string | null;
  doneEvidence: { sha256: string; url: string } | null;
  doneAt: string | null;
  returnReason: string | null;
  verifiedBy: { name: string } | null;
  closedAt: string | null;
  recurrences: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionEvent {
  at: string;
  type: string;
  actor: { name: string } | null;
  payload: Record<string, unknown>;
}

export type ActionDetail = Action & { history: ActionEvent[] };
export interface ActionPage {
  items: Action[];
  nextCursor: string | null;
}

export interface ActionFigureRow {
  id: string;
  name: Name;
  open: number;
  overdue: number;
  done: number;
  closed: number;
  closedOnTime: number;
  closureRateOnTime: number | null;
  medianDaysToClose: number | null;
  recurrences: number;
  recurrenceRate: number | null;
}

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

/** The new action's body (POST /actions). */
export interface NewAction {
  auditId: string;
  itemKeys: string[];
  title: string;
  owner: { userId: string } | { name: string };
  dueDate: string;
}

/** A change (PATCH /actions/:id): a step (`status`) with its note or reason, or edits. */
export interface ActionChange {
  version: number;
  status?: "done" | "verified" | "open";
  note?: string;
  evidence?: string;
  reason?: string;
  dueDate?: string;
  owner?: { userId: string } | { name: string };
  title?: string;
}

const BASE = "/api/v1/actions";

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${BASE}${path}`, {
    credentials: "same-origin",
    ...init,
    headers: init?.body ? { "Content-Type": "application/json" } : undefined,
  }).catch(() => {
    throw new Problem({ status: 0, code: "network_error", title: "Network error" });
  });
  if (!response.ok) throw await toProblem(response);
  return (await response.json()) as T;
}

const search = (entries: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
};

/** One page of the board: overdue first, then by due date. */
export const getActions = query(
  (filter: ActionFilter, cursor?: string) =>
    request<ActionPage>(
      search({
        status: filter.status,
        regionId: filter.regionId,
        branchId: filter.branchId,
        overdue: filter.overdue ? "true" : undefined,
        cursor,
        limit: "100",
      }),
    ),
  "actions",
);

export const getAction = query((id: string) => request<ActionDetail>(`/${encodeURIComponent(id)}`), "action");

/** Open, overdue, closure on time, days to close and recurrence, per branch or per region. */
export const getActionFigures = query(
  (groupBy: "branch" | "region", scope: { branchId?: string | undefined; regionId?: string | undefined }) =>
    request<{ rows: ActionFigureRow[] }>(`/figures${search({ groupBy, ...scope })}`).then((body) => body.rows),
  "actionFigures",
);

export const actionChanges = {
  create: (body: NewAction) => request<Action>("", { method: "POST", body: JSON.stringify(body) }),
  change: (id: string, body: ActionChange) =>
    request<Action>(`/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(body) }),
};
