/**
 * Two-step sign-in in the browser (docs/SIGN-IN.md): the account page's set-up, recovery codes,
 * the sign-in's second step, turning it off, and the enrolment screen of a half-signed-in
 * session. Only throwaway invited people: two-step sign-in is never turned on for a demo account.
 * Codes come from the secret the page shows, through `otpauth`, as an authenticator app makes them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page, request as playwrightRequest } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { benchBundleSize } from "../../bench/bundle-size";
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, DEMO_PASSWORD, unique } from "./helpers";

const PASSWORD = "a-long-e2e-password";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" };
const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: "en-GB" };

/** An analyst of Demo Retail invited just now, who set their password through the link. */
async function throwawayAnalyst(): Promise<string> {
  const email = `e2e-2fa-${unique().toLowerCase()}@demo.test`;
  const admin = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const guest = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const login = await admin.post("/api/v1/auth/login", {
      data: { email: "admin@demo.test", password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const invited = await admin.post("/api/v1/users", { data: { email, displayName: "Two Step", role: "analyst" } });
    expect(invited.status(), await invited.text()).toBe(201);
    const token = String((await invited.json()).invitation.url).split("/invite/")[1];
    const joined = await guest.post(`/api/v1/invitations/${token}/accept`, {
      data: { mode: "new", displayName: "Two Step", password: PASSWORD },
    });
    expect(joined.status(), await joined.text()).toBe(200);
    return email;
  } finally {
    await admin.dispose();
    await guest.dispose();
  }
}

/**
 * An authenticator app for one secret. The API takes each 30-second step once (a code is never
 * reused), so every code is of a step after the last one used, waiting for it when needed.
 */
class Authenticator {
  private last = -1;
  private readonly totp: OTPAuth.TOTP;
  constructor(secret: string) {
    this.totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    });
  }
  async code(): Promise<string> {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, this.last + 1);
    // One step ahead is within the API's drift window; further ahead, wait until it is.
    if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 250));
    this.last = step;
    return this.totp.generate({ timestamp: step * 30_000 });
  }
  /** A 6-digit code no step near now has. */
  wrong(): string {
    const near = [-1, 0, 1].map((d) => this.totp.generate({ timestamp: Date.now() + d * 30_000 }));
    for (let n = 0; ; n++) {
      const candidate = String(n).padStart(6, "0");
      if (!near.includes(candidate)) return candidate;
    }
  }
}

/** The API calls a page makes (method and path), from now on. */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/")) calls.push(`${r.method()} ${url.pathname}`);
  });
  return calls;
}

async function signInWithPassword(
  page: Page,
  email: string,
  labels = { email: "Email", password: "Password", submit: "Sign in" },
) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD);
  const login = apiResponse(page, "POST", "/api/v1/auth/login");
  await page.getByRole("button", { name: labels.submit }).click();
  const response = await login;
  expect(response.status()).toBe(200);
  return (await response.json()) as { pending?: string | null };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function newPage(browser: Browser, options: typeof PHONE | typeof DESKTOP) {
  const context = await browser.newContext(options);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  return context.newPage();
}

