/**
 * The shopper's pages open from the copy of `GET /me` kept on the phone (a full session's only),
 * without waiting for the network; the live answer follows and wins. The copy only decides what
 * the phone shows: a 401 still sends to sign-in, signing out forgets it, and a half-signed-in
 * session never shows the app from a stale copy.
 */
import type { Page, Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

const SHOPPER = "shopper@demo.test";

/** Records whether the signed-in app (its shell) was ever on screen, from the page's first script. */
async function watchShell(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shellSeen: boolean };
    w.shellSeen = false;
    new MutationObserver(() => {
      if (document.querySelector(".shell")) w.shellSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

const shellSeen = (page: Page) => page.evaluate(() => (window as unknown as { shellSeen: boolean }).shellSeen);
const kept = (page: Page) => page.evaluate(() => localStorage.getItem("courtesy.me"));

/** Holds every `GET /me` until `release()`; `change` rewrites its answer. */
function holdMe(change: (me: Record<string, unknown>) => Record<string, unknown> = (me) => me) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handler = async (route: Route) => {
    if (route.request().method() !== "GET") return route.fallback();
    await released;
    const response = await route.fetch();
    if (response.status() !== 200) return route.fulfill({ response });
    await route.fulfill({ response, json: change(await response.json()) });
  };
  return { handler, release: () => release() };
}

test("the shopper's visits open from the kept copy while GET /me is still on its way", async ({ page }) => {
  await signIn(page, SHOPPER);
  await expect(page).toHaveURL(/\/visits$/);
  expect(JSON.parse((await kept(page)) ?? "null")?.user.email).toBe(SHOPPER);

  const me = holdMe();
  await page.route("**/api/v1/me", me.handler);
  await page.goto("/visits");
  // The shell and the list are on screen although the server has not said who is signed in.
  await expect(page.locator(".shell")).toBeVisible();
  await expect(page.locator(".nav a[href='/visits']")).toBeVisible();
  me.release();
  await expect(page.locator(".nav a[href='/outbox']")).toBeVisible();
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("a 401 from the live GET /me still sends a kept shopper to sign-in", async ({ page, context }) => {
  await signIn(page, SHOPPER);
  await expect(page).toHaveURL(/\/visits$/);
  await context.clearCookies();
  await page.goto("/visits");
  await expect(page).toHaveURL(/\/login\?next=%2Fvisits$/);
  expect(await kept(page)).toBeNull();
});

test("signing out forgets the copy: the next open waits for the server and signs in", async ({ page }) => {
  await signIn(page, SHOPPER);
  await expect(page).toHaveURL(/\/visits$/);
  await page.locator(".profile__button").click();
  await page.locator(".profile__panel button").last().click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await kept(page)).toBeNull();

  await watchShell(page);
  const me = holdMe();
  await page.route("**/api/v1/me", me.handler);
  await page.goto("/visits");
  await page.waitForTimeout(800);
  expect(await shellSeen(page)).toBe(false);
  me.release();
  await expect(page).toHaveURL(/\/login\?next=%2Fvisits$/);
  expect(await shellSeen(page)).toBe(false);
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("a half-signed-in session never shows the app from a stale copy", async ({ page }) => {
  await signIn(page, SHOPPER);
  await expect(page).toHaveURL(/\/visits$/);
  await watchShell(page);

  // A new sign-in whose password step leaves a code due: the kept copy goes at once.
  // (Answered here: the real session stays, and the profile below says it is half signed in.)
  await page.route("**/api/v1/auth/login", (route) => route.fulfill({ json: { pending: "two_factor", locale: "en" } }));
  const halfSignedIn = holdMe((me) => ({ ...me, pending: "enroll_two_factor" }));
  await page.route("**/api/v1/me", halfSignedIn.handler);
  await page.goto("/login");
  await page.locator("input[type=email]").fill(SHOPPER);
  await page.locator("input[autocomplete=current-password]").fill("courtesy-demo");
  await page.locator("form button[type=submit]").click();
  await expect.poll(() => kept(page)).toBeNull();

  // Reopened while the server has not answered: no app; then only the pending screen.
  await page.goto("/visits");
  await page.waitForTimeout(800);
  expect(await shellSeen(page)).toBe(false);
  halfSignedIn.release();
  await expect(page.locator(".enrol__out")).toBeVisible();
  expect(await shellSeen(page)).toBe(false);

  // The copy the server sent back is half signed in: the next open waits for the server too.
  await page.unroute("**/api/v1/me");
  const again = holdMe((me) => ({ ...me, pending: "enroll_two_factor" }));
  await page.route("**/api/v1/me", again.handler);
  await page.goto("/visits");
  await page.waitForTimeout(800);
  expect(await shellSeen(page)).toBe(false);
  again.release();
  await expect(page.locator(".enrol__out")).toBeVisible();
  expect(await shellSeen(page)).toBe(false);
  await page.unrouteAll({ behavior: "ignoreErrors" });
});
