/**
 * Reads and writes of calibration rounds (routes/calibrations.ts, docs/CALIBRATION.md). Each
 * request is one read batch and at most one write batch with its events (`recordChange`).
 *
 * Blindness lives here as much as in the routes: a rater's answers are read by
 * `answersQuery(db, id, raterId)`, never all of them, until the round is closed. Every column name
 * of a batched select is unique (inside db.batch drizzle maps columns by name).
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  answers,
  audits,
  branches,
  calibrationAnswers,
  calibrationRaters,
  calibrations,
  checklistVersions,
  evidence,
  memberships,
  organizations,
  uploads,
  users,
} from "../../schema";
import type { CalibrationStatus, ContactKind, Role, StaffNamePolicy } from "../../schema/enums";
import type { CalibrationAnswer } from "../domain/calibration";
import type { ChecklistDocument } from "../domain/checklists";
import { staffNameShown } from "../domain/staff-names";
import { type Db, inJsonList, jsonInsertStatements, parseJsonColumn } from "./db";

/** A column under its own name, so no two selected columns share one (batch-safe). */
const named = <T>(column: SQLiteColumn | SQL, name: string) => sql<T>`${column}`.as(name);

/** Whether an open calibration of the organisation invites the user (their nav entry, `GET /me`). */
export function calibrationInvitationQuery(db: Db, organizationId: string, userId: string) {
  return db
    .select({ calibrationId: calibrationRaters.calibrationId })
    .from(calibrationRaters)
    .innerJoin(calibrations, eq(calibrations.id, calibrationRaters.calibrationId))
    .where(
      and(
        eq(calibrationRaters.organizationId, organizationId),
        eq(calibrationRaters.userId, userId),
        eq(calibrations.status, "open"),
      ),
    )
    .limit(1);
}

/** One invited rater as stored, with their name. */
export interface RaterRecord {
  userId: string;
  name: string;
  role: Role;
  submittedAt: number | null;
  version: number;
}

/** A calibration with its checklist version and raters (one statement). */
export interface CalibrationRecord {
  id: string;
  organizationId: string;
  title: string;
  checklistVersionId: string;
  checklistId: string;
  versionNumber: number;
  document: ChecklistDocument;
  auditId: string | null;
  scenarioEn: string;
  scenarioZh: string;
  transcript: string;
  photoShas: string[];
  status: CalibrationStatus;
  expertId: string | null;
  createdAt: number;
  closedAt: number | null;
  version: number;
  raters: RaterRecord[];
}

/** The raters of the calibration in the outer query, oldest invitation first, as one JSON array. */
const ratersJson = sql<string>`(select json_group_array(json_object('userId', r.user_id, 'name', coalesce(m.display_label, u.display_name), 'role', m.role, 'submittedAt', r.submitted_at, 'version', r.version)) from ${calibrationRaters} r join ${users} u on u.id = r.user_id left join ${memberships} m on m.user_id = r.user_id and m.organization_id = r.organization_id where r.calibration_id = ${calibrations.id})`;

function calibrationRecords(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: calibrations.id,
      organizationId: named<string>(calibrations.organizationId, "calibration_organization_id"),
      title: calibrations.title,
      checklistVersionId: calibrations.checklistVersionId,
      checklistId: checklistVersions.checklistId,
      versionNumber: checklistVersions.number,
      document: checklistVersions.document,
      auditId: calibrations.auditId,
      scenarioEn: calibrations.scenarioEn,
      scenarioZh: calibrations.scenarioZh,
      transcript: calibrations.transcript,
      photoShas: calibrations.photoShas,
      status: named<CalibrationStatus>(calibrations.status, "calibration_status"),
      expertId: calibrations.expertId,
      createdAt: named<number>(calibrations.createdAt, "calibration_created_at"),
      closedAt: calibrations.closedAt,
      version: named<number>(calibrations.version, "calibration_version"),
      raters: named<string>(ratersJson, "calibration_raters"),
    })
    .from(calibrations)
    .innerJoin(checklistVersions, eq(checklistVersions.id, calibrations.checklistVersionId))
    .where(where);
}

