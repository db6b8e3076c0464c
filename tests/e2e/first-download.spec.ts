/**
 * The shopper's first download (bench/bundle-size.ts) fits its 60 KB gzip budget in both
 * languages, measured on the build the e2e server has just made, and holds nothing that only
 * office pages use (solid-js/store: their forms' state; the router merely re-exports it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { type BundleReport, benchBundleSize } from "../../bench/bundle-size";

/** The report without its printed table (the test output stays readable). */
async function measure(language: "en" | "zh"): Promise<BundleReport> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await benchBundleSize("dist/client", language);
  } finally {
    console.log = log;
  }
}

for (const language of ["en", "zh"] as const) {
  test(`the shopper's first download fits its budget (${language})`, async () => {
    const report = await measure(language);
    expect(report.totalGzip, report.parts.map((p) => `${p.file} ${p.gzip}`).join("\n")).toBeLessThanOrEqual(
      report.budgetGzip,
    );
  });
}

test("the shopper's first download holds no solid-js/store", async () => {
  const report = await measure("en");
  const withStore = report.parts
    .filter((p) => p.file.endsWith(".js"))
    .filter((p) => readFileSync(join("dist/client", p.file), "utf8").includes("store-raw"))
    .map((p) => p.file);
  expect(withStore).toEqual([]);
});
