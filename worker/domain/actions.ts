/**
 * Corrective actions (docs/ACTIONS.md) as pure rules: who may move an action where, when it is
 * overdue and escalated, and how the next published visit judges it.
 *
 * ```text
 * create ──▶ open ──done (note)──▶ done ──verify──▶ verified
 *             ▲  ◀──return (reason)──┘                  │
 *             │                                         │
 *             └──── a later visit fails an item again ◀─┘ (a recurrence; also from done)
 * open / done / verified ── a later visit meets every item ──▶ verified_by_visit
 * ```
 */
import type { ActionStatus, Role } from "../../schema/enums";
import type { ScoreResult } from "./scoring";

const DAY = 86_400_000;

/** Roles that create and update actions of the branches they see. */
export const ACTION_WRITER_ROLES: readonly Role[] = ["admin", "regional_manager", "branch_manager"];
/** Roles that verify a done action, or return it. */
export const ACTION_VERIFIER_ROLES: readonly Role[] = ["admin", "regional_manager"];

/** A status change someone asks for. `returned` puts a done action back to open with a reason. */
export type ActionStep = "done" | "verified" | "returned" | "reopened";

/** Why a status change is refused: the role may not (403), or the action is not in a state it starts from (409). */
export type ActionRefusal = "forbidden" | "invalid_state";

/**
 * The status an action moves to when `role` takes `step`, or why not.
 * @example actionStep("open", "done", "branch_manager") // { ok: true, next: "done" }
 * @example actionStep("done", "verified", "branch_manager") // { ok: false, refusal: "forbidden" }
 */
export function actionStep(
  status: ActionStatus,
  step: ActionStep,
  role: Role,
): { ok: true; next: ActionStatus } | { ok: false; refusal: ActionRefusal } {
  if (!ACTION_WRITER_ROLES.includes(role)) return { ok: false, refusal: "forbidden" };
  switch (step) {
    case "done":
      return status === "open" ? { ok: true, next: "done" } : { ok: false, refusal: "invalid_state" };
    case "verified":
    case "returned":
      if (!ACTION_VERIFIER_ROLES.includes(role)) return { ok: false, refusal: "forbidden" };
      return status === "done"
        ? { ok: true, next: step === "verified" ? "verified" : "open" }
        : { ok: false, refusal: "invalid_state" };
    case "reopened":
      // A verifier may reopen a verified action they find broken again.
      if (!ACTION_VERIFIER_ROLES.includes(role)) return { ok: false, refusal: "forbidden" };
      return status === "verified" ? { ok: true, next: "open" } : { ok: false, refusal: "invalid_state" };
  }
}

/** Open actions take edits of their title, owner and due date; closed ones are history. */
export function editable(status: ActionStatus): boolean {
  return status === "open" || status === "done";
}

/**
 * Overdue: past its due date (a calendar date in the branch's time zone) and not yet done.
 * @example isOverdue({ status: "open", dueDate: "2026-03-01" }, "2026-03-02") // true
 */
export function isOverdue(action: { status: ActionStatus; dueDate: string }, today: string): boolean {
  return action.status === "open" && today > action.dueDate;
}

/** Adds whole days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * How many escalations an open action should have had by `today`: one at its due date and a
 * second 3 days later. A scheduled job sends the difference with `escalations` (so a second
 * run sends nothing).
 * @example escalationsDue({ status: "open", dueDate: "2026-03-01" }, "2026-03-04") // 2
 */
export function escalationsDue(action: { status: ActionStatus; dueDate: string }, today: string): number {
  if (action.status !== "open") return 0;
  if (today >= addDays(action.dueDate, 3)) return 2;
  if (today >= action.dueDate) return 1;
  return 0;
}

/** An action as a published visit judges it. */
export interface WatchedAction {
  id: string;
  status: ActionStatus;
  itemKeys: readonly string[];
  /** Visits that started after this moment judge the action. */
  watchFrom: number;
}

/** What a published visit does to one action. */
export interface VisitJudgement {
  id: string;
  /** `met`: every linked item the visit judged passed; `failed`: at least one failed. */
  finding: "met" | "failed";
  next: ActionStatus;
  /** The action had been done or verified, and failed again. */
  recurrence: boolean;
}

/** The statuses a visit judges: `verified_by_visit` is final. */
const WATCHED: readonly ActionStatus[] = ["open", "done", "verified"];

/**
 * What a newly published report does to the branch's watched actions on its checklist. An
 * action is judged only when the visit started after `watchFrom` and judged at least one of
 * its items (N/A or absent items say nothing): every judged item met → `verified_by_visit`;
 * any failed (or partial) → back to `open`, a recurrence when it had been done or verified.
 * A dispute's ruling counts as the arbiter decided (`met` passes, `not_applicable` says nothing).
 * @example judgeActions([{ id: "a", status: "done", itemKeys: ["greets"], watchFrom: 0 }], result, 1)
 * // [{ id: "a", finding: "failed", next: "open", recurrence: true }] when greets failed
 */
