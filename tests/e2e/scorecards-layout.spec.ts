/**
 * How the scorecards read on a wide screen and on a phone: the page uses the screen, region
 * intervals are drawn on an axis zoomed to the data, heatmap columns by region are named,
 * the month still under way is marked, items come worst first with "failed" explained, and
 * the filter toggle is a 44 px touch target.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, useEnglish } from "./helpers";

/** The branch card's item pass rates in the order shown (the branch's own, not the organisation's). */
async function itemRates(page: Page): Promise<number[]> {
  const texts = await page
    .locator(".scorecard-item .scorecard-item__figures > span:first-child .figure__value")
    .allInnerTexts();
  return texts.map((t) => Number(t.replace(/[^\d.]/g, "")));
}

test.describe("at a desk (1440 × 900)", () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test("the dashboard uses the screen, zooms the interval axis, names regions and marks the partial month", async ({
    page,
  }) => {
    await signIn(page, "admin@demo.test");
    await useEnglish(page);
    await page.goto("/scorecards?view=regions");
    await expect(page.getByRole("heading", { name: "Regions side by side" })).toBeVisible();

    // Content wider than the old 816 px cap (1440 less the 240 px side bar and padding).
    const width = await page.locator(".main").evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1100);

    // The axis is not 0–100 and says so; an interval of a few points is a visible bar.
    const hint = page.getByText(/Bars show the 95 % interval on a \d+–\d+ point scale/);
    await expect(hint).toBeVisible();
    await expect(hint).not.toContainText("on a 0–100");
    const bar = page.locator(".interval-bar__range").first();
    const barWidth = (await bar.boundingBox())?.width ?? 0;
    expect(barWidth).toBeGreaterThan(30);

    // The current month is part of the default period and is marked as not over yet.
    await expect(page.getByText(/is not over yet: its figures are the audits up to/)).toBeVisible();

    await page.goto("/scorecards?view=heatmap");
    const header = page.locator(".heatmap thead th");
    await expect(header.filter({ hasText: "East" })).toBeVisible();
    await expect(header.filter({ hasText: /^EAST$/ })).toHaveCount(0);

    await page.goto("/scorecards?view=trends");
    await expect(page.locator(".trend-chart__partial")).toContainText(/so far \(audits up to/);
  });

  test("a branch card lists items worst first and says what failed means", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    await useEnglish(page);
    const branches = (await (await page.request.get("/api/v1/branches")).json()) as {
      items: Array<{ id: string; code: string }>;
    };
    const wangfujing = branches.items.find((b) => b.code === "BJ-001");
    await page.goto(`/scorecards/branches/${wangfujing?.id}`);
    await expect(page.getByRole("heading", { name: "Period score" })).toBeVisible();
    const width = await page.locator(".main").evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1100);
    await expect(page.getByText(/“Failed” means the item failed in at least one audit/)).toBeVisible();
    const rates = await itemRates(page);
    expect(rates.length).toBeGreaterThan(3);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });
});

test("on a phone, the failed-items toggle is a 44 px target and the items stay worst first", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await useEnglish(page);
  await page.goto("/scorecards");
  await expect(page.getByRole("heading", { name: "Period score" })).toBeVisible();
  const toggle = page.locator("label", { has: page.getByLabel(/Only items failed at least once/) });
  const box = await toggle.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  const input = await page.getByLabel(/Only items failed at least once/).boundingBox();
  expect(input?.width ?? 0).toBeGreaterThanOrEqual(20);

  await page.getByLabel(/Only items failed at least once/).check();
  const rates = await itemRates(page);
  expect(rates).toEqual([...rates].sort((a, b) => a - b));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
