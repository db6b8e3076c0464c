import { expect, test } from "./fixtures";
import { apiResponse, navLinks, signIn, unique } from "./helpers";

/** An admin's main navigation, in English. */
const ADMIN_NAV = [
  "Home",
  "Review",
  "Disputes",
  "Regions",
  "Branches",
  "Scorecards",
  "Actions",
  "Complaints",
  "Checklists",
  "Visits planned",
  "Calibration",
  "Users",
  "Payouts",
  "Settings",
];

test.afterEach(async ({ page }) => {
  // Whatever happened, leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

test("admin creates a branch, finds it by search, and reads the page in Chinese", async ({ page }) => {
  const code = `E2E-${unique()}`;
  const nameEn = `E2E Store ${code}`;
  const nameZh = `测试门店 ${code}`;

  await signIn(page, "admin@demo.test");
  expect(await navLinks(page)).toEqual(ADMIN_NAV);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Branches" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Branches" })).toBeVisible();
  await page.getByRole("link", { name: "New branch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a branch" })).toBeVisible();

  await page.getByLabel("Code").fill(code);
  await page.getByLabel("Name in English").fill(nameEn);
  await page.getByLabel("Name in Chinese").fill(nameZh);
  await page.getByLabel("Region").selectOption("demo-region-north");
  await page.getByLabel("Channel").selectOption("store");
  await page.getByLabel("Address").fill("1 Test Street, Beijing");
  const created = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  expect((await created).status()).toBe(201);

  await expect(page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
  await expect(page.getByText("Branch created.")).toBeVisible();

  // Back to the list, and find it by searching for its code.
  await page.getByRole("link", { name: "Branches" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Branches" })).toBeVisible();
  const searched = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/v1/branches" && new URL(r.url()).searchParams.get("q") === code,
  );
  await page.getByLabel("Search branches").fill(code);
  expect((await searched).status()).toBe(200);
  const list = page.getByRole("list", { name: "Branches" });
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link")).toContainText(nameEn);
  await expect(list.getByRole("link")).toContainText(code);

  // Switch to Chinese from the profile menu: the page, the navigation and <html lang> follow.
  await page.getByRole("button", { name: "Account menu" }).click();
  const savedZh = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "中文" }).click();
  expect((await savedZh).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "门店" })).toBeVisible();
  expect(await navLinks(page)).toEqual([
    "首页",
    "审核",
    "申诉",
    "区域",
    "门店",
    "成绩单",
    "整改",
    "投诉",
    "清单",
    "走访安排",
    "校准",
    "成员",
    "付款",
    "设置",
  ]);
  await expect(page.getByLabel("搜索门店")).toHaveValue(code);
  // The new branch now shows its Chinese name.
  await expect(page.getByRole("list", { name: "门店" }).getByRole("link")).toContainText(nameZh);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();

  // And back to English.
  const savedEn = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "EN" }).click();
  expect((await savedEn).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Branches" })).toBeVisible();
  expect(await navLinks(page)).toEqual(ADMIN_NAV);
});

test('"Load more" says when the next page fails, whatever the failure', async ({ page }) => {
  // The first page claims a next one; the next page answers with a body that is not JSON
  // (a failure that is not a problem document), which the list used to drop in silence.
  await page.route(/\/api\/v1\/branches\?/, async (route) => {
    if (new URL(route.request().url()).searchParams.has("cursor")) {
      await route.fulfill({ status: 200, contentType: "application/json", body: "<html>proxy error</html>" });
      return;
    }
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, nextCursor: body.nextCursor ?? "next-page" } });
  });
  await signIn(page, "admin@demo.test");
  await page.goto("/branches");
  await expect(page.getByRole("heading", { level: 1, name: "Branches" })).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByRole("alert")).toContainText("Something went wrong. Try again.");
  await expect(page.getByRole("button", { name: "Load more" })).toBeEnabled();
});

test("the branch form takes a city, coordinates and opening hours, says what is wrong, and shows them in Chinese", async ({
  page,
}) => {
  const code = `E2E-${unique()}`;
  await signIn(page, "admin@demo.test");
  await page.goto("/branches/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create a branch" })).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByLabel("Name in English").fill(`Place ${code}`);
  await page.getByLabel("Name in Chinese").fill(`地点 ${code}`);
  await page.getByLabel("Region").selectOption("demo-region-east");
  await page.getByLabel("City").fill("Hangzhou");
  await page.getByLabel("Latitude").fill("30.2741");
  await page.getByLabel("Opening hours").fill("mon-fri 9-21");
  const refused = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  expect((await refused).status()).toBe(400);
  await expect(
    page.getByText("Write the hours as days then times, for example mon-fri 09:00-21:00; sat 10:00-18:00."),
  ).toBeVisible();
  await page.getByLabel("Opening hours").fill("mon-fri 09:00-21:00; sat,sun 10:00-18:00");
  const refusedAgain = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  expect((await refusedAgain).status()).toBe(400);
  await expect(page.getByText("Enter latitude and longitude together, or leave both empty.")).toBeVisible();

  await page.getByLabel("Longitude").fill("120.1551");
  const created = apiResponse(page, "POST", "/api/v1/branches");
  await page.getByRole("button", { name: "Create branch" }).click();
  expect((await created).status()).toBe(201);
  await expect(page.getByRole("heading", { level: 1, name: `Place ${code}` })).toBeVisible();
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText("Hangzhou");
  await expect(facts).toContainText("30.2741, 120.1551");
  await expect(facts).toContainText("mon-fri 09:00-21:00; sat-sun 10:00-18:00");

  // In Chinese the days are Chinese, on the page and in the form, and Chinese days are read back.
  await page.getByRole("button", { name: "Account menu" }).click();
  const savedZh = apiResponse(page, "PATCH", "/api/v1/me");
  await page.getByRole("button", { name: "中文" }).click();
  expect((await savedZh).status()).toBe(200);
  await expect(facts).toContainText("营业时间");
  await expect(facts).toContainText("周一-周五 09:00-21:00; 周六-周日 10:00-18:00");
  // Close the account menu (it covers the page's header), then edit.
  await page.getByRole("button", { name: "账户菜单" }).click();
  await page.getByRole("button", { name: "编辑门店" }).click();
  await expect(page.getByLabel("营业时间")).toHaveValue("周一-周五 09:00-21:00; 周六-周日 10:00-18:00");
  await expect(page.getByLabel("城市")).toHaveValue("Hangzhou");
  await page.getByLabel("营业时间").fill("周一至周日 10:00-22:00");
  const saved = apiResponse(page, "PATCH", /^\/api\/v1\/branches\//);
  await page.getByRole("button", { name: "保存修改" }).click();
  expect((await saved).status()).toBe(200);
  await expect(facts).toContainText("周一-周日 10:00-22:00");
});
