/**
 * Round scheduler benchmark: generate and staff a round of 2,000 branches × 2 visits (a month)
 * with 300 shoppers and a year of history (48,000 past visits: every branch twice a month).
 * Pure CPU, the engine only (worker/domain/round-*.ts); D1 round trips come with the API.
 *
 *   npx tsx bench/rounds.ts
 *
 * Runs the whole pipeline RUNS times after one warm-up and prints the median wall time of each
 * step (generateVisits, staffVisits, summarizeRound) and of the whole.
 */
import { pathToFileURL } from "node:url";
import type { Channel } from "../schema/enums";
import { generateVisits } from "../worker/domain/round-generation";
import { type PastVisit, type RoundShopper, staffVisits } from "../worker/domain/round-staffing";
import {
  dateOfDay,
  dayNumber,
  mulberry32,
  type RoundBranch,
  type RoundPlan,
  summarizeRound,
} from "../worker/domain/rounds";

const BRANCHES = 2_000;
const VISITS_PER_BRANCH = 2;
const SHOPPERS = 300;
const REGIONS = 12;
const RUNS = 5;

/** Fixed, seeded data: the same figures every run. */
export function benchRoundData() {
  const random = mulberry32(15);
  const region = (i: number) => `r${String(i % REGIONS).padStart(2, "0")}`;
  const branches: RoundBranch[] = Array.from({ length: BRANCHES }, (_, i) => ({
    id: `b${String(i).padStart(5, "0")}`,
    regionId: region(i),
    // One in ten is a call centre; one in five stores closes on Sundays.
    channel: (i % 10 === 0 ? "call_centre" : "store") as Channel,
    active: true,
    openingHours:
      i % 5 === 1
        ? Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat"].map((d) => [d, [["09:00", "18:00"] as const]]))
        : null,
  }));
  const shoppers: RoundShopper[] = Array.from({ length: SHOPPERS }, (_, i) => ({
    id: `s${String(i).padStart(4, "0")}`,
    active: i % 25 !== 0,
    channels: i % 5 === 0 ? ["store", "call_centre"] : ["store"],
    // Each covers two neighbouring regions: 50 shoppers a region.
    regionIds: [region(i), region(i + 1)],
    excludedBranchIds: i % 10 === 0 ? [branches[(i * 7) % BRANCHES]?.id as string] : [],
    rating: i % 7 === 0 ? null : 3 + Math.floor(random() * 20) / 10,
  }));
  // A year before the round: every branch twice a month, by a shopper of its region.
  const history: PastVisit[] = [];
  const yearStart = dayNumber("2025-03-01");
  for (let month = 0; month < 12; month++) {
    for (let b = 0; b < BRANCHES; b++) {
      for (let k = 0; k < 2; k++) {
        const shopper = ((b % REGIONS) + REGIONS * Math.floor(random() * (SHOPPERS / REGIONS))) % SHOPPERS;
        const day = yearStart + month * 30 + k * 15 + Math.floor(random() * 14);
        history.push({
          shopperId: `s${String(shopper).padStart(4, "0")}`,
          branchId: branches[b]?.id as string,
          date: dateOfDay(day),
        });
      }
    }
  }
  const round: RoundPlan = {
    from: "2026-03-01",
    to: "2026-03-31",
    target: { kind: "all" },
    visitsPerBranch: VISITS_PER_BRANCH,
    minGapDays: 10,
    windowDays: 3,
    blackoutDates: ["2026-03-08"],
    scenarios: [
      { en: "Ask about a personal loan", zh: "咨询个人贷款" },
      { en: "Open a savings account", zh: "开立储蓄账户", channel: "store" },
      { en: "Report a lost card", zh: "挂失银行卡", channel: "call_centre" },
    ],
    strata: [
      { key: "weekday_am", share: 40, days: "weekday", hours: ["09:00", "12:00"] },
      { key: "weekday_pm", share: 40, days: "weekday", hours: ["14:00", "18:00"] },
      { key: "weekend", share: 20, days: "weekend" },
    ],
  };
  return { round, branches, shoppers, history };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Runs the benchmark and prints a markdown table; returns the median total in milliseconds. */
export async function benchRounds(): Promise<{ totalMs: number; staffed: number; unstaffed: number }> {
  const { round, branches, shoppers, history } = benchRoundData();
  const rules = { lockoutDays: 90, maxPerDay: 2, maxPerWeek: 6, ratingFloor: 3.2 };
  const times = { generate: [] as number[], staff: [] as number[], summary: [] as number[], total: [] as number[] };
  let last: ReturnType<typeof summarizeRound> | null = null;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const generated = generateVisits(round, branches, 20260301);
    const t1 = performance.now();
    if (!generated.ok) throw new Error(`generation refused: ${JSON.stringify(generated.problems.slice(0, 3))}`);
    const staffing = staffVisits(generated.visits, shoppers, history, rules);
    const t2 = performance.now();
    last = summarizeRound(generated.visits, staffing);
    const t3 = performance.now();
    if (run === 0) continue; // warm-up
    times.generate.push(t1 - t0);
    times.staff.push(t2 - t1);
    times.summary.push(t3 - t2);
    times.total.push(t3 - t0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!last) throw new Error("no run");
  const row = (name: string, xs: number[]) =>
    `| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
  console.log(
    `\nRound scheduler (pure CPU): ${BRANCHES} branches × ${VISITS_PER_BRANCH} visits = ${last.visits}, ${SHOPPERS} shoppers, ${history.length} past visits; median of ${RUNS} runs after a warm-up\n`,
  );
  console.log("| step | median ms | min ms | max ms |\n| --- | ---: | ---: | ---: |");
  console.log(row("generateVisits", times.generate));
  console.log(row("staffVisits", times.staff));
  console.log(row("summarizeRound", times.summary));
  console.log(row("total", times.total));
  console.log(
    `\nstaffed ${last.staffed}, unstaffed ${last.unstaffed} (${last.reasons.length} reason groups)${
      last.reasons[0]
        ? `; most common: ${last.reasons[0].visitKeys.length} visits, ${JSON.stringify(last.reasons[0].counts)}`
        : ""
    }`,
  );
  return { totalMs: median(times.total), staffed: last.staffed, unstaffed: last.unstaffed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRounds();
}
