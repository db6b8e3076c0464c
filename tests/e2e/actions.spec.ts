/**
 * A corrective action from a failed item to its check at the next visit, on phones (390×844):
 * the branch manager creates an action from an item that lost points in a published report of
 * Wangfujing (BJ-001) and finds it on their home; the next visit's briefing (a shopper planned
 * there on the same checklist) asks them to pay particular attention to that item, without
 * saying why; the manager marks the action done with a note; the regional manager verifies it.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiAs, apiResponse, BASE_URL, openAs, signIn, useEnglish } from "./helpers";

const BRANCH = "demo-branch-bj-001";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

type Result = { sections: Array<{ items: Array<{ key: string; counted: boolean; ratio: number | null }> }> };

/** A published report of BJ-001 with an item that lost points (the demo's year of history has many). */
async function reportWithFailure(page: Page): Promise<{ id: string; versionId: string }> {
  const behind = await page.request.get(`${BASE_URL}/api/v1/scorecards/audits?branchId=${BRANCH}`);
  expect(behind.status()).toBe(200);
  for (const audit of (await behind.json()).audits as Array<{ id: string }>) {
    const report = await (await page.request.get(`${BASE_URL}/api/v1/audits/${audit.id}`)).json();
    const lost = (report.result as Result).sections.some((s) =>
      s.items.some((i) => i.counted && i.ratio !== null && i.ratio < 1),
    );
    if (report.status === "published" && lost) return { id: audit.id, versionId: report.checklistVersionId };
  }
  throw new Error("No published report of BJ-001 lost points");
}

