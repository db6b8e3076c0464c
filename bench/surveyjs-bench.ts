/**
 * Side by side with SurveyJS (survey-core + survey-js-ui, devDependencies, bench only): the same
 * 40 items as bench/form-open.ts `formOpenChecklist()`, converted to a SurveyJS survey
 * (bench/surveyjs/survey-json.ts: 4 sections → 4 pages, so section 1 shows alone, as in
 * Courtesy's form), with SurveyJS's default theme CSS, built by Vite in production mode (minified)
 * with its own config (bench/surveyjs/vite.config.ts) into .bench-dist/surveyjs and served on
 * loopback by a small static server (gzip; hashed assets cached for a year, index.html
 * revalidated by ETag).
 *
 * And the harness's floor (bench/surveyjs/floor.ts): the same first section as static HTML with
 * no script, and a blank page (a new tab and one element), served the same way. They say how
 * much of each open is the browser itself.
 *
 * Fairness, both ways: Courtesy's warm open gets index.html from its service worker, SurveyJS's
 * from the HTTP cache after a 304; so SurveyJS is also measured with index.html cached for a year
 * (no request at all) and with a cache-first service worker, and the ratio uses whichever of its
 * three set-ups is fastest. First downloads are gzip -9 of every file the page loads at first
 * open, index.html included, for both; SurveyJS's includes its embedded survey JSON, which
 * Courtesy fetches from its API and does not count, so the ratio without it is printed too.
 *
 * Measured with bench/form-open.ts's own `openOnce`: same Chromium and flags, same 390×844
 * phone context, same 4× CPU slowdown, same warm-ups and run count, warm cache, the same
 * condition (section 1's 10 questions, the last one's control laid out). Courtesy's form (prepared
 * as bench/form-open.ts prepares it, when its server is given), SurveyJS's set-ups and the floor
 * share one browser, a context each, and are opened in turn (run 1 of each, run 2 of each, …) so
 * that the shared cores' load falls on all alike. Each page also marks the first frame where the
 * condition holds as the page saw it (an init script, from the document's start): the harness's
 * own first look waits behind a busy main thread (SurveyJS's one long script: 100–250 ms later
 * than the page's own mark; Courtesy's: about the same), so the ratio compares those in-page
 * medians; bench/form-open.ts's own warm median is printed beside them. Loopback only through an absent
 * proxy rather than request interception, which would turn off the HTTP cache these pages' warm
 * opens rely on.
 *
 *   npx tsx bench/surveyjs-bench.ts    (Courtesy's form open and first download, then SurveyJS's and the floor, then the ratios)
 *   FORM_OPEN_MODES=warm npx tsx bench/surveyjs-bench.ts    (Courtesy's warm open only: the one compared)
 *
 * `npm run bench` runs it after the form-open benchmark, against the same server and build.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "@playwright/test";
import { freePort } from "../scripts/free-port";
import { type BundleReport, benchBundleSize } from "./bundle-size";
import {
  CHROMIUM_ARGS,
  COURTESY_READY,
  CPU_SLOWDOWN,
  type FormOpenResult,
  formOpenChecklist,
  openOnce,
  prepareShopperForm,
  type ReadyWhen,
  RUNS,
  serviceWorkerReady,
  shopperFormRoute,
  WARMUPS,
} from "./form-open";
import { quantile } from "./server";
import { BLANK_HTML, FLOOR_QUESTION, floorHtml } from "./surveyjs/floor";
import { toSurveyJson } from "./surveyjs/survey-json";

export const SURVEYJS_CONFIG = "bench/surveyjs/vite.config.ts";
export const SURVEYJS_OUT_DIR = ".bench-dist/surveyjs";
export const FLOOR_OUT_DIR = ".bench-dist/floor";

const CONTROL = "button, input, select, textarea";
const QUESTIONS = 10;

/** SurveyJS's page 1: its 10 questions, the 10th (a comment) with its textarea laid out. */
const SURVEYJS_READY: ReadyWhen = { questions: ".sd-page .sd-question", control: CONTROL, count: QUESTIONS };
/** The floor: the same 10 questions as fieldsets, the 10th's textarea laid out. */
const FLOOR_READY: ReadyWhen = { questions: FLOOR_QUESTION, control: CONTROL, count: QUESTIONS };
/** The blank page: its one element laid out. */
const BLANK_READY: ReadyWhen = { questions: "body", control: "#blank", count: 1 };

