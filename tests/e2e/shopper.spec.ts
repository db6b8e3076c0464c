/**
 * The mystery shopper's phone app, end to end at 390×844: plan a visit as the admin (API),
 * then, as the shopper, open it, start it, fill the whole form (failed items that demand a
 * photo and a comment), lose the network, submit, reload with no network (the service worker
 * serves the app), get the network back, and check on the server that exactly one report
 * arrived, scored like `scoreAudit` scores the same answers, with its photo.
 */
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";
import { expect, test } from "./fixtures";
import { BASE_URL, DEMO_PASSWORD, signIn, unique } from "./helpers";

interface AssignmentJson {
  id: string;
  status: string;
  checklist: { versionId: string };
  audit: { id: string; submittedAt: string; late: boolean } | null;
}

interface AuditJson {
  id: string;
  assignmentId: string;
  score: number | null;
  contact: string;
  location: { lat: number; lng: number } | null;
  staffDescription: string;
  answers: Array<{
    item: string;
    value?: unknown;
    na?: boolean;
    comment: string;
    evidence: Array<{ sha256: string; contentType: string; url: string }>;
  }>;
}

/** The admin's side, through the API: plan visits, read reports. */
async function adminApi(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const login = await api.post("/api/v1/auth/login", { data: { email: "admin@demo.test", password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return api;
}

async function json<T>(response: Promise<import("@playwright/test").APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** Today's date in Shanghai (the demo branches' time zone), plus `days`. */
function shanghaiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + days * 86_400_000);
}

async function planVisit(
  api: APIRequestContext,
  channel: "store" | "call_centre",
  branchId: string,
  window: { from: number; to: number } = { from: 0, to: 3 },
) {
  const checklists = await json<{ items: Array<{ channel: string; latestPublishedVersionId: string | null }> }>(
    api.get("/api/v1/checklists"),
  );
  const versionId = checklists.items.find(
    (c) => c.channel === channel && c.latestPublishedVersionId,
  )?.latestPublishedVersionId;
  expect(versionId).toBeTruthy();
  const shoppers = await json<{ items: Array<{ id: string; email: string }> }>(
    api.get("/api/v1/users", { params: { role: "shopper" } }),
  );
  const shopperId = shoppers.items.find((u) => u.email === "shopper@demo.test")?.id;
  const scenario = `E2E ${unique()}: ${channel === "store" ? "ask about a winter coat" : "ask about a late repair"}`;
  const assignment = await json<AssignmentJson>(
    api.post("/api/v1/assignments", {
      data: {
        branchId,
        checklistVersionId: versionId,
        shopperId,
        windowStart: shanghaiDate(window.from),
        windowEnd: shanghaiDate(window.to),
        scenario,
      },
    }),
    201,
  );
  const version = await json<{ document: ChecklistDocument }>(api.get(`/api/v1/checklist-versions/${versionId}`));
  return { assignment, scenario, doc: version.document };
}

/** A real JPEG, drawn on a canvas in the page. */
async function makeJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    context.fillStyle = "#0f5c4d";
    context.fillRect(0, 0, 320, 240);
    context.fillStyle = "#f4c542";
    context.fillRect(40, 60, 180, 90);
    return canvas.toDataURL("image/jpeg", 0.9).split(",")[1] ?? "";
  });
  return Buffer.from(base64, "base64");
}

/** Waits until the service worker controls the page: from then on the app opens offline. */
async function waitForServiceWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

type Question = import("@playwright/test").Locator;

interface Plan {
  /** Before a section's questions (e.g. "mark the rest N/A"); returns the keys it answered N/A. */
  section?: (key: string) => Promise<string[]>;
  /** Answers an item itself (ring counter, stopwatch, a failure with evidence); undefined: the default. */
  item?: (key: string, question: Question) => Promise<Answer | undefined>;
}

/**
 * Answers every question of the form, section by section: what `plan` does, else "yes", the
 * top of the scale, the first option (text and photo items are left alone). Returns the
 * answers as `scoreAudit` takes them.
 */