test("an action from a failed item is re-checked at the next visit, marked done and verified", async ({ browser }) => {
  test.setTimeout(150_000);
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  const report = await reportWithFailure(manager);

  // The manager creates the action under the first item that lost points.
  await manager.goto(`/reports/${report.id}`);
  await manager
    .getByRole("button", { name: /^Create a corrective action for / })
    .first()
    .click();
  const form = manager.locator("form.action-form");
  const title = `Greet every customer within 30 seconds (${Date.now().toString(36)})`;
  await form.getByLabel("What will change").fill(title);
  await expect(form.getByRole("radio", { name: "Me", exact: true })).toBeChecked();
  const created = apiResponse(manager, "POST", "/api/v1/actions");
  await form.getByRole("button", { name: "Create action", exact: true }).click();
  const createdResponse = await created;
  expect(createdResponse.status(), await createdResponse.text()).toBe(201);
  const action = (await createdResponse.json()) as { id: string; items: Array<{ label: { en: string } }> };
  const label = action.items[0]?.label.en ?? "";
  await manager.getByRole("link", { name: "Open the action" }).click();
  await expect(manager).toHaveURL(new RegExp(`/actions/${action.id}$`));
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(manager.locator(".action-detail > .badges")).toContainText("Open");
  await expect(manager.locator(".action-items")).toContainText(label);
  // "From the report" names the visit's day, so actions from a branch's reports are told apart.
  await expect(manager.getByRole("link", { name: /^Visit of \d{1,2} \w{3} \d{4}$/ })).toHaveAttribute(
    "href",
    `/reports/${report.id}`,
  );

  // Their home lists it with the open ones.
  await manager.goto("/");
  const open = manager.getByRole("region", { name: "Open corrective actions" });
  await expect(open.getByRole("link", { name: new RegExp(title.replace(/[()]/g, "\\$&")) })).toBeVisible();

  // The next visit there on the same checklist: the briefing names the item, not why.
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const planned = await admin.request.post(`${BASE_URL}/api/v1/assignments`, {
    data: {
      branchId: BRANCH,
      checklistVersionId: report.versionId,
      shopperId: "demo-user-shopper",
      windowStart: day(0),
      windowEnd: day(5),
      scenario: "Browse for a winter coat.",
    },
  });
  expect(planned.status(), await planned.text()).toBe(201);
  const assignment = (await planned.json()) as { id: string };
  await admin.close();
  const phone = await openAs(browser, "shopper@demo.test", PHONE);
  await phone.goto(`/visits/${assignment.id}`);
  // One question a line, as a list (they were joined with "; ", odd after a question mark).
  const recheck = phone.locator(".briefing__scenario .notice");
  await expect(recheck).toContainText("Pay particular attention to:");
  await expect(recheck.getByRole("listitem").filter({ hasText: label })).toHaveCount(1);
  await expect(recheck).not.toContainText("; ");
  const briefing = (await phone.locator("main").textContent()) ?? "";
  for (const hidden of [title, "corrective", "Corrective"]) expect(briefing).not.toContain(hidden);

  // The manager marks it done with a note.
  await manager.goto(`/actions/${action.id}`);
  await manager.getByRole("button", { name: "Mark done" }).click();
  const done = manager.locator("form.action-form");
  // The photo is added with a button in the app's language (the browser's file input spoke its own).
  await expect(done.locator("label.button").filter({ hasText: "Add a photo" })).toBeVisible();
  await expect(done.getByLabel(/^Photo/)).toHaveAttribute("type", "file");
  await done.getByLabel("What was done").fill("Briefed the whole team at the morning meeting.");
  const patched = apiResponse(manager, "PATCH", `/api/v1/actions/${action.id}`);
  await done.getByRole("button", { name: "Mark done" }).click();
  expect((await patched).status()).toBe(200);
  await expect(manager.locator(".action-detail > .badges")).toContainText("Done");
  await expect(manager.getByText("Briefed the whole team at the morning meeting.").first()).toBeVisible();

  // The regional manager finds it on their home, waiting for their check (done actions, oldest
  // done first, each a link), and verifies it.
  const regional = await openAs(browser, "regional@demo.test", PHONE);
  await regional.goto("/");
  const check = regional.getByRole("region", { name: "Waiting for your check" });
  await expect(check.getByTestId("home-check-count")).toHaveText(/^\d+ actions? to check$/);
  const waiting = await (await regional.request.get(`${BASE_URL}/api/v1/actions?status=done&limit=100`)).json();
  const oldestFirst = (waiting.items as Array<{ id: string; doneAt: string }>)
    .sort((a, b) => a.doneAt.localeCompare(b.doneAt) || a.id.localeCompare(b.id))
    .slice(0, 5)
    .map((a) => `/actions/${a.id}`);
  expect(oldestFirst).toContain(`/actions/${action.id}`);
  await expect(check.getByRole("link")).toHaveCount(oldestFirst.length + 1); // and "See all"
  expect(await check.locator(".home-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("href")))).toEqual(
    oldestFirst,
  );
  await check.locator(`.home-row[href="/actions/${action.id}"]`).click();
  await expect(regional).toHaveURL(new RegExp(`/actions/${action.id}$`));
  const verified = apiResponse(regional, "PATCH", `/api/v1/actions/${action.id}`);
  await regional.getByRole("button", { name: "Verify", exact: true }).click();
  expect((await verified).status()).toBe(200);
  await expect(regional.locator(".action-detail > .badges")).toContainText("Verified");
  await expect(regional.locator('.action-history__event[data-type="action.verified"]')).toBeVisible();
});

test("head office's board on a wide screen: the filters in one row, no empty band under each action's chips", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, "admin@demo.test");
  await useEnglish(page);
  await page.goto("/actions");
  await expect(page.locator(".action-row").first()).toBeVisible();
  const tops = await page
    .locator(".action-filters select")
    .evaluateAll((selects) => selects.map((s) => Math.round(s.getBoundingClientRect().top)));
  expect(tops).toHaveLength(3);
  expect(new Set(tops).size).toBe(1);
  // "Every region" and "Every branch" are read whole, not cut to "Every regi…".
  for (const name of ["regionId", "branchId"]) {
    const clipped = await page
      .locator(`.action-filters select[name="${name}"]`)
      .evaluate((s) => s.getBoundingClientRect().width < 180);
    expect(clipped, name).toBe(false);
  }
  const band = await page
    .locator(".action-row")
    .first()
    .evaluate((row) => {
      const chips = row.querySelector(".badges")?.getBoundingClientRect();
      return chips ? row.getBoundingClientRect().bottom - chips.bottom : -1;
    });
  expect(band).toBeGreaterThanOrEqual(0);
  expect(band).toBeLessThanOrEqual(16);
  await context.close();
});
