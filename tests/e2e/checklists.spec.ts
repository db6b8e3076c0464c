import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, navLinks, signIn, unique } from "./helpers";

// Under Playwright, a page controlled by a service worker still reaches the server while the
// context is "offline" (the page sees a network error, the request goes through anyway). The
// builder's offline test is about its own copy on the device, so these tests run without the
// app's service worker (tests/e2e/shopper.spec.ts covers it).
test.use({ serviceWorkers: "block" });

/** The builder shows one view at a time on phones ("Edit | Preview"), both side by side on wide screens. */
async function showView(page: Page, view: "Edit" | "Preview") {
  const tab = page.getByRole("tab", { name: view });
  if ((await tab.count()) > 0) {
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
  }
}

/** Waits until autosave has stored every change (never a fixed sleep). */
async function allSaved(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
}

/** An item card of the builder, by its number in the checklist. */
function itemCard(scope: Page | Locator, number: number): Locator {
  return scope.getByRole("listitem", { name: new RegExp(`^Item ${number}:`) });
}

/** Publishes the open draft through the confirmation dialog and waits for the checklist page. */
async function publish(page: Page, version: number) {
  const button = page.getByRole("button", { name: "Publish", exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole("dialog", { name: `Publish version ${version}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("permanent");
  const published = apiResponse(page, "POST", /\/api\/v1\/checklist-versions\/[^/]+\/publish$/);
  await dialog.getByRole("button", { name: `Publish version ${version}` }).click();
  expect((await published).status()).toBe(200);
  await expect(page).toHaveURL(/\/checklists\/[^/]+$/);
  await expect(page.getByText(`Version ${version} published.`)).toBeVisible();
}

/** A checklist with one section and one question, made through the API; answers its draft version. */
async function createDraftChecklist(page: Page, name: string): Promise<{ id: string }> {
  const created = await page.request.post("/api/v1/checklists", {
    data: {
      name: { en: name, zh: "离线测试" },
      channel: "store",
      sections: [
        {
          key: "welcome",
          title: { en: "Welcome", zh: "迎接" },
          weight: 1,
          items: [
            {
              key: "greets",
              kind: "yes_no",
              prompt: { en: "Were you greeted?", zh: "是否有人问候您？" },
              guidance: { en: "", zh: "" },
              weight: 1,
              critical: "none",
              naAllowed: false,
              evidenceOnFail: "none",
            },
          ],
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).version;
}

/** A second admin in a browser of their own (own cookies, own storage). */
async function secondBrowser(browser: Browser): Promise<{ other: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: "en-GB",
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  const other = await context.newPage();
  const errors: string[] = [];
  other.on("pageerror", (error) => errors.push(error.message));
  await signIn(other, "admin@demo.test");
  return {
    other,
    close: async () => {
      await context.close();
      expect(errors, "page errors in the second browser").toEqual([]);
    },
  };
}

const viewports = [
  { name: "desktop", use: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false } },
  { name: "phone", use: {} },
];

for (const viewport of viewports) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use(viewport.use);

    test("admin builds a checklist from a blank sheet, tries it, publishes it, then publishes a change", async ({
      page,
    }) => {
      const name = `E2E checklist ${unique()}`;
      await signIn(page, "admin@demo.test");
      expect(await navLinks(page)).toContain("Checklists");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Checklists" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Checklists" })).toBeVisible();

      // A blank sheet: name and channel, then straight into the builder.
      await page.getByRole("link", { name: "New checklist" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "New checklist" })).toBeVisible();
      await expect(page.getByRole("radio", { name: /Blank sheet/ })).toBeChecked();
      await page.getByLabel("Name in English").fill(name);
      await page.getByLabel("Name in Chinese").fill(`测试清单 ${name.slice(-6)}`);
      await page.getByLabel("Channel").selectOption("call_centre");
      const created = apiResponse(page, "POST", "/api/v1/checklists");
      await page.getByRole("button", { name: "Create checklist" }).click();
      expect((await created).status()).toBe(201);
      await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
      await expect(page.getByText("Version 1 · draft · Call centre")).toBeVisible();
      await allSaved(page);

      // A second section with a yes/no item and a number item.
      await page.getByRole("button", { name: "Add section" }).click();
      const section = page.getByRole("region", { name: /^Section 2/ });
      await section.getByLabel("Title in English").fill("Phone manner");
      await section.getByLabel("Title in Chinese").fill("电话礼仪");

      await section.getByRole("button", { name: "Add item" }).click();
      await section.getByRole("button", { name: /^Yes \/ No/ }).click();
      const greeting = itemCard(section, 2);
      await expect(greeting.getByLabel("Question in English")).toBeFocused();
      await greeting.getByLabel("Question in English").fill("Did the agent give their name?");
      await greeting.getByLabel("Question in Chinese").fill("客服是否报出自己的姓名？");

      await section.getByRole("button", { name: "Add item" }).click();
      await section.getByRole("button", { name: /^Number/ }).click();
      const rings = itemCard(section, 3);
      await rings.getByLabel("Question in English").fill("How many rings before the call was answered?");
      await rings.getByLabel("Question in Chinese").fill("电话接通前响了几声？");
      await rings.getByLabel("Unit").selectOption("rings");

      // The number item has no pass range yet: the problem shows at its field and blocks publishing.
      await expect(rings.getByText("Give a minimum, a maximum or both.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "1 problem to fix before publishing" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();
      await rings.getByLabel("Passes up to").fill("3");
      await expect(rings.getByText("Give a minimum, a maximum or both.")).toHaveCount(0);
      await expect(page.getByText("No problems: ready to publish.")).toBeVisible();
      await allSaved(page);

      // Preview it as the shopper sees it, and try answers.
      await showView(page, "Preview");
      const phone = page.getByRole("region", { name: "Shopper's screen" });
      await page.getByRole("switch", { name: "Try answers" }).check();
      await expect(page.getByRole("status", { name: "Score" })).toHaveText("No score yet");
      await expect(phone.getByRole("heading", { name: "Welcome" })).toBeVisible();
      await phone.getByRole("button", { name: "Next" }).click();
      await expect(phone.getByRole("heading", { name: "Phone manner" })).toBeVisible();
      await phone
        .getByRole("group", { name: /Did the agent give their name/ })
        .getByRole("button", { name: "Yes" })
        .click();
      await phone.getByRole("spinbutton", { name: /How many rings/ }).fill("5");
      // Yes passes, 5 rings > max 3 fails: one of two in the only answered section, equal weights.
      await expect(page.getByRole("status", { name: "Score" })).toHaveText("50.0");
      await expect(page.getByText("Earned 1 of 2 · 50.0% · weight 1")).toBeVisible();
      await expect(page.getByText("5 rings is above the maximum of 3.")).toBeVisible();
      await expect(page.getByText("1 question isn't answered yet: the score may still change.")).toBeVisible();
      // A failed item that asks for a comment says so.
      await expect(phone.getByText("A comment is needed because this failed.")).toBeVisible();
      // Answer the first section's question too: 100 × (1 × 1 + 1 × 0.5) / 2 = 75.
      await phone.getByRole("button", { name: "Previous" }).click();
      await phone
        .getByRole("group", { name: /Did the staff member greet you/ })
        .getByRole("button", { name: "Yes" })
        .click();
      await expect(page.getByRole("status", { name: "Score" })).toHaveText("75.0");
      await expect(page.getByText("Every scored item is answered.")).toBeVisible();

      // Publish version 1.
      await showView(page, "Edit");
      await publish(page, 1);
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      const versions = page.getByRole("region", { name: "Versions" });
      await expect(versions.getByRole("listitem").filter({ hasText: "Version 1" })).toContainText("Published");

      // A new draft: change the pass range of the rings item, publish version 2.
      const drafted = apiResponse(page, "POST", /\/api\/v1\/checklists\/[^/]+\/drafts$/);
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      expect((await drafted).status()).toBe(201);
      await expect(page.getByText("Version 2 · draft · Call centre")).toBeVisible();
      const ringsAgain = itemCard(page, 3);
      await ringsAgain.getByRole("button", { name: /How many rings/ }).click();
      await ringsAgain.getByLabel("Passes up to").fill("4");
      await allSaved(page);
      await publish(page, 2);

      const v2 = versions.getByRole("listitem").filter({ hasText: "Version 2" });
      await expect(v2).toContainText("Published");
      await expect(v2.getByText("Changes from version 1")).toBeVisible();
      const change = v2.locator(".diff__row");
      await expect(change).toHaveCount(1);
      await expect(change).toContainText("Changed");
      await expect(change).toContainText("How many rings before the call was answered?");
      await expect(change).toContainText("changed: pass range");
    });
  });
}

test("an import that breaks the rules is refused with every problem named by where it is", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/checklists/new");
  await page.getByRole("radio", { name: /Import a file/ }).check();
  const document = {
    name: { en: `E2E import ${unique()}`, zh: "导入测试" },
    channel: "store",
    sections: [
      {
        key: "welcome",
        title: { en: "Welcome", zh: "迎接" },
        weight: 1,
        items: [
          {
            key: "mood",
            kind: "scale",
            prompt: { en: "How friendly was the greeting?", zh: "问候有多友好？" },
            guidance: { en: "", zh: "" },
            weight: 1,
            critical: "audit",
            naAllowed: false,
            evidenceOnFail: "none",
            min: 1,
            max: 5,
          },
        ],
      },
    ],
  };
  await page.getByLabel("JSON file", { exact: true }).setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await expect(page.getByText(/1 sections, 1 items/)).toBeVisible();
  const refused = apiResponse(page, "POST", "/api/v1/checklists");
  await page.getByRole("button", { name: "Import checklist" }).click();
  expect((await refused).status()).toBe(400);
  const alert = page.getByRole("alert").filter({ hasText: "wasn't imported" });
  await expect(alert).toContainText("Section 1 “Welcome” › Item 1 “How friendly was the greeting?” › When it fails");
  await expect(alert).toContainText("Only yes/no and number items can be critical.");
  await expect(alert).toContainText("sections[0].items[0].critical");
});

test("a reviewer reads published checklists and tries answers, but cannot change anything", async ({ page }) => {
  await signIn(page, "reviewer@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Checklists" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checklists" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New checklist" })).toHaveCount(0);
  await page.getByRole("link", { name: /Store visit/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Store visit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);

  // Any version exports as the exact document, ready to import elsewhere.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export version 1 as a JSON file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("store-visit-v1.json");
  const exported = JSON.parse(await readFile(await file.path(), "utf8"));
  expect(Object.keys(exported)).toEqual(["name", "channel", "sections"]);
  expect(exported.name).toEqual({ en: "Store visit", zh: "门店到访" });
  expect(exported.sections.flatMap((s: { items: unknown[] }) => s.items)).toHaveLength(32);

  await page.getByRole("link", { name: "Preview version 1" }).click();
  await page.getByRole("switch", { name: "Try answers" }).check();
  const phone = page.getByRole("region", { name: "Shopper's screen" });
  await phone.getByRole("group").first().getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("status", { name: "Score" })).toHaveText("100.0");
});

test("nothing typed is lost: changes made offline stay on the device and are offered back", async ({
  page,
  context,
}) => {
  const name = `E2E offline ${unique()}`;
  await signIn(page, "admin@demo.test");
  const version = await createDraftChecklist(page, name);
  await page.goto(`/checklist-versions/${version.id}/edit`);
  await allSaved(page);

  // The network drops while typing: the change is not saved, and the page says so.
  await context.setOffline(true);
  await page.getByLabel("Name in English").fill(`${name} (renamed offline)`);
  await expect(page.getByRole("status").filter({ hasText: "Not saved" })).toBeVisible();
  await expect(page.getByText("Not saved: you're offline.")).toBeVisible();
  await page.close();

  // Back online, in a new tab: the copy kept on this device is offered, with what it changes.
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`/checklist-versions/${version.id}/edit`);
  await expect(again.getByRole("heading", { name: "Changes found on this device" })).toBeVisible();
  await expect(again.getByText(`Name changed: “${name}” → “${name} (renamed offline)”`)).toBeVisible();
  const saved = apiResponse(again, "PUT", `/api/v1/checklist-versions/${version.id}`);
  await again.getByRole("button", { name: "Restore my changes" }).click();
  expect((await saved).status()).toBe(200);
  await allSaved(again);
  await expect(again.getByLabel("Name in English")).toHaveValue(`${name} (renamed offline)`);
  const stored = await (await again.request.get(`/api/v1/checklist-versions/${version.id}`)).json();
  expect(stored.document.name.en).toBe(`${name} (renamed offline)`);
});

test("an empty field never stops autosave: another browser opens exactly what was typed", async ({ page, browser }) => {
  const name = `E2E unfinished ${unique()}`;
  await signIn(page, "admin@demo.test");
  const version = await createDraftChecklist(page, name);
  await page.goto(`/checklist-versions/${version.id}/edit`);
  await allSaved(page);

  // A new question written only in English, and the Chinese name cleared: both saved as they are.
  const section = page.getByRole("region", { name: /^Section 1/ });
  await section.getByRole("button", { name: "Add item" }).click();
  await section.getByRole("button", { name: /^Yes \/ No/ }).click();
  const added = itemCard(section, 2);
  let saved = apiResponse(page, "PUT", `/api/v1/checklist-versions/${version.id}`);
  await added.getByLabel("Question in English").fill("Was the fitting room offered?");
  expect((await saved).status()).toBe(200);
  saved = apiResponse(page, "PUT", `/api/v1/checklist-versions/${version.id}`);
  await page.getByLabel("Name in Chinese").fill("");
  expect((await saved).status()).toBe(200);
  await allSaved(page);
  await expect(page.getByText("Not saved")).toHaveCount(0);
  // Still unfinished, so it cannot be published: the problems say what is missing.
  await expect(page.getByRole("heading", { name: "2 problems to fix before publishing" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();

  const { other, close } = await secondBrowser(browser);
  try {
    await other.goto(`/checklist-versions/${version.id}/edit`);
    await allSaved(other);
    await expect(other.getByLabel("Name in Chinese")).toHaveValue("");
    const card = itemCard(other, 2);
    await card.getByRole("button", { name: /Was the fitting room offered/ }).click();
    await expect(card.getByLabel("Question in English")).toHaveValue("Was the fitting room offered?");
    await expect(card.getByLabel("Question in Chinese")).toHaveValue("");
  } finally {
    await close();
  }
});

test("two admins on one draft: the later save is refused with a notice, nothing is overwritten, reload shows theirs", async ({
  page,
  browser,
}) => {
  const name = `E2E conflict ${unique()}`;
  await signIn(page, "admin@demo.test");
  const version = await createDraftChecklist(page, name);
  await page.goto(`/checklist-versions/${version.id}/edit`);
  await allSaved(page);

  const { other, close } = await secondBrowser(browser);
  try {
    await other.goto(`/checklist-versions/${version.id}/edit`);
    await allSaved(other);
    await other.getByLabel("Name in English").fill(`${name} (theirs)`);
    await allSaved(other);

    // This browser still edits the revision it loaded: its save is refused, not applied.
    const refused = apiResponse(page, "PUT", `/api/v1/checklist-versions/${version.id}`);
    await page.getByLabel("Name in Chinese").fill("冲突测试（我的）");
    const answer = await refused;
    expect(answer.status()).toBe(409);
    expect(await answer.json()).toMatchObject({ code: "stale_version", revision: 2 });
    await expect(page.getByRole("status").filter({ hasText: "Not saved: edited elsewhere" })).toBeVisible();
    const notice = page.getByRole("alert").filter({ hasText: "Someone else saved this draft" });
    await expect(notice).toBeVisible();
    await expect(page.getByText("All changes saved")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();
    // Nothing more is sent, and further typing stays on the device.
    await page.getByLabel("Name in English").fill(`${name} (mine)`);

    // My version can leave the device as a file.
    const download = page.waitForEvent("download");
    await notice.getByRole("button", { name: "Download my version" }).click();
    const file = await download;
    const mine = JSON.parse(await readFile(await file.path(), "utf8"));
    expect(mine.name).toEqual({ en: `${name} (mine)`, zh: "冲突测试（我的）" });

    const stored = await (await page.request.get(`/api/v1/checklist-versions/${version.id}`)).json();
    expect(stored.revision).toBe(2);
    expect(stored.document.name).toEqual({ en: `${name} (theirs)`, zh: "离线测试" });

    // Reload: their version, with mine offered back (what it would change) from this device.
    await notice.getByRole("button", { name: "Reload the latest version" }).click();
    await expect(page.getByRole("heading", { name: "Changes found on this device" })).toBeVisible();
    await expect(page.getByText(`Name changed: “${name} (theirs)” → “${name} (mine)”`)).toBeVisible();
    await page.getByRole("button", { name: "Keep the saved draft" }).click();
    await expect(page.getByLabel("Name in English")).toHaveValue(`${name} (theirs)`);
    await allSaved(page);

    // From the reloaded revision, saving works again.
    const next = apiResponse(page, "PUT", `/api/v1/checklist-versions/${version.id}`);
    await page.getByLabel("Name in Chinese").fill("冲突测试");
    expect((await next).status()).toBe(200);
    await allSaved(page);
  } finally {
    await close();
  }
});