/** Builds the SurveyJS page (quietly, production mode: minified, no dev warnings) into SURVEYJS_OUT_DIR. */
export async function buildSurveyJsPage(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: SURVEYJS_CONFIG, configLoader: "runner", logLevel: "warn", mode: "production" });
}

/** Writes the floor (section 1 as static HTML, index.html) and the blank page (blank.html) into FLOOR_OUT_DIR. */
export function buildFloorPages(): void {
  mkdirSync(FLOOR_OUT_DIR, { recursive: true });
  writeFileSync(join(FLOOR_OUT_DIR, "index.html"), floorHtml(formOpenChecklist()));
  writeFileSync(join(FLOOR_OUT_DIR, "blank.html"), BLANK_HTML);
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

function staticFile(urlPath: string, raw: Buffer, immutable: boolean): StaticFile {
  const gzip = gzipSync(raw, { level: 9 });
  return {
    type: TYPES[urlPath.split(".").pop() ?? ""] ?? "application/octet-stream",
    raw,
    gzip,
    etag: `"${raw.length.toString(16)}-${gzip.length.toString(16)}"`,
    immutable,
  };
}

/** Every file of the built page, keyed by URL path, gzipped once (level 9). */
function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const path of filesUnder(dir)) {
    const urlPath = `/${relative(dir, path).split("\\").join("/")}`;
    files.set(urlPath, staticFile(urlPath, readFileSync(path), urlPath.startsWith("/assets/")));
  }
  return files;
}

/**
 * A cache-first service worker for `paths` (SurveyJS's "with a service worker" set-up): it caches
 * them all when it installs, takes control at once, and answers every GET from its cache.
 */
function cacheFirstWorker(paths: string[]): string {
  return `const FILES = ${JSON.stringify(paths)};
self.addEventListener("install", (e) => e.waitUntil(caches.open("bench").then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request)));
});
`;
}

export interface ServeOptions {
  /** How index.html is cached: revalidated by ETag on every open (default), or for a year with no request. */
  index?: "revalidate" | "immutable";
  /** Add a cache-first service worker (/sw.js, registered by a line at the end of index.html's body). */
  serviceWorker?: boolean;
}

/**
 * Serves `dir` on 127.0.0.1 as a static host would: gzip when asked, /assets/* (hashed names)
 * cached for a year, HTML revalidated (ETag → 304) unless `index: "immutable"`. `stop()` ends it.
 */
export async function serveStatic(
  dir: string,
  options: ServeOptions = {},
): Promise<{ base: string; stop: () => Promise<void> }> {
  const files = loadFiles(dir);
  if (options.index === "immutable") for (const file of files.values()) file.immutable = true;
  if (options.serviceWorker) {
    const index = files.get("/index.html");
    if (!index) throw new Error(`${dir}/index.html is missing`);
    const register = '<script>navigator.serviceWorker.register("/sw.js")</script>\n</body>';
    files.set(
      "/index.html",
      staticFile("/index.html", Buffer.from(index.raw.toString().replace("</body>", register)), index.immutable),
    );
    files.set("/sw.js", staticFile("/sw.js", Buffer.from(cacheFirstWorker(["/", ...files.keys()])), false));
  }
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

export interface FirstDownload {
  files: number;
  bytes: number;
  gzip: number;
}

/** A page's first download: index.html and every file it loads (all of `dir`'s HTML, JS and CSS), gzip -9. */
export function firstDownload(dir = SURVEYJS_OUT_DIR, only?: (urlPath: string) => boolean): FirstDownload {
  const files = [...loadFiles(dir).entries()]
    .filter(([path, f]) => /html|javascript|css/.test(f.type) && (only?.(path) ?? true))
    .map(([, f]) => f);
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.raw.length, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip.length, 0),
  };
}

/**
 * Everything Courtesy's phone downloads on its first visit, the service worker's background
 * precache included (vite.config.ts: every JS, CSS, HTML, image and manifest file of the build,
 * every role's screens) plus the worker itself: all of `appDir` but Vite's manifest folder and
 * the host's _headers, gzip -9.
 */
