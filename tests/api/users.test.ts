import { eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, memberships, sessions } from "../../schema";
import { StaleWrite } from "../../worker/data/events";
import { getMember, updateMember } from "../../worker/data/users";
import { sha256Hex } from "../../worker/lib/crypto";
import { client, createOrganization, type TestOrganization } from "./factory";
import {
  acceptInvitation,
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
  organizationName,
  resetInvitationAllowanceOf,
} from "./member-helpers";
import { createBranchIn } from "./org-helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

const memberRoute = () => org.as.admin.api.v1.users[":id"];

async function readMember(id: string) {
  return expectOk(await memberRoute().$get({ param: { id } }), 200);
}

/** A PATCH based on the member's current version unless `json` names one. */
async function patchMember(
  id: string,
  json: Omit<InferRequestType<ReturnType<typeof memberRoute>["$patch"]>["json"], "version"> & { version?: number },
) {
  const version = json.version ?? (await memberVersion(org.as.admin, id));
  return memberRoute().$patch({ param: { id }, json: { ...json, version } });
}

async function listMembers(query: InferRequestType<typeof org.as.admin.api.v1.users.$get>["query"] = {}) {
  return (await expectOk(await org.as.admin.api.v1.users.$get({ query }), 200)).items;
}

/** Invites as the organisation's admin (with a fresh hourly allowance); the answer, unchecked. */
async function invite(json: InviteBody) {
  await resetInvitationAllowanceOf(org.people.admin);
  return org.as.admin.api.v1.users.$post({ json });
}

function reissue(id: string, as = org.as.admin) {
  return as.api.v1.users[":id"].invitation.$post({ param: { id } });
}

describe("listing", () => {
  it("lists members ordered by name, with filters on role, status and q", async () => {
    const all = await listMembers();
    expect(all.map((u) => u.id)).toEqual(expect.arrayContaining(Object.values(org.people).map((p) => p.id)));
    const names = all.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const manager = all.find((u) => u.email === org.people.manager.email);
    expect(manager).toMatchObject({ role: "branch_manager", status: "active", branchIds: [org.branchIds.north1] });
    expect(JSON.stringify(all)).not.toMatch(/password|hash/i);

    const regional = await listMembers({ role: "regional_manager" });
    expect(regional.every((u) => u.role === "regional_manager")).toBe(true);
    expect(regional.map((u) => u.email)).toContain(org.people.regional.email);

    const invited = await inviteBy(org.people.admin);
    const pending = await listMembers({ status: "invited" });
    expect(pending.every((u) => u.status === "invited")).toBe(true);
    expect(pending.map((u) => u.id)).toContain(invited.user.id);

    const byEmail = await listMembers({ q: invited.email.toUpperCase() });
    expect(byEmail.map((u) => u.id)).toEqual([invited.user.id]);
  });
});

