/**
 * Issue 18's new routes from an attacker's side (export, account deletion, two-factor, privacy
 * settings, staff names, the bookmark cookie): authorise before validating, hostile bodies answer
 * problem+json with a stable code and change nothing, and nothing of a deleted person or of
 * other people leaks.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, organizations, users } from "../../schema";
import app from "../../worker/app";
import { deleteAccount } from "../../worker/data/account-deletion";
import { verifyChain } from "../../worker/data/audit-log";
import { StaleWrite } from "../../worker/data/events";
import { totpCode } from "../../worker/lib/totp";
import { createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { api, completeAnswers, db, expectOk, expectProblem, fieldErrors, uniqueEmail } from "./helpers";
import { createMemberBy, login } from "./member-helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";

let org: TestOrganization;
let storeDoc: Awaited<ReturnType<typeof readVersion>>["document"];

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
  storeDoc = (await readVersion(org.as.admin, org.versionIds.store)).document;
});

/** Every GET path the app routes, params filled in from `ids` (each id tried in each param). */
function getPaths(ids: string[]): string[] {
  const templates = [
    ...new Set(app.routes.filter((r) => r.method === "GET").map((r) => r.path.replace(/\/$/, "") || "/")),
  ];
  return templates.flatMap((template) => {
    if (!template.includes(":")) return [template];
    return ids.map((id) => template.replace(/:[A-Za-z]+/g, id));
  });
}

describe("after an account is deleted, no API answer holds its email or name", () => {
  it("walks every read route as the admin and finds neither", { timeout: 60_000 }, async () => {
    const email = uniqueEmail("wanda-walker");
    const name = "Wanda Unforgettable";
    const person = await createMemberBy(org.people.admin, { email, displayName: name, role: "shopper" });
    // The organisation's own label for her, set after the invitation (a membership.changed event).
    const label = "Wanda Labelled-Twice";
    const member = await expectOk(await org.as.admin.api.v1.users[":id"].$get({ param: { id: person.user.id } }), 200);
    await expectOk(
      await org.as.admin.api.v1.users[":id"].$patch({
        param: { id: person.user.id },
        json: { displayName: label, version: member.version },
      }),
      200,
    );
    const assignment = await planVisit(org, org.versionIds.store, { shopperId: person.user.id });
    const reportId = crypto.randomUUID();
    await expectOk(await submitReport(person.as, reportId, report(assignment, completeAnswers(storeDoc))), 201);

    const res = await api("/api/v1/me", {
      method: "DELETE",
      cookie: person.cookie,
      body: { currentPassword: person.password, confirm: "delete" },
    });
    expect(res.status, await res.clone().text()).toBe(204);

    const ids = [person.user.id, reportId, assignment.id, org.branchIds.north1, org.regionIds.north, org.id];
    const paths = [...getPaths(ids), "/api/v1/audit-log?limit=200", "/api/v1/users?status=deactivated"];
    expect(paths.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    const errors: string[] = [];
    for (const path of paths) {
      const answer = await api(path, { cookie: org.people.admin.cookie });
      const text = await answer.text();
      if (answer.status >= 500) errors.push(`${path} → ${answer.status}`);
      for (const secret of [email, email.split("@")[0] ?? email, name, label]) {
        if (text.toLowerCase().includes(secret.toLowerCase())) leaks.push(`${path}: ${secret}`);
      }
    }
    expect(errors).toEqual([]);
    expect(leaks).toEqual([]);
  });
});

describe("account deletion racing a role change", () => {
  it("a person promoted to sole admin after the route's read cannot leave the organisation without one", async () => {
    const lone = await createOrganization();
    const person = lone.people.analyst;
    // The route read the person as an analyst; meanwhile the admin made them admin and stepped down.
    const read = [
      { id: person.membershipId, organizationId: lone.id, role: "analyst" as const, status: "active" as const },
    ];
    await db().update(memberships).set({ role: "admin" }).where(eq(memberships.id, person.membershipId));
    await db().update(memberships).set({ role: "analyst" }).where(eq(memberships.id, lone.people.admin.membershipId));
    await expect(
      deleteAccount(db(), {
        userId: person.id,
        email: person.email,
        pseudonym: "abcdef",
        memberships: read,
        now: Date.now(),
      }),
    ).rejects.toBeInstanceOf(StaleWrite);
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ email: person.email, deletedAt: null });
    const [membership] = await db().select().from(memberships).where(eq(memberships.id, person.membershipId));
    expect(membership).toMatchObject({ status: "active", role: "admin" });
    expect((await verifyChain(db(), lone.id)).ok).toBe(true);
  });

  it("the same read without the promotion still deletes a non-admin", async () => {
    const lone = await createOrganization();
    const person = lone.people.reviewer;
    const read = [
      { id: person.membershipId, organizationId: lone.id, role: "reviewer" as const, status: "active" as const },
    ];
    await deleteAccount(db(), {
      userId: person.id,
      email: person.email,
      pseudonym: "abcdef",
      memberships: read,
      now: Date.now(),
    });
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.deletedAt).toBeGreaterThan(0);
  });
});
