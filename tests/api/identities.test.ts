/**
 * One person, several organisations: a person's profile (name, language, password) is theirs;
 * an organisation edits only its membership. Every write an organisation can make about a
 * member is run by the admin of a *second* organisation against a person who belongs to the
 * first, and nothing the first organisation or the person sees may change.
 */
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, sessions, users } from "../../schema";
import {
  acceptInvitation,
  api,
  createMember,
  currentVersion,
  DEMO,
  db,
  expectJson,
  expectProblem,
  inviteUser,
  type MemberJson,
  NEW_PASSWORD,
  seed,
  sessionCookieOf,
  signIn,
  uniqueEmail,
} from "./helpers";

let demoAdmin: string;
let otherAdmin: string;

beforeAll(async () => {
  await seed();
  demoAdmin = await signIn("admin@demo.test");
  otherAdmin = await signIn("admin@other.test");
});

interface Me {
  user: { id: string; email: string; displayName: string; locale: string };
  organization: { id: string };
  organizations: Array<{ id: string }>;
}

const readMe = async (cookie: string) => expectJson<Me>(await api("/api/v1/me", { cookie }), 200);

/** A person who is an active member of Other Co, with a profile of their own in Chinese. */
async function sharedPerson() {
  const person = await createMember(otherAdmin, { displayName: "Other Co's label", locale: "en" });
  await expectJson(
    await api("/api/v1/me", { method: "PATCH", cookie: person.cookie, body: { displayName: "林静", locale: "zh" } }),
    200,
  );
  return person;
}

/** What the person and their first organisation see of them. */
async function visibleState(person: Awaited<ReturnType<typeof sharedPerson>>) {
  const me = await readMe(person.cookie);
  const asMember = await expectJson<MemberJson>(
    await api(`/api/v1/users/${person.user.id}`, { cookie: otherAdmin }),
    200,
  );
  return {
    profile: me.user,
    organizations: me.organizations.map((o) => o.id).sort(),
    inFirstOrganization: asMember,
  };
}

describe("inviting an email that has an account elsewhere", () => {
  it("answers exactly as for a new email: no name, language or id from the other organisation", async () => {
    const person = await sharedPerson();
    const invite = (email: string) =>
      api("/api/v1/users", {
        cookie: demoAdmin,
        body: { email, displayName: "Typed by Demo", role: "shopper", locale: "en" },
      });
    const existing = await expectJson<{ user: MemberJson }>(await invite(person.email), 201);
    const fresh = await expectJson<{ user: MemberJson }>(await invite(uniqueEmail("fresh")), 201);

    expect(Object.keys(existing.user).sort()).toEqual(Object.keys(fresh.user).sort());
    expect(existing.user).toMatchObject({ displayName: "Typed by Demo", locale: "en", status: "invited" });
    expect(existing.user.id).not.toBe(person.user.id);
    expect(JSON.stringify(existing)).not.toContain("林静");
    expect(JSON.stringify(existing)).not.toContain(person.user.id);

    // An account with a readable id (like the demo seed's) gives nothing away either.
    const readable = { id: `readable-${crypto.randomUUID().slice(0, 8)}`, email: uniqueEmail("readable") };
    await db()
      .insert(users)
      .values({ ...readable, displayName: "Readable Person", locale: "zh", passwordHash: "x" });
    const seeded = await expectJson<{ user: MemberJson }>(
      await api("/api/v1/users", {
        cookie: demoAdmin,
        body: { email: readable.email, displayName: "Guess", role: "shopper" },
      }),
      201,
    );
    expect(seeded.user.id).not.toBe(readable.id);
    expect(seeded.user).toMatchObject({ displayName: "Guess", locale: "en" });
  });

  it("the anonymous invitation page has the same fields either way, and no hasPassword", async () => {
    const person = await sharedPerson();
    const forExisting = await inviteUser(demoAdmin, { email: person.email, displayName: "Same Typed" });
    const forNew = await inviteUser(demoAdmin, { displayName: "Same Typed" });
    const a = await expectJson(await api(`/api/v1/invitations/${forExisting.token}`), 200);
    const b = await expectJson(await api(`/api/v1/invitations/${forNew.token}`), 200);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).not.toHaveProperty("hasPassword");
    expect({ ...a, email: "", expiresAt: "" }).toEqual({ ...b, email: "", expiresAt: "" });
  });

  it("the member list and search show only the typed name until the person accepts", async () => {
    const person = await sharedPerson();
    const invited = await inviteUser(demoAdmin, { email: person.email, displayName: "Before Accepting" });
    const list = await expectJson<{ items: MemberJson[] }>(
      await api(`/api/v1/users?q=${encodeURIComponent("林静")}`, { cookie: demoAdmin }),
      200,
    );
    expect(list.items.map((m) => m.email)).not.toContain(person.email);
    const read = await expectJson<MemberJson>(
      await api(`/api/v1/users/${invited.user.id}`, { cookie: demoAdmin }),
      200,
    );
    expect(read.displayName).toBe("Before Accepting");

    // Once they accept, the organisation sees the person's own name and id.
    await acceptInvitation(invited.token, person.password, "existing");
    const after = await expectJson<{ items: MemberJson[] }>(
      await api(`/api/v1/users?q=${encodeURIComponent(person.email)}`, { cookie: demoAdmin }),
      200,
    );
    expect(after.items).toEqual([expect.objectContaining({ id: person.user.id, displayName: "林静", locale: "zh" })]);
  });
});

