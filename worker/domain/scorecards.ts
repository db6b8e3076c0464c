/**
 * Scorecard figures from roll-up sums (docs/SCORING.md, "Period scores and roll-ups"): pure
 * functions from summed rows to the numbers a screen shows, with their intervals, ranks and
 * the names of the items and sections they count. No I/O: the data layer sums, this judges.
 */
import type { ChecklistDocument, Localized } from "./checklists";
import { SCORE_UNITS } from "./rollups";
import { passRate, type RateSummary, type ScoreSummary, summarizeScores } from "./stats";

/** Summed roll-up score columns, in the roll-ups' integer units. */
export interface ScoreRow {
  audits: number;
  scored: number;
  scoreSum: number;
  scoreSquares: number;
  criticalFailed: number;
}

export interface ScoreFigure extends ScoreSummary {
  /** Published audits (scored or not). */
  audits: number;
  criticalFailed: number;
  /** criticalFailed / audits; null without audits. */
  criticalRate: number | null;
}

export const EMPTY_SCORES: ScoreRow = { audits: 0, scored: 0, scoreSum: 0, scoreSquares: 0, criticalFailed: 0 };

/** Adds score rows (months, branches or regions pooled). */
export function addScoreRows(a: ScoreRow, b: ScoreRow): ScoreRow {
  return {
    audits: a.audits + b.audits,
    scored: a.scored + b.scored,
    scoreSum: a.scoreSum + b.scoreSum,
    scoreSquares: a.scoreSquares + b.scoreSquares,
    criticalFailed: a.criticalFailed + b.criticalFailed,
  };
}

/**
 * A period's score with its interval, from summed roll-up units.
 * @example scoreFigure({ audits: 3, scored: 3, scoreSum: 2_400_000, scoreSquares: 1_940_000_000_000, criticalFailed: 1 }).mean // 80
 */
export function scoreFigure(row: ScoreRow): ScoreFigure {
  const summary = summarizeScores({
    n: row.scored,
    sum: row.scoreSum / SCORE_UNITS,
    sumSquares: row.scoreSquares / (SCORE_UNITS * SCORE_UNITS),
  });
  return {
    ...summary,
    audits: row.audits,
    criticalFailed: row.criticalFailed,
    criticalRate: row.audits > 0 ? row.criticalFailed / row.audits : null,
  };
}

/** All rows summed into one (months, branches or regions of a period). */
export function totalScores(rows: readonly ScoreRow[]): ScoreRow {
  return rows.reduce(addScoreRows, EMPTY_SCORES);
}

/** Pools rows by a key: `{ [key]: summed row }`. */
export function poolScores<T extends ScoreRow>(rows: readonly T[], keyOf: (row: T) => string): Map<string, ScoreRow> {
  const pooled = new Map<string, ScoreRow>();
  for (const row of rows) pooled.set(keyOf(row), addScoreRows(pooled.get(keyOf(row)) ?? EMPTY_SCORES, row));
  return pooled;
}

export interface ItemCounts {
  checklistId: string;
  itemKey: string;
  passes: number;
  fails: number;
  nas: number;
}

export interface ItemFigure extends RateSummary {
  nas: number;
}

/** An item's pass rate with its Wilson interval; N/A answers counted apart. */
export function itemFigure(counts: Pick<ItemCounts, "passes" | "fails" | "nas">): ItemFigure {
  return { ...passRate(counts.passes, counts.fails), nas: counts.nas };
}

/**
 * The identity of an item or a section across checklists (the same key may mean different things
 * in two checklists): item and section keys share one namespace per checklist.
 * @example keyInChecklist("c1", "greets") // "c1:greets"
 */
export const keyInChecklist = (checklistId: string, key: string) => `${checklistId}:${key}`;

/**
 * Pools item counts by checklist and item (`keyInChecklist`), and by `groupOf` when given (a heatmap
 * column): months and versions of the same item add up.
 */
