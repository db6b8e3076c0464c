import { defineConfig } from "drizzle-kit";

/** drizzle-kit writes flat SQL migrations that `wrangler d1 migrations apply` and the tests both read. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./schema/index.ts",
  out: "./schema/migrations",
});