describe("an organisation's writes never reach another organisation's view of a shared person", () => {
  type Write = { name: string; run: (id: string) => Promise<Response>; accepted: boolean };
  const patch = (body: Record<string, unknown>) => async (id: string) =>
    api(`/api/v1/users/${id}`, {
      method: "PATCH",
      cookie: demoAdmin,
      body: { version: await currentVersion(`/api/v1/users/${id}`, demoAdmin), ...body },
    });
  const writes: Write[] = [];
  for (const accepted of [false, true]) {
    writes.push(
      { name: "rename", run: patch({ displayName: "Renamed by Demo" }), accepted },
      { name: "change role", run: patch({ role: "analyst" }), accepted },
      {
        name: "change scope",
        run: patch({ role: "branch_manager", branchIds: [DEMO.branchIds.wangfujing] }),
        accepted,
      },
      { name: "deactivate", run: patch({ status: "deactivated" }), accepted },
      {
        name: "deactivate then activate",
        run: async (id) => {
          await patch({ status: "deactivated" })(id);
          return patch({ status: "active" })(id);
        },
        accepted,
      },
      { name: "activate", run: patch({ status: "active" }), accepted },
      {
        name: "reissue the link",
        run: (id) => api(`/api/v1/users/${id}/invitation`, { method: "POST", cookie: demoAdmin }),
        accepted,
      },
    );
  }

  it.each(writes)("$name (accepted in the second organisation: $accepted)", async ({ run, accepted }) => {
    const person = await sharedPerson();
    const invited = await inviteUser(demoAdmin, { email: person.email, displayName: "Typed by Demo" });
    if (accepted) await acceptInvitation(invited.token, person.password, "existing");
    const idInDemo = accepted ? person.user.id : invited.user.id;
    const before = await visibleState(person);

    const res = await run(idInDemo);
    expect(res.status).toBeLessThan(500);
    const again = await api("/api/v1/users", {
      cookie: demoAdmin,
      body: { email: person.email, displayName: "Again", role: "shopper" },
    });
    await expectProblem(again, 409, "conflict");

    const after = await visibleState(person);
    expect(after.profile).toEqual(before.profile);
    expect(after.inFirstOrganization).toEqual(before.inFirstOrganization);
    if (!accepted) {
      // Never accepted: the person still belongs to Other Co only, and cannot switch.
      expect(after.organizations).toEqual([DEMO.otherOrganizationId]);
      await expectProblem(
        await api("/api/v1/me/organization", {
          method: "PUT",
          cookie: person.cookie,
          body: { organizationId: DEMO.organizationId },
        }),
        400,
        "validation_failed",
      );
    }
    // Their session in Other Co still works.
    expect((await readMe(person.cookie)).organization.id).toBe(DEMO.otherOrganizationId);
  });
});

