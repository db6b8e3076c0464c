/**
 * Route preloads: opening a lazy page starts its chunk, its strings and its data together
 * (main.tsx `preloadFrom`, areas/<area>/preload.ts), instead of chunk → strings → data. The
 * page's chunk is held back on the wire, so only a request started in parallel can begin
 * before it arrives. A failing preload never shows: the page fetches for itself.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiAs, apiContextAs } from "./helpers";

// Requests go to the network (and to page.route), not to the service worker's precache.
test.use({ serviceWorkers: "block" });

/** The client build's manifest (the e2e server builds it before the tests run). */
const manifest = JSON.parse(readFileSync("dist/client/.vite/manifest.json", "utf8")) as Record<
  string,
  { file: string; imports?: string[] }
>;
const fileOf = (source: string) => {
  const entry = manifest[source];
  if (!entry) throw new Error(`${source} is not in the client build`);
  return `/${entry.file}`;
};

const HOLD_MS = 1_500;

/** Holds back the responses of these built files, so what else starts meanwhile shows. */
async function holdBack(page: Page, files: string[]) {
  await page.route(
    (url) => files.includes(url.pathname),
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      await route.continue();
    },
  );
}

/** When each request started and finished, by path (the first of each). */
function timeline(page: Page) {
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  const path = (request: Request) => new URL(request.url()).pathname;
  page.on("request", (request) => {
    if (!started.has(path(request))) started.set(path(request), Date.now());
  });
  page.on("requestfinished", (request) => {
    if (!finished.has(path(request))) finished.set(path(request), Date.now());
  });
  return { started, finished };
}

/** Signs in through the API only: no page of the app is loaded (or cached) before the test's. */
async function signInByApi(page: Page, email: string) {
  await apiAs(page.request, email);
  return (await (await page.request.get("/api/v1/me")).json()) as { scope: { branchIds: string[] } };
}

test("opening a branch scorecard starts its chunk, strings and data together", async ({ page }) => {
  const me = await signInByApi(page, "manager@demo.test");
  const branchId = me.scope.branchIds[0] ?? "";
  const chunk = fileOf("web/areas/scorecards/scorecard-branch.tsx");
  // The strings in the browser's language (en-GB) or in the user's saved one, whichever is current then.
  const strings = ["en", "zh"].map((l) => fileOf(`web/areas/scorecards/strings/${l}.ts`));
  const data = `/api/v1/scorecards/branches/${branchId}`;
  await holdBack(page, [chunk]);
  const { started, finished } = timeline(page);
  let dataRequests = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === data) dataRequests++;
  });

  await page.goto(`/scorecards/branches/${branchId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("BJ-001");

  const chunkDone = finished.get(chunk) ?? 0;
  expect(chunkDone).toBeGreaterThan(0);
  // Before the page's chunk has arrived, its strings and its data are already on their way.
  expect(Math.min(...strings.map((file) => started.get(file) ?? Infinity))).toBeLessThan(chunkDone);
  expect(started.get(data) ?? Infinity).toBeLessThan(chunkDone);
  // And the page used what was preloaded: the scorecard was asked for once.
  expect(dataRequests).toBe(1);
});

test("following a link to the dashboard starts its chunk, strings and data together", async ({ page }) => {
  await signInByApi(page, "analyst@demo.test");
  await page.goto("/regions");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const chunk = fileOf("web/areas/scorecards/scorecards.tsx");
  const language = (await page.locator("html").getAttribute("lang")) === "en" ? "en" : "zh";
  const strings = fileOf(`web/areas/scorecards/analytics-strings/${language}.ts`);
  await holdBack(page, [chunk]);
  const { started, finished } = timeline(page);
  const scoresLoaded = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/scorecards/league");

  await page.locator('nav a[href="/scorecards"]').first().click();
  expect((await scoresLoaded).status()).toBe(200);
  await expect(page.locator(".league, table").first()).toBeVisible();

  const chunkDone = finished.get(chunk) ?? 0;
  expect(chunkDone).toBeGreaterThan(0);
  expect(started.get(strings) ?? Infinity).toBeLessThan(chunkDone);
  expect(started.get("/api/v1/scorecards/league") ?? Infinity).toBeLessThan(chunkDone);
});

test("opening the audit rounds starts their chunk, strings and data together", async ({ page }) => {
  await signInByApi(page, "admin@demo.test");
  const chunk = fileOf("web/areas/planning/rounds.tsx");
  const strings = ["en", "zh"].map((l) => fileOf(`web/areas/planning/strings/rounds-${l}.ts`));
  const data = "/api/v1/rounds";
  await holdBack(page, [chunk]);
  const { started, finished } = timeline(page);
  let dataRequests = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === data) dataRequests++;
  });

  await page.goto("/rounds");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const chunkDone = finished.get(chunk) ?? 0;
  expect(chunkDone).toBeGreaterThan(0);
  expect(Math.min(...strings.map((file) => started.get(file) ?? Infinity))).toBeLessThan(chunkDone);
  expect(started.get(data) ?? Infinity).toBeLessThan(chunkDone);
  expect(dataRequests).toBe(1);
});

test("a role that may not see a page never fetches its data, even preloaded", async ({ page }) => {
  await signInByApi(page, "manager@demo.test");
  const asked: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/v1/users") || path.startsWith("/api/v1/checklists")) asked.push(path);
  });
  await page.goto("/users");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/checklists");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(asked).toEqual([]);
});

test("a preload that fails changes nothing: the page loads for itself", async ({ page }) => {
  const me = await signInByApi(page, "manager@demo.test");
  const branchId = me.scope.branchIds[0] ?? "";
  // The preloads' own chunk never arrives.
  await page.route(
    (url) => url.pathname === fileOf("web/areas/preloads.ts"),
    (route) => route.abort(),
  );
  await page.goto(`/scorecards/branches/${branchId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("BJ-001");
  await expect(page.locator(".scorecard")).toBeVisible();
});

