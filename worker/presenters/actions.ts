/**
 * Corrective actions as the API shows them (docs/ACTIONS.md). Nothing about the shopper leaves:
 * an action names its report, branch, items and the people who acted on it; events the
 * system wrote for a visit (judged by a visit, opened for a critical failure) show no actor,
 * because the actor of a publication on arrival is the shopper.
 */
import type { ActionStatus } from "../../schema/enums";
import type { ActionHistoryRow, ActionRow } from "../data/actions";
import type { ActionFigures } from "../domain/actions";
import { isOverdue } from "../domain/actions";
import { localDate } from "../domain/audits";
import type { Localized } from "../domain/checklists";

const iso = (ms: number) => new Date(ms).toISOString();

/** An action (`/actions`, `/actions/:id`). */
export interface ActionBody {
  id: string;
  /** Send it back with a change (409 `stale_version` when the action moved on). */
  version: number;
  status: ActionStatus;
  /** Open and past its due date in the branch's calendar. */
  overdue: boolean;
  /** Opened by the system for a failed critical item. */
  automatic: boolean;
  branch: { id: string; code: string; name: Localized };
  regionId: string;
  auditId: string;
  /** The day of the report's visit (YYYY-MM-DD, in the branch's calendar): tells reports of one branch apart. */
  visitDate: string;
  checklist: { id: string; name: Localized };
  /** Empty for automatic actions (the web shows the item's label). */
  title: string;
  /** In the checklist's order, labelled from the report's version. */
  items: Array<{ itemKey: string; label: Localized }>;
  owner: { userId: string | null; name: string };
  /** YYYY-MM-DD in the branch's calendar. */
  dueDate: string;
  /** The owner's last note when done (kept when returned, for context). */
  doneNote: string;
  doneEvidence: { sha256: string; url: string } | null;
  /** When it was done in the current round (cleared when returned or reopened). */
  doneAt: string | null;
  /** Why it was last returned or reopened. */
  returnReason: string;
  verifiedBy: { name: string } | null;
  /** When it was verified (by a manager or a visit); cleared when reopened. */
  closedAt: string | null;
  /** How often a later visit failed its items again after it was done or verified. */
  recurrences: number;
  createdAt: string;
  updatedAt: string;
}

/** One event of an action's history. */
export interface ActionHistoryBody {
  at: string;
  type: string;
  /** Who acted; null for what the system did (a visit's judgement, an automatic action). */
  actor: { name: string } | null;
  payload: Record<string, unknown>;
}

/** The figures of one branch or region (`GET /actions/figures`). */
export interface ActionFiguresRowBody extends ActionFigures {
  id: string;
  name: Localized;
}

/** Event types the system writes when a visit is published: their actor is not shown. */
const SYSTEM_TYPES: readonly string[] = ["action.verified_by_visit", "action.failed_at_visit", "action.escalated"];

/**
 * An action as its readers see it; `today` is today in the branch's calendar (for `overdue`).
 * @example presentAction(row, "2026-03-02") // { id, status: "open", overdue: true, ... }
 */
export function presentAction(row: ActionRow, today: string): ActionBody {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    overdue: isOverdue(row, today),
    automatic: row.automatic,
    branch: { id: row.branchId, code: row.branchCode, name: { en: row.branchNameEn, zh: row.branchNameZh } },
    regionId: row.regionId,
    auditId: row.auditId,
    visitDate: localDate(row.visitStartedAt, row.timezone),
    checklist: { id: row.checklistId, name: { en: row.checklistNameEn, zh: row.checklistNameZh } },
    title: row.title,
    items: row.items,
    owner: {
      userId: row.ownerUserId,
      name: row.ownerUserId === null ? row.ownerName : (row.ownerMemberName ?? row.ownerName),
    },
    dueDate: row.dueDate,
    doneNote: row.doneNote,
    doneEvidence: row.doneEvidenceSha256
      ? { sha256: row.doneEvidenceSha256, url: `/api/v1/actions/${row.id}/evidence/${row.doneEvidenceSha256}` }
      : null,
    doneAt: row.doneAt === null ? null : iso(row.doneAt),
    returnReason: row.returnReason,
    verifiedBy: row.verifiedBy === null ? null : { name: row.verifiedByName ?? "" },
    closedAt: row.closedAt === null ? null : iso(row.closedAt),
    recurrences: row.recurrences,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * An action's history, oldest first. What the system did (a visit's judgement, an automatic
 * action, an escalation) has no actor: the publication's actor may be the shopper.
 */
export function presentActionHistory(rows: readonly ActionHistoryRow[]): ActionHistoryBody[] {
  return rows.map((row) => {
    const payload = (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<
      string,
      unknown
    >;
    const system = SYSTEM_TYPES.includes(row.type) || payload.automatic === true || row.actorId === null;
    return {
      at: iso(row.at),
      type: row.type,
      actor: system ? null : { name: row.actorName ?? "" },
      payload,
    };
  });
}
