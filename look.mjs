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
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" };
const errors = [];
async function ctx(opts = phone) {
  const c = await browser.newContext(opts);
  c.on("page", (p) => {
    p.on("pageerror", (e) => errors.push(String(e)));
    p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  });
  return c;
}
async function apiLogin(c, email, password = "courtesy-demo") {
  const r = await c.request.post(`${base}/api/v1/auth/login`, { data: { email, password }, headers: { origin: base } });
  if (!r.ok()) throw new Error(`login ${email} ${r.status()} ${await r.text()}`);
}
// Other Co's admin invites a Demo shopper (an existing account) — shopper3.
const adminCtx = await ctx();
await apiLogin(adminCtx, "admin@other.test");
const inv = await adminCtx.request.post(`${base}/api/v1/users`, {
  data: { email: "shopper3@demo.test", displayName: "Typed by Other Co", role: "shopper", locale: "zh" },
  headers: { origin: base },
});
const invBody = await inv.json();
console.log("invite", inv.status(), JSON.stringify(invBody.user));
const link = invBody.invitation.url;

const guestCtx = await ctx();
const g = await guestCtx.newPage();
await g.goto(link);
await g.waitForSelector("h1");
await g.screenshot({ path: "/tmp/shots/invite-zh-phone.png", fullPage: true });
// choose new account -> account exists
await g.fill('input[name="displayName"]', "Somebody");
await g.fill('input[name="password"]', "a-new-password-123");
await g.click('button[type="submit"]');
await g.waitForTimeout(800);
await g.screenshot({ path: "/tmp/shots/invite-zh-exists.png", fullPage: true });
await g.fill('input[name="password"]', "courtesy-demo");
await g.click('button[type="submit"]');
await g.waitForTimeout(1500);
console.log("after accept url", g.url());
await g.screenshot({ path: "/tmp/shots/invite-accepted.png", fullPage: true });

// account page, desktop, English
const desk = await ctx({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
await apiLogin(desk, "manager@demo.test");
const d = await desk.newPage();
await d.goto(`${base}/account`);
await d.waitForSelector("h1");
await d.screenshot({ path: "/tmp/shots/account-desktop.png", fullPage: true });
await d.fill('input[name="currentPassword"]', "wrong-password");
await d.fill('input[name="newPassword"]', "short");
await d.click('form:has(input[name="newPassword"]) button[type="submit"]');
await d.waitForTimeout(800);
await d.screenshot({ path: "/tmp/shots/account-errors.png", fullPage: true });

// shopper briefing on phone
const s = await ctx();
await apiLogin(s, "shopper@demo.test");
const sp = await s.newPage();
await sp.goto(`${base}/visits`);
await sp.waitForTimeout(1500);
await sp.screenshot({ path: "/tmp/shots/visits.png", fullPage: false });
const firstVisit = sp.locator("a[href^='/visits/']").first();
const hrefs = await sp.locator("a[href^='/visits/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
console.log("visit links", hrefs.slice(0, 10));
for (const [i, h] of hrefs
  .filter((h) => /^\/visits\/[^/]+$/.test(h))
  .slice(0, 3)
  .entries()) {
  await sp.goto(base + h);
  await sp.waitForTimeout(1000);
  await sp.screenshot({ path: `/tmp/shots/briefing-${i}.png`, fullPage: true });
}
console.log("errors", errors);
await browser.close();
