import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig, type PluginOption } from "vite";
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
 * One Vite config builds both halves: the Solid app (client environment, into dist/client)
 * and the Worker (through the Cloudflare plugin). `vite dev` serves them on one origin.
 */
export default defineConfig({
  root: ".",
  publicDir: "web/public",
  plugins: [solid(), cloudflare(), pwa],
  build: {
    target: "es2022",
    // Every browser the app supports (es2022) knows <link rel="modulepreload">: no polyfill in the
    // entry (0.4 KB gzip of the shopper's first download).
    modulePreload: {
      polyfill: false,
      // The preloads' chunk (areas/preloads.ts: every office page's route preload) is fetched
      // with its CSS only; its ~20 query modules follow as its own imports, one round trip
      // later, instead of the shopper's entry chunk carrying their list of files (0.5 KB gzip).
      resolveDependencies: (file, deps) =>
        /(^|\/)preloads-[^/]+\.js$/.test(file) ? deps.filter((dep) => dep === file || dep.endsWith(".css")) : deps,
    },
  },
  environments: {
    // dist/client/.vite/manifest.json: which chunks each route needs (bench/bundle-size.ts reads it).
    client: {
      build: {
        manifest: true,
        rolldownOptions: {
          output: {
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
                  test: /node_modules[\\/](solid-js[\\/](dist|web)|@solidjs|hono|@solid-primitives)|web[\\/]lib[\\/](api|i18n|session|queries|permissions|types|outbox-status)\.ts|web[\\/]components[\\/](icon|states|page-header|badge|app-shell|profile-menu)\.tsx|schema[\\/]enums/,
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
                  name: "shopper",
                  test: /web[\\/]lib[\\/](outbox|local-store|idb-lite|network|form-i18n)|web[\\/]components[\\/]audit-form[\\/](?!call-helpers)|web[\\/]areas[\\/]visits[\\/](visits-data|visits-i18n|visit-draft|shared|session|list|briefing|form|pages)\.|worker[\\/]domain[\\/](scoring|audits|checklists|paths)/,
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