export function judgeActions(
  actions: readonly WatchedAction[],
  result: ScoreResult,
  visitStartedAt: number,
): VisitJudgement[] {
  const outcomes = new Map(result.sections.flatMap((s) => s.items.map((i) => [i.key, i.outcome] as const)));
  const judgements: VisitJudgement[] = [];
  for (const action of actions) {
    if (!WATCHED.includes(action.status) || visitStartedAt <= action.watchFrom) continue;
    const judged = action.itemKeys
      .map((key) => outcomes.get(key))
      .filter((o) => o === "pass" || o === "fail" || o === "partial");
    if (!judged.length) continue;
    const failed = judged.some((o) => o !== "pass");
    judgements.push(
      failed
        ? { id: action.id, finding: "failed", next: "open", recurrence: action.status !== "open" }
        : { id: action.id, finding: "met", next: "verified_by_visit", recurrence: false },
    );
  }
  return judgements;
}

/**
 * The failed critical items of a result: each opens an action by itself when the
 * organisation says so (`actionsOnCritical`).
 * @example failedCriticalItems(result, doc) // ["no_disparaging"]
 */
export function failedCriticalItems(result: ScoreResult, criticalKeys: ReadonlySet<string>): string[] {
  return result.sections.flatMap((s) =>
    s.items.filter((i) => criticalKeys.has(i.key) && i.outcome === "fail").map((i) => i.key),
  );
}

/** The statuses in which an action counts as closed by the branch (docs/ACTIONS.md, "Figures"). */
export const CLOSED_STATUSES: readonly ActionStatus[] = ["done", "verified", "verified_by_visit"];

/**
 * When an action was closed, or null while it is open: the owner's `done` moment (kept through
 * verification), or the visit's verification when it was never marked done in this round.
 * @example closedMoment({ status: "verified", doneAt: 5, closedAt: 9 }) // 5
 */
export function closedMoment(action: { status: ActionStatus; doneAt: number | null; closedAt: number | null }) {
  if (!CLOSED_STATUSES.includes(action.status)) return null;
  return action.doneAt ?? action.closedAt;
}

/** One action as the figures read it. */
export interface ActionFact {
  status: ActionStatus;
  /** YYYY-MM-DD in the branch's calendar. */
  dueDate: string;
  createdAt: number;
  doneAt: number | null;
  closedAt: number | null;
  recurrences: number;
  /** Today in the branch's calendar (overdue), and the calendar date of an instant there (on time). */
  today: string;
  localDate: (instant: number) => string;
}

/** The figures of a set of actions (a branch's, a region's). */
export interface ActionFigures {
  open: number;
  overdue: number;
  done: number;
  /** Verified by a manager or by a visit. */
  closed: number;
  /** Done, verified or verified by a visit no later than the end of the due date. */
  closedOnTime: number;
  /** closedOnTime / actions whose due date has passed or that are closed; null when none. */
  closureRateOnTime: number | null;
  /** Median whole-and-tenth days from creation to closure over closed actions; null when none. */
  medianDaysToClose: number | null;
  /** Actions a later visit failed again at least once. */
  recurrences: number;
  /** recurrences / actions ever closed (closed now, or recurred); null when none. */
  recurrenceRate: number | null;
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures of a set of actions (docs/ACTIONS.md, "Figures"): counts by state, closure on
 * time, median days to close and the recurrence rate.
 * @example actionFigures([]) // { open: 0, ..., closureRateOnTime: null, medianDaysToClose: null, recurrenceRate: null }
 */
export function actionFigures(facts: readonly ActionFact[]): ActionFigures {
  let open = 0;
  let overdue = 0;
  let done = 0;
  let closed = 0;
  let closedOnTime = 0;
  let due = 0;
  let recurred = 0;
  let everClosed = 0;
  const days: number[] = [];
  for (const fact of facts) {
    const moment = closedMoment(fact);
    if (fact.status === "open") open++;
    if (fact.status === "done") done++;
    if (fact.status === "verified" || fact.status === "verified_by_visit") closed++;
    const late = isOverdue(fact, fact.today);
    if (late) overdue++;
    if (moment !== null) {
      due++;
      if (fact.localDate(moment) <= fact.dueDate) closedOnTime++;
      days.push(Math.max(0, moment - fact.createdAt) / DAY);
    } else if (late) {
      due++;
    }
    if (fact.recurrences > 0) recurred++;
    if (moment !== null || fact.recurrences > 0) everClosed++;
  }
  const middle = median(days);
  return {
    open,
    overdue,
    done,
    closed,
    closedOnTime,
    closureRateOnTime: due ? closedOnTime / due : null,
    medianDaysToClose: middle === null ? null : Math.round(middle * 10) / 10,
    recurrences: recurred,
    recurrenceRate: everClosed ? recurred / everClosed : null,
  };
}

/** A problem with one item an action names, addressed by its index in the request. */
export interface ActionItemProblem {
  path: string;
  code: "unknown_reference" | "not_allowed";
  message: string;
}

/**
 * Checks the items a new action names: each an item of the report that lost points there
 * (failed or partial, counted; a dispute ruled `met` or N/A took the loss away).
 * @example checkActionItems(result, ["greets"]) // [] when greets failed
 */
export function checkActionItems(result: ScoreResult, itemKeys: readonly string[]): ActionItemProblem[] {
  const items = new Map(result.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  const problems: ActionItemProblem[] = [];
  for (const [index, key] of itemKeys.entries()) {
    const item = items.get(key);
    const path = `itemKeys[${index}]`;
    if (!item) problems.push({ path, code: "unknown_reference", message: `No item "${key}" in this report` });
    else if (!(item.counted && item.ratio !== null && item.ratio < 1))
      problems.push({
        path,
        code: "not_allowed",
        message: "Only items that lost points in this report take an action",
      });
  }
  return problems;
}
