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
import { type Client, client as clientOf, createOrganization, type TestOrganization } from "./factory";
import {
  type AnyResponse,
  acceptInvitation,
  api,
  db,
  expectOk,
  expectProblem,
  NEW_PASSWORD,
  sessionCookieOf,
  signIn,
  uniqueEmail,
} from "./helpers";
import {
  createMemberBy,
  type InviteBody,
  invitationLink,
  inviteBy,
  login,
  memberVersion,
  resetInvitationAllowanceOf,
} from "./member-helpers";

/** The organisation that invites people who already belong to `other`. */
let org: TestOrganization;
/** The first organisation of every shared person. */
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

const readMe = async (as: Client) => expectOk(await as.api.v1.me.$get(), 200);

/** `org`'s admin invites (with a fresh hourly allowance); the answer, unchecked. */
async function invite(json: InviteBody) {
  await resetInvitationAllowanceOf(org.people.admin);
  return org.as.admin.api.v1.users.$post({ json });
}

const memberRoute = (as: Client) => as.api.v1.users[":id"];

/** A person who is an active member of `other`, with a profile of their own in Chinese. */
async function sharedPerson() {
  const person = await createMemberBy(other.people.admin, { displayName: "Other Co's label", locale: "en" });
  await expectOk(await person.as.api.v1.me.$patch({ json: { displayName: "林静", locale: "zh" } }), 200);
  return person;
}

/** What the person and their first organisation see of them. */
async function visibleState(person: Awaited<ReturnType<typeof sharedPerson>>) {
  const me = await readMe(person.as);
  const asMember = await expectOk(await memberRoute(other.as.admin).$get({ param: { id: person.user.id } }), 200);
  return {
    profile: me.user,
    organizations: me.organizations.map((o) => o.id).sort(),
    inFirstOrganization: asMember,
  };
}

describe("inviting an email that has an account elsewhere", () => {
  it("answers exactly as for a new email: no name, language or id from the other organisation", async () => {
    const person = await sharedPerson();
    const inviteTyped = (email: string) =>
      invite({ email, displayName: "Typed by Demo", role: "shopper", locale: "en" });
    const existing = await expectOk(await inviteTyped(person.email), 201);
    const fresh = await expectOk(await inviteTyped(uniqueEmail("fresh")), 201);

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
    const seeded = await expectOk(await invite({ email: readable.email, displayName: "Guess", role: "shopper" }), 201);
    expect(seeded.user.id).not.toBe(readable.id);
    expect(seeded.user).toMatchObject({ displayName: "Guess", locale: "en" });
  });

  it("the anonymous invitation page has the same fields either way, and no hasPassword", async () => {
    const person = await sharedPerson();
    const forExisting = await inviteBy(org.people.admin, { email: person.email, displayName: "Same Typed" });
    const forNew = await inviteBy(org.people.admin, { displayName: "Same Typed" });
    const a = await expectOk(await invitationLink(forExisting.token).read(), 200);
    const b = await expectOk(await invitationLink(forNew.token).read(), 200);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).not.toHaveProperty("hasPassword");
    expect({ ...a, email: "", expiresAt: "" }).toEqual({ ...b, email: "", expiresAt: "" });
  });

  it("the member list and search show only the typed name until the person accepts", async () => {
    const person = await sharedPerson();
    const invited = await inviteBy(org.people.admin, { email: person.email, displayName: "Before Accepting" });
    const list = await expectOk(await org.as.admin.api.v1.users.$get({ query: { q: "林静" } }), 200);
    expect(list.items.map((m) => m.email)).not.toContain(person.email);
    const read = await expectOk(await memberRoute(org.as.admin).$get({ param: { id: invited.user.id } }), 200);
    expect(read.displayName).toBe("Before Accepting");

    // Once they accept, the organisation sees the person's own name and id.
    await acceptInvitation(invited.token, person.password, "existing");
    const after = await expectOk(await org.as.admin.api.v1.users.$get({ query: { q: person.email } }), 200);
    expect(after.items).toEqual([expect.objectContaining({ id: person.user.id, displayName: "林静", locale: "zh" })]);
  });
});

