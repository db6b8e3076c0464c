/**
 * A branch disputes an item and head office decides it (issue 14), each person in their own
 * browser: a report of Wangfujing (BJ-001) with two failed items arrives and the reviewer
 * publishes it (API); the branch manager, on a phone, disputes one item with a reason and a
 * photo; the reviewer who published it may not decide it (conflict of interest); an admin who
 * did not review it decides it, on a desktop, `overturned`, with the impact before → after; the
 * manager then reads the new score, the outcome and the arbiter's reason on the report.
 */
import { deflateSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiContextAs, BASE_URL, openAs, publishReport, reportArrives } from "./helpers";

/** The two items the shopper failed (yes/no items of the default store checklist). */
const FAILED = ["introduces_self", "uses_customer_name"];

/** A report of BJ-001 with the two FAILED items, published by the reviewer. */
async function publishedReport(browser: Browser): Promise<string> {
  const arrived = await reportArrives(browser, {
    scenario: "Ask about a coat in another size.",
    staffDescription: "Short hair, blue shirt.",
    overallComment: "Helpful, but no introduction.",
    failed: FAILED,
  });
  return publishReport(browser, arrived);
}

/** A small valid PNG (an 8×8 grey square), as a photo picked on the phone. */
function png(): Buffer {
  const crc = (data: Buffer) => {
    let c = ~0;
    for (const byte of data) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill(128)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The branch manager's name (worker/seed/demo.ts): never on an arbiter's screen. */
const MANAGER_NAME = "Li Na";
const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

test("a manager disputes an item on the phone, an admin overturns it, the manager sees the new score", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const id = await publishedReport(browser);

  // The branch manager, on a phone, disputes the first failed item with a reason and a photo.
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  await manager.goto(`/reports/${id}`);
  await manager.getByRole("button", { name: "Dispute items" }).click();
  const form = manager.locator("form.raise-form");
  await expect(form.locator(".raise-item")).toHaveCount(FAILED.length);
  // Sending nothing says what is missing, in words.
  await form.getByRole("button", { name: "Send the dispute" }).click();
  await expect(form.getByRole("alert")).toHaveText("Choose at least one item to dispute.");
  const item = form.locator(`.raise-item[data-item="${FAILED[0]}"]`);
  await expect(item).toContainText("Shopper's answer");
  // Why it lost points: the rule and what it scored, not the answer again ("No fails.").
  await expect(item).toContainText("Only “Yes” passes, so it scored 0 of its weight");
  await expect(item).not.toContainText("No fails.");
  await item.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Send the dispute" }).click();
  await expect(item.getByText("Say why this item should count differently.")).toBeVisible();
  // The missing reason is far above the send button on a phone: focus (and the screen) moves to it.
  await expect(item.getByLabel("Your reason")).toBeFocused();
  await expect(item.getByLabel("Your reason")).toBeInViewport();
  const reason = "Our CCTV shows the associate gave her name at the door.";
  await item.getByLabel("Your reason").fill(reason);
  await item.locator('input[type="file"]').setInputFiles({ name: "door.png", mimeType: "image/png", buffer: png() });
  await expect(item.locator("img.raise-photo__thumb")).toBeVisible();
  const uploaded = manager.waitForResponse(
    (r) => r.request().method() === "PUT" && /\/api\/v1\/evidence\//.test(r.url()),
  );
  const raised = manager.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith(`/audits/${id}/disputes`),
  );
  await form.getByRole("button", { name: "Send the dispute" }).click();
  expect([200, 201]).toContain((await uploaded).status());
  expect((await raised).status()).toBe(201);
  await expect(manager.getByRole("status").filter({ hasText: "Dispute sent." })).toBeVisible();
  const card = manager.getByTestId("dispute-card");
  await expect(card).toContainText(reason);
  await expect(card).toContainText("Waiting for head office to decide.");
  await expect(card.locator(".dispute-item__photo img")).toBeVisible();
  // One open dispute per report: the button is gone while this one waits.
  await expect(manager.getByRole("button", { name: "Dispute items" })).toHaveCount(0);
  await manager.screenshot({ path: "test-results/disputes-manager-raised.png", fullPage: true });

  // The reviewer who published the report may not decide its dispute.
  const reviewer = await openAs(browser, "reviewer@demo.test", DESKTOP);
  await reviewer.goto("/disputes");
  await expect(reviewer.getByRole("heading", { name: "Disputes to decide" })).toBeVisible();
  const disputes = await (await reviewer.request.get(`${BASE_URL}/api/v1/disputes?status=open`)).json();
  const dispute = disputes.items.find((d: { auditId: string }) => d.auditId === id);
  expect(dispute).toBeTruthy();
  // Blind: the arbiter never gets the raiser's name.
  expect(dispute.raisedBy).toBeNull();
  // They learn it before filling anything in: the page says so and offers no decision form.
  await reviewer.goto(`/disputes/${dispute.id}`);
  await expect(reviewer.getByText("You reviewed this report, so someone else must decide its dispute.")).toBeVisible();
  await expect(reviewer.locator(".decision-form")).toHaveCount(0);
  // The API refuses them all the same.
  const refused = await reviewer.request.post(`${BASE_URL}/api/v1/disputes/${dispute.id}/decisions`, {
    data: { version: dispute.version, items: [{ itemKey: dispute.items[0].itemKey, outcome: "upheld", reason: "x" }] },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("conflict_of_interest");

  // An admin who did not review it overturns the item, on a desktop.
  const admin = await openAs(browser, "admin@demo.test", DESKTOP);
  await admin.goto("/disputes");
  await expect(admin.getByRole("heading", { name: "Disputes to decide" })).toBeVisible();
  // On a wide screen the filters take one row (the shared grid kept 2/5 of it for a search box).
  const filterTops = await admin
    .locator(".dispute-filters select")
    .evaluateAll((selects) => selects.map((s) => Math.round(s.getBoundingClientRect().top)));
  expect(filterTops).toHaveLength(3);
  expect(new Set(filterTops).size).toBe(1);
  // One link per row for assistive technology (the title); the "View" button repeats it for the eye only.
  const queued = admin.locator(`.dispute-row[data-id="${dispute.id}"]`);
  await expect(queued.getByRole("link")).toHaveCount(1);
  // Each row names its report's visit and checklist (a branch's disputes told apart).
  await expect(queued.getByTestId("dispute-row-visit")).toHaveText(/^Visit of \d{1,2} \w{3} \d{4} · Store visit$/);
  await queued.getByRole("link", { name: /^Open the dispute of BJ-001/ }).click();
  await expect(admin.getByRole("heading", { name: "Decide a dispute" })).toBeVisible();
  await expect(admin.locator(".decision-form")).toContainText(reason);
  // Beside the disputed item, what the shopper answered and wrote for it: no scrolling to the report.
  const disputed = admin.locator(`.decision-item[data-item="${FAILED[0]}"]`);
  await expect(disputed.getByTestId("shopper-comment")).toHaveText(/^Shopper's comment\s*Not heard\.$/);
  await expect(disputed).toContainText("Only “Yes” passes, so it scored 0 of its weight");
  await expect(admin.locator("main")).not.toContainText(MANAGER_NAME);
  // The impact: the report's score now → with the item scored as met, by the one scoring rule.
  const impact = admin.getByTestId("dispute-impact");
  const now = (await impact.textContent()) ?? "";
  await admin
    .locator("form.decision-form")
    .getByRole("radio", { name: /^Overturned/ })
    .check();
  await expect(impact).not.toHaveText(now);
  const decided = admin.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/decisions"));
  await decide(admin, "The CCTV still shows the introduction.");
  expect((await decided).status()).toBe(200);
  await expect(admin.getByRole("status").filter({ hasText: "Decision sent." })).toBeVisible();
  await expect(admin.getByTestId("dispute-outcome")).toHaveText("Overturned");
  await admin.screenshot({ path: "test-results/disputes-admin-decided.png", fullPage: true });

  // The manager reads the outcome, the arbiter's reason and the new score on the report.
  await manager.reload();
  await expect(manager.getByTestId("dispute-outcome")).toHaveText("Overturned");
  await expect(card).toContainText("The CCTV still shows the introduction.");
  await expect(manager.getByTestId("dispute-score")).toContainText("→");
  const [scoreBefore, scoreAfter] = ((await manager.getByTestId("dispute-score").textContent()) ?? "")
    .replace("Score", "")
    .split("→")
    .map((s) => Number(s.trim()));
  expect(scoreAfter).toBeGreaterThan(scoreBefore ?? 100);
  await expect(manager.locator(".score__value")).toHaveText(String(scoreAfter?.toFixed(1)));
  await expect(manager.locator(`.ruling-note[data-ruling="met"]`)).toHaveText("Ruled met on dispute");
  await manager.screenshot({ path: "test-results/disputes-manager-decided.png", fullPage: true });
  // "Our disputes" lists every dispute of the branch, decided ones included, with the outcome.
  await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Disputes" }).click();
  await expect(manager.getByRole("heading", { name: "Our disputes" })).toBeVisible();
  const row = manager.locator(`.dispute-row[data-id="${dispute.id}"]`);
  // Every row is their one branch: each is titled by its report's visit instead.
  await expect(row.locator(".dispute-row__title")).toHaveText(/^Visit of \d{1,2} \w{3} \d{4}$/);
  await expect(row).toContainText("Store visit");
  await expect(row).toContainText("Decided");
  await expect(row).toContainText("Overturned");
});

/** Overturns the one disputed item with `reason` on the decision page and sends. */
async function decide(page: Page, reason: string) {
  const form = page.locator("form.decision-form");
  await form.getByRole("radio", { name: /^Overturned/ }).check();
  await form.getByLabel("Reason for the outcome").fill(reason);
  await form.getByRole("button", { name: "Send the decision" }).click();
}

test("an admin voids a disputed report after confirming, and the branch reads that it counts nowhere", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const id = await publishedReport(browser);
  const managerApi = await apiContextAs(browser, "manager@demo.test");
  const raised = await managerApi.post(`${BASE_URL}/api/v1/audits/${id}/disputes`, {
    data: { items: [{ itemKey: FAILED[1], reason: "The customer never gave a name." }] },
  });
  expect(raised.status(), await raised.text()).toBe(201);
  const dispute = await raised.json();

  // Desktop: upheld, with the whole report voided; the dialog asks first, and Cancel sends nothing.
  const admin = await openAs(browser, "admin@demo.test", DESKTOP);
  await admin.goto(`/disputes/${dispute.id}`);
  const form = admin.locator("form.decision-form");
  await form.getByRole("button", { name: "Send the decision" }).click();
  await expect(form.getByText("Choose an outcome.")).toBeVisible();
  await expect(form.getByText("Give a reason.")).toBeVisible();
  // Focus goes to the first refused field (the item's outcome), not left on the button below.
  await expect(form.getByRole("radio", { name: /^Upheld/ })).toBeFocused();
  await form.getByRole("radio", { name: /^Upheld/ }).check();
  await form.getByLabel("Reason for the outcome").fill("The recording has no name asked for.");
  await form.getByRole("radio", { name: /^Void the report/ }).check();
  await expect(admin.getByTestId("dispute-impact")).toContainText("Counts nowhere");
  await form.getByRole("button", { name: "Send the decision" }).click();
  const dialog = admin.getByRole("dialog", { name: "Void this report?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const decided = admin.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/decisions"));
  await form.getByRole("button", { name: "Send the decision" }).click();
  await dialog.getByRole("button", { name: "Send the decision" }).click();
  expect((await decided).status()).toBe(200);
  await expect(admin.getByText("Report voided", { exact: true })).toBeVisible();

  // The branch manager, on a phone, reads that the report counts nowhere; nothing left to dispute.
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  await manager.goto(`/reports/${id}`);
  await expect(manager.locator(".dispute-voided")).toHaveText(
    "This report was voided on dispute. It counts in no score, ranking or figure.",
  );
  await expect(manager.getByTestId("dispute-outcome")).toHaveText("Upheld");
  await expect(manager.getByRole("button", { name: "Dispute items" })).toHaveCount(0);
});
