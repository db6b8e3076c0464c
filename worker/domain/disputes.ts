/**
 * The rules of a branch's dispute of a published report (docs/DISPUTES.md), as pure functions:
 * which items may be disputed and until when, who may arbitrate, and what a decision makes of
 * the report's answers. The score effect itself is the one scoring rule's (`scoreAudit` reads
 * each answer's `ruling`; docs/SCORING.md, "Disputes").
 */
import type { AnswerRuling, ItemOutcomeDecision, ReportOutcome, Role } from "../../schema/enums";
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
