/**
 * The complaint process (docs/COMPLAINTS.md): its deadlines, the steps and who takes them, the
 * follow-up call's time and when contact details are erased. Pure: the clock, the branch's
 * zone and the organisation's calendar are arguments.
 */
import type { ComplaintStatus, Role } from "../../schema/enums";
import {
  addBusinessDays,
  businessDayOnOrBefore,
  type Calendar,
  dateIn,
  endOfDay,
  plusDays,
  zonedInstant,
} from "./business-days";
import type { EventType } from "./trail";

const DAY = 86_400_000;

/** The organisation's complaint settings (organisations table; defaults: the FCA's DISP 1.6). */
export interface ComplaintSettings {
  complaintAckDays: number;
  complaintRemedyDays: number;
  complaintResolveWeeks: number;
  complaintSummaryDays: number;
}

export interface ComplaintDeadlines {
  acknowledgeBy: number;
  remedyBy: number;
  resolveBy: number;
}

/**
 * The end (local midnight, less 1 ms) of the `n`th business day after the day a complaint was
 * received, in the branch's zone. The day received never counts, however early: DISP 1.6's
 * "by the end of the third business day following the day on which it is received".
 * @example businessDeadline(Date.parse("2026-12-04T02:00:00Z"), 1, "Asia/Shanghai", new Map())
 * // end of Monday 2026-12-07 in Shanghai
 */
export function businessDeadline(receivedAt: number, n: number, timeZone: string, calendar: Calendar): number {
  return endOfDay(addBusinessDays(dateIn(receivedAt, timeZone), n, calendar), timeZone);
}

/**
 * The three deadlines, fixed when a complaint is logged. Acknowledge and remedy: the end of the
 * Nth business day after the day received. Resolve: the end of the day N weeks after the day
 * received, brought back to the last business day on or before it when that day is off (never
 * later than the 8 weeks the rule allows).
 */
export function complaintDeadlines(
  receivedAt: number,
  settings: ComplaintSettings,
  timeZone: string,
  calendar: Calendar,
): ComplaintDeadlines {
  const received = dateIn(receivedAt, timeZone);
  const resolveDate = businessDayOnOrBefore(plusDays(received, settings.complaintResolveWeeks * 7), calendar);
  return {
    acknowledgeBy: businessDeadline(receivedAt, settings.complaintAckDays, timeZone, calendar),
    remedyBy: businessDeadline(receivedAt, settings.complaintRemedyDays, timeZone, calendar),
    resolveBy: endOfDay(resolveDate, timeZone),
  };
}

/**
 * Whether a complaint resolved at `resolvedAt` may close with a summary resolution: by the end
 * of the `summaryDays`th business day after the day received.
 */
export function withinSummaryWindow(
  receivedAt: number,
  resolvedAt: number,
  summaryDays: number,
  timeZone: string,
  calendar: Calendar,
): boolean {
  return resolvedAt <= businessDeadline(receivedAt, summaryDays, timeZone, calendar);
}

/**
 * The follow-up call's local time: 10:00, mid-morning. The handbook warns against calling
 * customers at lunch (12:00–14:00) or dinner (17:30–20:00); 10:00 is clear of both, and of the
 * early morning.
 */
export const FOLLOW_UP_MINUTES = 10 * 60;

/** Local times a follow-up call must avoid, as [from, to) minutes after midnight. */
export const MEAL_TIMES: readonly (readonly [number, number])[] = [
  [12 * 60, 14 * 60],
  [17 * 60 + 30, 20 * 60],
];

/** Whether a local time (minutes after midnight) is a decent time to call: 9:00–21:00, not at a meal. */
export function isCallableTime(minutes: number): boolean {
  if (minutes < 9 * 60 || minutes >= 21 * 60) return false;
  return !MEAL_TIMES.some(([from, to]) => minutes >= from && minutes < to);
}

/**
 * When to call the customer back: 10:00 on the next business day after the day it was
 * resolved, in the branch's zone.
 */
