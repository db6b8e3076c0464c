import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { apiResponse, signIn, useEnglish } from "./helpers";

/** A YYYY-MM month `delta` months from this one (UTC, as the dashboard counts). */
function month(delta: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + delta, 1)).toISOString().slice(0, 7);
}

/** The last day of a YYYY-MM month. */
function lastDay(m: string): string {
  const [y, mm] = m.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
}

/** "October 2026", "2026年10月". */
function monthName(locale: string, m: string): string {
  return new Date(`${m}-01T00:00:00Z`).toLocaleDateString(locale, { year: "numeric", month: "long", timeZone: "UTC" });
}

// Head office reads the dashboard at a desk.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test.afterEach(async ({ page }) => {
  // Leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

test("admin ranks branches, opens a heatmap cell's audits and exports the audits", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);

  // The home page may already hold the league (the router's query cache): wait on the page, not
  // on a request that may never be made.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scorecards" }).click();
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

test("a custom range is two months in the app's language, and a bookmarked range with days still works", async ({
  page,
}) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);

  // A range bookmarked with days stands for its months.
  const bookmarked = `period=custom&from=${month(-4)}-10&to=${month(-2)}-02`;
  let league = apiResponse(page, "GET", /\/api\/v1\/scorecards\/league\?/);
  await page.goto(`/scorecards?${bookmarked}`);
  expect(new URL((await league).url()).search).toContain(`from=${month(-4)}-10&to=${month(-2)}-02`);
  // (A label around a list names it with its choice too: "From August 2026".)
  const from = page.getByRole("combobox", { name: /^From\b/ });
  const to = page.getByRole("combobox", { name: /^To\b/ });
  await expect(from).toHaveJSProperty("tagName", "SELECT");
  await expect(from).toHaveValue(month(-4));
  await expect(to).toHaveValue(month(-2));
  await expect(from.locator("option:checked")).toHaveText(monthName("en-GB", month(-4)));
  await expect(page.getByText(`Figures count whole months: ${monthName("en-GB", month(-4))} to`)).toBeVisible();
  // Five years up to this month; "To" offers no month before "From".
  await expect(from.locator("option")).toHaveCount(60);
  await expect(from.locator("option").first()).toHaveAttribute("value", month(0));
  await expect(to.locator("option").last()).toHaveAttribute("value", month(-4));

  // Picked and applied: the first day of the one month to the last day of the other.
  await from.selectOption(month(-6));
  await to.selectOption(month(-1));
  league = apiResponse(page, "GET", /\/api\/v1\/scorecards\/league\?/);
  await page.getByRole("button", { name: "Apply" }).click();
  expect(new URL((await league).url()).search).toContain(`from=${month(-6)}-01&to=${lastDay(month(-1))}`);
  await expect(page).toHaveURL(new RegExp(`from=${month(-6)}-01&to=${lastDay(month(-1))}`));
  await expect(to.locator("option").last()).toHaveAttribute("value", month(-6));

  // A language switch relabels the months at once, without a reload.
  await page.locator(".profile__button").click();
  const saved = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "中文", exact: true }).click();
  expect((await saved).status()).toBe(200);
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const start = page.getByRole("combobox", { name: /^开始/ });
  await expect(start.locator("option:checked")).toHaveText(monthName("zh-CN", month(-6)));
  await expect(start.locator("option:checked")).toHaveText(/^\d{4}年\d{1,2}月$/);
  const end = page.getByRole("combobox", { name: /^结束/ });
  await expect(end.locator("option:checked")).toHaveText(monthName("zh-CN", month(-1)));
  expect(await end.locator("option").allTextContents()).toContain(monthName("zh-CN", month(0)));
});