export function poolItems<T extends ItemCounts>(
  rows: readonly T[],
  groupOf: (row: T) => string = () => "",
): Map<string, ItemCounts & { group: string }> {
  const pooled = new Map<string, ItemCounts & { group: string }>();
  for (const row of rows) {
    const group = groupOf(row);
    const id = group
      ? `${group}\u0000${keyInChecklist(row.checklistId, row.itemKey)}`
      : keyInChecklist(row.checklistId, row.itemKey);
    const seen = pooled.get(id);
    pooled.set(
      id,
      seen
        ? { ...seen, passes: seen.passes + row.passes, fails: seen.fails + row.fails, nas: seen.nas + row.nas }
        : {
            group,
            checklistId: row.checklistId,
            itemKey: row.itemKey,
            passes: row.passes,
            fails: row.fails,
            nas: row.nas,
          },
    );
  }
  return pooled;
}

/** Pools section sums (scored, Σratio) by checklist and section. */
export function poolSections<T extends { checklistId: string; sectionKey: string; scored: number; ratioSum: number }>(
  rows: readonly T[],
): Map<string, { checklistId: string; sectionKey: string; scored: number; ratioSum: number }> {
  const pooled = new Map<string, { checklistId: string; sectionKey: string; scored: number; ratioSum: number }>();
  for (const row of rows) {
    const id = keyInChecklist(row.checklistId, row.sectionKey);
    const seen = pooled.get(id);
    pooled.set(id, {
      checklistId: row.checklistId,
      sectionKey: row.sectionKey,
      scored: (seen?.scored ?? 0) + row.scored,
      ratioSum: (seen?.ratioSum ?? 0) + row.ratioSum,
    });
  }
  return pooled;
}

export interface CatalogItem {
  checklistId: string;
  key: string;
  prompt: Localized;
  sectionKey: string;
  sectionTitle: Localized;
  critical: boolean;
  /** Position in the newest version that has the item (checklists in the given order, then document order). */
  order: number;
}

export interface CatalogSection {
  checklistId: string;
  key: string;
  title: Localized;
  order: number;
}

/**
 * Names and order of every item and section the roll-ups may count, from the published
 * versions (newest first per checklist): an item renamed in a later version shows its newest
 * wording; one dropped from the checklist keeps the wording of the last version that had it.
 */
export function buildCatalog(
  versions: ReadonlyArray<{ checklistId: string; number: number; document: ChecklistDocument }>,
) {
  const items = new Map<string, CatalogItem>();
  const sections = new Map<string, CatalogSection>();
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  let order = 0;
  for (const version of newestFirst) {
    for (const section of version.document.sections) {
      const sectionId = keyInChecklist(version.checklistId, section.key);
      if (!sections.has(sectionId)) {
        sections.set(sectionId, { checklistId: version.checklistId, key: section.key, title: section.title, order });
      }
      for (const item of section.items) {
        order++;
        const id = keyInChecklist(version.checklistId, item.key);
        if (items.has(id)) continue;
        items.set(id, {
          checklistId: version.checklistId,
          key: item.key,
          prompt: item.prompt,
          sectionKey: section.key,
          sectionTitle: section.title,
          critical: item.critical !== "none",
          order,
        });
      }
    }
  }
  return { items, sections };
}

/**
 * An item as the catalog names it, or, for a key no published version has any more, a
 * stand-in named by its key (so a figure is never dropped for want of a title).
 */
export function describeItem(
  catalog: ReturnType<typeof buildCatalog>,
  checklistId: string,
  key: string,
): CatalogItem & { known: boolean } {
  const item = catalog.items.get(keyInChecklist(checklistId, key));
  if (item) return { ...item, known: true };
  const name = { en: key, zh: key };
  return {
    checklistId,
    key,
    prompt: name,
    sectionKey: "",
    sectionTitle: name,
    critical: false,
    order: Number.MAX_SAFE_INTEGER,
    known: false,
  };
}

export interface Ranked<T> {
  /** Competition ranking (1, 2, 2, 4) by mean score; only rows with enough audits. */
  ranked: Array<T & { rank: number }>;
  /** Fewer than MIN_AUDITS scored audits: listed apart, never ranked. */
  insufficient: T[];
}

/**
 * Ranks by mean score, best first, where the data supports it; the rest sink to their own group.
 * @example rankByScore([{ score: { mean: 90, insufficient: false } }, { score: { mean: 70, insufficient: true } }]).ranked.length // 1
 */
