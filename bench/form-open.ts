/**
 * Form-open benchmark: how long a 40-item checklist takes to open, on a phone-sized Chromium
 * with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), until the first section's
 * controls are on screen. Measured in the page: performance.now() (from navigation start) at
 * the first animation frame where every question of section 1 has a laid-out control.
 *
 * What opens: the shopper's own form (/visits/:assignmentId/form, started once from the
 * visit's briefing so a draft exists) when the app has that route; until then, and whenever
 * starting a visit fails, the read-only preview /checklist-versions/:id, which renders the
 * same audit form. The output says which one it measured, and why.
 *
 *   npx tsx bench/form-open.ts       (builds and starts its own server; also run by `npm run bench`)
 *   FORM_OPEN_PAGE=preview npx tsx bench/form-open.ts   (the preview, even when the shopper's form exists)
 *
 * 2 warm-up opens, then 15 measured ones, each in a fresh tab of one browser context (HTTP
 * cache and service worker warm, as on a phone that has opened the app before). Loopback only:
 * any request to another host is aborted.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type APIRequestContext, type BrowserContext, chromium, type Page } from "@playwright/test";
import type { ChecklistDocument, ChecklistItem } from "../worker/domain/checklists";

const WARMUPS = 2;
const RUNS = 15;
const CPU_SLOWDOWN = 4;
const SECTIONS = 4;
const ITEMS_PER_SECTION = 10;
const PASSWORD = "courtesy-demo";
const TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const L = (en: string, zh: string) => ({ en, zh });

/** Item `j` of section `s`: yes/no, number, scale, choice and text in turn, some with guidance and N/A. */
function benchItem(s: number, j: number): ChecklistItem {
  const base = {
    key: `s${s + 1}_q${j + 1}`,
    prompt: L(
      `Question ${s + 1}.${j + 1}: did the staff member do what a good host would at this point of the visit?`,
      `第 ${s + 1}.${j + 1} 题：此时员工是否做到了一位好主人应做的事？`,
    ),
    guidance: j % 3 === 0 ? L("Pass only when it happened without being asked.", "只有主动做到才算通过。") : L("", ""),
    weight: 1 + (j % 3),
    critical: "none" as const,
    naAllowed: j % 4 === 0,
    evidenceOnFail: j % 5 === 0 ? ("comment" as const) : ("none" as const),
  };
  switch (j % 5) {
    case 0:
      return { ...base, kind: "yes_no" };
    case 1:
      return { ...base, kind: "number", unit: "rings", pass: { max: 3 } };
    case 2:
      return { ...base, kind: "scale", min: 1, max: 5 };
    case 3:
      return {
        ...base,
        kind: "choice",
        options: [
          { key: "unprompted", label: L("Unprompted and clear", "主动且清楚"), points: 3 },
          { key: "asked", label: L("Only when asked", "被问才说"), points: 1 },
          { key: "never", label: L("Not at all", "完全没有"), points: 0 },
        ],
      };
    default:
      return { ...base, kind: "text", evidenceOnFail: "none" };
  }
}

/** A published-ready store checklist of SECTIONS × ITEMS_PER_SECTION items. */
export function formOpenChecklist(): ChecklistDocument {
  return {
    name: L(`Form-open benchmark ${new Date().toISOString()}`, "表单打开基准"),
    channel: "store",
    sections: Array.from({ length: SECTIONS }, (_, s) => ({
      key: `section_${s + 1}`,
      title: L(`Section ${s + 1}`, `第 ${s + 1} 部分`),
      weight: 1,
      items: Array.from({ length: ITEMS_PER_SECTION }, (_, j) => benchItem(s, j)),
    })),
  };
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function signIn(request: APIRequestContext, email: string): Promise<void> {
  await json(await request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } }), `sign in ${email}`);
}

