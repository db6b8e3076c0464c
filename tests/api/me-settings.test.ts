/**
 * A person's email settings (issue 18, docs/JOBS.md): `GET /me` shows `emailMode` and `timeZone`,
 * `PATCH /me` changes them, and a bad value is a field error that changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, type TestOrganization } from "./factory";
import { expectOk, expectProblem } from "./helpers";

let org: TestOrganization;
beforeAll(async () => {
  org = await createOrganization();
});

describe("email settings on /me", () => {
  it("starts at each email, Shanghai time", async () => {
    const me = await expectOk(await org.as.analyst.api.v1.me.$get(), 200);
    expect(me.user).toMatchObject({ emailMode: "each", timeZone: "Asia/Shanghai" });
  });

  it("changes the mode and the time zone, and answers with them", async () => {
    const patched = await expectOk(
      await org.as.manager.api.v1.me.$patch({ json: { emailMode: "daily", timeZone: "Europe/Paris" } }),
      200,
    );
    expect(patched.user).toMatchObject({ emailMode: "daily", timeZone: "Europe/Paris" });
    const me = await expectOk(await org.as.manager.api.v1.me.$get(), 200);
    expect(me.user).toMatchObject({ emailMode: "daily", timeZone: "Europe/Paris" });
    await expectOk(await org.as.manager.api.v1.me.$patch({ json: { emailMode: "off" } }), 200);
    expect((await expectOk(await org.as.manager.api.v1.me.$get(), 200)).user).toMatchObject({
      emailMode: "off",
      timeZone: "Europe/Paris",
    });
  });

  it("refuses an unknown time zone or mode with field errors, changing nothing", async () => {
    const as = org.as.reviewer.api.v1.me;
    const zone = await expectProblem(
      await as.$patch({ json: { timeZone: "Mars/Olympus_Mons", displayName: "Not Stored" } }),
      400,
      "validation_failed",
    );
    expect(zone.errors).toEqual([expect.objectContaining({ path: "timeZone", code: "invalid_value" })]);
    const mode = await expectProblem(
      // @ts-expect-error: a mode the API does not know
      await as.$patch({ json: { emailMode: "weekly" } }),
      400,
      "validation_failed",
    );
    expect(mode.errors).toEqual([expect.objectContaining({ path: "emailMode", code: "invalid_value" })]);
    const me = await expectOk(await as.$get(), 200);
    expect(me.user).toMatchObject({ emailMode: "each", timeZone: "Asia/Shanghai" });
    expect(me.user.displayName).not.toBe("Not Stored");
  });
});
