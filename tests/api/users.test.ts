import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, memberships, sessions } from "../../schema";
import { StaleWrite } from "../../worker/data/events";
import { getMember, updateMember } from "../../worker/data/users";
import { sha256Hex } from "../../worker/lib/crypto";
import {
  acceptInvitation,
  api,
  createBranch,
  createMember,
  currentVersion,
  DEMO,
  db,
  expectJson,
  expectProblem,
  inviteUser,
  type MemberJson,
  NEW_PASSWORD,
  type Page,
  seed,
  sessionCookieOf,
  signIn,
  uniqueEmail,
} from "./helpers";

let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  await seed();
  admin = await signIn("admin@demo.test");
  otherAdmin = await signIn("admin@other.test");
});

const adminId = DEMO.users["admin@demo.test"] ?? "";

async function readMember(id: string): Promise<MemberJson> {
  return expectJson<MemberJson>(await api(`/api/v1/users/${id}`, { cookie: admin }), 200);
}

async function patchMember(id: string, body: Record<string, unknown>): Promise<Response> {
  const path = `/api/v1/users/${id}`;
  return api(path, { method: "PATCH", cookie: admin, body: { version: await currentVersion(path, admin), ...body } });
}

describe("listing", () => {
  it("lists members ordered by name, with filters on role, status and q", async () => {
    const all = (await expectJson<Page<MemberJson>>(await api("/api/v1/users", { cookie: admin }), 200)).items;
    expect(all.map((u) => u.id)).toEqual(expect.arrayContaining(Object.values(DEMO.users)));
    const names = all.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const manager = all.find((u) => u.email === "manager@demo.test");
    expect(manager).toMatchObject({ role: "branch_manager", status: "active", branchIds: [DEMO.branchIds.wangfujing] });
    expect(JSON.stringify(all)).not.toMatch(/password|hash/i);

    const regional = await expectJson<Page<MemberJson>>(
      await api("/api/v1/users?role=regional_manager", { cookie: admin }),
      200,
    );
    expect(regional.items.every((u) => u.role === "regional_manager")).toBe(true);
    expect(regional.items.map((u) => u.email)).toContain("regional@demo.test");

    const invited = await inviteUser(admin);
    const pending = await expectJson<Page<MemberJson>>(
      await api("/api/v1/users?status=invited", { cookie: admin }),
      200,
    );
    expect(pending.items.every((u) => u.status === "invited")).toBe(true);
    expect(pending.items.map((u) => u.id)).toContain(invited.user.id);

    const byEmail = await expectJson<Page<MemberJson>>(
      await api(`/api/v1/users?q=${encodeURIComponent(invited.email.toUpperCase())}`, { cookie: admin }),
      200,
    );
    expect(byEmail.items.map((u) => u.id)).toEqual([invited.user.id]);
  });
});

