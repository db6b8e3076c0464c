import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig, minifySync, type Plugin, type PluginOption } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

/**
 * The service worker that keeps the app's own files on the phone (the shopper's app opens and
 * works offline). Only the app shell is precached; /api/* is never cached nor answered by it.
 * The plugin belongs to the client build only, not to the Worker's.
 */
const pwa: PluginOption[] = VitePWA({
  registerType: "autoUpdate",
  injectRegister: false,
  // The manifest's icons are in web/public, which the glob below already precaches.
  includeManifestIcons: false,
  manifest: {
    name: "Courtesy",
    short_name: "Courtesy",
    description: "Service-quality audits and mystery shopping",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: "#0f5c4d",
    background_color: "#f4f6f5",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  },
  workbox: {
    navigateFallback: "/index.html",
    navigateFallbackDenylist: [/^\/api\//],
    globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [],
  },
}).map((plugin) => ({ ...plugin, applyToEnvironment: (env) => env.name === "client" }));

/**
 * index.html's first script, web/boot.js, written inline into the page: it asks GET /me and
 * preloads the saved language's strings and, on a shopper's page, the form's code, while the app's
 * own code is still downloading (Vite bundles every module script of index.html into the app's
 * entry, which runs only after the app's code). Inline, it runs as the HTML arrives: as a file of
 * its own (as it was) it cost one more round trip before anything it starts (150 ms on slow 4G).
 * Without it they come one after another: the app's code, who is signed in, its strings, the form's
 * code, its strings.
 *
 * At build, the lists of files (per language: the phone's strings; then the form's code and CSS)
 * go into the script, and the script's SHA-256 into dist's `_headers` CSP (`script-src 'self'
 * 'sha256-…'`): that one inline script may run, no other (never 'unsafe-inline'). In `vite dev`
 * (no CSP, no bundle) the script is inlined with no lists.
 */
type Chunk = {
  type: "chunk";
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
};

/** The module a dynamic import loads (its facade chunk), the chunks it needs and their CSS, by source path ending. */
function filesOf(chunks: Chunk[], source: string): string[] {
  const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll("\\", "/").endsWith(source));
  if (!chunk) return [];
  const needed = [chunk, ...chunks.filter((c) => chunk.imports.includes(c.fileName))];
  return [...needed.map((c) => c.fileName), ...needed.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])])];
}

/** Where web/boot.js takes the lists. */
const HINTS = "/*hints*/ {}";

/** web/boot.js minified (Vite's own minifier), with the build's lists in its `hints` placeholder. */
function bootScript(hints: Record<string, string[]>): string {
  const source = readFileSync(fileURLToPath(new URL("./web/boot.js", import.meta.url)), "utf8");
  if (!source.includes(HINTS)) throw new Error(`web/boot.js: no "${HINTS}" for the lists`);
  const minified = minifySync("boot.js", source.replace(HINTS, JSON.stringify(hints)));
  if (minified.errors.length) throw new Error(`web/boot.js: ${minified.errors.map((e) => e.message).join("; ")}`);
  return minified.code;
}

/** The CSP source that allows exactly `code` as an inline script. */
const scriptHash = (code: string) => `'sha256-${createHash("sha256").update(code, "utf8").digest("base64")}'`;

function bootHints(): Plugin {
  let hash: string | undefined;
  return {
    name: "courtesy:boot-hints",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        const tag = "<!-- courtesy:boot (web/boot.js, written here by vite.config.ts) -->";
        if (!html.includes(tag)) throw new Error(`index.html: no ${tag} for the boot script`);
        // Per language: the phone's first strings (the app's, the visits' and the form's: one module,
        // web/i18n/phone); then, on a shopper's page, the form's code and CSS.
        const hints: Record<string, string[]> = {};
        if (context.bundle) {
          const chunks = Object.values(context.bundle).filter((c): c is Chunk & typeof c => c.type === "chunk");
          const entry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]));
          const pick = (...sources: string[]) => [
            ...new Set(
              sources
                .flatMap((s) => filesOf(chunks, s))
                .filter((f) => !entry.has(f))
                .map((f) => f.replace(/^assets\//, "")),
            ),
          ];
          for (const language of ["en", "zh"]) {
            const app = pick(`web/i18n/phone/${language}.ts`);
            hints[language] = app;
            hints[`visits-${language}`] = pick("web/areas/visits/form.tsx").filter((f) => !app.includes(f));
          }
        }
        const code = bootScript(hints);
        hash = scriptHash(code);
        return html.replace(tag, () => `<script>${code}</script>`);
      },
    },
    // dist's _headers (copied from web/public before the bundle is written): the script's hash.
    writeBundle(options) {
      if (!hash || !options.dir) return;
      const file = join(options.dir, "_headers");
      const headers = readFileSync(file, "utf8");
      const csp = "script-src 'self'";
      if (!headers.includes(`${csp};`)) throw new Error(`web/public/_headers: no "${csp};" for the boot script's hash`);
      writeFileSync(file, headers.replace(`${csp};`, `${csp} ${hash};`));
    },
  };
}

/**
 * The chunk files of the shopper's first screen (`firstScreen`: the visits' list and briefing, the
 * form, the phone's strings, and the report's check that follows the form, by their facades'
 * source), and every file of the first download (`firstDownload`: the entry, those, and their
 * static imports). Filled just before Vite writes the preload lists
 * (`modulePreload.resolveDependencies` below reads them).
 */
