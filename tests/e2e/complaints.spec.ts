/**
 * A complaint from the shop floor to the follow-up call, on a phone (390×844): the manager of
 * Wangfujing (BJ-001) logs it in the phone form (channel as a button, contact details behind
 * the consent tick, a category from the checklists; the draft survives a reload), acknowledges
 * it, proposes a refund, resolves it, finds it under "Follow-ups due" and records the
 * customer's satisfaction. An analyst at head office reads it without the contact details and
 * without the steps' forms. With no network the form keeps the complaint on the phone and sends
 * it, once, when the network is back. A step taken on an old copy gets the reload notice.
 */
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, openAs } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test("a manager logs a complaint on a phone and takes it to the follow-up; an analyst reads it without contact details", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  const product = `Winter coat ${Date.now().toString(36)}`;

  await manager.goto("/complaints/new");
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText("Log a complaint");
  // The branch they run is already chosen.
  await expect(manager.getByLabel("Branch")).toHaveValue("demo-branch-bj-001");
  await manager.getByRole("button", { name: "Phone", exact: true }).click();
  await expect(manager.getByRole("button", { name: "Phone", exact: true })).toHaveAttribute("aria-pressed", "true");
  await manager.getByLabel("Product").fill(product);
  await manager
    .getByLabel("What went wrong")
    .fill("The zip broke after two days; the assistant said returns were not her job.");

  // Nothing typed is lost: a reload brings the draft back.
  await manager.reload();
  await expect(manager.getByLabel("Product")).toHaveValue(product);
  await expect(manager.getByRole("button", { name: "Phone", exact: true })).toHaveAttribute("aria-pressed", "true");

  await manager.getByLabel("What the customer wants").fill("A refund");
  // Contact fields open only once the customer agrees.
  await expect(manager.getByLabel("Name")).toBeDisabled();
  await manager.getByLabel(/The customer agrees/).check();
  await manager.getByLabel("Name").fill("Wen Xiaoyu");
  await manager.locator("input[name=customerPhone]").fill("13800000000");
  await manager.getByPlaceholder("Search sections and items").fill("greet");
  const category = manager.locator(".complaint-taxonomy .check").first();
  await category.locator("input").check();
  await expect(manager.locator(".complaint-chips .complaint-chip")).toHaveCount(1);
  await manager.getByLabel("Tags").fill("returns, zip");

  const created = apiResponse(manager, "POST", "/api/v1/complaints");
  await manager.getByRole("button", { name: "Log the complaint" }).click();
  const createdResponse = await created;
  expect(createdResponse.status(), await createdResponse.text()).toBe(201);
  const { complaint } = (await createdResponse.json()) as { complaint: { id: string } };
  await expect(manager).toHaveURL(new RegExp(`/complaints/${complaint.id}$`));
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("New");
  await expect(manager.locator("[data-deadline=acknowledge]")).toContainText(/Acknowledge: due in \d+ (min|h|days?)/);
  await expect(manager.getByTestId("complaint-contact")).toContainText("Wen Xiaoyu");

  // Acknowledge (one tap), propose a refund, resolve.
  const next = manager.getByRole("region", { name: "Next step" });
  await next.getByRole("button", { name: "Acknowledge" }).click();
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("Acknowledged");

  await next.getByRole("button", { name: "Propose a remedy" }).click();
  await next.getByLabel("Remedy", { exact: true }).selectOption("refund");
  await next.getByLabel("Amount").fill("25.50");
  await next.getByLabel("Note").fill("Full refund at the till, no receipt needed.");
  await next.getByRole("button", { name: "Save" }).click();
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("Remedy proposed");
  await expect(manager.getByRole("region", { name: "What happened" })).toContainText("Refund · 25.50");

  await next.getByRole("button", { name: "Resolve" }).click();
  await next.getByLabel("How it was resolved").fill("Refunded; the team was reminded that returns are everyone's job.");
  await next.getByRole("button", { name: "Save" }).click();
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("Resolved");

  // The log lists it under the follow-ups due.
  await manager.goto("/complaints");
  const followUps = manager.getByRole("list", { name: "Follow-ups due" });
  await expect(followUps.getByRole("link", { name: product })).toBeVisible();
  await followUps.getByRole("link", { name: product }).click();

  await manager
    .getByRole("region", { name: "Next step" })
    .getByRole("button", { name: "Record the follow-up" })
    .click();
  await manager.getByRole("button", { name: "4 of 5" }).click();
  await manager.getByLabel("What they said").fill("Happy with the refund, will come back.");
  const followed = apiResponse(manager, "POST", `/api/v1/complaints/${complaint.id}/follow-up`);
  await manager.getByRole("button", { name: "Save" }).click();
  expect((await followed).status()).toBe(200);
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("Followed up");
  const steps = manager.getByRole("region", { name: "Steps" }).locator(".complaint-timeline__step");
  await expect(steps).toHaveText([
    /^Logged/,
    /^Acknowledged/,
    /^Remedy proposed.*Refund/,
    /^Resolved/,
    /^Followed up.*4 of 5/,
  ]);

  // Head office's analyst reads it on a desktop, without the customer's contact details or the steps' forms.
  const analyst = await openAs(browser, "analyst@demo.test", { viewport: { width: 1280, height: 900 } });
  await analyst.goto(`/complaints/${complaint.id}`);
  await expect(analyst.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(analyst.getByRole("region", { name: "What happened" })).toContainText(
    "Only the branch and head office admins see the customer's contact details.",
  );
  await expect(analyst.getByText("Wen Xiaoyu")).toHaveCount(0);
  await expect(analyst.getByText("13800000000")).toHaveCount(0);
  await expect(analyst.getByRole("region", { name: "Next step" })).toHaveCount(0);
  await expect(analyst.getByRole("link", { name: "Log a complaint" })).toHaveCount(0);

  // The language switch changes the whole page: facts, chips, steps, the navigation.
  const pick = async (name: "中文" | "EN") => {
    await analyst.locator(".profile__button").click();
    const saved = apiResponse(analyst, "PATCH", "/api/v1/me");
    await analyst.getByRole("button", { name, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await analyst.keyboard.press("Escape");
  };
  await pick("中文");
  await expect(analyst.getByRole("region", { name: "投诉经过" })).toContainText(
    "顾客的联系方式仅门店和总部管理员可见。",
  );
  await expect(analyst.locator(".complaint-detail > .badges")).toHaveText("已回访");
  await expect(analyst.getByRole("region", { name: "处理记录" }).locator(".complaint-timeline__what")).toHaveText([
    "已登记",
    "已受理",
    "提出补救",
    "已解决",
    "已回访",
  ]);
  await expect(analyst.getByRole("navigation").getByRole("link", { name: "投诉" })).toBeVisible();
  await expect(analyst.getByText("What happened")).toHaveCount(0);
  await pick("EN");
});

test("offline, the form keeps the complaint on the phone and sends it once when the network is back", async ({
  browser,
}) => {
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  const product = `Umbrella ${Date.now().toString(36)}`;
  await manager.goto("/complaints/new");
  await manager.getByRole("button", { name: "In store", exact: true }).click();
  await manager.getByLabel("Product").fill(product);
  await manager.getByLabel("What went wrong").fill("Nobody at the till for ten minutes.");

  await manager.context().setOffline(true);
  await manager.getByRole("button", { name: "Log the complaint" }).click();
  await expect(manager.getByTestId("complaint-queued")).toHaveText(
    "Saved on this phone. It sends as soon as you are online.",
  );
  await expect(manager.getByTestId("complaints-waiting")).toContainText("1 complaint waiting on this phone");
  // The form starts over for the next customer.
  await expect(manager.getByLabel("Product")).toHaveValue("");

  const sent = apiResponse(manager, "POST", "/api/v1/complaints");
  await manager.context().setOffline(false);
  await manager.evaluate(() => window.dispatchEvent(new Event("online")));
  expect((await sent).status()).toBe(201);
  await expect(manager.getByText("1 complaint saved on this phone has been sent.")).toBeVisible();

  await manager.goto("/complaints");
  await expect(manager.getByRole("list", { name: "All complaints" }).getByRole("link", { name: product })).toHaveCount(
    1,
  );
});

test("a step taken on an old copy says someone else changed it and reloads the current one", async ({ browser }) => {
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  const id = crypto.randomUUID();
  const created = await manager.request.post(`${BASE_URL}/api/v1/complaints`, {
    data: {
      id,
      branchId: "demo-branch-bj-001",
      channel: "in_store",
      receivedAt: new Date().toISOString(),
      problem: "The fitting rooms were locked.",
      product: `Jeans ${Date.now().toString(36)}`,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await manager.goto(`/complaints/${id}`);
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("New");

  // A colleague acknowledges it meanwhile.
  const other = await manager.request.post(`${BASE_URL}/api/v1/complaints/${id}/steps`, {
    data: { version: 1, step: "acknowledge" },
  });
  expect(other.status(), await other.text()).toBe(200);

  await manager.getByRole("region", { name: "Next step" }).getByRole("button", { name: "Acknowledge" }).click();
  await expect(manager.getByTestId("stale-notice")).toBeVisible();
  await manager.getByTestId("stale-notice").getByRole("button").click();
  await expect(manager.locator(".complaint-detail > .badges")).toContainText("Acknowledged");
  await expect(manager.getByTestId("stale-notice")).toHaveCount(0);
});
