/**
 * The forbidden-phrase check (issue 17), at 390×844: a shopper on a call audit pastes a
 * transcript, sees the phrases marked with better wordings, and confirms a suggestion with a
 * tap (nothing is answered before the tap); an admin adds a phrase to the list, and the check
 * finds it.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiAs, BASE_URL, signIn, unique } from "./helpers";

async function json<T>(response: Promise<import("@playwright/test").APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** Today's date in Shanghai (the demo branches' time zone), plus `days`. */
function shanghaiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + days * 86_400_000);
}

/** A mystery call at the Beijing call centre for shopper@demo.test, planned by the admin. */
async function planCall(api: APIRequestContext) {
  const checklists = await json<{ items: Array<{ channel: string; latestPublishedVersionId: string | null }> }>(
    api.get(`${BASE_URL}/api/v1/checklists`),
  );
  const versionId = checklists.items.find((c) => c.channel === "call_centre")?.latestPublishedVersionId;
  const shoppers = await json<{ items: Array<{ id: string; email: string }> }>(
    api.get(`${BASE_URL}/api/v1/users`, { params: { role: "shopper" } }),
  );
  const shopperId = shoppers.items.find((u) => u.email === "shopper@demo.test")?.id;
  const scenario = `E2E ${unique()}: ask why a repair is late`;
  const assignment = await json<{ id: string }>(
    api.post(`${BASE_URL}/api/v1/assignments`, {
      data: {
        branchId: "demo-branch-cc-bj",
        checklistVersionId: versionId,
        shopperId,
        windowStart: shanghaiDate(0),
        windowEnd: shanghaiDate(3),
        scenario,
      },
    }),
    201,
  );
  return { assignment, scenario };
}

test("a shopper checks a call transcript and confirms a suggestion with a tap", async ({ page, playwright }) => {
  const admin = await playwright.request.newContext();
  await apiAs(admin, "admin@demo.test");
  const { assignment, scenario } = await planCall(admin);

  await signIn(page, "shopper@demo.test");
  await page
    .getByRole("listitem")
    .filter({ hasText: scenario })
    .getByRole("link", { name: /Beijing/ })
    .click();
  await page.getByRole("button", { name: "Start call" }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${assignment.id}/form$`));

  await page.getByRole("button", { name: "Check a call transcript" }).click();
  await page
    .getByLabel("Call transcript", { exact: true })
    .fill(
      "Agent: Hello, this is Lin.\nCustomer: Where is my repair?\nAgent: Sorry, I don’t know.\n客服：说实话，这个办不了。",
    );
  await page.getByRole("button", { name: "Check for forbidden phrases" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 forbidden phrases found" })).toBeVisible();
  const marked = page.getByRole("region", { name: "Transcript with the phrases marked" });
  await expect(marked.locator("mark")).toHaveText(["I don’t know", "说实话", "办不了"]);
  await expect(marked).toContainText("Let me find that out for you.");
  await expect(marked).toContainText("我看看能怎么帮您。");

  // Suggestions, never answers: the question is still open until the shopper taps.
  const suggestion = page.locator('[data-suggestion="no_i_dont_know"]');
  await expect(suggestion).toContainText("Did the agent avoid saying 'I don't know'?");
  await expect(suggestion).toContainText("heard once: “I don’t know”");
  await suggestion.getByRole("button", { name: "Show the question" }).click();
  const question = page.locator('[data-item="no_i_dont_know"]');
  await expect(question).toBeFocused();
  await expect(question.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "false");
  await expect(question.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "false");

  await suggestion.getByRole("button", { name: "Mark as not done" }).click();
  await expect(suggestion).toContainText("Marked as not done");
  await expect(question.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");
  await expect(question.getByRole("textbox", { name: "Comment" })).toHaveValue(
    "Heard in the transcript: “I don’t know”",
  );
  // The other suggestions still wait for their own tap.
  await expect(
    page.locator('[data-suggestion="no_we_cant"]').getByRole("button", { name: "Mark as not done" }),
  ).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved on this phone" })).toBeVisible();
});

test("an admin adds a forbidden phrase, and the check finds it", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/checklists");
  await page.getByRole("link", { name: "Forbidden phrases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forbidden phrases" })).toBeVisible();
  await expect(page.locator('[data-phrase="I don\'t know"]')).toContainText("no_i_dont_know");

  const word = `calm down ${unique().toLowerCase()}`;
  await page.getByRole("button", { name: "Add a phrase" }).click();
  const form = page.getByRole("region", { name: "Add a phrase" });
  await form.getByLabel("Language").selectOption("en");
  await form.getByLabel("Phrase").fill(word);
  await form.getByLabel("Checklist question (key)").fill("stays_respectful");
  await form.getByLabel("Better wording").fill("I can hear this has been frustrating.");
  await form.getByRole("button", { name: "Add a phrase" }).click();
  await expect(page.getByText("Phrase added.")).toBeVisible();
  await expect(page.locator(`[data-phrase="${word}"]`)).toContainText("stays_respectful");

  const check = await json<{ matches: Array<{ text: string; itemKey: string }> }>(
    page.request.post("/api/v1/transcripts/check", { data: { text: `Agent: Please ${word.toUpperCase()}.` } }),
  );
  expect(check.matches).toEqual([expect.objectContaining({ text: word.toUpperCase(), itemKey: "stays_respectful" })]);
});
