/**
 * The bell and the notification centre on a phone (390×844), with the demo data: a report for
 * Wangfujing (BJ-001) arrives and a reviewer publishes it (API); the branch manager's bell shows
 * an unread count, the centre lists the publication in words linking to the report, in English
 * and in Chinese (the language switch changes it at once); mark read and mark all read clear the
 * count. Nothing in the centre names the shopper.
 */
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, publishReport, reportArrives, signIn, useEnglish } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

/** A report for BJ-001 arrives and the reviewer publishes it; returns its id. */
async function publishedReport(browser: Browser): Promise<string> {
  const arrived = await reportArrives(browser, {
    scenario: "Ask about gift wrapping.",
    staffDescription: "Short hair, red scarf.",
    overallComment: "Helpful.",
  });
  return publishReport(browser, arrived);
}

test("the bell counts a publication for my branch and the centre lists it, in English and Chinese", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "manager@demo.test");
  await useEnglish(page);
  // Start from nothing unread, so the count below is this publication's.
  const cleared = await page.request.post(`${BASE_URL}/api/v1/notifications/read`, { data: { all: true } });
  expect(cleared.status()).toBe(200);

  const id = await publishedReport(browser);
  await page.goto("/");
  const bell = page.getByRole("link", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await expect(bell.locator(".bell__count")).toHaveText("1");

  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const item = page.locator(".notice").first();
  await expect(item).toHaveClass(/notice--unread/);
  // At 390 px nothing squeezes the title ("Notification / s") or the sentence beside its button.
  const title = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(title?.height ?? 0).toBeLessThan(45);
  const sentence = await item.locator(".notice__text").boundingBox();
  expect(sentence?.width ?? 0).toBeGreaterThan(250);
  const link = item.getByRole("link", { name: /^A new report was published for Beijing Wangfujing: score / });
  await expect(link).toHaveAttribute("href", `/reports/${id}`);
  const text = (await page.locator(".main").textContent()) ?? "";
  for (const hidden of ["Sam Shopper", "shopper@demo.test"]) expect(text).not.toContain(hidden);

  // The whole screen follows the language at once.
  await page.locator(".profile__button").click();
  const saved = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "中文", exact: true }).click();
  expect((await saved).status()).toBe(200);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
  await expect(item.getByRole("link", { name: /^北京王府井店有一份新报告已发布，得分 / })).toBeVisible();
  await expect(page.getByRole("link", { name: "通知，1 条未读" })).toBeVisible();
  await expect(page.getByRole("button", { name: "全部标为已读" })).toBeVisible();

  // Marking it read clears the count; "mark all" then has nothing left to do.
  const read = apiResponse(page, "POST", "/api/v1/notifications/read");
  await item.getByRole("button", { name: "标为已读" }).click();
  expect((await read).status()).toBe(200);
  await expect(page.getByRole("link", { name: "通知，没有未读" })).toBeVisible();
  await expect(item).not.toHaveClass(/notice--unread/);
  await expect(page.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);
  await expect(page.getByText("全部已读。")).toBeVisible();

  // Back to English for the specs that follow (the manager's saved language).
  await useEnglish(page);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();

  // Opening the notification leads to the report.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/reports/${id}$`));
});

test("a shopper's decided dispute opens their sent report with its outcome", async ({ page }) => {
  // The demo: a report of shopper2's at Zhongguancun (BJ-002) was voided on dispute.
  await signIn(page, "shopper2@demo.test");
  await useEnglish(page);
  await page.goto("/notifications");
  const link = page.getByRole("link", { name: /^The dispute about a report for .* has been decided\.$/ }).first();
  await link.click();
  // Not the disputes pages (shoppers may not read them) but their own report, with the outcome.
  await expect(page).toHaveURL(/\/visits\/[^/]+\/report$/);
  await expect(page.getByText("Not available")).toHaveCount(0);
  await expect(page.getByTestId("dispute-card")).toBeVisible();
});

test("an automatic action's notices (no title) read as whole sentences", async ({ page }) => {
  await signIn(page, "regional@demo.test");
  await useEnglish(page);
  // An action opened automatically for a critical failure has an empty title (the web shows its
  // item's label); the scheduled job's notices carry that empty title.
  const branch = { id: "demo-branch-bj-001", code: "BJ-001", name: { en: "Beijing Wangfujing", zh: "北京王府井店" } };
  const notice = (id: string, kind: string, extra: Record<string, unknown>) => ({
    id,
    kind,
    subject: { type: "action", id: "an-automatic-action" },
    payload: { branchId: branch.id, branch, title: "", ...extra },
    createdAt: new Date().toISOString(),
    readAt: new Date().toISOString(),
  });
  await page.route(/\/api\/v1\/notifications(\?|$)/, (route) =>
    route.request().method() === "GET"
      ? route.fulfill({
          json: {
            items: [
              notice("n1", "action_overdue", { dueDate: "2026-12-01", level: 1 }),
              notice("n2", "action_due", { dueDate: "2026-12-01" }),
              notice("n3", "action_returned", { reason: "Not yet." }),
            ],
            unread: 0,
            nextCursor: null,
          },
        })
      : route.continue(),
  );
  await page.goto("/notifications");
  const texts = page.locator(".notice__text");
  await expect(texts).toHaveText([
    "A corrective action at Beijing Wangfujing is overdue (due 1 Dec 2026).",
    "A corrective action at Beijing Wangfujing is due today.",
    "A corrective action at Beijing Wangfujing was returned.",
  ]);
  for (const text of await texts.allInnerTexts()) expect(text).not.toMatch(/: \(|:\s*$/);
});
