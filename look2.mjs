import { chromium } from "@playwright/test";

const base = "http://localhost:8787";
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
const locale = process.argv[2] ?? "en-GB";
const c = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale });
const r = await c.request.post(`${base}/api/v1/auth/login`, {
  data: { email: "shopper@demo.test", password: "courtesy-demo" },
  headers: { origin: base },
});
const p = await c.newPage();
await p.goto(`${base}/visits`);
await p.waitForTimeout(1500);
const headings = await p.locator("h2").allTextContents();
console.log(headings);
for (const name of ["Beijing Zhongguancun"]) {
  await p.getByText(name).first().click();
  await p.waitForTimeout(1000);
  await p.screenshot({ path: `/tmp/shots/overdue-${locale}.png` });
  await p.goBack();
  await p.waitForTimeout(800);
}
// upcoming: the section after "Upcoming"
const up = p
  .locator("section", { hasText: /Upcoming|即将/ })
  .locator("a")
  .first();
if (await up.count()) {
  await up.click();
  await p.waitForTimeout(1000);
  await p.screenshot({ path: `/tmp/shots/upcoming-${locale}.png` });
}
await browser.close();
