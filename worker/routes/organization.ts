import { Hono } from "hono";
import { fieldChanges, recordChange, staleVersion } from "../data/changes";
import { parseJsonColumn } from "../data/db";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import {
  type OrganizationSettings,
  organizationSettingsQuery,
  updateOrganizationSettingsStatement,
} from "../data/organizations";
import { DEFAULT_FLAG_THRESHOLDS } from "../domain/quality-flags";
import { effectiveThresholds, FLAG_THRESHOLD_KEYS } from "../domain/report-flags";
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
    boardClaimLimit: row.boardClaimLimit,
    currency: row.currency,
    /** The flag thresholds in force (the defaults with the organisation's own values over them). */
    flagThresholds: effectiveThresholds(parseJsonColumn<Record<string, number> | null>(row.flagThresholds)),
    flagThresholdDefaults: DEFAULT_FLAG_THRESHOLDS,
    /** Complaint deadlines and contact retention (docs/COMPLAINTS.md). */
    complaintAckDays: row.complaintAckDays,
    complaintRemedyDays: row.complaintRemedyDays,
    complaintResolveWeeks: row.complaintResolveWeeks,
    complaintSummaryDays: row.complaintSummaryDays,
    contactRetentionDays: row.contactRetentionDays,
    /** Privacy (docs/PRIVACY.md): staff names in reports, retention, two-factor for head office. */
    staffNames: row.staffNames,
    fixRetentionDays: row.fixRetentionDays,
    photoRetentionDays: row.photoRetentionDays,
    reportRetentionDays: row.reportRetentionDays,
    requireTwoFactor: row.requireTwoFactor,
    version: row.version,
  };
}

/** The stored overrides after a patch: a number sets a key, null drops it (the default again). */
function mergedThresholds(
  stored: Record<string, number>,
  patch: Partial<Record<string, number | null>>,
): Record<string, number> {
  const next: Record<string, number> = {};
  for (const key of FLAG_THRESHOLD_KEYS) {
    const value = key in patch ? patch[key] : stored[key];
    if (typeof value === "number") next[key] = value;
  }
  return next;
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
    const { version, flagThresholds, ...rest } = c.req.valid("json");
    const db = c.var.db;
    const [rows, headRows] = await db.batch([
      organizationSettingsQuery(db, actor.organizationId),
      chainHeadQuery(db, actor.organizationId),
    ]);
    const found = rows[0];
    if (!found) throw new ApiError("not_found");
    // Inside a batch D1 hands JSON columns back as text.
    const current = { ...found, flagThresholds: parseJsonColumn<Record<string, number>>(found.flagThresholds) ?? {} };
    if (current.version !== version) throw staleVersion(current.version);
    const ack = rest.complaintAckDays ?? current.complaintAckDays;
    const remedy = rest.complaintRemedyDays ?? current.complaintRemedyDays;
    if (remedy < ack)
      throw new ApiError("validation_failed", "The settings are not valid", {
        errors: [
          {
            path: "complaintRemedyDays",
            code: "not_allowed",
            message: "A remedy cannot be due before the acknowledgement",
          },
        ],
      });
    const patch = {
      ...rest,
      ...(flagThresholds ? { flagThresholds: mergedThresholds(current.flagThresholds ?? {}, flagThresholds) } : {}),
    };
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