describe("invitations", () => {
  it("an admin invites: 201 with the member and a link to /invite/<token>", async () => {
    const email = uniqueEmail("Invitee").toUpperCase();
    const res = await invite({ email: ` ${email} `, displayName: "New Person", role: "analyst", locale: "zh" });
    const body = await expectOk(res, 201);
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
    expect(row?.organizationId).toBe(org.id);
  });

  it("the link shows who it is for and where", async () => {
    const invited = await inviteBy(org.people.admin, { displayName: "Shown Name", locale: "zh" });
    const info = await expectOk(await invitationLink(invited.token).read(), 200);
    expect(info).toEqual({
      email: invited.email,
      displayName: "Shown Name",
      locale: "zh",
      organization: { name: await organizationName(org) },
      expiresAt: expect.any(String),
    });
  });

  it("refuses a too-short password (400 path password) and keeps the link usable", async () => {
    const invited = await inviteBy(org.people.admin);
    const link = invitationLink(invited.token);
    const problem = await expectProblem(
      await link.accept({ mode: "new", displayName: "X", password: "short" }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "password", code: "too_small", limit: 10 })]);
    expect((await link.read()).status).toBe(200);
  });

  it("accepting signs the person in; they can sign in again; the link cannot be reused", async () => {
    const invited = await inviteBy(org.people.admin, { role: "reviewer" });
    const link = invitationLink(invited.token);
    const res = await link.accept({ mode: "new", displayName: "  Accepted Person ", password: NEW_PASSWORD });
    expect(await expectOk(res, 200)).toEqual({ ok: true, pending: null });
    const cookie = sessionCookieOf(res);
    const me = await expectOk(await client(cookie).api.v1.me.$get(), 200);
    expect(me.user).toMatchObject({ email: invited.email, displayName: "Accepted Person" });
    expect(me.role).toBe("reviewer");
    expect((await readMember(invited.user.id)).status).toBe("active");

    await signIn(invited.email, NEW_PASSWORD);

    await expectProblem(await link.read(), 410, "invitation_invalid");
    await expectProblem(
      await link.accept({ mode: "new", displayName: "Again", password: "another-long-password" }),
      410,
      "invitation_invalid",
    );
    // The second attempt did not change the password.
    await expectProblem(await login(invited.email, "another-long-password"), 401, "invalid_credentials");
  });

  it("unknown, over-long and expired tokens are 410", async () => {
    await expectProblem(await invitationLink("not-a-real-token").read(), 410, "invitation_invalid");
    await expectProblem(await invitationLink("x".repeat(500)).read(), 410, "invitation_invalid");
    const invited = await inviteBy(org.people.admin);
    await db()
      .update(invitations)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(invitations.tokenHash, await sha256Hex(invited.token)));
    const link = invitationLink(invited.token);
    await expectProblem(await link.read(), 410, "invitation_invalid");
    await expectProblem(
      await link.accept({ mode: "new", displayName: "Late", password: NEW_PASSWORD }),
      410,
      "invitation_invalid",
    );
  });

  it("an invited person cannot sign in before accepting", async () => {
    const invited = await inviteBy(org.people.admin);
    await expectProblem(await login(invited.email, NEW_PASSWORD), 401, "invalid_credentials");
  });

  it("inviting an existing member is 409 (path email)", async () => {
    const [name, domain] = org.people.analyst.email.split("@");
    const mixedCase = `${name?.charAt(0).toUpperCase()}${name?.slice(1)}@${domain?.toUpperCase()}`;
    const problem = await expectProblem(
      await invite({ email: mixedCase, displayName: "Again", role: "shopper" }),
      409,
      "conflict",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "email", code: "taken" })]);
    const invited = await inviteBy(org.people.admin);
    await expectProblem(await invite({ email: invited.email, displayName: "X", role: "shopper" }), 409, "conflict");
  });

  it("someone from another organisation joins with their existing password", async () => {
    const outsider = await createMemberBy(other.people.admin);
    const invited = await inviteBy(org.people.admin, { email: outsider.email });
    const link = invitationLink(invited.token);
    const info = await expectOk(await link.read(), 200);
    expect(info.organization.name.en).toBe((await organizationName(org)).en);

    const wrong = await expectProblem(
      await link.accept({ mode: "existing", password: "not-my-password" }),
      400,
      "validation_failed",
    );
    expect(wrong.errors).toEqual([expect.objectContaining({ path: "password", code: "invalid_value" })]);
    // Choosing a new password for an existing account is refused, and changes nothing.
    await expectProblem(
      await link.accept({ mode: "new", displayName: "Taken Over", password: "a-password-of-my-own" }),
      409,
      "account_exists",
    );
    const cookie = await acceptInvitation(invited.token, outsider.password, "existing");
    const me = await expectOk(await client(cookie).api.v1.me.$get(), 200);
    expect(me.user.displayName).toBe("Test Person");
    expect(me.organization.id).toBe(org.id);
    expect(me.organizations.map((o) => o.id).sort()).toEqual([org.id, other.id].sort());
  });
});