export function wholeAppDownload(appDir = "dist/client"): FirstDownload {
  const files = filesUnder(appDir)
    .filter((path) => !/(^|[\\/])(\.vite[\\/]|_headers$)/.test(relative(appDir, path)))
    .map((path) => readFileSync(path));
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.length, 0),
    gzip: files.reduce((sum, f) => sum + gzipSync(f, { level: 9 }).length, 0),
  };
}

/** SurveyJS's first download: index.html and every file it loads (all of .bench-dist/surveyjs), gzip -9. */
export const surveyJsFirstDownload = (dir = SURVEYJS_OUT_DIR) => firstDownload(dir);

export interface StaticOpenResult {
  medianMs: number;
  p90Ms: number;
  dclMs: number;
  runs: number[];
  /**
   * Median ms from navigation start to the first frame where the ready condition held, as the
   * page itself saw it (READY_MARK): without the harness's delay before its first look, which
   * only a page faster than that delay (the floor, the blank page) would otherwise hide.
   */
  inPageMs: number;
}

/** The mark (bench/form-open.ts reads `courtesy:*` marks) set by `readyRecorder` when the page is ready. */
const READY_MARK = "bench-ready";

/**
 * An init script: checks `ready` at every animation frame from the document's start, as the
 * harness does once it looks (layout read only once the questions exist), and marks the first
 * frame where it holds. A string, so that tsx adds no helper the page lacks.
 */
function readyRecorder(ready: ReadyWhen): string {
  return `(() => {
  const ready = ${JSON.stringify(ready)};
  const check = () => {
    const questions = document.querySelectorAll(ready.questions);
    const box = questions.length >= ready.count ? questions[ready.count - 1]?.querySelector(ready.control)?.getBoundingClientRect() : undefined;
    if (box && box.width > 0 && box.height > 0) return performance.mark("courtesy:${READY_MARK}");
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}

/**
 * A page the harness opens like Courtesy's form: where, when it counts as open (default:
 * Courtesy's form), with a service worker or not, in a context of its own or one given.
 */
export interface StaticPage {
  name: string;
  url: string;
  ready?: ReadyWhen;
  serviceWorker?: boolean;
  context?: BrowserContext;
}

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * Courtesy's form in `browser`, as bench/form-open.ts prepares it: the benchmark checklist
 * published by the demo admin, a visit for the demo shopper started from its briefing (so a
 * draft exists), the shopper's context with its service worker; the preview when that fails.
 */
export async function prepareCourtesyPage(browser: Browser, base: string): Promise<StaticPage & { label: string }> {
  const admin = await browser.newContext({ ...PHONE, baseURL: base });
  const ok = async (response: Awaited<ReturnType<typeof admin.request.post>>, what: string) => {
    if (!response.ok()) throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as { version?: { id: string } };
  };
  await ok(
    await admin.request.post("/api/v1/auth/login", { data: { email: "admin@demo.test", password: "courtesy-demo" } }),
    "sign in",
  );
  const created = await ok(
    await admin.request.post("/api/v1/checklists", { data: formOpenChecklist() }),
    "create checklist",
  );
  const versionId = created.version?.id;
  if (!versionId) throw new Error("create checklist: no version id");
  await ok(await admin.request.post(`/api/v1/checklist-versions/${versionId}/publish`), "publish");
  const route = shopperFormRoute();
  if (route) {
    const shopper = await browser.newContext({ ...PHONE, baseURL: base });
    await shopper.grantPermissions(["geolocation"], { origin: base });
    await shopper.setGeolocation({ latitude: 39.9139, longitude: 116.4103, accuracy: 20 });
    const prepared = await prepareShopperForm(base, admin.request, shopper, versionId, route);
    if (prepared.url) {
      await admin.close();
      return {
        name: "courtesy",
        url: prepared.url,
        context: shopper,
        serviceWorker: true,
        label: `${route} (the shopper's form)`,
      };
    }
    await shopper.close();
  }
  return {
    name: "courtesy",
    url: `${base}/checklist-versions/${versionId}`,
    context: admin,
    serviceWorker: true,
    label: "/checklist-versions/:id (read-only preview)",
  };
}

