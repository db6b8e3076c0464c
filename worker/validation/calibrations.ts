import { z } from "zod";
import { answerValue, evidenceSha256 } from "./audits";
import { id, multilineText, optionalMultilineText, text } from "./common";
import { version } from "./organization";

/** A calibration invites a handful of raters; more than 50 is not a calibration any more. */
const MAX_RATERS = 50;

/**
 * `POST /calibrations`: a title, the raters (shoppers and reviewers, ≥ 2) and optionally the
 * expert among them, and what they rate: a published report (`auditId`), or a checklist version
 * with a written scenario (both languages), an optional call transcript and photos.
 */
export const createCalibrationBody = z
  .strictObject({
    title: text(200),
    auditId: id.optional(),
    checklistVersionId: id.optional(),
    scenario: z.strictObject({ en: multilineText(4000), zh: multilineText(4000) }).optional(),
    transcript: optionalMultilineText(20000).default(""),
    photoShas: z.array(evidenceSha256).max(20).default([]),
    raterIds: z.array(id).min(2).max(MAX_RATERS),
    expertId: id.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (body.auditId && body.checklistVersionId) {
      issue("checklistVersionId", "Rate a report or a written scenario, not both");
    } else if (!body.auditId && !body.checklistVersionId) {
      issue("auditId", "Pick a report, or a checklist version with a scenario");
    }
    if (body.checklistVersionId && !body.scenario) {
      ctx.addIssue({ code: "invalid_type", expected: "object", path: ["scenario"], message: "Required" });
    }
    if (body.auditId && (body.scenario || body.transcript || body.photoShas.length)) {
      issue("scenario", "A report brings its own visit: write no scenario, transcript or photos");
    }
    if (new Set(body.raterIds).size !== body.raterIds.length) issue("raterIds", "Invite each rater once");
    if (body.expertId && !body.raterIds.includes(body.expertId))
      issue("expertId", "The expert must be one of the raters");
  });

/** A rater's answers, as a report's (without photos): by item key, a value or N/A, and a comment. */
export const saveRatingsBody = z.strictObject({
  version,
  answers: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(64),
        value: answerValue.optional(),
        na: z.boolean().optional(),
        comment: optionalMultilineText(2000).optional(),
      }),
    )
    .max(500),
  /** Done: the answers are final (every scored item answered), and the rater can no longer edit them. */
  submit: z.boolean().default(false),
});

/** `POST /calibrations/:id/close`: the version the admin saw. */
export const closeCalibrationBody = z.strictObject({ version });

/** `GET /calibrations/alpha-by-item`: one checklist's closed rounds. */
export const alphaByItemQuery = z.strictObject({ checklistId: id });

/** `/calibrations/:id/photos/:sha256`: the row's id (404 when it cannot name one) and the photo's address (400). */
export const calibrationPhotoParam = z.object({ id, sha256: evidenceSha256 });

/** `/calibrations/:id/ratings/:raterId` (`validateRowParam`): both name rows, so either malformed is 404. */
export const calibrationRatingParam = z.object({ id, raterId: id });
