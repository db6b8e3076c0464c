/**
 * The branch manager's week: on a phone, open the scorecard, see the period score against the
 * organisation, narrow to the items that failed, open the audits where one failed, and read
 * the report (answers, comments, how it was scored) without ever learning who the shopper was.
 */
import { expect, test } from "./fixtures";
import { apiResponse, signIn, useEnglish } from "./helpers";

test("a branch manager drills from their scorecard into a failed item's report", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await useEnglish(page);

  // The home page may already hold this card (the router's query cache): wait on the page, not
  // on a request that may never be made.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scorecards" }).click();
  await expect(page).toHaveURL(/\/scorecards\/branches\/[^/?]+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("BJ-001");
  await expect(page.getByRole("heading", { name: "Period score" })).toBeVisible();
  await expect(page.getByText("Organisation average:")).toBeVisible();
  // The chart's numbers are there as a table too.
  await page.getByText("Show the numbers").click();
  await expect(page.getByRole("table").first()).toBeVisible();

  // Narrow to failed items: every row left says how often it failed.
  await page.getByLabel(/Only items failed at least once/).check();
  const failed = page.locator(".scorecard-item--failed");
  await expect(failed.first()).toBeVisible();
  expect(await page.locator(".scorecard-item:not(.scorecard-item--failed)").count()).toBe(0);

  const behind = apiResponse(page, "GET", /\/api\/v1\/scorecards\/audits/);
  await failed.first().getByRole("button", { name: "Audits where it failed" }).click();
  expect((await behind).status()).toBe(200);
  const firstAudit = failed.first().locator(".audit-links a").first();
  await expect(firstAudit).toBeVisible();

  const report = apiResponse(page, "GET", /\/api\/v1\/audits\/[^/]+$/);
  await firstAudit.click();
  const body = (await (await report).json()) as { shopperId: string | null; location: unknown };
  // A mystery visit stays a mystery: no shopper, no phone location.
  expect(body.shopperId).toBeNull();
  expect(body.location).toBeNull();
  await expect(page.getByRole("heading", { level: 1, name: "Audit report" })).toBeVisible();
  await expect(page.locator(".report-item").first()).toBeVisible();
  await expect(page.locator(".report-item .badge", { hasText: /^(Fail|Partial)$/ }).first()).toBeVisible();
  await expect(page.getByText(/Sam Shopper|Zhao Lei|Sun Mei|Zhou Tao|Wu Xia|Zheng Hao/)).toHaveCount(0);

  // The page fits a phone: nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the scorecard prints on one page", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await useEnglish(page);
  await page.goto("/scorecards");
  await expect(page.getByRole("heading", { name: "Period score" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  // Navigation, filters and buttons are gone in print; the numbers table is shown instead of the chart.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.locator(".trend-chart .print-only table")).toBeVisible();
  const pdf = await page.pdf({ width: "210mm", height: "297mm", printBackground: true });
  // One page: a PDF with a single page object.
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
});
