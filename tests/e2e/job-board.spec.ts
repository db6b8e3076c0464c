/**
 * A shopper claims a visit from the job board on their phone (issue 15): head office posts a
 * board round for a new branch, the shopper covering its region sees it on /jobs in their
 * language (Chinese, then English), claims it, and finds it in their visits.
 */
import { expect, test } from "@playwright/test";
import { apiAs, BASE_URL, coverRegion, day, openAs, postRound, unique } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SHOPPER = "shopper6@demo.test";
const SHOPPER_MEMBERSHIP = "demo-user-shopper-6-membership";
const REGION = "demo-region-south";

test("a shopper claims a visit from the job board", async ({ browser }) => {
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const code = `JB-${unique()}`;
  const branch = await admin.request.post(`${BASE_URL}/api/v1/branches`, {
    data: {
      code,
      nameEn: `Board store ${code}`,
      nameZh: `任务门店 ${code}`,
      regionId: REGION,
      channel: "store",
      address: "8 Pearl Road",
    },
  });
  expect(branch.status(), await branch.text()).toBe(201);
  const branchId = ((await branch.json()) as { id: string }).id;

  await coverRegion(admin.request, SHOPPER_MEMBERSHIP, REGION);
  await postRound(admin.request, {
    name: `Board ${code}`,
    branchId,
    period: { from: day(40), to: day(46) },
    windowDays: 3,
    scenario: { en: "Ask about a savings account", zh: "咨询储蓄账户" },
    feeCents: 8800,
    reimbursementCapCents: 3000,
    staffing: "board",
  });
  await admin.close();

  // openAs switches the shopper (who reads Chinese) to English.
  const phone = await openAs(browser, SHOPPER, PHONE);
  await phone.goto("/jobs");
  await expect(phone.getByRole("heading", { level: 1, name: "Job board" })).toBeVisible();
  const english = phone.locator(".job-card", { hasText: `Board store ${code}` });
  await expect(english).toBeVisible();
  await expect(english).toContainText("Ask about a savings account");
  await expect(english).toContainText("Fee CN¥88.00");
  await expect(english).toContainText("8 Pearl Road");

  // The language switch redraws the whole card: branch name and scenario too.
  await phone.locator(".profile__button").click();
  await phone.getByRole("button", { name: "中文", exact: true }).click();
  await expect(phone.locator("html")).toHaveAttribute("lang", "zh-CN");
  await phone.keyboard.press("Escape");
  await expect(phone.getByRole("heading", { level: 1, name: "任务广场" })).toBeVisible();
  const card = phone.locator(".job-card", { hasText: `任务门店 ${code}` });
  await expect(card).toContainText("咨询储蓄账户");
  await expect(card).not.toContainText("Ask about a savings account");
  await expect(card).toContainText("¥88.00");

  const claimed = phone.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/claim"));
  await card.getByRole("button", { name: "领取" }).click();
  expect((await claimed).status()).toBe(201);
  await expect(card.getByRole("status")).toContainText("领取成功");
  await card.getByRole("link", { name: "查看走访" }).click();
  await expect(phone).toHaveURL(/\/visits\/[0-9a-f-]{36}$/);
  await expect(phone.getByText(`任务门店 ${code}`).first()).toBeVisible();

  // Back on the board it is gone.
  await phone.goto("/jobs");
  await expect(phone.getByRole("heading", { level: 1, name: "任务广场" })).toBeVisible();
  await expect(phone.locator(".job-card", { hasText: code })).toHaveCount(0);
});

const DECLINER = "shopper6@demo.test";
const TAKER = "shopper2@demo.test";
const TAKER_MEMBERSHIP = "demo-user-shopper-2-membership";

