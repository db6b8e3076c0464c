import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  answers,
  assignments,
  audits,
  branches,
  checklistVersions,
  evidence,
  organizations,
  photoBands,
  photoPrints,
  reviewMessages,
  uploadOwners,
  uploads,
} from "../../schema";
import type { EvidenceType, StaffNamePolicy } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import type { OtherPhoto, Weekday } from "../domain/quality-flags";
import { type RollupDelta, rollupDelta } from "../domain/rollups";
import type { ScoreResult } from "../domain/scoring";
import { chunk, type Db, parseJsonColumn, rowsPerInsert } from "./db";
import { auditDisputesQuery, type DisputeRecord, disputeRecordOf } from "./disputes";
import { chainHeadOf, chainHeadQuery } from "./events";
import { watchedActionsQuery } from "./publication";
import { type RollupTarget, rollupStatements } from "./rollups";
import { ownUploadsQuery } from "./uploads";

export type AuditRow = typeof audits.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type UploadRow = typeof uploads.$inferSelect;
export type ReviewMessageRow = typeof reviewMessages.$inferSelect;

/**
 * Everything a submission needs to be judged, read in ONE round trip: an audit already
 * stored under this id (any organisation), the assignment with its branch and checklist
 * version, and which of the referenced photos this shopper uploaded. A photo only someone
 * else uploaded is left out exactly like one never uploaded, so a report cannot borrow (and
 * then read) another shopper's photo, nor learn that it exists.
 *
 * Inside db.batch drizzle maps columns by position from rows keyed by name, so every column
 * name in one statement is unique (see docs/ARCHITECTURE.md).
 */
export async function readSubmissionContext(
  db: Db,
  input: { auditId: string; organizationId: string; shopperId: string; assignmentId: string; shas: readonly string[] },
) {
  const [existing, assignmentRows, uploadRows, organizationRows, headRows, watchedRows] = await db.batch([
    db.select().from(audits).where(eq(audits.id, input.auditId)).limit(1),
    db
      .select({
        id: assignments.id,
        assignmentStatus: sql<string>`${assignments.status}`.as("assignment_status"),
        shopperId: assignments.shopperId,
        branchId: assignments.branchId,
        checklistVersionId: assignments.checklistVersionId,
        checklistId: checklistVersions.checklistId,
        windowStart: assignments.windowStart,
        windowEnd: assignments.windowEnd,
        feeCents: assignments.feeCents,
        reimbursementCapCents: assignments.reimbursementCapCents,
        timezone: branches.timezone,
        branchLat: branches.latitude,
        branchLng: branches.longitude,
        openingHours: branches.openingHours,
        document: checklistVersions.document,
      })
      .from(assignments)
      .innerJoin(branches, eq(branches.id, assignments.branchId))
      .innerJoin(checklistVersions, eq(checklistVersions.id, assignments.checklistVersionId))
      .where(and(eq(assignments.organizationId, input.organizationId), eq(assignments.id, input.assignmentId)))
      .limit(1),
    ownUploadsQuery(db, input.organizationId, input.shopperId, input.shas),
    db
      .select({
        reviewPolicy: organizations.reviewPolicy,
        actionsOnCritical: organizations.actionsOnCritical,
        flagThresholds: organizations.flagThresholds,
        staffNames: organizations.staffNames,
      })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId)),
    chainHeadQuery(db, input.organizationId),
    // What a publication on arrival judges (data/publication.ts), read with the rest.
    watchedActionsQuery(
      db,
      input.organizationId,
      sql`(select ${assignments.branchId} from ${assignments} where ${assignments.organizationId} = ${input.organizationId} and ${assignments.id} = ${input.assignmentId})`,
    ),
  ]);
  const assignment = assignmentRows[0];
  return {
    reviewPolicy: organizationRows[0]?.reviewPolicy ?? "all",
    actionsOnCritical: organizationRows[0]?.actionsOnCritical ?? false,
    /** How the report may keep a staff name (domain/staff-names.ts). */
    staffNames: organizationRows[0]?.staffNames ?? "role_only",
    /** The organisation's overrides of the flag thresholds (`effectiveThresholds` reads them). */
    flagThresholds: parseJsonColumn<Record<string, unknown> | null>(organizationRows[0]?.flagThresholds ?? null),
    watched: watchedRows,
    head: chainHeadOf(headRows),
    existing: existing[0] ?? null,
    assignment: assignment
      ? {
          ...assignment,
          document: parseJsonColumn<ChecklistDocument>(assignment.document),
          openingHours: parseJsonColumn<Partial<Record<Weekday, Array<[string, string]>>> | null>(
            assignment.openingHours,
          ),
        }
      : null,
    uploads: new Map(uploadRows.map((u) => [u.sha256, u])),
  };
}

