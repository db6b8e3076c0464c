import { z } from "zod";
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

const queueCursor = instantCursor("submittedAt");

export const reviewQueueQuery = z.strictObject({
  status: z.enum(["waiting", "claimed", "returned"]).optional(),
  branchId: id.optional(),
  regionId: id.optional(),
  checklistId: id.optional(),
  claimedByMe: z.enum(["true", "false"]).optional(),
  /** Also count every state (waiting, overdue, claimed by me, returned): reads each state's whole range. */
  counts: z.enum(["true", "false"]).optional(),
  cursor: queueCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
