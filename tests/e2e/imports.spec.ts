import { expect, test } from "./fixtures";
import { apiResponse, signIn, unique } from "./helpers";

test.afterEach(async ({ page }) => {
  // Leave the shared admin account in English for the other tests.
  await page.request.patch("/api/v1/me", { data: { locale: "en" } });
});

/** A CSV file as Excel writes it: BOM, CRLF, Chinese headers and names, quoted fields. */
function branchFile(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const text = `\uFEFF${["编码,英文名称,中文名称,区域,渠道,地址", ...rows].join("\r\n")}\r\n`;
  return { name: "branches.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") };
}

test("an admin imports branches from CSV: the dry run shows an error, the fixed file commits, the branches appear", async ({
  page,
}) => {
  const tag = unique().slice(-6).toUpperCase();
  const first = `00${tag}1`;
  const second = `00${tag}2`;
  const rows = (region: string) => [
    `${first},Import One ${tag},导入一${tag},NORTH,store,"1 Road, Beijing"`,
    `${second},Import Two ${tag},导入二${tag},${region},store,`,
  ];

  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Branches" }).click();
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import branches" })).toBeVisible();

  // A file with an unknown region: the dry run names the row and offers the error file.
  const dry = apiResponse(page, "POST", "/api/v1/imports/branches");
  await page.getByLabel("CSV file").setInputFiles(branchFile(rows("MARS")));
  expect((await dry).status()).toBe(200);
  const report = page.getByRole("region", { name: "Import branches" });
  await expect(report.getByRole("definition").nth(3)).toHaveText("1");
  await expect(page.getByText("Line 3")).toBeVisible();
  await expect(page.getByText("region: No region with code MARS")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the file with an error column" }).click();
  expect((await download).suggestedFilename()).toBe("branches-errors.csv");
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);

  // The fixed file: two rows to add, imported with the button.
  const fixed = apiResponse(page, "POST", "/api/v1/imports/branches");
  await page.getByLabel("CSV file").setInputFiles(branchFile(rows("EAST")));
  expect((await fixed).status()).toBe(200);
  await expect(page.getByText(`Line 2`)).toBeVisible();
  const committed = apiResponse(page, "POST", "/api/v1/imports/branches");
  await page.getByRole("button", { name: "Import 2 changes" }).click();
  expect((await committed).status()).toBe(200);
  await expect(page.getByText("Imported: 2 added, 0 updated, 0 unchanged.")).toBeVisible();

  // The branches appear in the list, leading zeros and all.
  await page.getByRole("link", { name: "Go to branches" }).first().click();
  await page.getByLabel("Search branches").fill(`00${tag}`);
  const list = page.getByRole("list", { name: "Branches" });
  await expect(list.getByRole("link")).toHaveCount(2);
  await expect(list).toContainText(first);
  await expect(list).toContainText(`Import Two ${tag}`);
});

test("the import page in Chinese on a phone: errors said by code", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "admin@demo.test");
  await page.request.patch("/api/v1/me", { data: { locale: "zh" } });
  await page.goto("/import/branches");
  await expect(page.getByRole("heading", { level: 1, name: "导入门店" })).toBeVisible();
  await page.getByLabel("CSV 文件").setInputFiles(branchFile([`X${unique().slice(-6)},X,X,MARS,store,`]));
  await expect(page.getByText("region：找不到这个编码")).toBeVisible();
  await expect(page.getByRole("button", { name: "下载带错误列的文件" })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
