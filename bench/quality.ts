/**
 * Shopper-quality benchmark (docs/QUALITY.md, docs/CALIBRATION.md): the CPU each piece costs.
 * - the server's dHash of an upload: decoding a 1600 × 1200 JPEG (what the phone sends) with
 *   jpeg-js and hashing it, once per upload — it runs inside the upload request, so it must stay
 *   well inside a Worker's CPU limit;
 * - a calibration's results: `calibrationResults` for 40 items × 12 raters with the bootstrap
 *   intervals (1,000 resamples per level) — what closing a round and reading its results cost.
 *
 *   npx tsx bench/quality.ts
 *
 * Pure CPU in Node (V8, as in workerd); prints medians of RUNS runs after one warm-up.
 */
import { pathToFileURL } from "node:url";
import { encode } from "jpeg-js";
import { calibrationResults, type RaterSheet } from "../worker/domain/calibration";
import type { ChecklistDocument, ChecklistItem } from "../worker/domain/checklists";
import { mulberry32 } from "../worker/domain/rounds";
import { jpegDHash } from "../worker/lib/photo-dhash";

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(run: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A photo-like 1600 × 1200 JPEG (smooth shapes plus noise, quality 82 as the phone encodes). */
function photoJpeg(): Uint8Array {
  const width = 1600;
  const height = 1200;
  const random = mulberry32(3);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const base = 128 + 90 * Math.sin(x / 97) * Math.cos(y / 71);
      data[i] = base + random() * 20;
      data[i + 1] = base * 0.8 + random() * 20;
      data[i + 2] = 255 - base + random() * 20;
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(encode({ data, width, height }, 82).data);
}

function calibrationData(): { doc: ChecklistDocument; sheets: RaterSheet[] } {
  const base = {
    guidance: { en: "", zh: "" },
    weight: 1,
    critical: "none" as const,
    naAllowed: true,
    evidenceOnFail: "none" as const,
  };
  const items: ChecklistItem[] = Array.from({ length: 40 }, (_, i) => {
    const prompt = { en: `Item ${i}`, zh: `项目 ${i}` };
    if (i % 4 === 0) return { ...base, key: `k${i}`, prompt, kind: "scale", min: 1, max: 5 };
    if (i % 4 === 1) return { ...base, key: `k${i}`, prompt, kind: "number", unit: "seconds", pass: { max: 30 } };
    return { ...base, key: `k${i}`, prompt, kind: "yes_no" };
  });
  const doc: ChecklistDocument = {
    name: { en: "Bench", zh: "基准" },
    channel: "store",
    sections: [{ key: "s", title: { en: "S", zh: "S" }, weight: 1, items }],
  };
  const random = mulberry32(9);
  const sheets: RaterSheet[] = Array.from({ length: 12 }, (_, r) => ({
    raterId: `r${r}`,
    answers: Object.fromEntries(
      items.map((item) => {
        if (item.kind === "scale") return [item.key, { value: 1 + Math.floor(random() * 5) }];
        if (item.kind === "number") return [item.key, { value: Math.round(random() * 60) }];
        return [item.key, { value: random() < 0.8 }];
      }),
    ),
  }));
  return { doc, sheets };
}

export async function benchQuality() {
  const jpeg = photoJpeg();
  let hash: string | null = null;
  const dhashMs = time(() => {
    hash = jpegDHash(jpeg, "image/jpeg");
  });
  const { doc, sheets } = calibrationData();
  const resultsMs = time(() => {
    calibrationResults(doc, sheets, { seed: 1 });
  });
  console.log("\nShopper quality (pure CPU, median of %d runs)", RUNS);
  console.log("| step | median ms |");
  console.log("| --- | ---: |");
  console.log(`| server dHash of a 1600 × 1200 JPEG (${(jpeg.length / 1024).toFixed(0)} KB) | ${dhashMs.toFixed(1)} |`);
  console.log(`| calibration results, 40 items × 12 raters, 3 levels × 1,000 resamples | ${resultsMs.toFixed(1)} |`);
  if (!hash) throw new Error("the JPEG did not decode");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchQuality();