type CalibrationRow = Awaited<ReturnType<typeof calibrationRecords>>[number];

export function calibrationRecordOf(row: CalibrationRow): CalibrationRecord {
  return {
    ...row,
    document: parseJsonColumn<ChecklistDocument>(row.document),
    photoShas: parseJsonColumn<string[]>(row.photoShas),
    raters: parseJsonColumn<RaterRecord[]>(row.raters),
  };
}

/** One calibration of the organisation. */
export function calibrationQuery(db: Db, organizationId: string, id: string) {
  return calibrationRecords(db, and(eq(calibrations.organizationId, organizationId), eq(calibrations.id, id)));
}

/**
 * The organisation's calibrations, newest first: all of them (`raterId` null: head office), or
 * those inviting `raterId`. At most 200 (a few a month is the expected pace).
 */
export function calibrationListQuery(db: Db, organizationId: string, raterId: string | null) {
  const invited = raterId
    ? sql`exists (select 1 from ${calibrationRaters} where ${calibrationRaters.calibrationId} = ${calibrations.id} and ${calibrationRaters.userId} = ${raterId})`
    : undefined;
  return calibrationRecords(db, and(eq(calibrations.organizationId, organizationId), invited))
    .orderBy(desc(calibrations.createdAt), desc(calibrations.id))
    .limit(200);
}

/** The closed calibrations on any version of a checklist, oldest first (the rounds of `alpha-by-item`). */
export function closedCalibrationsOfChecklistQuery(db: Db, organizationId: string, checklistId: string) {
  return calibrationRecords(
    db,
    and(
      eq(calibrations.organizationId, organizationId),
      eq(checklistVersions.checklistId, checklistId),
      eq(calibrations.status, "closed"),
    ),
  )
    .orderBy(asc(calibrations.createdAt), asc(calibrations.id))
    .limit(200);
}

/** A stored answer of a rater. */
export interface AnswerRecord {
  calibrationId: string;
  raterId: string;
  itemKey: string;
  value: boolean | number | string | null;
  na: boolean;
  comment: string;
}

/**
 * Answers of calibrations: of ONE rater (`raterId`: what a rater sees of an open round), or of
 * everyone (`raterId` null: only once the round is closed, or for the results).
 */
export function answersQuery(db: Db, calibrationIds: readonly string[], raterId: string | null) {
  return db
    .select({
      calibrationId: calibrationAnswers.calibrationId,
      raterId: calibrationAnswers.raterId,
      itemKey: calibrationAnswers.itemKey,
      // The JSON text as stored, whether read in a batch or not (drizzle parses it only outside one).
      value: named<string | null>(calibrationAnswers.value, "answer_value"),
      na: calibrationAnswers.na,
      comment: calibrationAnswers.comment,
    })
    .from(calibrationAnswers)
    .where(
      and(
        inJsonList(calibrationAnswers.calibrationId, calibrationIds),
        raterId ? eq(calibrationAnswers.raterId, raterId) : undefined,
      ),
    )
    .orderBy(asc(calibrationAnswers.raterId), asc(calibrationAnswers.itemKey));
}

export function answerRecordOf(row: Awaited<ReturnType<typeof answersQuery>>[number]): AnswerRecord {
  return {
    ...row,
    na: Boolean(row.na),
    value: row.value === null ? null : (JSON.parse(row.value) as boolean | number | string),
  };
}

/** A stored answer as the calibration maths reads it (absent when neither a value nor N/A). */
export function calibrationAnswerOf(answer: AnswerRecord): CalibrationAnswer | undefined {
  if (answer.na) return { na: true };
  return answer.value === null ? undefined : { value: answer.value };
}

