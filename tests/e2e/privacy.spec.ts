/**
 * Privacy controls on the web (issue 18, docs/PRIVACY.md), in English and Chinese, on a phone
 * (390×844) and a desktop: the admin's "Privacy" settings (staff names, retention, two-step
 * sign-in; a stale version says so); the phone review's staff name field under each policy, kept
 * in the draft across reloads and policy changes; the report's staff name by today's policy; the
 * account page's email notifications and "Your data" (download, delete) with a throwaway account.
 */
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiResponse, BASE_URL, DEMO_PASSWORD, reportArrives, signIn, unique, useEnglish } from "./helpers";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
  { name: "desktop", viewport: { width: 1280, height: 860 }, isMobile: false },
] as const;

interface OrganizationJson {
  version: number;
  staffNames: "allowed" | "initials" | "role_only";
  fixRetentionDays: number;
  photoRetentionDays: number;
  reportRetentionDays: number;
  contactRetentionDays: number;
  requireTwoFactor: boolean;
}

async function adminApi(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const login = await api.post("/api/v1/auth/login", { data: { email: "admin@demo.test", password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return api;
}

async function organization(api: APIRequestContext): Promise<OrganizationJson> {
  const res = await api.get("/api/v1/organization");
  expect(res.status()).toBe(200);
  return (await res.json()) as OrganizationJson;
}

/** Changes the organisation's settings as the admin (at its current version). */
async function patchOrganization(api: APIRequestContext, patch: Partial<OrganizationJson>): Promise<OrganizationJson> {
  const { version } = await organization(api);
  const res = await api.patch("/api/v1/organization", { data: { ...patch, version } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as OrganizationJson;
}

const PRIVACY_KEYS = [
  "staffNames",
  "fixRetentionDays",
  "photoRetentionDays",
  "reportRetentionDays",
  "contactRetentionDays",
  "requireTwoFactor",
] as const;
const privacyOf = (o: OrganizationJson) => Object.fromEntries(PRIVACY_KEYS.map((k) => [k, o[k]]));

async function toChinese(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.keyboard.press("Escape");
}

/** A throwaway analyst of the demo organisation (invited and accepted through the API): never a demo account. */
async function throwaway(): Promise<{ email: string; password: string }> {
  const admin = await adminApi();
  const email = `e2e-privacy-${unique().toLowerCase()}@demo.test`;
  const password = "a-long-e2e-password";
  const invited = await admin.post("/api/v1/users", {
    data: { email, displayName: "Privacy Tester", role: "analyst" },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = String((await invited.json()).invitation.url).split("/invite/")[1];
  const guest = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const joined = await guest.post(`/api/v1/invitations/${token}/accept`, {
    data: { mode: "new", displayName: "Privacy Tester", password },
  });
  expect(joined.status(), await joined.text()).toBe(200);
  await guest.dispose();
  await admin.dispose();
  return { email, password };
}

for (const size of SIZES) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });

    test.afterEach(async ({ page }) => {
      // Leave the shared admin account in English for the other tests.
      await page.request.patch("/api/v1/me", { data: { locale: "en" } }).catch(() => undefined);
    });

    test("the admin's Privacy settings: staff names explained, retention with defaults, two-step sign-in, stale version", async ({
      page,
    }) => {
      const admin = await adminApi();
      const before = await organization(admin);
      try {
        await signIn(page, "admin@demo.test");
        await useEnglish(page);
        await page.goto("/settings");
        await expect(page.getByRole("heading", { name: "Privacy", exact: true })).toBeVisible();
        const current = page.getByRole("radio", {
          name: { allowed: "Full names", initials: "Initials only", role_only: "Role only, no names (default)" }[
            before.staffNames
          ],
        });
        await expect(current).toBeChecked();
        await expect(page.getByText(/codes of conduct advise against naming staff/)).toBeVisible();
        await expect(page.getByText("Default: 90 days (7 to 3650).")).toBeVisible();
        await expect(page.getByText("Default: 730 days (30 to 3650).")).toBeVisible();
        await expect(page.getByText("Default: 1825 days (365 to 3650).")).toBeVisible();
        await expect(page.getByText("Default: 180 days (30 to 1095).")).toBeVisible();
        const fixes = page.getByLabel("Shopper location fixes (days after the visit)");
        await expect(fixes).toHaveValue(String(before.fixRetentionDays));
        const twoStep = page.getByRole("checkbox", { name: "Require two-step sign-in for admins and analysts" });
        await expect(twoStep).not.toBeChecked();

        // Initials only, fixes kept 60 days: saved, and the API says so.
        await page.getByRole("radio", { name: "Initials only" }).check();
        await fixes.fill("60");
        const saved = apiResponse(page, "PATCH", "/api/v1/organization");
        await page.getByRole("button", { name: "Save", exact: true }).click();
        const response = await saved;
        expect(response.status()).toBe(200);
        expect(response.request().postDataJSON()).toMatchObject({
          staffNames: "initials",
          fixRetentionDays: 60,
          photoRetentionDays: before.photoRetentionDays,
          reportRetentionDays: before.reportRetentionDays,
          contactRetentionDays: before.contactRetentionDays,
          requireTwoFactor: false,
        });
        await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
        const after = await organization(admin);
        expect(after.staffNames).toBe("initials");
        expect(after.fixRetentionDays).toBe(60);

        // The whole group follows the language switch.
        await toChinese(page);
        await expect(page.getByRole("heading", { name: "隐私", exact: true })).toBeVisible();
        await expect(page.getByRole("radio", { name: "仅姓名缩写" })).toBeChecked();
        await expect(page.getByLabel("暗访员定位记录（走访后天数）")).toHaveValue("60");
        await expect(page.getByRole("checkbox", { name: "管理员和分析员必须使用两步登录" })).toBeVisible();
        await expect(page.getByText("默认：90 天（7 至 3650）。")).toBeVisible();

        // Someone else saves meanwhile: this form's save is stale and says so.
        await patchOrganization(admin, { photoRetentionDays: after.photoRetentionDays + 1 });
        await page.getByRole("radio", { name: "完整姓名" }).check();
        const refused = apiResponse(page, "PATCH", "/api/v1/organization");
        await page.getByRole("button", { name: "保存", exact: true }).click();
        expect((await refused).status()).toBe(409);
        await expect(page.getByRole("alert").filter({ hasText: "你打开后，这些设置已被他人更改。" })).toBeVisible();
        expect((await organization(admin)).staffNames).toBe("initials");
      } finally {
        await patchOrganization(admin, privacyOf(before));
        await admin.dispose();
      }
    });

    test("the account page: email notifications and time zone, download my data, delete my account", async ({
      page,
    }) => {
      const person = await throwaway();
      await signIn(page, person.email, person.password);
      await useEnglish(page);
      await page.goto("/account");

      // Email notifications: each by default, in Shanghai's time; a daily digest in London's.
      await expect(page.getByRole("heading", { name: "Email notifications" })).toBeVisible();
      await expect(page.getByRole("radio", { name: "Each notification" })).toBeChecked();
      const zone = page.getByLabel("Your time zone");
      await expect(zone).toHaveValue("Asia/Shanghai");
      await page.getByRole("radio", { name: "A daily digest" }).check();
      await zone.selectOption("Europe/London");
      const patched = apiResponse(page, "PATCH", "/api/v1/me");
      await page
        .locator("section", { has: page.getByRole("heading", { name: "Email notifications" }) })
        .getByRole("button", { name: "Save" })
        .click();
      const response = await patched;
      expect(response.status()).toBe(200);
      expect(response.request().postDataJSON()).toEqual({ emailMode: "daily", timeZone: "Europe/London" });
      await expect(page.getByText("Your email settings are saved.")).toBeVisible();
      await page.reload();
      await expect(page.getByRole("radio", { name: "A daily digest" })).toBeChecked();
      await expect(page.getByLabel("Your time zone")).toHaveValue("Europe/London");

      // Download my data: a JSON file about this person.
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download my data" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^courtesy-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      const path = await file.path();
      const { readFileSync } = await import("node:fs");
      expect(readFileSync(path, "utf8")).toContain(person.email);

      // Chinese: the sections follow the switch at once.
      await toChinese(page);
      await expect(page.getByRole("heading", { name: "邮件通知" })).toBeVisible();
      await expect(page.getByRole("radio", { name: "每日摘要" })).toBeChecked();
      await expect(page.getByRole("heading", { name: "你的数据" })).toBeVisible();
      await page.getByRole("button", { name: "删除我的账户…" }).click();
      await expect(page.getByText("以化名编号代替你的名字")).toBeVisible();
      await page.getByRole("button", { name: "取消" }).click();
      await page.request.patch("/api/v1/me", { data: { locale: "en" } });
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");

      // Delete: the confirm step says what goes and what stays; the word must be typed.
      await page.getByRole("button", { name: "Delete my account…" }).click();
      await expect(page.getByText("What is erased:")).toBeVisible();
      await expect(page.getByText(/under a pseudonymous id instead of your name/)).toBeVisible();
      await page.getByLabel("Your password").fill(person.password);
      await page.getByLabel("Type “delete” to confirm").fill("remove");
      await page.getByRole("button", { name: "Delete my account for good" }).click();
      await expect(page.getByText("Type “delete” exactly.")).toBeVisible();
      // A wrong password: the server refuses, nothing is deleted.
      await page.getByLabel("Type “delete” to confirm").fill("delete");
      await page.getByLabel("Your password").fill("not-the-password");
      const refused = apiResponse(page, "DELETE", "/api/v1/me");
      await page.getByRole("button", { name: "Delete my account for good" }).click();
      expect((await refused).status()).toBe(400);
      await expect(page.getByLabel("Your password")).toHaveAttribute("aria-invalid", "true");
      await page.getByLabel("Your password").fill(person.password);

      // The last admin of an organisation is told so in words (the server's 409, answered here).
      await page.route("**/api/v1/me", (route) =>
        route.request().method() === "DELETE"
          ? route.fulfill({
              status: 409,
              contentType: "application/problem+json",
              body: JSON.stringify({
                type: "about:blank",
                title: "Last admin",
                status: 409,
                code: "last_admin",
                errors: [],
                requestId: "e2e",
              }),
            })
          : route.continue(),
      );
      await page.getByLabel("Type “delete” to confirm").fill("delete");
      await page.getByRole("button", { name: "Delete my account for good" }).click();
      await expect(
        page.getByRole("alert").filter({ hasText: "You are the only admin of an organisation" }),
      ).toBeVisible();
      await page.unroute("**/api/v1/me");

      const deleted = apiResponse(page, "DELETE", "/api/v1/me");
      await page.getByRole("button", { name: "Delete my account for good" }).click();
      expect((await deleted).status()).toBe(204);
      await expect(page).toHaveURL(/\/login\?notice=deleted$/);
      await expect(page.getByRole("status").filter({ hasText: "Your account has been deleted." })).toBeVisible();
      const again = await page.request.post("/api/v1/auth/login", {
        data: { email: person.email, password: person.password },
      });
      expect(again.status()).toBe(401);
    });
  });
}

test.describe("the staff name on the phone and in the report", () => {
  interface AssignmentJson {
    id: string;
    checklist: { versionId: string };
  }

  /** A store visit for shopper@demo.test at Wangfujing, today. */
  async function planVisit(admin: APIRequestContext): Promise<AssignmentJson> {
    const lists = (await (await admin.get("/api/v1/checklists")).json()) as {
      items: Array<{ name: { en: string }; channel: string; latestPublishedVersionId: string | null }>;
    };
    const store = lists.items.find((c) => c.name.en === "Store visit" && c.latestPublishedVersionId);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now());
    const later = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now() + 3 * 86_400_000);
    const planned = await admin.post("/api/v1/assignments", {
      data: {
        branchId: "demo-branch-bj-001",
        checklistVersionId: store?.latestPublishedVersionId,
        shopperId: "demo-user-shopper",
        windowStart: today,
        windowEnd: later,
        scenario: `E2E ${unique()}: privacy`,
      },
    });
    expect(planned.status(), await planned.text()).toBe(201);
    return (await planned.json()) as AssignmentJson;
  }

  test("the phone's review asks for a name, initials or nothing as the policy says, and the draft keeps what was typed", async ({
    page,
  }) => {
    const admin = await adminApi();
    const before = await organization(admin);
    try {
      await patchOrganization(admin, { staffNames: "allowed" });
      const assignment = await planVisit(admin);
      await signIn(page, "shopper@demo.test");
      await useEnglish(page);
      await page.goto(`/visits/${assignment.id}`);
      await page.getByRole("button", { name: "Start visit" }).click();
      await page.goto(`/visits/${assignment.id}/review`);

      const name = page.getByLabel("Name of the person who served you (as on the badge)");
      await name.fill("Li Wei");
      // Kept across a reload (the draft is on the phone).
      await page.reload();
      await expect(name).toHaveValue("Li Wei");

      // Role only: no name field, and the description says not to name anyone; the draft keeps the name.
      await patchOrganization(admin, { staffNames: "role_only" });
      await page.reload();
      await expect(page.getByRole("heading", { name: "Review and send" })).toBeVisible();
      await expect(name).toHaveCount(0);
      await expect(page.getByText(/describe their role and appearance only, no names/)).toBeVisible();

      // Initials: the field is back, with the name still in it (the server applies the policy on arrival).
      await patchOrganization(admin, { staffNames: "initials" });
      await page.reload();
      const initials = page.getByLabel("Initials");
      await expect(initials).toHaveValue("Li Wei");
      await expect(page.getByText("Initials only, e.g. “J. S.” or “王某”.")).toBeVisible();

      await toChinese(page);
      await expect(page.getByLabel("姓名缩写")).toHaveValue("Li Wei");
      await patchOrganization(admin, { staffNames: "allowed" });
      await page.reload();
      await expect(page.getByLabel("为您服务的员工姓名（以工牌为准）")).toHaveValue("Li Wei");
    } finally {
      await page.request.patch("/api/v1/me", { data: { locale: "en" } }).catch(() => undefined);
      await patchOrganization(admin, privacyOf(before));
      await admin.dispose();
    }
  });

  test("the report shows the staff name while the policy allows it, and what retention erased", async ({
    page,
    browser,
  }) => {
    const admin = await adminApi();
    const before = await organization(admin);
    try {
      await patchOrganization(admin, { staffNames: "allowed" });
      // The visit started about an hour ago (reportArrives).
      const start = Date.now() - 3_600_000;
      const { id } = await reportArrives(browser, {
        scenario: `E2E ${unique()}: privacy`,
        staffDescription: "Tall, green apron, at the till.",
        staffName: "Wang Fang",
        overallComment: "",
      });

      await signIn(page, "admin@demo.test");
      await useEnglish(page);
      await page.goto(`/reports/${id}`);
      await expect(page.getByText("Name of the person who served")).toBeVisible();
      await expect(page.getByText("Wang Fang", { exact: true })).toBeVisible();
      await toChinese(page);
      await expect(page.getByText("接待员工姓名")).toBeVisible();

      // What retention erased, in short notices (the job's marks, added to the report as the API would send them).
      const day = 86_400_000;
      const marks = {
        fixesErasedAt: new Date(start + 90 * day + 3_600_000).toISOString(),
        photosErasedAt: new Date(start + 730 * day + 3_600_000).toISOString(),
        deidentifiedAt: new Date(start + 1825 * day + 3_600_000).toISOString(),
      };
      await page.route(`**/api/v1/audits/${id}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), ...marks } });
      });
      await page.reload();
      await expect(page.getByText(/^定位记录已在 90 天后删除（.+）。$/)).toBeVisible();
      await page.request.patch("/api/v1/me", { data: { locale: "en" } });
      await page.reload();
      await expect(page.getByText(/^Location fixes erased after 90 days \(.+\)\.$/)).toBeVisible();
      await expect(page.getByText(/^Photos removed after 730 days \(.+\)\.$/)).toBeVisible();
      await expect(page.getByText(/^Personal details removed after 1,825 days \(.+\)\.$/)).toBeVisible();
      await page.unroute(`**/api/v1/audits/${id}`);
      await page.reload();
      await expect(page.getByText(/erased after/)).toHaveCount(0);

      // Today's policy: role only hides the name the report arrived with.
      await patchOrganization(admin, { staffNames: "role_only" });
      await page.reload();
      await expect(page.getByText("Tall, green apron, at the till.")).toBeVisible();
      await expect(page.getByText("Wang Fang", { exact: true })).toHaveCount(0);
    } finally {
      await page.request.patch("/api/v1/me", { data: { locale: "en" } }).catch(() => undefined);
      await patchOrganization(admin, privacyOf(before));
      await admin.dispose();
    }
  });
});
