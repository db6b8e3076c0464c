/**
 * Reads and writes of retention (docs/JOBS.md, the scheduled job): reports due for erasure of
 * their location fixes, their photos, or de-identification, and the statements that erase them.
 * Every read is one organisation's range of a partial index that holds only the reports still
 * owed that erasure (`audits_*_due_idx`, migration 0015), so a run never walks erased years.
 * Every change is guarded by the report's `version` and its mark still being null: the chained
 * event after it fits only when it changed the row.
 */
import { and, asc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  actions,
  answers,
  audits,
  calibrations,
  disputeItems,
  disputes,
  evidence,
  expenses,
  photoBands,
  photoPrints,
  reviewMessages,
  uploadOwners,
  uploads,
} from "../../schema";
import { type Db, inJsonList } from "./db";

/** Which erasure: each has its mark on the report and its partial index. */
export type RetentionStage = "fixes" | "photos" | "deidentify";

const MARK = {
  fixes: audits.fixesErasedAt,
  photos: audits.photosErasedAt,
  deidentify: audits.deidentifiedAt,
} as const;

/**
 * What a due report holds, counted for the event's payload (never the data itself). The
 * correlated subqueries name the outer report as `audits.id` in full: drizzle writes a
 * single-table select's columns unqualified, and `review_messages` has an `id` of its own.
 */
const counts = {
  /** Location fixes of the visit (the JSON array's length). */
  fixes: sql<number>`json_array_length(${audits.fixes})`.as("fix_count"),
  /** 1 when the check-in location is still there. */
  checkIns: sql<number>`(${audits.locationLat} is not null)`.as("check_ins"),
  /** Photos attached to the report's answers. */
  photos: sql<number>`(select count(*) from evidence e where e.audit_id = audits.id)`.as("photo_count"),
  /** Answers with a comment. */
  comments: sql<number>`(select count(*) from answers a where a.audit_id = audits.id and a.comment <> '')`.as(
    "comment_count",
  ),
  /** Review messages (questions and replies) with a body. */
  messages: sql<number>`(select count(*) from review_messages m where m.audit_id = audits.id and m.text <> '')`.as(
    "message_count",
  ),
};

/**
 * One organisation's reports owed `stage` whose visit started in `[from, before)`, oldest first,
 * with what each holds. `audits_fixes_due_idx` / `audits_photos_due_idx` /
 * `audits_deidentify_due_idx` (organisation, visit_started_at) where the mark is null: the
 * WHERE repeats the index's condition word for word so SQLite picks it.
 */
export function retentionDueQuery(
  db: Db,
  organizationId: string,
  stage: RetentionStage,
  visits: { from: number; before: number },
  limit: number,
) {
  const markIsNull: Record<RetentionStage, SQL> = {
    fixes: sql`fixes_erased_at is null`,
    photos: sql`photos_erased_at is null`,
    deidentify: sql`deidentified_at is null`,
  };
  return db
    .select({
      id: audits.id,
      version: audits.version,
      fixesErased: sql<number>`(${audits.fixesErasedAt} is not null)`.as("fixes_erased"),
      photosErased: sql<number>`(${audits.photosErasedAt} is not null)`.as("photos_erased"),
      ...counts,
    })
    .from(audits)
    .where(
      and(
        eq(audits.organizationId, organizationId),
        markIsNull[stage],
        gte(audits.visitStartedAt, visits.from),
        lt(audits.visitStartedAt, visits.before),
      ),
    )
    .orderBy(asc(audits.visitStartedAt), asc(audits.id))
    .limit(limit);
}

export type RetentionCandidate = Awaited<ReturnType<typeof retentionDueQuery>>[number];

/** The report's row as it stands after an erasure of `stage` (what each one blanks and marks). */
function erasedColumns(stage: RetentionStage, now: number) {
  const location = {
    locationLat: null,
    locationLng: null,
    locationAccuracy: null,
    locationTakenAt: null,
    fixes: sql`'[]'`,
    fixesErasedAt: sql`coalesce(${audits.fixesErasedAt}, ${now})`,
  };
  switch (stage) {
    case "fixes":
      return { ...location, fixesErasedAt: now };
    case "photos":
      return { photosErasedAt: now };
    case "deidentify":
      return {
        ...location,
        photosErasedAt: sql`coalesce(${audits.photosErasedAt}, ${now})`,
        staffDescription: "",
        staffName: null,
        overallComment: "",
        deidentifiedAt: now,
      };
  }
}

/**
 * Erases `stage` from one report, guarded: only while the report is at the version read and
 * not yet marked (the chained event after it fits only when this changed the row). The version
 * moves on: an editor's open copy of the report is stale and cannot write the erased text back.
 */
