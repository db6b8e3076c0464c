import { expect, test } from "./fixtures";
import { apiResponse, signIn, unique } from "./helpers";

test("a server validation error shows under its field and keeps what was typed", async ({ page }) => {
  const nameEn = `Duplicate ${unique()}`;
  await signIn(page, "admin@demo.test");
  await page.goto("/branches/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create a branch" })).toBeVisible();

  const code = page.getByLabel("Code");
  await code.fill("BJ-001"); // already used by Beijing Wangfujing
  await page.getByLabel("Name in English").fill(nameEn);
  await page.getByLabel("Name in Chinese").fill("重复门店");
  await page.getByLabel("Region").selectOption("demo-region-north");
  await page.getByLabel("Phone").fill("+86 10 1234 5678");

  const rejected = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  const response = await rejected;
  expect(response.status()).toBe(409);
  expect(response.headers()["content-type"]).toContain("application/problem+json");

  // The message sits under the Code field, which is marked invalid and described by it.
  await expect(code).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await code.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText("Another one already uses this code.");
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need attention." })).toBeVisible();
  await expect(code).toBeFocused();

  // Nothing typed is lost.
  await expect(code).toHaveValue("BJ-001");
  await expect(page.getByLabel("Name in English")).toHaveValue(nameEn);
  await expect(page.getByLabel("Name in Chinese")).toHaveValue("重复门店");
  await expect(page.getByLabel("Region")).toHaveValue("demo-region-north");
  await expect(page.getByLabel("Phone")).toHaveValue("+86 10 1234 5678");
  await expect(page.getByRole("button", { name: "Create branch" })).toBeEnabled();

  // Fixing the field clears the way: a unique code is accepted.
  await code.fill(`DUP-${unique()}`);
  const created = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  expect((await created).status()).toBe(201);
  await expect(page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
});
