/**
 * Retention (docs/JOBS.md), one organisation at a time: reports de-identified after
 * `reportRetentionDays`, their photos erased after `photoRetentionDays`, their location fixes
 * after `fixRetentionDays` — each report's erasure a guarded UPDATE and its chained event
 * (`audit.deidentified` / `audit.photos_erased` / `audit.fixes_erased`, system actor, counts
 * only) in ONE batch, a few reports per batch. Photos whose upload nothing else references lose
 * their `uploads` row in that batch and their R2 object after it commits: a failure then leaves
 * an orphan object, never a reference to a missing one.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { chunk, type Db } from "../data/db";
import { appendEventStatements, chainHeadOf, chainHeadQuery, commitChained, StaleWrite } from "../data/events";
import {
  deleteReportPhotoStatements,
  deleteUnreferencedUploadStatements,
  eraseReportStatement,
  eraseReportTextStatements,
  type RetentionCandidate,
  type RetentionStage,
  reportPhotosQuery,
  reportPrintsQuery,
  retentionDueQuery,
} from "../data/retention";
import { type RetentionSettings, retentionCutoffs } from "../domain/jobs";
import { dHashBands } from "../domain/quality-flags";
import { chainEvents, type EventType } from "../domain/trail";

/**
 * Reports per batch. A report writes at most 7 statements (its UPDATE, its event, two text
 * blanks, three photo deletes), each with a handful of bound parameters (id lists as one JSON
 * parameter); the batch ends with two upload deletes.
 */
export const RETENTION_REPORTS_PER_BATCH = 10;

/** What retention did in one run. */
export interface RetentionReport {
  fixesErased: number;
  photosErased: number;
  deidentified: number;
  /** R2 objects deleted (photos nothing references any more). */
  objectsDeleted: number;
  /** R2 deletes that failed: orphan objects, logged (docs/JOBS.md). */
  objectsOrphaned: number;
}

export const emptyRetentionReport = (): RetentionReport => ({
  fixesErased: 0,
  photosErased: 0,
  deidentified: 0,
  objectsDeleted: 0,
  objectsOrphaned: 0,
});

const EVENT: Record<RetentionStage, EventType> = {
  fixes: "audit.fixes_erased",
  photos: "audit.photos_erased",
  deidentify: "audit.deidentified",
};

/** The event's payload: the retention applied and how much went, never what it was. */
function payloadOf(stage: RetentionStage, report: RetentionCandidate, settings: RetentionSettings) {
  const fixes = { fixes: Number(report.fixes), checkIns: Number(report.checkIns) };
  const photos = { photos: Number(report.photos) };
  switch (stage) {
    case "fixes":
      return { retentionDays: settings.fixRetentionDays, ...fixes };
    case "photos":
      return { retentionDays: settings.photoRetentionDays, ...photos };
    case "deidentify":
      return {
        retentionDays: settings.reportRetentionDays,
        comments: Number(report.comments),
        messages: Number(report.messages),
        ...fixes,
        ...photos,
      };
  }
}

/** Whether this erasure takes the report's photos (de-identification does, unless gone already). */
const takesPhotos = (stage: RetentionStage, report: RetentionCandidate) =>
  stage === "photos" || (stage === "deidentify" && !Number(report.photosErased));

/**
 * Erases `stage` from one group of reports in one chained batch; returns the R2 keys of the
 * uploads it deleted. Throws `StaleWrite` when a report changed since it was read.
 */
async function eraseGroup(
  db: Db,
  org: { id: string } & RetentionSettings,
  stage: RetentionStage,
  group: readonly RetentionCandidate[],
  now: number,
): Promise<string[]> {
  const withPhotos = group.filter((report) => takesPhotos(stage, report)).map((report) => report.id);
  const [photos, prints] = withPhotos.length
    ? await db.batch([reportPhotosQuery(db, withPhotos), reportPrintsQuery(db, withPhotos)])
    : [[], []];
  const shas = [...new Set([...photos, ...prints].map((row) => row.sha256))];
  const bandsOf = (auditId: string) => [
    ...new Set(prints.flatMap((p) => (p.auditId === auditId && p.dHash ? dHashBands(p.dHash) : []))),
  ];
  return commitChained(async () => {
    const head = chainHeadOf(await chainHeadQuery(db, org.id));
    const chained = await chainEvents(
      head,
      group.map((report) => ({
        type: EVENT[stage],
        subject: { type: "audit", id: report.id },
        payload: payloadOf(stage, report, org),
      })),
      { organizationId: org.id, at: now, actor: null },
    );
    const statements: BatchItem<"sqlite">[] = group.flatMap((report, index) => {
      const event = chained[index];
      if (!event) return [];
      return [
        eraseReportStatement(db, org.id, report, stage, now),
        // Fits only when the guarded UPDATE just before it changed the report.
        ...appendEventStatements(db, [event], { guarded: true }),
        ...(stage === "deidentify" ? eraseReportTextStatements(db, org.id, report.id) : []),
        ...(takesPhotos(stage, report) ? deleteReportPhotoStatements(db, org.id, report.id, bandsOf(report.id)) : []),
      ];
    });
    const [first, ...rest] = statements;
    if (!first) return [];
    if (!shas.length) {
      await db.batch([first, ...rest]);
      return [];
    }
    const [deleteUploads, deleteOwners] = deleteUnreferencedUploadStatements(db, org.id, shas);
    const results = await db.batch([first, ...rest, deleteUploads, deleteOwners]);
    const deleted = results[statements.length] as Array<{ objectKey: string }>;
    return deleted.map((row) => row.objectKey);
  });
}

/** Deletes R2 objects after their rows are gone; a failure leaves orphans (counted, logged), never a dangling row. */
async function deleteObjects(bucket: R2Bucket, keys: readonly string[], report: RetentionReport): Promise<void> {
  for (const slice of chunk(keys, 1000)) {
    try {
      await bucket.delete([...slice]);
      report.objectsDeleted += slice.length;
    } catch (error) {
      report.objectsOrphaned += slice.length;
      console.error(JSON.stringify({ level: "error", job: "retention", orphaned: slice, error: String(error) }));
    }
  }
}

/**
 * Applies one organisation's retention at `now`: de-identification first (it takes the fixes
 * and photos too, so the oldest reports get one event; the other stages leave them to it),
 * then photos, then fixes; at most
 * `limit` reports of each per run (the next run takes the rest). A group that lost its guard
 * to an edit is left for the next run.
 */
export async function applyRetention(
  db: Db,
  bucket: R2Bucket,
  org: { id: string } & RetentionSettings,
  now: number,
  limit: number,
): Promise<RetentionReport> {
  const report = emptyRetentionReport();
  const cutoffs = retentionCutoffs(now, org);
  // Reports due for de-identification are left to it (it takes their fixes and photos too):
  // a backlog gets one event per report, not three.
  const stages: Array<[RetentionStage, { from: number; before: number }, keyof RetentionReport]> = [
    ["deidentify", { from: 0, before: cutoffs.report }, "deidentified"],
    ["photos", { from: cutoffs.report, before: cutoffs.photos }, "photosErased"],
    ["fixes", { from: cutoffs.report, before: cutoffs.fixes }, "fixesErased"],
  ];
  for (const [stage, visits, counter] of stages) {
    const due = await retentionDueQuery(db, org.id, stage, visits, limit);
    for (const group of chunk(due, RETENTION_REPORTS_PER_BATCH)) {
      try {
        const keys = await eraseGroup(db, org, stage, group, now);
        report[counter] += group.length;
        await deleteObjects(bucket, keys, report);
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
      }
    }
  }
  return report;
}