async function answerAll(page: Page, doc: ChecklistDocument, plan: Plan): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const [s, section] of doc.sections.entries()) {
    await expect(page.getByText(`Section ${s + 1} of ${doc.sections.length}`)).toBeVisible();
    const na = new Set((await plan.section?.(section.key)) ?? []);
    for (const item of section.items) {
      const question = page.locator(`fieldset[data-item="${item.key}"]`);
      if (na.has(item.key)) {
        await expect(question.getByLabel("Not applicable")).toBeChecked();
        answers.push({ item: item.key, na: true });
        continue;
      }
      const own = await plan.item?.(item.key, question);
      if (own) {
        answers.push(own);
        continue;
      }
      if (item.kind === "yes_no") {
        await question.getByRole("button", { name: "Yes", exact: true }).click();
        await expect(question.getByRole("button", { name: "Yes", exact: true })).toHaveAttribute(
          "aria-pressed",
          "true",
        );
        answers.push({ item: item.key, value: true });
      } else if (item.kind === "scale") {
        await question.getByRole("radio", { name: String(item.max), exact: true }).check();
        answers.push({ item: item.key, value: item.max });
      } else if (item.kind === "choice") {
        const option = item.options[0];
        if (!option) throw new Error("choice without options");
        await question.getByRole("radio", { name: option.label.en, exact: true }).check();
        answers.push({ item: item.key, value: option.key });
      }
    }
    if (s < doc.sections.length - 1) await page.getByRole("button", { name: "Next", exact: true }).click();
  }
  return answers;
}

/** "No" on a yes/no question. */
async function answerNo(question: Question, key: string): Promise<Answer> {
  await question.getByRole("button", { name: "No", exact: true }).click();
  await expect(question.getByRole("button", { name: "No", exact: true })).toHaveAttribute("aria-pressed", "true");
  return { item: key, value: false };
}

/** Uses "mark the rest of this section N/A" and returns the keys it marked. */
async function markRestNa(page: Page, doc: ChecklistDocument, sectionKey: string): Promise<string[]> {
  const section = doc.sections.find((s) => s.key === sectionKey);
  const keys = section?.items.filter((i) => i.naAllowed).map((i) => i.key) ?? [];
  await page.getByRole("button", { name: `Mark the ${keys.length} unanswered questions N/A` }).click();
  return keys;
}