describe("an organisation's writes never reach another organisation's view of a shared person", () => {
  type Write = { name: string; run: (id: string) => Promise<AnyResponse>; accepted: boolean };
  type Patch = Omit<Parameters<ReturnType<typeof memberRoute>["$patch"]>[0]["json"], "version">;
  /** `body` is made when the write runs: the organisations do not exist while tests are collected. */
  const patch = (body: () => Patch) => async (id: string) =>
    memberRoute(org.as.admin).$patch({
      param: { id },
      json: { ...body(), version: await memberVersion(org.as.admin, id) },
    });
  const writes: Write[] = [];
  for (const accepted of [false, true]) {
    writes.push(
      { name: "rename", run: patch(() => ({ displayName: "Renamed by Demo" })), accepted },
      { name: "change role", run: patch(() => ({ role: "analyst" })), accepted },
      {
        name: "change scope",
        run: patch(() => ({ role: "branch_manager", branchIds: [org.branchIds.north1] })),
        accepted,
      },
      { name: "deactivate", run: patch(() => ({ status: "deactivated" })), accepted },
      {
        name: "deactivate then activate",
        run: async (id) => {
          await patch(() => ({ status: "deactivated" }))(id);
          return patch(() => ({ status: "active" }))(id);
        },
        accepted,
      },
      { name: "activate", run: patch(() => ({ status: "active" })), accepted },
      {
        name: "reissue the link",
        run: (id) => memberRoute(org.as.admin).invitation.$post({ param: { id } }),
        accepted,
      },
    );
  }

  it.each(writes)("$name (accepted in the second organisation: $accepted)", async ({ run, accepted }) => {
    const person = await sharedPerson();
    const invited = await inviteBy(org.people.admin, { email: person.email, displayName: "Typed by Demo" });
    if (accepted) await acceptInvitation(invited.token, person.password, "existing");
    const idInOrg = accepted ? person.user.id : invited.user.id;
    const before = await visibleState(person);

    const res = await run(idInOrg);
    expect(res.status).toBeLessThan(500);
    const again = await invite({ email: person.email, displayName: "Again", role: "shopper" });
    await expectProblem(again, 409, "conflict");

    const after = await visibleState(person);
    expect(after.profile).toEqual(before.profile);
    expect(after.inFirstOrganization).toEqual(before.inFirstOrganization);
    if (!accepted) {
      // Never accepted: the person still belongs to their first organisation only, and cannot switch.
      expect(after.organizations).toEqual([other.id]);
      await expectProblem(
        await person.as.api.v1.me.organization.$put({ json: { organizationId: org.id } }),
        400,
        "validation_failed",
      );
    }
    // Their session in their first organisation still works.
    expect((await readMe(person.as)).organization.id).toBe(other.id);
  });
});

describe("a membership never accepted is never active", () => {
  it("whatever sequence of status changes arrives, for a person with an account elsewhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("active" as const, "deactivated" as const), { minLength: 1, maxLength: 6 }),
        async (steps) => {
          const person = await sharedPerson();
          const invited = await inviteBy(org.people.admin, { email: person.email });
          for (const status of steps) {
            const version = await memberVersion(org.as.admin, invited.user.id);
            const res = await memberRoute(org.as.admin).$patch({
              param: { id: invited.user.id },
              json: { status, version },
            });
            const member = await expectOk(res, 200);
            expect(member.status).toBe(status === "active" ? "invited" : "deactivated");
          }
          const rows = await db()
            .select({ status: memberships.status })
            .from(memberships)
            .where(and(eq(memberships.organizationId, org.id), eq(memberships.id, invited.user.id)));
          expect(rows.map((r) => r.status)).not.toContain("active");
          expect((await readMe(person.as)).organizations.map((o) => o.id)).toEqual([other.id]);
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
      const invited = await inviteBy(org.people.admin, person ? { email: person.email } : {});
      const body =
        mode === "new"
          ? { mode, displayName: "Racer", password: NEW_PASSWORD }
          : { mode, password: person?.password ?? "" };
      const link = invitationLink(invited.token);
      const results = await Promise.all(Array.from({ length: 10 }, () => link.accept(body)));
      const statuses = results.map((r) => r.status as number);
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
      if (!winner) throw new Error("no winner");
      const userId = person?.user.id ?? (await readMe(clientOf(sessionCookieOf(winner)))).user.id;
      const orgSessions = await db()
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.organizationId, org.id)));
      expect(orgSessions).toHaveLength(1);
    },
  );
});