describe("invitations", () => {
  it("an admin invites: 201 with the member and a link to /invite/<token>", async () => {
    const email = uniqueEmail("Invitee").toUpperCase();
    const res = await api("/api/v1/users", {
      cookie: admin,
      body: { email: ` ${email} `, displayName: "New Person", role: "analyst", locale: "zh" },
    });
    const body = await expectJson<{ user: MemberJson; invitation: { url: string; expiresAt: string } }>(res, 201);
    expect(body.user).toMatchObject({
      email: email.trim().toLowerCase(),
      displayName: "New Person",
      locale: "zh",
      role: "analyst",
      status: "invited",
      regionIds: [],
      branchIds: [],
    });
    expect(body.invitation.url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Only the token's hash is stored.
    const token = body.invitation.url.split("/invite/")[1] ?? "";
    const [row] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, await sha256Hex(token)));
    expect(row?.organizationId).toBe(DEMO.organizationId);
  });

  it("the link shows who it is for and where", async () => {
    const invited = await inviteUser(admin, { displayName: "Shown Name", locale: "zh" });
    const info = await expectJson(await api(`/api/v1/invitations/${invited.token}`), 200);
    expect(info).toEqual({
      email: invited.email,
      displayName: "Shown Name",
      locale: "zh",
      organization: { name: { en: "Demo Retail", zh: "演示零售" } },
      expiresAt: expect.any(String),
    });
  });

  it("refuses a too-short password (400 path password) and keeps the link usable", async () => {
    const invited = await inviteUser(admin);
    const problem = await expectProblem(
      await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "new", displayName: "X", password: "short" },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "password", code: "too_small", limit: 10 })]);
    expect((await api(`/api/v1/invitations/${invited.token}`)).status).toBe(200);
  });

  it("accepting signs the person in; they can sign in again; the link cannot be reused", async () => {
    const invited = await inviteUser(admin, { role: "reviewer" });
    const res = await api(`/api/v1/invitations/${invited.token}/accept`, {
      body: { mode: "new", displayName: "  Accepted Person ", password: NEW_PASSWORD },
    });
    expect(await expectJson(res, 200)).toEqual({ ok: true });
    const cookie = sessionCookieOf(res);
    const me = await expectJson<{ user: { email: string; displayName: string }; role: string }>(
      await api("/api/v1/me", { cookie }),
      200,
    );
    expect(me.user).toMatchObject({ email: invited.email, displayName: "Accepted Person" });
    expect(me.role).toBe("reviewer");
    expect((await readMember(invited.user.id)).status).toBe("active");

    await signIn(invited.email, NEW_PASSWORD);

    await expectProblem(await api(`/api/v1/invitations/${invited.token}`), 410, "invitation_invalid");
    await expectProblem(
      await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "new", displayName: "Again", password: "another-long-password" },
      }),
      410,
      "invitation_invalid",
    );
    // The second attempt did not change the password.
    await expectProblem(
      await api("/api/v1/auth/login", { body: { email: invited.email, password: "another-long-password" } }),
      401,
      "invalid_credentials",
    );
  });

  it("unknown, over-long and expired tokens are 410", async () => {
    await expectProblem(await api("/api/v1/invitations/not-a-real-token"), 410, "invitation_invalid");
    await expectProblem(await api(`/api/v1/invitations/${"x".repeat(500)}`), 410, "invitation_invalid");
    const invited = await inviteUser(admin);
    await db()
      .update(invitations)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(invitations.tokenHash, await sha256Hex(invited.token)));
    await expectProblem(await api(`/api/v1/invitations/${invited.token}`), 410, "invitation_invalid");
    await expectProblem(
      await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "new", displayName: "Late", password: NEW_PASSWORD },
      }),
      410,
      "invitation_invalid",
    );
  });

  it("an invited person cannot sign in before accepting", async () => {
    const invited = await inviteUser(admin);
    await expectProblem(
      await api("/api/v1/auth/login", { body: { email: invited.email, password: NEW_PASSWORD } }),
      401,
      "invalid_credentials",
    );
  });

  it("inviting an existing member is 409 (path email)", async () => {
    const problem = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: { email: "Analyst@Demo.test", displayName: "Again", role: "shopper" },
      }),
      409,
      "conflict",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "email", code: "taken" })]);
    const invited = await inviteUser(admin);
    await expectProblem(
      await api("/api/v1/users", { cookie: admin, body: { email: invited.email, displayName: "X", role: "shopper" } }),
      409,
      "conflict",
    );
  });

  it("someone from another organisation joins with their existing password", async () => {
    const outsider = await createMember(otherAdmin);
    const invited = await inviteUser(admin, { email: outsider.email });
    const info = await expectJson<{ organization: { name: { en: string } } }>(
      await api(`/api/v1/invitations/${invited.token}`),
      200,
    );
    expect(info.organization.name.en).toBe("Demo Retail");

    const wrong = await expectProblem(
      await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "existing", password: "not-my-password" },
      }),
      400,
      "validation_failed",
    );
    expect(wrong.errors).toEqual([expect.objectContaining({ path: "password", code: "invalid_value" })]);
    // Choosing a new password for an existing account is refused, and changes nothing.
    await expectProblem(
      await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "new", displayName: "Taken Over", password: "a-password-of-my-own" },
      }),
      409,
      "account_exists",
    );
    const cookie = await acceptInvitation(invited.token, outsider.password, "existing");
    const me = await expectJson<{
      user: { displayName: string };
      organization: { id: string };
      organizations: Array<{ id: string }>;
    }>(await api("/api/v1/me", { cookie }), 200);
    expect(me.user.displayName).toBe("Test Person");
    expect(me.organization.id).toBe(DEMO.organizationId);
    expect(me.organizations.map((o) => o.id).sort()).toEqual([DEMO.organizationId, DEMO.otherOrganizationId].sort());
  });
});