/** The shopper form's route in the app's router (web/main.tsx), e.g. "/visits/:assignmentId/form". */
function shopperFormRoute(): string | undefined {
  try {
    const main = readFileSync("web/main.tsx", "utf8");
    // A JSX <Route path="…"> or an entry of the route table: route("…", …) / { path: "…" }.
    return /(?:path=|route\(|path: )"(\/visits\/:[A-Za-z]+\/form)"/.exec(main)?.[1];
  } catch {
    return undefined;
  }
}

/** Today in Asia/Shanghai (the demo branches' zone), and a week later. */
function visitWindow(): { windowStart: string; windowEnd: string } {
  const day = (ms: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" })
      .format(new Date(ms))
      .slice(0, 10);
  return { windowStart: day(Date.now()), windowEnd: day(Date.now() + 7 * 86_400_000) };
}

/** Only loopback: anything else (fonts, telemetry, a mistake) is aborted, not fetched. */
async function loopbackOnly(context: BrowserContext): Promise<void> {
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
  });
}

/** Opens `url` in a fresh tab with the CPU slowed down; ms from navigation start until section 1's controls show. */
async function openOnce(context: BrowserContext, url: string): Promise<{ visible: number; dcl: number }> {
  const page: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: "commit", timeout: TIMEOUT_MS });
    const handle = await page.waitForFunction(
      (count: number) => {
        const questions = document.querySelectorAll(".audit-form__section .audit-question");
        if (questions.length < count) return false;
        const controls = questions[count - 1]?.querySelector("button, input, select, textarea");
        const box = controls?.getBoundingClientRect();
        return box && box.width > 0 && box.height > 0 ? performance.now() : false;
      },
      ITEMS_PER_SECTION,
      { polling: "raf", timeout: TIMEOUT_MS },
    );
    const visible = Number(await handle.jsonValue());
    const dcl = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return nav?.domContentLoadedEventEnd ?? Number.NaN;
    });
    await cdp.detach();
    return { visible, dcl };
  } finally {
    await page.close();
  }
}

/**
 * Sets up the shopper's form: an assignment of the checklist to shopper@demo.test at a store,
 * then "start visit" from its briefing, so the form has a draft to open. Returns the form's
 * URL, or why it could not.
 */