describe("a membership never accepted is never active", () => {
  it("whatever sequence of status changes arrives, for a person with an account elsewhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("active", "deactivated"), { minLength: 1, maxLength: 6 }),
        async (steps) => {
          const person = await sharedPerson();
          const invited = await inviteUser(demoAdmin, { email: person.email });
          for (const status of steps) {
            const res = await api(`/api/v1/users/${invited.user.id}`, {
              method: "PATCH",
              cookie: demoAdmin,
              body: { status, version: await currentVersion(`/api/v1/users/${invited.user.id}`, demoAdmin) },
            });
            const member = await expectJson<MemberJson>(res, 200);
            expect(member.status).toBe(status === "active" ? "invited" : "deactivated");
          }
          const rows = await db()
            .select({ status: memberships.status })
            .from(memberships)
            .where(and(eq(memberships.organizationId, DEMO.organizationId), eq(memberships.id, invited.user.id)));
          expect(rows.map((r) => r.status)).not.toContain("active");
          expect((await readMe(person.cookie)).organizations.map((o) => o.id)).toEqual([DEMO.otherOrganizationId]);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe("an invitation link is single-use under concurrency", () => {
  it.each(["new", "existing"] as const)(
    "of 10 simultaneous accepts (%s account) exactly one succeeds",
    async (mode) => {
      const person = mode === "existing" ? await sharedPerson() : null;
      const invited = await inviteUser(demoAdmin, person ? { email: person.email } : {});
      const body =
        mode === "new"
          ? { mode, displayName: "Racer", password: NEW_PASSWORD }
          : { mode, password: person?.password ?? "" };
      const results = await Promise.all(
        Array.from({ length: 10 }, () => api(`/api/v1/invitations/${invited.token}/accept`, { body })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      // Confirming an existing password counts against the sign-in limit, so part of a burst may
      // be refused by it (429) before reaching the link; either way nobody else gets in.
      const refusals = mode === "new" ? [410] : [410, 429];
      expect(statuses.filter((s) => s !== 200).every((s) => refusals.includes(s))).toBe(true);
      const winner = results.find((r) => r.status === 200);
      expect(winner && sessionCookieOf(winner)).toBeTruthy();
      for (const loser of results.filter((r) => r.status !== 200)) {
        expect(loser.headers.get("set-cookie")).toBeNull();
      }
      const userId = person?.user.id ?? (await readMe(sessionCookieOf(winner as Response))).user.id;
      const demoSessions = await db()
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.organizationId, DEMO.organizationId)));
      expect(demoSessions).toHaveLength(1);
    },
  );
});

describe("the profile belongs to the person", () => {
  it("only PATCH /me changes the name and language; an admin's rename is the organisation's label", async () => {
    const member = await createMember(demoAdmin, { displayName: "Given at Invite" });
    const renamed = await expectJson<MemberJson>(
      await api(`/api/v1/users/${member.user.id}`, {
        method: "PATCH",
        cookie: demoAdmin,
        body: {
          displayName: "Label in Demo",
          version: await currentVersion(`/api/v1/users/${member.user.id}`, demoAdmin),
        },
      }),
      200,
    );
    expect(renamed.displayName).toBe("Label in Demo");
    expect((await readMe(member.cookie)).user.displayName).toBe("Test Person");

    await expectJson(
      await api("/api/v1/me", { method: "PATCH", cookie: member.cookie, body: { displayName: "My Own Name" } }),
      200,
    );
    expect((await readMe(member.cookie)).user.displayName).toBe("My Own Name");
    // The organisation's label still wins inside the organisation.
    const read = await expectJson<MemberJson>(await api(`/api/v1/users/${member.user.id}`, { cookie: demoAdmin }), 200);
    expect(read.displayName).toBe("Label in Demo");
    // A member's email and password are not the organisation's to change.
    await expectProblem(
      await api(`/api/v1/users/${member.user.id}`, {
        method: "PATCH",
        cookie: demoAdmin,
        body: { email: "taken-over@demo.test" },
      }),
      400,
      "validation_failed",
    );
    await signIn(member.email, member.password);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, ends the person's other sessions and keeps this one", async () => {
    const member = await createMember(demoAdmin);
    const elsewhere = await signIn(member.email, member.password);
    const missing = await expectProblem(
      await api("/api/v1/me", {
        method: "PATCH",
        cookie: member.cookie,
        body: { newPassword: "a-brand-new-password" },
      }),
      400,
      "validation_failed",
    );
    expect(missing.errors).toEqual([expect.objectContaining({ path: "currentPassword", code: "required" })]);
    const wrong = await expectProblem(
      await api("/api/v1/me", {
        method: "PATCH",
        cookie: member.cookie,
        body: { currentPassword: "not-the-password", newPassword: "a-brand-new-password" },
      }),
      400,
      "validation_failed",
    );
    expect(wrong.errors).toEqual([expect.objectContaining({ path: "currentPassword", code: "invalid_value" })]);
    await signIn(member.email, member.password);

    await expectJson(
      await api("/api/v1/me", {
        method: "PATCH",
        cookie: member.cookie,
        body: { currentPassword: member.password, newPassword: "a-brand-new-password" },
      }),
      200,
    );
    expect((await api("/api/v1/me", { cookie: member.cookie })).status).toBe(200);
    await expectProblem(await api("/api/v1/me", { cookie: elsewhere }), 401, "unauthenticated");
    await expectProblem(
      await api("/api/v1/auth/login", { body: { email: member.email, password: member.password } }),
      401,
      "invalid_credentials",
    );
    await signIn(member.email, "a-brand-new-password");
  });

  it("a too-short new password is refused and nothing changes", async () => {
    const member = await createMember(demoAdmin);
    const problem = await expectProblem(
      await api("/api/v1/me", {
        method: "PATCH",
        cookie: member.cookie,
        body: { currentPassword: member.password, newPassword: "short", displayName: "Should Not Stick" },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "newPassword", code: "too_small" })]);
    expect((await readMe(member.cookie)).user.displayName).toBe("Test Person");
    await signIn(member.email, member.password);
  });
});
