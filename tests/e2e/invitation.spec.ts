import { expect, test } from "./fixtures";
import { apiResponse, navLinks, signIn, unique } from "./helpers";

test("admin invites a branch manager, who accepts in a fresh browser and lands signed in", async ({
  page,
  browser,
}) => {
  const id = unique().toLowerCase();
  const email = `e2e-manager-${id}@demo.test`;
  const name = `E2E Manager ${id}`;

  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "Invite someone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite someone" })).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Role").selectOption("branch_manager");
  const scope = page.getByRole("group", { name: /Branches they run/ });
  await scope.getByLabel(/Beijing Wangfujing/).check();
  await expect(scope).toContainText("1 selected");

  const invited = apiResponse(page, "POST", "/api/v1/users");
  await page.getByRole("button", { name: "Create invitation" }).click();
  expect((await invited).status()).toBe(201);
  await expect(page.getByRole("heading", { name: "Invitation ready" })).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[^/]+$/);

  // The invited person, in a browser that has never signed in.
  const fresh = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 } });
  try {
    const guest = await fresh.newPage();
    const lookedUp = guest.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/v1/invitations/"));
    await guest.goto(link);
    expect((await lookedUp).status()).toBe(200);
    await expect(guest.getByRole("heading", { level: 1, name: "Join Demo Retail" })).toBeVisible();
    await expect(guest.getByText(email)).toBeVisible();
    await expect(guest.getByLabel("Your name")).toHaveValue(name);

    await guest.getByLabel("Choose a password").fill("a-long-e2e-password");
    const accepted = guest.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/accept"));
    await guest.getByRole("button", { name: "Join and sign in" }).click();
    expect((await accepted).status()).toBe(200);

    await expect(guest).toHaveURL(/\/$/);
    await expect(guest.getByRole("heading", { level: 1 })).toContainText(name);
    expect(await navLinks(guest)).toEqual(["Home", "My branch", "Scorecards"]);

    // The link works once.
    await guest.goto(link);
    await expect(guest.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  } finally {
    await fresh.close();
  }
});