test.describe("the shopper's phone app", () => {
  test.use({ permissions: ["geolocation"], geolocation: { latitude: 39.9139, longitude: 116.4103, accuracy: 12 } });

  test("fills a store visit offline; the report reaches the server exactly once, scored, with its photo", async ({
    page,
    context,
  }) => {
    const admin = await adminApi();
    const { assignment, scenario, doc } = await planVisit(admin, "store", "demo-branch-bj-001");

    // Sign in: a shopper's home is their visits. Once the service worker runs, the app works offline.
    await signIn(page, "shopper@demo.test");
    await expect(page).toHaveURL(/\/visits$/);
    await expect(page.getByRole("heading", { level: 1, name: "My visits" })).toBeVisible();
    await waitForServiceWorker(page);

    const card = page.getByRole("listitem").filter({ hasText: scenario });
    await expect(card).toContainText("Beijing Wangfujing");
    await expect(card).toContainText("138 Wangfujing Street");
    await expect(page.getByRole("region", { name: "Due now" })).toContainText(scenario);
    await card.getByRole("link", { name: "Beijing Wangfujing" }).click();

    // The briefing: scenario, what to watch for; start with location consent.
    await expect(page.getByRole("heading", { level: 1, name: "Beijing Wangfujing" })).toBeVisible();
    await expect(page.getByText(scenario)).toBeVisible();
    await expect(page.getByRole("heading", { name: "What to watch for" })).toBeVisible();
    await page.getByLabel("Record my location when I start").check();
    await page.getByRole("button", { name: "Start visit" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${assignment.id}/form$`));
    await expect(page.getByRole("status").filter({ hasText: "Saved on this phone" })).toBeVisible();

    // The whole form: a failed item that demands a comment, one that demands a photo; no
    // complaint in this visit, so that section is N/A in one tap.
    const jpeg = await makeJpeg(page);
    const answers = await answerAll(page, doc, {
      section: async (key) => (key === "complaint_handling" ? markRestNa(page, doc, key) : []),
      item: async (key, question) => {
        if (key === "greets_promptly") {
          const answer = await answerNo(question, key);
          await expect(question.getByText("A comment is needed because this failed.")).toBeVisible();
          await question.getByLabel("Comment").fill("Nobody looked up for two minutes.");
          return answer;
        }
        if (key === "honest_about_price") {
          const answer = await answerNo(question, key);
          await expect(question.getByText("A photo is needed because this failed.")).toBeVisible();
          await question
            .locator('input[type="file"]')
            .setInputFiles({ name: "price-tag.jpg", mimeType: "image/jpeg", buffer: jpeg });
          await expect(question.getByRole("img", { name: "Photo 1" })).toBeVisible();
          return answer;
        }
        if (key === "staff_description") {
          // Who served the shopper is this question's answer: the review doesn't ask again.
          await question.getByRole("textbox").fill("Young man, blue uniform, badge “Wei”.");
          return { item: key, value: "Young man, blue uniform, badge “Wei”." };
        }
        return undefined;
      },
    });
    await expect(page.getByText("Everything is answered.")).toBeVisible();

    // Reloading keeps everything: the draft is on the phone, at the section the shopper was on.
    await page.reload();
    await expect(page.getByText(`Section ${doc.sections.length} of ${doc.sections.length}`)).toBeVisible();
    await expect(page.getByText("Everything is answered.")).toBeVisible();
    await page.getByRole("button", { name: "Finish visit" }).click();

    // The review: the phone's score is scoreAudit's.
    await expect(page.getByRole("heading", { level: 1, name: "Review and send" })).toBeVisible();
    const expected = scoreAudit(doc, answers);
    expect(expected.complete).toBe(true);
    const shown = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      expected.score ?? 0,
    );
    await expect(page.locator(".score__value")).toHaveText(shown);
    await expect(page.getByText(/things? to fix before sending/)).toHaveCount(0);
    await expect(page.getByLabel("Who served you")).toHaveCount(0);
    await page.getByLabel("Overall comment").fill("Friendly once he noticed me.");
    await expect(page.getByText("Location: recorded")).toBeVisible();

    // No network: the report waits in the outbox.
    await context.setOffline(true);
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("heading", { name: "Waiting for network" })).toBeVisible();
    const outboxTab = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Outbox/ });
    await expect(outboxTab).toContainText("1");

    // Reload with no network: the service worker serves the app; the report is still there.
    await page.goto("/outbox");
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
    const entry = page.getByRole("listitem", { name: "Beijing Wangfujing" });
    await expect(entry).toContainText("Waiting for network");
    await expect(entry.locator(".outbox-photo")).toHaveCount(1);
    await page.reload();
    await expect(page.getByRole("listitem", { name: "Beijing Wangfujing" })).toContainText("Waiting for network");
    // One truth: the page says offline too, however the browser's own flag reads after the reload.
    await expect(page.getByRole("status").filter({ hasText: /^Offline: everything waits here/ })).toBeVisible();
    await page.goto("/visits");
    await expect(
      page.getByRole("status").filter({ hasText: /^Offline — showing what this phone saved at/ }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Submitted" })).toContainText(scenario);

    // The network is back: the outbox sends by itself, photo first.
    await page.goto("/outbox");
    const evidencePut = page.waitForResponse(
      (r) => r.request().method() === "PUT" && /\/api\/v1\/evidence\//.test(r.url()),
    );
    const auditPut = page.waitForResponse((r) => r.request().method() === "PUT" && /\/api\/v1\/audits\//.test(r.url()));
    const back = Date.now();
    await context.setOffline(false);
    expect([200, 201]).toContain((await evidencePut).status());
    // At once, not at the next scheduled retry (30 s).
    expect(Date.now() - back).toBeLessThan(8_000);
    const submitted = await auditPut;
    expect(submitted.status()).toBe(201);
    const auditId = new URL(submitted.url()).pathname.split("/").pop() ?? "";
    await expect(
      page.getByRole("region", { name: "Sent" }).getByRole("listitem", { name: "Beijing Wangfujing" }),
    ).toContainText("Sent");
    await expect(outboxTab).not.toContainText(/\d/);

    // The server holds exactly one report for the visit: the phone's, with its score and photo.
    const planned = await json<AssignmentJson>(admin.get(`/api/v1/assignments/${assignment.id}`));
    expect(planned.status).toBe("submitted");
    expect(planned.audit?.id).toBe(auditId);
    const audit = await json<AuditJson>(admin.get(`/api/v1/audits/${auditId}`));
    expect(audit.assignmentId).toBe(assignment.id);
    expect(audit.contact).toBe("visit");
    expect(audit.score).toBeCloseTo(expected.score ?? -1, 9);
    expect(audit.location?.lat).toBeCloseTo(39.9139, 4);
    expect(audit.staffDescription).toBe("Young man, blue uniform, badge “Wei”.");
    expect(audit.answers.find((a) => a.item === "greets_promptly")?.comment).toBe("Nobody looked up for two minutes.");
    const photos = audit.answers.find((a) => a.item === "honest_about_price")?.evidence ?? [];
    expect(photos).toHaveLength(1);
    const photo = await admin.get(photos[0]?.url ?? "");
    expect(photo.status()).toBe(200);
    expect(photo.headers()["content-type"]).toBe("image/jpeg");
    await admin.dispose();
  });

  test("the briefing refuses to start a visit before its window and warns about an overdue one", async ({ page }) => {
    const admin = await adminApi();
    const upcoming = await planVisit(admin, "store", "demo-branch-bj-001", { from: 2, to: 4 });
    const overdue = await planVisit(admin, "store", "demo-branch-bj-001", { from: -4, to: -2 });
    await signIn(page, "shopper@demo.test");
    await expect(page).toHaveURL(/\/visits$/);

    await page.goto(`/visits/${upcoming.assignment.id}`);
    await expect(page.getByText("Not due yet")).toBeVisible();
    await expect(page.getByRole("button", { name: "Start visit" })).toBeDisabled();

    await page.goto(`/visits/${overdue.assignment.id}`);
    await expect(page.getByText("Overdue: only a visit made within the window counts")).toBeVisible();
    await expect(page.getByRole("button", { name: "Start visit" })).toBeEnabled();

    // Started today, the visit is outside its window: the review says so before anything is sent.
    await page.getByRole("button", { name: "Start visit" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${overdue.assignment.id}/form`));
    await page.goto(`/visits/${overdue.assignment.id}/review`);
    await expect(page.getByText(/The visit must start between .+ and .+ \(the branch's dates\)/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Send report" })).toHaveAttribute("aria-disabled", "true");
  });

  test("makes a mystery call with the ring counter and the hold stopwatch", async ({ page }) => {
    const admin = await adminApi();
    const { assignment, scenario, doc } = await planVisit(admin, "call_centre", "demo-branch-cc-bj");

    await signIn(page, "shopper@demo.test");
    const card = page.getByRole("listitem").filter({ hasText: scenario });
    // The number to call is one tap away.
    await expect(card.getByRole("link", { name: "Call 400 810 0001" })).toHaveAttribute("href", "tel:4008100001");
    await card.getByRole("link", { name: "Beijing Customer Care Centre" }).click();
    // Worded for a call: no shop to walk into, no place to record.
    await expect(page.getByText("Read these before you dial")).toBeVisible();
    await expect(page.getByText("When to call")).toBeVisible();
    await expect(page.getByText(/before you go in/)).toHaveCount(0);
    await expect(page.getByLabel(/Record my location/)).toHaveCount(0);
    await page.getByRole("button", { name: "Start call" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${assignment.id}/form$`));

    let holdSeconds = 0;
    const answers = await answerAll(page, doc, {
      section: async (key) => (key === "objection_handling" ? markRestNa(page, doc, key) : []),
      item: async (key, question) => {
        if (key === "rings_before_answer") {
          // One tap per ring: four rings, one more than the checklist allows.
          const tap = question.getByRole("button", { name: /Tap at each ring/ });
          for (let ring = 1; ring <= 4; ring++) {
            await tap.click();
            await expect(tap).toContainText(ring === 1 ? "1 ring counted" : `${ring} rings counted`);
          }
          await expect(question.getByRole("spinbutton")).toHaveValue("4");
          return { item: key, value: 4 };
        }
        if (key === "hold_time") {
          await question.getByRole("button", { name: /On hold: start the stopwatch/ }).click();
          const running = question.getByRole("button", { name: /Agent is back: stop/ });
          await expect(running).toContainText(/0:0[1-9]/, { timeout: 5_000 });
          await running.click();
          await expect(question.getByRole("button", { name: /Longest hold/ })).toBeVisible();
          holdSeconds = Number(await question.getByRole("spinbutton").inputValue());
          expect(holdSeconds).toBeGreaterThanOrEqual(1);
          return { item: key, value: holdSeconds };
        }
        return undefined;
      },
    });

    await page.getByRole("button", { name: "Finish call" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Review and send" })).toBeVisible();
    const expected = scoreAudit(doc, answers);
    const shown = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      expected.score ?? 0,
    );
    await expect(page.locator(".score__value")).toHaveText(shown);
    // The call checklist has no "who served you" question: the review asks it, for a call.
    await expect(page.getByText("Name badge")).toHaveCount(0);
    await expect(page.getByText(/^Location:/)).toHaveCount(0);
    await page.getByLabel("Who took your call").fill("Said she was Lin, team 3.");

    const auditPut = page.waitForResponse((r) => r.request().method() === "PUT" && /\/api\/v1\/audits\//.test(r.url()));
    await page.getByRole("button", { name: "Send report" }).click();
    expect((await auditPut).status()).toBe(201);
    await expect(page.getByRole("heading", { name: "Sent", exact: true })).toBeVisible();

    const planned = await json<AssignmentJson>(admin.get(`/api/v1/assignments/${assignment.id}`));
    expect(planned.status).toBe("submitted");
    const audit = await json<AuditJson>(admin.get(`/api/v1/audits/${planned.audit?.id}`));
    expect(audit.contact).toBe("phone_call");
    expect(audit.location).toBeNull();
    expect(audit.staffDescription).toBe("Said she was Lin, team 3.");
    expect(audit.score).toBeCloseTo(expected.score ?? -1, 9);
    expect(audit.answers.find((a) => a.item === "rings_before_answer")?.value).toBe(4);
    expect(audit.answers.find((a) => a.item === "hold_time")?.value).toBe(holdSeconds);
    expect(audit.answers.find((a) => a.item === "objection_resolved")?.na).toBe(true);
    await admin.dispose();
  });

  test("a network that fails without the browser noticing: the outbox says so, and sends the moment the server answers", async ({
    page,
  }) => {
    const admin = await adminApi();
    const { assignment, doc } = await planVisit(admin, "store", "demo-branch-bj-001");
    await signIn(page, "shopper@demo.test");
    await page.goto(`/visits/${assignment.id}`);
    await page.getByRole("button", { name: "Start visit" }).click();
    await answerAll(page, doc, {});
    await page.getByRole("button", { name: "Finish visit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Review and send" })).toBeVisible();

    // Wi-Fi without internet: every request fails, yet the browser still says it is online.
    await page.route("**/api/v1/**", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("heading", { name: "Waiting for network" })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /Outbox/ })
      .click();
    const entry = page.getByRole("listitem", { name: "Beijing Wangfujing" }).first();
    await expect(entry).toContainText("Waiting for network");
    await expect(page.getByRole("status").filter({ hasText: /^Offline: everything waits here/ })).toBeVisible();
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);

    // The way through is back, with no `online` event: the report goes within seconds, not at the next 30 s round.
    const auditPut = page.waitForResponse((r) => r.request().method() === "PUT" && /\/api\/v1\/audits\//.test(r.url()));
    const back = Date.now();
    await page.unroute("**/api/v1/**");
    expect((await auditPut).status()).toBe(201);
    expect(Date.now() - back).toBeLessThan(8_000);
    await expect(page.getByRole("status").filter({ hasText: /^Online: reports send/ })).toBeVisible();
    await admin.dispose();
  });

  test("submitted visits: the latest few, earlier ones on request, and each report to read back", async ({ page }) => {
    const admin = await adminApi();
    // Six visits sent through the API: more than the list shows at first.
    const sent: string[] = [];
    const shopper = await playwrightRequest.newContext({ baseURL: BASE_URL });
    expect(
      (
        await shopper.post("/api/v1/auth/login", { data: { email: "shopper@demo.test", password: DEMO_PASSWORD } })
      ).status(),
    ).toBe(200);
    for (let i = 0; i < 6; i++) {
      const { assignment, doc, scenario } = await planVisit(admin, "store", "demo-branch-bj-001");
      const start = Date.now() - 3_600_000;
      const answers = doc.sections.flatMap((section) =>
        section.items.flatMap((item): Array<{ item: string; value?: unknown; na?: boolean }> => {
          if (item.kind === "yes_no") return [{ item: item.key, value: true }];
          if (item.kind === "scale") return [{ item: item.key, value: item.max }];
          if (item.kind === "choice") return [{ item: item.key, value: item.options[0]?.key }];
          if (item.kind === "text") return [{ item: item.key, value: `Chen, grey jumper (${i})` }];
          if (item.kind === "number") return [{ item: item.key, value: 1 }];
          return [];
        }),
      );
      const put = await shopper.put(`/api/v1/audits/${crypto.randomUUID()}`, {
        data: {
          assignmentId: assignment.id,
          checklistVersionId: assignment.checklist.versionId,
          contact: "visit",
          visitStartedAt: new Date(start).toISOString(),
          visitEndedAt: new Date(start + 20 * 60_000).toISOString(),
          location: null,
          staffDescription: "",
          overallComment: `Visit ${i} went well.`,
          answers,
        },
      });
      expect(put.status(), await put.text()).toBe(201);
      sent.unshift(scenario);
    }
    await shopper.dispose();

    await signIn(page, "shopper@demo.test");
    const submitted = page.getByRole("region", { name: "Submitted" });
    const cards = submitted.locator(".visit-card");
    await expect(cards).toHaveCount(5);
    // Most recent first: the five latest of ours.
    for (const scenario of sent.slice(0, 5)) await expect(submitted).toContainText(scenario);
    await expect(submitted).not.toContainText(sent[5] ?? "");
    await submitted.getByRole("button", { name: "Show earlier visits" }).click();
    await expect(submitted).toContainText(sent[5] ?? "");
    expect(await cards.count()).toBeGreaterThan(5);

    // The latest report, read back: the answers as sent; Demo Retail reviews every report
    // (policy `all`, issue 13), so it waits for review and shows no score yet.
    const latest = submitted.locator(".visit-card").filter({ hasText: sent[0] ?? "" });
    await expect(latest).toContainText("Waiting for review");
    await latest.getByRole("link").click();
    await expect(page.getByText(/^Report received/)).toBeVisible();
    await page.getByRole("link", { name: "Read what you sent" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your report" })).toBeVisible();
    await expect(page.getByText("Visit 5 went well.")).toBeVisible();
    await expect(page.getByText("“Chen, grey jumper (5)”")).toBeVisible();
    await expect(page.getByText("The score appears here once head office publishes the report.")).toBeVisible();
    await expect(page.locator(".score__value")).toHaveCount(0);
    await admin.dispose();
  });
});
