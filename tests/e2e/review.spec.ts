/**
 * The reviewer's screens with the demo data: the queue (figures, rows, language switch), claiming
 * a waiting report, changing an answer with a reason (old → new, score before → after), the
 * impact preview, returning with a question; then a BJ-001 report (reopened by the admin through
 * the API) claimed, edited and published, and its branch manager reading the edit and its reason
 * in the history without any sign of the shopper.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiAs, BASE_URL, signIn, useEnglish } from "./helpers";

/** Changes one answer on the review screen (the first item with a yes/no answer) and saves it. */
async function editAnAnswer(page: Page, reason: string) {
  const edits = page.getByRole("button", { name: /^Edit the answer to/ });
  const count = await edits.count();
  for (let i = 0; i < count; i++) {
    await edits.nth(i).click();
    const form = page.locator("form.edit-answer");
    const radios = form.getByRole("radio");
    if ((await radios.count()) === 2) {
      const yes = form.getByRole("radio", { name: "Yes" });
      const flipTo = (await yes.isChecked()) ? "No" : "Yes";
      const old = ((await form.locator(".edit-answer__old").textContent()) ?? "").trim();
      await form.getByRole("radio", { name: flipTo }).check();
      // A failed item may need a comment (the API says so): say what was seen.
      const comment = form.getByLabel("Comment");
      if (!(await comment.inputValue()).trim()) await comment.fill("Seen on the photo");
      await form.getByLabel("Reason for the change").fill(reason);
      await expect(form.locator(".edit-answer__old")).toHaveText(old);
      await expect(form.locator(".edit-answer__new")).toHaveText(flipTo.toLowerCase());
      const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && /\/answers\//.test(r.url()));
      await form.getByRole("button", { name: "Save the change" }).click();
      const res = await saved;
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { score: { before: number | null; after: number | null } };
      expect(body.score.after).not.toBe(body.score.before);
      await expect(page.getByRole("status").filter({ hasText: /^Answer changed: score .+ → .+\.$/ })).toBeVisible();
      return { old, next: flipTo.toLowerCase() };
    }
    await form.getByRole("button", { name: "Cancel" }).click();
  }
  throw new Error("No yes/no item to change on this report");
}

