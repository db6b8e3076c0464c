/**
 * Side by side with SurveyJS (survey-core + survey-js-ui, devDependencies, bench only): the same
 * 40 items as bench/form-open.ts `formOpenChecklist()`, converted to a SurveyJS survey
 * (bench/surveyjs/survey-json.ts: 4 sections → 4 pages, so section 1 shows alone, as in
 * Courtesy's form), with SurveyJS's default theme CSS, built by Vite with its own config
 * (bench/surveyjs/vite.config.ts) into .bench-dist/surveyjs and served on loopback by a small
 * static server (gzip; hashed assets cached for a year, index.html revalidated by ETag).
 *
 * Measured with bench/form-open.ts's own `openOnce`: same Chromium and flags, same 390×844
 * phone context, same 4× CPU slowdown, same warm-ups and run count, warm HTTP cache, the same
 * condition (section 1's 10 questions, the last one's control laid out). Loopback only through
 * an absent proxy rather than request interception, which would turn off the HTTP cache this
 * page's warm open relies on. First download: every file the page loads, gzip -9, against
 * bench/bundle-size.ts's figures for Courtesy.
 *
 *   npx tsx bench/surveyjs-bench.ts    (Courtesy's form open and first download, then SurveyJS's, then the ratios)
 *
 * `npm run bench` runs it after the form-open benchmark, against the same server and build.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { freePort } from "../scripts/free-port";
import { type BundleReport, benchBundleSize } from "./bundle-size";
import { CHROMIUM_ARGS, CPU_SLOWDOWN, type FormOpenResult, openOnce, type ReadyWhen, RUNS, WARMUPS } from "./form-open";
import { quantile } from "./server";

export const SURVEYJS_CONFIG = "bench/surveyjs/vite.config.ts";
export const SURVEYJS_OUT_DIR = ".bench-dist/surveyjs";

/** SurveyJS's page 1: its 10 questions, the 10th (a comment) with its textarea laid out. */
const SURVEYJS_READY: ReadyWhen = {
  questions: ".sd-page .sd-question",
  control: "button, input, select, textarea",
  count: 10,
};

/** Builds the SurveyJS page (quietly) into SURVEYJS_OUT_DIR. */
export async function buildSurveyJsPage(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: SURVEYJS_CONFIG, configLoader: "runner", logLevel: "warn" });
}

interface StaticFile {
  type: string;
  raw: Buffer;
  gzip: Buffer;
  etag: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every file of the built page, keyed by URL path, gzipped once (level 9). */
function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const path of filesUnder(dir)) {
    const raw = readFileSync(path);
    const gzip = gzipSync(raw, { level: 9 });
    const urlPath = `/${relative(dir, path).split("\\").join("/")}`;
    files.set(urlPath, {
      type: TYPES[path.split(".").pop() ?? ""] ?? "application/octet-stream",
      raw,
      gzip,
      etag: `"${raw.length.toString(16)}-${gzip.length.toString(16)}"`,
      immutable: urlPath.startsWith("/assets/"),
    });
  }
  return files;
}

/**
 * Serves `dir` on 127.0.0.1 as a static host would: gzip when asked, /assets/* (hashed names)
 * cached for a year, index.html revalidated (ETag → 304). `stop()` ends it.
 */
export async function serveStatic(dir: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const files = loadFiles(dir);
  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = files.get(path === "/" ? "/index.html" : path);
    if (!file) return send(res, 404, { "content-type": "text/plain" }, Buffer.from("not found"));
    const headers: Record<string, string> = {
      "content-type": file.type,
      etag: file.etag,
      vary: "accept-encoding",
      "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (req.headers["if-none-match"] === file.etag) return send(res, 304, headers);
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? file.gzip : file.raw;
    if (gzip) headers["content-encoding"] = "gzip";
    headers["content-length"] = String(body.length);
    return send(res, 200, headers, req.method === "HEAD" ? undefined : body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** SurveyJS's first download: index.html and every file it loads (all of .bench-dist/surveyjs), gzip -9. */
export function surveyJsFirstDownload(dir = SURVEYJS_OUT_DIR): { files: number; bytes: number; gzip: number } {
  const files = [...loadFiles(dir).values()].filter((f) => /html|javascript|css/.test(f.type));
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.raw.length, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip.length, 0),
  };
}

export interface SurveyJsOpenResult {
  medianMs: number;
  p90Ms: number;
  dclMs: number;
  runs: number[];
}

/**
 * Loopback only without request interception (Playwright's `route` turns the HTTP cache off,
 * and with it the warm cache this page depends on): every other host goes to a proxy that is
 * not there, and Chromium never proxies loopback.
 */
function loopbackOnlyArgs(): string[] {
  const args = [...CHROMIUM_ARGS];
  if (!args.some((arg) => arg.startsWith("--proxy-server="))) args.push("--proxy-server=http://127.0.0.1:9");
  return args;
}

/** SurveyJS's page opened WARMUPS + RUNS times as bench/form-open.ts opens Courtesy's form. */
export async function benchSurveyJsOpen(base: string): Promise<SurveyJsOpenResult> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: loopbackOnlyArgs() });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      baseURL: base,
    });
    const url = `${base}/`;
    for (let i = 0; i < WARMUPS; i++) await openOnce(context, url, { ready: SURVEYJS_READY });
    const samples: Array<{ visible: number; dcl: number }> = [];
    for (let i = 0; i < RUNS; i++) samples.push(await openOnce(context, url, { ready: SURVEYJS_READY }));
    const visible = samples.map((s) => s.visible).sort((a, b) => a - b);
    const dcl = samples.map((s) => s.dcl).sort((a, b) => a - b);
    return {
      medianMs: quantile(visible, 0.5),
      p90Ms: quantile(visible, 0.9),
      dclMs: quantile(dcl, 0.5),
      runs: visible,
    };
  } finally {
    await browser.close();
  }
}