export function eraseReportStatement(
  db: Db,
  organizationId: string,
  report: { id: string; version: number },
  stage: RetentionStage,
  now: number,
) {
  return db
    .update(audits)
    .set({ ...erasedColumns(stage, now), version: sql`${audits.version} + 1` })
    .where(
      and(
        eq(audits.organizationId, organizationId),
        eq(audits.id, report.id),
        eq(audits.version, report.version),
        sql`${MARK[stage]} is null`,
      ),
    );
}

/** Blanks a report's answer comments and its review messages' bodies (de-identification). */
export function eraseReportTextStatements(db: Db, organizationId: string, auditId: string): BatchItem<"sqlite">[] {
  return [
    db
      .update(answers)
      .set({ comment: "" })
      .where(and(eq(answers.auditId, auditId), sql`${answers.comment} <> ''`)),
    // review_messages_audit_idx (audit_id, created_at).
    db
      .update(reviewMessages)
      .set({ text: "" })
      .where(
        and(
          eq(reviewMessages.organizationId, organizationId),
          eq(reviewMessages.auditId, auditId),
          sql`${reviewMessages.text} <> ''`,
        ),
      ),
  ];
}

/** The photos of some reports (evidence: its primary key leads with the report). */
export function reportPhotosQuery(db: Db, auditIds: readonly string[]) {
  return db
    .select({ auditId: evidence.auditId, sha256: evidence.sha256 })
    .from(evidence)
    .where(inJsonList(evidence.auditId, auditIds));
}

/** The photo prints of some reports, with their dHash (whose bands name the band rows). */
export function reportPrintsQuery(db: Db, auditIds: readonly string[]) {
  return db
    .select({ auditId: photoPrints.auditId, sha256: photoPrints.sha256, dHash: photoPrints.dHash })
    .from(photoPrints)
    .where(inJsonList(photoPrints.auditId, auditIds));
}

/**
 * Deletes one report's photos: its evidence rows, photo prints and dHash bands (`bands`: the
 * bands of its prints, so the delete is a range of the bands' primary key, not a scan).
 */
export function deleteReportPhotoStatements(
  db: Db,
  organizationId: string,
  auditId: string,
  bands: readonly string[],
): BatchItem<"sqlite">[] {
  return [
    db.delete(evidence).where(eq(evidence.auditId, auditId)),
    db.delete(photoPrints).where(eq(photoPrints.auditId, auditId)),
    ...(bands.length
      ? [
          db
            .delete(photoBands)
            .where(
              and(
                eq(photoBands.organizationId, organizationId),
                inJsonList(photoBands.band, bands),
                eq(photoBands.auditId, auditId),
              ),
            ),
        ]
      : []),
  ];
}

/**
 * Whether anything of the organisation still shows the photo `uploads.sha256`: a report's
 * evidence (`evidence_sha_idx`), an expense receipt (`expenses_receipt_idx`), a calibration's
 * photos, a dispute item's photo, an action's proof of done.
 */
const stillReferenced = sql`(
  exists (select 1 from ${evidence} inner join ${audits} on ${audits.id} = ${evidence.auditId}
    where ${evidence.sha256} = ${uploads.sha256} and ${audits.organizationId} = ${uploads.organizationId})
  or exists (select 1 from ${expenses}
    where ${expenses.organizationId} = ${uploads.organizationId} and ${expenses.receiptSha256} = ${uploads.sha256})
  or exists (select 1 from ${calibrations}, json_each(${calibrations.photoShas}) as shown
    where ${calibrations.organizationId} = ${uploads.organizationId} and shown.value = ${uploads.sha256})
  or exists (select 1 from ${disputeItems} inner join ${disputes} on ${disputes.id} = ${disputeItems.disputeId}
    where ${disputeItems.evidenceSha256} = ${uploads.sha256} and ${disputes.organizationId} = ${uploads.organizationId})
  or exists (select 1 from ${actions}
    where ${actions.organizationId} = ${uploads.organizationId} and ${actions.doneEvidenceSha256} = ${uploads.sha256})
)`;

/**
 * Deletes the uploads among `shas` nothing references any more (run AFTER the erased reports'
 * evidence deletes, in the same batch), returning their R2 keys: the objects are deleted once
 * the batch has committed. Then their owners' rows go with them.
 */
export function deleteUnreferencedUploadStatements(db: Db, organizationId: string, shas: readonly string[]) {
  return [
    db
      .delete(uploads)
      .where(
        and(eq(uploads.organizationId, organizationId), inJsonList(uploads.sha256, shas), sql`not ${stillReferenced}`),
      )
      .returning({ objectKey: uploads.objectKey }),
    db
      .delete(uploadOwners)
      .where(
        and(
          eq(uploadOwners.organizationId, organizationId),
          inJsonList(uploadOwners.sha256, shas),
          sql`not exists (select 1 from ${uploads} where ${uploads.organizationId} = ${uploadOwners.organizationId} and ${uploads.sha256} = ${uploadOwners.sha256})`,
        ),
      ),
  ] as const;
}