export function rankByScore<T extends { score: Pick<ScoreSummary, "mean" | "insufficient"> }>(
  rows: readonly T[],
  tieBreak: (a: T, b: T) => number = () => 0,
): Ranked<T> {
  const sufficient = rows
    .filter((r) => !r.score.insufficient && r.score.mean !== null)
    .sort((a, b) => (b.score.mean as number) - (a.score.mean as number) || tieBreak(a, b));
  const ranked: Array<T & { rank: number }> = [];
  sufficient.forEach((row, index) => {
    const previous = ranked[index - 1];
    const tied = previous && previous.score.mean === row.score.mean;
    ranked.push({ ...row, rank: tied ? previous.rank : index + 1 });
  });
  const insufficient = rows
    .filter((r) => r.score.insufficient || r.score.mean === null)
    .sort((a, b) => (b.score.mean ?? -1) - (a.score.mean ?? -1) || tieBreak(a, b));
  return { ranked, insufficient };
}

/** Change of the mean since the previous period; null unless both periods have a mean. */
export function changeSince(current: ScoreSummary, previous: ScoreSummary): number | null {
  return current.mean === null || previous.mean === null ? null : current.mean - previous.mean;
}

/**
 * The items with the lowest pass rates (at least `minJudged` passes + fails, so one bad visit
 * does not top the list), worst first.
 */
export function weakestItems(pooled: Iterable<ItemCounts>, limit: number, minJudged = 5): ItemCounts[] {
  return [...pooled]
    .filter((i) => i.passes + i.fails >= minJudged)
    .sort(
      (a, b) =>
        a.passes / (a.passes + a.fails) - b.passes / (b.passes + b.fails) ||
        b.fails - a.fails ||
        (a.itemKey < b.itemKey ? -1 : 1),
    )
    .slice(0, limit);
}

/** Rounds for the wire: figures to 2 decimals (points) or 4 (rates), null kept. */
export function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A score row of one month (the roll-ups read month by month). */
export type MonthScoreRow = ScoreRow & { month: string };

/** Summed section ratios (scored audits, Σ ratio in roll-up units) of one checklist section. */
export interface SectionSums {
  checklistId: string;
  sectionKey: string;
  scored: number;
  ratioSum: number;
}

/** What one branch's card is computed from: the rows of one read batch, documents parsed. */
export interface BranchCardInput<C extends { id: string; name: Localized }, A extends { checklistVersionId: string }> {
  period: { fromMonth: string; toMonth: string; months: readonly string[] };
  /** Branch and organisation scores by month, from the previous period's first month to the period's last. */
  branchMonths: readonly MonthScoreRow[];
  orgMonths: readonly MonthScoreRow[];
  /** Item counts and section sums of the period. */
  branchItems: readonly ItemCounts[];
  orgItems: readonly ItemCounts[];
  branchSections: readonly SectionSums[];
  orgSections: readonly SectionSums[];
  /** The branch's newest audit up to the period's end, if any. */
  latest: A | undefined;
  /** The published versions the figures count (newest wording wins). */
  versions: ReadonlyArray<{ id: string; checklistId: string; number: number; document: ChecklistDocument }>;
  /** The organisation's checklists. */
  checklists: readonly C[];
}

export interface BranchCardSection {
  id: string;
  checklistId: string;
  key: string;
  title: Localized;
  /** Scored audits. */
  n: number;
  /** Mean section ratio in percent; null without scored audits. */
  mean: number | null;
  organization: number | null;
}

export interface BranchCardItem {
  item: CatalogItem & { known: boolean };
  branch: ItemFigure;
  organization: ItemFigure;
  /** Failed at least once in the period. */
  failed: boolean;
  /** The branch's rate is below the organisation's. */
  belowOrganization: boolean;
}

export interface BranchCard<C, A> {
  /** The checklists with a published version the card counts. */
  checklists: C[];
  /** The newest audit and the name of its checklist (null when its version is not among `versions`). */
  latestAudit: { audit: A; checklist: Localized | null } | null;
  score: ScoreFigure;
  /** The previous period's score (same length, just before). */
  prior: ScoreFigure;
  organization: ScoreFigure;
  trend: Array<{ month: string; branch: ScoreFigure; organization: ScoreFigure }>;
  /** In catalog order; a section no published version names keeps its key as its title. */
  sections: BranchCardSection[];
  /** The items the branch was judged on, in catalog order. */
  items: BranchCardItem[];
}

