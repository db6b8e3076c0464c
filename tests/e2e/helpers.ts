import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "courtesy-demo";

/** Where the e2e server listens (playwright.config.ts), for API calls made outside a page. */
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 8799}`;

/** A short suffix that keeps codes and emails unique across runs sharing the demo data. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, "0")}`.toUpperCase();
}

/**
 * Signs `request` in through the API (a page's `page.request` shares the page's cookies); no page
 * of the app is loaded.
 */
export async function apiAs(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await request.post(`${BASE_URL}/api/v1/auth/login`, { data: { email, password } });
  expect(res.status()).toBe(200);
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await response).status()).toBe(200);
  await expect(page.getByRole("navigation")).toBeVisible();
}

/**
 * Switches the signed-in user to English from the profile menu when their saved language
 * is another one (some demo users prefer Chinese), then closes the menu.
 */
export async function useEnglish(page: Page): Promise<void> {
  await expect(page.getByRole("navigation")).toBeVisible();
  if ((await page.locator("html").getAttribute("lang")) === "en") return;
  const menu = page.locator(".profile__button");
  await menu.click();
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/api/v1/me"));
  await page.getByRole("button", { name: "EN", exact: true }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
}

/** The main navigation's link names, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation");
  await expect(nav).toBeVisible();
  return (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
}

/** Waits for the API call a UI action triggers, and returns its response. */
export function apiResponse(page: Page, method: string, path: string | RegExp) {
  return page.waitForResponse((r) => {
    if (r.request().method() !== method) return false;
    const url = new URL(r.url());
    return typeof path === "string" ? url.pathname === path : path.test(url.pathname + url.search);
  });
}
