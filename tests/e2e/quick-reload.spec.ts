/**
 * Nothing entered is lost on a quick reload (issue 19): the shopper answers and the page reloads
 * (or the phone kills the tab) while the draft's IndexedDB write is still in flight. Unloading
 * aborts open IndexedDB transactions; the phone keeps the latest draft in a small journal
 * (localStorage, written when the page is hidden) and takes it back on the next open.
 *
 * IndexedDB is made slow deterministically: an init script keeps every transaction that writes
 * the drafts' store open for seconds after its put (chained reads), once `__slowDrafts` is set,
 * so the write cannot commit before the reload.
 */
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { BASE_URL, DEMO_PASSWORD, planStoreVisit, signIn } from "./helpers";

/** The drafts IndexedDB holds for an assignment (read straight from the store). */
function storedDraft(page: import("@playwright/test").Page, assignmentId: string) {
  return page.evaluate(
    (id) =>
      new Promise<{ answers: Array<{ item: string; value?: unknown; comment?: string }> } | null>((resolve, reject) => {
        const open = indexedDB.open("courtesy");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("drafts").objectStore("drafts").getAll();
          all.onsuccess = () => {
            open.result.close();
            const found = (all.result as Array<{ assignmentId: string; body: { answers: [] } }>).find(
              (d) => d.assignmentId === id,
            );
            resolve(found ? found.body : null);
          };
        };
      }),
    assignmentId,
  );
}

test.describe("a quick reload", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an answer typed right before the page reloads is still there after it", async ({ page }) => {
    test.setTimeout(90_000);
    const admin = await playwrightRequest.newContext({ baseURL: BASE_URL });
    expect(
      (
        await admin.post("/api/v1/auth/login", { data: { email: "admin@demo.test", password: DEMO_PASSWORD } })
      ).status(),
    ).toBe(200);
    const { assignment, scenario, doc } = await planStoreVisit(admin, "a quick reload");
    await admin.dispose();
    // Draft writes stay uncommitted for 5 s once the test says so (each page starts without).
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
        const request = put.apply(this, args);
        if (this.name === "drafts" && (window as { __slowDrafts?: boolean }).__slowDrafts) {
          const until = Date.now() + 5_000;
          const keepOpen = () => {
            if (Date.now() < until) this.count().onsuccess = keepOpen;
          };
          keepOpen();
        }
        return request;
      };
    });

    await signIn(page, "shopper@demo.test");
    await page
      .getByRole("listitem")
      .filter({ hasText: scenario })
      .getByRole("link", { name: "Beijing Wangfujing" })
      .click();
    await page.getByRole("button", { name: "Start visit" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${assignment.id}/form$`));
    await expect(page.getByText(`Section 1 of ${doc.sections.length}`)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Saved on this phone" })).toBeVisible();

    const question = page.locator('fieldset[data-item="greets_promptly"]');
    await question.getByRole("button", { name: "No", exact: true }).click();
    await expect(question.getByLabel("Comment")).toBeVisible();
    await page.evaluate(() => {
      (window as { __slowDrafts?: boolean }).__slowDrafts = true;
    });
    await question.getByLabel("Comment").fill("Nobody looked up for two minutes.");
    await expect(page.getByRole("status").filter({ hasText: /Saving/ })).toBeVisible();
    // The write is in flight: the page reloads now (unloading aborts it).
    await page.reload();

    await expect(page.getByText(`Section 1 of ${doc.sections.length}`)).toBeVisible();
    const again = page.locator('fieldset[data-item="greets_promptly"]');
    await expect(again.getByLabel("Comment")).toHaveValue("Nobody looked up for two minutes.");
    // And it is in IndexedDB again (the journal is only a bridge).
    await expect
      .poll(async () => (await storedDraft(page, assignment.id))?.answers.find((a) => a.item === "greets_promptly"))
      .toEqual({ item: "greets_promptly", value: false, comment: "Nobody looked up for two minutes." });
    await expect(page.getByRole("status").filter({ hasText: "Saved on this phone" })).toBeVisible();
  });
});
