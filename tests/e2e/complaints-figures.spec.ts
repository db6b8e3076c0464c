import { expect, test } from "./fixtures";
import { apiResponse, signIn, useEnglish } from "./helpers";

// Head office reads the figures at a desk.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test.afterEach(async ({ page }) => {
  // Leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

test("head office reads the complaint figures, sorts them, and compares sections with the audits", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);

  const figures = apiResponse(page, "GET", "/api/v1/complaints/figures");
  await page.goto("/complaints/figures");
  expect((await figures).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Complaints and audits" })).toBeVisible();

  // The demo's weakest store (HF-001) and the declining GZ-002 have the most complaints.
  const table = page.getByTestId("complaint-figures");
  await expect(table.getByRole("columnheader", { name: /Satisfaction/ })).toBeVisible();
  const firstCodes = await table
    .locator("tbody tr th .code")
    .evaluateAll((els) => els.slice(0, 4).map((e) => e.textContent));
  expect(firstCodes).toEqual(expect.arrayContaining(["GZ-002"]));
  // Every demo branch with complaints (other specs may add a branch or a complaint beside them).
  await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThanOrEqual(24);
  await expect(table.locator("tfoot")).toContainText("All shown");
  // Satisfaction shows its interval; a footfall branch its rate per 1,000 visits, a call centre per audit.
  await expect(table.getByText(/95 % interval/).first()).toBeVisible();
  await expect(table.getByText(/per 1,000 visits/).first()).toBeVisible();
  await expect(table.getByText(/per audit/).first()).toBeVisible();

  // Sorting by name puts the codes in alphabetical order of names; again reverses it.
  await table.getByRole("button", { name: "Name" }).click();
  await expect(table.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  const names = await table.locator("tbody tr th").allInnerTexts();
  expect(names[0]).toMatch(/Beijing|Fuzhou|Guangzhou/);

  // By region: three rows.
  await page.locator('select[name="groupBy"]').selectOption("region");
  await expect(table.locator("tbody tr")).toHaveCount(3);

  // Export without contact details, and (admins) with them.
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    /\/api\/v1\/complaints\/export\.csv\?from=\d{4}-\d{2}-01&to=/,
  );
  await expect(page.getByRole("link", { name: "Export with contact details" })).toHaveAttribute("href", /contact=true/);

  // The comparison: branches × sections, the legend, and the disagreements highlighted.
  const bySection = apiResponse(page, "GET", "/api/v1/complaints/by-section");
  await page.getByRole("link", { name: "Compared with audits" }).click();
  expect((await bySection).status()).toBe(200);
  const grid = page.getByTestId("complaint-comparison");
  await expect(grid.getByRole("columnheader", { name: "Returns and exchanges" })).toBeVisible();
  await expect(page.getByTestId("comparison-legend")).toContainText("Audits pass, customers complain");
  await expect(grid.locator("[data-disagreement]").first()).toBeVisible();
  // BJ-002 explains no return policy: its customers complain under that section.
  const zhongguancun = grid.getByRole("row", { name: /BJ-002/ });
  await expect(zhongguancun).toBeVisible();

  // The whole page switches language at once.
  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "投诉与稽核" })).toBeVisible();
  await expect(page.getByTestId("comparison-legend")).toContainText("稽核合格，顾客却在投诉");
});
