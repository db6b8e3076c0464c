/**
 * Scoring benchmark: `scoreAudit` on a 200-item checklist (10 sections × 20 items, every kind)
 * with a complete answer set. Pure CPU, no server.
 *
 *   npx tsx bench/scoring.ts        (also run first by `npm run bench`)
 *
 * Times BATCHES batches of CALLS calls each after a warm-up and reports the median time per
 * call and the per-call time of the 95th-percentile batch, in microseconds.
 */
import { pathToFileURL } from "node:url";
import type { ChecklistDocument, ChecklistItem } from "../worker/domain/checklists";
import { type Answer, scoreAudit } from "../worker/domain/scoring";

const SECTIONS = 10;
const ITEMS_PER_SECTION = 20;
const WARMUP_CALLS = 2_000;
const BATCHES = 20;
const CALLS = 200;

const L = (en: string) => ({ en, zh: en });

/** Item `j` of section `s`: cycles through the kinds, with critical, N/A and weight-0 items among them. */
function benchItem(s: number, j: number): { item: ChecklistItem; answer: Answer | null } {
  const key = `s${s}_i${j}`;
  const base = {
    key,
    prompt: L(`Question ${key}`),
    guidance: L(""),
    weight: j % 7 === 0 ? 0 : 1 + (j % 3) * 0.5,
    critical: "none" as const,
    naAllowed: j % 5 === 0,
    evidenceOnFail: "none" as const,
  };
  const na = base.naAllowed && j % 10 === 0;
  const answer = (value: Answer["value"]): Answer => (na ? { item: key, na: true } : { item: key, value });
  switch (j % 6) {
    case 0:
      return { item: { ...base, kind: "yes_no" }, answer: answer(j % 4 !== 0) };
    case 1:
      return {
        // One critical item per section; it fails (4 rings) in sections 0, 3, 6 and 9.
        item: { ...base, kind: "number", unit: "rings", pass: { max: 3 }, critical: j === 1 ? "section" : "none" },
        answer: answer(j === 1 && s % 3 === 0 ? 4 : j % 5),
      };
    case 2:
      return { item: { ...base, kind: "scale", min: 1, max: 5 }, answer: answer(1 + (j % 5)) };
    case 3:
      return {
        item: {
          ...base,
          kind: "choice",
          options: [
            { key: "good", label: L("Good"), points: 3 },
            { key: "fair", label: L("Fair"), points: 1 },
            { key: "poor", label: L("Poor"), points: 0 },
          ],
        },
        answer: answer(["good", "fair", "poor"][j % 3]),
      };
    case 4:
      return { item: { ...base, naAllowed: false, kind: "text" }, answer: { item: key, value: "Noted" } };
    default:
      return { item: { ...base, naAllowed: false, kind: "photo" }, answer: null };
  }
}

export function benchChecklist(): { doc: ChecklistDocument; answers: Answer[] } {
  const answers: Answer[] = [];
  const sections = Array.from({ length: SECTIONS }, (_, s) => ({
    key: `section_${s}`,
    title: L(`Section ${s}`),
    weight: 1 + (s % 4),
    items: Array.from({ length: ITEMS_PER_SECTION }, (_, j) => {
      const { item, answer } = benchItem(s, j);
      if (answer) answers.push(answer);
      return item;
    }),
  }));
  return { doc: { name: L("Benchmark"), channel: "store", sections }, answers };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Runs the benchmark, prints a markdown table and returns µs per call (median and p95 of batches). */
export async function benchScoring(): Promise<{ medianUs: number; p95Us: number; score: number | null }> {
  const { doc, answers } = benchChecklist();
  const first = scoreAudit(doc, answers);
  if (!first.complete) throw new Error(`benchmark answers are incomplete: ${first.missing.join(", ")}`);

  let sink = 0; // keeps the calls from being optimised away
  for (let i = 0; i < WARMUP_CALLS; i++) sink += scoreAudit(doc, answers).score ?? 0;
  const perCall: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) sink += scoreAudit(doc, answers).score ?? 0;
    perCall.push(((performance.now() - t0) * 1000) / CALLS);
    await new Promise((resolve) => setImmediate(resolve)); // let other work run between batches
  }
  if (Number.isNaN(sink)) throw new Error("score was NaN");
  perCall.sort((a, b) => a - b);
  const medianUs = quantile(perCall, 0.5);
  const p95Us = quantile(perCall, 0.95);
  const items = SECTIONS * ITEMS_PER_SECTION;

  console.log(`\nScoring engine (pure CPU), ${BATCHES} batches × ${CALLS} calls after ${WARMUP_CALLS} warm-up calls\n`);
  console.log(
    "| benchmark | median µs/call | p95 µs/call (of batches) | calls/s (median) |\n| --- | ---: | ---: | ---: |",
  );
  console.log(
    `| scoreAudit, ${items} items (${SECTIONS} sections × ${ITEMS_PER_SECTION}), score ${first.score?.toFixed(1)} | ${medianUs.toFixed(1)} | ${p95Us.toFixed(1)} | ${(1e6 / medianUs).toFixed(0)} |`,
  );
  return { medianUs, p95Us, score: first.score };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchScoring();
}
