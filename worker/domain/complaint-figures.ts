/**
 * Complaints next to audits (docs/COMPLAINTS.md, "Complaints next to audits"): the pure figures
 * behind `GET /api/v1/complaints/figures` and `/by-section`. Complaints are counted by the month
 * they were received in the branch's own time zone, so a period means the same whole months as
 * the scorecards' roll-ups (docs/SCORING.md).
 */
import { localDate } from "./audits";
import { lastDayOf } from "./periods";
import { summarizeScores } from "./stats";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** What the figures read of one complaint. */
export interface ComplaintFacts {
  branchId: string;
  receivedAt: number;
  status: string;
  acknowledgeBy: number;
  remedyBy: number;
  resolveBy: number;
  acknowledgedAt: number | null;
  remedyProposedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  satisfaction: number | null;
}

/**
 * The YYYY-MM a complaint belongs to: the month it was received in the branch's time zone.
 * @example complaintMonth(Date.parse("2026-02-28T17:00:00Z"), "Asia/Shanghai") // "2026-03"
 */
export function complaintMonth(receivedAt: number, timeZone: string): string {
  return localDate(receivedAt, timeZone).slice(0, 7);
}

/**
 * The instants to read complaints between so that every complaint received in the months (in
 * any time zone) is inside: the months' UTC bounds widened by 14 hours each side. Callers keep
 * only the complaints whose `complaintMonth` is in the period.
 */
export function readWindow(fromMonth: string, toMonth: string): { from: number; to: number } {
  const slack = 14 * HOUR;
  return {
    from: Date.parse(`${fromMonth}-01T00:00:00Z`) - slack,
    to: Date.parse(`${lastDayOf(toMonth)}T23:59:59.999Z`) + slack,
  };
}

/**
 * The middle value (the mean of the two middle ones for an even count); null for none.
 * @example median([5, 1, 3]) // 3
 * @example median([4, 1, 3, 2]) // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Whether a complaint missed any of its deadlines (acknowledge, propose a remedy, resolve): a
 * step done after its deadline, or still not done when the deadline passed (as of `now`). A
 * complaint closed before a step stops its clock at the closing.
 */
export function pastAnyDeadline(c: ComplaintFacts, now: number): boolean {
  const end = c.closedAt ?? now;
  const late = (doneAt: number | null, by: number) => (doneAt ?? end) > by;
  return (
    late(c.acknowledgedAt, c.acknowledgeBy) || late(c.remedyProposedAt, c.remedyBy) || late(c.resolvedAt, c.resolveBy)
  );
}

