import { Hono } from "hono";
import {
  type AuditRow,
  asStored,
  getAudit,
  insertAudit,
  type NewAudit,
  type PhotoBandRow,
  type PhotoPrintRow,
  readSubmissionContext,
  reuseCandidates,
  unreviewedColumns,
} from "../data/audits";
import { isUniqueViolation } from "../data/db";
import { appendEventStatements, chainHeadOf, chainHeadQuery, commitChained } from "../data/events";
import { publicationEffects } from "../data/publication";
import { canonicalJson, checkSubmission, isLate, localDate } from "../domain/audits";
import { disputeView, shownAsPublished } from "../domain/disputes";
import { auditView } from "../domain/policy";
import { dHashBands, type Fix, type PhotoFacts } from "../domain/quality-flags";
import { publishedContentOf } from "../domain/receipts";
import { checkReportFacts, effectiveThresholds, printDHash, reportFlags } from "../domain/report-flags";
import { arrivalStatus } from "../domain/review";
import { rollupDelta } from "../domain/rollups";
import { scoreAudit } from "../domain/scoring";
import { staffNameShown } from "../domain/staff-names";
import { type ChainHead, chainEvents, type EventDraft } from "../domain/trail";
import { checkVisitTimes } from "../domain/visit-times";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { sha256Hex } from "../lib/crypto";
import { ApiError, type FieldError } from "../lib/errors";
import { signPublication } from "../lib/receipts";
import { validate, validateRowId } from "../lib/validate";
import { presentAudit } from "../presenters";
import { auditIdParam, submitAuditBody } from "../validation/audits";

/** At most this many distinct photos per report: one D1 statement reads them all. */
const MAX_PHOTOS_PER_REPORT = 90;

function conflictingReplay(): ApiError {
  return new ApiError(
    "audit_conflict",
    "A different report was already submitted under this id. Nothing was changed; start a new report if this one is new.",
  );
}

