/**
 * Quality flags on the review screens (docs/QUALITY.md): a report sent with a form filled in 12
 * seconds arrives flagged `too_fast`; the reviewer filters the queue by that flag, sees the chip
 * on the row, opens the report and reads the flag's sentence with its numbers, in English and
 * in Chinese.
 */
import { expect, test } from "./fixtures";
import { reportArrives, signIn, useEnglish } from "./helpers";

test("a reviewer filters the queue by a flag and reads its sentence", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { id } = await reportArrives(browser, {
    scenario: "Ask about a phone upgrade.",
    staffDescription: "Tall, green apron.",
    overallComment: "Quick visit.",
    formSeconds: 12,
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "reviewer@demo.test");
  await useEnglish(page);
  await page.goto("/review");
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  await page.getByLabel("Flag", { exact: true }).selectOption({ label: "Too fast" });
  await page.getByLabel("Order", { exact: true }).selectOption({ label: "Most flags first" });
  await expect(page).toHaveURL(/flag=too_fast/);
  const row = page.locator(`.queue-row[data-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('.flag-chip[data-flag="too_fast"]')).toHaveText("Too fast");
  // Every row the filter leaves has the flag.
  const rows = page.locator(".queue-row");
  for (let i = 0; i < (await rows.count()); i++) {
    await expect(rows.nth(i).locator('.flag-chip[data-flag="too_fast"]')).toBeVisible();
  }
  await page.screenshot({ path: "test-results/flags-queue-desktop.png", fullPage: true });

  await row.getByRole("link").first().click();
  const flags = page.getByRole("list", { name: "Flags of this report" });
  await expect(flags.locator('[data-flag="too_fast"]')).toContainText(
    /The form was filled in 12 s; its scored items need at least \d+ s\./,
  );
  await expect(flags.locator('[data-flag="straight_lining"]')).toContainText(/scored items got the top mark/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/flags-review-phone.png", fullPage: true });

  // The language switch changes the sentences with the rest of the screen.
  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  const zh = page.getByRole("list", { name: "此报告的标记" });
  await expect(zh.locator('[data-flag="too_fast"]')).toContainText(/表单仅用 12 秒填完/);
  await expect(page.getByRole("heading", { name: "质量标记" })).toBeVisible();
  // The reviewer's saved language back as it was.
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(flags.locator('[data-flag="too_fast"]')).toContainText("The form was filled in 12 s");
});

test("an admin changes a flag threshold on the settings page and puts the default back", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);
  await page.goto("/settings");
  const far = page.getByLabel("Far from the branch beyond (metres)");
  await expect(far).toHaveValue("500");
  await expect(page.locator("#threshold-farFromBranchMeters-hint")).toHaveText("Default: 500");
  const save = async () => {
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PATCH" && r.url().endsWith("/api/v1/organization"),
    );
    await page.getByRole("button", { name: "Save", exact: true }).click();
    expect((await saved).status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  };
  await far.fill("800");
  await save();
  await page.reload();
  await expect(far).toHaveValue("800");
  const settings = await (await page.request.get("/api/v1/organization")).json();
  expect(settings.flagThresholds.farFromBranchMeters).toBe(800);
  // Empty: the default again.
  await far.fill("");
  await save();
  await page.reload();
  await expect(far).toHaveValue("500");
  await page.screenshot({ path: "test-results/flags-settings-phone.png", fullPage: true });
});
