import { expect, test } from "./fixtures";
import { apiResponse, localeKeeper, signIn, unique, useEnglish } from "./helpers";

/** Each page's saved language as it was before the test, put back after it (the demo accounts are shared). */
const { keepLocale, restoreLocales } = localeKeeper();

test.afterEach(async () => {
  await restoreLocales();
});

interface Member {
  id: string;
  email: string;
}

test("an admin plans a round for a region: preview per region and day-part, one round on a double click, its coverage", async ({
  page,
}) => {
  await signIn(page, "admin@demo.test");
  await keepLocale(page);

  // The demo shoppers cover the South region's stores (a shopper without a profile covers no region).
  const regions: Array<{ id: string; name: { en: string } }> = (
    await (await page.request.get("/api/v1/regions")).json()
  ).items;
  const south = regions.find((r) => r.name.en === "South");
  if (!south) throw new Error("no South region in the demo");
  const members: Member[] = (await (await page.request.get("/api/v1/users?role=shopper")).json()).items;
  expect(members.length).toBeGreaterThan(0);
  for (const member of members) {
    const profile = await (await page.request.get(`/api/v1/shoppers/${member.id}/profile`)).json();
    const put = await page.request.put(`/api/v1/shoppers/${member.id}/profile`, {
      data: { channels: ["store"], regionIds: [south.id], cities: [], excludedBranchIds: [], version: profile.version },
    });
    expect(put.status(), member.email).toBe(200);
  }

  // From the planning area: the assignments page's Rounds tab, then "New round".
  await page.goto("/assignments");
  await page.getByRole("navigation", { name: "Planning" }).getByRole("link", { name: "Rounds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit rounds" })).toBeVisible();
  await page.getByRole("link", { name: "New round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New audit round" })).toBeVisible();

  const name = `South round ${unique()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Checklist").selectOption({ label: "Store visit" });
  await page.getByLabel("Which branches").selectOption("regions");
  await page.getByRole("checkbox", { name: "South" }).check();
  await expect(page.getByText("Total: 100 %")).toBeVisible();
  await page.getByLabel("Scenario 1 (English)").fill("Ask about opening a savings account");
  await page.getByLabel("Scenario 1 (Chinese)").fill("咨询开立储蓄账户");
  await page.getByRole("button", { name: "Add a scenario" }).click();
  await page.getByLabel("Scenario 2 (English)").fill("Ask about a personal loan");
  await page.getByLabel("Scenario 2 (Chinese)").fill("咨询个人贷款");
  await page.getByLabel("Fee per visit").fill("120.50");

  // A period too short for the gap: the field says how many days it needs.
  const to = page.getByLabel("To", { exact: true });
  const end = await to.inputValue();
  await to.fill(`${end.slice(0, 8)}05`);
  const refused = apiResponse(page, "POST", "/api/v1/rounds/preview");
  await page.getByRole("button", { name: "Preview" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByText(/The period is too short for the gap: it needs at least \d+ days\./)).toBeVisible();
  await to.fill(end);

  // Preview: counts per region and day-part; nothing written yet.
  const previewed = apiResponse(page, "POST", "/api/v1/rounds/preview");
  await page.getByRole("button", { name: "Preview" }).click();
  const previewResponse = await previewed;
  expect(previewResponse.status()).toBe(200);
  const preview = (await previewResponse.json()) as {
    id: string;
    summary: { visits: number; staffed: number; unstaffed: number; reasons: unknown[] };
  };
  expect(preview.summary.visits).toBeGreaterThan(0);
  const card = page.getByRole("region", { name: "Preview" });
  await expect(card.getByRole("table", { name: "By region" }).getByRole("row", { name: /South/ })).toContainText(
    String(preview.summary.visits),
  );
  // Day-parts by their names in the page's language, not their keys.
  await expect(card.getByRole("table", { name: "By day-part" })).toContainText("Weekday morning");
  await expect(card.getByRole("table", { name: "By day-part" })).toContainText("Weekend");
  await expect(card.getByRole("table", { name: "By day-part" })).not.toContainText("weekday-morning");
  if (preview.summary.reasons.length > 0)
    await expect(card.getByRole("listitem").first()).toContainText(/shoppers eligible — \d+ /);
  else await expect(card.getByText("Every visit has a shopper.")).toBeVisible();

  // A change after the preview asks for another one before the commit.
  await page.getByLabel("Name").fill(`${name}!`);
  await expect(page.getByText("The form changed since the preview")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create the round" })).toHaveCount(0);
  await page.getByLabel("Name").fill(name);

  // Commit with a double click: one request with the preview's id, one round.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/rounds") posts.push(r.postData() ?? "");
  });
  const committed = apiResponse(page, "POST", "/api/v1/rounds");
  await page.getByRole("button", { name: "Create the round" }).dblclick();
  expect((await committed).status()).toBe(201);
  await expect(page).toHaveURL(`/rounds/${preview.id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(posts).toHaveLength(1);
  await expect(page.getByRole("table", { name: "By day-part" }).first()).toContainText("Weekday afternoon");
  expect(JSON.parse(posts[0] ?? "{}").id).toBe(preview.id);

  // Coverage: every planned visit, none published yet; per region and per branch; the CSV.
  const coverage = page.getByRole("region", { name: "Coverage" });
  await expect(coverage.getByText(`0 of ${preview.summary.visits} published (0 %)`)).toBeVisible();
  await expect(coverage.getByRole("progressbar", { name: "Published visits" })).toHaveAttribute(
    "aria-valuemax",
    String(preview.summary.visits),
  );
  const southRow = coverage.getByRole("table", { name: "By region" }).getByRole("row", { name: /South/ });
  await expect(southRow.getByRole("cell").nth(0)).toHaveText(String(preview.summary.visits));
  await expect(southRow.getByRole("cell").nth(1)).toHaveText(String(preview.summary.staffed));
  await expect(coverage.getByRole("table", { name: "By branch" }).getByRole("row")).not.toHaveCount(1);
  const csv = await page.request.get(
    await coverage.getByRole("link", { name: "Download coverage (CSV)" }).getAttribute("href").then(String),
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("region_code");
  await expect(page.getByText("Fee per visit")).toBeVisible();

  // The list shows it once, with its staffing.
  await page.getByRole("link", { name: "Audit rounds" }).click();
  const rows = page.getByRole("list", { name: "Audit rounds" }).getByRole("link", { name: new RegExp(name) });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${preview.summary.staffed} of ${preview.summary.visits} staffed`);

  // In Chinese, the whole round page, reasons included.
  await page.request.patch("/api/v1/me", { data: { locale: "zh" } });
  await page.goto(`/rounds/${preview.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "覆盖情况" })).toBeVisible();
  await expect(page.getByRole("table", { name: "按区域" }).first()).toBeVisible();
  if (preview.summary.reasons.length > 0)
    await expect(page.getByRole("listitem").filter({ hasText: "名暗访员都不符合条件" }).first()).toBeVisible();

  // Cancel, confirmed: the round is cancelled and its button gone.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
  await page.reload();
  await page.getByRole("button", { name: "Cancel round" }).click();
  const cancelled = apiResponse(page, "POST", `/api/v1/rounds/${preview.id}/cancel`);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel round" }).click();
  expect((await cancelled).status()).toBe(200);
  await expect(page.getByText("The round is cancelled.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel round" })).toHaveCount(0);
});

test("an analyst reads rounds but plans none; a reviewer has no rounds tab", async ({ page, browser }) => {
  await signIn(page, "analyst@demo.test");
  await keepLocale(page);
  await useEnglish(page);
  await page.goto("/assignments");
  await page.getByRole("navigation", { name: "Planning" }).getByRole("link", { name: "Rounds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit rounds" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New round" })).toHaveCount(0);
  await page.goto("/rounds/new");
  await expect(page.getByRole("heading", { level: 1, name: "Not available" })).toBeVisible();

  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer@demo.test");
  await keepLocale(reviewer);
  await useEnglish(reviewer);
  await reviewer.goto("/assignments");
  await expect(reviewer.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(reviewer.getByRole("navigation", { name: "Planning" })).toHaveCount(0);
  await restoreLocales();
  await reviewer.close();
});
