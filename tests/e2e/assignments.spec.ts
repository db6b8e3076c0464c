/**
 * Planned visits, head office's side: an admin plans a visit to a call centre through the form
 * (only call-centre checklists are offered; mistakes are explained next to their field), finds
 * it in the list, and cancels it; a reviewer reads a submitted report with its photo; a branch
 * manager never sees planned visits.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, navLinks, signIn, useEnglish } from "./helpers";

interface ChecklistJson {
  name: { en: string };
  channel: string;
  status: string;
  latestPublishedVersionId: string | null;
  versions: Array<{ id: string; number: number }>;
}

/** Today's date in Shanghai (the demo branches' time zone), plus `days`. */
function shanghaiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + days * 86_400_000);
}

/** A window day as the form lists it: "Fri, 4 Dec 2026", "2026年12月4日周五". */
function dayLabel(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

async function json<T>(response: Promise<import("@playwright/test").APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** The labels the checklist select should offer for a channel: active checklists with a published version. */
async function expectedChecklistOptions(api: APIRequestContext, channel: string): Promise<string[]> {
  const { items } = await json<{ items: ChecklistJson[] }>(api.get("/api/v1/checklists"));
  return items
    .filter((c) => c.channel === channel && c.status === "active" && c.latestPublishedVersionId)
    .map((c) => {
      const number = c.versions.find((v) => v.id === c.latestPublishedVersionId)?.number;
      return `${c.name.en} · version ${number}`;
    })
    .sort();
}

/** The option labels of a select, without its placeholder. */
async function optionLabels(select: Locator): Promise<string[]> {
  const labels = await select
    .locator("option")
    .evaluateAll((options) =>
      options.filter((o) => (o as HTMLOptionElement).value !== "").map((o) => o.textContent?.trim() ?? ""),
    );
  return labels.sort();
}

test("admin plans a visit to a call centre, finds it in the list and cancels it", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  expect(await navLinks(page)).toContain("Visits planned");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits planned" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Visits planned" })).toBeVisible();

  await page.getByRole("link", { name: "Plan a visit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan a visit" })).toBeVisible();
  const checklist = page.getByLabel("Checklist");
  await expect(checklist).toBeDisabled();

  // Nothing chosen: each field says what it needs, next to it.
  let answered = apiResponse(page, "POST", "/api/v1/assignments");
  await page.getByRole("button", { name: "Plan visit" }).click();
  expect((await answered).status()).toBe(400);
  await expect(page.getByText("Choose the branch to visit.")).toBeVisible();
  await expect(page.getByText("Choose a mystery shopper.")).toBeVisible();
  await expect(page.getByText("Some fields need attention.")).toBeVisible();

  // A call centre: found by name, then only call-centre checklists are offered.
  await page.getByLabel("Branch", { exact: true }).fill("Shanghai Service");
  await page
    .getByRole("list", { name: "Matching branches" })
    .getByRole("button", { name: /Shanghai Service Hotline/ })
    .click();
  await expect(page.getByRole("button", { name: "Change branch" })).toBeFocused();
  await expect(checklist).toBeEnabled();
  // The window starts today in the branch's time zone (Asia/Shanghai) and lasts a week.
  await expect(page.getByLabel("From")).toHaveValue(shanghaiDate());
  await expect(page.getByLabel("Until")).toHaveValue(shanghaiDate(7));
  const expected = await expectedChecklistOptions(page.request, "call_centre");
  expect(expected).toContain("Call-centre call · version 1");
  expect(await optionLabels(checklist)).toEqual(expected);
  expect((await optionLabels(checklist)).some((label) => label.startsWith("Store visit"))).toBe(false);
  await checklist.selectOption({ label: "Call-centre call · version 1" });
  await page.getByLabel("Mystery shopper").selectOption({ label: "Sam Shopper · shopper@demo.test" });

  // The window's days are lists in the app's language, not the browser's date inputs.
  await expect(page.getByLabel("From")).toHaveJSProperty("tagName", "SELECT");
  await expect(page.getByLabel("From").locator("option:checked")).toHaveText(dayLabel("en-GB", shanghaiDate()));
  // A window that ends before it starts is refused, and said so under "Until".
  const start = shanghaiDate(40);
  await page.getByLabel("From").selectOption(start);
  await page.getByLabel("Until").selectOption(shanghaiDate(38));
  answered = apiResponse(page, "POST", "/api/v1/assignments");
  await page.getByRole("button", { name: "Plan visit" }).click();
  expect((await answered).status()).toBe(400);
  const until = page.getByLabel("Until");
  await expect(until).toHaveAttribute("aria-invalid", "true");
  await expect(until).toHaveAccessibleDescription(/The visit can't end before it starts\./);
  await expect(until).toBeFocused();
  await expect(page.getByText("Choose the branch to visit.")).toHaveCount(0);

  // Fixed, with an example scenario tapped in.
  await until.selectOption(shanghaiDate(45));
  const example = page.getByRole("button", { name: /^Ask how to return a faulty item/ });
  await example.click();
  await expect(example).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel(/^Scenario/)).toHaveValue(/^Ask how to return a faulty item/);
  answered = apiResponse(page, "POST", "/api/v1/assignments");
  await page.getByRole("button", { name: "Plan visit" }).click();
  const created = (await (await answered).json()) as { id: string };
  await expect(page).toHaveURL(new RegExp(`/assignments/${created.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Shanghai Service Hotline" })).toBeVisible();
  await expect(page.getByText("Visit planned. Sam Shopper sees it in their app now.")).toBeVisible();
  await expect(page.getByText("Call-centre call · version 1")).toBeVisible();
  await expect(page.getByText(/^Ask how to return a faulty item/)).toBeVisible();

  // In the list of open visits, narrowed to the branch.
  await page.getByRole("link", { name: "Visits planned" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Visits planned" })).toBeVisible();
  const row = page.locator(`a[href="/assignments/${created.id}"]`);
  await expect(row).toBeVisible();
  let listed = apiResponse(page, "GET", /\/api\/v1\/assignments\?.*branchId=/);
  await page.getByLabel("Search branches").fill("CC-SH");
  await page
    .getByRole("list", { name: "Matching branches" })
    .getByRole("button", { name: /Shanghai Service Hotline/ })
    .click();
  expect((await listed).status()).toBe(200);
  await expect(page).toHaveURL(/branchId=/);
  await expect(row).toBeVisible();
  const rows = page.getByRole("list", { name: "Visits planned" }).getByRole("listitem");
  await expect(rows.filter({ hasNotText: "Shanghai Service Hotline" })).toHaveCount(0);

  // Cancelled after a confirmation; the safe choice comes first.
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: "Shanghai Service Hotline" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel visit" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this visit?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep visit" })).toBeFocused();
  const cancelled = apiResponse(page, "PATCH", `/api/v1/assignments/${created.id}`);
  await dialog.getByRole("button", { name: "Cancel visit" }).click();
  expect((await cancelled).status()).toBe(200);
  await expect(page.getByText("Visit cancelled.")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("This visit was cancelled. Nothing more will happen with it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel visit" })).toHaveCount(0);

  // Gone from the open visits; there under "Cancelled".
  await page.getByRole("link", { name: "Visits planned" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Visits planned" })).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("open");
  await expect(row).toHaveCount(0);
  listed = apiResponse(page, "GET", /\/api\/v1\/assignments\?status=cancelled/);
  await page.getByLabel("Status").selectOption("cancelled");
  expect((await listed).status()).toBe(200);
  await expect(row).toBeVisible();
  await expect(page.locator("li", { has: row }).getByText("Cancelled", { exact: true })).toBeVisible();
});

/** A 64×48 JPEG drawn in the page, uploaded as evidence by the signed-in shopper; returns its SHA-256. */
async function uploadPhoto(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext("2d");
    if (!g) throw new Error("no 2d context");
    g.fillStyle = "#b3261e";
    g.fillRect(0, 0, 64, 48);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
    if (!blob) throw new Error("no JPEG");
    const bytes = await blob.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const sha = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    const put = await fetch(`/api/v1/evidence/${sha}`, {
      method: "PUT",
      headers: { "content-type": "image/jpeg" },
      body: bytes,
    });
    if (put.status !== 201 && put.status !== 200) throw new Error(`upload: HTTP ${put.status}`);
    return sha;
  });
}

test("the visit window's days follow a language switch at once", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await useEnglish(page);
  try {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits planned" }).click();
    await page.getByRole("link", { name: "Plan a visit" }).click();
    await page.getByLabel("Branch", { exact: true }).fill("Shanghai Service");
    await page
      .getByRole("list", { name: "Matching branches" })
      .getByRole("button", { name: /Shanghai Service Hotline/ })
      .click();
    const from = page.getByLabel("From");
    await from.selectOption(shanghaiDate(3));
    await expect(from.locator("option:checked")).toHaveText(dayLabel("en-GB", shanghaiDate(3)));
    // Today (in the branch's time zone) to 120 days ahead.
    await expect(from.locator("option").first()).toHaveAttribute("value", shanghaiDate());
    await expect(from.locator("option")).toHaveCount(121);

    await page.locator(".profile__button").click();
    const saved = apiResponse(page, "PATCH", "/api/v1/me");
    await page.getByRole("button", { name: "中文", exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.keyboard.press("Escape");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    // The same page (no reload): the choice is kept, every day now reads in Chinese.
    const start = page.getByLabel("开始日期");
    await expect(start).toHaveValue(shanghaiDate(3));
    await expect(start.locator("option:checked")).toHaveText(dayLabel("zh-CN", shanghaiDate(3)));
    await expect(start.locator("option:checked")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日周[一二三四五六日]$/);
    const end = page.getByLabel("截止日期");
    await expect(end.locator("option:checked")).toHaveText(dayLabel("zh-CN", shanghaiDate(7)));
    expect(await end.locator("option").allTextContents()).toContain(dayLabel("zh-CN", shanghaiDate(120)));
  } finally {
    // Leave the shared admin account in English for the other tests.
    await page.request.patch("/api/v1/me", { data: { locale: "en" } });
  }
});

test("a reviewer reads a submitted report: score, critical banner, answers, comments and photos", async ({
  page,
  browser,
}) => {
  // The admin plans a store visit (API), the shopper submits a report with a photo (API, from their page).
  await signIn(page, "admin@demo.test");
  const { items: checklists } = await json<{ items: ChecklistJson[] }>(page.request.get("/api/v1/checklists"));
  const store = checklists.find((c) => c.channel === "store" && c.name.en === "Store visit");
  const versionId = store?.latestPublishedVersionId;
  if (!versionId) throw new Error("no published Store visit checklist");
  const { items: shoppers } = await json<{ items: Array<{ id: string; email: string }> }>(
    page.request.get("/api/v1/users?role=shopper&status=active"),
  );
  const shopperId = shoppers.find((s) => s.email === "shopper@demo.test")?.id;
  const assignment = await json<{ id: string }>(
    page.request.post("/api/v1/assignments", {
      data: {
        branchId: "demo-branch-sh-001",
        checklistVersionId: versionId,
        shopperId,
        windowStart: shanghaiDate(-1),
        windowEnd: shanghaiDate(5),
        scenario: "Ask for a gift for about ¥500.",
      },
    }),
    201,
  );
  const version = await json<{
    document: {
      sections: Array<{
        items: Array<{
          key: string;
          kind: string;
          critical: string;
          evidenceOnFail: string;
          naAllowed: boolean;
          min?: number;
          max?: number;
          pass?: { min?: number; max?: number };
          options?: Array<{ key: string; points: number }>;
        }>;
      }>;
    };
  }>(page.request.get(`/api/v1/checklist-versions/${versionId}`));

  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  await signIn(shopper, "shopper@demo.test");
  const sha = await uploadPhoto(shopper);
  const items = version.document.sections.flatMap((s) => s.items);
  const critical = items.find((i) => i.kind === "yes_no" && i.critical === "audit");
  const withPhoto = items.find((i) => i.kind === "yes_no" && i.evidenceOnFail === "photo" && i.critical === "none");
  if (!critical || !withPhoto) throw new Error("the Store visit template changed: no critical or photo item");
  const answers = items.map((item) => {
    if (item.key === critical.key) return { item: item.key, value: false, comment: "Called another shop “useless”." };
    if (item.key === withPhoto.key)
      return { item: item.key, value: false, comment: "Price tag missing.", evidence: [sha] };
    switch (item.kind) {
      case "yes_no":
        return { item: item.key, value: true };
      case "number":
        return { item: item.key, value: item.pass?.max ?? item.pass?.min ?? 0 };
      case "scale":
        return { item: item.key, value: item.max };
      case "choice":
        return { item: item.key, value: [...(item.options ?? [])].sort((a, b) => b.points - a.points)[0]?.key };
      case "text":
        return { item: item.key, value: "Wei, tall, blue shirt" };
      default:
        return { item: item.key, evidence: item.kind === "photo" ? [sha] : undefined };
    }
  });
  const now = Date.now();
  const submitted = await shopper.request.put(`/api/v1/audits/${crypto.randomUUID()}`, {
    data: {
      assignmentId: assignment.id,
      checklistVersionId: versionId,
      contact: "visit",
      visitStartedAt: new Date(now - 35 * 60_000).toISOString(),
      visitEndedAt: new Date(now - 5 * 60_000).toISOString(),
      staffDescription: "Two staff on the floor.",
      overallComment: "Friendly, but one remark about a competitor.",
      answers,
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  await shopperContext.close();

  // The reviewer finds it among submitted visits and opens the report from the list.
  const reviewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const read = await reviewer.newPage();
  await signIn(read, "reviewer@demo.test");
  expect(await navLinks(read)).toContain("Visits planned");
  await read.goto(`/assignments?status=submitted&branchId=demo-branch-sh-001`);
  const reportLink = read.locator(`a[href="/assignments/${assignment.id}#report"]`);
  await expect(reportLink).toHaveText("Score report");
  const auditLoaded = read.waitForResponse((r) => /\/api\/v1\/audits\/[^/]+$/.test(new URL(r.url()).pathname));
  await reportLink.click();
  expect((await auditLoaded).status()).toBe(200);
  const report = read.getByRole("region", { name: "Report" });
  await expect(report.getByText("0.0", { exact: true })).toBeVisible();
  await expect(report.getByRole("alert")).toContainText("Critical failure");
  await expect(report.getByText("Called another shop “useless”.")).toBeVisible();
  await expect(report.getByText("Price tag missing.")).toBeVisible();
  await expect(report.getByText("Results by section")).toBeVisible();
  const photos = report.locator(`img[src="/api/v1/evidence/${sha}"]`);
  await expect(photos.first()).toBeVisible();
  await expect.poll(() => photos.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(64);
  await expect(read.getByRole("button", { name: "Cancel visit" })).toHaveCount(0);
  await reviewer.close();
});

test("a branch manager never sees planned visits", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  expect(await navLinks(page)).not.toContain("Visits planned");
  expect(await navLinks(page)).not.toContain("走访安排");
  await page.goto("/assignments");
  // Li Na's saved language is Chinese.
  await expect(page.getByRole("heading", { name: /^(Not available|无法访问)$/ })).toBeVisible();
});
