import { and, eq, notExists, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { calendarDays, checklists, organizations } from "../../schema";
import { defaultCalendar } from "../domain/calendars";
import { DEFAULT_TEMPLATES } from "../seed/templates";
import { seedChecklistStatements } from "./checklists";
import { chunk, type Db } from "./db";
import { defaultPhraseStatements } from "./phrases";

export interface NewOrganization {
  id: string;
  slug: string;
  nameEn: string;
  nameZh: string;
  /** The language it works in: `zh` starts it with China's public holidays (domain/calendars.ts). */
  locale?: "en" | "zh";
}

/**
 * The statements that create an organisation ready to work: the organisation itself and the
 * default checklists (store visit, call-centre call), published as version 1, and the default
 * forbidden-phrase list (data/phrases.ts). Batch them with
 * whatever else the caller creates, so an organisation never exists half-made.
 */
export function createOrganizationStatements(db: Db, org: NewOrganization, now: number): BatchItem<"sqlite">[] {
  const { locale, ...row } = org;
  const days = defaultCalendar(locale);
  return [
    db.insert(organizations).values(row),
    ...seedChecklistStatements(db, org.id, DEFAULT_TEMPLATES, now),
    ...defaultPhraseStatements(db, org.id, now),
    ...chunk(days, 15).map((group) =>
      db.insert(calendarDays).values(group.map((d) => ({ ...d, organizationId: org.id }))),
    ),
  ];
}

/**
 * Gives every organisation that has no checklist at all the default ones. Organisations made
 * before checklists existed get them this way; it is idempotent, so start-up scripts run it.
 * Returns how many organisations were filled in.
 */
export async function backfillDefaultChecklists(db: Db, now: number): Promise<number> {
  const bare = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      notExists(db.select({ one: sql`1` }).from(checklists).where(eq(checklists.organizationId, organizations.id))),
    );
  const statements = bare.flatMap((org) => seedChecklistStatements(db, org.id, DEFAULT_TEMPLATES, now));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return bare.length;
}

/** An organisation's name and settings: review, disputes, actions, rounds, flags, complaints and privacy (docs/PRIVACY.md). */
export function organizationSettingsQuery(db: Db, organizationId: string) {
  return db
    .select({
      id: organizations.id,
      nameEn: organizations.nameEn,
      nameZh: organizations.nameZh,
      reviewPolicy: organizations.reviewPolicy,
      reviewSlaHours: organizations.reviewSlaHours,
      disputeWindowDays: organizations.disputeWindowDays,
      actionsOnCritical: organizations.actionsOnCritical,
      rotationLockoutDays: organizations.rotationLockoutDays,
      maxVisitsPerDay: organizations.maxVisitsPerDay,
      maxVisitsPerWeek: organizations.maxVisitsPerWeek,
      boardClaimLimit: organizations.boardClaimLimit,
      currency: organizations.currency,
      flagThresholds: organizations.flagThresholds,
      complaintAckDays: organizations.complaintAckDays,
      complaintRemedyDays: organizations.complaintRemedyDays,
      complaintResolveWeeks: organizations.complaintResolveWeeks,
      complaintSummaryDays: organizations.complaintSummaryDays,
      contactRetentionDays: organizations.contactRetentionDays,
      staffNames: organizations.staffNames,
      fixRetentionDays: organizations.fixRetentionDays,
      photoRetentionDays: organizations.photoRetentionDays,
      reportRetentionDays: organizations.reportRetentionDays,
      requireTwoFactor: organizations.requireTwoFactor,
      version: organizations.version,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
}

export type OrganizationSettings = Awaited<ReturnType<typeof organizationSettingsQuery>>[number];

/**
 * The guarded UPDATE of an organisation's review settings: it changes a row only when the
 * organisation is still at `version` (put it first in a batch with its guarded event).
 */
export function updateOrganizationSettingsStatement(
  db: Db,
  organizationId: string,
  version: number,
  patch: Partial<
    Pick<
      OrganizationSettings,
      | "reviewPolicy"
      | "reviewSlaHours"
      | "disputeWindowDays"
      | "actionsOnCritical"
      | "rotationLockoutDays"
      | "maxVisitsPerDay"
      | "maxVisitsPerWeek"
      | "boardClaimLimit"
      | "currency"
      | "flagThresholds"
      | "complaintAckDays"
      | "complaintRemedyDays"
      | "complaintResolveWeeks"
      | "complaintSummaryDays"
      | "contactRetentionDays"
      | "staffNames"
      | "fixRetentionDays"
      | "photoRetentionDays"
      | "reportRetentionDays"
      | "requireTwoFactor"
    >
  >,
) {
  return db
    .update(organizations)
    .set({ ...patch, version: sql`${organizations.version} + 1` })
    .where(and(eq(organizations.id, organizationId), eq(organizations.version, version)));
}
