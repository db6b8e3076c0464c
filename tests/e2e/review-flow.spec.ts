/**
 * One report through the whole trust loop, each person in their own browser: head office plans a
 * visit to Wangfujing (BJ-001) and the shopper's report arrives (API); the reviewer claims it,
 * changes an answer with a reason and returns it with a question; the shopper answers on the
 * phone OFFLINE, then online; the reviewer claims it again, reads the answer and publishes; the
 * branch manager reads the report with the change and its reason, and nothing of the shopper.
 */
import { expect, test } from "./fixtures";
import { openAs, reportArrives } from "./helpers";

const DESKTOP = { viewport: { width: 1280, height: 900 } };

test("a report goes through review and back to the shopper, and reaches the branch with its reason", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const arrived = await reportArrives(browser, {
    scenario: "Ask about returning a jacket without a receipt.",
    staffDescription: "Tall, green apron.",
    overallComment: "Friendly and quick.",
  });
  expect(arrived.status).toBe("waiting");
  const id = arrived.id;

  // The reviewer claims it, changes an answer with a reason and returns it with a question.
  const reviewer = await openAs(browser, "reviewer@demo.test", DESKTOP);
  await reviewer.goto(`/review/${id}`);
  await reviewer.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(reviewer.getByTestId("review-status")).toHaveText("Claimed");
  // The first yes/no item (every answer came in as a pass): change it to a fail.
  const edits = reviewer.getByRole("button", { name: /^Edit the answer to/ });
  const form = reviewer.locator("form.edit-answer");
  for (let i = 0; ; i++) {
    await edits.nth(i).click();
    if ((await form.getByRole("radio").count()) === 2) break;
    await form.getByRole("button", { name: "Cancel" }).click();
  }
  await form.getByRole("radio", { name: "No" }).check();
  await form.getByLabel("Comment").fill("Not heard on the recording.");
  const reason = "The call recording has no greeting in the first minute";
  await form.getByLabel("Reason for the change").fill(reason);
  await expect(form.locator(".edit-answer__old")).toHaveText("yes");
  await expect(form.locator(".edit-answer__new")).toHaveText("no");
  await form.getByRole("button", { name: "Save the change" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: /^Answer changed: score .+ → .+\.$/ })).toBeVisible();
  await reviewer.getByRole("button", { name: "Return with questions" }).click();
  const question = "Which member of staff served you: the one at the till or at the fitting rooms?";
  await reviewer.getByLabel("Question 1", { exact: true }).fill(question);
  await reviewer.getByRole("button", { name: "Return to the shopper" }).click();
  await expect(reviewer.getByTestId("review-status")).toHaveText("Returned to the shopper");

  // The shopper answers on the phone, offline first.
  const phone = await openAs(browser, "shopper@demo.test", { viewport: { width: 390, height: 844 } });
  await phone.goto("/visits");
  const returned = phone.getByRole("region", { name: "Returned to you" });
  const card = returned.locator(".returned-card", { hasText: question });
  await expect(card).toBeVisible();
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await phone.context().setOffline(true);
  const answer = "The one at the till, with the green apron.";
  await card.getByLabel("Your answer").fill(answer);
  await card.getByRole("button", { name: "Send answers" }).click();
  await expect(card).toContainText("Answers kept on this phone, sent when there's a connection");
  const delivered = phone.waitForResponse((r) => r.request().method() === "POST" && /\/replies$/.test(r.url()));
  await phone.context().setOffline(false);
  expect((await delivered).status()).toBe(200);
  await expect(phone.locator(".returned-card", { hasText: question })).toHaveCount(0);

  // Back to the reviewer: the answer is there; claim again and publish.
  await reviewer.goto(`/review/${id}`);
  await expect(reviewer.getByText(answer).first()).toBeVisible();
  await reviewer.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(reviewer.getByTestId("review-status")).toHaveText("Claimed");
  await reviewer.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(reviewer.getByTestId("review-status")).toHaveText("Published");

  // The branch manager reads the change and its reason, and nothing of the shopper.
  const manager = await openAs(browser, "manager@demo.test", DESKTOP);
  await manager.goto(`/reports/${id}`);
  const history = manager.locator(".review-history");
  const change = history.locator('.timeline__item[data-type="audit.answer_edited"]');
  await expect(change).toContainText("A reviewer changed");
  await expect(change).toContainText("from yes to no");
  await expect(change).toContainText(`Reason: ${reason}`);
  const text = (await manager.locator("main").textContent()) ?? "";
  for (const hidden of ["Sam Shopper", "shopper@demo.test", question, answer]) expect(text).not.toContain(hidden);
});
