/**
 * The phone's facts for the quality flags (issue 16), end to end at 390×844: a shopper starts a
 * visit sharing their location, attaches two fixture photos (one with an EXIF capture time),
 * reloads the form half-way, and sends. The phone measured each photo before re-encoding (its
 * dHash agrees with the server's jpeg-js decoding of the same JPEG within a bit; the EXIF time is
 * read), and the report carries formSeconds (wall time across the reload), the fixes and the
 * photos' facts. A reviewer reads the flags the server worked out from them (too_fast with the
 * form's seconds, photo_time_mismatch with the EXIF time; the API shows no fixes), and the
 * server's own dHash of the bytes it stored (worker/lib/photo-dhash.ts) agrees with the phone's.
 */
import { readFileSync } from "node:fs";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { hammingDistance, type QualityFlag } from "../../worker/domain/quality-flags";
import { jpegDHash } from "../../worker/lib/photo-dhash";
import { expect, test } from "./fixtures";
import { BASE_URL, DEMO_PASSWORD, expectJson, planStoreVisit, signIn } from "./helpers";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** The server's side of the agreement: its own upload hash (jpeg-js decoding, then the shared dHash). */
const serverDHash = (bytes: Uint8Array) => jpegDHash(bytes, "image/jpeg") ?? "undecodable";

async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const login = await api.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return api;
}

/**
 * Answers the form section by section: "No" with the two photos on the price question, the
 * staff description typed, "mark the rest N/A" on the complaint section, "Yes"/top/first elsewhere.
 */
async function fillForm(
  page: Page,
  doc: ChecklistDocument,
  files: Array<{ name: string; buffer: Buffer }>,
  afterFirstAnswer: () => Promise<void> = async () => undefined,
) {
  let first = true;
  for (const [s, section] of doc.sections.entries()) {
    await expect(page.getByText(`Section ${s + 1} of ${doc.sections.length}`)).toBeVisible();
    if (section.key === "complaint_handling") {
      const count = section.items.filter((i) => i.naAllowed).length;
      await page.getByRole("button", { name: `Mark the ${count} unanswered questions N/A` }).click();
    } else {
      for (const item of section.items) {
        const question = page.locator(`fieldset[data-item="${item.key}"]`);
        if (item.key === "honest_about_price") {
          await question.getByRole("button", { name: "No", exact: true }).click();
          for (const [i, file] of files.entries()) {
            await question
              .locator('input[type="file"]')
              .setInputFiles({ name: file.name, mimeType: "image/jpeg", buffer: file.buffer });
            await expect(question.getByRole("img", { name: `Photo ${i + 1}` })).toBeVisible();
          }
        } else if (item.key === "staff_description") {
          await question.getByRole("textbox").fill("Tall woman, green apron.");
        } else if (item.kind === "yes_no") {
          await question.getByRole("button", { name: "Yes", exact: true }).click();
        } else if (item.kind === "scale") {
          await question.getByRole("radio", { name: String(item.max), exact: true }).check();
        } else if (item.kind === "choice" && item.options[0]) {
          await question.getByRole("radio", { name: item.options[0].label.en, exact: true }).check();
        }
        if (first) await afterFirstAnswer();
        first = false;
      }
    }
    if (s < doc.sections.length - 1) await page.getByRole("button", { name: "Next", exact: true }).click();
  }
  await expect(page.getByText("Everything is answered.")).toBeVisible();
}

interface StoredPhoto {
  sha256: string;
  dHash: string | null;
  capturedAt: string | null;
  base64: string;
}

/** The photos this phone keeps (IndexedDB), with the facts preparePhoto measured and the bytes it will upload. */
function storedPhotos(page: Page): Promise<StoredPhoto[]> {
  return page.evaluate(
    () =>
      new Promise<StoredPhoto[]>((resolve, reject) => {
        const open = indexedDB.open("courtesy");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("photos").objectStore("photos").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = async () => {
            const rows = all.result as Array<{ sha256: string; dHash?: string; capturedAt?: string; data: Blob }>;
            const photos = await Promise.all(
              rows.map(async (row) => {
                const bytes = new Uint8Array(await row.data.arrayBuffer());
                let binary = "";
                for (const b of bytes) binary += String.fromCharCode(b);
                return {
                  sha256: row.sha256,
                  dHash: row.dHash ?? null,
                  capturedAt: row.capturedAt ?? null,
                  base64: btoa(binary),
                };
              }),
            );
            open.result.close();
            resolve(photos);
          };
        };
      }),
  );
}

