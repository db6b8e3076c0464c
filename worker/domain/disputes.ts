/**
 * The rules of a branch's dispute of a published report (docs/DISPUTES.md), as pure functions:
 * which items may be disputed and until when, who may arbitrate, and what a decision makes of
 * the report's answers. The score effect itself is the one scoring rule's (`scoreAudit` reads
 * each answer's `ruling`; docs/SCORING.md, "Disputes").
 */
import type { AnswerRuling, AuditStatus, ItemOutcomeDecision, ReportOutcome, Role } from "../../schema/enums";
import { type Actor, auditView, decide } from "./policy";
import type { ScoreResult } from "./scoring";

const DAY = 86_400_000;

/**
 * The items of a scored report that lost points (failed or partial, counted) and carry no
 * ruling yet: the only items a branch may dispute.
 * @example disputableItems(result) // ["greets", "return_policy"]
 */
export function disputableItems(result: ScoreResult): string[] {
  return result.sections.flatMap((section) =>
    section.items
      .filter((item) => item.counted && item.ratio !== null && item.ratio < 1 && !item.ruling)
      .map((item) => item.key),
  );
}

/**
 * Whether a report published at `publishedAt` may still be disputed at `now`: the window is
 * `windowDays` whole days (24 h each) from publication, its last millisecond included.
 * @example disputeWindowOpen(t, 7, t + 7 * 86_400_000) // true
 * @example disputeWindowOpen(t, 7, t + 7 * 86_400_000 + 1) // false
 */
export function disputeWindowOpen(publishedAt: number | null, windowDays: number, now: number): boolean {
  return publishedAt !== null && now <= disputeWindowEnd(publishedAt, windowDays);
}

/** The last moment a report published at `publishedAt` may be disputed. */
export function disputeWindowEnd(publishedAt: number, windowDays: number): number {
  return publishedAt + windowDays * DAY;
}

/** A problem with one requested item, addressed by its index in the request. */
export interface DisputeItemProblem {
  path: string;
  code: "unknown_reference" | "not_allowed" | "taken";
  message: string;
}

/**
 * Checks the items a branch asks to dispute: each names an item of the report that lost
 * points, at most once, and not one an earlier dispute already decided.
 * @example checkDisputeItems(result, [{ itemKey: "greets" }], new Set()) // []
 */
export function checkDisputeItems(
  result: ScoreResult,
  requested: readonly { itemKey: string }[],
  decided: ReadonlySet<string>,
): DisputeItemProblem[] {
  const known = new Set(result.sections.flatMap((s) => s.items.map((i) => i.key)));
  const disputable = new Set(disputableItems(result));
  const seen = new Set<string>();
  const problems: DisputeItemProblem[] = [];
  for (const [index, { itemKey }] of requested.entries()) {
    const path = `items[${index}].itemKey`;
    if (!known.has(itemKey)) {
      problems.push({ path, code: "unknown_reference", message: `No item "${itemKey}" in this report` });
    } else if (seen.has(itemKey)) {
      problems.push({ path, code: "taken", message: `Item "${itemKey}" is disputed twice` });
    } else if (decided.has(itemKey)) {
      problems.push({ path, code: "not_allowed", message: "An earlier dispute already decided this item" });
    } else if (!disputable.has(itemKey)) {
      problems.push({ path, code: "not_allowed", message: "Only items that lost points can be disputed" });
    }
    seen.add(itemKey);
  }
  return problems;
}

/** Roles that arbitrate disputes (and never the report's own reviewer). */
export const ARBITER_ROLES: readonly Role[] = ["reviewer", "admin"];

/**
 * Whether `actor` may decide a dispute of a report: a reviewer or admin, and not the one who
 * reviewed the report (`conflict_of_interest`, a 403 with its own code).
 * @example arbiterStanding({ userId: "r1", role: "reviewer" }, { reviewedBy: "r1" }) // "conflict_of_interest"
 */
export function arbiterStanding(
  actor: { userId: string; role: Role },
  report: { reviewedBy: string | null },
): "allow" | "forbidden" | "conflict_of_interest" {
  if (!ARBITER_ROLES.includes(actor.role)) return "forbidden";
  if (report.reviewedBy !== null && report.reviewedBy === actor.userId) return "conflict_of_interest";
  return "allow";
}

/**
 * The ruling an item outcome writes on the answer: `upheld` none, `not_applicable` N/A,
 * `overturned` met.
 * @example rulingOf("overturned") // "met"
 */
export function rulingOf(outcome: ItemOutcomeDecision): AnswerRuling | null {
  if (outcome === "overturned") return "met";
  if (outcome === "not_applicable") return "not_applicable";
  return null;
}

/** A problem with a decision, addressed by its index in the request. */
export interface DecisionProblem {
  path: string;
  code: "unknown_reference" | "taken" | "required";
  message: string;
}

/**
 * Checks an arbiter's decisions: exactly one outcome for every disputed item, nothing else.
 * @example checkDecisions(["greets"], [{ itemKey: "greets" }]) // []
 */
export function checkDecisions(
  disputed: readonly string[],
  decisions: readonly { itemKey: string }[],
): DecisionProblem[] {
  const open = new Set(disputed);
  const seen = new Set<string>();
  const problems: DecisionProblem[] = [];
  for (const [index, { itemKey }] of decisions.entries()) {
    const path = `items[${index}].itemKey`;
    if (!open.has(itemKey)) {
      problems.push({ path, code: "unknown_reference", message: `Item "${itemKey}" is not disputed here` });
    } else if (seen.has(itemKey)) {
      problems.push({ path, code: "taken", message: `Item "${itemKey}" is decided twice` });
    }
    seen.add(itemKey);
  }
  for (const key of disputed) {
    if (!seen.has(key)) {
      problems.push({ path: "items", code: "required", message: `Decide disputed item "${key}" too` });
    }
  }
  return problems;
}

