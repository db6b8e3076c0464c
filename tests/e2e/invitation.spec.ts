import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, DEMO_PASSWORD, navLinks, signIn, unique } from "./helpers";

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
    expect(await navLinks(guest)).toEqual(["Home", "Disputes", "My branch", "Scorecards", "Actions", "Complaints"]);

    // The link works once.
    await guest.goto(link);
    await expect(guest.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test("someone who already uses Courtesy joins a second organisation with their own password, in Chinese", async ({
  browser,
}) => {
  const id = unique().toLowerCase();
  const email = `e2e-shared-${id}@demo.test`;
  const password = "a-long-e2e-password";
  const base = BASE_URL;
  const demo = await playwrightRequest.newContext({ baseURL: base });
  const other = await playwrightRequest.newContext({ baseURL: base });
  try {
    // Demo Retail invites and the person accepts as a newcomer (through the API).
    expect(
      (await demo.post("/api/v1/auth/login", { data: { email: "admin@demo.test", password: DEMO_PASSWORD } })).status(),
    ).toBe(200);
    const first = await (
      await demo.post("/api/v1/users", { data: { email, displayName: "Shared Person", role: "shopper" } })
    ).json();
    const firstToken = String(first.invitation.url).split("/invite/")[1];
    const accepted = await playwrightRequest.newContext({ baseURL: base });
    const joined = await accepted.post(`/api/v1/invitations/${firstToken}/accept`, {
      data: { mode: "new", displayName: "Shared Person", password },
    });
    expect(joined.status()).toBe(200);
    await accepted.dispose();

    // Other Co invites the same email; its admin learns nothing about the account.
    expect(
      (
        await other.post("/api/v1/auth/login", { data: { email: "admin@other.test", password: DEMO_PASSWORD } })
      ).status(),
    ).toBe(200);
    const second = await (
      await other.post("/api/v1/users", {
        data: { email, displayName: "Typed by Other Co", role: "shopper", locale: "zh" },
      })
    ).json();
    expect(second.user.displayName).toBe("Typed by Other Co");

    const fresh = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 } });
    try {
      const guest = await fresh.newPage();
      await guest.goto(second.invitation.url);
      // The admin chose Chinese for the invitation: the page opens in it.
      await expect(guest.getByRole("heading", { level: 1, name: "加入其他公司" })).toBeVisible();
      await expect(guest.getByLabel("你的名字")).toHaveValue("Typed by Other Co");

      // Trying to set a new password for an existing account is refused, and the page offers the other way.
      await guest.getByLabel("设置密码").fill("another-long-password");
      const refused = guest.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/accept"));
      await guest.getByRole("button", { name: "加入并登录" }).click();
      expect((await refused).status()).toBe(409);
      await expect(guest.getByText("这个邮箱已有 Courtesy 账户")).toBeVisible();
      await expect(guest.getByLabel("我已用这个邮箱使用 Courtesy")).toBeChecked();

      await guest.getByLabel("现有的 Courtesy 密码").fill(password);
      const ok = guest.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/accept"));
      await guest.getByRole("button", { name: "加入并登录" }).click();
      expect((await ok).status()).toBe(200);
      await expect(guest).toHaveURL(/\/visits$/);

      // Their own name is unchanged by either organisation.
      const me = await (await guest.request.get("/api/v1/me")).json();
      expect(me.user.displayName).toBe("Shared Person");
      expect(me.organizations.map((o: { id: string }) => o.id).sort()).toEqual(["demo-org", "other-org"]);
    } finally {
      await fresh.close();
    }
  } finally {
    await demo.dispose();
    await other.dispose();
  }
});
