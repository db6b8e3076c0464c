/**
 * A planner sets what a shopper covers on the shopper's member page (issue 16): an admin ticks a
 * region in the "Coverage" form (a stale version first shows the reload notice), and the shopper's
 * job board then lists a posted visit of that region.
 */
import { expect, test } from "./fixtures";
import { apiAs, BASE_URL, openAs, unique } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SHOPPER = "shopper5@demo.test";
const SHOPPER_ID = "demo-user-shopper-5";

test("an admin sets a shopper's regions and the shopper's job board lists a visit there", async ({ browser }) => {
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const code = `CV-${unique()}`;
  const region = await admin.request.post(`${BASE_URL}/api/v1/regions`, {
    data: { code, nameEn: `Region ${code}`, nameZh: `区域 ${code}` },
  });
  expect(region.status(), await region.text()).toBe(201);
  const regionId = ((await region.json()) as { id: string }).id;
  const branch = await admin.request.post(`${BASE_URL}/api/v1/branches`, {
    data: { code, nameEn: `Coverage store ${code}`, nameZh: `覆盖门店 ${code}`, regionId, channel: "store" },
  });
  expect(branch.status(), await branch.text()).toBe(201);
  const branchId = ((await branch.json()) as { id: string }).id;
  const checklists = (await (await admin.request.get(`${BASE_URL}/api/v1/checklists`)).json()) as {
    items: Array<{ id: string; channel: string; status: string }>;
  };
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  let posted = false;
  for (const checklist of checklists.items.filter((c) => c.channel === "store" && c.status === "active")) {
    const round = await admin.request.post(`${BASE_URL}/api/v1/rounds`, {
      data: {
        id: crypto.randomUUID(),
        name: `Coverage ${code}`,
        checklistId: checklist.id,
        period: { from: day(60), to: day(66) },
        target: { kind: "branches", branchIds: [branchId] },
        visitsPerBranch: 1,
        minGapDays: 0,
        windowDays: 3,
        strata: [{ key: "any", share: 100, days: "any" }],
        scenarios: [{ en: "Ask about a travel card", zh: "咨询旅行卡" }],
        blackoutDates: [],
        feeCents: 7000,
        reimbursementCapCents: 0,
        staffing: "board",
      },
    });
    if (round.status() === 201) {
      posted = true;
      break;
    }
  }
  expect(posted).toBe(true);

  // Nobody covers the new region yet: the shopper's board does not list it.
  const phone = await openAs(browser, SHOPPER, PHONE);
  await phone.goto("/jobs");
  await expect(phone.getByRole("heading", { level: 1, name: "Job board" })).toBeVisible();
  await expect(phone.locator(".job-card", { hasText: code })).toHaveCount(0);

  const page = await openAs(browser, "admin@demo.test", { viewport: { width: 1280, height: 900 } });
  await page.goto(`/users/${SHOPPER_ID}`);
  const coverage = page.getByTestId("coverage");
  await expect(coverage.getByRole("heading", { name: "Coverage" })).toBeVisible();
  await expect(coverage).toContainText("Branches they must never visit");
  await coverage.getByRole("button", { name: "Change coverage" }).click();
  await coverage.getByRole("checkbox", { name: new RegExp(`^Region ${code}`) }).check();

  // Someone else changes the profile meanwhile: the save is refused with the reload notice.
  const path = `${BASE_URL}/api/v1/shoppers/${SHOPPER_ID}/profile`;
  const current = (await (await admin.request.get(path)).json()) as Record<string, unknown> & { version: number };
  const behind = await admin.request.put(path, {
    data: {
      channels: current.channels,
      regionIds: current.regionIds,
      cities: [...(current.cities as string[]), `Town ${code}`],
      excludedBranchIds: current.excludedBranchIds,
      version: current.version,
    },
  });
  expect(behind.status(), await behind.text()).toBe(200);
  await admin.close();
  await coverage.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("stale-notice")).toBeVisible();
  await page.getByTestId("stale-notice").getByRole("button").click();
  await expect(coverage.getByLabel("Cities")).toHaveValue(new RegExp(`Town ${code}`));
  await coverage.getByRole("checkbox", { name: new RegExp(`^Region ${code}`) }).check();
  await coverage.getByRole("button", { name: "Save" }).click();
  await expect(coverage.getByText("Changes saved.")).toBeVisible();
  await expect(coverage).toContainText(`Region ${code}`);

  await phone.reload();
  const card = phone.locator(".job-card", { hasText: `Coverage store ${code}` });
  await expect(card).toContainText("Ask about a travel card");
});
