/**
 * Bundle-size benchmark: what a shopper's phone downloads before it can open and fill in a
 * visit's form, gzipped (level 9), against a 45 KB budget (issue 19; 60 KB before; reached so far:
 * 45.5 KB English, 45.8 KB Chinese, held by tests/e2e/first-download.spec.ts REACHED_KB). Reads the client build's manifest
 * (dist/client/.vite/manifest.json, `build.manifest` of the client environment in
 * vite.config.ts): index.html, the entry chunk with its static imports and CSS, the lazy route
 * chunks in FIRST_SCREEN_ROUTES with their static imports and CSS, and the dictionaries of one
 * language that those load before rendering. Printed for English and for Chinese.
 *
 *   npx tsx bench/bundle-size.ts      (builds first; also run by `npm run bench`)
 *
 * Sizes are in KB of 1,024 bytes. The service worker's background precache (every asset) is
 * reported for information, outside the budget: it does not hold up the first screen.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** The goal for the first download, in either language (issue 19). */
export const BUDGET_KB = 45;

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BundlePart {
  /** What the file is for: "entry", "route web/areas/visits/pages.ts", ... */
  part: string;
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  /** Which routes were counted. */
  routes: string[];
  language: Language;
  parts: BundlePart[];
  totalGzip: number;
  budgetGzip: number;
  precacheGzip: number;
}

/**
 * The routes a shopper's phone needs to open and fill in a visit's form: the visit list and
 * briefing, the form (the app's start URL sends a shopper to the list from the entry chunk).
 * The review and the outbox are fetched by those pages once they are on screen, outside this
 * budget.
 */
export const FIRST_SCREEN_ROUTES = ["web/areas/visits/pages.ts", "web/areas/visits/form.tsx"];

/** A dictionary file of one language: web/i18n/en.ts, web/areas/visits/strings/zh.ts, ... */
const dictionaryOf = (key: string, language: Language) =>
  new RegExp(`^web/(?:i18n/(?:[^/]+/)?|areas/[^/]+/(?:[^/]+/)?)${language}\\.ts$`).test(key);
type Language = "en" | "zh";

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gzipSize = (data: Buffer) => gzipSync(data, { level: 9 }).length;

function readManifest(outDir: string): Manifest {
  const path = join(outDir, ".vite", "manifest.json");
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: build first (vite build), with build.manifest on for the client environment (vite.config.ts)`,
    );
  }
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

/**
 * Measures the first download. `outDir` is the client build (dist/client).
 * @example const report = await benchBundleSize(); report.totalGzip <= report.budgetGzip
 */
export async function benchBundleSize(outDir = "dist/client", language: Language = "en"): Promise<BundleReport> {
  const manifest = readManifest(outDir);
  const parts: BundlePart[] = [];
  const counted = new Set<string>();

  const add = (part: string, file: string) => {
    if (counted.has(file)) return;
    counted.add(file);
    const data = readFileSync(join(outDir, file));
    parts.push({ part, file, bytes: data.length, gzip: gzipSize(data) });
  };
  /**
   * A chunk, its CSS, everything it imports statically (what the browser must fetch with it)
   * and the dictionaries it loads at once in the phone's language (web/lib/i18n.ts
   * `defineDictionary`: one language's file, awaited before the page renders).
   */
  const addChunk = (key: string, part: string, seen = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    add(seen.size === 1 ? part : `${part}, static import`, chunk.file);
    for (const css of chunk.css ?? []) add(`${part}, CSS`, css);
    for (const imported of chunk.imports ?? []) addChunk(imported, part, seen);
    for (const dynamic of chunk.dynamicImports ?? []) {
      if (dictionaryOf(dynamic, language)) addChunk(dynamic, `${part}, ${language} strings`, seen);
    }
  };

  // index.html holds its first script inline (web/boot.js: the preload hints and GET /me).
  add("index.html (with the boot script)", "index.html");
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key.endsWith("index.html"));
  if (!entryKey) throw new Error("no entry chunk for index.html in the manifest");
  addChunk(entryKey, "entry");

  const routes = FIRST_SCREEN_ROUTES;
  for (const route of routes) {
    if (!manifest[route]) throw new Error(`${route} is not in the manifest`);
    addChunk(route, `route ${route}`);
  }

  // The service worker precaches every asset after the first screen; reported, not budgeted.
  const assetsDir = join(outDir, "assets");
  const precacheGzip = existsSync(assetsDir)
    ? readdirSync(assetsDir)
        .filter((file) => /\.(js|css)$/.test(file))
        .reduce((sum, file) => sum + gzipSize(readFileSync(join(assetsDir, file))), 0)
    : 0;

  const totalGzip = parts.reduce((sum, p) => sum + p.gzip, 0);
  const budgetGzip = BUDGET_KB * 1024;

  console.log(
    `\nShopper's first download in ${language === "en" ? "English" : "Chinese"} (gzip -9, KB = 1,024 bytes): routes ${routes.join(", ")}\n`,
  );
  console.log("| part | file | raw KB | gzip KB |\n| --- | --- | ---: | ---: |");
  for (const p of parts) console.log(`| ${p.part} | ${p.file} | ${kb(p.bytes)} | ${kb(p.gzip)} |`);
  const verdict = totalGzip <= budgetGzip ? "within budget" : "OVER BUDGET";
  console.log(
    `| **total** | ${parts.length} files | ${kb(parts.reduce((s, p) => s + p.bytes, 0))} | **${kb(totalGzip)}** |`,
  );
  console.log(
    `\nTotal ${kb(totalGzip)} KB gzip of a ${BUDGET_KB} KB budget (${((totalGzip / budgetGzip) * 100).toFixed(0)}%): ${verdict}.` +
      ` The service worker then precaches all JS and CSS (${kb(precacheGzip)} KB gzip) in the background.`,
  );
  console.log("Rerun alone: npx tsx bench/bundle-size.ts");
  return { routes, language, parts, totalGzip, budgetGzip, precacheGzip };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { buildApp } = await import("./server");
  buildApp();
  await benchBundleSize("dist/client", "en");
  await benchBundleSize("dist/client", "zh");
}