describe("scope rules", () => {
  it("a branch manager needs branches (400 path branchIds)", async () => {
    const problem = await expectProblem(
      await invite({ email: uniqueEmail(), displayName: "BM", role: "branch_manager" }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "branchIds", code: "required" })]);
  });

  it("a regional manager needs regions and no branches", async () => {
    const problem = await expectProblem(
      await invite({
        email: uniqueEmail(),
        displayName: "RM",
        role: "regional_manager",
        branchIds: [org.branchIds.north1],
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
      await invite({
        email,
        displayName: "BM",
        role: "branch_manager",
        branchIds: [org.branchIds.north1, other.branchIds.north1],
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "branchIds[1]", code: "unknown_reference" })]);
    const regional = await expectProblem(
      await invite({ email, displayName: "RM", role: "regional_manager", regionIds: [other.regionIds.north] }),
      400,
      "validation_failed",
    );
    expect(regional.errors).toEqual([expect.objectContaining({ path: "regionIds[0]", code: "unknown_reference" })]);
    expect(await listMembers({ q: email })).toEqual([]);
  });

  it("a scoped invitation carries its scope into the session", async () => {
    const branch = await createBranchIn(org);
    const member = await createMemberBy(org.people.admin, { role: "branch_manager", branchIds: [branch.id] });
    expect(member.user.branchIds).toEqual([branch.id]);
    const page = await expectOk(await member.as.api.v1.branches.$get({ query: {} }), 200);
    expect(page.items.map((b) => b.id)).toEqual([branch.id]);
  });
});

describe("changing members", () => {
  it("deactivation ends the person's sessions at once and blocks sign-in", async () => {
    const member = await createMemberBy(org.people.admin);
    expect((await member.as.api.v1.me.$get()).status).toBe(200);
    const patched = await expectOk(await patchMember(member.user.id, { status: "deactivated" }), 200);
    expect(patched.status).toBe("deactivated");
    expect(await db().select().from(sessions).where(eq(sessions.userId, member.user.id))).toEqual([]);
    await expectProblem(await member.as.api.v1.me.$get(), 401, "unauthenticated");
    await expectProblem(await login(member.email, member.password), 401, "invalid_credentials");

    // Reactivated, they can sign in again.
    expect((await expectOk(await patchMember(member.user.id, { status: "active" }), 200)).status).toBe("active");
    await signIn(member.email, member.password);
  });

  it("a deactivated invitee's link stops working; reactivated, they stay invited", async () => {
    const invited = await inviteBy(org.people.admin);
    await patchMember(invited.user.id, { status: "deactivated" });
    await expectProblem(await invitationLink(invited.token).read(), 410, "invitation_invalid");
    const back = await expectOk(await patchMember(invited.user.id, { status: "active" }), 200);
    expect(back.status).toBe("invited");
  });

  it("an admin cannot activate a pending invitation for someone who already has an account", async () => {
    const outsider = await createMemberBy(other.people.admin);
    const invited = await inviteBy(org.people.admin, { email: outsider.email });
    const patched = await expectOk(await patchMember(invited.user.id, { status: "active" }), 200);
    expect(patched.status).toBe("invited");
    const me = await expectOk(await outsider.as.api.v1.me.$get(), 200);
    expect(me.organizations.map((o) => o.id)).toEqual([other.id]);
    // Only accepting the link makes them a member.
    expect((await invitationLink(invited.token).read()).status).toBe(200);
  });

  it("an admin cannot deactivate or demote themselves (409)", async () => {
    const adminId = org.people.admin.id;
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
    const renamed = await expectOk(await patchMember(adminId, { displayName: "Ada Admin", role: "admin" }), 200);
    expect(renamed).toMatchObject({ displayName: "Ada Admin", role: "admin" });
  });

  it("a role change validates the new scope", async () => {
    const member = await createMemberBy(org.people.admin);
    const branch = await createBranchIn(org);

    const missing = await expectProblem(
      await patchMember(member.user.id, { role: "branch_manager" }),
      400,
      "validation_failed",
    );
    expect(missing.errors).toEqual([expect.objectContaining({ path: "branchIds" })]);
    const foreign = await expectProblem(
      await patchMember(member.user.id, { role: "branch_manager", branchIds: [other.branchIds.north2] }),
      400,
      "validation_failed",
    );
    expect(foreign.errors).toEqual([expect.objectContaining({ path: "branchIds[0]", code: "unknown_reference" })]);
    expect(await readMember(member.user.id)).toMatchObject({ role: "shopper", branchIds: [] });

    const promoted = await expectOk(
      await patchMember(member.user.id, { role: "branch_manager", branchIds: [branch.id] }),
      200,
    );
    expect(promoted).toMatchObject({ role: "branch_manager", branchIds: [branch.id], regionIds: [] });
    // The role applies to the running session straight away.
    const page = await expectOk(await member.as.api.v1.branches.$get({ query: {} }), 200);
    expect(page.items.map((b) => b.id)).toEqual([branch.id]);

    // Changing to a role without scope drops the old scope.
    const analyst = await expectOk(await patchMember(member.user.id, { role: "analyst" }), 200);
    expect(analyst).toMatchObject({ role: "analyst", branchIds: [], regionIds: [] });

    // A scope the role does not take is refused.
    const stray = await expectProblem(
      await patchMember(member.user.id, { regionIds: [org.regionIds.north] }),
      400,
      "validation_failed",
    );
    expect(stray.errors).toEqual([expect.objectContaining({ path: "regionIds", code: "not_allowed" })]);

    const regional = await expectOk(
      await patchMember(member.user.id, { role: "regional_manager", regionIds: [org.regionIds.south] }),
      200,
    );
    expect(regional).toMatchObject({ role: "regional_manager", regionIds: [org.regionIds.south], branchIds: [] });
  });

  it("answers 404 for people of other organisations and unknown ids", async () => {
    await expectProblem(await patchMember(other.people.admin.id, { displayName: "X" }), 404, "not_found");
    await expectProblem(await memberRoute().$get({ param: { id: "no-such-user" } }), 404, "not_found");
  });
});