/** The report a calibration rates: what raters see of the visit (never its shopper), and its shopper for the checks. */
export function materialAuditQuery(db: Db, organizationId: string, auditId: string) {
  return db
    .select({
      auditId: audits.id,
      shopperId: audits.shopperId,
      auditStatus: named<string>(audits.status, "audit_status"),
      auditVersionId: named<string>(audits.checklistVersionId, "audit_version_id"),
      contact: audits.contact,
      visitStartedAt: audits.visitStartedAt,
      visitEndedAt: audits.visitEndedAt,
      staffDescription: audits.staffDescription,
      staffName: audits.staffName,
      staffNames: named<StaffNamePolicy>(organizations.staffNames, "material_staff_names"),
      overallComment: audits.overallComment,
      branchCode: named<string>(branches.code, "material_branch_code"),
      branchNameEn: named<string>(branches.nameEn, "material_branch_name_en"),
      branchNameZh: named<string>(branches.nameZh, "material_branch_name_zh"),
      photos: named<string>(
        sql`(select json_group_array(distinct ${evidence.sha256}) from ${evidence} where ${evidence.auditId} = ${audits.id})`,
        "material_photos",
      ),
    })
    .from(audits)
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(organizations, eq(organizations.id, audits.organizationId))
    .where(and(eq(audits.organizationId, organizationId), eq(audits.id, auditId)))
    .limit(1);
}

export type MaterialAuditRow = Awaited<ReturnType<typeof materialAuditQuery>>[number];

/** What raters see of a report: the visit's facts and photos, never the shopper or their answers. */
export interface Material {
  branch: { code: string; name: { en: string; zh: string } } | null;
  contact: ContactKind | null;
  visitStartedAt: number | null;
  visitEndedAt: number | null;
  staffDescription: string;
  /** The staff name as the organisation's policy allows today (domain/staff-names.ts). */
  staffName: string | null;
  overallComment: string;
  photos: string[];
}

export function materialOf(record: CalibrationRecord, audit: MaterialAuditRow | undefined): Material {
  if (!audit) {
    return {
      branch: null,
      contact: null,
      visitStartedAt: null,
      visitEndedAt: null,
      staffDescription: "",
      staffName: null,
      overallComment: "",
      photos: record.photoShas,
    };
  }
  return {
    branch: { code: audit.branchCode, name: { en: audit.branchNameEn, zh: audit.branchNameZh } },
    contact: audit.contact,
    visitStartedAt: audit.visitStartedAt,
    visitEndedAt: audit.visitEndedAt,
    staffDescription: audit.staffDescription,
    staffName: staffNameShown(audit.staffName, audit.staffNames),
    overallComment: audit.overallComment,
    photos: parseJsonColumn<string[]>(audit.photos).sort(),
  };
}

/** The original report's answers (shown only once the round is closed). */
export function originalAnswersQuery(db: Db, auditId: string) {
  return db
    .select({
      itemKey: answers.itemKey,
      value: named<string | null>(answers.value, "original_value"),
      na: answers.na,
      comment: answers.comment,
    })
    .from(answers)
    .where(eq(answers.auditId, auditId));
}

/** An answer of the original report, in the shape of a rater's (its rater: ""). */
export function originalAnswerOf(
  calibrationId: string,
  row: Awaited<ReturnType<typeof originalAnswersQuery>>[number],
): AnswerRecord {
  return answerRecordOf({ ...row, calibrationId, raterId: "" });
}

/** A checklist version of the organisation (its status and document): a written scenario's checklist. */
export function versionForCalibrationQuery(db: Db, organizationId: string, versionId: string) {
  return db
    .select({
      versionId: checklistVersions.id,
      versionStatus: named<string>(checklistVersions.status, "version_status"),
    })
    .from(checklistVersions)
    .where(and(eq(checklistVersions.organizationId, organizationId), eq(checklistVersions.id, versionId)))
    .limit(1);
}

/** The active members among `userIds`, with their roles: who may be invited to rate. */
export function membersQuery(db: Db, organizationId: string, userIds: readonly string[]) {
  return db
    .select({ userId: memberships.userId, memberRole: named<Role>(memberships.role, "member_role") })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.status, "active"),
        inJsonList(memberships.userId, userIds),
      ),
    );
}

/** Which of `shas` are photos stored in the organisation. */
export function uploadsQuery(db: Db, organizationId: string, shas: readonly string[]) {
  return db
    .select({ sha256: uploads.sha256 })
    .from(uploads)
    .where(and(eq(uploads.organizationId, organizationId), inJsonList(uploads.sha256, shas)));
}

