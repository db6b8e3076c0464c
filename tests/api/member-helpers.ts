/**
 * People of a factory organisation (./factory): invitations and new members made by one of its
 * admins through the typed client, sign-ins, and the versions PATCH bodies name.
 *
 * @example
 * const member = await createMemberBy(org.people.admin, { role: "analyst" });
 * await expectOk(await member.as.api.v1.me.$get(), 200);
 */
import { eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { expect } from "vitest";
import { organizations, rateLimitHits } from "../../schema";
import { totpCode } from "../../worker/lib/totp";
import { type Client, client, type Person, type TestOrganization } from "./factory";
import { acceptInvitation, db, expectOk, NEW_PASSWORD, uniqueEmail } from "./helpers";

export type InviteBody = InferRequestType<Client["api"]["v1"]["users"]["$post"]>["json"];
/**
 * Clears a person's hourly allowance of invitation links (INVITATIONS_PER_HOUR), so a file may
 * invite as many people as it needs. Tests of the allowance itself do not call it.
 */
export async function resetInvitationAllowanceOf(person: Pick<Person, "id">): Promise<void> {
  await db()
    .delete(rateLimitHits)
    .where(eq(rateLimitHits.key, `invite:${person.id}`));
}

/** `admin` invites a new person (a shopper unless overridden); returns the member and the link's token. */
export async function inviteBy(admin: Pick<Person, "id" | "cookie">, overrides: Partial<InviteBody> = {}) {
  await resetInvitationAllowanceOf(admin);
  const json: InviteBody = { email: uniqueEmail(), displayName: "Test Person", role: "shopper", ...overrides };
  const body = await expectOk(await client(admin.cookie).api.v1.users.$post({ json }), 201);
  const token = body.invitation.url.split("/invite/")[1] ?? "";
  expect(token).not.toBe("");
  return { user: body.user, url: body.invitation.url, token, email: body.user.email };
}

/**
 * A new, active member of `admin`'s organisation with their own session and typed client.
 * `user.id` is their user id (an organisation knows a pending member by the membership id).
 */
export async function createMemberBy(admin: Pick<Person, "id" | "cookie">, overrides: Partial<InviteBody> = {}) {
  const invited = await inviteBy(admin, overrides);
  const cookie = await acceptInvitation(invited.token);
  const as = client(cookie);
  const me = await expectOk(await as.api.v1.me.$get(), 200);
  return { ...invited, user: { ...invited.user, id: me.user.id }, cookie, as, password: NEW_PASSWORD };
}

/** Sets up and confirms two-step sign-in for `person` (its code of now); answers the secret and the recovery codes. */
export async function enableTwoFactor(person: { as: Client; password: string }) {
  const twoFactor = person.as.api.v1.me["two-factor"];
  const setup = await expectOk(await twoFactor.setup.$post({ json: { currentPassword: person.password } }), 200);
  const confirmed = await expectOk(
    await twoFactor.confirm.$post({ json: { code: totpCode(setup.secret, Date.now()) } }),
    200,
  );
  return { secret: setup.secret, recoveryCodes: confirmed.recoveryCodes };
}

/** The organisation's name as stored (what invitation pages and /me show). */
export async function organizationName(org: Pick<TestOrganization, "id">): Promise<{ en: string; zh: string }> {
  const [row] = await db()
    .select({ en: organizations.nameEn, zh: organizations.nameZh })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  if (!row) throw new Error(`no organisation ${org.id}`);
  return row;
}

/** The anonymous typed routes of an invitation link. */
export function invitationLink(token: string) {
  const link = client().api.v1.invitations[":token"];
  return {
    read: () => link.$get({ param: { token } }),
    accept: (json: InferRequestType<typeof link.accept.$post>["json"]) => link.accept.$post({ param: { token }, json }),
  };
}

/** Signs in through the typed client (the answer, unchecked). */
export function login(email: string, password: string) {
  return client().api.v1.auth.login.$post({ json: { email, password } });
}

/**
 * The `version` of a member as `as` reads them, for PATCH bodies that must name it (1 when they
 * cannot read them: such a PATCH answers 404 before the version matters).
 */
export async function memberVersion(as: Client, id: string): Promise<number> {
  const res = await as.api.v1.users[":id"].$get({ param: { id } });
  return res.status === 200 ? (await expectOk(res, 200)).version : 1;
}
