/**
 * The demo data's review queue has reports with quality flags (issue 16): on `npm start` the
 * queue's flag filter finds a report sent too fast and one reusing another report's photo.
 */
import { expect, test } from "./fixtures";
import { signIn, useEnglish } from "./helpers";

test("the demo queue's flag filter finds a too-fast report and a reused photo", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "reviewer@demo.test");
  await useEnglish(page);
  for (const code of ["too_fast", "photo_reused"]) {
    await page.goto(`/review?flag=${code}`);
    await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
    const rows = page.locator(".queue-row");
    await expect(rows.first()).toBeVisible();
    await expect(rows.first().locator(`.flag-chip[data-flag="${code}"]`)).toBeVisible();
  }
  // The reused photo's report names the earlier report it came from, as a link.
  await page.locator(".queue-row").first().getByRole("link").first().click();
  await expect(page.locator('[data-flag="photo_reused"]').first()).toBeVisible();
});
