/** Invitation links are bearer secrets: one admin may create at most INVITATIONS_PER_HOUR an hour. */
import { beforeAll, describe, expect, it } from "vitest";
import { INVITATIONS_PER_HOUR } from "../../worker/domain/memberships";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { expectOk, expectProblem, uniqueEmail } from "./helpers";
import { createMemberBy } from "./member-helpers";

let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization();
});

const invite = (as: Client) =>
  as.api.v1.users.$post({ json: { email: uniqueEmail("limit"), displayName: "Limit", role: "shopper" } });
const reissue = (as: Client, id: string) => as.api.v1.users[":id"].invitation.$post({ param: { id } });
const listLimit = async (as: Client) =>
  (await expectOk(await as.api.v1.users.$get({ query: { q: "limit" } }), 200)).items;

describe("invitation allowance per admin", () => {
  it("new invitations and re-sent links share one hourly allowance; the next gets 429 with Retry-After", async () => {
    const admin = await createMemberBy(org.people.admin, { role: "admin" });
    let lastId = "";
    for (let i = 0; i < INVITATIONS_PER_HOUR.limit - 1; i++) {
      lastId = (await expectOk(await invite(admin.as), 201)).user.id;
    }
    // The last one of the hour is a re-sent link.
    await expectOk(await reissue(admin.as, lastId), 201);

    const refused = await invite(admin.as);
    const retryAfter = Number(refused.headers.get("retry-after"));
    await expectProblem(refused, 429, "rate_limited");
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await expectProblem(await reissue(admin.as, lastId), 429, "rate_limited");
    // Refused attempts created nobody.
    const members = await listLimit(admin.as);
    expect(members.length).toBeGreaterThanOrEqual(INVITATIONS_PER_HOUR.limit - 1);
    const before = members.length;
    await invite(admin.as);
    const after = await listLimit(admin.as);
    expect(after.length).toBe(before);

    // Another admin of the same organisation has an allowance of their own.
    const colleague = await createMemberBy(org.people.admin, { role: "admin" });
    await expectOk(await invite(colleague.as), 201);
  });

  it("a refused request for a bad body or scope does not use the allowance", async () => {
    const admin = await createMemberBy(org.people.admin, { role: "admin" });
    for (let i = 0; i < INVITATIONS_PER_HOUR.limit + 5; i++) {
      await expectProblem(
        await admin.as.api.v1.users.$post({
          json: { email: uniqueEmail("bad"), displayName: "Bad", role: "branch_manager" },
        }),
        400,
        "validation_failed",
      );
    }
    await expectOk(await invite(admin.as), 201);
  });
});
