import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { apiResponse, signIn, useEnglish } from "./helpers";

// Head office reads the dashboard at a desk.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test.afterEach(async ({ page }) => {
  // Leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

test("admin ranks branches, opens a heatmap cell's audits and exports the audits", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);

  const league = apiResponse(page, "GET", "/api/v1/scorecards/league");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scorecards" }).click();
  expect((await league).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Scorecards" })).toBeVisible();

  // The league: ranked branches first, rank 1 on top; sorting by code follows the header.
  const table = page.getByRole("table", { name: "League table" });
  const firstRow = table.locator("tbody tr").first();
  await expect(firstRow.locator("td").first()).toHaveText("1");
  await expect(firstRow.getByRole("link")).toHaveAttribute("href", /^\/scorecards\/branches\//);
  const codeHeader = table.getByRole("columnheader", { name: /Code/ });
  await codeHeader.getByRole("button").click();
  await expect(codeHeader).toHaveAttribute("aria-sort", "ascending");
  await codeHeader.getByRole("button").click();
  await expect(codeHeader).toHaveAttribute("aria-sort", "descending");
  // Nothing makes the page itself scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // The heatmap by region: coloured cells, each a way into the audits behind it.
  const heatmap = apiResponse(page, "GET", "/api/v1/scorecards/heatmap");
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Heatmap" }).click();
  expect((await heatmap).status()).toBe(200);
  await expect(page).toHaveURL(/[?&]view=heatmap/);
  const cells = page.locator(".heatmap tbody td.heatmap__cell:not(.heatmap__org) a.heatmap__link");
  await expect(cells.first()).toBeVisible();
  const colours = await page
    .locator(".heatmap tbody td.heatmap__cell:not(.heatmap__org)")
    .evaluateAll((tds) => [...new Set(tds.map((td) => getComputedStyle(td).backgroundColor))]);
  expect(colours.length).toBeGreaterThan(1);
  await expect(cells.first()).toHaveAttribute("aria-label", /passed/);
  const behind = apiResponse(page, "GET", "/api/v1/scorecards/audits");
  await cells.first().click();
  expect((await behind).status()).toBe(200);
  await expect(page).toHaveURL(/\/scorecards\/audits\?.*itemKey=[^&]+/);
  await expect(page).toHaveURL(/[?&]outcome=fail/);
  await expect(page).toHaveURL(/[?&]regionId=/);
  // The audits behind the cell, under the item's question, each opening its report.
  await expect(page.getByRole("heading", { level: 1, name: "Audits behind this figure" })).toBeVisible();
  await expect(page.locator(".page-header").getByText(/\?$/)).toBeVisible();
  const reports = page.locator('main a[href^="/reports/"]');
  await expect(reports.or(page.getByText("No audits match.")).first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/scorecards\?.*view=heatmap/);

  // Export the audits: a CSV with a BOM, a header row and data.
  await expect(page.getByRole("heading", { level: 1, name: "Scorecards" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export audits CSV" }).click();
  const file = await (await download).path();
  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toMatch(/^audit_id,visit_started_at,/);
  expect(lines.length).toBeGreaterThan(1);
});

test("the dashboard's views switch in Chinese", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/scorecards?view=regions");
  await expect(page.locator("html")).toHaveAttribute("lang", /en|zh/);
  await page.getByRole("button", { name: /Account menu|账户菜单/ }).click();
  const saved = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "中文" }).click();
  expect((await saved).status()).toBe(200);
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "成绩单" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "区域对比" })).toBeVisible();
  await expect(page.getByRole("row", { name: /全公司/ })).toBeVisible();

  const trends = apiResponse(page, "GET", "/api/v1/scorecards/trends");
  await page.getByRole("navigation", { name: "视图" }).getByRole("link", { name: "趋势" }).click();
  expect((await trends).status()).toBe(200);
  await expect(page).toHaveURL(/[?&]view=trends/);
  await expect(page.getByRole("link", { name: "趋势" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("figcaption", { hasText: "每月得分" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "最薄弱的检查项" })).toBeVisible();
});