test.describe
  .serial("two-step sign-in", () => {
    let email = "";
    let app: Authenticator;
    let recoveryCodes: string[] = [];

    test("phone, English: set up on the account page, sign in with a code, new recovery codes", async ({ browser }) => {
      test.setTimeout(150_000);
      email = await throwawayAnalyst();
      const page = await newPage(browser, PHONE);
      try {
        await page.goto("/login");
        expect((await signInWithPassword(page, email)).pending ?? null).toBeNull();
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

        await page.goto("/account");
        const section = page.getByRole("region", { name: "Two-step sign-in" });
        await expect(section.getByText(/Besides your password/)).toBeVisible();
        await section.getByRole("button", { name: "Set up" }).click();
        await section.getByLabel("Your password").fill(PASSWORD);
        const setup = apiResponse(page, "POST", "/api/v1/me/two-factor/setup");
        await section.getByRole("button", { name: "Continue" }).click();
        expect((await setup).status()).toBe(200);
        const qr = section.getByRole("img", { name: "QR code to add Courtesy to your authenticator app" });
        await expect(qr).toBeVisible();
        const box = await qr.boundingBox();
        expect(box?.width).toBeGreaterThan(150);
        expect(box?.width).toBeLessThanOrEqual(390);
        // The key in groups of 4, to type by hand: what an authenticator app is given.
        const key = ((await section.getByTestId("two-factor-key").textContent()) ?? "").trim();
        expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
        app = new Authenticator(key.replace(/\s/g, ""));

        const code = section.getByLabel("6-digit code");
        await expect(code).toHaveAttribute("inputmode", "numeric");
        await expect(code).toHaveAttribute("autocomplete", "one-time-code");
        await code.fill(app.wrong());
        const refused = apiResponse(page, "POST", "/api/v1/me/two-factor/confirm");
        await section.getByRole("button", { name: "Turn on" }).click();
        expect((await refused).status()).toBe(400);
        await expect(section.getByText("That code isn't right. Check the app and try again.")).toBeVisible();
        await code.fill(await app.code());
        const confirmed = apiResponse(page, "POST", "/api/v1/me/two-factor/confirm");
        await section.getByRole("button", { name: "Turn on" }).click();
        expect((await confirmed).status()).toBe(200);

        // The 10 codes, shown once: copied, downloaded, then put away.
        const list = section.getByRole("list", { name: "Your recovery codes" });
        await expect(list.getByRole("listitem")).toHaveCount(10);
        recoveryCodes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
        expect(new Set(recoveryCodes).size).toBe(10);
        await section.getByRole("button", { name: "Copy" }).click();
        await expect(section.getByText("Copied.")).toBeVisible();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join("\n"));
        const download = page.waitForEvent("download");
        await section.getByRole("button", { name: "Download .txt" }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe("courtesy-recovery-codes.txt");
        const text = await file.createReadStream().then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks).toString("utf8");
        });
        expect(text).toContain(email);
        for (const c of recoveryCodes) expect(text).toContain(c);
        await section.getByRole("button", { name: "I have saved them" }).click();
        await expect(section.getByText("Two-step sign-in is on.")).toBeVisible();
        await expect(section.getByText("10 recovery codes left.")).toBeVisible();
        await expect(section.getByRole("list", { name: "Your recovery codes" })).toHaveCount(0);

        // Signing in again: the password, then the code (sent by itself at the 6th digit).
        await signOut(page);
        expect((await signInWithPassword(page, email)).pending).toBe("two_factor");
        await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
        const field = page.getByLabel("6-digit code");
        await expect(field).toHaveAttribute("inputmode", "numeric");
        await expect(field).toHaveAttribute("autocomplete", "one-time-code");
        await expect(field).toBeFocused();

        let answer = apiResponse(page, "POST", "/api/v1/auth/two-factor");
        await field.pressSequentially(app.wrong());
        expect((await answer).status()).toBe(400);
        await expect(page.getByText("That code isn't right. Check the app and try again.")).toBeVisible();
        await expect(field).toHaveAttribute("aria-invalid", "true");
        await expect(field).toHaveValue("");

        // Too many wrong codes: the wait, in words, next to the field (the throttle's answer, as sent).
        await page.route(
          "**/api/v1/auth/two-factor",
          (route) =>
            route.fulfill({
              status: 429,
              headers: { "Retry-After": "900", "Content-Type": "application/problem+json" },
              body: JSON.stringify({ type: "about:blank", status: 429, code: "too_many_attempts", title: "Too many" }),
            }),
          { times: 1 },
        );
        answer = apiResponse(page, "POST", "/api/v1/auth/two-factor");
        await field.fill(app.wrong());
        expect((await answer).status()).toBe(429);
        await expect(page.getByText("Too many tries. Try again in 15 minutes.")).toBeVisible();

        answer = apiResponse(page, "POST", "/api/v1/auth/two-factor");
        await field.fill(await app.code());
        expect((await answer).status()).toBe(200);
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

        // New recovery codes: the old ones stop working.
        await page.goto("/account");
        await section.getByRole("button", { name: "New recovery codes" }).click();
        await section.getByLabel("Code from your app").fill(await app.code());
        const renewed = apiResponse(page, "POST", "/api/v1/me/two-factor/recovery-codes");
        await section.getByRole("button", { name: "Make new codes" }).click();
        expect((await renewed).status()).toBe(200);
        const freshList = section.getByRole("list", { name: "Your recovery codes" });
        await expect(freshList.getByRole("listitem")).toHaveCount(10);
        const fresh = (await freshList.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
        expect(fresh).toHaveLength(10);
        expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
        recoveryCodes = fresh;
        await section.getByRole("button", { name: "I have saved them" }).click();
        await expect(section.getByText("New recovery codes are ready. The old ones no longer work.")).toBeVisible();
        await page.screenshot({ path: "test-results/two-factor-phone-account.png", fullPage: true });
      } finally {
        await page.context().close();
      }
    });

    test("desktop, Chinese: a half-signed-in session reads nothing, a recovery code signs in, then turned off", async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const page = await newPage(browser, DESKTOP);
      try {
        await page.goto("/login");
        await page.getByRole("button", { name: "中文" }).click();
        await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
        const calls = apiCalls(page);
        expect(
          (await signInWithPassword(page, email, { email: "邮箱", password: "密码", submit: "登录" })).pending,
        ).toBe("two_factor");
        await expect(page.getByRole("heading", { level: 1, name: "输入验证码" })).toBeVisible();

        // Half signed in, a page of the app opens nothing but the second step.
        await page.goto("/scorecards");
        await expect(page).toHaveURL(/\/login\?next=%2Fscorecards&step=code$/);
        await expect(page.getByRole("heading", { level: 1, name: "输入验证码" })).toBeVisible();
        await page.waitForTimeout(1200); // the bell and the preloads would have asked by now
        expect(calls.filter((c) => c !== "GET /api/v1/me" && c !== "POST /api/v1/auth/login")).toEqual([]);

        await page.getByRole("button", { name: "改用恢复码" }).click();
        await page.getByLabel("恢复码").fill("zzzz-zzzz");
        let answer = apiResponse(page, "POST", "/api/v1/auth/two-factor");
        await page.getByRole("button", { name: "验证", exact: true }).click();
        expect((await answer).status()).toBe(400);
        await expect(page.getByText("恢复码不正确，或已被使用。")).toBeVisible();
        await page.getByLabel("恢复码").fill(recoveryCodes[0] ?? "");
        answer = apiResponse(page, "POST", "/api/v1/auth/two-factor");
        await page.getByRole("button", { name: "验证", exact: true }).click();
        expect((await answer).status()).toBe(200);
        await expect(page).toHaveURL(/\/scorecards$/);
        // The page was reloaded half signed in, so nothing was picked on it: the account's saved
        // language (English) wins, as at any sign-in; Chinese is then chosen from the menu.
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        await page.getByRole("button", { name: "Account menu" }).click();
        const saved = apiResponse(page, "PATCH", "/api/v1/me");
        await page.getByRole("button", { name: "中文" }).click();
        expect((await saved).status()).toBe(200);

        await page.goto("/account");
        const section = page.getByRole("region", { name: "两步登录" });
        await expect(section.getByText("剩余 9 个恢复码。")).toBeVisible();
        await page.screenshot({ path: "test-results/two-factor-desktop-zh.png", fullPage: true });
        await section.getByRole("button", { name: "关闭", exact: true }).click();
        await section.getByLabel("你的密码").fill(PASSWORD);
        await section.getByLabel("应用中的验证码").fill(await app.code());
        const off = apiResponse(page, "DELETE", "/api/v1/me/two-factor");
        await section.getByRole("button", { name: "关闭", exact: true }).click();
        expect((await off).status()).toBe(204);
        await expect(section.getByText("两步登录已关闭。")).toBeVisible();
        await expect(section.getByRole("button", { name: "设置", exact: true })).toBeVisible();
      } finally {
        await page.context().close();
      }
    });
  });

