import { Hono } from "hono";
import { declineCountsQuery, readDeclineCounts } from "../data/assignment-answers";
import { fieldChanges, orStale, recordChange, staleVersion } from "../data/changes";
import { chainHeadOf, chainHeadQuery } from "../data/events";
import {
  knownBranchesQuery,
  knownRegionsQuery,
  readProfile,
  saveProfileStatement,
  shopperProfileQuery,
} from "../data/shopper-profiles";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowParam } from "../lib/validate";
import { presentShopperProfile } from "../presenters/rounds";
import { membershipParam, shopperProfileBody } from "../validation/rounds";

/**
 * Shoppers' coverage profiles (what staffing a round reads): admins read and change any
 * shopper's; a shopper reads their own (another's answers 404, like one that is not there).
 * `:membershipId` is the membership's id, or the member's user id.
 */
export const shopperProfileRoutes = new Hono<AppEnv>()
  .get(
    "/:membershipId/profile",
    permitRole("read", "shopper_profile"),
    validateRowParam(membershipParam),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const memberId = c.req.valid("param").membershipId;
      const [[row], counts] = await db.batch([
        shopperProfileQuery(db, actor.organizationId, memberId),
        declineCountsQuery(db, actor.organizationId, memberId, Date.now()),
      ]);
      if (!row) throw new ApiError("not_found");
      authorize(actor, "read", { type: "shopper_profile", userId: row.userId });
      // How often they turned down a visit (docs/ROUNDS.md, "Accepting and declining").
      return c.json({ ...presentShopperProfile(readProfile(row)), declines: readDeclineCounts(counts) }, 200);
    },
  )
  .put(
    "/:membershipId/profile",
    permitRole("update", "shopper_profile"),
    validate("json", shopperProfileBody),
    validateRowParam(membershipParam),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const { version, ...patch } = c.req.valid("json");
      const memberId = c.req.valid("param").membershipId;
      const [[row], regions, branches, head] = await db.batch([
        shopperProfileQuery(db, actor.organizationId, memberId),
        knownRegionsQuery(db, actor.organizationId, patch.regionIds),
        knownBranchesQuery(db, actor.organizationId, patch.excludedBranchIds),
        chainHeadQuery(db, actor.organizationId),
      ]);
      if (!row) throw new ApiError("not_found");
      authorize(actor, "update", { type: "shopper_profile", userId: row.userId });
      const errors: FieldError[] = [];
      const regionIds = new Set(regions.map((r) => r.id));
      const branchIds = new Set(branches.map((b) => b.id));
      patch.regionIds.forEach((id, i) => {
        if (!regionIds.has(id))
          errors.push({
            path: `regionIds[${i}]`,
            code: "unknown_reference",
            message: "No such region in this organisation",
          });
      });
      patch.excludedBranchIds.forEach((id, i) => {
        if (!branchIds.has(id))
          errors.push({
            path: `excludedBranchIds[${i}]`,
            code: "unknown_reference",
            message: "No such branch in this organisation",
          });
      });
      if (errors.length) throw new ApiError("validation_failed", "The profile is not valid", { errors });
      const current = readProfile(row);
      if (current.version !== version) throw staleVersion(current.version);
      const clean = {
        channels: patch.channels,
        regionIds: [...new Set(patch.regionIds)],
        cities: [...new Set(patch.cities)],
        excludedBranchIds: [...new Set(patch.excludedBranchIds)],
      };
      const changes = fieldChanges(current, clean);
      if (Object.keys(changes).length === 0) return c.json(presentShopperProfile(current), 200);
      const now = Date.now();
      await orStale(
        recordChange(db, {
          organizationId: actor.organizationId,
          actor: { userId: actor.userId, role: actor.role },
          head: chainHeadOf(head),
          drafts: [
            {
              type: "shopper_profile.changed",
              subject: { type: "shopper_profile", id: current.membershipId },
              payload: { userId: current.userId, ...changes },
            },
          ],
          change: [saveProfileStatement(db, actor.organizationId, current.membershipId, version, clean, now)],
          guarded: true,
        }),
        async () => {
          const [fresh] = await shopperProfileQuery(db, actor.organizationId, current.membershipId);
          return fresh ? readProfile(fresh).version : null;
        },
      );
      return c.json(presentShopperProfile({ ...current, ...clean, updatedAt: now, version: version + 1 }), 200);
    },
  );
