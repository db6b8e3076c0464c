/**
 * Calibration rounds (docs/CALIBRATION.md): head office has several raters score the same visit
 * blind, then measures how far they agree (domain/calibration.ts, domain/agreement.ts).
 *
 * Blind: until the round closes a rater reads only their own answers (another rater's are 404,
 * like a calibration they are not invited to), and nobody reads the original report's answers.
 * A rater never learns which report it was, nor its shopper. Results exist only once closed
 * (409 `calibration_open` before), with the other raters as numbers to a rater.
 *
 * Each request is the session, one read batch, and at most one write batch with its events.
 */
import { Hono } from "hono";
import type { Role } from "../../schema/enums";
import {
  answerRecordOf,
  answersQuery,
  type CalibrationRecord,
  calibrationAnswerOf,
  calibrationListQuery,
  calibrationQuery,
  calibrationRecordOf,
  calibrationVersion,
  closeCalibrationStatement,
  closedCalibrationsOfChecklistQuery,
  insertCalibrationStatements,
  materialAuditQuery,
  materialOf,
  membersQuery,
  originalAnswerOf,
  originalAnswersQuery,
  photoQuery,
  raterVersion,
  saveRatingStatements,
  uploadsQuery,
  versionForCalibrationQuery,
} from "../data/calibrations";
import { orStale, recordChange, staleVersion } from "../data/changes";
import type { Db } from "../data/db";
import { chainHeadOf, chainHeadQuery } from "../data/events";
import { readAlpha } from "../domain/agreement";
import { calibrationResults, itemAlphaAcrossRounds, levelOfItem, type RaterSheet } from "../domain/calibration";
import { listItems } from "../domain/checklists";
import { CALIBRATION_RATER_ROLES, calibrationOverseer } from "../domain/policy";
import { type Answer, checkAnswers, scoreAudit } from "../domain/scoring";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { photoResponse } from "../lib/photos";
import { validate, validateRowId, validateRowParam, validateRowParams } from "../lib/validate";
import {
  type CalibrationViewer,
  presentCalibration,
  presentCalibrationSummary,
  presentRating,
  presentResults,
} from "../presenters/calibrations";
import {
  alphaByItemQuery,
  calibrationPhotoParam,
  calibrationRatingParam,
  closeCalibrationBody,
  createCalibrationBody,
  saveRatingsBody,
} from "../validation/calibrations";

/** The bootstrap's seed: fixed, so the same answers always give the same intervals. */
export const RESULTS_SEED = 1;

function viewerOf(actor: { userId: string; role: Role }): CalibrationViewer {
  return calibrationOverseer(actor) ? { kind: "overseer" } : { kind: "rater", userId: actor.userId };
}

/** The calibration, or 404 when it is not there, in another organisation, or not the reader's to see. */
async function readCalibration(
  db: Db,
  actor: Parameters<typeof authorize>[0],
  id: string,
  action: "read" | "rate" | "update" = "read",
): Promise<CalibrationRecord> {
  const [row] = await calibrationQuery(db, actor.organizationId, id);
  if (!row) throw new ApiError("not_found");
  const record = calibrationRecordOf(row);
  authorize(actor, action, { type: "calibration", raterIds: record.raters.map((r) => r.userId) });
  return record;
}

/** The sheets of the raters who submitted, for the results. */
function sheetsOf(record: CalibrationRecord, answers: ReturnType<typeof answerRecordOf>[]): RaterSheet[] {
  return record.raters
    .filter((r) => r.submittedAt !== null)
    .map((r) => r.userId)
    .sort()
    .map((raterId) => {
      const map = new Map<string, NonNullable<ReturnType<typeof calibrationAnswerOf>>>();
      for (const a of answers) {
        if (a.raterId !== raterId) continue;
        const answer = calibrationAnswerOf(a);
        if (answer) map.set(a.itemKey, answer);
      }
      return { raterId, answers: map };
    });
}

/** Normalised answers, to tell a retry (the same answers again) from a change. */
function sameAnswers(
  a: ReadonlyArray<{ itemKey: string; value: unknown; na: boolean; comment: string }>,
  b: ReadonlyArray<{ itemKey: string; value: unknown; na: boolean; comment: string }>,
): boolean {
  const key = (rows: typeof a) =>
    JSON.stringify(
      [...rows]
        .sort((x, y) => x.itemKey.localeCompare(y.itemKey))
        .map((r) => [r.itemKey, r.value ?? null, r.na, r.comment]),
    );
  return key(a) === key(b);
}

