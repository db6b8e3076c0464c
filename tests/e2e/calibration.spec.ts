import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, localeKeeper, signIn, unique, useEnglish } from "./helpers";

/** Each page's saved language as it was before the test, put back after it (the demo accounts are shared). */
const { keepLocale, restoreLocales } = localeKeeper();

/** The raters' phones, closed once their languages are put back. */
const phones: BrowserContext[] = [];

/**
 * A calibration this test left open (it failed half-way): closed after it, because an open
 * calibration puts "Calibration" in its raters' navigation, which other specs read.
 */
const leftOpen: Array<() => Promise<unknown>> = [];

test.afterEach(async () => {
  for (const close of leftOpen.splice(0)) await close();
  await restoreLocales();
  for (const phone of phones.splice(0)) await phone.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A phone of its own signed in as `email`, in English, its saved language put back after the test. */
async function phoneOf(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  phones.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await keepLocale(page);
  await useEnglish(page);
  return page;
}

/** Answers every question of the rater's sheet: the first choice of each, or "No" from `disagreeFrom` on. */
async function answerAll(page: Page, disagreeFrom: number): Promise<void> {
  const questions = page.locator(".calibration-items .audit-question");
  const count = await questions.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    if ((await q.getByRole("button", { name: "Yes" }).count()) > 0) {
      await q.getByRole("button", { name: i >= disagreeFrom && i % 2 === 0 ? "No" : "Yes" }).click();
    } else if ((await q.getByRole("radio").count()) > 0) {
      await q.locator("label").first().click();
    } else if ((await q.locator("input[type=number]").count()) > 0) {
      await q.locator("input[type=number]").fill(String(2 + (i % 3)));
    }
  }
}

test("a calibration with three raters, from invitation to results", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@demo.test");
  await keepLocale(page);
  await useEnglish(page);

  // From the navigation: Calibration, then a new one on a published report.
  await page.getByRole("navigation").getByRole("link", { name: "Calibration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calibration" })).toBeVisible();
  await page.getByRole("link", { name: "New calibration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New calibration" })).toBeVisible();
  const title = `Greeting calibration ${unique()}`;
  await page.getByLabel("Title").fill(title);
  const report = page.getByLabel("Report", { exact: true });
  await expect(report.locator("option").nth(1)).toBeAttached();
  const auditId = await report.locator("option").nth(1).getAttribute("value");
  await report.selectOption(auditId ?? "");
  // The report's own shopper may not rate it: invite two others and the reviewer.
  const audit = (await (await page.request.get(`/api/v1/audits/${auditId}`)).json()) as { shopperId?: string | null };
  const shoppers: Array<{ id: string; email: string }> = (
    await (await page.request.get("/api/v1/users?role=shopper&status=active")).json()
  ).items;
  const raters = shoppers
    // Not shopper@ (other specs read its navigation) nor shopper5@ (the language spec reads its saved language).
    .filter((s) => s.id !== audit.shopperId && /^shopper[2346]@demo\.test$/.test(s.email))
    .slice(0, 2)
    .map((s) => s.email);
  expect(raters).toHaveLength(2);
  for (const email of [...raters, "reviewer@demo.test"]) {
    await page.getByRole("checkbox", { name: new RegExp(email.replace(".", "\\.")) }).check();
  }
  const created = apiResponse(page, "POST", "/api/v1/calibrations");
  await page.getByRole("button", { name: "Create calibration" }).click();
  expect((await created).status()).toBe(201);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  leftOpen.push(async () => {
    const read = await page.request.get(`/api/v1/calibrations/${id}`);
    const body = (await read.json()) as { status?: string; version?: number };
    if (body.status === "open") {
      await page.request.post(`/api/v1/calibrations/${id}/close`, { data: { version: body.version } });
    }
  });
  await expect(page.getByText("Not submitted yet")).toHaveCount(3);

  // Each rater scores it blind on their phone, through their own session.
  const raterEmails = [...raters, "reviewer@demo.test"];
  for (const [index, email] of raterEmails.entries()) {
    const rater = await phoneOf(browser, email);
    const nav = rater.getByRole("navigation").getByRole("link", { name: "Calibration" });
    await nav.click();
    await rater.getByRole("link", { name: new RegExp(title) }).click();
    await expect(rater.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(rater.getByText(/Blind: nobody else sees your answers/)).toBeVisible();
    // Blind: another rater's answers do not exist for them.
    const other = raterEmails.find((e) => e !== email);
    const otherId = shoppers.find((s) => s.email === other)?.id ?? "unknown";
    expect((await rater.request.get(`/api/v1/calibrations/${id}/ratings/${otherId}`)).status()).toBe(404);
    await answerAll(rater, index);
    if (index === 0) {
      const saved = apiResponse(rater, "PUT", `/api/v1/calibrations/${id}/ratings`);
      await rater.getByRole("button", { name: "Save", exact: true }).click();
      expect((await saved).status()).toBe(200);
      await expect(rater.getByText("Saved.")).toBeVisible();
      await rater.screenshot({ path: "test-results/calibration-rater-phone.png", fullPage: false });
    }
    const submitted = apiResponse(rater, "PUT", `/api/v1/calibrations/${id}/ratings`);
    await rater.getByRole("button", { name: "Submit", exact: true }).click();
    expect((await submitted).status()).toBe(200);
    await expect(rater.getByText("Submitted. Your answers are final.").first()).toBeVisible();
  }

  // The admin sees three submitted, closes, and reads the results.
  await page.reload();
  await expect(page.getByText(/^Submitted /)).toHaveCount(3);
  await page.getByRole("button", { name: "Close calibration" }).click();
  const closed = apiResponse(page, "POST", `/api/v1/calibrations/${id}/close`);
  await page.getByRole("dialog").getByRole("button", { name: "Close calibration" }).click();
  expect((await closed).status()).toBe(200);
  await page.getByRole("link", { name: "Results" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Agreement (Krippendorff's alpha)" })).toBeVisible();
  await expect(page.getByText(/not reliable|tentative|reliable|cannot tell/).first()).toBeVisible();
  await expect(page.getByText("3 of 3 raters submitted")).toBeVisible();
  const grid = page.getByRole("table");
  await expect(grid.getByRole("columnheader")).toHaveCount(4);
  await page.screenshot({ path: "test-results/calibration-results-desktop.png", fullPage: true });

  // A rater sees the results with the others as numbers, themselves as "You".
  const first = await phoneOf(browser, raters[0] ?? "");
  await first.goto(`/calibrations/${id}/results`);
  await expect(first.getByRole("columnheader", { name: "You" })).toBeVisible();
  await expect(first.getByRole("columnheader", { name: /^Rater \d/ })).toHaveCount(2);
  await first.screenshot({ path: "test-results/calibration-results-phone.png", fullPage: true });
});
