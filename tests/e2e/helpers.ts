import {
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContextOptions,
  expect,
  type Page,
} from "@playwright/test";
import type { ChecklistDocument } from "../../worker/domain/checklists";

export const DEMO_PASSWORD = "courtesy-demo";

/** Where the e2e server listens (playwright.config.ts), for API calls made outside a page. */
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 8799}`;

/** A short suffix that keeps codes and emails unique across runs sharing the demo data. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, "0")}`.toUpperCase();
}

/**
 * Signs `request` in through the API (a page's `page.request` shares the page's cookies); no page
 * of the app is loaded.
 */
export async function apiAs(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await request.post(`${BASE_URL}/api/v1/auth/login`, { data: { email, password } });
  expect(res.status()).toBe(200);
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await response).status()).toBe(200);
  await expect(page.getByRole("navigation")).toBeVisible();
}

/**
 * Switches the signed-in user to English from the profile menu when their saved language
 * is another one (some demo users prefer Chinese), then closes the menu.
 */
export async function useEnglish(page: Page): Promise<void> {
  await expect(page.getByRole("navigation")).toBeVisible();
  if ((await page.locator("html").getAttribute("lang")) === "en") return;
  const menu = page.locator(".profile__button");
  await menu.click();
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/api/v1/me"));
  await page.getByRole("button", { name: "EN", exact: true }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
}

/** The main navigation's link names, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation");
  await expect(nav).toBeVisible();
  return (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
}

/** Waits for the API call a UI action triggers, and returns its response. */
export function apiResponse(page: Page, method: string, path: string | RegExp) {
  return page.waitForResponse((r) => {
    if (r.request().method() !== method) return false;
    const url = new URL(r.url());
    return typeof path === "string" ? url.pathname === path : path.test(url.pathname + url.search);
  });
}

/** A page of its own browser context (`options`: viewport, phone emulation), signed in and in English. */
export async function openAs(browser: Browser, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  await useEnglish(page);
  return page;
}

/** An API client of its own browser context, signed in as `email`. */
export async function apiContextAs(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  await apiAs(context.request, email);
  return context.request;
}

type ChecklistItem = { key: string; kind: string; pass?: { min?: number; max?: number } } & {
  max?: number;
  options?: Array<{ key: string; points: number }>;
};

/**
 * A passing answer for every item, as a shopper who saw everything done would give; the items
 * of `failed` (yes/no items) failed, each with the comment the checklist asks for.
 */
export function answersFor(document: { sections: Array<{ items: ChecklistItem[] }> }, failed: readonly string[] = []) {
  return document.sections.flatMap((s) =>
    s.items.flatMap((item): Array<{ item: string; value: unknown; comment?: string }> => {
      if (failed.includes(item.key)) return [{ item: item.key, value: false, comment: "Not heard." }];
      if (item.kind === "yes_no") return [{ item: item.key, value: true }];
      if (item.kind === "number") return [{ item: item.key, value: item.pass?.min ?? item.pass?.max ?? 0 }];
      if (item.kind === "scale") return [{ item: item.key, value: item.max }];
      if (item.kind === "choice") {
        const best = [...(item.options ?? [])].sort((a, b) => b.points - a.points)[0];
        return [{ item: item.key, value: best?.key }];
      }
      if (item.kind === "text") return [{ item: item.key, value: "Nothing else to note." }];
      return [];
    }),
  );
}

/**
 * Puts back the saved languages a test changes (the demo accounts are shared): `keepLocale(page)`
 * before switching a page's language, `restoreLocales()` after the test (or before closing the
 * page's context).
 *
 * @example
 * const { keepLocale, restoreLocales } = localeKeeper();
 * test.afterEach(restoreLocales);
 */
export function localeKeeper() {
  const restore: Array<() => Promise<unknown>> = [];
  return {
    async keepLocale(page: Page): Promise<void> {
      const me = (await (await page.request.get("/api/v1/me")).json()) as { user: { locale: string } };
      restore.push(() => page.request.patch("/api/v1/me", { data: { locale: me.user.locale } }));
    },
    async restoreLocales(): Promise<void> {
      for (const undo of restore.splice(0)) await undo();
    },
  };
}

/** The date `d` days from today (UTC), as YYYY-MM-DD. */
export const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/** Adds a region to a shopper's store coverage (as the admin), keeping the regions they had. */
export async function coverRegion(request: APIRequestContext, membershipId: string, regionId: string): Promise<void> {
  const path = `${BASE_URL}/api/v1/shoppers/${membershipId}/profile`;
  const profile = (await (await request.get(path)).json()) as { version: number; regionIds: string[] };
  const saved = await request.put(path, {
    data: {
      channels: ["store"],
      regionIds: [...new Set([...profile.regionIds, regionId])],
      cities: [],
      excludedBranchIds: [],
      version: profile.version,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
}

/**
 * Head office posts a round of one visit to one branch on the first active store checklist that
 * takes it (as the admin); fails the test when none does.
 */
export async function postRound(
  request: APIRequestContext,
  round: {
    name: string;
    branchId: string;
    period: { from: string; to: string };
    windowDays: number;
    scenario: { en: string; zh: string };
    feeCents: number;
    reimbursementCapCents: number;
    staffing: "board" | "rule";
  },
): Promise<void> {
  const checklists = (await (await request.get(`${BASE_URL}/api/v1/checklists`)).json()) as {
    items: Array<{ id: string; channel: string; status: string }>;
  };
  let posted = false;
  for (const checklist of checklists.items.filter((c) => c.channel === "store" && c.status === "active")) {
    const res = await request.post(`${BASE_URL}/api/v1/rounds`, {
      data: {
        id: crypto.randomUUID(),
        name: round.name,
        checklistId: checklist.id,
        period: round.period,
        target: { kind: "branches", branchIds: [round.branchId] },
        visitsPerBranch: 1,
        minGapDays: 0,
        windowDays: round.windowDays,
        strata: [{ key: "any", share: 100, days: "any" }],
        scenarios: [round.scenario],
        blackoutDates: [],
        feeCents: round.feeCents,
        reimbursementCapCents: round.reimbursementCapCents,
        staffing: round.staffing,
      },
    });
    if (res.status() === 201) {
      posted = true;
      break;
    }
  }
  expect(posted).toBe(true);
}

/** The report as it arrived: its id, status and version. */
export interface ArrivedReport {
  id: string;
  status: string;
  version: number;
}

/**
 * Head office plans a visit for shopper@demo.test to Wangfujing (BJ-001) on the default store
 * checklist, and the shopper's report arrives (API): every item passed but `failed`.
 */
export async function reportArrives(
  browser: Browser,
  visit: {
    scenario: string;
    staffDescription: string;
    /** The name the shopper gives (the organisation's staff-name policy allowing); left out when not given. */
    staffName?: string;
    overallComment: string;
    failed?: readonly string[];
    /** How long the form was open (quality flags); left out when not given. */
    formSeconds?: number;
  },
): Promise<ArrivedReport> {
  const admin = await browser.newContext();
  await apiAs(admin.request, "admin@demo.test");
  const lists = await (await admin.request.get(`${BASE_URL}/api/v1/checklists`)).json();
  // The default store checklist (other specs add checklists of their own to the same database).
  const store = lists.items.find(
    (c: { name: { en: string }; latestPublishedVersionId: string | null }) =>
      c.name.en === "Store visit" && c.latestPublishedVersionId,
  );
  const planned = await admin.request.post(`${BASE_URL}/api/v1/assignments`, {
    data: {
      branchId: "demo-branch-bj-001",
      checklistVersionId: store.latestPublishedVersionId,
      shopperId: "demo-user-shopper",
      windowStart: day(-1),
      windowEnd: day(3),
      scenario: visit.scenario,
    },
  });
  expect(planned.status(), await planned.text()).toBe(201);
  const assignment = await planned.json();
  await admin.close();

  const phone = await browser.newContext();
  await apiAs(phone.request, "shopper@demo.test");
  const version = await (
    await phone.request.get(`${BASE_URL}/api/v1/checklist-versions/${assignment.checklist.versionId}`)
  ).json();
  const id = crypto.randomUUID();
  const start = Date.now() - 3_600_000;
  const sent = await phone.request.put(`${BASE_URL}/api/v1/audits/${id}`, {
    data: {
      assignmentId: assignment.id,
      checklistVersionId: assignment.checklist.versionId,
      contact: "visit",
      visitStartedAt: new Date(start).toISOString(),
      visitEndedAt: new Date(start + 25 * 60_000).toISOString(),
      staffDescription: visit.staffDescription,
      staffName: visit.staffName,
      overallComment: visit.overallComment,
      answers: answersFor(version.document, visit.failed),
      formSeconds: visit.formSeconds,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { status, version: reportVersion } = await sent.json();
  await phone.close();
  return { id, status, version: reportVersion };
}

/** The reviewer claims and publishes the report (unless it was published on arrival); returns its id. */
export async function publishReport(browser: Browser, report: ArrivedReport): Promise<string> {
  if (report.status === "published") return report.id;
  const reviewer = await apiContextAs(browser, "reviewer@demo.test");
  const claimed = await reviewer.post(`${BASE_URL}/api/v1/audits/${report.id}/claim`, {
    data: { version: report.version },
  });
  expect(claimed.status(), await claimed.text()).toBe(200);
  const published = await reviewer.post(`${BASE_URL}/api/v1/audits/${report.id}/publish`, {
    data: { version: (await claimed.json()).version },
  });
  expect(published.status(), await published.text()).toBe(200);
  return report.id;
}

/** The JSON body of an API answer, once its status is the one expected (the body says why if not). */
export async function expectJson<T>(response: Promise<APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** Today plus `days` in Asia/Shanghai (the demo branches' zone), as YYYY-MM-DD. */
export const shanghaiDate = (days = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + days * 86_400_000);

/**
 * Plans a visit to Beijing Wangfujing for shopper@demo.test on the latest published store
 * checklist, due from today for three days (`api` signed in as someone who may plan): the
 * assignment, its scenario ("E2E <unique>: <what>") and the checklist's document.
 */
export async function planStoreVisit(api: APIRequestContext, what: string) {
  const checklists = await expectJson<{ items: Array<{ channel: string; latestPublishedVersionId: string | null }> }>(
    api.get("/api/v1/checklists"),
  );
  const versionId = checklists.items.find(
    (c) => c.channel === "store" && c.latestPublishedVersionId,
  )?.latestPublishedVersionId;
  const shoppers = await expectJson<{ items: Array<{ id: string; email: string }> }>(
    api.get("/api/v1/users", { params: { role: "shopper" } }),
  );
  const scenario = `E2E ${unique()}: ${what}`;
  const assignment = await expectJson<{ id: string }>(
    api.post("/api/v1/assignments", {
      data: {
        branchId: "demo-branch-bj-001",
        checklistVersionId: versionId,
        shopperId: shoppers.items.find((u) => u.email === "shopper@demo.test")?.id,
        windowStart: shanghaiDate(0),
        windowEnd: shanghaiDate(3),
        scenario,
      },
    }),
    201,
  );
  const version = await expectJson<{ document: ChecklistDocument }>(api.get(`/api/v1/checklist-versions/${versionId}`));
  return { assignment, scenario, doc: version.document };
}
