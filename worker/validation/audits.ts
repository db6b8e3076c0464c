import { z } from "zod";
import { ASSIGNMENT_STATUSES, CONTACT_KINDS } from "../../schema/enums";
import { hasBidiControls } from "../domain/text";
import { allowedCharacters, id, instantCursor, optionalMultilineText, optionalText } from "./common";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23");
const isoInstant = z.iso.datetime({ offset: true });
/** An answer: yes/no, a number, an option key or the text of a text item (kept as typed, untrimmed). */
export const answerValue = z.union([
  z.boolean(),
  z.number(),
  z
    .string()
    .max(4000)
    .refine(...allowedCharacters("multiline")),
]);
/** A photo's address: the SHA-256 of its uploaded bytes, in lower-case hex (`sha256HexOfBytes`). */
export const evidenceSha256 = z.string().regex(/^[0-9a-f]{64}$/, "A SHA-256 in lower-case hex");
/** `/evidence/:sha256`: a malformed hash is 400 naming the field (the phone computed it; it has a format). */
export const evidenceParam = z.object({ sha256: evidenceSha256 });

export const createAssignmentBody = z
  .strictObject({
    branchId: id,
    checklistVersionId: id,
    shopperId: id,
    windowStart: isoDate,
    windowEnd: isoDate,
    scenario: optionalMultilineText(2000).default(""),
  })
  .refine((a) => a.windowStart <= a.windowEnd, {
    path: ["windowEnd"],
    message: "The window cannot end before it starts",
  });

export const updateAssignmentBody = z.strictObject({ status: z.literal("cancelled") });

/** Where the next page of finished assignments starts: `<finished at, ms>.<id>` of the last one. */
const assignmentCursor = instantCursor("finishedAt");

/**
 * Open work comes whole (and only on the first page); finished work (submitted or cancelled)
 * in pages of `limit`, most recently finished first, from `cursor` on.
 */
export const listAssignmentsQuery = z.strictObject({
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  branchId: id.optional(),
  shopperId: id.optional(),
  cursor: assignmentCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

/** `PUT /audits/:id`: the phone chooses the report's id, so a malformed one is 400 naming the field. */
export const auditIdParam = z.object({ id: z.uuid() });

/**
 * The whole report, as the phone sends it. Scores sent by a client are not part of the
 * shape: the server computes its own. At most 90 photos per report (D1 parameter limits).
 */
export const submitAuditBody = z.strictObject({
  assignmentId: id,
  checklistVersionId: id,
  contact: z.enum(CONTACT_KINDS),
  visitStartedAt: isoInstant,
  visitEndedAt: isoInstant,
  location: z
    .strictObject({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
      accuracy: z.number().min(0).max(100_000),
      takenAt: isoInstant,
    })
    .nullable()
    .optional(),
  staffDescription: optionalMultilineText(2000).default(""),
  /**
   * The name of the person who served, if the shopper wrote one: kept as the organisation's
   * `staffNames` policy allows (docs/PRIVACY.md). Optional: phones and drafts from before send none.
   */
  staffName: optionalText(80)
    .refine((name) => !hasBidiControls(name), {
      message: "Direction controls are not allowed in a name",
      params: { code: "invalid_characters" },
    })
    .optional(),
  overallComment: optionalMultilineText(4000).default(""),
  answers: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(64),
        value: answerValue.optional(),
        na: z.boolean().optional(),
        comment: optionalMultilineText(2000).optional(),
        evidence: z.array(evidenceSha256).max(10).optional(),
      }),
    )
    .max(500),
  /** Seconds from first opening the form to pressing Send (older phones send none). */
  formSeconds: z.number().int().min(0).max(86_400).optional(),
  /** The visit's location fixes, oldest first (`location` stays the check-in). */
  fixes: z
    .array(
      z.strictObject({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        accuracy: z.number().min(0).max(100_000),
        takenAt: isoInstant,
      }),
    )
    .max(30)
    .optional(),
  /** What the phone knew of the evidence photos before upload: its dHash and the EXIF capture time. */
  photos: z
    .array(
      z.strictObject({
        sha256: evidenceSha256,
        dHash: z
          .string()
          .regex(/^[0-9a-f]{16}$/, "16 lower-case hex digits")
          .nullable(),
        capturedAt: isoInstant.nullable(),
      }),
    )
    .max(50)
    .optional(),
});