/**
 * Loopback only without request interception (Playwright's `route` turns the HTTP cache off,
 * and with it the warm cache these pages depend on): every other host goes to a proxy that is
 * not there, and Chromium never proxies loopback.
 */
function loopbackOnlyArgs(): string[] {
  const args = [...CHROMIUM_ARGS];
  if (!args.some((arg) => arg.startsWith("--proxy-server="))) args.push("--proxy-server=http://127.0.0.1:9");
  return args;
}

/**
 * Opens each page WARMUPS + RUNS times as bench/form-open.ts opens Courtesy's form (a fresh tab of
 * one context per page, 4× CPU, warm cache), the pages in turn so that the machine's load falls
 * on all of them alike. A page with a service worker is opened until the worker controls it first.
 */
export async function benchStaticPages(
  pages: readonly StaticPage[],
  browser?: Browser,
): Promise<Map<string, StaticOpenResult>> {
  const own = browser
    ? undefined
    : await chromium.launch({ executablePath: "/usr/bin/chromium", args: loopbackOnlyArgs() });
  const running = (browser ?? own) as Browser;
  try {
    const contexts = new Map<string, BrowserContext>();
    for (const page of pages) {
      const context = page.context ?? (await running.newContext(PHONE));
      await context.addInitScript(readyRecorder(page.ready ?? COURTESY_READY));
      contexts.set(page.name, context);
      if (page.serviceWorker && !(await serviceWorkerReady(context, page.url))) {
        throw new Error(`${page.name}: the service worker did not take control within 60 s`);
      }
      for (let i = 0; i < WARMUPS; i++) await openOnce(context, page.url, { ready: page.ready });
    }
    const samples = new Map<string, Array<{ visible: number; dcl: number; marks: Record<string, number> }>>(
      pages.map((p) => [p.name, []]),
    );
    for (let i = 0; i < RUNS; i++) {
      for (const page of pages) {
        const context = contexts.get(page.name) as BrowserContext;
        samples.get(page.name)?.push(await openOnce(context, page.url, { ready: page.ready }));
      }
    }
    const results = new Map<string, StaticOpenResult>();
    for (const [name, list] of samples) {
      const visible = list.map((s) => s.visible).sort((a, b) => a - b);
      const dcl = list.map((s) => s.dcl).sort((a, b) => a - b);
      const inPage = list
        .map((s) => s.marks[READY_MARK] ?? Number.NaN)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      results.set(name, {
        medianMs: quantile(visible, 0.5),
        p90Ms: quantile(visible, 0.9),
        dclMs: quantile(dcl, 0.5),
        runs: visible,
        inPageMs: quantile(inPage, 0.5),
      });
    }
    return results;
  } finally {
    await own?.close();
  }
}

