/**
 * index.html's first script (web/boot.js, written inline by vite.config.ts's bootHints): the CSP
 * lets exactly that script run, by its hash, and still refuses any other inline script; it asks
 * GET /me before the app's code has arrived; the app's hashed files are served immutable, the page
 * and the service worker are not.
 */
import { createHash } from "node:crypto";
import { test as plain } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

const SHOPPER = "shopper@demo.test";

/** The page's CSP's script-src sources. */
const scriptSources = (csp: string) =>
  (csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "").trim().split(/\s+/).slice(1);

test("the CSP allows the boot script by its hash, nothing else inline", async ({ page }) => {
  const response = await page.goto("/login");
  const csp = (await response?.allHeaders())?.["content-security-policy"] ?? "";
  const sources = scriptSources(csp);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent ?? ""),
  );
  expect(inline).toHaveLength(1);
  const hash = `'sha256-${createHash("sha256")
    .update(inline[0] ?? "", "utf8")
    .digest("base64")}'`;
  expect(sources).toEqual(["'self'", hash]);
  // The boot script ran (the fixture fails the test on any CSP violation): its preloads are there.
  await expect(page.locator("link[rel=modulepreload][href^='/assets/']").first()).toBeAttached();
});

// The plain test: this one provokes the CSP violation that the fixture would count as a failure.
plain("an inline script added to the page is refused", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto("/login");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.head.append(script);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
});

test.describe("without the service worker (its copies would not pass through the route)", () => {
  test.use({ serviceWorkers: "block" });

  test("GET /me leaves before the app's code has arrived, once", async ({ page }) => {
    await signIn(page, SHOPPER);
    const asked: string[] = [];
    // What happened first: GET /me leaving, or any of the app's code let through.
    const order: string[] = [];
    page.on("request", (r) => {
      if (!r.url().endsWith("/api/v1/me")) return;
      asked.push(r.method());
      order.push("GET /me");
    });
    // The app's code is held until GET /me has left (or 5 s): only a request the page itself sends
    // before any of the app's code runs can come first.
    await page.route("**/assets/*.js", async (route) => {
      const start = Date.now();
      while (!asked.length && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 50));
      order.push("code");
      await route.continue();
    });
    await page.goto("/visits");
    await expect(page.locator(".nav a[href='/outbox']")).toBeVisible();
    expect(order[0]).toBe("GET /me");
    expect(asked).toEqual(["GET"]);
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });
});

test("hashed assets are immutable; the page and the service worker revalidate", async ({ page, request }) => {
  await page.goto("/login");
  const asset = await page.evaluate(
    () => document.querySelector<HTMLScriptElement>("script[type=module][src^='/assets/']")?.getAttribute("src") ?? "",
  );
  expect(asset).toMatch(/^\/assets\/.+\.js$/);
  expect((await request.get(asset)).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  for (const path of ["/", "/index.html", "/visits", "/sw.js", "/manifest.webmanifest"]) {
    const cacheControl = (await request.get(path)).headers()["cache-control"] ?? "";
    expect(cacheControl, path).not.toContain("immutable");
    expect(cacheControl, path).not.toMatch(/max-age=[1-9]/);
  }
});