describe("scope rules", () => {
  it("a branch manager needs branches (400 path branchIds)", async () => {
    const problem = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: { email: uniqueEmail(), displayName: "BM", role: "branch_manager" },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "branchIds", code: "required" })]);
  });

  it("a regional manager needs regions and no branches", async () => {
    const problem = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: {
          email: uniqueEmail(),
          displayName: "RM",
          role: "regional_manager",
          branchIds: [DEMO.branchIds.wangfujing],
        },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors?.map((e) => `${e.path}:${e.code}`).sort()).toEqual([
      "branchIds:not_allowed",
      "regionIds:required",
    ]);
  });

  it("ids from another organisation are unknown references (400), and nothing is written", async () => {
    const email = uniqueEmail();
    const problem = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: {
          email,
          displayName: "BM",
          role: "branch_manager",
          branchIds: [DEMO.branchIds.wangfujing, DEMO.otherBranchIds[0]],
        },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "branchIds[1]", code: "unknown_reference" })]);
    const regional = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: { email, displayName: "RM", role: "regional_manager", regionIds: [DEMO.otherRegionId] },
      }),
      400,
      "validation_failed",
    );
    expect(regional.errors).toEqual([expect.objectContaining({ path: "regionIds[0]", code: "unknown_reference" })]);
    const found = await expectJson<Page<MemberJson>>(
      await api(`/api/v1/users?q=${encodeURIComponent(email)}`, { cookie: admin }),
      200,
    );
    expect(found.items).toEqual([]);
  });

  it("a scoped invitation carries its scope into the session", async () => {
    const branch = await createBranch(admin);
    const member = await createMember(admin, { role: "branch_manager", branchIds: [branch.id] });
    expect(member.user.branchIds).toEqual([branch.id]);
    const page = await expectJson<Page<{ id: string }>>(await api("/api/v1/branches", { cookie: member.cookie }), 200);
    expect(page.items.map((b) => b.id)).toEqual([branch.id]);
  });
});

