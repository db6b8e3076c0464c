import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/**
 * One Vite config builds both halves: the Solid app (client environment, into dist/client)
 * and the Worker (through the Cloudflare plugin). `vite dev` serves them on one origin.
 */
export default defineConfig({
  root: ".",
  publicDir: "web/public",
  plugins: [solid(), cloudflare()],
  build: {
    target: "es2022",
  },
  environments: {
    // dist/client/.vite/manifest.json: which chunks each route needs (bench/bundle-size.ts reads it).
    client: { build: { manifest: true } },
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
  },
});
