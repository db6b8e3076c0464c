/**
 * The shopper's first download (bench/bundle-size.ts) stays within the figure issue 19 brought
 * it to (REACHED_KB, on the way to the 45 KB budget, BUDGET_KB) in both languages, measured on the
 * build the e2e server has just made, and holds nothing that only
 * office pages use (solid-js/store: their forms' state; the router merely re-exports it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { BUDGET_KB, type BundleReport, benchBundleSize } from "../../bench/bundle-size";
import { signIn } from "./helpers";

/**
 * What issue 19 brought the first download to (60 KB before; 50.4 en, 50.8 zh after the diet, the
 * boot hints, the office icons and role names out, the form's per-item outcomes and the shell opening
 * from the kept /me; then English 45.5, Chinese 45.8 KB with the report's check, the outbox's engine,
 * the service worker's registration and the photo field lazy, shorter preload lists, the boot script
 * inline and minified, office-only CSS, states, formats, enums, core strings and the office's
 * navigation out, and seven-character file hashes): a byte more fails. Lower it as bytes leave, down to BUDGET_KB, which
 * replaces it then.
 */
const REACHED_KB = Math.max(BUDGET_KB, 45.8);

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
  test(`the shopper's first download stays within ${REACHED_KB} KB (${language})`, async () => {
    const report = await measure(language);
    expect(report.totalGzip, report.parts.map((p) => `${p.file} ${p.gzip}`).join("\n")).toBeLessThanOrEqual(
      REACHED_KB * 1024,
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

test("the shopper's first download holds no attribute spreading (the router's <A>; links are components/link.tsx)", async () => {
  const report = await measure("en");
  // Solid's spread keeps its table of DOM properties (`allowfullscreen`, `formnovalidate`, …).
  const withSpread = report.parts
    .filter((p) => p.file.endsWith(".js"))
    .filter((p) => readFileSync(join("dist/client", p.file), "utf8").includes("formnovalidate"))
    .map((p) => p.file);
  expect(withSpread).toEqual([]);
});

test("the office's icons are not in the shopper's first download, yet every office tab shows its icon", async ({
  page,
}) => {
  const report = await measure("en");
  // The Regions icon's outline (components/office-icons.ts).
  const withOffice = report.parts
    .filter((p) => p.file.endsWith(".js"))
    .filter((p) => readFileSync(join("dist/client", p.file), "utf8").includes("M9 4 3 6.5v13.5"))
    .map((p) => p.file);
  expect(withOffice).toEqual([]);

  await signIn(page, "admin@demo.test");
  const links = page.locator(".nav__link");
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) await expect(links.nth(i).locator("svg.icon > *").first()).toBeAttached();
});

test("the roles' names are not in the shopper's first download, yet office pages name roles in both languages", async ({
  page,
}) => {
  for (const language of ["en", "zh"] as const) {
    const report = await measure(language);
    const withRoles = report.parts
      .filter((p) => p.file.endsWith(".js"))
      .filter((p) => /Regional manager|区域经理/.test(readFileSync(join("dist/client", p.file), "utf8")))
      .map((p) => p.file);
    expect(withRoles).toEqual([]);
  }

  await signIn(page, "admin@demo.test");
  await page.goto("/users");
  // The filter's options and each user's badge.
  const badges = page.locator("main .badge");
  await expect(badges.filter({ hasText: /^(Mystery shopper|神秘顾客)$/ }).first()).toBeVisible();
  await expect(badges.filter({ hasText: /^(Administrator|管理员)$/ }).first()).toBeVisible();
  await expect(page.getByRole("option", { name: /^(Regional manager|区域经理)$/ })).toBeAttached();
});

test("the report's check (the server's scoring and submission rules) is not in the shopper's first download", async () => {
  for (const language of ["en", "zh"] as const) {
    const report = await measure(language);
    // Words of checkSubmission and checkAnswers (worker/domain/audits.ts, scoring.ts): the form scores
    // items one by one (item-outcome.ts); the whole check follows in its own chunk (visits/report-check.ts).
    const withCheck = report.parts
      .filter((p) => p.file.endsWith(".js"))
      .filter((p) =>
        /this item needs a comment when it fails|Photos are attached as evidence/.test(
          readFileSync(join("dist/client", p.file), "utf8"),
        ),
      )
      .map((p) => p.file);
    expect(withCheck).toEqual([]);
  }
});

test("the outbox's engine is not in the shopper's first download (its pages read the queue: lib/outbox-queue.ts)", async () => {
  const report = await measure("en");
  // The runner's network probe (lib/outbox-runner.ts), a chunk the shell starts and a submit runs.
  const withEngine = report.parts
    .filter((p) => p.file.endsWith(".js"))
    .filter((p) => readFileSync(join("dist/client", p.file), "utf8").includes("/api/v1/health"))
    .map((p) => p.file);
  expect(withEngine).toEqual([]);
});

test("the shopper's first download holds no camera photo field (its chunk and CSS follow the form's first paint)", async () => {
  const report = await measure("en");
  // The field's file input (`capture="environment"`) and its styles (`.audit-photos`).
  const withPhotos = report.parts
    .filter((p) => readFileSync(join("dist/client", p.file), "utf8").match(/capture=.?environment|\.audit-photos/))
    .map((p) => p.file);
  expect(withPhotos).toEqual([]);
});
