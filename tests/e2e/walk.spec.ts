/**
 * What a user tripped over walking through issues 15 and 16 (rounds, job board, payouts,
 * reliability, flags) in both languages, one test per fix.
 */
import { expect, test } from "@playwright/test";
import { apiAs, BASE_URL, openAs, unique, useEnglish } from "./helpers";

test("a board round's tables count its visits as on the job board, not unstaffed", async ({ browser }) => {
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const checklists = (await (await admin.request.get(`${BASE_URL}/api/v1/checklists`)).json()) as {
    items: Array<{ id: string; channel: string; status: string; latestPublishedVersionId: string | null }>;
  };
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  let roundId = "";
  for (const checklist of checklists.items.filter((c) => c.channel === "store" && c.latestPublishedVersionId)) {
    const round = await admin.request.post(`${BASE_URL}/api/v1/rounds`, {
      data: {
        id: crypto.randomUUID(),
        name: `Walk board ${unique()}`,
        checklistId: checklist.id,
        period: { from: day(60), to: day(66) },
        target: { kind: "branches", branchIds: ["demo-branch-bj-001"] },
        visitsPerBranch: 1,
        minGapDays: 0,
        windowDays: 3,
        strata: [{ key: "any", share: 100, days: "any" }],
        scenarios: [{ en: "Ask about gift cards", zh: "咨询礼品卡" }],
        blackoutDates: [],
        feeCents: 8000,
        reimbursementCapCents: 0,
        staffing: "board",
      },
    });
    if (round.status() === 201) {
      roundId = ((await round.json()) as { round: { id: string } }).round.id;
      break;
    }
  }
  expect(roundId).not.toBe("");
  await admin.close();

  const page = await openAs(browser, "admin@demo.test", { viewport: { width: 390, height: 844 } });
  await page.goto(`/rounds/${roundId}`);
  const byRegion = page.locator("table", { has: page.locator("caption", { hasText: "By region" }) });
  await expect(byRegion.locator("thead th").last()).toHaveText("On the job board");
  await expect(page.getByRole("columnheader", { name: "Unstaffed" })).toHaveCount(0);
});

test("a payout notice follows the language switch", async ({ browser }) => {
  const page = await openAs(browser, "admin@demo.test", { viewport: { width: 390, height: 844 } });
  await page.goto("/payouts");
  await expect(page.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("button", { name: "Approve payout" }).click();
  await expect(page.getByRole("alert")).toHaveText("Choose at least one shopper.");

  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { level: 1, name: "付款" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText("请至少选择一位暗访员。");
  await useEnglish(page);
});

test("an expense form's error follows the language switch", async ({ browser }) => {
  const page = await openAs(browser, "shopper@demo.test", { viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto("/earnings");
  const card = page.locator(".earning-card", { has: page.getByRole("button", { name: "Add expense" }) }).first();
  await card.getByRole("button", { name: "Add expense" }).click();
  const form = page.locator(".expense-form");
  await form.getByLabel("Amount spent").fill("12,5");
  await form.getByRole("button", { name: "Send expense" }).click();
  await expect(form.getByRole("alert")).toHaveText("Enter the amount as a number, e.g. 38.50.");

  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.keyboard.press("Escape");
  await expect(form.getByRole("alert")).toHaveText(/^请/);
  await expect(form.getByRole("alert")).not.toContainText("Enter the amount");
  await useEnglish(page);
});

test("settings name a quality-flag threshold out of range on its own field, in numbers", async ({ browser }) => {
  const page = await openAs(browser, "admin@demo.test", { viewport: { width: 390, height: 844 } });
  await page.goto("/settings");
  const far = page.getByLabel("Far from the branch beyond (metres)");
  await expect(far).toBeVisible();
  await far.fill("-5");
  const saved = page.waitForResponse((r) => r.request().method() === "PUT" || r.request().method() === "PATCH");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  expect((await saved).status()).toBe(400);
  await expect(far).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a number from 50 to 50000.")).toBeVisible();
  await expect(page.getByText(/characters/)).toHaveCount(0);
});