/**
 * The review columns of a report as it arrives, before anyone has reviewed it: the first
 * version, unclaimed, no reviewer, no rejection reason, no receipt, and the shopper's own
 * score kept as `submittedScore` (a reviewer's edits later change `score` only).
 */
export function unreviewedColumns(submittedScore: number | null) {
  return {
    version: 1,
    claimedBy: null,
    claimedAt: null,
    reviewedBy: null,
    rejectionReason: "",
    submittedScore,
    receipt: null,
  } satisfies Partial<AuditRow>;
}

/** A report exactly as it will be stored: every column given, nothing left to defaults. */
export interface NewAudit {
  row: AuditRow;
  answers: AnswerRow[];
  evidence: EvidenceRow[];
  /** Its contribution to the roll-ups, written in the same batch (a published report has one). */
  rollup?: { target: RollupTarget; delta: RollupDelta };
  /** Its events in the trail (`appendEventStatements`), written in the same batch. */
  trail: BatchItem<"sqlite">[];
  /** What its publication also changes (data/publication.ts), after the events. */
  effects?: BatchItem<"sqlite">[];
  /** One print per photo of the report and the dHash bands of each (docs/QUALITY.md). */
  prints?: PhotoPrintRow[];
  bands?: PhotoBandRow[];
}

export type PhotoPrintRow = typeof photoPrints.$inferSelect;
export type PhotoBandRow = typeof photoBands.$inferSelect;

/** Most candidate photos one report's `photo_reused` check reads. */
export const MAX_REUSE_CANDIDATES = 500;

/**
 * The photos of OTHER reports of the organisation that could be one of these: the same file
 * (SHA-256, `photo_prints_org_sha_idx`) or a near copy (a shared dHash band, the primary key of
 * `photo_bands`, then each print by its key). One statement, at most `MAX_REUSE_CANDIDATES` rows.
 */
export async function reuseCandidates(
  db: Db,
  input: { organizationId: string; auditId: string; shas: readonly string[]; bands: readonly string[] },
): Promise<OtherPhoto[]> {
  if (input.shas.length === 0 && input.bands.length === 0) return [];
  const rows = await db.all<{ audit_id: string; sha256: string; dhash: string | null }>(sql`
    select ${photoPrints.auditId} as audit_id, ${photoPrints.sha256} as sha256, ${photoPrints.dHash} as dhash
      from ${photoPrints}
      where ${photoPrints.organizationId} = ${input.organizationId}
        and ${photoPrints.sha256} in (select value from json_each(${JSON.stringify(input.shas)}))
        and ${photoPrints.auditId} <> ${input.auditId}
    union
    select p.audit_id, p.sha256, p.dhash
      from ${photoBands} b
      join ${photoPrints} p on p.audit_id = b.audit_id and p.sha256 = b.sha256
      where b.organization_id = ${input.organizationId}
        and b.band in (select value from json_each(${JSON.stringify(input.bands)}))
        and b.audit_id <> ${input.auditId}
    limit ${MAX_REUSE_CANDIDATES}`);
  return rows.map((r) => ({ auditId: r.audit_id, sha256: r.sha256, dHash: r.dhash }));
}

/**
 * Stores a report in ONE D1 batch (one transaction): the audit, its answers, its photos, its
 * roll-up deltas (so dashboards never disagree with the reports) and the assignment's new status.
 * Multi-row inserts are split by `rowsPerInsert` to stay under D1's 100 bound parameters. The assignment update only applies to an open assignment and the
 * unique index on audits.assignment_id refuses a second report, so a race cannot make two.
 */
