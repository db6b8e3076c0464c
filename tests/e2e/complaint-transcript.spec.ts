/**
 * A phone complaint's transcript (docs/COMPLAINTS.md, "Forbidden phrases"): the manager of
 * Wangfujing picks "Phone" on the complaint form, pastes the call's text (the field appears only
 * for phone calls, and the draft keeps it), logs it, and on the complaint's page checks it: the
 * forbidden phrase is marked with the better wording beside it. An analyst reads the same check;
 * the complaint does not change.
 */
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, openAs } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test("a manager logs a phone complaint with its transcript and sees the forbidden phrase marked on its page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await openAs(browser, "manager@demo.test", PHONE);
  const product = `Kettle ${Date.now().toString(36)}`;
  const transcript = "Customer: The kettle leaks. Can you swap it?\nAgent: Sorry, I don't know how returns work here.";

  await manager.goto("/complaints/new");
  await expect(manager.getByLabel("Call transcript")).toHaveCount(0);
  await manager.getByRole("button", { name: "Phone", exact: true }).click();
  await manager.getByLabel("Product").fill(product);
  await manager.getByLabel("What went wrong").fill("The kettle leaks; the agent could not say how to return it.");
  await manager.getByLabel("Call transcript").fill(transcript);
  // The draft keeps the transcript like every other field.
  await manager.reload();
  await expect(manager.getByLabel("Call transcript")).toHaveValue(transcript);
  // Another channel hides it (and does not send it); back on the phone it is still there.
  await manager.getByRole("button", { name: "In store", exact: true }).click();
  await expect(manager.getByLabel("Call transcript")).toHaveCount(0);
  await manager.getByRole("button", { name: "Phone", exact: true }).click();
  await expect(manager.getByLabel("Call transcript")).toHaveValue(transcript);

  const created = apiResponse(manager, "POST", "/api/v1/complaints");
  await manager.getByRole("button", { name: "Log the complaint" }).click();
  const response = await created;
  expect(response.status(), await response.text()).toBe(201);
  const { complaint } = (await response.json()) as { complaint: { id: string; transcript: string; version: number } };
  expect(complaint.transcript).toBe(transcript);
  await expect(manager).toHaveURL(new RegExp(`/complaints/${complaint.id}$`));

  const section = manager.getByRole("region", { name: "Check for forbidden phrases" });
  await expect(section.getByRole("textbox")).toHaveValue(transcript);
  await expect(section.getByRole("textbox")).toHaveAttribute("readonly", "");
  await section.getByRole("button", { name: "Check for forbidden phrases" }).click();
  await expect(section.getByRole("status")).toHaveText("1 forbidden phrase found");
  await expect(section.locator("mark")).toHaveText(["I don't know"]);
  await expect(section.locator(".transcript-check__better")).toContainText("Let me find that out for you.");

  // An analyst reads the same check; nothing in the complaint changes.
  const analyst = await openAs(browser, "analyst@demo.test", { viewport: { width: 1280, height: 900 } });
  await analyst.goto(`/complaints/${complaint.id}`);
  const theirs = analyst.getByRole("region", { name: "Check for forbidden phrases" });
  await theirs.getByRole("button", { name: "Check for forbidden phrases" }).click();
  await expect(theirs.locator("mark")).toHaveText(["I don't know"]);
  const after = await analyst.request.get(`${BASE_URL}/api/v1/complaints/${complaint.id}`);
  expect(((await after.json()) as { complaint: { version: number } }).complaint.version).toBe(complaint.version);
});