test("phone: a session that must enrol sees only the set-up, reads nothing else, then the app opens", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const email = await throwawayAnalyst();
  const page = await newPage(browser, PHONE);
  try {
    await page.goto("/login");
    await signInWithPassword(page, email);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    // Demo Retail does not require two-step sign-in (the demo accounts stay as they are): the
    // profile says this session must enrol, as it would for an organisation that does.
    let enrolled = false;
    await page.route("**/api/v1/me", async (route) => {
      if (route.request().method() !== "GET" || enrolled) return route.fallback();
      const response = await route.fetch();
      const me = await response.json();
      await route.fulfill({ response, json: { ...me, pending: "enroll_two_factor" } });
    });
    await page.goto("about:blank"); // the home page's reads are done with
    const calls = apiCalls(page);
    await page.goto("/scorecards");
    await expect(page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" })).toBeVisible();
    await expect(page.getByText("Demo Retail requires two-step sign-in for the Analyst role.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.waitForTimeout(1200);
    expect([...new Set(calls)]).toEqual(["GET /api/v1/me"]);

    // The whole screen changes language at once.
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "设置两步登录" })).toBeVisible();
    await expect(page.getByText("演示零售要求分析师角色使用两步登录。")).toBeVisible();
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    await page.getByLabel("你的密码").fill(PASSWORD);
    await page.getByRole("button", { name: "继续" }).click();
    const key = ((await page.getByTestId("two-factor-key").textContent()) ?? "").replace(/\s/g, "");
    await page.screenshot({ path: "test-results/two-factor-enrol-phone-zh.png", fullPage: true });
    await page.getByLabel("6 位验证码").fill(await new Authenticator(key).code());
    const confirmed = apiResponse(page, "POST", "/api/v1/me/two-factor/confirm");
    await page.getByRole("button", { name: "开启" }).click();
    expect((await confirmed).status()).toBe(200);
    await expect(page.getByRole("list", { name: "你的恢复码" }).getByRole("listitem")).toHaveCount(10);
    expect([...new Set(calls)].sort()).toEqual([
      "GET /api/v1/me",
      "POST /api/v1/me/two-factor/confirm",
      "POST /api/v1/me/two-factor/setup",
    ]);
    enrolled = true;
    await page.getByRole("button", { name: "我已保存" }).click();
    await expect(page.getByRole("navigation").first()).toBeVisible();
    await expect(page).toHaveURL(/\/scorecards$/);
    await expect(page.getByRole("heading", { level: 1, name: "设置两步登录" })).toHaveCount(0);
  } finally {
    await page.context().close();
  }
});

test("the QR code's library loads with the account pages only: not first, not with the sign-in", async () => {
  type Chunk = { file: string; imports?: string[] };
  const manifest = JSON.parse(readFileSync("dist/client/.vite/manifest.json", "utf8")) as Record<string, Chunk>;
  /** A chunk's file with every file it imports statically. */
  const withImports = (key: string, seen = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const next of chunk.imports ?? []) withImports(next, seen);
    return seen;
  };
  // uqr's option name survives minification; no other code of the app uses it.
  const holdsUqr = (file: string) =>
    file.endsWith(".js") && readFileSync(join("dist/client", file), "utf8").includes("boostEcc");
  const log = console.log;
  console.log = () => undefined;
  const first = await benchBundleSize("dist/client", "en").finally(() => {
    console.log = log;
  });
  expect(first.parts.map((p) => p.file).filter(holdsUqr)).toEqual([]);
  expect([...withImports("web/areas/account/login.tsx")].filter(holdsUqr)).toEqual([]);
  expect([...withImports("web/areas/account/two-factor-step.tsx")].filter(holdsUqr)).toEqual([]);
  expect([...withImports("web/areas/account/account.tsx")].filter(holdsUqr)).toHaveLength(1);
});