/** survey-core must never reach the app: no client asset may carry SurveyJS's model. */
function assertNotInApp(appDir: string): void {
  const assets = join(appDir, "assets");
  if (!existsSync(assets)) return;
  const leaked = readdirSync(assets).filter(
    (file) =>
      /\.js$/.test(file) && /survey-core|SurveyModel|sd-question/.test(readFileSync(join(assets, file), "utf8")),
  );
  if (leaked.length > 0) throw new Error(`SurveyJS code in the app's build: ${leaked.join(", ")}`);
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const times = (ratio: number) => `${ratio.toFixed(ratio < 1 ? 2 : 1)}×`;

/**
 * Builds and measures SurveyJS's page, then prints both pages' medians and first downloads with
 * the ratios (goal: Courtesy ≥ 3× faster to open, ≥ 8× lighter). `courtesy`: bench/form-open.ts's
 * result from the same run; `courtesyBytes`: bench/bundle-size.ts's reports (English, Chinese).
 */
export async function benchSurveyJsSideBySide(options: {
  courtesy: FormOpenResult;
  courtesyBytes: BundleReport[];
  appDir?: string;
}): Promise<{ surveyjs: SurveyJsOpenResult; openRatio: number; bytesRatio: number }> {
  assertNotInApp(options.appDir ?? "dist/client");
  await buildSurveyJsPage();
  const download = surveyJsFirstDownload();
  const server = await serveStatic(SURVEYJS_OUT_DIR);
  let surveyjs: SurveyJsOpenResult;
  try {
    surveyjs = await benchSurveyJsOpen(server.base);
  } finally {
    await server.stop();
  }
  const { courtesy } = options;
  const openRatio = surveyjs.medianMs / courtesy.medianMs;
  const heaviest = Math.max(...options.courtesyBytes.map((r) => r.totalGzip));
  const bytesRatio = download.gzip / heaviest;

  console.log(
    `\nSide by side with SurveyJS ${surveyJsVersion()}: the same 40 items (4 sections → 4 SurveyJS pages, ` +
      `section 1 shown alone in both), 390×844, CPU ${CPU_SLOWDOWN}× slower, warm cache, ${RUNS} runs after ${WARMUPS} warm-ups each, same Chromium.\n`,
  );
  console.log("| page | open median ms | p90 ms | DOMContentLoaded median ms | first download gzip KB |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  // bench/form-open.ts reports its DOMContentLoaded median once it returns one (`dclMs`).
  const dclMs = (courtesy as FormOpenResult & { dclMs?: number }).dclMs;
  const courtesyDcl = dclMs === undefined ? "–" : dclMs.toFixed(0);
  const courtesyReads = courtesy.route.includes("preview")
    ? "Courtesy's preview reads the session and the checklist version from the API"
    : "Courtesy's form reads the session, the visit, the checklist version and the draft (API and IndexedDB)";
  const courtesyBytes = options.courtesyBytes
    .map((r) => `${kb(r.totalGzip)} (${r.language === "en" ? "English" : "Chinese"})`)
    .join(", ");
  console.log(
    `| Courtesy ${courtesy.route} | ${courtesy.medianMs.toFixed(0)} | ${courtesy.p90Ms.toFixed(0)} | ${courtesyDcl} | ${courtesyBytes} |`,
  );
  console.log(
    `| SurveyJS (survey-core + survey-js-ui, default theme CSS) | ${surveyjs.medianMs.toFixed(0)} | ${surveyjs.p90Ms.toFixed(0)} | ${surveyjs.dclMs.toFixed(0)} | ${kb(download.gzip)} (${download.files} files) |`,
  );
  console.log(
    `\nRatios, SurveyJS ÷ Courtesy: open median ${times(openRatio)} (goal ≥ 3×: ${openRatio >= 3 ? "met" : "not met"}${
      openRatio < 1 ? `; SurveyJS opens ${times(1 / openRatio)} faster` : ""
    }), first download ${times(bytesRatio)} against Courtesy's heavier language (goal ≥ 8×: ${bytesRatio >= 8 ? "met" : "not met"}).`,
  );
  console.log(
    "What differs: SurveyJS's page embeds its survey JSON in its script and needs no request after its own files " +
      `(no sign-in, no API round trip, no stored draft, English only); ${courtesyReads} and loads one language's strings. SurveyJS has no service ` +
      "worker: its hashed files come from the HTTP cache and index.html is revalidated (304) on loopback. The theme is " +
      "survey-core.fontless.css (the default theme without its Google-hosted Open Sans, which loopback-only would block; " +
      "Courtesy uses system fonts). SurveyJS's first download counts every file its page loads; Courtesy's is " +
      "bench/bundle-size.ts's (visit list, briefing and form).",
  );
  console.log(
    `Load (1-minute average) at the end: ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores; ` +
      "the two pages are measured back to back, so read the ratios rather than the absolute times.",
  );
  console.log("Rerun alone: npx tsx bench/surveyjs-bench.ts");
  return { surveyjs, openRatio, bytesRatio };
}

function surveyJsVersion(): string {
  try {
    return (JSON.parse(readFileSync("node_modules/survey-core/package.json", "utf8")) as { version: string }).version;
  } catch {
    return "";
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { benchFormOpen } = await import("./form-open");
  const courtesy = await benchFormOpen(); // builds the app and starts its own server
  const courtesyBytes = [await benchBundleSize("dist/client", "en"), await benchBundleSize("dist/client", "zh")];
  await benchSurveyJsSideBySide({ courtesy, courtesyBytes });
}
