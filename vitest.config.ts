import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Unit and API tests run inside the Workers runtime (workerd) against a D1 database
 * migrated with the same drizzle-kit migrations production uses.
 */
const migrations = await readD1Migrations(fileURLToPath(new URL("./schema/migrations", import.meta.url)));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
    }),
  ],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/api/**/*.test.ts"],
    setupFiles: ["./tests/api/setup.ts"],
    // One worker and one database for many files: much faster start-up. The API tests are
    // written for shared storage (unique codes and emails, no global counts).
    isolate: false,
  },
});
