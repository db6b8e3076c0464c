import { Hono } from "hono";
import { fieldChanges, recordChange, staleVersion } from "../data/changes";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import {
  type OrganizationSettings,
  organizationSettingsQuery,
  updateOrganizationSettingsStatement,
} from "../data/organizations";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { mailSettings } from "../lib/mail";
import { validate } from "../lib/validate";
import { presentMailStatus } from "../presenters/notifications";
import { updateOrganizationBody } from "../validation/organization";

function presentOrganization(row: OrganizationSettings) {
  return {
    id: row.id,
    name: { en: row.nameEn, zh: row.nameZh },
    reviewPolicy: row.reviewPolicy,
    reviewSlaHours: row.reviewSlaHours,
    disputeWindowDays: row.disputeWindowDays,
    actionsOnCritical: row.actionsOnCritical,
    rotationLockoutDays: row.rotationLockoutDays,
    maxVisitsPerDay: row.maxVisitsPerDay,
    maxVisitsPerWeek: row.maxVisitsPerWeek,
    currency: row.currency,
    version: row.version,
  };
}

/** The caller's organisation: everyone reads its review settings; admins change them and see whether email goes out. */
export const organizationRoutes = new Hono<AppEnv>()
  .get("/mail-status", permitRole("update", "organization"), (c) => c.json(presentMailStatus(mailSettings(c.env))))
  .get("/", permitRole("read", "organization"), async (c) => {
    const actor = requireActor(c);
    const [row] = await organizationSettingsQuery(c.var.db, actor.organizationId);
    if (!row) throw new ApiError("not_found");
    return c.json(presentOrganization(row));
  })
  .patch("/", permitRole("update", "organization"), validate("json", updateOrganizationBody), async (c) => {
    const actor = requireActor(c);
    const { version, ...patch } = c.req.valid("json");
    const db = c.var.db;
    const [rows, headRows] = await db.batch([
      organizationSettingsQuery(db, actor.organizationId),
      chainHeadQuery(db, actor.organizationId),
    ]);
    const current = rows[0];
    if (!current) throw new ApiError("not_found");
    if (current.version !== version) throw staleVersion(current.version);
    const changes = fieldChanges(current, patch);
    // Nothing changes: nothing to record, and the version stays.
    if (Object.keys(changes).length === 0) return c.json(presentOrganization(current));
    try {
      await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head: chainHeadOf(headRows),
        drafts: [
          {
            type: "organization.settings_changed",
            subject: { type: "organization", id: actor.organizationId },
            payload: changes,
          },
        ],
        change: [updateOrganizationSettingsStatement(db, actor.organizationId, version, patch)],
        guarded: true,
      });
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      const [row] = await organizationSettingsQuery(db, actor.organizationId);
      throw staleVersion(row?.version ?? version);
    }
    return c.json(presentOrganization({ ...current, ...patch, version: current.version + 1 }));
  });
