import { z } from "zod";
import { QUALITY_FLAG_CODES, type QualityFlagCode } from "../domain/quality-flags";
import { answerValue } from "./audits";
import { id, instantCursor, multilineText, optionalMultilineText } from "./common";
import { version } from "./organization";

export { version };

/** A reason a reviewer or an admin gives for a change (kept in the trail). */
const reason = multilineText(1000);

export const versionBody = z.strictObject({ version });
export const reasonBody = z.strictObject({ version, reason });

export const auditItemParam = z.object({ id: z.uuid(), itemKey: z.string().min(1).max(64) });

/** A reviewer's edit of one answer: a value or N/A, optionally a new comment, always a reason. */
export const editAnswerBody = z
  .strictObject({
    value: answerValue.optional(),
    na: z.literal(true).optional(),
    comment: optionalMultilineText(2000).optional(),
    reason,
    version,
  })
  .refine((b) => (b.value === undefined) !== (b.na === undefined), {
    path: ["value"],
    message: "Give either a value or na: true",
  });

export const returnBody = z.strictObject({
  version,
  questions: z
    .array(z.strictObject({ itemKey: z.string().min(1).max(64).optional(), text: multilineText(1000) }))
    .min(1)
    .max(20),
});

export const repliesBody = z.strictObject({
  /** The phone's id of this reply (idempotency: the outbox may send it again). */
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _"),
  replies: z
    .array(z.strictObject({ questionId: id, text: multilineText(2000) }))
    .min(1)
    .max(20),
});

/** `<submitted at, ms>.<id>` of the last row; sorted by flags, `<flag count>:` before it. */
const queueCursor = z
  .string()
  .max(100)
  .regex(/^(\d{1,3}:)?\d{1,15}\.[^.\s]{1,64}$/, "Use the nextCursor of the previous page")
  .transform((cursor) => {
    const colon = cursor.indexOf(":");
    const rest = colon < 0 ? cursor : cursor.slice(colon + 1);
    const { submittedAt, id } = instantCursor("submittedAt").parse(rest);
    return { submittedAt, id, ...(colon < 0 ? {} : { flagCount: Number(cursor.slice(0, colon)) }) };
  });

const flagCodes = new Set<string>(QUALITY_FLAG_CODES);

export const reviewQueueQuery = z
  .strictObject({
    status: z.enum(["waiting", "claimed", "returned"]).optional(),
    branchId: id.optional(),
    regionId: id.optional(),
    checklistId: id.optional(),
    claimedByMe: z.enum(["true", "false"]).optional(),
    /** Also count every state (waiting, overdue, claimed by me, returned): reads each state's whole range. */
    counts: z.enum(["true", "false"]).optional(),
    /** Only reports with one of these flags: one code or several, comma-separated. */
    flag: z
      .string()
      .max(200)
      .transform((v) => v.split(","))
      .refine((codes) => codes.every((c) => flagCodes.has(c)), `Flag codes: ${QUALITY_FLAG_CODES.join(", ")}`)
      .transform((codes) => [...new Set(codes)] as QualityFlagCode[])
      .optional(),
    /** `submitted` (oldest first, the default) or `flags` (most flags first, then oldest). */
    sort: z.enum(["submitted", "flags"]).default("submitted"),
    cursor: queueCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.cursor || (q.cursor.flagCount !== undefined) === (q.sort === "flags"), {
    path: ["cursor"],
    message: "Use the nextCursor of the previous page, with the same sort",
  });
