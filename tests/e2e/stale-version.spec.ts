import { expect, test } from "./fixtures";
import { apiResponse, signIn, unique } from "./helpers";

test.afterEach(async ({ page }) => {
  // Leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

test("an edit based on an older version says so in both languages and loads the current one", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
  const code = `STALE-${unique()}`;
  const created = await page.request.post("/api/v1/branches", {
    data: { code, nameEn: `Stale ${code}`, nameZh: `过期 ${code}`, regionId: "demo-region-north", channel: "store" },
  });
  expect(created.status()).toBe(201);
  const branch = (await created.json()) as { id: string; version: number };

  await page.goto(`/branches/${branch.id}`);
  await page.getByRole("button", { name: "Edit branch" }).click();
  await expect(page.getByLabel("Name in English")).toHaveValue(`Stale ${code}`);

  // Someone else saves a change while the form is open.
  const elsewhere = await page.request.patch(`/api/v1/branches/${branch.id}`, {
    data: { nameEn: `Elsewhere ${code}`, version: branch.version },
  });
  expect(elsewhere.status()).toBe(200);

  await page.getByLabel("Name in English").fill(`Mine ${code}`);
  const refused = apiResponse(page, "PATCH", `/api/v1/branches/${branch.id}`);
  await page.getByRole("button", { name: "Save" }).click();
  expect((await refused).status()).toBe(409);
  const notice = page.getByTestId("stale-notice");
  await expect(notice).toContainText("Someone else changed this while you were editing");

  // The notice follows the language switch at once.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(notice).toContainText("其他人已修改了此内容");
  await expect(notice.getByRole("button")).toHaveText("载入最新版本（放弃你的修改）");
  await page.getByRole("button", { name: "EN" }).click();
  await expect(notice).toContainText("Someone else changed this");
  await page.keyboard.press("Escape");

  // Loading their version shows it in the form; saving from it works.
  await notice.getByRole("button", { name: /Load their version/ }).click();
  await expect(page.getByLabel("Name in English")).toHaveValue(`Elsewhere ${code}`);
  await expect(page.getByTestId("stale-notice")).toHaveCount(0);
  await page.getByLabel("Name in English").fill(`Mine ${code}`);
  const saved = apiResponse(page, "PATCH", `/api/v1/branches/${branch.id}`);
  await page.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: `Mine ${code}` })).toBeVisible();
});