describe("the profile belongs to the person", () => {
  it("only PATCH /me changes the name and language; an admin's rename is the organisation's label", async () => {
    const member = await createMemberBy(org.people.admin, { displayName: "Given at Invite" });
    const renamed = await expectOk(
      await memberRoute(org.as.admin).$patch({
        param: { id: member.user.id },
        json: { displayName: "Label in Demo", version: await memberVersion(org.as.admin, member.user.id) },
      }),
      200,
    );
    expect(renamed.displayName).toBe("Label in Demo");
    expect((await readMe(member.as)).user.displayName).toBe("Test Person");

    await expectOk(await member.as.api.v1.me.$patch({ json: { displayName: "My Own Name" } }), 200);
    expect((await readMe(member.as)).user.displayName).toBe("My Own Name");
    // The organisation's label still wins inside the organisation.
    const read = await expectOk(await memberRoute(org.as.admin).$get({ param: { id: member.user.id } }), 200);
    expect(read.displayName).toBe("Label in Demo");
    // A member's email and password are not the organisation's to change (raw: a field the type does not have).
    await expectProblem(
      await api(`/api/v1/users/${member.user.id}`, {
        method: "PATCH",
        cookie: org.people.admin.cookie,
        body: { email: "taken-over@factory.test" },
      }),
      400,
      "validation_failed",
    );
    await signIn(member.email, member.password);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, ends the person's other sessions and keeps this one", async () => {
    const member = await createMemberBy(org.people.admin);
    const elsewhere = await signIn(member.email, member.password);
    const changeMe = member.as.api.v1.me.$patch;
    const missing = await expectProblem(
      await changeMe({ json: { newPassword: "a-brand-new-password" } }),
      400,
      "validation_failed",
    );
    expect(missing.errors).toEqual([expect.objectContaining({ path: "currentPassword", code: "required" })]);
    const wrong = await expectProblem(
      await changeMe({ json: { currentPassword: "not-the-password", newPassword: "a-brand-new-password" } }),
      400,
      "validation_failed",
    );
    expect(wrong.errors).toEqual([expect.objectContaining({ path: "currentPassword", code: "invalid_value" })]);
    await signIn(member.email, member.password);

    await expectOk(
      await changeMe({ json: { currentPassword: member.password, newPassword: "a-brand-new-password" } }),
      200,
    );
    expect((await member.as.api.v1.me.$get()).status).toBe(200);
    await expectProblem(await clientOf(elsewhere).api.v1.me.$get(), 401, "unauthenticated");
    await expectProblem(await login(member.email, member.password), 401, "invalid_credentials");
    await signIn(member.email, "a-brand-new-password");
  });

  it("a too-short new password is refused and nothing changes", async () => {
    const member = await createMemberBy(org.people.admin);
    const problem = await expectProblem(
      await member.as.api.v1.me.$patch({
        json: { currentPassword: member.password, newPassword: "short", displayName: "Should Not Stick" },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "newPassword", code: "too_small" })]);
    expect((await readMe(member.as)).user.displayName).toBe("Test Person");
    await signIn(member.email, member.password);
  });
});