export interface SatisfactionSummary {
  /** Mean of the 1–5 answers. */
  mean: number;
  /** 95 % t interval of the mean (stats.ts), clamped to 1–5; null below 2 answers. */
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * Follow-up satisfaction (1–5) with its t interval; null without answers.
 * @example satisfactionSummary([4, 5, 3]) // { mean: 4, low: 1.52…, high: 5, n: 3 } (low ≈ 4 − 4.303 × 1/√3)
 */
export function satisfactionSummary(values: readonly number[]): SatisfactionSummary | null {
  if (!values.length) return null;
  const sums = values.reduce((s, v) => ({ n: s.n + 1, sum: s.sum + v, sumSquares: s.sumSquares + v * v }), {
    n: 0,
    sum: 0,
    sumSquares: 0,
  });
  const summary = summarizeScores(sums);
  const clamp = (v: number | null) => (v === null ? null : Math.min(5, Math.max(1, v)));
  return { mean: summary.mean ?? 0, low: clamp(summary.low), high: clamp(summary.high), n: values.length };
}

/** The share of a month a period covers: all of it, or up to `asOf` for the month under way. */
function monthShare(month: string, asOf: string): number {
  const days = Number(lastDayOf(month).slice(8));
  if (asOf.slice(0, 7) !== month) return asOf.slice(0, 7) > month ? 1 : 0;
  return Number(asOf.slice(8, 10)) / days;
}

/**
 * Visits in a period from a monthly footfall, prorated: whole months count whole, the month
 * still under way on `asOf` counts up to that day, months after it count nothing.
 * @example visitsInPeriod(3000, ["2026-10", "2026-11"], "2026-11-15") // 3000 + 1500 = 4500
 */
export function visitsInPeriod(footfallPerMonth: number, months: readonly string[], asOf: string): number {
  return months.reduce((sum, m) => sum + footfallPerMonth * monthShare(m, asOf), 0);
}

/** A branch or region as the figures group by it. */
export interface FigureGroup {
  id: string;
  nameEn: string;
  nameZh: string;
  /** The group's branches. */
  branchIds: readonly string[];
}

export interface FigureRow {
  id: string;
  nameEn: string;
  nameZh: string;
  complaints: number;
  /** Complaints per 1,000 visits; null unless every branch of the group has a known footfall. */
  per1000Visits: number | null;
  /** Complaints per published audit in the period; null without published audits. */
  perAudit: number | null;
  publishedAudits: number;
  /** Of the acknowledged complaints: hours from received to acknowledged. */
  medianAckHours: number | null;
  /** Of the resolved complaints: days from received to resolved. */
  medianResolveDays: number | null;
  /** Share of the complaints that missed any deadline; null without complaints. */
  pastDeadlineShare: number | null;
  satisfaction: SatisfactionSummary | null;
}

export interface FigureInputs {
  groups: readonly FigureGroup[];
  /** Complaints already narrowed to the period and the caller's scope. */
  complaints: readonly ComplaintFacts[];
  /** Monthly footfall per branch (null: not known). */
  footfall: ReadonlyMap<string, number | null>;
  /** Published audits per branch in the period (from the roll-ups). */
  audits: ReadonlyMap<string, number>;
  months: readonly string[];
  asOf: string;
  now: number;
}

function figureOf(
  group: Omit<FigureGroup, "branchIds">,
  branchIds: readonly string[],
  list: readonly ComplaintFacts[],
  inputs: FigureInputs,
): FigureRow {
  const known = branchIds.map((id) => inputs.footfall.get(id) ?? null);
  const visits =
    branchIds.length && known.every((f) => f !== null)
      ? known.reduce<number>((sum, f) => sum + visitsInPeriod(f ?? 0, inputs.months, inputs.asOf), 0)
      : null;
  const publishedAudits = branchIds.reduce((sum, id) => sum + (inputs.audits.get(id) ?? 0), 0);
  const ack = list.flatMap((c) => (c.acknowledgedAt === null ? [] : [(c.acknowledgedAt - c.receivedAt) / HOUR]));
  const resolve = list.flatMap((c) => (c.resolvedAt === null ? [] : [(c.resolvedAt - c.receivedAt) / DAY]));
  const satisfaction = list.flatMap((c) => (c.satisfaction === null ? [] : [c.satisfaction]));
  return {
    id: group.id,
    nameEn: group.nameEn,
    nameZh: group.nameZh,
    complaints: list.length,
    per1000Visits: visits && visits > 0 ? (list.length / visits) * 1000 : null,
    perAudit: publishedAudits > 0 ? list.length / publishedAudits : null,
    publishedAudits,
    medianAckHours: median(ack),
    medianResolveDays: median(resolve),
    pastDeadlineShare: list.length ? list.filter((c) => pastAnyDeadline(c, inputs.now)).length / list.length : null,
    satisfaction: satisfactionSummary(satisfaction),
  };
}

/** One row per group (in the groups' order) and the totals over every group. */
export function complaintFigures(inputs: FigureInputs): { rows: FigureRow[]; totals: FigureRow } {
  const byBranch = new Map<string, ComplaintFacts[]>();
  for (const c of inputs.complaints) byBranch.set(c.branchId, [...(byBranch.get(c.branchId) ?? []), c]);
  const rows = inputs.groups.map((g) =>
    figureOf(
      g,
      g.branchIds,
      g.branchIds.flatMap((id) => byBranch.get(id) ?? []),
      inputs,
    ),
  );
  const everyBranch = [...new Set(inputs.groups.flatMap((g) => g.branchIds))];
  const inGroups = new Set(everyBranch);
  const totals = figureOf(
    { id: "total", nameEn: "Total", nameZh: "合计" },
    everyBranch,
    inputs.complaints.filter((c) => inGroups.has(c.branchId)),
    inputs,
  );
  return { rows, totals };
}

/**
 * Where mystery visits and real customers disagree on a section (the comparison view's
 * highlight): the audits pass it well, yet customers complain about it; or the audits often
 * fail it and nobody has complained (few unhappy customers complain, so this one is a hint).
 */
export const DISAGREE = {
  /** A pass rate at least this high counts as passing well. */
  highPassRate: 0.85,
  /** ...while at least this many complaints were filed under the section in the period. */
  manyComplaints: 3,
  /** A pass rate below this counts as failing often. */
  lowPassRate: 0.6,
} as const;

export type Disagreement = "complaints_despite_passing" | "failing_without_complaints";

/**
 * @example disagreement(0.92, 4) // "complaints_despite_passing"
 * @example disagreement(0.4, 0) // "failing_without_complaints"
 * @example disagreement(null, 7) // null: no audits judged the section
 */
export function disagreement(passRate: number | null, complaints: number): Disagreement | null {
  if (passRate === null) return null;
  if (passRate >= DISAGREE.highPassRate && complaints >= DISAGREE.manyComplaints) return "complaints_despite_passing";
  if (passRate < DISAGREE.lowPassRate && complaints === 0) return "failing_without_complaints";
  return null;
}

/** A complaint's category as stored. */
export interface ComplaintCategory {
  checklistId: string;
  sectionKey: string;
  itemKey?: string;
}

/**
 * Complaints per branch and section of one checklist: a complaint filed under several items of
 * the same section counts once for that section.
 * @example complaintsBySection([{ branchId: "b", categories: [{ checklistId: "c", sectionKey: "s", itemKey: "i" }, { checklistId: "c", sectionKey: "s" }] }], "c").get("b")?.get("s") // 1
 */
export function complaintsBySection(
  complaints: ReadonlyArray<{ branchId: string; categories: readonly ComplaintCategory[] }>,
  checklistId: string,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of complaints) {
    const sections = new Set(c.categories.filter((k) => k.checklistId === checklistId).map((k) => k.sectionKey));
    if (!sections.size) continue;
    const row = out.get(c.branchId) ?? new Map<string, number>();
    for (const s of sections) row.set(s, (row.get(s) ?? 0) + 1);
    out.set(c.branchId, row);
  }
  return out;
}
