/**
 * The shopper's side of review at 390×844, with the demo data (shopper@demo.test has one report
 * returned with a question and one rejected): the returned report comes first with its question,
 * the answer is written OFFLINE and waits on the phone (through a reload), goes when the network
 * is back (one POST under one client id), and the report then waits for review again; the
 * rejected report shows its reason; the same in Chinese.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, useEnglish } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

test("a returned report is answered offline and goes back to review; a rejected one says why", async ({
  page,
  context,
}) => {
  await signIn(page, "shopper@demo.test");
  await useEnglish(page);
  await page.goto("/visits");

  // Returned first, clearly marked, with the reviewer's question tied to its item.
  const returned = page.getByRole("region", { name: "Returned to you" });
  await expect(page.locator(".visit-group").first()).toHaveAttribute("aria-labelledby", "visits-returned");
  const card = returned.locator(".returned-card").first();
  await expect(card).toContainText("Returned to you");
  await expect(card).toContainText("Your comment here is short: what exactly did the staff member say?");
  await expect(card.locator(".returned-question__item")).toContainText(/^About: /);
  const href = (await card.locator(".visit-card__link").getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/visits\//);

  // The rejected report says why (among the finished visits: other specs may have sent newer ones
  // as this shopper, so it may be behind "Show earlier visits").
  const rejected = page.getByText(
    "Rejected: The visit times overlap another report of yours at a different branch; please contact us.",
  );
  await reveal(page, rejected);
  await expect(rejected).toBeVisible();

  // Offline: the answer is kept on the phone and shown as pending, also after a reload.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/api\/v1\/audits\/[^/]+\/replies$/.test(r.url())) posts.push(r.postData() ?? "");
  });
  // From when the service worker controls the page, the app opens offline.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  const answer = "She said: “we can order your size from the Chaoyang store by Friday.”";
  await card.getByLabel("Your answer").fill(answer);
  await card.getByRole("button", { name: "Send answers" }).click();
  await expect(card).toContainText("Answers kept on this phone, sent when there's a connection");
  await expect(card).toContainText(`Your answer: ${answer}`);
  await expect(card.getByRole("button", { name: "Send answers" })).toHaveCount(0);

  await page.reload();
  const again = page.getByRole("region", { name: "Returned to you" }).locator(".returned-card").first();
  await expect(again).toContainText("Answers kept on this phone, sent when there's a connection");
  await expect(again).toContainText(`Your answer: ${answer}`);

  // Online again: sent at once, and the report waits for review again.
  const sent = page.waitForResponse((r) => r.request().method() === "POST" && /\/replies$/.test(r.url()));
  await context.setOffline(false);
  expect((await sent).status()).toBe(200);
  const after = page.locator(".visit-card", { has: page.locator(`a[href="${href}"]`) });
  await expect(page.getByRole("region", { name: "Returned to you" })).toHaveCount(0);
  await reveal(page, after);
  await expect(after).toContainText("Waiting for review");
  await expect(page.getByRole("region", { name: "Returned to you" })).toHaveCount(0);
  // Every try carried the same client id and content.
  const bodies = posts.map((p) => JSON.parse(p) as { clientId: string; replies: Array<{ text: string }> });
  expect(new Set(bodies.map((b) => b.clientId)).size).toBe(1);
  expect(bodies[0]?.replies[0]?.text).toBe(answer);

  // The whole list changes language at once.
  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(after).toContainText("等待审核");
  const rejectedZh = page.getByText(
    "已拒绝：The visit times overlap another report of yours at a different branch; please contact us.",
  );
  await reveal(page, rejectedZh);
  await expect(rejectedZh).toBeVisible();
  await useEnglish(page);
});

/**
 * Opens earlier finished visits until `target` shows: other specs may have sent newer visits as
 * the same demo shopper, pushing an older report off the list's first page.
 */
async function reveal(page: Page, target: Locator): Promise<void> {
  const earlier = page.getByRole("button", { name: /^(Show earlier visits|显示更早的访问)$/ });
  for (let i = 0; i < 10 && !(await target.isVisible()); i++) {
    if (!(await earlier.isVisible())) {
      await page.waitForTimeout(300);
      continue;
    }
    await earlier.click();
    await page.waitForTimeout(300);
  }
}
