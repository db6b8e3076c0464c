/** Invitation links are bearer secrets: one admin may create at most INVITATIONS_PER_HOUR an hour. */
import { beforeAll, describe, expect, it } from "vitest";
import { INVITATIONS_PER_HOUR } from "../../worker/domain/memberships";
import { api, createMember, expectJson, expectProblem, type MemberJson, seed, signIn, uniqueEmail } from "./helpers";

let demoAdmin: string;

beforeAll(async () => {
  await seed();
  demoAdmin = await signIn("admin@demo.test");
});

const invite = (cookie: string) =>
  api("/api/v1/users", { cookie, body: { email: uniqueEmail("limit"), displayName: "Limit", role: "shopper" } });

describe("invitation allowance per admin", () => {
  it("new invitations and re-sent links share one hourly allowance; the next gets 429 with Retry-After", async () => {
    const admin = await createMember(demoAdmin, { role: "admin" });
    let last: MemberJson | undefined;
    for (let i = 0; i < INVITATIONS_PER_HOUR.limit - 1; i++) {
      last = (await expectJson<{ user: MemberJson }>(await invite(admin.cookie), 201)).user;
    }
    // The last one of the hour is a re-sent link.
    await expectJson(await api(`/api/v1/users/${last?.id}/invitation`, { method: "POST", cookie: admin.cookie }), 201);

    const refused = await invite(admin.cookie);
    const retryAfter = Number(refused.headers.get("retry-after"));
    await expectProblem(refused, 429, "rate_limited");
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await expectProblem(
      await api(`/api/v1/users/${last?.id}/invitation`, { method: "POST", cookie: admin.cookie }),
      429,
      "rate_limited",
    );
    // Refused attempts created nobody.
    const members = await expectJson<{ items: MemberJson[] }>(
      await api("/api/v1/users?q=limit", { cookie: admin.cookie }),
      200,
    );
    expect(members.items.length).toBeGreaterThanOrEqual(INVITATIONS_PER_HOUR.limit - 1);
    const before = members.items.length;
    await invite(admin.cookie);
    const after = await expectJson<{ items: MemberJson[] }>(
      await api("/api/v1/users?q=limit", { cookie: admin.cookie }),
      200,
    );
    expect(after.items.length).toBe(before);

    // Another admin of the same organisation has an allowance of their own.
    const colleague = await createMember(demoAdmin, { role: "admin" });
    await expectJson(await invite(colleague.cookie), 201);
  });

  it("a refused request for a bad body or scope does not use the allowance", async () => {
    const admin = await createMember(demoAdmin, { role: "admin" });
    for (let i = 0; i < INVITATIONS_PER_HOUR.limit + 5; i++) {
      await expectProblem(
        await api("/api/v1/users", {
          cookie: admin.cookie,
          body: { email: uniqueEmail("bad"), displayName: "Bad", role: "branch_manager" },
        }),
        400,
        "validation_failed",
      );
    }
    await expectJson(await invite(admin.cookie), 201);
  });
});