async function prepareShopperForm(
  base: string,
  admin: APIRequestContext,
  shopperContext: BrowserContext,
  versionId: string,
  route: string,
): Promise<{ url?: string; why?: string }> {
  const branches = await json<{ items: Array<{ id: string; channel: string; active: boolean }> }>(
    await admin.get("/api/v1/branches?channel=store&limit=5"),
    "branches",
  );
  const users = await json<{ items: Array<{ id: string; email: string }> }>(
    await admin.get("/api/v1/users?role=shopper&status=active"),
    "shoppers",
  );
  const branch = branches.items.find((b) => b.active);
  const shopper = users.items.find((u) => u.email === "shopper@demo.test") ?? users.items[0];
  if (!branch || !shopper) return { why: "no active store branch or shopper in the demo data" };
  const assignment = await json<{ id: string }>(
    await admin.post("/api/v1/assignments", {
      data: {
        branchId: branch.id,
        checklistVersionId: versionId,
        shopperId: shopper.id,
        ...visitWindow(),
        scenario: "Benchmark visit",
      },
    }),
    "create assignment",
  );
  await signIn(shopperContext.request, shopper.email);
  const formUrl = `${base}${route.replace(/:[A-Za-z]+/, assignment.id)}`;
  const page = await shopperContext.newPage();
  try {
    await page.goto(`${base}/visits/${assignment.id}`, { timeout: TIMEOUT_MS });
    const start = page.getByRole("button", { name: /start/i }).first();
    await start.waitFor({ timeout: TIMEOUT_MS });
    await start.click();
    // Some flows ask how the contact happens first: take the first offered choice, if any.
    const formPath = new URL(formUrl).pathname;
    for (let step = 0; step < 3 && new URL(page.url()).pathname !== formPath; step++) {
      await page
        .waitForURL((url) => url.pathname === formPath, { timeout: 5_000 })
        .catch(async () => {
          const next = page.getByRole("button", { name: /start|begin|continue/i }).first();
          if (await next.isVisible()) await next.click();
        });
    }
    if (new URL(page.url()).pathname !== formPath) return { why: `"start visit" did not open ${route}` };
    return { url: formUrl };
  } catch (error) {
    return { why: `could not start a visit from the briefing (${(error as Error).message.split("\n")[0]})` };
  } finally {
    await page.close();
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export interface FormOpenResult {
  route: string;
  medianMs: number;
  p90Ms: number;
  runs: number[];
}

/**
 * Runs the benchmark against a running server (`base`), or starts one of its own. `page`:
 * "auto" measures the shopper's form when the app has it, "preview" always the preview.
 */
export async function benchFormOpen(
  options: { base?: string; page?: "auto" | "preview" } = {},
): Promise<FormOpenResult> {
  const which = options.page ?? (process.env.FORM_OPEN_PAGE === "preview" ? "preview" : "auto");
  let stopServer: (() => Promise<void>) | undefined;
  let base = options.base;
  if (!base) {
    const { startBenchServer } = await import("./server");
    const server = await startBenchServer({ build: true });
    base = server.base;
    stopServer = server.stop;
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: base };
    const adminContext = await browser.newContext(phone);
    await loopbackOnly(adminContext);
    await signIn(adminContext.request, "admin@demo.test");

    const created = await json<{ version: { id: string } }>(
      await adminContext.request.post("/api/v1/checklists", { data: formOpenChecklist() }),
      "create checklist",
    );
    const versionId = created.version.id;
    await json(await adminContext.request.post(`/api/v1/checklist-versions/${versionId}/publish`), "publish");

    let context = adminContext;
    let url = `${base}/checklist-versions/${versionId}`;
    let label = "/checklist-versions/:id (read-only preview)";
    let note = "";
    const route = which === "auto" ? shopperFormRoute() : undefined;
    if (which === "preview") {
      note = " The preview was asked for (FORM_OPEN_PAGE=preview).";
    } else if (route) {
      const shopperContext = await browser.newContext(phone);
      await loopbackOnly(shopperContext);
      await shopperContext.grantPermissions(["geolocation"], { origin: base });
      await shopperContext.setGeolocation({ latitude: 39.9139, longitude: 116.4103, accuracy: 20 });
      const prepared = await prepareShopperForm(base, adminContext.request, shopperContext, versionId, route);
      if (prepared.url) {
        context = shopperContext;
        url = prepared.url;
        label = `${route} (the shopper's form)`;
      } else {
        note = ` The shopper's form route ${route} exists but was not measured: ${prepared.why}.`;
        await shopperContext.close();
      }
    } else {
      note = " The shopper's form route (/visits/:assignmentId/form) is not in web/main.tsx yet.";
    }

    for (let i = 0; i < WARMUPS; i++) await openOnce(context, url);
    const samples: Array<{ visible: number; dcl: number }> = [];
    for (let i = 0; i < RUNS; i++) samples.push(await openOnce(context, url));

    const visible = samples.map((s) => s.visible).sort((a, b) => a - b);
    const dcl = samples.map((s) => s.dcl).sort((a, b) => a - b);
    const result = { route: label, medianMs: quantile(visible, 0.5), p90Ms: quantile(visible, 0.9), runs: visible };

    console.log(
      `\nForm open, ${SECTIONS * ITEMS_PER_SECTION}-item checklist (${SECTIONS} sections × ${ITEMS_PER_SECTION}), ` +
        `390×844 phone viewport, CPU ${CPU_SLOWDOWN}× slower, ${RUNS} runs after ${WARMUPS} warm-ups.${note}\n`,
    );
    console.log("| page | median ms | p90 ms | DOMContentLoaded median ms | min ms | max ms |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    console.log(
      `| ${label}: section 1's ${ITEMS_PER_SECTION} questions with controls on screen | ${result.medianMs.toFixed(0)} | ${result.p90Ms.toFixed(0)} | ${quantile(dcl, 0.5).toFixed(0)} | ${(visible[0] ?? Number.NaN).toFixed(0)} | ${(visible[visible.length - 1] ?? Number.NaN).toFixed(0)} |`,
    );
    console.log("Rerun alone: npx tsx bench/form-open.ts");
    return result;
  } finally {
    await browser.close();
    await stopServer?.();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchFormOpen();
}
