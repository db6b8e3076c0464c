/**
 * Where Courtesy's storage limits are hit (issue 18, docs/SCALING.md): 100 organisations,
 * 50,000 branches, 5 years of growth, from the model in bench/scale-model.ts (bytes per answer
 * measured by the scale benchmark). Pure: runs in well under a second.
 *
 *   npx tsx bench/scale-sim.ts
 */
import { answers, evidence, photoBands, photoPrints } from "../schema";
import { MAX_BOUND_PARAMETERS, rowsPerInsert } from "../worker/data/db";
import { BYTES_PER_ANSWER, bytesPerReport, DEFAULTS, organisationSizes, simulate } from "./scale-model";

const gb = (b: number) => (b / 1e9).toFixed(1);
const tb = (b: number) => (b / 1e12).toFixed(1);
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const when = (m: number | null) => (m === null ? "not within 5 years" : `month ${m} (year ${Math.ceil(m / 12)})`);

export function benchScaleSim(): void {
  const sizes = organisationSizes();
  const sim = simulate(DEFAULTS, sizes);
  console.log(
    `\nScale simulation: ${sizes.length} organisations, ${fmt(sizes.reduce((s, n) => s + n, 0))} branches ` +
      `(largest ${fmt(sizes[0] ?? 0)}; ${sizes.filter((n) => n >= 2000).length} of 2,000+; median ${fmt(sizes[49] ?? 0)}), 5 years`,
  );
  console.log(
    `Per report: ${fmt(bytesPerReport(DEFAULTS))} B in D1 (${DEFAULTS.answersPerVisit} answers × ${BYTES_PER_ANSWER.toFixed(0)} B measured + ` +
      `${DEFAULTS.eventsPerReport} events + ${DEFAULTS.photosPerReport} photo rows, estimated); ${DEFAULTS.photosPerReport} × ${fmt(DEFAULTS.photoBytes / 1000)} KB photos in R2 (kept ${DEFAULTS.photoRetentionMonths} months)\n`,
  );
  console.log(
    "| year | reports/month | largest org D1 GB | whole service D1 GB (one database) | orgs past 10 GB | R2 added TB | R2 stored TB |\n" +
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of sim.rows) {
    console.log(
      `| ${r.year} | ${fmt(r.reportsPerMonth)} | ${gb(r.largestD1)} | ${gb(r.serviceD1)} | ${r.orgsOver10GB} | ${tb(r.r2Added)} | ${tb(r.r2Stored)} |`,
    );
  }
  console.log(
    `\nD1 10 GB: the largest organisation alone at ${when(sim.largestHitsMonth)}; one shared database at ${when(sim.serviceHitsMonth)}.`,
  );
  const perInsert = (t: Parameters<typeof rowsPerInsert>[0]) => rowsPerInsert(t);
  const answerInserts = Math.ceil(DEFAULTS.answersPerVisit / perInsert(answers));
  console.log(
    `Per request: ${MAX_BOUND_PARAMETERS} bound parameters per statement is respected by construction — rowsPerInsert() ` +
      `(worker/data/db.ts) sizes every multi-row insert from the table's columns: answers ${perInsert(answers)} rows, evidence ${perInsert(evidence)}, ` +
      `photo prints ${perInsert(photoPrints)}, bands ${perInsert(photoBands)}. A ${DEFAULTS.answersPerVisit}-item report is one batch of ` +
      `${answerInserts} answer inserts + 1 audit + ${Math.ceil(DEFAULTS.photosPerReport / perInsert(evidence))} evidence + roll-up deltas + trail + 1 assignment update ` +
      `— one D1 batch of about 10–20 statements, far under D1's 1,000 queries per Worker invocation.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) benchScaleSim();