describe("changing members", () => {
  it("deactivation ends the person's sessions at once and blocks sign-in", async () => {
    const member = await createMember(admin);
    expect((await api("/api/v1/me", { cookie: member.cookie })).status).toBe(200);
    const patched = await expectJson<MemberJson>(await patchMember(member.user.id, { status: "deactivated" }), 200);
    expect(patched.status).toBe("deactivated");
    expect(await db().select().from(sessions).where(eq(sessions.userId, member.user.id))).toEqual([]);
    await expectProblem(await api("/api/v1/me", { cookie: member.cookie }), 401, "unauthenticated");
    await expectProblem(
      await api("/api/v1/auth/login", { body: { email: member.email, password: member.password } }),
      401,
      "invalid_credentials",
    );

    // Reactivated, they can sign in again.
    expect((await expectJson<MemberJson>(await patchMember(member.user.id, { status: "active" }), 200)).status).toBe(
      "active",
    );
    await signIn(member.email, member.password);
  });

  it("a deactivated invitee's link stops working; reactivated, they stay invited", async () => {
    const invited = await inviteUser(admin);
    await patchMember(invited.user.id, { status: "deactivated" });
    await expectProblem(await api(`/api/v1/invitations/${invited.token}`), 410, "invitation_invalid");
    const back = await expectJson<MemberJson>(await patchMember(invited.user.id, { status: "active" }), 200);
    expect(back.status).toBe("invited");
  });

  it("an admin cannot activate a pending invitation for someone who already has an account", async () => {
    const outsider = await createMember(otherAdmin);
    const invited = await inviteUser(admin, { email: outsider.email });
    const patched = await expectJson<MemberJson>(await patchMember(invited.user.id, { status: "active" }), 200);
    expect(patched.status).toBe("invited");
    const me = await expectJson<{ organizations: Array<{ id: string }> }>(
      await api("/api/v1/me", { cookie: outsider.cookie }),
      200,
    );
    expect(me.organizations.map((o) => o.id)).toEqual([DEMO.otherOrganizationId]);
    // Only accepting the link makes them a member.
    expect((await api(`/api/v1/invitations/${invited.token}`)).status).toBe(200);
  });

  it("an admin cannot deactivate or demote themselves (409)", async () => {
    const deactivate = await expectProblem(await patchMember(adminId, { status: "deactivated" }), 409, "conflict");
    expect(deactivate.errors).toEqual([expect.objectContaining({ path: "status", code: "not_allowed" })]);
    const demote = await expectProblem(await patchMember(adminId, { role: "analyst" }), 409, "conflict");
    expect(demote.errors).toEqual([expect.objectContaining({ path: "role", code: "not_allowed" })]);
    const both = await expectProblem(
      await patchMember(adminId, { role: "analyst", status: "active" }),
      409,
      "conflict",
    );
    expect(both.errors).toEqual([expect.objectContaining({ path: "role", code: "not_allowed" })]);
    const all = await expectProblem(
      await patchMember(adminId, { role: "shopper", status: "deactivated" }),
      409,
      "conflict",
    );
    expect(all.errors?.map((e) => `${e.path}:${e.code}`)).toEqual(["role:not_allowed", "status:not_allowed"]);
    const me = await readMember(adminId);
    expect(me).toMatchObject({ role: "admin", status: "active" });
    // Harmless changes to oneself are fine.
    const renamed = await expectJson<MemberJson>(
      await patchMember(adminId, { displayName: "Ada Admin", role: "admin" }),
      200,
    );
    expect(renamed).toMatchObject({ displayName: "Ada Admin", role: "admin" });
  });

  it("a role change validates the new scope", async () => {
    const member = await createMember(admin);
    const branch = await createBranch(admin);

    const missing = await expectProblem(
      await patchMember(member.user.id, { role: "branch_manager" }),
      400,
      "validation_failed",
    );
    expect(missing.errors).toEqual([expect.objectContaining({ path: "branchIds" })]);
    const foreign = await expectProblem(
      await patchMember(member.user.id, { role: "branch_manager", branchIds: [DEMO.otherBranchIds[1]] }),
      400,
      "validation_failed",
    );
    expect(foreign.errors).toEqual([expect.objectContaining({ path: "branchIds[0]", code: "unknown_reference" })]);
    expect(await readMember(member.user.id)).toMatchObject({ role: "shopper", branchIds: [] });

    const promoted = await expectJson<MemberJson>(
      await patchMember(member.user.id, { role: "branch_manager", branchIds: [branch.id] }),
      200,
    );
    expect(promoted).toMatchObject({ role: "branch_manager", branchIds: [branch.id], regionIds: [] });
    // The role applies to the running session straight away.
    const page = await expectJson<Page<{ id: string }>>(await api("/api/v1/branches", { cookie: member.cookie }), 200);
    expect(page.items.map((b) => b.id)).toEqual([branch.id]);

    // Changing to a role without scope drops the old scope.
    const analyst = await expectJson<MemberJson>(await patchMember(member.user.id, { role: "analyst" }), 200);
    expect(analyst).toMatchObject({ role: "analyst", branchIds: [], regionIds: [] });

    // A scope the role does not take is refused.
    const stray = await expectProblem(
      await patchMember(member.user.id, { regionIds: [DEMO.regionIds.north] }),
      400,
      "validation_failed",
    );
    expect(stray.errors).toEqual([expect.objectContaining({ path: "regionIds", code: "not_allowed" })]);

    const regional = await expectJson<MemberJson>(
      await patchMember(member.user.id, { role: "regional_manager", regionIds: [DEMO.regionIds.south] }),
      200,
    );
    expect(regional).toMatchObject({ role: "regional_manager", regionIds: [DEMO.regionIds.south], branchIds: [] });
  });

  it("answers 404 for people of other organisations and unknown ids", async () => {
    await expectProblem(await patchMember(DEMO.otherAdminId, { displayName: "X" }), 404, "not_found");
    await expectProblem(await api("/api/v1/users/no-such-user", { cookie: admin }), 404, "not_found");
  });
});

