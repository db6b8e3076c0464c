import { expect, test } from "./fixtures";
import { apiResponse, localeKeeper, signIn, useEnglish } from "./helpers";

/** Each page's saved language as it was before the test, put back after it (the demo accounts are shared). */
const { keepLocale, restoreLocales } = localeKeeper();

test.afterEach(async () => {
  await restoreLocales();
});

interface Line {
  component: string;
  count: number;
  of: number;
  pointsLost: number;
}
interface Row {
  name: string;
  rating: number | null;
  reports: number;
  lines: Line[];
}

test("head office reads every shopper's rating and opens one to see what it is made of", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await keepLocale(page);
  await useEnglish(page);

  // From the planning area's tabs.
  await page.goto("/rounds");
  await page.getByRole("navigation", { name: "Planning" }).getByRole("link", { name: "Reliability" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shopper reliability" })).toBeVisible();
  const table = page.getByTestId("reliability-table");
  await expect(table).toBeVisible();

  // The same figures the API gives, worst first: open the first rated shopper.
  const body = (await (await page.request.get("/api/v1/shoppers/reliability")).json()) as { items: Row[] };
  const rated = body.items.find((r) => r.rating !== null);
  if (!rated) throw new Error("no rated shopper in the demo");
  const toggle = table.getByRole("button", { name: `Why ${rated.name} has this rating` });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const explanation = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
  await expect(explanation).toContainText("100 points, less what each kind of trouble costs:");
  const returned = rated.lines.find((l) => l.component === "returned");
  if (!returned) throw new Error("no returned line");
  await expect(explanation).toContainText(`${returned.count} of ${returned.of} reports returned by review`);
  await expect(explanation.locator(".reliability-line")).toHaveCount(rated.lines.length);

  // Sorted by name through the address; the switch to Chinese changes the whole screen.
  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { level: 1, name: "暗访员可靠度" })).toBeVisible();
  await expect(page.getByLabel("排序")).toBeVisible();
  await expect(page.getByRole("button", { name: `${rated.name} 的评分由来` })).toBeVisible();
});

test("a shopper opens their own reliability from their profile, on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "shopper@demo.test");
  await keepLocale(page);
  await useEnglish(page);
  const mine = (await (await page.request.get("/api/v1/me/reliability")).json()) as Row & { userId: string };

  await page.goto("/account");
  await page.getByRole("link", { name: "See my reliability" }).click();
  await expect(page).toHaveURL(/\/me\/reliability$/);
  await expect(page.getByRole("heading", { level: 1, name: "My reliability" })).toBeVisible();
  const card = page.getByTestId("my-reliability");
  if (mine.rating === null) await expect(card).toContainText("No reports in the last 12 months");
  else {
    await expect(card.locator(".reliability-rating__value")).toHaveText(new RegExp(`^${mine.rating}`));
    await expect(card.locator(".reliability-line")).toHaveCount(mine.lines.length);
  }
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Head office's table is not theirs.
  expect((await page.request.get("/api/v1/shoppers/reliability")).status()).toBe(403);
  await page.goto("/shoppers/reliability");
  await expect(page.getByRole("heading", { level: 1, name: "Shopper reliability" })).toHaveCount(0);
  await restoreLocales();
  await context.close();
});

test("the round form takes a reliability floor: a floor that is no number is refused on its field, a real one is previewed with it", async ({
  page,
}) => {
  await signIn(page, "admin@demo.test");
  await keepLocale(page);
  await useEnglish(page);
  await page.goto("/rounds/new");
  await expect(page.getByRole("heading", { level: 1, name: "New audit round" })).toBeVisible();
  await page.getByLabel("Name").fill("Floor check");
  await page.getByLabel("Checklist").selectOption({ label: "Store visit" });
  await page.getByLabel("Scenario 1 (English)").fill("Ask about a savings account");
  await page.getByLabel("Scenario 1 (Chinese)").fill("咨询储蓄账户");
  const floor = page.getByLabel("Reliability floor");
  await expect(floor).toBeVisible();

  await floor.fill("high");
  const refused = apiResponse(page, "POST", "/api/v1/rounds/preview");
  await page.getByRole("button", { name: "Preview" }).click();
  const problem = (await (await refused).json()) as { errors: Array<{ path: string }> };
  expect(problem.errors.map((e) => e.path)).toEqual(["ratingFloor"]);
  await expect(floor).toHaveAttribute("aria-invalid", "true");

  await floor.fill("80");
  const previewed = apiResponse(page, "POST", "/api/v1/rounds/preview");
  await page.getByRole("button", { name: "Preview" }).click();
  const sent = await previewed;
  expect(sent.status()).toBe(200);
  expect(sent.request().postDataJSON()).toMatchObject({ ratingFloor: 80 });

  // In Chinese, the field's label and its hint change with the rest of the screen.
  await page.locator(".profile__button").click();
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("可靠度下限")).toHaveValue("80");
  await expect(page.getByText("新人（报告少于 5 份）一律通过", { exact: false })).toBeVisible();
});