interface AuditJson {
  flags?: QualityFlag[];
  answers: Array<{ item: string; evidence: Array<{ sha256: string; url: string }> }>;
}

interface SentBody {
  location: { lat: number; lng: number; takenAt: string } | null;
  formSeconds?: number;
  fixes?: Array<{ lat: number; lng: number; accuracy: number; takenAt: string }>;
  photos?: Array<{ sha256: string; dHash: string | null; capturedAt: string | null }>;
  answers: Array<{ item: string; evidence?: string[] }>;
}

test.describe("the phone's facts for the quality flags", () => {
  test.use({
    viewport: { width: 390, height: 844 },
    permissions: ["geolocation"],
    geolocation: { latitude: 39.9139, longitude: 116.4103, accuracy: 12 },
    // The facts' chunk is held back below (a route sees no request a service worker answers).
    serviceWorkers: "block",
  });

  test("a shopper sends a report with photos: form timing, fixes and each photo's print", async ({ page, context }) => {
    test.setTimeout(120_000);
    const admin = await apiAs("admin@demo.test");
    const { assignment, scenario, doc } = await planStoreVisit(admin, "photos and fixes");
    // The form's facts are a chunk of their own, loaded after its first paint: on a slow phone the
    // shopper answers before it has run. It is held back here until the first answer after the
    // reload, so the form's opening time must be noted whatever the order.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/visit-facts-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the request of the page before the reload is gone
    });

    await signIn(page, "shopper@demo.test");
    await page
      .getByRole("listitem")
      .filter({ hasText: scenario })
      .getByRole("link", { name: "Beijing Wangfujing" })
      .click();
    await page.getByLabel("Record my location when I start").check();
    await page.getByRole("button", { name: "Start visit" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${assignment.id}/form$`));
    const formOpened = Date.now();

    // Half-way the app is reloaded (and the shopper has moved a little): the timing carries on.
    await expect(page.getByText(`Section 1 of ${doc.sections.length}`)).toBeVisible();
    await context.setGeolocation({ latitude: 39.914, longitude: 116.4104, accuracy: 9 });
    await page.reload();
    await expect(page.getByText(`Section 1 of ${doc.sections.length}`)).toBeVisible();

    const shop = fixture("shop-front-exif.jpg");
    const counter = fixture("counter.jpg");
    await fillForm(
      page,
      doc,
      [
        { name: "shop-front.jpg", buffer: shop },
        { name: "counter.jpg", buffer: counter },
      ],
      async () => {
        // Its fix after the reload (39.914) is taken once the chunk runs.
        const loaded = page.waitForResponse(/\/assets\/visit-facts-[^/]*\.js$/, { timeout: 10_000 });
        release();
        await loaded;
      },
    );

    // Each photo's facts, measured on the phone before re-encoding and kept with the photo.
    const stored = await storedPhotos(page);
    expect(stored).toHaveLength(2);
    const [ofShop, ofCounter] = [stored.find((p) => p.capturedAt !== null), stored.find((p) => p.capturedAt === null)];
    expect(ofShop?.capturedAt).toBe("2026-12-05T02:30:00.000Z");
    expect(ofCounter).toBeDefined();
    for (const [photo, original] of [
      [ofShop, shop],
      [ofCounter, counter],
    ] as const) {
      expect(photo?.dHash).toMatch(/^[0-9a-f]{16}$/);
      // The phone (Chromium: createImageBitmap + canvas + dHash) and the server (jpeg-js) agree:
      // on the JPEG the phone uploads, and on the original file.
      const uploaded = serverDHash(Buffer.from(photo?.base64 ?? "", "base64"));
      expect(hammingDistance(photo?.dHash ?? "", uploaded)).toBeLessThanOrEqual(1);
      expect(hammingDistance(photo?.dHash ?? "", serverDHash(original))).toBeLessThanOrEqual(1);
    }
    expect(hammingDistance(ofShop?.dHash ?? "", ofCounter?.dHash ?? "")).toBeGreaterThan(10);

    await page.getByRole("button", { name: "Finish visit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Review and send" })).toBeVisible();
    await page.waitForTimeout(2_000);
    // Where the shopper is when they press Send: the last fix.
    await context.setGeolocation({ latitude: 39.9141, longitude: 116.4105, accuracy: 8 });
    const auditPut = page.waitForRequest((r) => r.method() === "PUT" && /\/api\/v1\/audits\//.test(r.url()));
    const before = Date.now();
    await page.getByRole("button", { name: "Send report" }).click();
    const request = await auditPut;
    const sent = request.postDataJSON() as SentBody;

    // Wall time from first opening the form to Send, across the reload.
    expect(sent.formSeconds).toBeGreaterThanOrEqual(Math.floor((before - formOpened) / 1000) - 1);
    expect(sent.formSeconds).toBeLessThanOrEqual(Math.ceil((Date.now() - formOpened) / 1000) + 1);
    // The check-in first, then the fixes taken while the form was open and at Send (the same
    // reading handed out twice counts once: Chromium's emulated position keeps its time).
    expect(sent.location?.lat).toBe(39.9139);
    expect(sent.fixes?.[0]).toEqual(sent.location);
    expect(sent.fixes?.map((f) => f.lat)).toEqual([39.9139, 39.914, 39.9141]);
    const times = sent.fixes?.map((f) => Date.parse(f.takenAt)) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The photos' facts, in the answers' order.
    const evidence = sent.answers.flatMap((a) => a.evidence ?? []);
    expect(sent.photos?.map((p) => p.sha256)).toEqual(evidence);
    expect(sent.photos).toContainEqual({
      sha256: ofShop?.sha256,
      dHash: ofShop?.dHash,
      capturedAt: ofShop?.capturedAt,
    });
    expect(sent.photos).toContainEqual({ sha256: ofCounter?.sha256, dHash: ofCounter?.dHash, capturedAt: null });

    const response = await request.response();
    expect(response?.status(), await response?.text()).toBe(201);
    await expect(page.getByRole("heading", { name: "Sent", exact: true })).toBeVisible();
    const auditId = new URL(request.url()).pathname.split("/").pop() ?? "";
    expect(auditId).not.toBe("");

    // A reviewer reads the report: its flags were worked out from the phone's facts.
    const reviewer = await apiAs("reviewer@demo.test");
    const audit = await expectJson<AuditJson>(reviewer.get(`/api/v1/audits/${auditId}`));
    // formSeconds as sent (the demo checklist asks 3 s per scored item; this form took seconds).
    expect(audit.flags).toContainEqual(
      expect.objectContaining({ code: "too_fast", basis: "form", seconds: sent.formSeconds }),
    );
    // The EXIF capture time read on the phone, 2026-12-05 10:30 in +08:00, is far from this visit.
    expect(audit.flags).toContainEqual(
      expect.objectContaining({
        code: "photo_time_mismatch",
        sha256: ofShop?.sha256,
        capturedAt: Date.parse("2026-12-05T02:30:00Z"),
      }),
    );
    expect(audit.flags?.filter((f) => f.code === "photo_time_mismatch")).toHaveLength(1);
    // The server's dHash of the bytes it stored (worker/lib/photo-dhash.ts) agrees with the phone's.
    const urls = audit.answers.flatMap((a) => a.evidence);
    expect(urls).toHaveLength(2);
    for (const photo of urls) {
      const bytes = await reviewer.get(photo.url);
      expect(bytes.status()).toBe(200);
      const onPhone = stored.find((p) => p.sha256 === photo.sha256)?.dHash ?? "";
      expect(hammingDistance(onPhone, serverDHash(new Uint8Array(await bytes.body())))).toBeLessThanOrEqual(1);
    }
    await reviewer.dispose();
    await admin.dispose();
  });
});
