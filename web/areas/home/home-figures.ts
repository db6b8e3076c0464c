/**
 * What the role homes pick out of the scorecard and assignment lists: pure, no DOM, no strings
 * (unit-tested in tests/unit/home-figures.test.ts).
 */

/**
 * The score a branch should reach: 80 points for every organisation. A documented default, not
 * a setting: Courtesy has no per-organisation target yet, and 80 sits just under the demo
 * organisation's mean (about 84), so "below target" picks out the branches that need a visit
 * rather than half of them. Change it here (and in the home strings, which name it).
 */
export const TARGET_SCORE = 80;

/** How many rows each home list shows. */
export const HOME_LIST_LENGTH = 5;

interface LeagueRow {
  branch: { code: string };
  score: { mean: number | null; insufficient: boolean };
  change: number | null;
}

/**
 * Branches whose period mean is below `target`, lowest first (branches with fewer than three
 * audits are left out: their mean says too little to act on).
 * @example belowTarget([{ score: { mean: 72 } }, { score: { mean: 91 } }], 80) // the 72 only
 */
export function belowTarget<T extends LeagueRow>(rows: readonly T[], target = TARGET_SCORE): T[] {
  return rows
    .filter((r) => !r.score.insufficient && r.score.mean !== null && r.score.mean < target)
    .sort((a, b) => (a.score.mean as number) - (b.score.mean as number) || a.branch.code.localeCompare(b.branch.code));
}

/** Branches whose mean fell since the previous period, the biggest fall first. */
export function biggestDrops<T extends LeagueRow>(rows: readonly T[]): T[] {
  return rows
    .filter((r) => !r.score.insufficient && r.change !== null && r.change < 0)
    .sort((a, b) => (a.change as number) - (b.change as number) || a.branch.code.localeCompare(b.branch.code));
}

/** Monday and Sunday (YYYY-MM-DD) of the week that holds `today` (YYYY-MM-DD). */
export function weekOf(today: string): { start: string; end: string } {
  const day = new Date(`${today}T00:00:00Z`);
  const fromMonday = (day.getUTCDay() + 6) % 7;
  const start = new Date(day.getTime() - fromMonday * 86_400_000);
  const end = new Date(start.getTime() + 6 * 86_400_000);
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

interface PlannedVisit {
  status: string;
  windowStart: string;
  windowEnd: string;
}

/** Whether a visit's window is over (`today` is past its last day). */
export const isOverdue = (visit: { windowEnd: string }, today: string) => visit.windowEnd < today;

/**
 * Open visits due by the end of this week: their window (dates, both ends included) opens by
 * Sunday of `today`'s week; that includes overdue ones (window over, no report yet). The
 * earliest deadline first.
 * @example dueThisWeek(visits, "2026-12-02") // open visits whose window opens by "2026-12-06"
 */
export function dueThisWeek<T extends PlannedVisit>(visits: readonly T[], today: string): T[] {
  const { end } = weekOf(today);
  return visits
    .filter((v) => v.status === "open" && v.windowStart <= end)
    .sort((a, b) => a.windowEnd.localeCompare(b.windowEnd) || a.windowStart.localeCompare(b.windowStart));
}

/** Today in the browser's calendar, as YYYY-MM-DD (visit windows are local dates). */
export function localToday(now = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

/**
 * Done actions waiting for a verifier, the oldest done first (then by id, for a stable order).
 * @example doneOldestFirst([{ id: "b", doneAt: "2026-12-03T…" }, { id: "a", doneAt: "2026-12-01T…" }]) // a, b
 */
export function doneOldestFirst<T extends { id: string; status: string; doneAt: string | null }>(
  actions: readonly T[],
): T[] {
  return actions
    .filter((a) => a.status === "done")
    .sort((a, b) => (a.doneAt ?? "").localeCompare(b.doneAt ?? "") || a.id.localeCompare(b.id));
}

/**
 * How many open disputes of a page the reader may decide (`arbitration.mayDecide`: open, and not
 * of a report they reviewed), as a figure: "N+" when the page has more after it.
 * @example decideFigure({ items: [{ arbitration: { mayDecide: true } }], nextCursor: null }) // "1"
 */
export function decideFigure(page: {
  items: ReadonlyArray<{ arbitration: { mayDecide: boolean } | null }>;
  nextCursor: string | null;
}): string {
  const count = page.items.filter((d) => d.arbitration?.mayDecide).length;
  return page.nextCursor ? `${count}+` : String(count);
}
