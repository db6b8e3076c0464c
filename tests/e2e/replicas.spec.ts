/**
 * Read replicas in the browser (docs/SCALING.md, "Read replicas"): the bookmark travels in an
 * HttpOnly cookie the web app never touches. Signing in sets it, it goes only to the API, and a
 * write followed by a page read shows the write (read-your-writes, on the one local database).
 */
import { expect, test } from "./fixtures";
import { signIn, useEnglish } from "./helpers";

test("sign-in sets the bookmark cookie; the API gets it back with every call and renews it", async ({
  page,
  context,
}) => {
  await signIn(page, "manager@demo.test");
  await useEnglish(page);
  const bookmark = async () => (await context.cookies()).find((c) => c.name === "courtesy_bookmark");
  const first = await bookmark();
  expect(first).toMatchObject({ httpOnly: true, path: "/api", sameSite: "Lax" });
  expect(first?.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/);
  // Scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("courtesy_bookmark");

  // Every API call of the app carries it (a reload reads the signed-in user again).
  const call = page.waitForRequest((r) => r.url().includes("/api/v1/"));
  await page.reload();
  const sent = /courtesy_bookmark=([^;]+)/.exec((await (await call).allHeaders()).cookie ?? "")?.[1] ?? "";
  // The one from sign-in, or a later one the app's calls since have renewed it to (never older).
  expect(sent >= (first?.value ?? "~")).toBe(true);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect((await bookmark())?.value).toMatch(/^[0-9a-f]{8}-/);
});