describe("reissuing an invitation link", () => {
  it("gives a new working link and retires the old one", async () => {
    const invited = await inviteBy(org.people.admin);
    const body = await expectOk(await reissue(invited.user.id), 201);
    expect(body.url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = body.url.split("/invite/")[1] ?? "";
    expect(token).not.toBe(invited.token);
    await expectProblem(await invitationLink(invited.token).read(), 410, "invitation_invalid");
    await acceptInvitation(token);
    await signIn(invited.email, NEW_PASSWORD);
  });

  it("is 409 for someone who already accepted, 403 for non-admins", async () => {
    const member = await createMemberBy(org.people.admin);
    await expectProblem(await reissue(member.user.id), 409, "conflict");
    const invited = await inviteBy(org.people.admin);
    await expectProblem(await reissue(invited.user.id, org.as.analyst), 403, "forbidden");
  });
});

describe("a membership change checked against the role it read", () => {
  it("loses to a change made meanwhile: 409, and none of its writes apply", async () => {
    const invited = await inviteBy(org.people.admin, { role: "regional_manager", regionIds: [org.regionIds.north] });
    const database = db();
    const member = await getMember(database, org.id, invited.user.id);
    if (!member) throw new Error("no member");
    // Another admin makes the person a shopper after this request read them as a regional manager.
    await database.update(memberships).set({ role: "shopper" }).where(eq(memberships.id, member.membershipId));
    const change = updateMember(database, org.id, member, {
      role: "branch_manager",
      scope: { regionIds: [], branchIds: [org.branchIds.north1] },
    });
    await expect(change).rejects.toBeInstanceOf(StaleWrite);
    const after = await getMember(database, org.id, member.membershipId);
    expect(after).toMatchObject({ role: "shopper", regionIds: [org.regionIds.north], branchIds: [] });
  });

  it("applies when nothing changed meanwhile", async () => {
    const invited = await inviteBy(org.people.admin, { role: "regional_manager", regionIds: [org.regionIds.north] });
    const database = db();
    const member = await getMember(database, org.id, invited.user.id);
    if (!member) throw new Error("no member");
    const updated = await updateMember(database, org.id, member, {
      role: "branch_manager",
      scope: { regionIds: [], branchIds: [org.branchIds.north1, org.branchIds.east1] },
    });
    expect(updated).toMatchObject({
      role: "branch_manager",
      regionIds: [],
      branchIds: expect.arrayContaining([org.branchIds.north1, org.branchIds.east1]),
    });
  });
});