test("a shopper declines a visit given by rule: it goes to another shopper's board, who claims and releases it", async ({
  browser,
}) => {
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const code = `JD-${unique()}`;
  // A region of its own: only the shoppers this test adds cover it.
  const region = await admin.request.post(`${BASE_URL}/api/v1/regions`, {
    data: { code, nameEn: `Region ${code}`, nameZh: `区域 ${code}` },
  });
  expect(region.status(), await region.text()).toBe(201);
  const regionId = ((await region.json()) as { id: string }).id;
  const branch = await admin.request.post(`${BASE_URL}/api/v1/branches`, {
    data: { code, nameEn: `Decline store ${code}`, nameZh: `拒绝门店 ${code}`, regionId, channel: "store" },
  });
  expect(branch.status(), await branch.text()).toBe(201);
  const branchId = ((await branch.json()) as { id: string }).id;
  await coverRegion(admin.request, SHOPPER_MEMBERSHIP, regionId);

  await postRound(admin.request, {
    name: `Rule ${code}`,
    branchId,
    period: { from: day(50), to: day(56) },
    windowDays: 3,
    scenario: { en: "Ask about a credit card", zh: "咨询信用卡" },
    feeCents: 6000,
    reimbursementCapCents: 0,
    staffing: "rule",
  });
  // The second shopper covers the region only now: the round gave the visit to the first.
  await coverRegion(admin.request, TAKER_MEMBERSHIP, regionId);
  await admin.close();

  // The visit list leads to /jobs, where the visit is among "Your visits".
  const phone = await openAs(browser, DECLINER, PHONE);
  await phone.goto("/visits");
  await phone.getByRole("link", { name: "Find more visits" }).click();
  await expect(phone).toHaveURL(/\/jobs$/);
  const mine = phone.locator(".my-visit", { hasText: `Decline store ${code}` });
  await expect(mine).toContainText("Ask about a credit card");
  await expect(mine.getByRole("button", { name: "Release" })).toHaveCount(0);
  await mine.getByRole("button", { name: "Accept" }).click();
  await expect(mine.getByText("Accepted")).toBeVisible();
  await expect(mine.getByRole("button", { name: "Accept" })).toHaveCount(0);

  await mine.getByRole("button", { name: "Decline" }).click();
  const dialog = phone.getByRole("dialog", { name: "Decline this visit?" });
  await expect(dialog).toContainText("counted as a decline");
  await dialog.getByLabel("Why? (optional)").fill("I am away that week.");
  const declined = phone.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/decline"));
  await dialog.getByRole("button", { name: "Decline the visit" }).click();
  expect((await declined).status()).toBe(200);
  await expect(mine.getByRole("status")).toContainText("Declined");
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "Job board" })).toBeVisible();
  await expect(phone.locator(".my-visit", { hasText: code })).toHaveCount(0);
  await expect(phone.locator(".job-card", { hasText: code })).toHaveCount(0);

  // Another shopper finds it on the board, claims it, and releases it again.
  const other = await openAs(browser, TAKER, PHONE);
  await other.goto("/jobs");
  const card = other.locator(".job-card", { hasText: `Decline store ${code}` });
  await card.getByRole("button", { name: "Claim" }).click();
  await expect(card.getByRole("status")).toContainText("It's yours");
  // The board is read again at once: the claimed visit is among "Your visits" without a reload.
  const held = other.locator(".my-visit", { hasText: `Decline store ${code}` });
  await expect(held).toBeVisible();
  const released = other.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/release"));
  await held.getByRole("button", { name: "Release" }).click();
  expect((await released).status()).toBe(200);
  await expect(held.getByRole("status")).toContainText("Released");
  // …and the released visit is back on the board section without a reload.
  await expect(
    other.locator(".job-card", { hasText: `Decline store ${code}` }).getByRole("button", { name: "Claim" }),
  ).toBeVisible();
  await other.reload();
  await expect(other.locator(".job-card", { hasText: `Decline store ${code}` })).toBeVisible();
  await expect(other.locator(".my-visit", { hasText: code })).toHaveCount(0);

  // Both read Chinese: their saved language back as it was.
  for (const page of [phone, other]) {
    const back = await page.request.patch(`${BASE_URL}/api/v1/me`, { data: { locale: "zh" } });
    expect(back.status()).toBe(200);
  }
});