/** Reports. Submission is a PUT by the phone's own id, so retrying is always safe. */
export const auditRoutes = new Hono<AppEnv>()
  .put(
    "/:id",
    permitRole("create", "audit"),
    validate("param", auditIdParam),
    validate("json", submitAuditBody),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.var.db;

      const shas = [...new Set(body.answers.flatMap((a) => a.evidence ?? []))];
      if (shas.length > MAX_PHOTOS_PER_REPORT) {
        throw new ApiError("validation_failed", "Too many photos", {
          errors: [
            {
              path: "answers",
              code: "too_big",
              limit: MAX_PHOTOS_PER_REPORT,
              message: `At most ${MAX_PHOTOS_PER_REPORT} photos per report`,
            },
          ],
        });
      }
      const contentHash = await sha256Hex(canonicalJson(body));
      const context = await readSubmissionContext(db, {
        auditId: id,
        organizationId: actor.organizationId,
        shopperId: actor.userId,
        assignmentId: body.assignmentId,
        shas,
      });

      const isOwn = (existing: { organizationId: string; shopperId: string }) =>
        existing.organizationId === actor.organizationId && existing.shopperId === actor.userId;
      // Idempotency first: the same report again answers exactly as the first time did.
      const replay = async (existing: { organizationId: string; shopperId: string; contentHash: string }) => {
        if (!isOwn(existing) || existing.contentHash !== contentHash) throw conflictingReplay();
        const stored = await getAudit(db, actor.organizationId, id);
        if (!stored) throw new ApiError("not_found");
        return c.json(presentAudit(stored, auditView(actor), disputeView(actor)), 200);
      };
      if (context.existing && isOwn(context.existing)) return replay(context.existing);
      // Someone else's id (another shopper's, another organisation's) is judged like an unused
      // one, so no answer tells it apart: only a report that would be stored then collides (below).

      const assignment = context.assignment;
      if (!assignment) {
        throw new ApiError("validation_failed", "No such assignment", {
          errors: [
            { path: "assignmentId", code: "unknown_reference", message: "No such assignment in this organisation" },
          ],
        });
      }
      if (assignment.shopperId !== actor.userId)
        throw new ApiError("forbidden", "This assignment belongs to another shopper");
      if (assignment.assignmentStatus !== "open") {
        throw new ApiError("conflict", `This assignment is ${assignment.assignmentStatus}: it takes no new report`);
      }
      if (assignment.checklistVersionId !== body.checklistVersionId) {
        throw new ApiError(
          "conflict",
          "The report was filled against another checklist version than the one assigned",
          {
            errors: [
              { path: "checklistVersionId", code: "not_allowed", message: "Not the assigned checklist version" },
            ],
          },
        );
      }

      const now = Date.now();
      const window = { start: assignment.windowStart, end: assignment.windowEnd, timeZone: assignment.timezone };
      const problems = [
        ...checkSubmission(assignment.document, body),
        ...checkVisitTimes(body, window, now),
        ...checkReportFacts(body),
      ];
      if (problems.length)
        throw new ApiError("validation_failed", "The report is not complete or not valid", { errors: problems });

      const missing: FieldError[] = body.answers.flatMap((a, index) =>
        (a.evidence ?? []).flatMap((sha, j) =>
          context.uploads.has(sha)
            ? []
            : [
                {
                  path: `answers[${index}].evidence[${j}]`,
                  code: "required",
                  message: `Photo ${sha.slice(0, 12)}… has not been uploaded`,
                },
              ],
        ),
      );
      if (missing.length) throw new ApiError("evidence_missing", undefined, { errors: missing });
      if (context.existing) throw conflictingReplay();

      const result = scoreAudit(assignment.document, body.answers);
      const visitStartedAt = Date.parse(body.visitStartedAt);
      const visitEndedAt = Date.parse(body.visitEndedAt);
      // The visit's own month, in the branch's calendar: a report sent late still counts when it happened.
      const visitMonth = localDate(visitStartedAt, assignment.timezone).slice(0, 7);
      const late = isLate(assignment.windowEnd, assignment.timezone, visitEndedAt);
      // Each photo as the flags know it: the phone's capture time, the dHash worth trusting.
      const described = new Map((body.photos ?? []).map((p) => [p.sha256, p]));
      const photos: PhotoFacts[] = shas.map((sha) => {
        const phone = described.get(sha);
        return {
          sha256: sha,
          dHash: printDHash(phone?.dHash, context.uploads.get(sha)?.dHash),
          capturedAt: phone?.capturedAt ? Date.parse(phone.capturedAt) : null,
        };
      });
      const bandsOf = photos.map((p) => (p.dHash ? dHashBands(p.dHash) : []));
      const others = await reuseCandidates(db, {
        organizationId: actor.organizationId,
        auditId: id,
        shas,
        bands: [...new Set(bandsOf.flat())],
      });
      const fixes: Fix[] = (body.fixes ?? []).map((f) => ({ ...f, takenAt: Date.parse(f.takenAt) }));
      const checkIn: Fix | null = body.location
        ? { ...body.location, takenAt: Date.parse(body.location.takenAt) }
        : null;
      const flags = reportFlags({
        document: assignment.document,
        result,
        contact: body.contact,
        visit: { startedAt: visitStartedAt, endedAt: visitEndedAt },
        window,
        branch: { lat: assignment.branchLat, lng: assignment.branchLng, openingHours: assignment.openingHours },
        checkIn,
        fixes,
        formSeconds: body.formSeconds ?? null,
        photos,
        others,
        comments: body.answers.map((a) => a.comment ?? ""),
        thresholds: effectiveThresholds(context.flagThresholds),
      });
      const prints: PhotoPrintRow[] = photos.map((p) => ({
        auditId: id,
        sha256: p.sha256,
        organizationId: actor.organizationId,
        dHash: p.dHash,
        capturedAt: p.capturedAt,
      }));
      const bands: PhotoBandRow[] = photos.flatMap((p, i) =>
        (bandsOf[i] ?? []).map((band) => ({
          organizationId: actor.organizationId,
          band,
          auditId: id,
          sha256: p.sha256,
        })),
      );
      // The organisation's review policy decides whether the report waits for a reviewer.
      const status = arrivalStatus(context.reviewPolicy, { late, flags, result });
      const published = status === "published";
      const answerRows = body.answers.map((a) => ({
        auditId: id,
        itemKey: a.item,
        value: a.na ? null : (a.value ?? null),
        na: a.na ?? false,
        ruling: null,
        comment: a.comment ?? "",
      }));
      const evidenceRows = body.answers.flatMap((a) =>
        [...new Set(a.evidence ?? [])].map((sha) => {
          const upload = context.uploads.get(sha);
          return {
            auditId: id,
            itemKey: a.item,
            sha256: sha,
            objectKey: upload?.objectKey ?? "",
            contentType: upload?.contentType ?? "image/jpeg",
            byteSize: upload?.byteSize ?? 0,
            capturedAt: upload?.createdAt ?? now,
          };
        }),
      );
      const row: AuditRow = {
        id,
        organizationId: actor.organizationId,
        assignmentId: assignment.id,
        branchId: assignment.branchId,
        checklistVersionId: assignment.checklistVersionId,
        shopperId: actor.userId,
        status,
        contact: body.contact,
        visitStartedAt,
        visitEndedAt,
        visitMonth,
        locationLat: body.location?.lat ?? null,
        locationLng: body.location?.lng ?? null,
        locationAccuracy: body.location?.accuracy ?? null,
        locationTakenAt: body.location ? Date.parse(body.location.takenAt) : null,
        staffDescription: body.staffDescription,
        // What the organisation's policy lets the report keep; the content hash stays over the body as sent.
        staffName: staffNameShown(body.staffName, context.staffNames),
        fixesErasedAt: null,
        photosErasedAt: null,
        deidentifiedAt: null,
        overallComment: body.overallComment,
        score: result.score,
        criticalFailed: result.criticalFailed,
        scoreResult: result,
        late,
        flags,
        formSeconds: body.formSeconds ?? null,
        fixes: fixes.map((f) => ({ lat: f.lat, lng: f.lng, accuracy: f.accuracy, takenAt: f.takenAt })),
        contentHash,
        submittedAt: now,
        publishedAt: published ? now : null,
        ...unreviewedColumns(result.score),
      };
      const drafts: EventDraft[] = [
        {
          type: "audit.submitted",
          subject: { type: "audit", id },
          payload: { branchId: assignment.branchId, assignmentId: assignment.id, score: result.score, status },
        },
      ];
      // A report published on arrival judges the branch's actions and notifies its managers.
      const effects = published
        ? publicationEffects(
            db,
            {
              organizationId: actor.organizationId,
              auditId: id,
              branchId: assignment.branchId,
              checklistId: assignment.checklistId,
              document: assignment.document,
              result,
              score: result.score,
              visitStartedAt,
              timezone: assignment.timezone,
              actionsOnCritical: context.actionsOnCritical,
              // A new report: its visit has earned nothing yet (one report per visit).
              earning: {
                assignmentId: assignment.id,
                shopperId: actor.userId,
                feeCents: assignment.feeCents,
                reimbursementCapCents: assignment.reimbursementCapCents,
                exists: false,
              },
              now,
            },
            context.watched,
          )
        : null;
      if (published) {
        drafts.push(
          {
            type: "audit.published",
            subject: { type: "audit", id },
            payload: { score: result.score, by: "review_policy", policy: context.reviewPolicy },
          },
          ...(effects?.drafts ?? []),
        );
      }
      const build = async (head: ChainHead | null): Promise<NewAudit> => {
        const chained = await chainEvents(head, drafts, {
          organizationId: actor.organizationId,
          at: now,
          actor: { userId: actor.userId, role: actor.role },
        });
        const publishEvent = chained.find((e) => e.type === "audit.published");
        const receipt = publishEvent
          ? await signPublication(
              c.env.RECEIPT_SIGNING_KEY,
              publishedContentOf(row, answerRows, evidenceRows),
              publishEvent,
            )
          : null;
        return {
          row: { ...row, receipt: receipt as Record<string, unknown> | null },
          answers: answerRows,
          evidence: evidenceRows,
          // Only a published report counts in the roll-ups.
          rollup: published
            ? {
                target: {
                  organizationId: actor.organizationId,
                  branchId: assignment.branchId,
                  month: visitMonth,
                  checklistVersionId: assignment.checklistVersionId,
                  checklistId: assignment.checklistId,
                },
                delta: rollupDelta(result, 1),
              }
            : undefined,
          trail: appendEventStatements(db, chained),
          effects: effects?.statements,
          prints,
          bands,
        };
      };
      let stored: NewAudit;
      try {
        stored = await commitChained(async (tries) => {
          const head = tries === 1 ? context.head : chainHeadOf(await chainHeadQuery(db, actor.organizationId));
          const next = await build(head);
          await insertAudit(db, next);
          return next;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Lost a race: the same id (a retry that overtook us) or another report for the assignment.
        const again = await readSubmissionContext(db, {
          auditId: id,
          organizationId: actor.organizationId,
          shopperId: actor.userId,
          assignmentId: body.assignmentId,
          shas: [],
        });
        if (again.existing) return replay(again.existing);
        throw new ApiError("conflict", "This assignment already has a report");
      }
      // Answer from what was just written (it is exactly what a read would return): the whole
      // submission then costs three D1 round trips, session included.
      return c.json(presentAudit(asStored(stored, context.staffNames), auditView(actor), disputeView(actor)), 201);
    },
  )
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    const full = await getAudit(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!full) throw new ApiError("not_found");
    authorize(actor, "read", {
      type: "audit",
      shopperId: full.audit.shopperId,
      branchId: full.audit.branchId,
      regionId: full.regionId,
      published: shownAsPublished(full.audit.status),
    });
    return c.json(presentAudit(full, auditView(actor), disputeView(actor)));
  });
