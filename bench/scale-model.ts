/**
 * The growth model behind bench/scale-sim.ts (issue 18): pure arithmetic, no I/O, so a unit test
 * can check it by hand (tests/unit/scale-model.test.ts).
 *
 * Bytes per report come from the scale benchmark (bench/scale-data.ts, bench/scorecards.ts): its D1
 * file (SQLite file + WAL, `databaseBytes`) was 1.45 GiB for 201,600 published 40-item audits with
 * 8,064,000 answers and every roll-up table, i.e. all of it — rows, indexes, roll-ups — divided by
 * the answers it holds. The other per-row sizes (trail events, photo rows, complaints) were NOT
 * measured there; they are estimates from the column lists in schema/index.ts, marked as such.
 */

export const GIB = 2 ** 30;
/** D1's maximum database size on Workers Paid: 10 GB (decimal), developers.cloudflare.com/d1/platform/limits/. */
export const D1_MAX_BYTES = 10e9;

/** The scale benchmark's measured figures. */
export const BENCH = { bytes: 1.45 * GIB, audits: 201_600, answers: 8_064_000 } as const;
/** Measured: D1 bytes per stored answer, audits, indexes and roll-ups included (~193 B). */
export const BYTES_PER_ANSWER = BENCH.bytes / BENCH.answers;

export interface Assumptions {
  /** Answers per report (the benchmark's checklist has 40). */
  answersPerVisit: number;
  /** Visits per branch per month in year 1, and the yearly increase. */
  visitsPerBranchMonth: number;
  visitsGrowthPerYear: number;
  /** Share of an organisation's branches on the service in year 1, gained per year after (capped at 1). */
  branchesShareYear1: number;
  branchesShareGainPerYear: number;
  /** Trail events per report (submission, review, publish, edits…) and their estimated bytes. */
  eventsPerReport: number;
  bytesPerEvent: number;
  /** Photos per report: a D1 row each (estimated bytes) and the object in R2. */
  photosPerReport: number;
  bytesPerPhotoRow: number;
  photoBytes: number;
  /** Photos are erased after this many months (the retention default); reports are kept 5 years. */
  photoRetentionMonths: number;
  /** Complaints per branch per month and estimated bytes each (row, messages, events). */
  complaintsPerBranchMonth: number;
  bytesPerComplaint: number;
}

export const DEFAULTS: Assumptions = {
  answersPerVisit: 40,
  visitsPerBranchMonth: 2,
  visitsGrowthPerYear: 0.5,
  branchesShareYear1: 0.6,
  branchesShareGainPerYear: 0.2,
  eventsPerReport: 6,
  bytesPerEvent: 450,
  photosPerReport: 3,
  bytesPerPhotoRow: 350,
  photoBytes: 300_000,
  photoRetentionMonths: 24,
  complaintsPerBranchMonth: 0.3,
  bytesPerComplaint: 2_500,
};

/** D1 bytes one report adds (answers at the measured rate, plus the estimated trail and photo rows). */
export function bytesPerReport(a: Assumptions): number {
  return (
    a.answersPerVisit * BYTES_PER_ANSWER + a.eventsPerReport * a.bytesPerEvent + a.photosPerReport * a.bytesPerPhotoRow
  );
}

/** Month m (0-based) of the simulation: visits per branch and share of branches live. */
export function monthRates(a: Assumptions, m: number): { visits: number; share: number } {
  const year = Math.floor(m / 12);
  return {
    visits: a.visitsPerBranchMonth + a.visitsGrowthPerYear * year,
    share: Math.min(1, a.branchesShareYear1 + a.branchesShareGainPerYear * year),
  };
}

/** D1 bytes and R2 photo bytes an organisation of `branches` adds in month m. */
export function monthGrowth(a: Assumptions, branches: number, m: number): { d1: number; r2: number; reports: number } {
  const { visits, share } = monthRates(a, m);
  const live = branches * share;
  const reports = live * visits;
  const d1 = reports * bytesPerReport(a) + live * a.complaintsPerBranchMonth * a.bytesPerComplaint;
  return { d1, r2: reports * a.photosPerReport * a.photoBytes, reports };
}

/**
 * 100 organisations, 50,000 branches: a Zipf distribution (size ∝ 1/rank), rounded so the total
 * is exact — a few large chains (the largest ~9,600 branches, four over 2,000) and a long tail
 * of organisations with a few hundred or fewer.
 */
export function organisationSizes(count = 100, total = 50_000): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let rest = total - sizes.reduce((s, n) => s + n, 0);
  for (let i = 0; rest > 0; i = (i + 1) % count, rest--) sizes[i] = (sizes[i] as number) + 1;
  return sizes;
}

export interface YearRow {
  year: number;
  largestBranches: number;
  largestD1: number;
  serviceD1: number;
  /** Organisations whose own database is past 10 GB at the end of the year. */
  orgsOver10GB: number;
  r2Stored: number;
  r2Added: number;
  reportsPerMonth: number;
}

export interface SimResult {
  rows: YearRow[];
  /** 1-based month in which the largest organisation's database / one shared database passes 10 GB (null: not within the horizon). */
  largestHitsMonth: number | null;
  serviceHitsMonth: number | null;
}

export function simulate(a: Assumptions = DEFAULTS, sizes = organisationSizes(), years = 5): SimResult {
  const d1 = sizes.map(() => 0);
  const photosByMonth: number[] = [];
  const rows: YearRow[] = [];
  let largestHitsMonth: number | null = null;
  let serviceHitsMonth: number | null = null;
  const largest = sizes.indexOf(Math.max(...sizes));
  for (let m = 0; m < years * 12; m++) {
    let r2Month = 0;
    let reports = 0;
    sizes.forEach((branches, i) => {
      const g = monthGrowth(a, branches, m);
      d1[i] = (d1[i] as number) + g.d1;
      r2Month += g.r2;
      reports += g.reports;
    });
    photosByMonth.push(r2Month);
    const service = d1.reduce((s, b) => s + b, 0);
    if (largestHitsMonth === null && (d1[largest] as number) >= D1_MAX_BYTES) largestHitsMonth = m + 1;
    if (serviceHitsMonth === null && service >= D1_MAX_BYTES) serviceHitsMonth = m + 1;
    if ((m + 1) % 12 === 0) {
      const r2Stored = photosByMonth.slice(-a.photoRetentionMonths).reduce((s, b) => s + b, 0);
      rows.push({
        year: (m + 1) / 12,
        largestBranches: sizes[largest] as number,
        largestD1: d1[largest] as number,
        serviceD1: service,
        orgsOver10GB: d1.filter((b) => b >= D1_MAX_BYTES).length,
        r2Stored,
        r2Added: photosByMonth.slice(-12).reduce((s, b) => s + b, 0),
        reportsPerMonth: reports,
      });
    }
  }
  return { rows, largestHitsMonth, serviceHitsMonth };
}
