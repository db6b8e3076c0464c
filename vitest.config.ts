import { generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Unit and API tests run inside the Workers runtime (workerd) against a D1 database
 * migrated with the same drizzle-kit migrations production uses.
 */
const migrations = await readD1Migrations(fileURLToPath(new URL("./schema/migrations", import.meta.url)));

/** A fresh receipt-signing key per run (production's is a secret; see worker/lib/receipts.ts). */
const receiptKey = JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: { TEST_MIGRATIONS: migrations, RECEIPT_SIGNING_KEY: receiptKey } },
    }),
  ],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/api/**/*.test.ts"],
    setupFiles: ["./tests/api/setup.ts"],
    // Each file gets its own workerd storage (a fresh, migrated D1), so no file can see another's
    // rows. Costs ~1 s of start-up per file; files also make their own organisation
    // (tests/api/factory.ts), so they would stay independent even with shared storage.
    isolate: true,
    // Generous limits: the API files walk every route or fail every statement of a write (the
    // route × role matrix, hostile bodies, fault injection) and share two cores with workerd; a
    // timeout says "slow machine", not "wrong answer". Speed is measured in bench/, not here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