const firstScreen = new Set<string>();
const firstDownload = new Set<string>();
const FIRST_SCREEN = /web\/(?:areas\/visits\/(?:pages\.ts|form\.tsx|report-check\.ts)|i18n\/phone\/(?:en|zh)\.ts)$/;

function firstScreenFiles(): Plugin {
  return {
    name: "courtesy:first-screen",
    apply: "build",
    applyToEnvironment: (env) => env.name === "client",
    generateBundle: {
      order: "pre",
      handler(_options, bundle) {
        firstScreen.clear();
        firstDownload.clear();
        const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
        for (const chunk of chunks) {
          if (FIRST_SCREEN.test(chunk.facadeModuleId?.replaceAll("\\", "/") ?? "")) firstScreen.add(chunk.fileName);
        }
        const add = (file: string) => {
          if (firstDownload.has(file)) return;
          firstDownload.add(file);
          for (const imported of chunks.find((c) => c.fileName === file)?.imports ?? []) add(imported);
        };
        for (const chunk of chunks) if (chunk.isEntry || firstScreen.has(chunk.fileName)) add(chunk.fileName);
      },
    },
  };
}

/**
 * One Vite config builds both halves: the Solid app (client environment, into dist/client)
 * and the Worker (through the Cloudflare plugin). `vite dev` serves them on one origin.
 */
export default defineConfig({
  root: ".",
  publicDir: "web/public",
  plugins: [solid(), cloudflare(), pwa, bootHints(), firstScreenFiles()],
  build: {
    target: "es2022",
    // Every browser the app supports (es2022) knows <link rel="modulepreload">: no polyfill in the
    // entry (0.4 KB gzip of the shopper's first download).
    modulePreload: {
      polyfill: false,
      // In the first download's files, only the shopper's first screen (the visits' pages, the form,
      // the phone's strings) has its chunks fetched side by side. Every other lazy file they import
      // (office pages, sign-in, the review, the outbox, the preloads' chunk with its ~20 query
      // modules) is fetched with its CSS only: its own imports follow one round trip later (from the
      // service worker's cache once installed), instead of the first download carrying their lists
      // of files (0.4 KB gzip). Lazy files elsewhere keep their lists (a route preload's strings).
      // The office's navigation (components/office-nav.tsx) keeps its list: it is on every office
      // page's first screen, whose strings would otherwise come one round trip after it (~25 B).
      resolveDependencies: (file, deps, { hostId }) =>
        firstDownload.has(hostId) && !firstScreen.has(file) && !/(^|\/)office-nav-[^/]+\.js$/.test(file)
          ? deps.filter((dep) => dep === file)
          : deps,
    },
  },
  environments: {
    // dist/client/.vite/manifest.json: which chunks each route needs (bench/bundle-size.ts reads it).
    client: {
      build: {
        manifest: true,
        rolldownOptions: {
          output: {
            // Seven characters of content hash instead of eight (the fewest rolldown allows for this
            // many chunks): a hash's characters do not compress, and the first download's files name
            // ~60 files (index.html, the entry's and the shopper's lists of lazy files): −77 B gzip.
            entryFileNames: "assets/[name]-[hash:7].js",
            chunkFileNames: "assets/[name]-[hash:7].js",
            assetFileNames: "assets/[name]-[hash:7][extname]",
            // Fewer, larger chunks on the shopper's path: one file compresses better than ten
            // small ones, and a phone on a poor connection pays per request.
            codeSplitting: {
              groups: [
                {
                  // A shopper's strings in one file per language (the app's, the visits', the form's).
                  debugName: "strings",
                  name: (id) =>
                    /web[\\/](?:i18n[\\/](?:audit-form[\\/]|phone[\\/])?|areas[\\/]visits[\\/]strings[\\/])(en|zh)\.ts$/.exec(
                      id,
                    )?.[1] ?? null,
                  priority: 3,
                },
                {
                  name: "app",
                  test: /node_modules[\\/](solid-js[\\/](dist|web)|@solidjs|hono|@solid-primitives)|web[\\/]lib[\\/](api|i18n|session|queries|permissions|types|outbox-status)\.ts|web[\\/]components[\\/](icon|states|page-header|badge|app-shell|profile-menu)\.tsx/,
                  priority: 2,
                },
                {
                  // Stores serve office pages' forms only; the router merely re-exports them.
                  name: "store",
                  test: /node_modules[\\/]solid-js[\\/]store[\\/]/,
                  includeDependenciesRecursively: false,
                  priority: 4,
                },
                {
                  // The report's check (the server's rules: scoring, audits), fetched as the form's
                  // session opens, in one file beside the shopper's (the review and office pages share it).
                  name: "check",
                  test: /web[\\/]areas[\\/]visits[\\/]report-check\.|worker[\\/]domain[\\/](scoring|score-item|audits|paths)\./,
                  priority: 0,
                },
                {
                  name: "shopper",
                  test: /web[\\/]lib[\\/](outbox-queue|local-store|idb-lite|network|form-i18n)|web[\\/]components[\\/]audit-form[\\/](?!call-helpers|photo-field)|web[\\/]areas[\\/]visits[\\/](visits-data|visits-i18n|visit-draft|shared|session|list|briefing|form|pages)\.|worker[\\/]domain[\\/](item-outcome|visit-window|checklists)\./,
                  priority: 1,
                },
              ],
            },
          },
        },
      },
    },
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
  },
});