export function followUpDue(resolvedAt: number, timeZone: string, calendar: Calendar): number {
  const day = addBusinessDays(dateIn(resolvedAt, timeZone), 1, calendar);
  return zonedInstant(day, FOLLOW_UP_MINUTES, timeZone);
}

/**
 * When a finished complaint's contact details are erased: `retentionDays` after it was
 * followed up or closed.
 */
export function erasureDue(finishedAt: number, retentionDays: number): number {
  return finishedAt + retentionDays * DAY;
}

/** The last moment a complaint may have finished and still keep its contact details at `now`. */
export function erasureCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * DAY;
}

export const COMPLAINT_STEPS = ["acknowledge", "propose_remedy", "resolve", "close", "follow_up"] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];

/** Each step: where it starts from, where it goes, and its event. */
export const STEP_RULES: Record<
  ComplaintStep,
  { from: readonly ComplaintStatus[]; to: ComplaintStatus; event: EventType }
> = {
  acknowledge: { from: ["new"], to: "acknowledged", event: "complaint.acknowledged" },
  propose_remedy: { from: ["acknowledged"], to: "remedy_proposed", event: "complaint.remedy_proposed" },
  resolve: { from: ["remedy_proposed"], to: "resolved", event: "complaint.resolved" },
  close: { from: ["resolved"], to: "closed", event: "complaint.closed" },
  follow_up: { from: ["resolved"], to: "followed_up", event: "complaint.followed_up" },
};

/** The roles that take steps (the branch's managers, their regional managers, admins); analysts read. */
export const COMPLAINT_HANDLERS: readonly Role[] = ["admin", "regional_manager", "branch_manager"];

export type StepAnswer =
  | { ok: true; next: ComplaintStatus; event: EventType }
  | { ok: false; refusal: "forbidden" | "invalid_state" };

/**
 * Whether `role` may take `step` from `status`, and where it leads.
 * @example complaintStep("new", "acknowledge", "branch_manager") // { ok: true, next: "acknowledged", ... }
 * @example complaintStep("new", "resolve", "branch_manager") // { ok: false, refusal: "invalid_state" }
 * @example complaintStep("new", "acknowledge", "analyst") // { ok: false, refusal: "forbidden" }
 */
export function complaintStep(status: ComplaintStatus, step: ComplaintStep, role: Role): StepAnswer {
  if (!COMPLAINT_HANDLERS.includes(role)) return { ok: false, refusal: "forbidden" };
  const rule = STEP_RULES[step];
  if (!rule.from.includes(status)) return { ok: false, refusal: "invalid_state" };
  return { ok: true, next: rule.to, event: rule.event };
}

/** Whether the logged facts may still be edited (not once it is finished). */
export function factsEditable(status: ComplaintStatus): boolean {
  return status !== "followed_up" && status !== "closed";
}

export const OVERDUE_KINDS = ["acknowledge", "remedy", "resolve", "follow_up"] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

/** The statuses in which each deadline is still owed. */
export const OWED_IN: Record<OverdueKind, readonly ComplaintStatus[]> = {
  acknowledge: ["new"],
  remedy: ["new", "acknowledged"],
  resolve: ["new", "acknowledged", "remedy_proposed"],
  follow_up: ["resolved"],
};

/**
 * The deadlines a complaint has missed at `now` and still owes.
 * @example overdue({ status: "new", acknowledgeBy: 1, remedyBy: 9, resolveBy: 9, followUpDue: null }, 5) // ["acknowledge"]
 */
export function overdue(
  c: {
    status: ComplaintStatus;
    acknowledgeBy: number;
    remedyBy: number;
    resolveBy: number;
    followUpDue: number | null;
  },
  now: number,
): OverdueKind[] {
  const due: Record<OverdueKind, number | null> = {
    acknowledge: c.acknowledgeBy,
    remedy: c.remedyBy,
    resolve: c.resolveBy,
    follow_up: c.followUpDue,
  };
  return OVERDUE_KINDS.filter((kind) => {
    const at = due[kind];
    return at !== null && at < now && OWED_IN[kind].includes(c.status);
  });
}