const sectionMean = (row: SectionSums | undefined) =>
  row && row.scored > 0 ? (row.ratioSum / row.scored / SCORE_UNITS) * 100 : null;

/**
 * One branch's scorecard from its read batch: the period's score against the previous period
 * and the organisation, a month-by-month trend, section means and item pass rates beside the
 * organisation's. Unrounded: the presenter rounds for the wire.
 * @example
 * const month = (m: string, audits: number) => ({ month: m, audits, scored: audits, scoreSum: audits * 800_000, scoreSquares: audits * 640_000_000_000, criticalFailed: 0 });
 * branchCard({ period: { fromMonth: "2026-05", toMonth: "2026-06", months: ["2026-05", "2026-06"] },
 *   branchMonths: [month("2026-04", 1), month("2026-05", 2)], orgMonths: [], branchItems: [], orgItems: [],
 *   branchSections: [], orgSections: [], latest: undefined, versions: [], checklists: [] }).score.n // 2
 */
export function branchCard<C extends { id: string; name: Localized }, A extends { checklistVersionId: string }>(
  input: BranchCardInput<C, A>,
): BranchCard<C, A> {
  const { period, versions } = input;
  const inPeriod = (month: string) => month >= period.fromMonth && month <= period.toMonth;
  const pooled = (rows: readonly MonthScoreRow[], keep: (month: string) => boolean) =>
    scoreFigure(totalScores(rows.filter((r) => keep(r.month))));
  const branchByMonth = poolScores(input.branchMonths, (r) => r.month);
  const orgByMonth = poolScores(input.orgMonths, (r) => r.month);
  const catalog = buildCatalog(versions);
  const orgItems = poolItems(input.orgItems);
  const orgSections = poolSections(input.orgSections);
  const latestVersion = input.latest ? versions.find((v) => v.id === input.latest?.checklistVersionId) : undefined;
  return {
    checklists: input.checklists.filter((ch) => versions.some((v) => v.checklistId === ch.id)),
    latestAudit: input.latest
      ? {
          audit: input.latest,
          checklist: latestVersion
            ? (input.checklists.find((ch) => ch.id === latestVersion.checklistId)?.name ?? null)
            : null,
        }
      : null,
    score: pooled(input.branchMonths, inPeriod),
    prior: pooled(input.branchMonths, (month) => month < period.fromMonth),
    organization: pooled(input.orgMonths, inPeriod),
    trend: period.months.map((month) => ({
      month,
      branch: scoreFigure(branchByMonth.get(month) ?? EMPTY_SCORES),
      organization: scoreFigure(orgByMonth.get(month) ?? EMPTY_SCORES),
    })),
    sections: [...poolSections(input.branchSections).values()]
      .map((s) => {
        const id = keyInChecklist(s.checklistId, s.sectionKey);
        const section = catalog.sections.get(id);
        return {
          order: section?.order ?? Number.MAX_SAFE_INTEGER,
          section: {
            id,
            checklistId: s.checklistId,
            key: s.sectionKey,
            title: section?.title ?? { en: s.sectionKey, zh: s.sectionKey },
            n: s.scored,
            mean: sectionMean(s),
            organization: sectionMean(orgSections.get(id)),
          },
        };
      })
      .sort((a, b) => a.order - b.order)
      .map(({ section }) => section),
    items: [...poolItems(input.branchItems).values()]
      .map((counts) => {
        const branch = itemFigure(counts);
        const organization = itemFigure(
          orgItems.get(keyInChecklist(counts.checklistId, counts.itemKey)) ?? { passes: 0, fails: 0, nas: 0 },
        );
        return {
          item: describeItem(catalog, counts.checklistId, counts.itemKey),
          branch,
          organization,
          failed: counts.fails > 0,
          belowOrganization: branch.rate !== null && organization.rate !== null && branch.rate < organization.rate,
        };
      })
      .sort((a, b) => a.item.order - b.item.order),
  };
}
