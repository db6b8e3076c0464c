/**
 * What a walk through issue 18's screens as their users found (engineer walk18): the account
 * deletion step keeps the keyboard's place and asks a two-step user for the code up front, and a
 * deleted member's name ("Former member 3f9a1c") reads naturally in Chinese wherever lists name
 * people. Throwaway invited accounts only: never a demo account.
 */
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expect, test } from "./fixtures";
import { BASE_URL, DEMO_PASSWORD, signIn, unique, useEnglish } from "./helpers";

const PASSWORD = "a-long-e2e-password";

async function signedIn(email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const login = await api.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.status(), await login.text()).toBe(200);
  return api;
}

/** A member (a shopper unless `role` says) of Demo Retail invited just now, who set their password through the link. */
async function throwaway(name: string, role = "shopper"): Promise<{ email: string; id: string }> {
  const email = `e2e-walk-${unique().toLowerCase()}@demo.test`;
  const admin = await signedIn("admin@demo.test", DEMO_PASSWORD);
  const guest = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const invited = await admin.post("/api/v1/users", { data: { email, displayName: name, role } });
    expect(invited.status(), await invited.text()).toBe(201);
    const body = await invited.json();
    const token = String(body.invitation.url).split("/invite/")[1];
    const joined = await guest.post(`/api/v1/invitations/${token}/accept`, {
      data: { mode: "new", displayName: name, password: PASSWORD },
    });
    expect(joined.status(), await joined.text()).toBe(200);
    return { email, id: String(body.user.id) };
  } finally {
    await admin.dispose();
    await guest.dispose();
  }
}

test.describe("the account page, on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("opening the step moves focus to the password, cancelling back to the button", async ({ page }) => {
    const { email } = await throwaway("Focus Walker");
    await signIn(page, email, PASSWORD);
    await useEnglish(page);
    await page.goto("/account");
    const start = page.getByRole("button", { name: "Delete my account…" });
    await start.click();
    await expect(page.getByLabel("Your password", { exact: true }).last()).toBeFocused();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("button", { name: "Delete my account…" })).toBeFocused();
  });

  test("setting up two-step sign-in and turning it off: focus follows each step", async ({ page }) => {
    const { email } = await throwaway("Step Walker");
    await signIn(page, email, PASSWORD);
    await useEnglish(page);
    await page.goto("/account");
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Two-step sign-in" }) });
    await card.getByRole("button", { name: "Set up" }).click();
    const password = card.getByLabel("Your password");
    await expect(password).toBeFocused();
    await password.fill(PASSWORD);
    await card.getByRole("button", { name: "Continue" }).click();
    await expect(card.getByLabel("6-digit code")).toBeFocused();
    const key = ((await card.getByTestId("two-factor-key").textContent()) ?? "").replace(/\s/g, "");
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) });
    await card.getByLabel("6-digit code").fill(totp.generate());
    await card.getByRole("button", { name: "Turn on" }).click();
    await expect(card.getByRole("heading", { name: "Your recovery codes" })).toBeFocused();
    await card.getByRole("button", { name: "I have saved them" }).click();
    await expect(card.getByRole("heading", { name: "Two-step sign-in" })).toBeFocused();
    await card.getByRole("button", { name: "Turn off" }).click();
    await expect(card.getByLabel("Your password")).toBeFocused();
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card.getByRole("heading", { name: "Two-step sign-in" })).toBeFocused();
  });

  test("a two-step user is asked for the code with the password, not after a refusal", async ({ page }) => {
    const { email } = await throwaway("Code Walker");
    const api = await signedIn(email, PASSWORD);
    const setup = await api.post("/api/v1/me/two-factor/setup", { data: { currentPassword: PASSWORD } });
    expect(setup.status(), await setup.text()).toBe(200);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32((await setup.json()).secret) });
    const confirmed = await api.post("/api/v1/me/two-factor/confirm", { data: { code: totp.generate() } });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    const recovery = String((await confirmed.json()).recoveryCodes[0]);
    await api.dispose();

    // Signed in with a session of its own (the app's code was just used: a recovery code).
    const login = await page.request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } });
    expect(login.status(), await login.text()).toBe(200);
    const second = await page.request.post("/api/v1/auth/two-factor", { data: { recoveryCode: recovery } });
    expect(second.status(), await second.text()).toBe(200);
    await page.goto("/account");
    await useEnglish(page);
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await expect(page.getByLabel("Two-step sign-in code (or a recovery code)")).toBeVisible();
  });
});

test("a deleted member reads 已删除的成员 in the Chinese users list, Former member in English", async ({ page }) => {
  const { email, id } = await throwaway("Gone Walker");
  const gone = await signedIn(email, PASSWORD);
  const deleted = await gone.delete("/api/v1/me", { data: { currentPassword: PASSWORD, confirm: "delete" } });
  expect(deleted.status(), await deleted.text()).toBe(204);
  await gone.dispose();

  await signIn(page, "admin@demo.test");
  await useEnglish(page);
  try {
    await page.goto(`/users/${id}`);
    const heading = page.getByRole("heading", { level: 1, name: /^Former member [0-9a-f]{6}$/ });
    await expect(heading).toBeVisible();
    const pseudonym = (await heading.textContent())?.trim().slice(-6);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("heading", { name: `已删除的成员 ${pseudonym}` })).toBeVisible();
    await page.goto("/users?status=inactive");
    await expect(page.getByRole("link", { name: new RegExp(`已删除的成员 ${pseudonym}`) })).toBeVisible();
    await expect(page.getByText(`Former member ${pseudonym}`)).toHaveCount(0);
  } finally {
    await page.request.patch("/api/v1/me", { data: { locale: "en" } });
  }
});

test("an admin who turns on required two-step sign-in meets its set-up at once, not an error", async ({ page }) => {
  const { email } = await throwaway("Strict Walker", "admin");
  await signIn(page, email, PASSWORD);
  await useEnglish(page);
  try {
    await page.goto("/settings");
    await page.getByRole("checkbox", { name: "Require two-step sign-in for admins and analysts" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
    await expect(page.getByText("Couldn't load this")).toHaveCount(0);
  } finally {
    // The throwaway admin enrols through the API and turns the setting off again (the demo
    // organisation's admins must not meet it).
    const api = await signedIn(email, PASSWORD);
    const setup = await api.post("/api/v1/me/two-factor/setup", { data: { currentPassword: PASSWORD } });
    if (setup.status() === 200) {
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32((await setup.json()).secret) });
      expect((await api.post("/api/v1/me/two-factor/confirm", { data: { code: totp.generate() } })).status()).toBe(200);
    }
    const { version } = await (await api.get("/api/v1/organization")).json();
    const off = await api.patch("/api/v1/organization", { data: { requireTwoFactor: false, version } });
    expect(off.status(), await off.text()).toBe(200);
    await api.dispose();
  }
});