describe("reissuing an invitation link", () => {
  it("gives a new working link and retires the old one", async () => {
    const invited = await inviteUser(admin);
    const res = await api(`/api/v1/users/${invited.user.id}/invitation`, { method: "POST", cookie: admin });
    const body = await expectJson<{ url: string; expiresAt: string }>(res, 201);
    expect(body.url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = body.url.split("/invite/")[1] ?? "";
    expect(token).not.toBe(invited.token);
    await expectProblem(await api(`/api/v1/invitations/${invited.token}`), 410, "invitation_invalid");
    await acceptInvitation(token);
    await signIn(invited.email, NEW_PASSWORD);
  });

  it("is 409 for someone who already accepted, 403 for non-admins", async () => {
    const member = await createMember(admin);
    await expectProblem(
      await api(`/api/v1/users/${member.user.id}/invitation`, { method: "POST", cookie: admin }),
      409,
      "conflict",
    );
    const invited = await inviteUser(admin);
    const analyst = await signIn("analyst@demo.test");
    await expectProblem(
      await api(`/api/v1/users/${invited.user.id}/invitation`, { method: "POST", cookie: analyst }),
      403,
      "forbidden",
    );
  });
});

describe("a membership change checked against the role it read", () => {
  it("loses to a change made meanwhile: 409, and none of its writes apply", async () => {
    const invited = await inviteUser(admin, { role: "regional_manager", regionIds: [DEMO.regionIds.north] });
    const database = db();
    const member = await getMember(database, DEMO.organizationId, invited.user.id);
    if (!member) throw new Error("no member");
    // Another admin makes the person a shopper after this request read them as a regional manager.
    await database.update(memberships).set({ role: "shopper" }).where(eq(memberships.id, member.membershipId));
    const change = updateMember(database, DEMO.organizationId, member, {
      role: "branch_manager",
      scope: { regionIds: [], branchIds: [DEMO.branchIds.wangfujing] },
    });
    await expect(change).rejects.toBeInstanceOf(StaleWrite);
    const after = await getMember(database, DEMO.organizationId, member.membershipId);
    expect(after).toMatchObject({ role: "shopper", regionIds: [DEMO.regionIds.north], branchIds: [] });
  });

  it("applies when nothing changed meanwhile", async () => {
    const invited = await inviteUser(admin, { role: "regional_manager", regionIds: [DEMO.regionIds.north] });
    const database = db();
    const member = await getMember(database, DEMO.organizationId, invited.user.id);
    if (!member) throw new Error("no member");
    const updated = await updateMember(database, DEMO.organizationId, member, {
      role: "branch_manager",
      scope: { regionIds: [], branchIds: [DEMO.branchIds.wangfujing, DEMO.branchIds.nanjingRoad] },
    });
    expect(updated).toMatchObject({
      role: "branch_manager",
      regionIds: [],
      branchIds: expect.arrayContaining([DEMO.branchIds.wangfujing, DEMO.branchIds.nanjingRoad]),
    });
  });
});
