/**
 * Fees and payouts (issue 15): a shopper takes a paid visit from the job board and reports it;
 * on their phone (/earnings) they add an expense above the visit's cap with a receipt photo and
 * see the capped amount; once the report is published, an admin approves a payout of that
 * shopper (a double click makes one batch), downloads its CSV, marks it paid, and the shopper
 * sees the visit paid. Both pages are checked in Chinese as well.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { answersFor, apiAs, BASE_URL, coverRegion, day, openAs, postRound, publishReport, unique } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const SHOPPER = "shopper5@demo.test";
const SHOPPER_ID = "demo-user-shopper-5";
const SHOPPER_MEMBERSHIP = "demo-user-shopper-5-membership";
const SHOPPER_NAME = "Wu Xia";
const REGION = "demo-region-south";
const RECEIPT = join(import.meta.dirname, "files", "receipt.png");

type PayableRow = {
  shopperId: string;
  visits: number;
  feeCents: number;
  reimbursementCents: number;
  totalCents: number;
};

// The second test reads the batch the first one approved.
test.describe.configure({ mode: "serial" });

/** "88.00" for 8800 (the CSV's major units). */
const major = (cents: number) => (cents / 100).toFixed(2);

test("an expense is capped, a payout is approved once, downloaded and paid, and the shopper sees it paid", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Head office: a new branch in the shopper's region, and a board round on it with a fee and a cap.
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const code = `PAY-${unique()}`;
  const branch = await admin.request.post(`${BASE_URL}/api/v1/branches`, {
    // In UTC, so "today" of its calendar is the test's own day.
    data: {
      code,
      nameEn: `Paid store ${code}`,
      nameZh: `有偿门店 ${code}`,
      regionId: REGION,
      channel: "store",
      timezone: "UTC",
    },
  });
  expect(branch.status(), await branch.text()).toBe(201);
  const branchId = ((await branch.json()) as { id: string }).id;
  await coverRegion(admin.request, SHOPPER_MEMBERSHIP, REGION);
  await postRound(admin.request, {
    name: `Paid ${code}`,
    branchId,
    // Today only: the visit's window is today, so a report of a visit made just now fits it.
    period: { from: day(0), to: day(0) },
    windowDays: 1,
    scenario: { en: "Ask about a travel card", zh: "咨询旅行卡" },
    feeCents: 8800,
    reimbursementCapCents: 3000,
    staffing: "board",
  });

  // The shopper claims it and reports it (API).
  const shopperApi = await browser.newContext();
  await apiAs(shopperApi.request, SHOPPER);
  const board = (await (await shopperApi.request.get(`${BASE_URL}/api/v1/job-board`)).json()) as {
    items: Array<{ id: string; branch: { id: string } }>;
  };
  const job = board.items.find((j) => j.branch.id === branchId);
  expect(job, "the round's visit is on the shopper's board").toBeTruthy();
  const claim = await shopperApi.request.post(`${BASE_URL}/api/v1/job-board/${job?.id}/claim`);
  expect(claim.status(), await claim.text()).toBe(201);
  const assignmentId = ((await claim.json()) as { assignmentId: string }).assignmentId;
  const assignment = (await (
    await shopperApi.request.get(`${BASE_URL}/api/v1/assignments/${assignmentId}`)
  ).json()) as {
    checklist: { versionId: string };
  };
  const version = (await (
    await shopperApi.request.get(`${BASE_URL}/api/v1/checklist-versions/${assignment.checklist.versionId}`)
  ).json()) as { document: Parameters<typeof answersFor>[0] };
  const auditId = crypto.randomUUID();
  const start = Date.now() - 26 * 60_000;
  const sent = await shopperApi.request.put(`${BASE_URL}/api/v1/audits/${auditId}`, {
    data: {
      assignmentId,
      checklistVersionId: assignment.checklist.versionId,
      contact: "visit",
      visitStartedAt: new Date(start).toISOString(),
      visitEndedAt: new Date(start + 25 * 60_000).toISOString(),
      staffDescription: "A young man at the front desk.",
      overallComment: "Helpful and quick.",
      answers: answersFor(version.document),
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const report = (await sent.json()) as { status: string; version: number };
  await shopperApi.close();

  // On the phone: the job board leads to the earnings; an expense above the cap is capped.
  const phone = await openAs(browser, SHOPPER, PHONE);
  await phone.goto("/jobs");
  await phone.getByRole("link", { name: "My earnings" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Earnings" })).toBeVisible();
  const card = phone.locator(".earning-card", { hasText: `Paid store ${code}` });
  await expect(card).toContainText("Fee CN¥88.00");
  await expect(card).toContainText("Expenses up to CN¥30.00");
  await card.getByRole("button", { name: "Add expense" }).click();
  await card.getByLabel("Amount spent").fill("45.50");
  await card.getByLabel("Note").fill("Taxi to the branch");
  // Offline nothing is sent, and nothing typed is lost: closed and opened again, it is still there.
  await phone.context().setOffline(true);
  await expect(card.getByText("You are offline; saved on this phone")).toBeVisible();
  await expect(card.getByRole("button", { name: "Send expense" })).toBeDisabled();
  await card.getByRole("button", { name: "Close" }).click();
  await phone.context().setOffline(false);
  await card.getByRole("button", { name: "Add expense" }).click();
  await expect(card.getByLabel("Amount spent")).toHaveValue("45.50");
  await expect(card.getByLabel("Note")).toHaveValue("Taxi to the branch");
  await card.getByLabel("Receipt photo").setInputFiles(RECEIPT);
  await expect(card.getByText("Photo ready to send.")).toBeVisible();
  const uploaded = phone.waitForResponse(
    (r) => r.request().method() === "PUT" && /\/api\/v1\/evidence\//.test(r.url()),
  );
  const claimed = phone.waitForResponse(
    (r) => r.request().method() === "PUT" && r.url().endsWith(`/assignments/${assignmentId}/expense`),
  );
  await card.getByRole("button", { name: "Send expense" }).click();
  expect([200, 201]).toContain((await uploaded).status());
  expect((await claimed).status()).toBe(200);
  await expect(card.getByRole("status")).toContainText("you will be reimbursed CN¥30.00");
  await expect(card).toContainText("Expense claimed CN¥45.50");

  // The reviewer publishes the report: its fee becomes payable.
  await publishReport(browser, { id: auditId, status: report.status, version: report.version });
  const payable = (await (await admin.request.get(`${BASE_URL}/api/v1/payouts/payable`)).json()) as {
    shoppers: PayableRow[];
  };
  const mine = payable.shoppers.find((s) => s.shopperId === SHOPPER_ID);
  expect(mine, "the shopper has something payable").toBeTruthy();
  const row = mine as PayableRow;
  expect(row.feeCents).toBeGreaterThanOrEqual(8800);
  expect(row.reimbursementCents).toBeGreaterThanOrEqual(3000);
  const before = ((await (await admin.request.get(`${BASE_URL}/api/v1/payouts`)).json()) as { payouts: unknown[] })
    .payouts.length;

  // Head office approves a payout of this shopper only (a double click makes one batch).
  const office = await openAs(browser, "admin@demo.test", DESKTOP);
  await office.getByRole("navigation").getByRole("link", { name: "Payouts" }).click();
  await expect(office.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
  const boxes = office.getByRole("checkbox");
  for (const box of await boxes.all()) await box.uncheck();
  await office.getByRole("checkbox", { name: `Include ${SHOPPER_NAME}` }).check();
  await office.getByRole("button", { name: "Approve payout" }).click();
  const dialog = office.getByRole("dialog");
  await expect(dialog).toContainText(
    `CN¥${(row.totalCents / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })}`,
  );
  await dialog.getByRole("button", { name: /^Approve / }).dblclick();
  await expect(office.getByText("Payout approved.")).toBeVisible();
  const after = (await (await admin.request.get(`${BASE_URL}/api/v1/payouts`)).json()) as {
    payouts: Array<{ id: string; shopperCount: number; totalCents: number }>;
  };
  expect(after.payouts.length).toBe(before + 1);
  const batch = after.payouts[0];
  expect(batch?.shopperCount).toBe(1);
  expect(batch?.totalCents).toBe(row.totalCents);

  // The batch: its CSV has the shopper's row, then it is marked paid.
  await office.getByRole("table").last().getByRole("link").first().click();
  await expect(office).toHaveURL(new RegExp(`/payouts/${batch?.id}$`));
  await expect(office.getByRole("table")).toContainText(SHOPPER_NAME);
  const download = office.waitForEvent("download");
  await office.getByRole("link", { name: "Download CSV" }).click();
  const csv = (await readFile((await (await download).path()) as string, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r?\n/);
  const shopperLine = lines.find((line) => line.includes(SHOPPER));
  expect(shopperLine, csv).toBeTruthy();
  for (const figure of [String(row.visits), major(row.feeCents), major(row.reimbursementCents), major(row.totalCents)])
    expect(shopperLine).toContain(figure);
  expect(lines.length, "a header, the shopper and a totals row").toBe(3);

  await office.getByRole("button", { name: "Mark as paid" }).click();
  const paid = office.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/paid"));
  await office.getByRole("dialog").getByRole("button", { name: "Mark as paid" }).click();
  expect((await paid).status()).toBe(200);
  await expect(office.getByText("Marked as paid.")).toBeVisible();
  await expect(office.getByRole("button", { name: "Mark as paid" })).toHaveCount(0);

  // The whole page changes language at once.
  await office.locator(".profile__button").click();
  await office.getByRole("button", { name: "中文", exact: true }).click();
  await office.keyboard.press("Escape");
  await expect(office.getByRole("link", { name: "下载 CSV" })).toBeVisible();
  await expect(office.locator(".facts")).toContainText("已支付");
  await expect(office.getByRole("navigation").getByRole("link", { name: "付款" })).toBeVisible();
  await office.locator(".profile__button").click();
  await office.getByRole("button", { name: "EN", exact: true }).click();
  await office.keyboard.press("Escape");
  await expect(office.locator("html")).toHaveAttribute("lang", "en");

  // The shopper sees the visit paid, in English and in Chinese.
  await phone.reload();
  await expect(card.getByText("Paid", { exact: true })).toBeVisible();
  await phone.locator(".profile__button").click();
  await phone.getByRole("button", { name: "中文", exact: true }).click();
  await phone.keyboard.press("Escape");
  await expect(phone.getByRole("heading", { level: 1, name: "收入" })).toBeVisible();
  const zhCard = phone.locator(".earning-card", { hasText: `有偿门店 ${code}` });
  await expect(zhCard.getByText("已支付", { exact: true })).toBeVisible();
  // shopper5 reads Chinese: left as they were.
  await admin.close();
});

test("an admin sets the organisation's currency, and the payout page shows amounts in it", async ({ browser }) => {
  const office = await openAs(browser, "admin@demo.test", DESKTOP);
  try {
    await office.goto("/settings");
    const field = office.getByLabel("Currency");
    await expect(field).toHaveValue("CNY");
    // Two letters are refused at the field; lower case is taken as capitals.
    await field.fill("HK");
    const refused = office.waitForResponse(
      (r) => r.request().method() === "PATCH" && r.url().endsWith("/organization"),
    );
    await office.getByRole("button", { name: "Save" }).click();
    expect((await refused).status()).toBe(400);
    await expect(
      office.getByText("Not a currency code we know: enter its ISO 4217 code, e.g. CNY for the renminbi (not RMB)."),
    ).toBeVisible();
    await field.fill("hkd");
    const saved = office.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/organization"));
    await office.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);
    await expect(office.getByText("Settings saved.")).toBeVisible();
    await expect(field).toHaveValue("HKD");
    await office.goto("/payouts");
    await expect(office.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
    // The batch the test above approved.
    await expect(office.getByRole("table").last()).toContainText("HK$");
  } finally {
    const org = (await (await office.request.get(`${BASE_URL}/api/v1/organization`)).json()) as { version: number };
    await office.request.patch(`${BASE_URL}/api/v1/organization`, { data: { currency: "CNY", version: org.version } });
  }
});
