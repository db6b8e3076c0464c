import { expect, test } from "./fixtures";
import { apiResponse, navLinks, signIn, useEnglish } from "./helpers";

test("a branch manager sees exactly their one branch, and no Users or Regions", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await useEnglish(page); // Li Na's saved language is Chinese
  expect(await navLinks(page)).toEqual(["Home", "Disputes", "My branch", "Scorecards", "Actions", "Complaints"]);

  const listed = apiResponse(page, "GET", "/api/v1/branches");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My branch" }).click();
  expect((await listed).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "My branch" })).toBeVisible();
  const rows = page.getByRole("list", { name: "My branch" }).getByRole("link");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Beijing Wangfujing");
  await expect(rows).toContainText("BJ-001");
  // Read-only: nothing to create.
  await expect(page.getByRole("link", { name: "New branch" })).toHaveCount(0);

  await rows.click();
  await expect(page.getByRole("heading", { level: 1, name: "Beijing Wangfujing" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit branch" })).toHaveCount(0);

  // Typing the address of a page the role lacks shows a clear note, not data.
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not available" })).toBeVisible();
});

test("a mystery shopper's app is their visits and the outbox", async ({ page }) => {
  await signIn(page, "shopper@demo.test");
  // "Calibration" joins only while an open calibration invites them (data, not the role; the
  // calibration spec may run beside this one).
  expect((await navLinks(page)).filter((link) => link !== "Calibration")).toEqual(["Visits", "Outbox"]);
  await expect(page).toHaveURL(/\/visits$/);
  await expect(page.getByRole("heading", { level: 1, name: "My visits" })).toBeVisible();

  await page.goto("/branches");
  await expect(page.getByRole("heading", { name: "Not available" })).toBeVisible();

  // Signing out from the profile menu ends the session.
  await page.getByRole("button", { name: "Account menu" }).click();
  const signedOut = apiResponse(page, "POST", "/api/v1/auth/logout");
  await page.getByRole("button", { name: "Sign out" }).click();
  expect((await signedOut).status()).toBe(204);
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});

test("signed-out visitors go to sign-in and come back where they were headed", async ({ page }) => {
  await page.goto("/regions");
  await expect(page).toHaveURL(/\/login\?next=%2Fregions$/);
  await page.getByLabel("Email").fill("reviewer@demo.test");
  await page.getByLabel("Password", { exact: true }).fill("courtesy-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/regions$/);
  await expect(page.getByRole("heading", { level: 1, name: "Regions" })).toBeVisible();
  // "Calibration" joins only while an open calibration invites the reviewer (data, not the role).
  expect((await navLinks(page)).filter((link) => link !== "Calibration")).toEqual([
    "Home",
    "Review",
    "Disputes",
    "Regions",
    "Branches",
    "Scorecards",
    "Checklists",
    "Visits planned",
  ]);
  // A reviewer reads but does not create.
  await expect(page.getByRole("button", { name: "New region" })).toHaveCount(0);
});