/**
 * The answers after a decision: each decided item's ruling replaces any earlier one; other
 * answers are untouched. The shopper's values and comments are never changed.
 * @example applyRulings(rows, [{ itemKey: "greets", outcome: "overturned" }]) // greets gets ruling "met"
 */
export function applyRulings<Row extends { itemKey: string; ruling: AnswerRuling | null }>(
  rows: readonly Row[],
  decisions: readonly { itemKey: string; outcome: ItemOutcomeDecision }[],
): Row[] {
  const outcomes = new Map(decisions.map((d) => [d.itemKey, d.outcome]));
  return rows.map((row) => {
    const outcome = outcomes.get(row.itemKey);
    if (outcome === undefined || outcome === "upheld") return row;
    return { ...row, ruling: rulingOf(outcome) };
  });
}

/**
 * Whether the report still counts after the decision: a `void` or `reshop` outcome takes it
 * out of every score (status `voided`).
 * @example countsAfterDecision("reshop") // false
 */
export function countsAfterDecision(report: ReportOutcome | null | undefined): boolean {
  return report !== "void" && report !== "reshop";
}

/**
 * The shopper a `reshop` visit goes to: an eligible shopper other than the report's own, the
 * one with the fewest open visits (then by id, so the choice is repeatable); null when none.
 * @example reshopShopper([{ id: "s1", openVisits: 0 }, { id: "s2", openVisits: 3 }], "s1") // "s2"
 */
export function reshopShopper(
  candidates: readonly { id: string; openVisits: number }[],
  originalShopperId: string,
): string | null {
  const others = candidates.filter((c) => c.id !== originalShopperId);
  others.sort((a, b) => a.openVisits - b.openVisits || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return others[0]?.id ?? null;
}

/** What of a dispute a reader sees (the arbitration is blind; branch staff never learn the head office's people). */
export interface DisputeView {
  /** Who raised it: analysts and the branch's managers; never the arbiters (blind), never the shopper. */
  raiser: boolean;
  /** Who decided it, and the visit a `reshop` planned: head office only. */
  decider: boolean;
  /** Links to the disputes' photos: whoever may read disputes (not the shopper). */
  evidence: boolean;
  /** May raise disputes (the report's `dispute` standing is null for everyone else). */
  raise: boolean;
  /** The arbiter reading (null for everyone else): a dispute says whether they may decide it. */
  arbiter: string | null;
}

/**
 * What `actor` sees of disputes, from the policy's answers (no role lists of its own besides
 * the arbiters', who must not learn who raised a dispute).
 * @example disputeView(reviewer) // { raiser: false, decider: true, evidence: true, raise: false }
 */
export function disputeView(actor: Actor): DisputeView {
  const reads = decide(actor, "list", { type: "dispute" }) === "allow";
  return {
    raiser: reads && !ARBITER_ROLES.includes(actor.role),
    decider: auditView(actor).review,
    evidence: reads,
    raise: decide(actor, "create", { type: "dispute" }) === "allow",
    arbiter: decide(actor, "decide", { type: "dispute" }) === "allow" ? actor.userId : null,
  };
}

/**
 * Whether a report in `status` is shown to the branch like a published one: published, or
 * voided by a dispute (shown with its outcome, counted nowhere).
 * @example shownAsPublished("voided") // true
 */
export function shownAsPublished(status: AuditStatus): boolean {
  return status === "published" || status === "voided";
}

/** The report's dispute standing for one who may raise: whether they may now, until when, and which items. */
export interface DisputeStanding {
  /** The window is open, the report counts, no dispute of it is open and some item is still disputable. */
  open: boolean;
  windowEndsAt: number | null;
  /** Item keys still disputable: lost points, no ruling, not decided or pending in a dispute. */
  disputable: string[];
}

/**
 * A report's dispute standing at `now`, from its status, publication, score result and disputes.
 * @example disputeStanding({ status: "published", publishedAt: t, scoreResult }, [], 7, t) // { open: true, ... }
 */
export function disputeStanding(
  report: { status: AuditStatus; publishedAt: number | null; scoreResult: ScoreResult },
  disputes: readonly { status: "open" | "decided"; items: readonly { itemKey: string }[] }[],
  windowDays: number,
  now: number,
): DisputeStanding {
  const windowEndsAt = report.publishedAt === null ? null : disputeWindowEnd(report.publishedAt, windowDays);
  if (report.status !== "published") return { open: false, windowEndsAt, disputable: [] };
  const taken = new Set(disputes.flatMap((d) => d.items.map((i) => i.itemKey)));
  const disputable = disputableItems(report.scoreResult).filter((key) => !taken.has(key));
  const open =
    disputeWindowOpen(report.publishedAt, windowDays, now) &&
    !disputes.some((d) => d.status === "open") &&
    disputable.length > 0;
  return { open, windowEndsAt, disputable };
}

/**
 * The median of some numbers; null for none.
 * @example median([3, 1, 2]) // 2
 * @example median([4, 1, 2, 3]) // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Days between raising and deciding, for figures. */
export const daysOf = (ms: number): number => ms / DAY;

/** How long a `reshop` visit's window is, in days after today (the branch's calendar). */
export const RESHOP_WINDOW_DAYS = 14;

/** The briefing of a `reshop` visit: a repeat visit, in neutral words (never why). */
export const RESHOP_SCENARIO =
  "A repeat visit to this branch. Visit and report as on any visit, following the checklist.";
