/**
 * The review workflow of a report, as one pure state machine. Every route that changes a
 * report's state asks `reviewTransition` and writes exactly what it answers; nothing else
 * moves a report between states.
 *
 * ```text
 *                     ┌──────────── reply (shopper) ─────────────┐
 *                     ▼                                          │
 * submit ──▶ waiting ──claim──▶ claimed ──return──▶ returned ────┘
 *    │          ▲   ◀─release──   │  │ ▲
 *    │          │                 │  │ └─ claim (an admin takes over)
 *    │          │     publish ◀───┘  └──▶ reject ──▶ rejected
 *    │          │        │
 *    └─(policy lets it through)─▶ published ──reopen (admin)──▶ waiting
 * ```
 *
 * Only `published` counts in scores and roll-ups (`counts`): a transition into or out of it
 * moves the roll-ups in the same batch.
 */
import type { AuditStatus, ReviewPolicy, Role } from "../../schema/enums";
import type { AuditFlag } from "./audits";
import type { ScoreResult } from "./scoring";

export const REVIEW_ACTIONS = ["claim", "release", "edit", "return", "reply", "publish", "reject", "reopen"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What the machine needs to know about a report. */
export interface ReviewState {
  status: AuditStatus;
  /** The reviewer holding it (claimed reports only). */
  claimedBy: string | null;
  shopperId: string;
}

export interface ReviewActor {
  userId: string;
  role: Role;
}

/** Why a transition is refused. `forbidden` is a 403; the rest are 409s. */
export type ReviewRefusal =
  | "forbidden"
  /** Another reviewer holds the report. */
  | "already_claimed"
  /** The action needs the report claimed by the actor first. */
  | "claim_required"
  /** The report is not in a state this action starts from. */
  | "invalid_state";

export type ReviewTransition =
  | {
      ok: true;
      next: ReviewState;
      /** The report counted in scores before / counts after: roll-ups move when these differ. */
      counted: { before: boolean; after: boolean };
      /** An admin took a claim over from another reviewer (recorded in the trail). */
      takeover: boolean;
    }
  | { ok: false; refusal: ReviewRefusal };

/** Roles that review reports. Admins review too (and may take a claim over). */
export const REVIEWER_ROLES: readonly Role[] = ["reviewer", "admin"];

/** Only published reports count in any score or roll-up. */
export function counts(status: AuditStatus): boolean {
  return status === "published";
}

/** The states each action may start from. */
const FROM: Record<ReviewAction, readonly AuditStatus[]> = {
  claim: ["waiting", "claimed"],
  release: ["claimed"],
  edit: ["claimed"],
  return: ["claimed"],
  reply: ["returned"],
  publish: ["claimed"],
  reject: ["claimed"],
  reopen: ["published"],
};

/** Who may take each action at all (before the report's own state is looked at). */
function mayAct(action: ReviewAction, actor: ReviewActor, state: ReviewState): boolean {
  if (action === "reply") return actor.role === "shopper" && actor.userId === state.shopperId;
  if (action === "reopen") return actor.role === "admin";
  return REVIEWER_ROLES.includes(actor.role);
}

/**
 * The next state of a report when `actor` takes `action`, or why not.
 *
 * @example
 * reviewTransition({ status: "waiting", claimedBy: null, shopperId: "s" }, "claim", { userId: "r", role: "reviewer" })
 * // { ok: true, next: { status: "claimed", claimedBy: "r", shopperId: "s" }, counted: { before: false, after: false }, takeover: false }
 * reviewTransition({ status: "claimed", claimedBy: "r", shopperId: "s" }, "claim", { userId: "r2", role: "reviewer" })
 * // { ok: false, refusal: "already_claimed" }
 */
export function reviewTransition(state: ReviewState, action: ReviewAction, actor: ReviewActor): ReviewTransition {
  if (!mayAct(action, actor, state)) return { ok: false, refusal: "forbidden" };
  if (!FROM[action].includes(state.status)) return { ok: false, refusal: "invalid_state" };
  const mine = state.claimedBy === actor.userId;
  let takeover = false;
  let next: ReviewState;
  switch (action) {
    case "claim":
      if (state.status === "claimed" && !mine) {
        if (actor.role !== "admin") return { ok: false, refusal: "already_claimed" };
        takeover = true;
      }
      next = { ...state, status: "claimed", claimedBy: actor.userId };
      break;
    case "release":
    case "edit":
    case "return":
    case "publish":
    case "reject": {
      if (!mine) return { ok: false, refusal: "claim_required" };
      const status: Record<typeof action, AuditStatus> = {
        release: "waiting",
        edit: "claimed",
        return: "returned",
        publish: "published",
        reject: "rejected",
      };
      next = { ...state, status: status[action], claimedBy: action === "edit" ? actor.userId : null };
      break;
    }
    case "reply":
      next = { ...state, status: "waiting", claimedBy: null };
      break;
    case "reopen":
      next = { ...state, status: "waiting", claimedBy: null };
      break;
  }
  return { ok: true, next, counted: { before: counts(state.status), after: counts(next.status) }, takeover };
}

/** What the organisation's `flagged` policy looks at: lateness, the quality flags (docs/QUALITY.md) and the score. */
export interface ArrivalSignals {
  late: boolean;
  flags: readonly AuditFlag[];
  result: Pick<ScoreResult, "criticalFailed" | "sections">;
}

/** Whether any counted item lost points (a failed or partly met item). */
function hasFailedItem(result: ArrivalSignals["result"]): boolean {
  return result.sections.some((s) => s.items.some((i) => i.outcome === "fail" || i.outcome === "partial"));
}

/**
 * The state a report arrives in under the organisation's review policy: `all` sends every
 * report to review; `flagged` only those sent late, with any quality flag (too_fast, photo_reused, …), a
 * critical failure or a failed item; `none` publishes on arrival.
 *
 * @example arrivalStatus("none", signals) // "published"
 * @example arrivalStatus("flagged", { late: true, flags: [], result }) // "waiting"
 */
export function arrivalStatus(policy: ReviewPolicy, signals: ArrivalSignals): "waiting" | "published" {
  if (policy === "none") return "published";
  if (policy === "all") return "waiting";
  const suspicious =
    signals.late || signals.flags.length > 0 || signals.result.criticalFailed || hasFailedItem(signals.result);
  return suspicious ? "waiting" : "published";
}

/** How a waiting report stands against the review SLA. */
export type SlaStanding = "on_time" | "due_soon" | "overdue";

/**
 * Where a report stands against the organisation's review SLA, counted from submission:
 * overdue past the SLA, due soon in its last quarter.
 * @example slaStanding(0, 47 * 3_600_000, 48) // "due_soon"
 */
export function slaStanding(submittedAt: number, now: number, slaHours: number): SlaStanding {
  const age = now - submittedAt;
  const sla = slaHours * 3_600_000;
  if (age > sla) return "overdue";
  if (age > sla * 0.75) return "due_soon";
  return "on_time";
}