/** A stored photo of the organisation (served once the route knows it belongs to the calibration). */
export function photoQuery(db: Db, organizationId: string, sha256: string) {
  return db
    .select({ objectKey: uploads.objectKey, contentType: uploads.contentType, byteSize: uploads.byteSize })
    .from(uploads)
    .where(and(eq(uploads.organizationId, organizationId), eq(uploads.sha256, sha256)))
    .limit(1);
}

/** The statements that create a calibration and invite its raters. */
export function insertCalibrationStatements(
  db: Db,
  row: typeof calibrations.$inferInsert & { id: string; organizationId: string },
  raterIds: readonly string[],
): BatchItem<"sqlite">[] {
  return [
    db.insert(calibrations).values(row),
    ...jsonInsertStatements(
      db,
      calibrationRaters,
      raterIds.map((userId) => ({
        calibrationId: row.id,
        userId,
        organizationId: row.organizationId,
        submittedAt: null,
        version: 1,
      })),
    ),
  ];
}

/**
 * A rater's answers replaced by `rows`, then the rater's row moved on (LAST, guarded: by the
 * version they read, not yet submitted, and the round still open), so a stale or late save
 * changes nothing.
 */
export function saveRatingStatements(
  db: Db,
  input: {
    organizationId: string;
    calibrationId: string;
    raterId: string;
    version: number;
    submittedAt: number | null;
    rows: ReadonlyArray<{ itemKey: string; value: boolean | number | string | null; na: boolean; comment: string }>;
  },
): BatchItem<"sqlite">[] {
  const mine = and(
    eq(calibrationAnswers.calibrationId, input.calibrationId),
    eq(calibrationAnswers.raterId, input.raterId),
  );
  return [
    db.delete(calibrationAnswers).where(mine),
    ...jsonInsertStatements(
      db,
      calibrationAnswers,
      input.rows.map((r) => ({
        calibrationId: input.calibrationId,
        raterId: input.raterId,
        itemKey: r.itemKey,
        value: r.value,
        na: r.na,
        comment: r.comment,
      })),
    ),
    db
      .update(calibrationRaters)
      .set({ submittedAt: input.submittedAt, version: sql`${calibrationRaters.version} + 1` })
      .where(
        and(
          eq(calibrationRaters.calibrationId, input.calibrationId),
          eq(calibrationRaters.userId, input.raterId),
          eq(calibrationRaters.organizationId, input.organizationId),
          eq(calibrationRaters.version, input.version),
          sql`${calibrationRaters.submittedAt} is null`,
          sql`exists (select 1 from ${calibrations} where ${calibrations.id} = ${input.calibrationId} and ${calibrations.status} = 'open')`,
        ),
      ),
  ];
}

/** The rater's row version now (for a 409's `version`); null when not invited. */
export async function raterVersion(db: Db, calibrationId: string, raterId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: calibrationRaters.version })
    .from(calibrationRaters)
    .where(and(eq(calibrationRaters.calibrationId, calibrationId), eq(calibrationRaters.userId, raterId)));
  return row?.version ?? null;
}

/** Closing: the guarded UPDATE (by version, still open). */
export function closeCalibrationStatement(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  closedAt: number,
) {
  return db
    .update(calibrations)
    .set({ status: "closed", closedAt, version: sql`${calibrations.version} + 1` })
    .where(
      and(
        eq(calibrations.organizationId, organizationId),
        eq(calibrations.id, id),
        eq(calibrations.version, version),
        eq(calibrations.status, "open"),
      ),
    );
}

/** The calibration's version now (for a 409's `version`); null when gone. */
export async function calibrationVersion(db: Db, organizationId: string, id: string): Promise<number | null> {
  const [row] = await db
    .select({ version: calibrations.version })
    .from(calibrations)
    .where(and(eq(calibrations.organizationId, organizationId), eq(calibrations.id, id)));
  return row?.version ?? null;
}