/** A visit planned for the shopper today, started from its briefing (the draft is on the phone): its id. */
async function startedVisit(page: Page, browser: Browser, scenario: string): Promise<string> {
  const admin = await apiContextAs(browser, "admin@demo.test");
  const checklists = (await (await admin.get("/api/v1/checklists")).json()) as {
    items: Array<{ channel: string; latestPublishedVersionId: string | null }>;
  };
  const versionId = checklists.items.find(
    (c) => c.channel === "store" && c.latestPublishedVersionId,
  )?.latestPublishedVersionId;
  const shoppers = (await (await admin.get("/api/v1/users?role=shopper")).json()) as {
    items: Array<{ id: string; email: string }>;
  };
  const day = (days: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + days * 86_400_000);
  const planned = await admin.post("/api/v1/assignments", {
    data: {
      branchId: "demo-branch-bj-001",
      checklistVersionId: versionId,
      shopperId: shoppers.items.find((u) => u.email === "shopper@demo.test")?.id,
      windowStart: day(0),
      windowEnd: day(3),
      scenario,
    },
  });
  expect(planned.status(), await planned.text()).toBe(201);
  const { id } = (await planned.json()) as { id: string };
  await signInByApi(page, "shopper@demo.test");
  await page.goto(`/visits/${id}`);
  await page.getByRole("button", { name: "Start visit" }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${id}/form$`));
  return id;
}

test("opening the shopper's form starts its strings with its chunk, and the form opens from the phone", async ({
  page,
  browser,
}) => {
  await startedVisit(page, browser, "Route preload: the form opens");

  // Opened afresh with the form's chunk (its module and the shopper's code it imports) held back:
  // its strings are on their way before it arrives, not requested once it runs.
  const language = (await page.locator("html").getAttribute("lang")) === "en" ? "en" : "zh";
  const form = manifest["web/areas/visits/form.tsx"];
  const shopper = (form?.imports ?? [])
    .filter((key) => key.includes("shopper"))
    .map((key) => `/${manifest[key]?.file}`);
  expect(shopper.length).toBeGreaterThan(0);
  const chunk = shopper[0] ?? "";
  // The phone's first strings: the app's, the visits' and the form's in one module per language.
  const strings = [`web/i18n/phone/${language}.ts`].map(fileOf);
  await holdBack(page, [fileOf("web/areas/visits/form.tsx"), ...shopper]);
  const { started, finished } = timeline(page);
  await page.reload();
  await expect(page.locator(".audit-form__section .audit-question").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Saved on this phone|已保存在本机/ })).toBeVisible();

  const chunkDone = finished.get(chunk) ?? 0;
  expect(chunkDone).toBeGreaterThan(0);
  for (const file of strings) expect(started.get(file) ?? Infinity, file).toBeLessThan(chunkDone);
});

test("opened on the shopper's form, the app's first frame is the form, not the shell with Loading", async ({
  page,
  browser,
}) => {
  await startedVisit(page, browser, "Route preload: one first frame");
  // What each frame shows until the form is there (checked at each animation frame, before its paint).
  await page.addInitScript(() => {
    const frames: Array<{ shell: boolean; form: boolean }> = [];
    (window as unknown as { frames_: typeof frames }).frames_ = frames;
    const look = () => {
      const form = document.querySelector(".audit-form__section .audit-question") !== null;
      frames.push({ shell: document.querySelector(".shell") !== null, form });
      if (!form) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.reload();
  await expect(page.locator(".audit-form__section .audit-question").first()).toBeVisible();
  const frames = await page.evaluate(
    () => (window as unknown as { frames_: Array<{ shell: boolean; form: boolean }> }).frames_,
  );
  // Blank frames first (the app waits for the form's chunk and its reads), then the shell and the form together.
  expect(frames.find((f) => f.shell)).toEqual({ shell: true, form: true });
});