export async function insertAudit(db: Db, audit: NewAudit): Promise<void> {
  const statements: BatchItem<"sqlite">[] = [db.insert(audits).values(audit.row)];
  for (const rows of chunk(audit.answers, rowsPerInsert(answers))) {
    statements.push(db.insert(answers).values(rows));
  }
  for (const rows of chunk(audit.evidence, rowsPerInsert(evidence))) {
    statements.push(db.insert(evidence).values(rows));
  }
  for (const rows of chunk(audit.prints ?? [], rowsPerInsert(photoPrints))) {
    statements.push(db.insert(photoPrints).values(rows));
  }
  for (const rows of chunk(audit.bands ?? [], rowsPerInsert(photoBands))) {
    statements.push(db.insert(photoBands).values(rows));
  }
  if (audit.rollup) statements.push(...rollupStatements(db, audit.rollup.target, audit.rollup.delta));
  statements.push(...audit.trail, ...(audit.effects ?? []));
  statements.push(
    db
      .update(assignments)
      .set({ status: "submitted", updatedAt: audit.row.submittedAt })
      .where(and(eq(assignments.id, audit.row.assignmentId), eq(assignments.status, "open"))),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** A report's reviewer questions and shopper replies, oldest first. */
export function reviewMessagesQuery(db: Db, organizationId: string, auditId: string) {
  return db
    .select()
    .from(reviewMessages)
    .where(and(eq(reviewMessages.organizationId, organizationId), eq(reviewMessages.auditId, auditId)))
    .orderBy(reviewMessages.createdAt, reviewMessages.id);
}

/**
 * One report of the organisation with its answers, photos, review messages and disputes (with
 * the organisation's dispute window), in one round trip.
 */
export async function getAudit(db: Db, organizationId: string, id: string): Promise<FullAudit | null> {
  const [rows, answerRows, evidenceRows, branchRows, messageRows, disputeRows] = await db.batch([
    db
      .select()
      .from(audits)
      .where(and(eq(audits.organizationId, organizationId), eq(audits.id, id)))
      .limit(1),
    db.select().from(answers).where(eq(answers.auditId, id)),
    db.select().from(evidence).where(eq(evidence.auditId, id)),
    db
      .select({
        regionId: branches.regionId,
        disputeWindowDays: organizations.disputeWindowDays,
        staffNames: organizations.staffNames,
      })
      .from(audits)
      .innerJoin(branches, eq(branches.id, audits.branchId))
      .innerJoin(organizations, eq(organizations.id, audits.organizationId))
      .where(and(eq(audits.organizationId, organizationId), eq(audits.id, id))),
    reviewMessagesQuery(db, organizationId, id),
    auditDisputesQuery(db, organizationId, id),
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    audit: row,
    answers: answerRows,
    evidence: evidenceRows,
    regionId: branchRows[0]?.regionId ?? "",
    messages: messageRows as ReviewMessageRow[],
    disputes: disputeRows.map(disputeRecordOf),
    disputeWindowDays: branchRows[0]?.disputeWindowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS,
    staffNames: branchRows[0]?.staffNames ?? "role_only",
  };
}

/** A report with everything its body shows. */
export interface FullAudit {
  audit: AuditRow;
  answers: AnswerRow[];
  evidence: EvidenceRow[];
  regionId: string;
  messages: ReviewMessageRow[];
  /** Its disputes, oldest first (data/disputes.ts). */
  disputes: DisputeRecord[];
  /** The organisation's dispute window (days from publication). */
  disputeWindowDays: number;
  /** The organisation's staff-name policy today: presenters show `staffName` by it (domain/staff-names.ts). */
  staffNames: StaffNamePolicy;
}

/** The organisations' default dispute window (the column's default). */
export const DEFAULT_DISPUTE_WINDOW_DAYS = 7;

/**
 * A just-written report in the shape `getAudit` reads back (the region is not needed to present
 * it; a new report has no disputes, and only its shopper, who raises none, reads it back).
 */
export function asStored(audit: NewAudit, staffNames: StaffNamePolicy): FullAudit {
  return {
    audit: audit.row,
    answers: audit.answers,
    evidence: audit.evidence,
    regionId: "",
    messages: [],
    disputes: [],
    disputeWindowDays: DEFAULT_DISPUTE_WINDOW_DAYS,
    staffNames,
  };
}

/**
 * A stored photo of the organisation and whether this user is one of its uploaders, in one
 * statement (the primary keys of both tables cover it).
 */
export async function findUpload(
  db: Db,
  organizationId: string,
  sha256: string,
  userId: string,
): Promise<(UploadRow & { ownedByUser: boolean }) | null> {
  const rows = await db
    .select({ upload: uploads, owner: uploadOwners.userId })
    .from(uploads)
    .leftJoin(
      uploadOwners,
      and(
        eq(uploadOwners.organizationId, uploads.organizationId),
        eq(uploadOwners.sha256, uploads.sha256),
        eq(uploadOwners.userId, userId),
      ),
    )
    .where(and(eq(uploads.organizationId, organizationId), eq(uploads.sha256, sha256)))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.upload, ownedByUser: row.owner !== null } : null;
}

/**
 * Records that a user uploaded these bytes (the caller has checked them against the hash)
 * and reads the stored photo, if any, in one round trip. The owner row is true even when
 * the photo is not stored yet: storing it comes next, and a retry repeats both.
 */
export async function claimUpload(
  db: Db,
  input: { organizationId: string; sha256: string; userId: string },
): Promise<UploadRow | null> {
  const [, rows] = await db.batch([
    db.insert(uploadOwners).values(input).onConflictDoNothing(),
    db
      .select()
      .from(uploads)
      .where(and(eq(uploads.organizationId, input.organizationId), eq(uploads.sha256, input.sha256)))
      .limit(1),
  ]);
  return rows[0] ?? null;
}

/** Records a stored photo; storing the same upload again changes nothing. */
export async function recordUpload(
  db: Db,
  input: {
    organizationId: string;
    sha256: string;
    objectKey: string;
    contentType: EvidenceType;
    byteSize: number;
    width: number;
    height: number;
    /** The server's dHash of the picture (null: not a JPEG, or not decodable). */
    dHash?: string | null;
    uploadedBy: string;
  },
): Promise<void> {
  await db.insert(uploads).values(input).onConflictDoNothing();
}

/** Audits (with branch and region) that show a photo, for deciding who may fetch it. */
export async function listAuditsShowing(db: Db, organizationId: string, sha256: string) {
  return db
    .select({
      id: audits.id,
      shopperId: audits.shopperId,
      branchId: audits.branchId,
      regionId: branches.regionId,
      status: audits.status,
    })
    .from(evidence)
    .innerJoin(audits, eq(audits.id, evidence.auditId))
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .where(and(eq(audits.organizationId, organizationId), eq(evidence.sha256, sha256)));
}

/** What the roll-ups need to know about a stored report. */
export type RollupAudit = Pick<
  AuditRow,
  "id" | "organizationId" | "branchId" | "visitMonth" | "checklistVersionId" | "scoreResult" | "status"
> & { checklistId: string };

function targetOf(audit: RollupAudit): RollupTarget {
  return {
    organizationId: audit.organizationId,
    branchId: audit.branchId,
    month: audit.visitMonth,
    checklistVersionId: audit.checklistVersionId,
    checklistId: audit.checklistId,
  };
}

/**
 * Replaces a published report's score result (an edit, or the outcome of a dispute) and moves
 * its roll-up contribution from the old result to the new one, in one batch.
 */
export async function rescoreAudit(db: Db, audit: RollupAudit, next: ScoreResult): Promise<void> {
  const update = db
    .update(audits)
    .set({ score: next.score, criticalFailed: next.criticalFailed, scoreResult: next })
    .where(and(eq(audits.organizationId, audit.organizationId), eq(audits.id, audit.id)));
  if (audit.status !== "published") {
    await update;
    return;
  }
  const target = targetOf(audit);
  await db.batch([
    update,
    ...rollupStatements(db, target, rollupDelta(audit.scoreResult, -1)),
    ...rollupStatements(db, target, rollupDelta(next, 1)),
  ]);
}

/** Takes a published report out of publication (`rejected`): it no longer counts anywhere. */
export async function withdrawAudit(db: Db, audit: RollupAudit): Promise<void> {
  const update = db
    .update(audits)
    .set({ status: "rejected", publishedAt: null })
    .where(and(eq(audits.organizationId, audit.organizationId), eq(audits.id, audit.id)));
  if (audit.status !== "published") {
    await update;
    return;
  }
  await db.batch([update, ...rollupStatements(db, targetOf(audit), rollupDelta(audit.scoreResult, -1))]);
}