/** SurveyJS's page alone, opened WARMUPS + RUNS times as bench/form-open.ts opens Courtesy's form. */
export async function benchSurveyJsOpen(base: string): Promise<StaticOpenResult> {
  const results = await benchStaticPages([{ name: "surveyjs", url: `${base}/`, ready: SURVEYJS_READY }]);
  return results.get("surveyjs") as StaticOpenResult;
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

/** The build is SurveyJS as it ships to production: minified, with no development-mode code left in. */
function assertProductionBuild(dir = SURVEYJS_OUT_DIR): void {
  for (const path of filesUnder(dir).filter((p) => p.endsWith(".js"))) {
    const text = readFileSync(path, "utf8");
    const lines = text.split("\n").length;
    if (lines > 50 || /process\.env\.NODE_ENV/.test(text)) {
      throw new Error(`${path} is not a production build (${lines} lines, NODE_ENV check left in)`);
    }
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const times = (ratio: number) => `${ratio.toFixed(ratio < 1 ? 2 : 1)}×`;

/** SurveyJS's three warm set-ups, measured side by side; the ratio uses the fastest. */
const SURVEYJS_SETUPS = [
  { name: "revalidate", label: "index.html revalidated by ETag (304)", serve: {} },
  { name: "immutable", label: "index.html cached for a year (no request)", serve: { index: "immutable" } },
  { name: "worker", label: "cache-first service worker", serve: { serviceWorker: true } },
] as const satisfies ReadonlyArray<{ name: string; label: string; serve: ServeOptions }>;

export interface SideBySide {
  surveyjs: StaticOpenResult;
  floor: StaticOpenResult;
  blank: StaticOpenResult;
  openRatio: number;
  bytesRatio: number;
  /** One line for `npm run bench`'s closing summary. */
  summary: string;
}

/**
 * Builds and measures SurveyJS's page (three warm set-ups) and the floor, then prints every
 * page's medians and first download with the ratios (goal: Courtesy ≥ 3× faster to open, ≥ 8×
 * lighter) and what 3× would mean against the floor. `courtesy`: bench/form-open.ts's result
 * from the same run; `courtesyBytes`: bench/bundle-size.ts's reports (English, Chinese).
 */
export async function benchSurveyJsSideBySide(options: {
  courtesy: FormOpenResult;
  courtesyBytes: BundleReport[];
  appDir?: string;
  /** Courtesy's server: its form then joins the others' turns in the same browser (the figure compared). */
  base?: string;
}): Promise<SideBySide> {
  assertNotInApp(options.appDir ?? "dist/client");
  await buildSurveyJsPage();
  assertProductionBuild();
  buildFloorPages();
  const download = surveyJsFirstDownload();
  const surveyJson = gzipSync(JSON.stringify(toSurveyJson(formOpenChecklist())), { level: 9 }).length;
  const wholeApp = wholeAppDownload(options.appDir ?? "dist/client");
  const floorDownload = firstDownload(FLOOR_OUT_DIR, (path) => path === "/index.html");
  const blankDownload = firstDownload(FLOOR_OUT_DIR, (path) => path === "/blank.html");

  const servers = await Promise.all([
    ...SURVEYJS_SETUPS.map((setup) => serveStatic(SURVEYJS_OUT_DIR, setup.serve)),
    serveStatic(FLOOR_OUT_DIR),
  ]);
  let measured: Map<string, StaticOpenResult>;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: loopbackOnlyArgs() });
  try {
    const floorBase = servers[SURVEYJS_SETUPS.length]?.base;
    const courtesyPage = options.base ? [await prepareCourtesyPage(browser, options.base)] : [];
    measured = await benchStaticPages(
      [
        ...courtesyPage,
        ...SURVEYJS_SETUPS.map((setup, i) => ({
          name: setup.name,
          url: `${servers[i]?.base}/`,
          ready: SURVEYJS_READY,
          serviceWorker: "serviceWorker" in setup.serve,
        })),
        { name: "floor", url: `${floorBase}/`, ready: FLOOR_READY },
        { name: "blank", url: `${floorBase}/blank.html`, ready: BLANK_READY },
      ],
      browser,
    );
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
  const result = (name: string) => measured.get(name) as StaticOpenResult;
  // Compared as the pages saw it when Courtesy was opened in turn: the harness's first look waits
  // behind a busy main thread (SurveyJS's one long script), which would add to SurveyJS's figure only.
  const inTurn = measured.get("courtesy");
  const seen = (r: StaticOpenResult) => (inTurn ? r.inPageMs : r.medianMs);
  const fastest = [...SURVEYJS_SETUPS].sort((a, b) => seen(result(a.name)) - seen(result(b.name)))[0];
  if (!fastest) throw new Error("no SurveyJS set-up measured");
  const surveyjs = result(fastest.name);
  const floor = result("floor");
  const blank = result("blank");

  // Courtesy in turn with the others when its server was given, else bench/form-open.ts's run just before.
  const openRatio = inTurn ? surveyjs.inPageMs / inTurn.inPageMs : surveyjs.medianMs / options.courtesy.medianMs;
  const harnessRatio = surveyjs.medianMs / (inTurn ?? options.courtesy).medianMs;
  const measure = inTurn ? "as the pages saw it, in turn" : "open medians, Courtesy from bench/form-open.ts";
  const heaviest = Math.max(...options.courtesyBytes.map((r) => r.totalGzip));
  const bytesRatio = download.gzip / heaviest;
  const bytesRatioWithoutJson = (download.gzip - surveyJson) / heaviest;

  console.log(
    `\nSide by side with SurveyJS ${surveyJsVersion()}: the same 40 items (4 sections → 4 SurveyJS pages, ` +
      `section 1 shown alone in both), and the floor (the same first section as static HTML), 390×844, CPU ${CPU_SLOWDOWN}× slower, ` +
      `warm cache, ${RUNS} runs after ${WARMUPS} warm-ups each, same Chromium.\n`,
  );
  console.log(
    "| page | open median ms | p90 ms | as the page saw it, median ms | DOMContentLoaded median ms | first download gzip KB |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  // bench/form-open.ts reports its DOMContentLoaded median once it returns one (`dclMs`).
  const dclMs = (options.courtesy as FormOpenResult & { dclMs?: number }).dclMs;
  const courtesyDcl = dclMs === undefined ? "–" : dclMs.toFixed(0);
  const courtesyReads = options.courtesy.route.includes("preview")
    ? "Courtesy's preview reads the session and the checklist version from the API"
    : "Courtesy's form reads the session, the visit, the checklist version and the draft (API and IndexedDB) and opens the phone's store";
  const courtesyBytes = options.courtesyBytes
    .map((r) => `${kb(r.totalGzip)} (${r.language === "en" ? "English" : "Chinese"})`)
    .join(", ");
  const row = (name: string, r: StaticOpenResult, bytes: string) =>
    console.log(
      `| ${name} | ${r.medianMs.toFixed(0)} | ${r.p90Ms.toFixed(0)} | ${r.inPageMs.toFixed(0)} | ${r.dclMs.toFixed(0)} | ${bytes} |`,
    );
  const formOpen = options.courtesy;
  if (inTurn) row(`Courtesy ${formOpen.route}, service worker, in turn with the pages below`, inTurn, courtesyBytes);
  console.log(
    `| Courtesy ${formOpen.route}, service worker, bench/form-open.ts's warm run${inTurn ? " (its own browser, just before)" : ""} | ` +
      `${formOpen.medianMs.toFixed(0)} | ${formOpen.p90Ms.toFixed(0)} | – | ${courtesyDcl} | ${courtesyBytes} |`,
  );
  for (const setup of SURVEYJS_SETUPS) {
    row(
      `SurveyJS (survey-core + survey-js-ui, default theme), ${setup.label}${setup === fastest ? " **fastest**" : ""}`,
      result(setup.name),
      `${kb(download.gzip)} (${download.files} files)`,
    );
  }
  row("floor: the same first section as static HTML, no script", floor, `${kb(floorDownload.gzip)} (1 file)`);
  row("blank page: a new tab and one element", blank, `${kb(blankDownload.gzip)} (1 file)`);

  console.log(
    `\nRatios, SurveyJS (${fastest.label}) ÷ Courtesy: open ${times(openRatio)} (${measure}; goal ≥ 3×: ${openRatio >= 3 ? "met" : "not met"}${
      openRatio < 1 ? `; SurveyJS opens ${times(1 / openRatio)} faster` : ""
    }${inTurn ? `; ${times(harnessRatio)} with the harness's open medians` : ""}), first download ${times(bytesRatio)} against Courtesy's heavier language (goal ≥ 8×: ${bytesRatio >= 8 ? "met" : "not met"}; ` +
      `${times(bytesRatioWithoutJson)} without the ${kb(surveyJson)} KB of survey JSON SurveyJS's script embeds, which Courtesy fetches from its API).`,
  );
  console.log(
    `Both ways: Courtesy's service worker then downloads the rest of the app in the background, after the first screen ` +
      `(its precache: every role's screens, ${wholeApp.files} files with the worker, ${kb(wholeApp.gzip)} KB gzip -9), so its whole ` +
      `first visit is ${kb(wholeApp.gzip)} KB against SurveyJS's ${kb(download.gzip)} (SurveyJS ÷ Courtesy ${times(download.gzip / wholeApp.gzip)}); ` +
      "later visits download nothing but changed files.",
  );
  // The floor, as the pages saw it (in-page, from the document's start): the harness looks first
  // only some way into the open, which hides how fast a page faster than that is.
  const goal = surveyjs.inPageMs / 3;
  const above = (r: { inPageMs: number }) => r.inPageMs - floor.inPageMs;
  const courtesyAbove = inTurn ? above(inTurn) : Number.NaN;
  console.log(
    `The floor, as the pages saw it (first frame with section 1's controls laid out, from navigation start, without the harness's delay ` +
      `before its first look): the browser alone (a new tab, HTML, style and layout of the 10 questions, no script) takes ${floor.inPageMs.toFixed(0)} ms, ` +
      `the blank page ${blank.inPageMs.toFixed(0)}; SurveyJS ${surveyjs.inPageMs.toFixed(0)}${inTurn ? `, Courtesy ${inTurn.inPageMs.toFixed(0)}` : ""}. ` +
      `3× faster than SurveyJS means ≤ ${goal.toFixed(0)} ms, ` +
      `${goal < floor.inPageMs ? `${(floor.inPageMs - goal).toFixed(0)} ms UNDER the floor: no page reaches it on this machine now` : `${(goal - floor.inPageMs).toFixed(0)} ms above the floor`}` +
      `; above the floor SurveyJS takes ${above(surveyjs).toFixed(0)} ms${
        inTurn && courtesyAbove > 0
          ? `, Courtesy ${courtesyAbove.toFixed(0)} (SurveyJS ÷ Courtesy ${times(above(surveyjs) / courtesyAbove)}; 3× would need Courtesy ≤ ${(above(surveyjs) / 3).toFixed(0)} ms above it)`
          : ""
      }. The harness's first look comes at about the blank page's open median (${blank.medianMs.toFixed(0)} ms): a page ready before then measures that.`,
  );
  console.log(
    `What differs: SurveyJS's page embeds its survey JSON in its script and needs no request after its own files (no sign-in, ` +
      `no API round trip, no stored draft, English only); ${courtesyReads}, and loads one language's strings: that is the product's ` +
      "work (offline drafts, two languages), kept in the comparison. Both pages show section 1's 10 questions and nothing more " +
      "(lazy rendering off, SurveyJS's default). SurveyJS is built by Vite in production mode (minified, no development code); its theme is " +
      "survey-core.fontless.css (the default theme without its Google-hosted Open Sans, which loopback-only would block; " +
      "Courtesy uses system fonts). First downloads: gzip -9 of every file the page loads at first open, index.html included " +
      "(Courtesy's: bench/bundle-size.ts, visit list, briefing and form).",
  );
  console.log(
    `Load (1-minute average) at the end: ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores; ` +
      `SurveyJS and the floor are opened in turn in one browser${inTurn ? " with Courtesy's form" : ", Courtesy just before in its own"}, so read the ratios rather than the absolute times.`,
  );
  console.log("Rerun alone: npx tsx bench/surveyjs-bench.ts");
  const summary =
    `SurveyJS ÷ Courtesy ${times(openRatio)} (${measure}; goal 3×; harness open medians ${(inTurn ?? options.courtesy).medianMs.toFixed(0)} vs ${surveyjs.medianMs.toFixed(0)} ms); ` +
    `as the pages saw it: floor ${floor.inPageMs.toFixed(0)} ms (static HTML), blank ${blank.inPageMs.toFixed(0)} ms, SurveyJS ${surveyjs.inPageMs.toFixed(0)}` +
    `${inTurn ? `, Courtesy ${inTurn.inPageMs.toFixed(0)}` : ""}, 3× needs ≤ ${goal.toFixed(0)} ms; ` +
    `first download ${kb(heaviest)} vs ${kb(download.gzip)} KB (${times(bytesRatio)}, goal 8×)`;
  return { surveyjs, floor, blank, openRatio, bytesRatio, summary };
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
  const { startBenchServer } = await import("./server");
  const server = await startBenchServer({ build: true });
  const base = server.base;
  try {
    const courtesy = await benchFormOpen({ base });
    const courtesyBytes = [await benchBundleSize("dist/client", "en"), await benchBundleSize("dist/client", "zh")];
    await benchSurveyJsSideBySide({ courtesy, courtesyBytes, base });
  } finally {
    await server.stop();
  }
}
