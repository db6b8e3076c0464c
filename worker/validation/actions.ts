import { z } from "zod";
import { ACTION_STATUSES } from "../../schema/enums";
import { isCalendarDate } from "../domain/periods";
import { evidenceSha256 } from "./audits";
import { booleanQuery, id, multilineText, text, version } from "./common";

/** A calendar date (YYYY-MM-DD) that exists; whether it is early enough is the handler's check (branch calendar). */
const dueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23")
  .refine(isCalendarDate, "Not a calendar date");

/** A member of the organisation, or a free-text name (staff need not have accounts). */
const owner = z.union([z.strictObject({ userId: id }), z.strictObject({ name: text(120) })]);

/** An item key of the report (checked against its stored result by the handler). */
const itemKey = z.string().trim().min(1).max(64);

export const createActionBody = z.strictObject({
  /**
   * The action's id, made by the client (a UUID) so a retried or double-sent creation makes one
   * action: the same id again answers with the action it made.
   */
  id: z.uuid().optional(),
  auditId: id,
  itemKeys: z
    .array(itemKey)
    .min(1)
    .max(20)
    .refine((keys) => new Set(keys).size === keys.length, {
      message: "An item is named twice",
      params: { code: "taken" },
    }),
  title: text(500),
  owner,
  dueDate,
});

/**
 * A change of an action: a status step (`done` with a note, `verified`, or `open` with a
 * reason: returned from done, reopened from verified) and/or edits of title, owner and due date.
 */
export const updateActionBody = z
  .strictObject({
    version,
    status: z.enum(["done", "verified", "open"]).optional(),
    note: multilineText(2000).optional(),
    evidence: evidenceSha256.optional(),
    reason: multilineText(2000).optional(),
    title: text(500).optional(),
    owner: owner.optional(),
    dueDate: dueDate.optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string, code: string) =>
      ctx.addIssue({ code: "custom", path: [path], message, params: { code } });
    if (body.status === "done" && body.note === undefined) issue("note", "Say what was done", "required");
    if (body.status === "open" && body.reason === undefined) issue("reason", "Give the reason", "required");
    if (body.status !== "done" && body.note !== undefined) issue("note", "A note goes with status done", "not_allowed");
    if (body.status !== "done" && body.evidence !== undefined)
      issue("evidence", "A photo goes with status done", "not_allowed");
    if (body.status !== "open" && body.reason !== undefined)
      issue("reason", "A reason goes with status open", "not_allowed");
    const changes = [body.status, body.title, body.owner, body.dueDate];
    if (changes.every((value) => value === undefined))
      issue("status", "Nothing to change: send a status or an edit", "required");
  });

/** `/actions/:id/evidence/:sha256` (`validateRowParams`): the row's id (404 when it cannot name one) and the photo's address (400). */
export const actionEvidenceParam = z.object({ id, sha256: evidenceSha256 });

/** `<overdue 0|1>.<dueDate>.<id>`: an id has no dots, spaces or control characters. */
const ACTION_CURSOR = /^[01]\.\d{4}-\d{2}-\d{2}\.[^.\s\p{Cc}]{1,64}$/u;

/** Where a page of actions starts: `<overdue 0|1>.<dueDate>.<id>` of the last action shown (a real date). */
const actionCursor = z
  .string()
  .max(120)
  .refine((cursor) => ACTION_CURSOR.test(cursor) && isCalendarDate(cursor.slice(2, 12)), {
    message: "Not a cursor of this list",
    params: { code: "invalid_format" },
  })
  .transform((cursor) => ({
    overdue: cursor[0] === "1",
    dueDate: cursor.slice(2, 12),
    id: cursor.slice(13),
  }));

export const listActionsQuery = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  branchId: id.optional(),
  regionId: id.optional(),
  /** The actions a report started (its page lists them). */
  auditId: id.optional(),
  overdue: booleanQuery.optional(),
  cursor: actionCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const actionFiguresQuery = z.strictObject({
  groupBy: z.enum(["branch", "region"]).default("branch"),
  branchId: id.optional(),
  regionId: id.optional(),
});
