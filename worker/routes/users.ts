import { Hono } from "hono";
import type { Role } from "../../schema/enums";
import { orStale, staleVersion } from "../data/changes";
import type { Db } from "../data/db";
import { hitRateLimit } from "../data/rate-limits";
import {
  findScopeReferences,
  getMember,
  getMemberForChange,
  inviteMember,
  listMembers,
  reissueInvitation,
  updateMember,
} from "../data/users";
import { checkScope, INVITATIONS_PER_HOUR, type ScopeInput } from "../domain/memberships";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { invitationUrl, presentMember } from "../presenters";
import { inviteBody, listUsersQuery, updateUserBody } from "../validation/users";

/** Checks a role's scope: the right kind, and every id a region or branch of this organisation. */
async function assertValidScope(db: Db, organizationId: string, role: Role, scope: ScopeInput): Promise<void> {
  const errors: FieldError[] = checkScope(role, scope);
  const { regions, branches } = await findScopeReferences(db, organizationId, scope);
  scope.regionIds.forEach((id, i) => {
    if (!regions.has(id))
      errors.push({
        path: `regionIds[${i}]`,
        code: "unknown_reference",
        message: "No such region in this organisation",
      });
  });
  scope.branchIds.forEach((id, i) => {
    if (!branches.has(id))
      errors.push({
        path: `branchIds[${i}]`,
        code: "unknown_reference",
        message: "No such branch in this organisation",
      });
  });
  if (errors.length) throw new ApiError("validation_failed", "The role's scope is not valid", { errors });
}

/**
 * Counts a new invitation link against its admin's hourly allowance (new invitations and
 * re-sent links together): links are bearer secrets, and a stolen admin session must not mint
 * them, or spray invitations at strangers' addresses, without limit.
 */
async function countInvitation(db: Db, adminId: string): Promise<void> {
  const verdict = await hitRateLimit(db, `invite:${adminId}`, INVITATIONS_PER_HOUR, Date.now());
  if (!verdict.ok) {
    throw new ApiError("rate_limited", `At most ${INVITATIONS_PER_HOUR.limit} invitation links an hour`, {
      headers: { "Retry-After": String(verdict.retryAfterSeconds) },
    });
  }
}

/** People of the caller's organisation. Admins manage them; analysts may look. */
export const userRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "user"), validate("query", listUsersQuery), async (c) => {
    const actor = requireActor(c);
    const rows = await listMembers(c.var.db, actor.organizationId, c.req.valid("query"));
    return c.json({ items: rows.map(presentMember) });
  })
  .post("/", permitRole("create", "user"), validate("json", inviteBody), async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid("json");
    await assertValidScope(c.var.db, actor.organizationId, input.role, input);
    await countInvitation(c.var.db, actor.userId);
    const invited = await inviteMember(c.var.db, actor.organizationId, input, actor, Date.now());
    return c.json(
      {
        user: presentMember(invited.member),
        invitation: {
          url: invitationUrl(c.req.url, invited.token),
          expiresAt: new Date(invited.expiresAt).toISOString(),
        },
      },
      201,
    );
  })
  .get("/:id", permitRole("read", "user"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const member = await getMember(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!member) throw new ApiError("not_found");
    authorize(actor, "read", { type: "user", id: member.id });
    return c.json(presentMember(member));
  })
  .patch("/:id", permitRole("update", "user"), validate("json", updateUserBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const { member, head } = await getMemberForChange(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!member) throw new ApiError("not_found");
    authorize(actor, "update", { type: "user", id: member.id });
    const { version, ...patch } = c.req.valid("json");

    // Name each refused field: a role change and a deactivation are refused for themselves.
    const refused = [
      ...(patch.role && patch.role !== member.role ? ["role"] : []),
      ...(patch.status === "deactivated" ? ["status"] : []),
    ];
    if (member.userId === actor.userId && refused.length > 0) {
      throw new ApiError("conflict", "You cannot change your own role or deactivate yourself; ask another admin", {
        errors: refused.map((path) => ({ path, code: "not_allowed", message: "Not allowed on your own account" })),
      });
    }
    const role = patch.role ?? member.role;
    const scopeChanged = patch.role !== undefined || patch.regionIds !== undefined || patch.branchIds !== undefined;
    const scope = scopeChanged
      ? {
          regionIds: patch.regionIds ?? (patch.role && patch.role !== member.role ? [] : member.regionIds),
          branchIds: patch.branchIds ?? (patch.role && patch.role !== member.role ? [] : member.branchIds),
        }
      : undefined;
    if (scope) await assertValidScope(c.var.db, actor.organizationId, role, scope);
    if (version !== member.version) throw staleVersion(member.version);

    // The name is the organisation's label for the person; their own profile is never touched.
    const updated = await orStale(
      updateMember(
        c.var.db,
        actor.organizationId,
        member,
        { displayLabel: patch.displayName, role: patch.role, status: patch.status, scope },
        { actor, head },
      ),
      async () => (await getMember(c.var.db, actor.organizationId, member.membershipId))?.version ?? null,
    );
    if (!updated) throw new ApiError("not_found");
    return c.json(presentMember(updated));
  })
  .post("/:id/invitation", permitRole("update", "user"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const member = await getMember(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!member) throw new ApiError("not_found");
    authorize(actor, "update", { type: "user", id: member.id });
    if (member.acceptedAt !== null) {
      throw new ApiError("conflict", "This person has already accepted their invitation");
    }
    await countInvitation(c.var.db, actor.userId);
    const invitation = await reissueInvitation(c.var.db, actor.organizationId, member, actor.userId, Date.now());
    return c.json(
      { url: invitationUrl(c.req.url, invitation.token), expiresAt: new Date(invitation.expiresAt).toISOString() },
      201,
    );
  });
