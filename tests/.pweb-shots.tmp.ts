import { chromium } from "@playwright/test";
const base = "http://localhost:8802";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
async function shoot(email: string, path: string, file: string, size: { width: number; height: number }, locale = "en", scrollTo?: string) {
  const ctx = await browser.newContext({ viewport: size });
  const page = await ctx.newPage();
  await page.request.post(`${base}/api/v1/auth/login`, { data: { email, password: "courtesy-demo" } });
  await page.request.patch(`${base}/api/v1/me`, { data: { locale } });
  await page.goto(base + path);
  await page.waitForTimeout(2500);
  if (scrollTo) await page.getByText(scrollTo, { exact: true }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/pweb-shots/${file}.png`, fullPage: !scrollTo });
  await page.request.patch(`${base}/api/v1/me`, { data: { locale: "en" } });
  await ctx.close();
}
await shoot("admin@demo.test", "/settings", "settings-phone", { width: 390, height: 844 }, "en", "Privacy");
await shoot("admin@demo.test", "/settings", "settings-desktop-zh", { width: 1280, height: 900 }, "zh", "隐私");
await shoot("analyst@demo.test", "/account", "account-phone", { width: 390, height: 844 });
await shoot("analyst@demo.test", "/account", "account-desktop-zh", { width: 1280, height: 900 }, "zh");
await browser.close();