export const calibrationRoutes = new Hono<AppEnv>()
  .post("/", permitRole("create", "calibration"), validate("json", createCalibrationBody), async (c) => {
    const actor = requireActor(c);
    const body = c.req.valid("json");
    const db = c.var.db;
    const org = actor.organizationId;
    const [audit, version, members, stored, head] = await db.batch([
      materialAuditQuery(db, org, body.auditId ?? ""),
      versionForCalibrationQuery(db, org, body.checklistVersionId ?? ""),
      membersQuery(db, org, body.raterIds),
      uploadsQuery(db, org, body.photoShas),
      chainHeadQuery(db, org),
    ]);
    const problems: FieldError[] = [];
    const report = audit[0];
    if (body.auditId && report?.auditStatus !== "published") {
      problems.push({ path: "auditId", code: "unknown_reference", message: "Pick a published report" });
    }
    if (body.checklistVersionId && version[0]?.versionStatus !== "published") {
      problems.push({
        path: "checklistVersionId",
        code: "unknown_reference",
        message: "Pick a published checklist version",
      });
    }
    const roles = new Map(members.map((m) => [m.userId, m.memberRole]));
    body.raterIds.forEach((raterId, index) => {
      const role = roles.get(raterId);
      if (!role || !CALIBRATION_RATER_ROLES.includes(role)) {
        problems.push({
          path: `raterIds[${index}]`,
          code: "unknown_reference",
          message: "Invite active shoppers and reviewers of the organisation",
        });
      } else if (report && raterId === report.shopperId) {
        // The report's own shopper cannot rate it blind (and would learn it was theirs).
        problems.push({
          path: `raterIds[${index}]`,
          code: "not_allowed",
          message: "The report's own shopper cannot rate it",
        });
      }
    });
    const found = new Set(stored.map((u) => u.sha256));
    body.photoShas.forEach((sha, index) => {
      if (!found.has(sha)) {
        problems.push({ path: `photoShas[${index}]`, code: "unknown_reference", message: "Upload this photo first" });
      }
    });
    if (problems.length) throw new ApiError("validation_failed", "Some fields are not valid", { errors: problems });

    const id = crypto.randomUUID();
    const checklistVersionId = report ? report.auditVersionId : (body.checklistVersionId as string);
    const row = {
      id,
      organizationId: org,
      title: body.title,
      checklistVersionId,
      auditId: report ? report.auditId : null,
      scenarioEn: body.scenario?.en ?? "",
      scenarioZh: body.scenario?.zh ?? "",
      transcript: body.transcript,
      photoShas: body.photoShas,
      expertId: body.expertId ?? null,
      createdBy: actor.userId,
    };
    const { after } = await recordChange(db, {
      organizationId: org,
      actor: { userId: actor.userId, role: actor.role },
      head: chainHeadOf(head),
      drafts: [
        {
          type: "calibration.created",
          subject: { type: "calibration", id },
          payload: {
            title: row.title,
            checklistVersionId,
            auditId: row.auditId,
            raterIds: body.raterIds,
            expertId: row.expertId,
            photoShas: row.photoShas,
          },
        },
      ],
      change: insertCalibrationStatements(db, row, body.raterIds),
      after: [calibrationQuery(db, org, id)],
    });
    const [created] = after[0] as Awaited<ReturnType<typeof calibrationQuery>>;
    if (!created) throw new Error("calibration vanished after its write");
    const record = calibrationRecordOf(created);
    return c.json(
      presentCalibration(
        record,
        { kind: "overseer" },
        { material: materialOf(record, report), answers: [], original: null },
      ),
      201,
    );
  })
  .get("/", permitRole("list", "calibration"), async (c) => {
    const actor = requireActor(c);
    const viewer = viewerOf(actor);
    const rows = await calibrationListQuery(
      c.var.db,
      actor.organizationId,
      viewer.kind === "rater" ? viewer.userId : null,
    );
    return c.json({ items: rows.map((row) => presentCalibrationSummary(calibrationRecordOf(row), viewer)) });
  })
  .get(
    "/alpha-by-item",
    permitRole("list", "calibration"),
    async (c, next) => {
      // Across rounds is head office's view: a rater may never ask (403 before the query is read).
      if (!calibrationOverseer(requireActor(c))) throw new ApiError("forbidden");
      await next();
    },
    validate("query", alphaByItemQuery),
    async (c) => {
      const actor = requireActor(c);
      const { checklistId } = c.req.valid("query");
      const db = c.var.db;
      const rows = await closedCalibrationsOfChecklistQuery(db, actor.organizationId, checklistId);
      const records = rows.map(calibrationRecordOf);
      const answers = records.length
        ? (
            await answersQuery(
              db,
              records.map((r) => r.id),
              null,
            )
          ).map(answerRecordOf)
        : [];
      const rounds = records.map((r) =>
        sheetsOf(
          r,
          answers.filter((a) => a.calibrationId === r.id),
        ),
      );
      const latest = records.at(-1);
      const items = latest
        ? listItems(latest.document).flatMap(({ item }) => {
            const level = levelOfItem(item);
            if (!level) return [];
            const alpha = itemAlphaAcrossRounds(item, rounds);
            return [{ key: item.key, prompt: item.prompt, kind: item.kind, level, alpha, reading: readAlpha(alpha) }];
          })
        : [];
      return c.json({ checklistId, rounds: records.length, items });
    },
  )
  .get("/:id", permitRole("read", "calibration"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const record = await readCalibration(db, actor, c.req.valid("param").id);
    const viewer = viewerOf(actor);
    const closed = record.status === "closed";
    const [audit, answers, original] = await db.batch([
      materialAuditQuery(db, actor.organizationId, record.auditId ?? ""),
      // Blind: a rater's own answers only; head office reads answers through the results.
      answersQuery(db, viewer.kind === "rater" ? [record.id] : [], viewer.kind === "rater" ? viewer.userId : null),
      originalAnswersQuery(db, closed && record.auditId ? record.auditId : ""),
    ]);
    return c.json(
      presentCalibration(record, viewer, {
        material: materialOf(record, audit[0]),
        answers: answers.map(answerRecordOf),
        original: closed && record.auditId ? original.map((a) => originalAnswerOf(record.id, a)) : null,
      }),
    );
  })
  .get(
    "/:id/photos/:sha256",
    permitRole("read", "calibration"),
    validateRowParams(calibrationPhotoParam),
    async (c) => {
      const actor = requireActor(c);
      const { id, sha256 } = c.req.valid("param");
      const db = c.var.db;
      const record = await readCalibration(db, actor, id);
      const [[audit], [photo]] = await db.batch([
        materialAuditQuery(db, actor.organizationId, record.auditId ?? ""),
        photoQuery(db, actor.organizationId, sha256),
      ]);
      // Only the photos of the material: not any photo of the organisation by its address.
      if (!photo || !materialOf(record, audit).photos.includes(sha256)) throw new ApiError("not_found");
      return photoResponse(c, photo);
    },
  )
  .get(
    "/:id/ratings/:raterId",
    permitRole("read", "calibration"),
    validateRowParam(calibrationRatingParam),
    async (c) => {
      const actor = requireActor(c);
      const { id, raterId } = c.req.valid("param");
      const db = c.var.db;
      const record = await readCalibration(db, actor, id);
      const viewer = viewerOf(actor);
      // Blind: to a rater, another rater's answers do not exist (whether the round is open or closed).
      if (viewer.kind === "rater" && raterId !== viewer.userId) throw new ApiError("not_found");
      if (!record.raters.some((r) => r.userId === raterId)) throw new ApiError("not_found");
      if (viewer.kind === "overseer" && record.status !== "closed") throw new ApiError("calibration_open");
      const answers = (await answersQuery(db, [record.id], raterId)).map(answerRecordOf);
      return c.json(presentRating(record, raterId, answers));
    },
  )
  .put(
    "/:id/ratings",
    permitRole("rate", "calibration"),
    validate("json", saveRatingsBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid("json");
      const db = c.var.db;
      const org = actor.organizationId;
      const record = await readCalibration(db, actor, c.req.valid("param").id, "rate");
      const me = record.raters.find((r) => r.userId === actor.userId);
      if (!me) throw new ApiError("not_found");
      const [storedRows, head] = await db.batch([answersQuery(db, [record.id], actor.userId), chainHeadQuery(db, org)]);
      const stored = storedRows.map(answerRecordOf);
      const rows = body.answers.map((a) => ({
        itemKey: a.item,
        value: a.na ? null : (a.value ?? null),
        na: a.na ?? false,
        comment: a.comment ?? "",
      }));
      const answersNow = () => presentRating(record, actor.userId, stored);
      // The same answers again (a retry) answer as the first time did, whatever version they name.
      if (sameAnswers(rows, stored) && (me.submittedAt !== null) === body.submit) return c.json(answersNow());
      if (record.status !== "open") throw new ApiError("calibration_closed");
      if (me.submittedAt !== null)
        throw new ApiError("invalid_state", "You have submitted your answers: they are final");
      if (body.version !== me.version) throw staleVersion(me.version);
      const answers: Answer[] = body.answers.map((a) => ({
        item: a.item,
        value: a.value,
        na: a.na,
        comment: a.comment,
      }));
      const problems: FieldError[] = checkAnswers(record.document, answers);
      if (body.submit && problems.length === 0) {
        for (const key of scoreAudit(record.document, answers).missing) {
          problems.push({ path: `items.${key}`, code: "required", message: `Answer item "${key}" before submitting` });
        }
      }
      if (problems.length) throw new ApiError("validation_failed", "Some answers are not valid", { errors: problems });

      const now = Date.now();
      const { after } = await orStale(
        recordChange(db, {
          organizationId: org,
          actor: { userId: actor.userId, role: actor.role },
          head: chainHeadOf(head),
          at: now,
          drafts: [
            {
              type: "calibration.rated",
              subject: { type: "calibration", id: record.id },
              // Never the answers: the trail is read while the round is still blind.
              payload: { raterId: actor.userId, answered: rows.length, submitted: body.submit },
            },
          ],
          change: saveRatingStatements(db, {
            organizationId: org,
            calibrationId: record.id,
            raterId: actor.userId,
            version: body.version,
            submittedAt: body.submit ? now : null,
            rows,
          }),
          guarded: true,
          after: [calibrationQuery(db, org, record.id), answersQuery(db, [record.id], actor.userId)],
        }),
        () => raterVersion(db, record.id, actor.userId),
      );
      const [row] = after[0] as Awaited<ReturnType<typeof calibrationQuery>>;
      if (!row) throw new Error("calibration vanished after its write");
      const saved = (after[1] as Awaited<ReturnType<typeof answersQuery>>).map(answerRecordOf);
      return c.json(presentRating(calibrationRecordOf(row), actor.userId, saved));
    },
  )
  .post(
    "/:id/close",
    permitRole("update", "calibration"),
    validate("json", closeCalibrationBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const { version } = c.req.valid("json");
      const db = c.var.db;
      const org = actor.organizationId;
      const record = await readCalibration(db, actor, c.req.valid("param").id, "update");
      if (record.status !== "open") throw new ApiError("calibration_closed");
      if (version !== record.version) throw staleVersion(record.version);
      const now = Date.now();
      const { after } = await orStale(
        recordChange(db, {
          organizationId: org,
          actor: { userId: actor.userId, role: actor.role },
          at: now,
          drafts: [
            {
              type: "calibration.closed",
              subject: { type: "calibration", id: record.id },
              payload: {
                invited: record.raters.length,
                submitted: record.raters.filter((r) => r.submittedAt !== null).length,
              },
            },
          ],
          change: [closeCalibrationStatement(db, org, record.id, version, now)],
          guarded: true,
          after: [calibrationQuery(db, org, record.id)],
        }),
        () => calibrationVersion(db, org, record.id),
      );
      const [row] = after[0] as Awaited<ReturnType<typeof calibrationQuery>>;
      if (!row) throw new Error("calibration vanished after its write");
      return c.json(presentCalibrationSummary(calibrationRecordOf(row), viewerOf(actor)));
    },
  )
  .get("/:id/results", permitRole("read", "calibration"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const record = await readCalibration(db, actor, c.req.valid("param").id);
    if (record.status !== "closed") throw new ApiError("calibration_open");
    const [answerRows, original] = await db.batch([
      answersQuery(db, [record.id], null),
      originalAnswersQuery(db, record.auditId ?? ""),
    ]);
    const sheets = sheetsOf(record, answerRows.map(answerRecordOf));
    const results = calibrationResults(record.document, sheets, { expertId: record.expertId, seed: RESULTS_SEED });
    return c.json(
      presentResults(record, viewerOf(actor), results, {
        seed: RESULTS_SEED,
        original: record.auditId ? original.map((a) => originalAnswerOf(record.id, a)) : null,
      }),
    );
  });