test("a reviewer works the queue; the branch manager reads the edit in the history", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // The admin puts one of BJ-001's published reports back into review (API).
  await apiAs(request, "admin@demo.test");
  const card = await (await request.get(`${BASE_URL}/api/v1/scorecards/branches/demo-branch-bj-001`)).json();
  const reportId: string = card.latestAudit.id;
  const before = await (await request.get(`${BASE_URL}/api/v1/audits/${reportId}`)).json();
  const shopper = await (await request.get(`${BASE_URL}/api/v1/users/${before.shopperId}`)).json();
  const reopened = await request.post(`${BASE_URL}/api/v1/audits/${reportId}/reopen`, {
    data: { version: before.version, reason: "Checked again before release" },
  });
  expect(reopened.status()).toBe(200);

  // The queue: figures, rows oldest first, language switch.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "reviewer@demo.test");
  await useEnglish(page);
  await page.getByRole("navigation").getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  const figures = page.getByRole("list", { name: "Queue figures" });
  await expect(figures.getByText("Waiting", { exact: true })).toBeVisible();
  await expect(page.locator(".queue-row").first()).toBeVisible();
  await expect(
    page
      .locator(".queue-row .badge")
      .filter({ hasText: /On time|Due soon|Overdue/ })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/review-queue-desktop.png", fullPage: true });

  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(page.getByRole("heading", { name: "审核队列", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "审核" })).toBeVisible();
  await expect(page.getByRole("button", { name: "认领" }).first()).toBeVisible();
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  await page.keyboard.press("Escape");

  // Filters live in the URL.
  await page.getByLabel("Only reports I claimed").check();
  await expect(page).toHaveURL(/mine=1/);
  await page.getByLabel("Only reports I claimed").uncheck();

  // Claim a waiting report (not the BJ-001 one), change an answer, see the impact, return it.
  const waitingRow = page
    .locator('.queue-row[data-status="waiting"]')
    .filter({ hasNot: page.locator(`[data-id="${reportId}"]`) });
  const row = page.locator(`.queue-row[data-status="waiting"]:not([data-id="${reportId}"])`).first();
  await expect(waitingRow.first()).toBeVisible();
  await row.getByRole("button", { name: /^Claim/ }).click();
  await expect(page).toHaveURL(/\/review\/[0-9a-f-]+$/);
  await expect(page.getByTestId("review-status")).toHaveText("Claimed");
  await editAnAnswer(page, "The photo shows the greeting happened");
  await expect(page.getByRole("heading", { name: "What publishing changes" })).toBeVisible();
  await expect(page.getByTestId("impact-mean")).toContainText("→");
  await expect(
    page.locator(".timeline__item").filter({ hasText: "Reason: The photo shows the greeting happened" }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/review-screen-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/review-screen-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Return with questions" }).click();
  await page.getByLabel("Question 1", { exact: true }).fill("Was the greeting in the first minute?");
  await page.getByRole("button", { name: "Return to the shopper" }).click();
  await expect(page.getByTestId("review-status")).toHaveText("Returned to the shopper");

  // The reopened BJ-001 report: claim, change, publish.
  await page.goto(`/review/${reportId}`);
  await page.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(page.getByTestId("review-status")).toHaveText("Claimed");
  const reason = "Counter was staffed, the shopper misread the rota";
  const change = await editAnAnswer(page, reason);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("review-status")).toHaveText("Published");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/review");
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  await page.screenshot({ path: "test-results/review-queue-phone.png", fullPage: true });

  // The branch manager sees the edit and its reason, never the shopper.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await signIn(manager, "manager@demo.test");
  await useEnglish(manager);
  await manager.goto(`/reports/${reportId}`);
  const history = manager.locator(".review-history");
  await expect(history.getByRole("heading", { name: "History" })).toBeVisible();
  const edit = history.locator('.timeline__item[data-type="audit.answer_edited"]').last();
  await expect(edit).toContainText(`A reviewer changed`);
  await expect(edit).toContainText(`from ${change.old} to ${change.next}`);
  await expect(edit).toContainText(`Reason: ${reason}`);
  await expect(history.locator('.timeline__item[data-type="audit.claimed"]')).toHaveCount(0);
  await expect(manager.locator("body")).not.toContainText(shopper.displayName);
  await expect(manager.locator("body")).not.toContainText(shopper.email);
  await context.close();
});

test("the settings page says what it holds and groups its fields: review, disputes, corrective actions, job board, money, quality flags", async ({
  page,
}) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisation settings");
  const groups = page.locator("form.settings-form h2");
  await expect(groups).toHaveText([
    "Review",
    "Disputes",
    "Corrective actions",
    "Job board",
    "Fees and payouts",
    "Quality flags",
    "Privacy",
  ]);
  // Each field sits under its group's heading, in that order.
  const order = await page.evaluate(() => {
    const names = [
      "#settings-review",
      "#review-sla",
      "#settings-disputes",
      "#dispute-window",
      "#settings-actions",
      "#settings-board",
      "#board-claim-limit",
      "#settings-money",
      "#org-currency",
    ];
    const nodes = names.map((n) => document.querySelector(n));
    return nodes.every((n, i) => {
      const next = nodes[i + 1];
      return !!n && (!next || !!(n.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING));
    });
  });
  expect(order).toBe(true);
  await expect(page.getByLabel("Open a corrective action for every failed critical item")).toBeVisible();
  await expect(page.getByLabel("Visits one shopper may hold from the board")).toHaveValue("3");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // In Chinese, the whole page at once.
  await page.request.patch("/api/v1/me", { data: { locale: "zh" } });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("组织设置");
  await expect(groups).toHaveText(["审核", "申诉", "整改措施", "任务广场", "酬劳与付款", "质量标记", "隐私"]);
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});
